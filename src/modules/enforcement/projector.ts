import { and, eq, isNull } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { CASE_EVENT, type CaseEventPayload } from '../../domain/case/events.js';
import { DEBT_REFERRAL_EVENT, type DebtReferralEvent } from '../../domain/payments/events.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { debtReferrals, detentions } from './schema.js';

type CarriedReferral = Extract<DebtReferralEvent, { type: typeof DEBT_REFERRAL_EVENT.DebtReferralCarriedOver }>['payload'];

const after = (prefix: string, streamId: string) => streamId.slice(prefix.length);

/**
 * The only writer of the enforcement tables, from the events alone: detentions and referrals to the
 * debt agency from the case events (`VehicleDetained`, `DetentionEnded`, `DebtReferredToAgency`,
 * `DebtAgencyOutcomeRecorded`), and a referral recorded before its event carried the agency file's
 * hash from its upgrade's `DebtReferralCarriedOver` on `debt-referral-<id>`. Who did it and when are
 * the event's actor and time; the case's id is its stream's.
 */
export const enforcementProjector: Projector = {
  module: 'enforcement',
  tables: [detentions, debtReferrals],
  streamTypes: ['case', 'debt-referral'],
  async apply(tx, event) {
    const caseId = after('case-', event.streamId);
    const referralId = after('debt-referral-', event.streamId);
    switch (event.type) {
      case CASE_EVENT.VehicleDetained: {
        const detained = event.payload as CaseEventPayload<typeof CASE_EVENT.VehicleDetained>;
        await tx.insert(detentions).values({
          id: detained.detentionId,
          caseId,
          liabilityId: detained.liabilityId,
          registration: detained.registration,
          registrationKey: registrationKey(detained.registration),
          place: detained.place,
          startedOn: detained.startedOn,
          dailyCostPence: detained.dailyCostPence,
          createdBy: event.actorId,
          createdAt: event.occurredAt,
        });
        return;
      }
      case CASE_EVENT.DetentionEnded: {
        const ended = event.payload as CaseEventPayload<typeof CASE_EVENT.DetentionEnded>;
        await tx
          .update(detentions)
          .set({ endedHow: ended.how, endedOn: ended.endedOn })
          .where(and(eq(detentions.id, ended.detentionId), eq(detentions.caseId, caseId), isNull(detentions.endedOn)));
        return;
      }
      case CASE_EVENT.DebtReferredToAgency: {
        const referred = event.payload as CaseEventPayload<typeof CASE_EVENT.DebtReferredToAgency>;
        await tx.insert(debtReferrals).values({
          id: referred.referralId,
          batchId: referred.batchId,
          caseId,
          liabilityId: referred.liabilityId,
          referredOn: ukDate(event.occurredAt),
          amountPence: referred.amountPence,
          fileHash: referred.fileHash ?? null,
          createdBy: event.actorId,
          createdAt: event.occurredAt,
        });
        return;
      }
      case CASE_EVENT.DebtAgencyOutcomeRecorded: {
        const outcome = event.payload as CaseEventPayload<typeof CASE_EVENT.DebtAgencyOutcomeRecorded>;
        await tx
          .update(debtReferrals)
          .set({ outcome: outcome.outcome, outcomeOn: outcome.outcomeOn, outcomeNote: outcome.note || null })
          .where(and(eq(debtReferrals.id, outcome.referralId), eq(debtReferrals.caseId, caseId)));
        return;
      }
      case DEBT_REFERRAL_EVENT.DebtReferralCarriedOver: {
        const { createdAt, ...row } = event.payload as CarriedReferral;
        const carried = { ...row, createdAt: new Date(createdAt) };
        await tx.insert(debtReferrals).values({ id: referralId, ...carried }).onConflictDoUpdate({ target: debtReferrals.id, set: carried });
        return;
      }
    }
  },
};
