import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { ACCREDITATION_LETTER_KINDS, decideMarkAccreditationLetterPosted, decideProduceAccreditationLetter, decideRecordAccreditationLetterEmailed, type LetterToRecord } from '../../domain/accreditation/letters.js';
import type { Actor } from '../../platform/events/event-store.js';
import { CASEWORKERS } from '../identity/roles.js';
import { LETTER_POSTERS } from '../correspondence/correspondence-commands.js';
import { accreditationLettersProjector } from './projector.js';
import { accreditationLetters } from './assess-schema.js';

/** Who produces and emails an application's letters: the assessors (the penalty team), as the step that calls for the letter. */
export const ACCREDITATION_ASSESSORS = CASEWORKERS;
/** …and Cordon itself, running the `accreditation-letter` job (as correspondence's letters by email are recorded). */
export const ACCREDITATION_LETTER_WRITERS = [...CASEWORKERS, 'administrator'] as const;
/** Who the job is in the event log. */
export const ACCREDITATION_LETTERS_ACTOR: Actor = { id: 'system', name: 'Cordon (accreditation letters)', roles: ['administrator'] };

export const produceAccreditationLetterInput = z.object({
  letterId: z.uuid(),
  applicationReference: z.string().regex(/^CPAS-\d{4}-\d{5,}$/),
  kind: z.enum(ACCREDITATION_LETTER_KINDS),
  form: z.string().min(1).max(40),
  title: z.string().min(1).max(300),
  language: z.string().regex(/^[a-z]{2}$/),
  fileHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** A member's letter (review, suspension, removal): the member and what it is about. */
  member: z.object({ partyId: z.string().min(1).max(100), about: z.string().min(1).max(100) }).optional(),
  layoutHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

async function letterRow(tx: Db, letterId: string) {
  const [row] = await tx.select().from(accreditationLetters).where(eq(accreditationLetters.id, letterId));
  return row ?? null;
}

/** Records a letter whose PDF is already in the file store (on a new `accreditation-letter-<id>` stream). */
export const produceAccreditationLetter: CommandDefinition<LetterToRecord, { exists: boolean }, { letterId: string }> = {
  name: 'produceAccreditationLetter',
  input: produceAccreditationLetterInput,
  roles: ACCREDITATION_LETTER_WRITERS,
  streamType: 'accreditation-letter',
  optimistic: true,
  load: async (tx, input) => {
    const row = await letterRow(tx, input.letterId);
    return { streamId: `accreditation-letter-${input.letterId}`, version: row?.version ?? 0, state: { exists: row !== null } };
  },
  decide: decideProduceAccreditationLetter,
  projectors: [accreditationLettersProjector],
  project: async (_tx, { input }) => ({ letterId: input.letterId }),
};

export const recordAccreditationLetterEmailedInput = z.object({ letterId: z.uuid(), to: z.string().min(3).max(320) });

/** Records that the letter was emailed (after the mailer accepted it). */
export const recordAccreditationLetterEmailed: CommandDefinition<z.infer<typeof recordAccreditationLetterEmailedInput>, { emailedTo: string | null }, { letterId: string }> = {
  name: 'recordAccreditationLetterEmailed',
  input: recordAccreditationLetterEmailedInput,
  roles: ACCREDITATION_LETTER_WRITERS,
  streamType: 'accreditation-letter',
  optimistic: true,
  load: async (tx, input) => {
    const row = await letterRow(tx, input.letterId);
    return row ? { streamId: `accreditation-letter-${row.id}`, version: row.version, state: { emailedTo: row.emailedTo } } : null;
  },
  decide: decideRecordAccreditationLetterEmailed,
  projectors: [accreditationLettersProjector],
  project: async (_tx, { input }) => ({ letterId: input.letterId }),
};

export const markAccreditationLetterPostedInput = z.object({ letterId: z.uuid() });

/** The letter was printed and posted (the postal outbox's "Mark as posted"); once per letter. */
export const markAccreditationLetterPosted: CommandDefinition<z.infer<typeof markAccreditationLetterPostedInput>, { postedOn: string | null }, { letterId: string }> = {
  name: 'markAccreditationLetterPosted',
  input: markAccreditationLetterPostedInput,
  roles: LETTER_POSTERS,
  streamType: 'accreditation-letter',
  optimistic: true,
  load: async (tx, input) => {
    const row = await letterRow(tx, input.letterId);
    return row ? { streamId: `accreditation-letter-${row.id}`, version: row.version, state: { postedOn: row.postedOn } } : null;
  },
  decide: decideMarkAccreditationLetterPosted,
  projectors: [accreditationLettersProjector],
  project: async (_tx, { input }) => ({ letterId: input.letterId }),
};
