import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { requiredText } from './liability-clock.js';
import { creditPence } from './liability-state.js';

/*
 * A refund decision on an overpayment (assurer HO or senior officer). An overpayment is detected by
 * decide.ts whenever a command leaves the person more in credit than before: a payment beyond what
 * is owed, or a reduction or cancellation after payment. The refund is the whole credit at the time
 * of the decision; an approved refund brings what is owed back to nothing (the refund letter follows).
 */

export const refundCommands: Commands<'decideRefund'> = {
  decideRefund: {
    ready: (state) => (state.overpayment ? [] : ['There is no overpayment awaiting a refund decision.']),
    check: (state, action) => {
      const problems = requiredText('the reasons for the decision', action.reason);
      if (typeof action.approve !== 'boolean') problems.push('Choose whether to approve or refuse the refund.');
      else if (action.approve && state.overpayment && creditPence(state) === 0) {
        problems.push('Nothing is overpaid any more (the penalty went up or a refund was already made): refuse the refund to close the matter.');
      }
      return problems;
    },
    events: (state, action, context) => {
      const payload = { amountPence: creditPence(state), reason: action.reason.trim() };
      return [action.approve ? liabilityEvent('RefundApproved', recorded(context), payload) : liabilityEvent('RefundRefused', recorded(context), payload)];
    },
  },
};

