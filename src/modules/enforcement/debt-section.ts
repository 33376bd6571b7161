import { daysOverdue, INSOLVENCY_FINDINGS, AGENCY_OUTCOMES } from '../../domain/payments/debt.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import type { Role } from '../../domain/penalty/penalty-input.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import type { DebtService } from './debt-service.js';
import { FINANCE_OFFICERS } from '../finance/ledger-commands.js';

/**
 * The `debt` part of each responsible person's card on the case page (partial
 * `casework/views/sections/liability-debt.njk`): what is owed and since when, the reference to quote,
 * the limitation date and its rule, written acknowledgements, insolvency checks and referrals to the
 * debt collection agency, with the finance officer's links to record them.
 */
export function debtSection(debt: DebtService): CasePageSection {
  return {
    name: 'debt',
    async load(file, actor, today) {
      const canRecord = actor.roles.some((role) => (FINANCE_OFFICERS as readonly string[]).includes(role));
      const referrals = await debt.referralsOfLiabilities(file.liabilities.map((l) => l.id));
      const out: Record<string, unknown> = {};
      for (const row of file.liabilities) {
        const state = file.states.get(row.id);
        const events = file.events.filter((event) => event.payload.liabilityId === row.id);
        const checks = events
          .filter((event) => event.type === CASE_EVENT.InsolvencyCheckRecorded)
          .map((event) => ({ ...event.payload, findingLabel: INSOLVENCY_FINDINGS[event.payload.finding as keyof typeof INSOLVENCY_FINDINGS] ?? event.payload.finding, byName: event.actorName }))
          .reverse();
        if (!state?.penaltyNotice && checks.length === 0) continue;
        const acknowledgements = events
          .filter((event) => event.type === CASE_EVENT.DebtAcknowledged)
          .map((event) => ({ acknowledgedOn: event.payload.acknowledgedOn, note: event.payload.note, byName: event.actorName }))
          .reverse();
        out[row.id] = {
          paymentReference: paymentReference(file.kase.reference, row.role as Role),
          outstandingPence: row.outstandingPence,
          paymentDue: row.paymentDue,
          daysOverdue: row.paymentDue && (row.outstandingPence ?? 0) > 0 ? Math.max(daysOverdue(row.paymentDue, today), 0) : 0,
          lastPaymentOn: state?.payment.lastPaymentOn ?? null,
          limitation: state?.penaltyNotice ? debt.limitationFor(file, row.id, today) : null,
          acknowledgements,
          checks,
          referrals: referrals
            .filter((referral) => referral.liabilityId === row.id)
            .map((referral) => ({ ...referral, outcomeLabel: referral.outcome ? AGENCY_OUTCOMES[referral.outcome as keyof typeof AGENCY_OUTCOMES] : null })),
          canRecord,
          canRecordAcknowledgement: canRecord && Boolean(state?.penaltyNotice),
        };
      }
      return out;
    },
  };
}
