import { DETECTING_METHODS, SELECTION_REASONS } from '../../domain/incident/search.js';

type Body = Record<string, unknown>;

const text = (body: Body, name: string): string | undefined => {
  const value = body[name];
  const s = typeof value === 'string' ? value.trim() : '';
  return s === '' ? undefined : s;
};

/**
 * The incident form's detection fields (partial `views/partials/detection-fields.njk`): the one
 * method that found them, why it is not known, and how the vehicle was selected. Merged into the
 * incident by `incidentFromForm`; absent fields are left out.
 */
export function detectionFromForm(body: Body): { detectingMethod?: string; detectingMethodUnknownReason?: string; selectionReason?: string } {
  const detectingMethod = text(body, 'detectingMethod');
  const reason = detectingMethod === 'not-known' ? text(body, 'detectingMethodUnknownReason') : undefined;
  const selectionReason = text(body, 'selectionReason');
  return {
    ...(detectingMethod ? { detectingMethod } : {}),
    ...(reason ? { detectingMethodUnknownReason: reason } : {}),
    ...(selectionReason ? { selectionReason } : {}),
  };
}

/** What the partial needs to draw its radios, with the saved or typed answers checked. */
export function detectionOptions(values: Record<string, unknown>) {
  return {
    // The reason for "not known" is a field of its own after the radios (a conditional reveal failed axe's aria-allowed-attr).
    detectingMethodItems: Object.entries(DETECTING_METHODS).map(([value, label]) => ({ value, text: label, checked: values.detectingMethod === value })),
    selectionItems: Object.entries(SELECTION_REASONS).map(([value, label]) => ({ value, text: label, checked: values.selectionReason === value })),
  };
}
