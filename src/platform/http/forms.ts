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

/**
 * A GOV.UK date input (`<name>-day`, `<name>-month`, `<name>-year`) read as a calendar date
 * (YYYY-MM-DD), or the error to show beside it, worded as the Design System's date input asks:
 * "Enter the date of the search", "… must include a month", "… must be a real date".
 */
export function readDateInput(body: Record<string, unknown>, name: string, label: string): { ok: true; date: string } | { ok: false; error: FieldError } {
  const part = (p: string) => (typeof body[`${name}-${p}`] === 'string' ? (body[`${name}-${p}`] as string).trim() : '');
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return { ok: false, error: { field: name, message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` } };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length) return { ok: false, error: { field: name, message: `${label} must include a ${missing.join(' and ')}` } };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  const real = /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso;
  if (!real) return { ok: false, error: { field: name, message: `${label} must be a real date, for example 27 3 2026` } };
  return { ok: true, date: iso };
}

/** A calendar date as the three values of a GOV.UK date input: `{ 'date-day': '4', … }`. */
export function dateInputValues(name: string, iso: string | null | undefined): Record<string, string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? { [`${name}-day`]: String(Number(match[3])), [`${name}-month`]: String(Number(match[2])), [`${name}-year`]: match[1]! } : {};
}

/** A form's fields as single strings: a field sent twice (or as anything but text) counts as not given, so the form asks for it again. */
export function singleFields(raw: unknown): Record<string, string> {
  const fields = raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
  return Object.fromEntries(fields.filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
