import type { CaseDecision } from './decision.js';
import { CASE_EVENT } from './events.js';

/* Notes on a case: free text on the case's stream. */

export const NOTE_MAX_LENGTH = 5000;

/** A note is added when it has text, and not too much of it. */
export function decideAddCaseNote(_file: unknown, input: { text: string }): CaseDecision {
  const text = input.text.trim();
  if (!text) return { ok: false, message: 'Enter the note', errors: [{ field: 'text', message: 'Enter the note' }] };
  if (text.length > NOTE_MAX_LENGTH) {
    const message = `The note must be ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`;
    return { ok: false, message, errors: [{ field: 'text', message }] };
  }
  return { ok: true, events: [{ type: CASE_EVENT.CaseNoteAdded, payload: { text } }] };
}
