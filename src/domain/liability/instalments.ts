import { isAfter, isBefore, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import { formatPounds } from '../penalty/money.js';
import type { Instalment } from './actions.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { outstandingPence, paidPence, type LiabilityState } from './liability-state.js';

/*
 * Paying by instalments: a request (which stops enforcement while it waits), a decision — a
 * schedule that adds up to exactly what is owed, or a refusal with reasons — and a missed
 * instalment, found from the payments, which breaks the plan (recordPaymentOverdue in payment.ts).
 */

/** More lines than this is not a plan anyone would agree: a mistake in the schedule. */
export const MAX_INSTALMENTS = 120;

function nothingOwed(state: LiabilityState): string[] {
  const outstanding = outstandingPence(state);
  return outstanding === undefined || outstanding <= 0 ? ['Nothing is owed on this penalty, so there is nothing to pay by instalments.'] : [];
}

/** What has been paid towards the plan (after it was agreed). */
function paidTowardsPlan(state: LiabilityState): number {
  return state.instalmentPlan ? Math.max(0, paidPence(state) - state.instalmentPlan.paidBeforePence) : 0;
}

/**
 * The instalments of a kept plan whose due date has passed by `today` without the payments since
 * the plan adding up to them (each instalment counted with the ones before it). Empty when the
 * liability is not paying by instalments or the plan is already recorded as broken.
 */
export function missedInstalments(state: LiabilityState, today: CalendarDate): Instalment[] {
  const plan = state.instalmentPlan;
  if (state.stage !== 'instalments' || !plan || plan.broken) return [];
  const paid = paidTowardsPlan(state);
  const missed: Instalment[] = [];
  let due = 0;
  for (const instalment of plan.schedule) {
    due += instalment.amountPence;
    if (isAfter(today, instalment.dueOn) && paid < due) missed.push(instalment);
  }
  return missed;
}

/** The first instalment the payments since the plan do not yet cover. */
export function nextInstalment(state: LiabilityState): Instalment | undefined {
  const plan = state.instalmentPlan;
  if (!plan) return undefined;
  const paid = paidTowardsPlan(state);
  let due = 0;
  for (const instalment of plan.schedule) {
    due += instalment.amountPence;
    if (paid < due) return instalment;
  }
  return undefined;
}

/** Every problem with a schedule, each naming the line it is on. */
export function scheduleProblems(schedule: unknown, owedPence: number, today: CalendarDate): string[] {
  if (!Array.isArray(schedule) || schedule.length === 0) return ['Enter at least one instalment: a date and an amount.'];
  if (schedule.length > MAX_INSTALMENTS) return [`A plan can have at most ${MAX_INSTALMENTS} instalments; this one has ${schedule.length}.`];
  const problems: string[] = [];
  let total = 0;
  let previous: CalendarDate | undefined;
  (schedule as Partial<Instalment>[]).forEach((instalment, index) => {
    const n = index + 1;
    const { dueOn, amountPence } = instalment ?? {};
    if (!isCalendarDate(dueOn)) {
      problems.push(`Instalment ${n}: "${String(dueOn)}" is not a real date written YYYY-MM-DD.`);
    } else {
      if (isBefore(dueOn, today)) problems.push(`Instalment ${n} is due on ${dueOn}, before today (${today}): an agreed plan starts today or later.`);
      if (previous && !isAfter(dueOn, previous)) problems.push(`Instalment ${n} (${dueOn}) is not after instalment ${n - 1} (${previous}): list the instalments in date order, one per date.`);
      previous = dueOn;
    }
    if (typeof amountPence !== 'number' || Number.isNaN(amountPence) || amountPence <= 0) {
      problems.push(`Instalment ${n}: the amount must be more than £0, in pounds and pence.`);
    } else if (amountPence > owedPence) {
      problems.push(`Instalment ${n}: the amount must be ${formatPounds(Math.max(owedPence, 0))} or less, what is owed.`);
    } else if (!Number.isSafeInteger(amountPence)) {
      problems.push(`Instalment ${n}: the amount must be in pounds and pence.`);
    } else {
      total += amountPence as number;
    }
  });
  if (problems.length === 0 && total !== owedPence) {
    problems.push(`The instalments add up to ${formatPounds(total)}, but ${formatPounds(owedPence)} is owed: they must add up to exactly what is owed.`);
  }
  return problems;
}

export const instalmentCommands: Commands<'requestInstalments' | 'agreeInstalments' | 'refuseInstalments'> = {
  requestInstalments: {
    ready: (state) => {
      const request = state.instalmentRequest;
      if (request && !request.decision) return [`A request to pay by instalments, received on ${request.requestedOn}, already awaits a decision.`];
      return nothingOwed(state);
    },
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date the request was received', action.requestedOn, state, context.today);
      return [
        ...(dateProblems.length > 0
          ? dateProblems
          : orderProblems('The date the request was received', action.requestedOn, 'the penalty notice date', state.penaltyNotice?.noticeDate)),
        ...requiredText('what the person proposes to pay, and when', action.proposal),
      ];
    },
    events: (_state, action, context) => [liabilityEvent('InstalmentsRequested', recorded(context), { requestedOn: action.requestedOn, proposal: action.proposal.trim() })],
  },

  agreeInstalments: {
    ready: nothingOwed,
    check: (state, action, context) => scheduleProblems(action.schedule, outstandingPence(state) ?? 0, context.today),
    events: (state, action, context) => [
      liabilityEvent('InstalmentPlanAgreed', recorded(context), {
        schedule: action.schedule.map(({ dueOn, amountPence }) => ({ dueOn, amountPence })),
        paidBeforePence: paidPence(state),
      }),
    ],
  },

  refuseInstalments: {
    ready: (state) => (state.instalmentRequest && !state.instalmentRequest.decision ? [] : ['There is no request to pay by instalments awaiting a decision.']),
    check: (_state, action) => requiredText('the reasons for refusing the request, which are given to the person', action.reason),
    events: (_state, action, context) => [liabilityEvent('InstalmentsRefused', recorded(context), { reason: action.reason.trim() })],
  },
};
