import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { isAfter } from '../../domain/clock/calendar-date.js';
import { PAYERS, PAYMENT_METHODS, REVIEW_REASONS } from '../../domain/liability/actions.js';
import { missedInstalments } from '../../domain/liability/instalments.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { creditPence, outstandingPence, paidPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import { valBlock } from '../../domain/liability/vehicle-action-list.js';
import type { CasePageSection } from '../casework/case-page-sections.js';

/*
 * The case page's payments part, per responsible person once a penalty is imposed: every payment,
 * what is owed or overpaid, refund decisions, an instalment request or plan with each instalment's
 * state, an open review, and whether the penalty can put the company's vehicles on the Vehicle
 * Action List today (and if not, why). Partial: views/sections/liability-payments.njk.
 */

function planView(state: LiabilityState, today: CalendarDate) {
  const plan = state.instalmentPlan;
  if (!plan) return null;
  const missed = new Set(missedInstalments(state, today).map((i) => i.dueOn));
  let paid = Math.max(0, paidPence(state) - plan.paidBeforePence);
  const instalments = plan.schedule.map((instalment) => {
    const covered = Math.min(paid, instalment.amountPence);
    paid -= covered;
    const status = covered === instalment.amountPence ? 'Paid' : missed.has(instalment.dueOn) || plan.broken?.missed.some((m) => m.dueOn === instalment.dueOn) ? 'Missed' : 'To pay';
    return { ...instalment, status };
  });
  return { agreedOn: plan.agreedOn, instalments, broken: plan.broken ?? null, missedNotRecorded: missed.size > 0 };
}

/** Whether the penalty puts the company's vehicles on the Vehicle Action List today, in words. */
function valStatus(state: LiabilityState, block: string | null, due: CalendarDate | undefined, outstanding: number, today: CalendarDate): { listed: boolean; text: string } {
  if (state.role === 'driver') return { listed: false, text: 'A driver’s penalty puts no vehicle on the Vehicle Action List: the list is of the owning company’s vehicles.' };
  if (block) return { listed: false, text: `Not on the Vehicle Action List: ${block.charAt(0).toLowerCase()}${block.slice(1)}.` };
  if (due && isAfter(today, due) && outstanding > 0) return { listed: true, text: `Unpaid after the due date (${due}): the company’s vehicles are on the Vehicle Action List.` };
  return { listed: false, text: due ? `Nothing stands in the way: if it is not paid by ${due}, the company’s vehicles go on the Vehicle Action List.` : 'Nothing stands in the way.' };
}

export function paymentsView(state: LiabilityState, today: CalendarDate, policyVersion: Parameters<typeof deadlineOf>[1] | undefined) {
  if (!state.penaltyNotice) return null;
  const block = valBlock(state, today, policyVersion);
  const due = policyVersion ? deadlineOf(state, policyVersion, 'paymentDue') : undefined;
  const outstanding = outstandingPence(state) ?? 0;
  const request = state.instalmentRequest;
  return {
    paidPence: paidPence(state),
    outstandingPence: Math.max(outstanding, 0),
    creditPence: creditPence(state),
    payments: state.payments.map((p) => ({ ...p, methodLabel: PAYMENT_METHODS[p.method] ?? p.method, payerLabel: PAYERS[p.paidBy] ?? p.paidBy })).reverse(),
    overpayment: state.overpayment ?? null,
    refunds: state.refunds,
    request: request ? { ...request, awaiting: !request.decision } : null,
    plan: planView(state, today),
    review: state.review ? { ...state.review, reasonLabel: REVIEW_REASONS[state.review.reason] } : null,
    val: valStatus(state, block, due, outstanding, today),
  };
}

/** "Pays Piotr Kowalski’s penalty (driver, S31A) on CEC-2026-000001", and for an employer's payment, that it is the employer's toward the driver's. */
export function paymentTarget(row: { partyName: string; role: string; offence: string }, reference: string, paidBy: string): string {
  const penalty = `${row.partyName}’s penalty (${row.role}, ${row.offence}) on ${reference}`;
  return paidBy === 'employer' ? `Paid by the employer toward the driver’s penalty: ${penalty}` : `Pays ${penalty}`;
}

export const paymentsSection: CasePageSection = {
  name: 'payments',
  async load(file, _actor, today) {
    const policyVersion = file.policy.ok ? file.policy.policyVersion : undefined;
    return Object.fromEntries(
      file.liabilities.map((row) => {
        const view = paymentsView(file.states.get(row.id)!, today, policyVersion);
        // Every payment line names the penalty it pays: person, role, offence and case.
        return [row.id, view ? { ...view, payments: view.payments.map((p) => ({ ...p, pays: paymentTarget(row, file.kase.reference, p.paidBy) })) } : view];
      }),
    );
  },
};
