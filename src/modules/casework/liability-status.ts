import { daysBetween, type CalendarDate } from '../../domain/clock/calendar-date.js';
import type { DeadlineName } from '../../domain/clock/deadlines.js';
import { deadlineOf, hasPassed } from '../../domain/liability/liability-clock.js';
import { outstandingPence, paidPence, penaltyCancelled, type LiabilityState } from '../../domain/liability/liability-state.js';
import { BEFORE_IMPOSITION, isFinished, stageLabel, UNDER_CRIMINAL_INVESTIGATION, type Stage } from '../../domain/liability/stages.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { formatPounds } from '../../domain/penalty/money.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { DeadlineApplies } from './case-deadlines.js';

const NOT_YET_IMPOSED: readonly Stage[] = [...BEFORE_IMPOSITION, ...UNDER_CRIMINAL_INVESTIGATION];
/** Where a penalty can still be appealed to the court (no appeal lodged yet). */
const APPEALABLE: readonly Stage[] = ['imposed', 'objection-determined', 'payment-due', 'overdue', 'instalments'];
/** Where money is being collected. */
const COLLECTING: readonly Stage[] = ['imposed', 'objection-received', 'objection-determined', 'appeal-lodged', 'appeal-decided', 'payment-due', 'instalments', 'overdue'];

/**
 * The deadlines that still matter to a liability: before imposition the clock's days for the notice
 * and the imposition; after it the objection, appeal and payment dates while each can still be met.
 * An imposed case never shows "Last day to send the initial notice".
 */
export function deadlinesThatApply(state: LiabilityState): DeadlineApplies {
  const stage = state.stage;
  const notImposed = !state.penaltyNotice && NOT_YET_IMPOSED.includes(stage);
  return (name) => {
    if (isFinished(stage) || stage === 'write-off-proposed') return false;
    switch (name) {
      case 'lastDayToImpose':
      case 'earliestImposition':
        return notImposed;
      case 'lastDayToSendInitialNotice':
        return notImposed && (state.initialNotices.length === 0 || state.initialNoticeResend !== undefined);
      case 'initialNoticeResponseDue':
        return stage === 'initial-notice-sent';
      case 'objectionDue':
        return stage === 'imposed' && !state.objection;
      case 'objectionDeterminationDue':
        return stage === 'objection-received';
      case 'appealDue':
        return APPEALABLE.includes(stage) && !state.appeal && !penaltyCancelled(state);
      case 'paymentDue':
        return COLLECTING.includes(stage) && !penaltyCancelled(state) && (outstandingPence(state) ?? 0) > 0;
      default:
        return true;
    }
  };
}

/** Any of several liabilities still needs the deadline (the case-wide table). */
export function anyApplies(states: readonly LiabilityState[]): DeadlineApplies {
  const each = states.map(deadlinesThatApply);
  return (name: DeadlineName) => each.some((applies) => applies(name));
}

export type PaymentState = 'part-paid' | 'overdue' | 'instalments' | 'debt-recovery' | 'written-off';

interface CaseEventLike {
  type: string;
  payload: unknown;
}

/** Referred to a debt collection agency and no outcome recorded since. */
export function inDebtRecovery(events: readonly CaseEventLike[], liabilityId: string): boolean {
  let referred = false;
  for (const event of events) {
    const payload = event.payload as { liabilityId?: string } | null;
    if (payload?.liabilityId !== liabilityId) continue;
    if (event.type === CASE_EVENT.DebtReferredToAgency) referred = true;
    if (event.type === CASE_EVENT.DebtAgencyOutcomeRecorded) referred = false;
  }
  return referred;
}

/**
 * The stage as a person needs it once money is owed: "Penalty imposed — 15 days overdue, part paid,
 * £1,200 outstanding", "Paying by instalments — £800 outstanding", "Written off — £2,000 not recovered".
 * Before imposition, or with nothing owed, it is the stage's label.
 */
export function stageDescription(
  state: LiabilityState,
  facts: { today: CalendarDate; policyVersion?: PolicyVersion; events?: readonly CaseEventLike[]; liabilityId?: string },
): { label: string; paymentStates: PaymentState[] } {
  const label = stageLabel(state.stage);
  const outstanding = outstandingPence(state);
  if (!state.penaltyNotice || outstanding === undefined || penaltyCancelled(state)) return { label, paymentStates: [] };
  if (state.stage === 'written-off') {
    return { label: outstanding > 0 ? `${label} — ${formatPounds(outstanding)} not recovered` : label, paymentStates: ['written-off'] };
  }
  if (outstanding <= 0 || !COLLECTING.includes(state.stage)) return { label, paymentStates: [] };
  const states: PaymentState[] = [];
  const parts: string[] = [];
  if (facts.events && facts.liabilityId && inDebtRecovery(facts.events, facts.liabilityId)) {
    states.push('debt-recovery');
    parts.push('in debt recovery');
  }
  if (state.stage === 'instalments' && !state.instalmentPlan?.broken) {
    // "Paying by instalments" already says it.
    states.push('instalments');
  }
  const due = facts.policyVersion ? deadlineOf(state, facts.policyVersion, 'paymentDue') : undefined;
  const pending = state.stage === 'objection-received' || state.stage === 'appeal-lodged';
  if (!pending && !states.includes('instalments') && hasPassed(due, facts.today)) {
    states.push('overdue');
    const late = daysBetween(due, facts.today);
    parts.push(`${late} ${late === 1 ? 'day' : 'days'} overdue`);
  }
  if (paidPence(state) > 0) {
    states.push('part-paid');
    parts.push('part paid');
  }
  parts.push(`${formatPounds(outstanding)} outstanding`);
  return { label: `${label} — ${parts.join(', ')}`, paymentStates: states };
}
