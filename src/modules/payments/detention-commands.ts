import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { CASE_EVENT } from '../../domain/case/events.js';
import { isEventOf } from '../../domain/events.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { withDebtFacts } from '../../domain/payments/debt.js';
import { decideEndDetention, decideRecordDetention } from '../../domain/payments/detention-decisions.js';
import { liabilityMoneyColumns } from '../cases/liability-read-columns.js';
import { liabilities } from '../cases/schema.js';
import { caseCommand } from '../cases/case-command.js';
import { paymentsProjector } from './projector.js';

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
  projectors: [paymentsProjector],
});

/**
 * Ends a detention (see `decideEndDetention`). The costs charged become part of the debt, so the
 * liability's money columns are kept in step here.
 */
export const endDetention = caseCommand({
  name: 'endDetention',
  input: z.object({ reference: z.string(), detentionId: z.string(), how: z.string(), endedOn: z.string() }),
  roles: DETENTION_OFFICERS,
  decide: decideEndDetention,
  projectors: [paymentsProjector],
  async project(tx, { file, events, now, version }) {
    // The costs are now part of the debt: keep the liability's money columns (outstanding, VAL) in step.
    // (The cases module's `liabilities` table: its projector takes this over from `DetentionCostsCharged`.)
    const charged = events.find((event) => isEventOf(event, CASE_EVENT.DetentionCostsCharged));
    const liabilityId = charged ? charged.payload.liabilityId : null;
    const before = liabilityId ? file.states.get(liabilityId) : undefined;
    if (liabilityId && before) {
      const after = withDebtFacts(before, [...file.events, ...events], liabilityId);
      await tx
        .update(liabilities)
        .set(liabilityMoneyColumns(after, file.policy.ok ? file.policy.policyVersion : undefined, ukDate(now)))
        .where(eq(liabilities.id, liabilityId));
    }
    return { reference: file.kase.reference, version };
  },
});
