import { debtLimitationDate } from '../clock/accreditation-and-debt-deadlines.js';
import { daysBetween, isAfter, isBefore, laterOf, type CalendarDate } from '../clock/calendar-date.js';
import type { Jurisdiction } from '../clock/bank-holidays.js';
import type { LiabilityState } from '../liability/liability-state.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { CASE_EVENT } from '../case/events.js';

/* Debt recovery: how overdue a penalty is, when it becomes statute-barred, and the facts about the debtor recorded on the case. */

export { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS, type AgencyOutcome, type InsolvencyFinding } from './debt-outcomes.js';

/** Days after the due date (0 on the due date itself, negative before it). */
export function daysOverdue(paymentDue: CalendarDate, today: CalendarDate): number {
  return daysBetween(paymentDue, today);
}

export interface LimitationFacts {
  paymentDue: CalendarDate;
  lastPaymentOn?: CalendarDate | undefined;
  lastAcknowledgementOn?: CalendarDate | undefined;
}

export interface Limitation {
  /** Six years (policy) from the latest of the due date, the last payment and the last written acknowledgement. */
  date: CalendarDate;
  rule: string;
  /** Today is the limitation date or later. */
  reached: boolean;
  /** Today is after it: write-off for limitation can be proposed (the write-off guard agrees). */
  writeOffPossible: boolean;
}

/** The limitation date of a debt (DOMAIN.md §3), from the statutory clock. */
export function limitationOf(facts: LimitationFacts, today: CalendarDate, policyVersion: PolicyVersion, jurisdiction?: Jurisdiction): Limitation {
  const deadline = debtLimitationDate(
    {
      dueDate: facts.paymentDue,
      ...(facts.lastPaymentOn ? { lastPaymentOn: facts.lastPaymentOn } : {}),
      ...(facts.lastAcknowledgementOn ? { lastAcknowledgementOn: facts.lastAcknowledgementOn } : {}),
    },
    policyVersion,
    jurisdiction,
  );
  return { date: deadline.date, rule: deadline.rule, reached: !isBefore(today, deadline.date), writeOffPossible: isAfter(today, deadline.date) };
}

interface CaseEventLike {
  type: string;
  payload: Record<string, unknown>;
}

/** The latest written acknowledgement of this liability's debt recorded on the case. */
export function lastAcknowledgementOn(events: readonly CaseEventLike[], liabilityId: string): CalendarDate | undefined {
  let last: CalendarDate | undefined;
  for (const event of events) {
    if (event.type !== CASE_EVENT.DebtAcknowledged || event.payload.liabilityId !== liabilityId) continue;
    const on = String(event.payload.acknowledgedOn);
    last = last ? laterOf(last, on) : on;
  }
  return last;
}

/** Costs charged to this liability's debt (detention costs on release), in pence. */
export function chargedCostsPence(events: readonly CaseEventLike[], liabilityId: string): number {
  return events.reduce((sum, event) => sum + (event.type === CASE_EVENT.DetentionCostsCharged && event.payload.liabilityId === liabilityId ? Number(event.payload.amountPence) : 0), 0);
}

/**
 * The liability's state with the debt facts kept as case events folded in: the last written
 * acknowledgement (limitation) and the costs charged to the debt (outstanding).
 */
export function withDebtFacts(state: LiabilityState, events: readonly CaseEventLike[], liabilityId: string): LiabilityState {
  const acknowledged = lastAcknowledgementOn(events, liabilityId);
  const costs = chargedCostsPence(events, liabilityId);
  if (!acknowledged && costs === 0) return state;
  const current = state.payment.lastAcknowledgementOn;
  return {
    ...state,
    ...(costs > 0 ? { chargedCostsPence: costs } : {}),
    ...(acknowledged ? { payment: { ...state.payment, lastAcknowledgementOn: current ? laterOf(current, acknowledged) : acknowledged } } : {}),
  };
}
