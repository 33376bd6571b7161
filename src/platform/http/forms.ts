import type { FieldError } from '../events/command.js';

/**
 * Turns field errors into what the GOV.UK error summary and the fields' error messages need. `ids`
 * maps a field name to the id of the input it belongs to, when they differ.
 */
export function formErrors(errors: FieldError[], ids: Record<string, string> = {}) {
  const fieldErrors: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const error of errors) {
    const field = error.field.split('.')[0] ?? error.field;
    if (fieldErrors[field]) continue;
    fieldErrors[field] = { text: error.message };
    errorList.push({ text: error.message, href: `#${ids[field] ?? field}` });
  }
  return { errorList, fieldErrors };
}

/** A form field that may arrive once or several times (checkboxes) as an array. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
