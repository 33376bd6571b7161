import { z } from 'zod';
import { CASEWORKERS } from '../../identity/roles.js';
import { caseRowCommand } from '../case-command.js';
import type { CasePageSection } from '../case-page-sections.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { decideAddCaseNote, NOTE_MAX_LENGTH } from '../../../domain/case/notes.js';

/* Notes on a case: free text, kept on the case's stream and shown newest first. */

export { NOTE_MAX_LENGTH };
export const NOTE_WRITERS = [...CASEWORKERS, 'finance-officer'] as const;

/** A note's decision reads nothing of the case file: the case row is loaded, not the file (see caseRowCommand). */
export const addCaseNote = caseRowCommand({
  name: 'addCaseNote',
  input: z.object({ reference: z.string(), text: z.string() }),
  roles: NOTE_WRITERS,
  decide: decideAddCaseNote,
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
