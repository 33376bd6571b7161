import { debtLimitationDate } from '../clock/accreditation-and-debt-deadlines.js';
import { checkInitialNoticeSending } from '../clock/deadlines.js';
import { formatPounds } from '../penalty/money.js';
import { WRITE_OFF_REASONS, type WriteOffReason } from './actions.js';
import { recorded, type Commands, type DecisionContext } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { clockFacts, deadlineOf, hasPassed, orderProblems, recordedDateProblems, requiredText } from './liability-clock.js';
import { penaltyCancelled, type LiabilityState } from './liability-state.js';
import { UNDER_CRIMINAL_INVESTIGATION, type Stage } from './stages.js';

/* Write-off: a mandatory reason that the recorded facts must bear out, and a senior officer's approval. */

function deadlineMissedProblems(state: LiabilityState, context: DecisionContext): string[] {
  if (state.penaltyNotice) return [`The penalty notice was issued on ${state.penaltyNotice.noticeDate}, within the deadline. Choose another reason.`];
  const lastDay = deadlineOf(state, context.policyVersion, 'lastDayToImpose');
  if (!lastDay) return ['The incident falls under the old regime, which has no last day to impose. Choose another reason.'];
  if (hasPassed(lastDay, context.today)) return [];
  const noticeStillToSend = state.initialNotices.length === 0 || state.initialNoticeResend !== undefined;
  if (noticeStillToSend) {
    const sending = checkInitialNoticeSending(clockFacts(state), context.today, context.policyVersion);
    if (!sending.ok && sending.proposeWriteOff) return [];
    const lastSend = deadlineOf(state, context.policyVersion, 'lastDayToSendInitialNotice');
    return [`The deadline has not been missed: the initial notice can be sent until ${lastSend ?? lastDay} and the penalty imposed until ${lastDay}.`];
  }
  return [`The deadline has not been missed: the penalty can be imposed until ${lastDay}.`];
}

function debtProblems(state: LiabilityState): string[] {
  if (!state.penaltyNotice) return ['Nothing is owed until a penalty is imposed. Choose another reason.'];
  return penaltyCancelled(state) ? ['The penalty was cancelled. Choose “penalty cancelled”.'] : [];
}

function limitationProblems(state: LiabilityState, context: DecisionContext): string[] {
  const debt = debtProblems(state);
  const dueDate = deadlineOf(state, context.policyVersion, 'paymentDue');
  if (debt.length > 0 || !dueDate) return debt;
  const limitation = debtLimitationDate(
    {
      dueDate,
      ...(state.payment.lastPaymentOn ? { lastPaymentOn: state.payment.lastPaymentOn } : {}),
      ...(state.payment.lastAcknowledgementOn ? { lastAcknowledgementOn: state.payment.lastAcknowledgementOn } : {}),
    },
    context.policyVersion,
    state.jurisdiction,
  );
  return hasPassed(limitation.date, context.today) ? [] : [`The debt can still be recovered until ${limitation.date} (${limitation.rule}).`];
}

/** The reason must be true of the liability: each has its own test on the recorded facts. */
function reasonProblems(state: LiabilityState, reason: WriteOffReason, context: DecisionContext): string[] {
  switch (reason) {
    case 'deadline-missed':
      return deadlineMissedProblems(state, context);
    case 'criminal-investigation':
      return (UNDER_CRIMINAL_INVESTIGATION as readonly Stage[]).includes(state.stage)
        ? []
        : ['This liability is not with a criminal investigation team. Choose another reason.'];
    case 'insolvency':
    case 'uneconomic':
      return debtProblems(state);
    case 'limitation':
      return limitationProblems(state, context);
    case 'cancelled':
      return penaltyCancelled(state) ? [] : ['The penalty has not been cancelled. Choose another reason.'];
    default:
      return [`"${String(reason)}" is not a reason for write-off. Choose from: ${Object.values(WRITE_OFF_REASONS).join(', ')}.`];
  }
}

export const writeOffCommands: Commands<'proposeWriteOff' | 'approveWriteOff' | 'rejectWriteOff'> = {
  proposeWriteOff: {
    check: (state, action, context) => [...reasonProblems(state, action.reason, context), ...requiredText('why the liability should be written off', action.explanation)],
    events: (state, action, context) => [
      liabilityEvent('WriteOffProposed', recorded(context), { reason: action.reason, explanation: action.explanation.trim(), previousStage: state.stage }),
    ],
  },

  approveWriteOff: {
    ready: (state, context) => [
      ...(state.writeOff?.proposedBy === context.actor.id ? ['You proposed this write-off, so another senior officer must approve it.'] : []),
      // A written-off liability is finished: a refund owed on it must be decided first.
      ...(state.overpayment ? [`An overpayment of ${formatPounds(state.overpayment.amountPence)} awaits a refund decision. Decide it before writing the liability off.`] : []),
    ],
    check: (state, action, context) => {
      const date = action.writtenOffOn ?? context.today;
      const dateProblems = recordedDateProblems('The write-off date', date, state, context.today);
      return dateProblems.length > 0 ? dateProblems : orderProblems('The write-off date', date, 'the date it was proposed', state.writeOff?.proposedOn);
    },
    events: (state, action, context) => [
      liabilityEvent('WriteOffApproved', recorded(context), {
        reason: state.writeOff?.reason ?? 'deadline-missed',
        writtenOffOn: action.writtenOffOn ?? context.today,
        proposedBy: state.writeOff?.proposedBy ?? '',
      }),
    ],
  },

  rejectWriteOff: {
    check: (_state, action) => requiredText('why the write-off is rejected', action.note),
    events: (state, action, context) => [
      liabilityEvent('WriteOffRejected', recorded(context), { note: action.note.trim(), returnTo: state.writeOff?.stageBefore ?? 'case-created' }),
    ],
  },
};
