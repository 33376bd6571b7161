import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition, type CommandOutcome } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import {
  decideChangeImprovement,
  decideCompleteImprovement,
  decidePlanImprovement,
  decideWithdrawImprovement,
  improvementFromEvents,
  type ImprovementEvent,
  type ImprovementState,
} from '../../domain/insight/improvements.js';
import { readStream } from '../../platform/events/event-store.js';

/*
 * Planned improvements to the scheme, entered by their owner for a year's annual report. They live
 * only on the log (the `improvement` stream): the report reads them as of its asOf like every other
 * record (the `improvements` family), so no read table is needed.
 */

export const planImprovementInput = z.object({
  improvementId: z.uuid(),
  year: z.number().int(),
  title: z.string().max(2000),
  owner: z.string().max(2000),
  dueOn: z.string().max(20),
});
export type PlanImprovement = z.infer<typeof planImprovementInput>;

export const planImprovement: CommandDefinition<PlanImprovement, null, { improvementId: string }> = {
  name: 'planImprovement',
  input: planImprovementInput,
  roles: ['manager'],
  streamType: 'improvement',
  optimistic: true,
  load: async (_tx, input) => ({ streamId: `improvement-${input.improvementId}`, version: 0, state: null }),
  decide: decidePlanImprovement,
  project: async (_tx, { input }) => ({ improvementId: input.improvementId }),
};

const streamOf = (improvementId: string) => `improvement-${improvementId}`;

/** The improvement as its stream leaves it now, with the stream's version; null when never planned. */
export async function loadImprovement(db: Db, improvementId: string): Promise<{ state: ImprovementState; version: number } | null> {
  const stored = await readStream(db, streamOf(improvementId));
  const state = improvementFromEvents(stored.map((event) => ({ type: event.type, payload: event.payload }) as ImprovementEvent));
  return state ? { state, version: stored.at(-1)!.version } : null;
}

const loadFor = async (tx: Db, input: { improvementId: string }) => {
  const loaded = await loadImprovement(tx, input.improvementId);
  return loaded ? { streamId: streamOf(input.improvementId), version: loaded.version, state: loaded.state } : null;
};

export const changeImprovementInput = z.object({ improvementId: z.uuid(), title: z.string().max(2000), owner: z.string().max(2000), dueOn: z.string().max(20) });
/** Its owner changes what, who or when (manager); the page's version is checked so concurrent edits do not overwrite each other. */
export const changeImprovement: CommandDefinition<z.infer<typeof changeImprovementInput>, ImprovementState | null, { improvementId: string }> = {
  name: 'changeImprovement',
  input: changeImprovementInput,
  roles: ['manager'],
  streamType: 'improvement',
  load: loadFor,
  decide: decideChangeImprovement,
  project: async (_tx, { input }) => ({ improvementId: input.improvementId }),
};

export const completeImprovementInput = z.object({ improvementId: z.uuid() });
export const completeImprovement: CommandDefinition<z.infer<typeof completeImprovementInput>, ImprovementState | null, { improvementId: string }> = {
  name: 'completeImprovement',
  input: completeImprovementInput,
  roles: ['manager'],
  streamType: 'improvement',
  load: loadFor,
  decide: decideCompleteImprovement,
  project: async (_tx, { input }) => ({ improvementId: input.improvementId }),
};

export const withdrawImprovementInput = z.object({ improvementId: z.uuid(), reason: z.string().max(20000) });
export const withdrawImprovement: CommandDefinition<z.infer<typeof withdrawImprovementInput>, ImprovementState | null, { improvementId: string }> = {
  name: 'withdrawImprovement',
  input: withdrawImprovementInput,
  roles: ['manager'],
  streamType: 'improvement',
  load: loadFor,
  decide: decideWithdrawImprovement,
  project: async (_tx, { input }) => ({ improvementId: input.improvementId }),
};

type Context = { actor: Actor; now: Date; expectedVersion?: number };

export function improvementsService(db: Db) {
  return {
    get: (improvementId: string) => loadImprovement(db, improvementId),
    change(input: z.infer<typeof changeImprovementInput>, context: Context) {
      return executeCommand(db, changeImprovement, input, context);
    },
    complete(input: z.infer<typeof completeImprovementInput>, context: Context) {
      return executeCommand(db, completeImprovement, input, context);
    },
    withdraw(input: z.infer<typeof withdrawImprovementInput>, context: Context) {
      return executeCommand(db, withdrawImprovement, input, context);
    },
    plan(input: Omit<PlanImprovement, 'improvementId'>, context: { actor: Actor; now: Date; idempotencyKey?: string }, improvementId = randomUUID()): Promise<CommandOutcome<{ improvementId: string }>> {
      return executeCommand(db, planImprovement, { ...input, improvementId }, context);
    },
  };
}
