import { desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import type { Clock } from '../../platform/clock.js';
import { plateCheckHits } from './schema.js';
import { HIT_OUTCOMES, type HitOutcome } from '../../domain/plate-checks/events.js';
import { decidePlateCheckOutcome } from '../../domain/plate-checks/hit-outcome.js';

/** Who sees the hits and records what was done: the officers at the port, and senior officers. */
export const HIT_OFFICERS = ['port-officer', 'senior-officer'] as const;

/** What the officers did about a hit (the codes its event records). */
export const OUTCOMES = HIT_OUTCOMES;
export type Outcome = HitOutcome;
const OUTCOME_VALUES = Object.keys(OUTCOMES) as [Outcome, ...Outcome[]];

export const outcomeInput = z
  .object({
    outcome: z.enum(OUTCOME_VALUES, { message: 'Choose what happened' }),
    reason: z.string().trim().max(1000, 'Reason must be 1,000 characters or fewer').optional(),
  })
  .superRefine((input, context) => {
    if (input.outcome === 'stopped-in-error' && !input.reason) {
      context.addIssue({ code: 'custom', path: ['reason'], message: 'Say why the vehicle was stopped in error' });
    }
  });

const recordOutcomeInput = z.object({ hitId: z.uuid() }).and(outcomeInput);
type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;
export type HitRow = typeof plateCheckHits.$inferSelect;

export const recordPlateCheckOutcome: CommandDefinition<RecordOutcomeInput, HitRow, HitRow> = {
  name: 'recordPlateCheckOutcome',
  input: recordOutcomeInput,
  roles: HIT_OFFICERS,
  streamType: 'plate-check-hit',
  async load(tx, input) {
    const [hit] = await tx.select().from(plateCheckHits).where(eq(plateCheckHits.id, input.hitId));
    if (!hit) return null;
    const streamId = `plate-check-hit-${hit.id}`;
    return { streamId, version: await streamVersion(tx, streamId), state: hit };
  },
  decide: decidePlateCheckOutcome,
  // plate_check_hits is a plain table, not part of the record (README): the outcome is written here.
  async project(tx, { state, input, actor, now }) {
    const [row] = await tx
      .update(plateCheckHits)
      .set({ outcome: input.outcome, outcomeReason: input.reason ?? null, outcomeBy: actor.name, outcomeAt: now })
      .where(eq(plateCheckHits.id, state.id))
      .returning();
    return row!;
  },
};

export function hitsService(db: Db, deps: { clock: Clock }) {
  return {
    recordOutcome: (hitId: string, input: Record<string, unknown>, context: CommandContext) =>
      executeCommand(db, recordPlateCheckOutcome, { ...input, hitId }, { ...context, now: context.now ?? deps.clock.now() }),
    async recent(options: { limit?: number; awaitingOutcome?: boolean } = {}) {
      return db
        .select()
        .from(plateCheckHits)
        .where(options.awaitingOutcome ? isNull(plateCheckHits.outcome) : undefined)
        .orderBy(desc(plateCheckHits.readAt), desc(plateCheckHits.createdAt), desc(plateCheckHits.id))
        .limit(options.limit ?? 100);
    },
    async get(id: string) {
      if (!z.uuid().safeParse(id).success) return null;
      const [row] = await db.select().from(plateCheckHits).where(eq(plateCheckHits.id, id));
      return row ?? null;
    },
  };
}

export type HitsService = ReturnType<typeof hitsService>;

/** A hit's matches as stored (the answer the reader was given). */
export interface StoredMatch {
  list: string;
  certainty: string;
  reason: string;
  caseRefs: string[];
  company: string | null;
  registration?: string;
  country?: string | null;
}
