import { z } from 'zod';
import { decideEndDetention, decideRecordDetention } from '../../domain/payments/detention-decisions.js';
import { caseCommand } from '../casework/case-command.js';
import { enforcementProjector } from './projector.js';

/*
 * Detaining a vehicle for an unpaid penalty, and ending the detention: case events (decided in
 * src/domain/payments/detention-decisions.ts), kept in `detentions` by the payments projector.
 */

export { detentionsOf, type DetentionRecord } from '../../domain/payments/detention-decisions.js';

export const DETENTION_OFFICERS = ['finance-officer', 'senior-officer'] as const;
export const DETENTION_VIEWERS = ['finance-officer', 'senior-officer', 'manager'] as const;

export const recordDetention = caseCommand({
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
});

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
