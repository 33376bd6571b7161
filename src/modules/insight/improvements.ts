import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandDefinition, type CommandOutcome } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { decidePlanImprovement } from '../../domain/insight/improvements.js';

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

export function improvementsService(db: Db) {
  return {
    plan(input: Omit<PlanImprovement, 'improvementId'>, context: { actor: Actor; now: Date; idempotencyKey?: string }, improvementId = randomUUID()): Promise<CommandOutcome<{ improvementId: string }>> {
      return executeCommand(db, planImprovement, { ...input, improvementId }, context);
    },
  };
}
