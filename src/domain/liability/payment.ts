import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { dayAfter, deadlineOf, hasPassed, orderProblems, recordedDateProblems } from './liability-clock.js';
import { currentAmountPence, penaltyCancelled } from './liability-state.js';

/*
 * Placeholders for the payment side, so that the stages are complete: money, instalment plans and
 * recovery belong to the payments issue, which will derive these moves from the ledger.
 */

export const paymentCommands: Commands<'confirmPaymentDue' | 'agreeInstalments' | 'recordPaymentOverdue' | 'recordPaymentInFull' | 'closeCase'> = {
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
    events: (state, _action, context) => [
      liabilityEvent('PaymentDueConfirmed', recorded(context), {
        amountPence: currentAmountPence(state) ?? 0,
        paymentDue: deadlineOf(state, context.policyVersion, 'paymentDue') ?? null,
      }),
    ],
  },

  agreeInstalments: {
    events: (_state, _action, context) => [liabilityEvent('InstalmentPlanAgreed', recorded(context), {})],
  },

  recordPaymentOverdue: {
    ready: (state, context) => {
      const due = deadlineOf(state, context.policyVersion, 'paymentDue');
      return state.stage === 'payment-due' && due && !hasPassed(due, context.today)
        ? [`Payment is due by ${due}; it is overdue from ${dayAfter(due)}.`]
        : [];
    },
    events: (state, _action, context) => [
      liabilityEvent('PaymentOverdue', recorded(context), { paymentDue: deadlineOf(state, context.policyVersion, 'paymentDue') ?? null }),
    ],
  },

  recordPaymentInFull: {
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date of payment', action.paidOn, state, context.today);
      return dateProblems.length > 0 ? dateProblems : orderProblems('The date of payment', action.paidOn, 'the penalty notice date', state.penaltyNotice?.noticeDate);
    },
    events: (_state, action, context) => [liabilityEvent('PaidInFull', recorded(context), { paidOn: action.paidOn })],
  },

  closeCase: {
    events: (_state, _action, context) => [liabilityEvent('LiabilityClosed', recorded(context), {})],
  },
};
