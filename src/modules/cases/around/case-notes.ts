import { z } from 'zod';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseCommand } from '../case-command.js';
import type { CasePageSection } from '../case-page-sections.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/* Notes on a case: free text, kept on the case's stream and shown newest first. */

export const NOTE_MAX_LENGTH = 5000;
export const NOTE_WRITERS = [...CASEWORKERS, 'finance-officer'] as const;

export const addCaseNote = caseCommand({
  name: 'addCaseNote',
  input: z.object({ reference: z.string(), text: z.string() }),
  roles: NOTE_WRITERS,
  decide(_file, input) {
    const text = input.text.trim();
    if (!text) return { ok: false, message: 'Enter the note', errors: [{ field: 'text', message: 'Enter the note' }] };
    if (text.length > NOTE_MAX_LENGTH) {
      const message = `The note must be ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`;
      return { ok: false, message, errors: [{ field: 'text', message }] };
    }
    return { ok: true, events: [{ type: CASE_EVENT.CaseNoteAdded, payload: { text } }] };
  },
});

export const notesSection: CasePageSection = {
  name: 'notes',
  async load(file, actor) {
    return {
      canAdd: actor.roles.some((role) => (NOTE_WRITERS as readonly string[]).includes(role)),
      notes: file.events
        .filter((event) => event.type === CASE_EVENT.CaseNoteAdded)
        .map((event) => ({ text: String(event.payload.text), byName: event.actorName, at: event.occurredAt }))
        .reverse(),
    };
  },
};
