import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { ACCREDITATION_LETTER_KINDS, decideProduceAccreditationLetter, decideRecordAccreditationLetterEmailed, type LetterToRecord } from '../../domain/accreditation/letters.js';
import { CASEWORKERS } from '../identity/roles.js';
import { accreditationLettersProjector } from './projector.js';
import { accreditationLetters } from './assess-schema.js';

/** Who produces and emails an application's letters: the assessors (the penalty team), as the step that calls for the letter. */
export const ACCREDITATION_ASSESSORS = CASEWORKERS;

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
});

async function letterRow(tx: Db, letterId: string) {
  const [row] = await tx.select().from(accreditationLetters).where(eq(accreditationLetters.id, letterId));
  return row ?? null;
}

/** Records a letter whose PDF is already in the file store (on a new `accreditation-letter-<id>` stream). */
export const produceAccreditationLetter: CommandDefinition<LetterToRecord, { exists: boolean }, { letterId: string }> = {
  name: 'produceAccreditationLetter',
  input: produceAccreditationLetterInput,
  roles: ACCREDITATION_ASSESSORS,
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
  roles: ACCREDITATION_ASSESSORS,
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
