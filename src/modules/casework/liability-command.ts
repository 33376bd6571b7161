import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { decideLiabilitySteps } from '../../domain/case/liability-steps.js';
import { applyEvents } from '../../domain/liability/evolve.js';
import { isLiabilityEventType, type LiabilityEvent } from '../../domain/liability/liability-events.js';
import { liabilityIdOf } from '../../domain/case/events.js';
import type { LiabilityState } from '../../domain/liability/liability-state.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_READERS } from '../identity/roles.js';
import { caseStage, foldCaseFile, withOpenPartyMatches, type CaseFile, type LiabilityRow, type OpenPartyMatches } from './case-file.js';
import { cases, liabilities } from './schema.js';
import { loadCase } from './case-command.js';
import { casesProjector } from './projector.js';
import { headHashOf } from '../../platform/events/event-store.js';

export const liabilityActionInput = z.object({
  reference: z.string({ message: 'Give the case reference' }).trim().min(1, 'Give the case reference'),
  liabilityIds: z.array(z.string()).min(1, 'Choose at least one responsible person').max(20),
  action: z.looseObject({ type: z.string({ message: 'Say what to do' }) }),
});
export type LiabilityActionInput = z.infer<typeof liabilityActionInput>;

/** What one liability went through in a command: for read tables and side effects (letters). */
export interface LiabilityChange {
  row: LiabilityRow;
  before: LiabilityState;
  after: LiabilityState;
  events: LiabilityEvent[];
}

/**
 * Work done in the command's transaction after its events are appended, e.g. producing the letter a
 * command sends. Throwing rolls the whole command back, so a notice is never recorded as sent
 * without its letter.
 */
export type CaseworkEffect = (tx: Db, args: { file: CaseFile; changes: LiabilityChange[]; actor: Actor; now: Date }) => Promise<void>;

export interface LiabilityActionResult {
  reference: string;
  /** The case version after the step: the next step's expected version. */
  version: number;
  caseStage: string;
  stages: Record<string, string>;
}

async function loadFile(tx: Db, reference: string): Promise<CaseFile | null> {
  const loaded = await loadCase(tx, reference);
  return loaded ? foldCaseFile(loaded.kase, loaded.rows, loaded.stream, loaded.versions) : null;
}

/**
 * Every casework step on a liability is this one command: load the case file, ask the domain's
 * `decideLiabilitySteps` (the transition table and every guard, for each chosen liability), append
 * the events with the liability's id; the cases projector keeps the read tables in step. Several liabilities at once
 * (e.g. both offences of one person) succeed or fail together.
 */
export function liabilityActionCommand(effects: readonly CaseworkEffect[] = [], openMatches?: OpenPartyMatches): CommandDefinition<LiabilityActionInput, CaseFile, LiabilityActionResult> {
  return {
    name: 'liabilityAction',
    input: liabilityActionInput,
    roles: CASE_READERS,
    streamType: 'case',
    projectors: [casesProjector],
    // No lock, like every case step: the append at the case's next version is the guard, and every
    // writer of a case's rows meets that key first (a row lock taken before it could deadlock with
    // an optimistic step appending first). Its projector folds the case (a read), so its writes go
    // to a transaction, after the load.
    optimistic: true,
    async load(tx, input) {
      const loaded = await loadFile(tx, input.reference);
      // On the connection the command gives: PGlite has one, so a read elsewhere inside a transaction would wait for it.
      const file = loaded ? await withOpenPartyMatches(tx, loaded, openMatches) : null;
      return file ? { streamId: `case-${file.kase.id}`, version: file.kase.version, state: file, headHash: headHashOf(file.events, file.kase.version) } : null;
    },
    decide: decideLiabilitySteps,
    async project(tx, { state: file, events, version, actor, now }) {
      const changes: LiabilityChange[] = [];
      const stages = new Map(file.liabilities.map((row) => [row.id, row.stage]));
      for (const row of file.liabilities) {
        const own = events.filter((event) => isLiabilityEventType(event.type) && liabilityIdOf(event) === row.id).map((event) => event as unknown as LiabilityEvent);
        if (own.length === 0) continue;
        const before = file.states.get(row.id)!;
        const after = applyEvents(before, own);
        changes.push({ row, before, after, events: own });
        stages.set(row.id, after.stage);
      }
      // The rows were written by the cases projector from the events; this is the answer.
      const stage = caseStage([...stages.values()]);
      for (const effect of effects) await effect(tx, { file, changes, actor, now });
      // A letter an effect produced is an event on the case too: the answer carries the version after it.
      const after = effects.length ? ((await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, file.kase.id)))[0]?.version ?? version) : version;
      return { reference: file.kase.reference, version: after, caseStage: stage, stages: Object.fromEntries(stages) };
    },
  };
}
