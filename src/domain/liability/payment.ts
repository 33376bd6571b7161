import { formatPounds } from '../penalty/money.js';
import { PAYERS, PAYMENT_METHODS, type ActionOf } from './actions.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { missedInstalments, nextInstalment } from './instalments.js';
import { liabilityEvent, type LiabilityEvent } from './liability-events.js';
import { dayAfter, deadlineOf, hasPassed, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { evolve } from './evolve.js';
import { currentAmountPence, outstandingPence, penaltyCancelled, type LiabilityState } from './liability-state.js';
import { SETTLES_TO_PAID, type Stage } from './stages.js';

/*
 * Money received and what it does to the stage: payment due, payments (partial, by the employer,
 * too much), a settled penalty becoming 'paid', overdue (after the due date, or a missed instalment),
 * and closing. Overpayments are detected in decide.ts for every command (a payment, or a reduction
 * after payment) and routed to a refund decision (refund.ts).
 */

/**
 * How much more than is owed one payment may be: an overpayment is refunded (refund.ts), but a
 * payment further beyond the amount owed is a mistake in the amount (or money for another penalty),
 * refused with the largest amount that would be accepted. It also keeps what is owed, and every
 * money column, far within range: a payment can never take the balance below −£20,000.
 */
export const OVERPAYMENT_MARGIN_PENCE = 2_000_000;

/** The largest payment this penalty can take now: what is owed (nothing, when in credit) plus the margin. */
export function largestPaymentPence(state: LiabilityState): number {
  return Math.max(0, outstandingPence(state) ?? currentAmountPence(state) ?? 0) + OVERPAYMENT_MARGIN_PENCE;
}

function paymentProblems(state: LiabilityState, action: ActionOf<'recordPayment'>, context: DecisionContext): string[] {
  const problems: string[] = [];
  const largest = largestPaymentPence(state);
  if (typeof action.amountPence !== 'number' || Number.isNaN(action.amountPence) || action.amountPence <= 0) {
    problems.push('The amount paid must be more than £0, in pounds and pence.');
  } else if (action.amountPence > largest) {
    const owed = outstandingPence(state) ?? currentAmountPence(state) ?? 0;
    problems.push(
      `The amount paid must be ${formatPounds(largest)} or less: ${owed > 0 ? `${formatPounds(owed)} is owed` : 'nothing is owed'}, and a payment can be at most ${formatPounds(OVERPAYMENT_MARGIN_PENCE)} more than that (an overpayment is refunded). Check the amount; money for another penalty is recorded on that penalty.`,
    );
  } else if (!Number.isSafeInteger(action.amountPence)) {
    problems.push('The amount paid must be more than £0, in pounds and pence.');
  }
  const dateProblems = recordedDateProblems('The date the payment was received', action.receivedOn, state, context.today);
  problems.push(
    ...(dateProblems.length > 0
      ? dateProblems
      : orderProblems('The date the payment was received', action.receivedOn, 'the penalty notice date', state.penaltyNotice?.noticeDate)),
  );
  if (!Object.hasOwn(PAYMENT_METHODS, String(action.method))) {
    problems.push(`"${String(action.method)}" is not a way of paying. Choose from: ${Object.values(PAYMENT_METHODS).join(', ')}.`);
  }
  problems.push(...requiredText('the finance system’s invoice or receipt reference for the payment', action.reference));
  if (!Object.hasOwn(PAYERS, String(action.paidBy))) {
    problems.push(`"${String(action.paidBy)}" is not who paid. Choose the person the penalty was given to, their employer or someone else.`);
  } else if (action.paidBy === 'employer' && state.role !== 'driver') {
    problems.push(`An employer pays against a driver’s penalty; this penalty is the ${state.role}’s own. Choose “the person the penalty was given to” or “someone else”.`);
  }
  const reference = typeof action.reference === 'string' ? action.reference.trim() : '';
  const twice = state.payments.find((p) => p.reference === reference && p.amountPence === action.amountPence && p.receivedOn === action.receivedOn);
  if (twice) {
    problems.push(`This payment (${formatPounds(twice.amountPence)} received on ${twice.receivedOn}, reference ${twice.reference}) is already recorded. A payment is recorded once.`);
  }
  return problems;
}

/** When nothing more is owed from a stage that can settle, the penalty is paid; `paidOn` is the settling payment's date. */
function settledEvents(state: LiabilityState, paidOn: string | undefined, context: DecisionContext): LiabilityEvent[] {
  const outstanding = outstandingPence(state);
  if (!(SETTLES_TO_PAID as readonly Stage[]).includes(state.stage) || outstanding === undefined || outstanding > 0 || !paidOn) return [];
  return [liabilityEvent('PaidInFull', recorded(context), { paidOn })];
}

export const paymentCommands: Commands<'confirmPaymentDue' | 'recordPayment' | 'recordPaymentOverdue' | 'closeCase'> = {
  confirmPaymentDue: {
    ready: (state, context) => {
      if (penaltyCancelled(state)) return ['The penalty was cancelled, so nothing is due. Propose write-off (penalty cancelled) instead.'];
      const objectionDue = deadlineOf(state, context.policyVersion, 'objectionDue');
      const appealDue = deadlineOf(state, context.policyVersion, 'appealDue');
      const problems: string[] = [];
      if (state.stage === 'imposed' && !hasPassed(objectionDue, context.today) && objectionDue) {
        problems.push(`The person may object until ${objectionDue}; confirm payment is due from ${dayAfter(objectionDue)}.`);
      }
      if ((state.stage === 'imposed' || state.stage === 'objection-determined') && !hasPassed(appealDue, context.today) && appealDue) {
        problems.push(`An appeal may be lodged until ${appealDue}; confirm payment is due from ${dayAfter(appealDue)}.`);
      }
      return problems;
    },
    events: (state, _action, context) => {
      const confirmed = liabilityEvent('PaymentDueConfirmed', recorded(context), {
        amountPence: currentAmountPence(state) ?? 0,
        paymentDue: deadlineOf(state, context.policyVersion, 'paymentDue') ?? null,
      });
      // Paid before the penalty stood (e.g. reduced on objection after payment): it is settled, not due.
      const settled = settledEvents({ ...state, stage: 'payment-due' }, state.payment.lastPaymentOn, context);
      return [confirmed, ...settled];
    },
  },

  recordPayment: {
    check: paymentProblems,
    events: (state, action, context) => {
      const received = liabilityEvent('PaymentReceived', recorded(context), {
        amountPence: action.amountPence,
        receivedOn: action.receivedOn,
        method: action.method,
        reference: action.reference.trim(),
        paidBy: action.paidBy,
      });
      return [received, ...settledEvents(evolve(state, received), action.receivedOn, context)];
    },
  },

  recordPaymentOverdue: {
    ready: (state, context) => {
      if (state.stage === 'instalments') {
        if (missedInstalments(state, context.today).length > 0) return [];
        const next = nextInstalment(state);
        return [
          next
            ? `No instalment has been missed: the next, ${formatPounds(next.amountPence)}, is due by ${next.dueOn}. Payment is overdue only when an instalment is missed.`
            : 'No instalment has been missed. Payment is overdue only when an instalment is missed.',
        ];
      }
      const due = deadlineOf(state, context.policyVersion, 'paymentDue');
      return state.stage === 'payment-due' && due && !hasPassed(due, context.today)
        ? [`Payment is due by ${due}; it is overdue from ${dayAfter(due)}.`]
        : [];
    },
    events: (state, _action, context) => {
      const missed = state.stage === 'instalments' ? missedInstalments(state, context.today) : [];
      return [
        ...(missed.length > 0 ? [liabilityEvent('InstalmentPlanBroken', recorded(context), { missed })] : []),
        liabilityEvent('PaymentOverdue', recorded(context), { paymentDue: deadlineOf(state, context.policyVersion, 'paymentDue') ?? null }),
      ];
    },
  },

  closeCase: {
    ready: (state) => {
      const problems: string[] = [];
      if (state.overpayment) problems.push(`An overpayment of ${formatPounds(state.overpayment.amountPence)} awaits a refund decision. Decide it before closing the case.`);
      if (state.review) problems.push(`The penalty is under review (since ${state.review.startedOn}). End the review before closing the case.`);
      return problems;
    },
    events: (_state, _action, context) => [liabilityEvent('LiabilityClosed', recorded(context), {})],
  },
};

