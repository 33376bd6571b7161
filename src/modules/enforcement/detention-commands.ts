import { z } from 'zod';
import { decideEndDetention, decideRecordDetention } from '../../domain/payments/detention-decisions.js';
import { caseCommand } from '../casework/case-command.js';
import { enforcementProjector } from './projector.js';
import type { Db } from '../../platform/database/client.js';
import { streamVersion, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import type { CaseFile } from '../casework/case-file.js';

/*
 * Detaining a vehicle for an unpaid penalty, and ending the detention: case events (decided in
 * src/domain/payments/detention-decisions.ts), kept in `detentions` by the payments projector.
 */

export { detentionsOf, type DetentionRecord } from '../../domain/payments/detention-decisions.js';

export const DETENTION_OFFICERS = ['finance-officer', 'senior-officer'] as const;
export const DETENTION_VIEWERS = ['finance-officer', 'senior-officer', 'manager'] as const;

/** Work done in the detention's transaction after its events (the detention notice: `src/app.ts` passes correspondence's). */
export type DetentionEffect = (tx: Db, args: { file: CaseFile; events: readonly NewEvent[]; actor: Actor; now: Date }) => Promise<void>;

/** `recordDetention` with work done in its transaction after the events, e.g. the letter the detention sends. */
export function recordDetentionWith(effects: readonly DetentionEffect[]) {
  return caseCommand({
    name: 'recordDetention',
    input: z.object({
      reference: z.string(),
      detentionId: z.string().uuid(),
      liabilityId: z.string(),
      registration: z.string(),
      place: z.string(),
      startedOn: z.string(),
      dailyCostPence: z.number().int(),
    }),
    roles: DETENTION_OFFICERS,
    decide: decideRecordDetention,
    projectors: [enforcementProjector],
    async project(tx, { file, events, actor, now, version }) {
      for (const effect of effects) await effect(tx, { file, events, actor, now });
      // A letter kept by an effect moves the case's version: answer the version after it.
      return { reference: file.kase.reference, version: effects.length ? await streamVersion(tx, `case-${file.kase.id}`) : version };
    },
  });
}

/** Recording a detention without effects (the CLI and tests; the app passes its letters through `recordDetentionWith`). */
export const recordDetention = recordDetentionWith([]);

/**
 * Ends a detention (see `decideEndDetention`). The costs charged become part of the debt: the cases
 * projector keeps the liability's money columns in step from `DetentionCostsCharged`.
 */
export const endDetention = caseCommand({
  name: 'endDetention',
  input: z.object({ reference: z.string(), detentionId: z.string(), how: z.string(), endedOn: z.string() }),
  roles: DETENTION_OFFICERS,
  decide: decideEndDetention,
  projectors: [enforcementProjector],
  // The costs charged are part of the debt: the cases projector keeps the money columns in step.
  async project(_tx, { file, version }) {
    return { reference: file.kase.reference, version };
  },
});
