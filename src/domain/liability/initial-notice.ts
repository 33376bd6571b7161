import { isAfter } from '../clock/calendar-date.js';
import { checkInitialNoticeSending } from '../clock/deadlines.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { clockFacts, dayAfter, deadlineOf, hasPassed, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { latestInitialNotice, type LiabilityState } from './liability-state.js';
import { noticeCheckProblems } from './notice-details-check.js';

/* The initial notice (IS11D/IS11E) with its questionnaire, and the response window it opens. */

function addressProblems(state: LiabilityState): string[] {
  return state.postalAddress?.trim()
    ? []
    : ['There is no postal address for this person. Record their address in the parties register before sending the initial notice.'];
}

/** Not after the last day to send (day 151): the clock's guard, which also says when to propose write-off. */
function sendingProblems(state: LiabilityState, context: DecisionContext): string[] {
  const outcome = checkInitialNoticeSending(clockFacts(state), context.today, context.policyVersion);
  return outcome.ok ? [] : outcome.reasons;
}

function resendPendingProblems(state: LiabilityState, doing: string): string[] {
  const resend = state.initialNoticeResend;
  return resend
    ? [`The initial notice went to a wrong address (${resend.wrongAddress}) and is waiting to be re-sent; re-send it before you ${doing}.`]
    : [];
}

export const initialNoticeCommands: Commands<
  'sendInitialNotice' | 'recordNoticeSentToWrongAddress' | 'resendInitialNotice' | 'recordResponse' | 'closeResponseWindow'
> = {
  sendInitialNotice: {
    ready: (state, context) => [...addressProblems(state), ...(addressProblems(state).length ? [] : noticeCheckProblems(state, context)), ...sendingProblems(state, context)],
    events: (state, _action, context) => [liabilityEvent('InitialNoticeSent', recorded(context), { address: state.postalAddress?.trim() ?? '', resend: false })],
  },

  recordNoticeSentToWrongAddress: {
    ready: (state) => (state.initialNoticeResend ? ['A wrong address is already recorded; the notice is waiting to be re-sent.'] : []),
    check: (_state, action) => requiredText('why the address was wrong', action.reason),
    events: (state, action, context) => [
      liabilityEvent('InitialNoticeResendRequired', recorded(context), { wrongAddress: latestInitialNotice(state)?.address ?? '', reason: action.reason.trim() }),
    ],
  },

  resendInitialNotice: {
    ready: (state, context) => {
      const resend = state.initialNoticeResend;
      if (!resend) return ['No initial notice is waiting to be re-sent. Record that a notice went to a wrong address first.'];
      const sameAddress =
        state.postalAddress?.trim() === resend.wrongAddress
          ? [`The postal address is still the one the notice went to wrongly (${resend.wrongAddress}). Record the corrected address first.`]
          : [];
      return [...addressProblems(state), ...sameAddress, ...sendingProblems(state, context)];
    },
    events: (state, _action, context) => [liabilityEvent('InitialNoticeSent', recorded(context), { address: state.postalAddress?.trim() ?? '', resend: true })],
  },

  recordResponse: {
    check: (state, action, context) => {
      const dateProblems = recordedDateProblems('The date the response was received', action.receivedOn, state, context.today);
      if (dateProblems.length > 0) return dateProblems;
      return orderProblems('The date the response was received', action.receivedOn, 'the initial notice was sent', latestInitialNotice(state)?.sentOn);
    },
    events: (state, action, context) => {
      const due = deadlineOf(state, context.policyVersion, 'initialNoticeResponseDue');
      const late = due !== undefined && isAfter(action.receivedOn, due);
      return [
        liabilityEvent('InitialNoticeResponseRecorded', recorded(context), { receivedOn: action.receivedOn, late, summary: action.summary?.trim() || null }),
      ];
    },
  },

  closeResponseWindow: {
    ready: (state, context) => {
      const due = deadlineOf(state, context.policyVersion, 'initialNoticeResponseDue');
      const stillOpen =
        due && !hasPassed(due, context.today)
          ? [`The response window is open until ${due}. Record the response if one arrives; otherwise close the window from ${dayAfter(due)}.`]
          : [];
      return [...resendPendingProblems(state, 'close the response window'), ...stillOpen];
    },
    events: (_state, _action, context) => [liabilityEvent('ResponseWindowClosed', recorded(context), { responseReceived: false })],
  },
};
