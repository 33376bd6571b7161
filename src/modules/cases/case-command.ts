import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition, Decision } from '../../platform/events/command.js';
import type { Projector } from '../../platform/projections/projector.js';
import { headHashOf, readStream, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import { foldCaseFile, type CaseFile } from './case-file.js';
import { policyVersionsIn } from './case-clock.js';
import { cases, liabilities } from './schema.js';
import { casesProjector } from './projector.js';

/**
 * A step on the case that is not a move of a liability's stage (a note, an address change, a means
 * assessment, a linked case, an assignment): its events go on the case's stream like every other,
 * so the timeline and the audit chain have them, and the case version moves (two officers acting
 * at once cannot overwrite each other).
 *
 *   export const addNote = caseCommand({
 *     name: 'addCaseNote', input: z.object({ reference: z.string(), text: z.string() }), roles: CASEWORKERS,
 *     decide: (file, input, { actor }) => ({ ok: true, events: [{ type: CASE_EVENT.CaseNoteAdded, payload: { text: input.text } }] }),
 *   });
 */
export function caseCommand<I extends { reference: string }, R = { reference: string; version: number }>(definition: {
  name: string;
  input: z.ZodType<I>;
  roles: readonly string[];
  /** A check on who is acting (e.g. the approver is not the proposer), before decide. */
  authorise?: (actor: Actor, file: CaseFile) => string | null;
  /** Pure: the events to append, or a refusal with reasons. */
  decide: (file: CaseFile, input: I, context: { actor: Actor; now: Date }) => Decision;
  /** The projectors of other modules whose tables its events change (the cases projector always runs first). */
  projectors?: readonly Projector[];
  /** Builds the answer (and writes the tables of modules not yet projected), in the same transaction. */
  project?: (tx: Db, args: { file: CaseFile; input: I; events: NewEvent[]; actor: Actor; now: Date; version: number }) => Promise<R>;
}): CommandDefinition<I, CaseFile, R> {
  return {
    name: definition.name,
    input: definition.input,
    roles: definition.roles,
    streamType: 'case',
    async load(tx, input) {
      const [kase] = await tx.select().from(cases).where(eq(cases.reference, input.reference.trim().toUpperCase())).for('update');
      if (!kase) return null;
      const rows = await tx.select().from(liabilities).where(eq(liabilities.caseId, kase.id)).orderBy(asc(liabilities.role), asc(liabilities.offence));
      const stream = await readStream(tx, `case-${kase.id}`);
      const file = foldCaseFile(kase, rows, stream, await policyVersionsIn(tx));
      return { streamId: `case-${kase.id}`, version: kase.version, state: file, headHash: headHashOf(stream, kase.version) };
    },
    ...(definition.authorise ? { authorise: definition.authorise } : {}),
    decide: definition.decide,
    // The case's rows follow its events: the projectors write them, before the answer is built.
    projectors: [casesProjector, ...(definition.projectors ?? [])],
    async project(tx, { state: file, input, events, actor, now, version }) {
      if (definition.project) return definition.project(tx, { file, input, events, actor, now, version });
      return { reference: file.kase.reference, version } as R;
    },
  };
}
