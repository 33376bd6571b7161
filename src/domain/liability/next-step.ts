import type { CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { formatPounds } from '../penalty/money.js';
import { RETURN_CATEGORIES, REVIEW_REASONS } from './actions.js';
import { deadlineOf, hasPassed } from './liability-clock.js';
import { outstandingPence, penaltyCancelled, type LiabilityState } from './liability-state.js';
import { BEFORE_IMPOSITION, nextStep, UNDER_CRIMINAL_INVESTIGATION, type Stage } from './stages.js';
import { pendingMeansReduction } from './means-reduction.js';
import { discretionAwaitingApproval } from './discretion.js';

/** Today and the policy of the incident: with them the next step follows the statutory clock. */
export interface NextStepClock {
  today: CalendarDate;
  policyVersion: PolicyVersion;
}

export const DEADLINE_MISSED_STEPS = {
  noticeTooLate:
    'Propose write-off (deadline missed): the last day to send the initial notice has passed, so the response window could not close before the last day to impose',
  impositionTooLate: 'Propose write-off (deadline missed): the last day to impose the penalty has passed',
  investigationTooLate: 'Propose write-off (criminal investigation): the last day to impose the penalty has passed while the case was with the investigation team',
} as const;

/**
 * Which deadline, if any, the liability has already missed by `today`: from then on the only step
 * the rules allow is to propose write-off. Facts, not words: `nextExpectedStep` words them.
 */
export function missedDeadline(state: LiabilityState, clock: NextStepClock): 'noticeTooLate' | 'impositionTooLate' | 'investigationTooLate' | null {
  if (state.penaltyNotice || state.writeOff) return null;
  const underInvestigation = (UNDER_CRIMINAL_INVESTIGATION as readonly Stage[]).includes(state.stage);
  if (!underInvestigation && !(BEFORE_IMPOSITION as readonly Stage[]).includes(state.stage)) return null;
  if (hasPassed(deadlineOf(state, clock.policyVersion, 'lastDayToImpose'), clock.today)) return underInvestigation ? 'investigationTooLate' : 'impositionTooLate';
  if (underInvestigation) return null;
  const noticeStillToSend = state.initialNotices.length === 0 || state.initialNoticeResend !== undefined;
  if (noticeStillToSend && hasPassed(deadlineOf(state, clock.policyVersion, 'lastDayToSendInitialNotice'), clock.today)) return 'noticeTooLate';
  return null;
}

/**
 * What should happen next to the liability, in plain English, from its stage and recorded facts.
 * Dates are not repeated here: the case page shows every deadline from the statutory clock beside it.
 */
export function nextExpectedStep(state: LiabilityState, clock?: NextStepClock): string {
  const resend = state.initialNoticeResend;
  // A deadline already missed decides the step: nothing else the stage suggests can now be done in time.
  const missed = clock ? missedDeadline(state, clock) : null;
  if (missed) return DEADLINE_MISSED_STEPS[missed];
  // Money and reviews wait on a person's decision whatever the stage.
  if (state.overpayment) return `An assurer (HO) or senior officer decides whether to refund the ${formatPounds(state.overpayment.amountPence)} overpaid`;
  if (state.review) return `Finish the review (${REVIEW_REASONS[state.review.reason].toLowerCase()}) and record what it found; meanwhile no vehicle is stopped for this penalty`;
  const meansReduction = pendingMeansReduction(state);
  if (meansReduction) return `A Higher Officer who did not propose it assures or refuses the reduction to ${formatPounds(meansReduction.amountPence)} on means`;
  if (state.instalmentRequest && !state.instalmentRequest.decision) return 'A finance officer agrees a schedule of instalments or refuses the request with reasons';
  switch (state.stage) {
    case 'case-created':
      if (state.unresolvedPartyMatches > 0) return 'Confirm or dismiss the possible register matches for this person, then send the initial notice and questionnaire';
      if (!state.postalAddress?.trim()) return 'Record the person’s postal address, then send the initial notice and questionnaire';
      // A second officer checks the names and address before the notice goes (seed 003 §10.106); a changed address needs a fresh check.
      if (!state.noticeDetailsCheck || state.noticeDetailsCheck.address !== state.postalAddress.trim()) {
        return 'Send the initial notice and questionnaire — first, a second officer checks the name and address against the documents; another officer then sends it';
      }
      return 'An officer other than the one who checked the name and address sends the initial notice and questionnaire';
    case 'initial-notice-sent':
    case 'response-window-closed':
    case 'recommendation-drafted':
    case 'returned-by-assurer':
    case 'assured':
      if (resend) return 'Re-send the initial notice to the corrected address; a new response window starts when it is sent';
      if (state.stage === 'response-window-closed' && state.unresolvedPartyMatches > 0) {
        return 'Confirm or dismiss the possible register matches for this person, then draft the recommendation';
      }
      if (state.stage === 'recommendation-drafted' && discretionAwaitingApproval(state)) {
        return 'A Senior Officer who did not draft it approves the discretion (its reasons and the amount it takes off) or returns the recommendation with reasons';
      }
      if (state.stage === 'returned-by-assurer') {
        const last = state.assuranceReturns[state.assuranceReturns.length - 1];
        if (last) return `Correct the recommendation (${last.categories.map((category) => RETURN_CATEGORIES[category].toLowerCase()).join(', ')}) and draft it again`;
      }
      if (state.stage === 'assured' && state.aggregateCap?.exceedsCap && !state.aggregateCap.seniorOfficerSplit) {
        return 'A senior officer records how the aggregate maximum is split between the responsible persons; then impose the penalty';
      }
      break;
    case 'objection-received':
      if (state.objection?.late && !state.objection.lateDecision) return 'Decide whether to accept the late objection';
      if (state.objection?.draftDetermination) return 'A Higher Officer who did not determine it assures the determination of the objection, or returns it with a reason';
      break;
    case 'objection-determined':
    case 'appeal-decided':
      if (penaltyCancelled(state)) return 'Propose write-off (penalty cancelled)';
      break;
    case 'appeal-lodged':
      if (state.appeal?.allocatedTo) return 'Prepare the bundle and witness statement, and record the court’s decision';
      break;
    case 'imposed':
      // Once the objection period has ended with no objection, the penalty is due for payment.
      if (clock && !state.objection && hasPassed(deadlineOf(state, clock.policyVersion, 'objectionDue'), clock.today)) {
        return 'Confirm the penalty stands and payment is due: the objection period has ended';
      }
      break;
    case 'payment-due':
      if (clock && (outstandingPence(state) ?? 0) > 0 && hasPassed(deadlineOf(state, clock.policyVersion, 'paymentDue'), clock.today)) {
        return 'Record that payment is overdue: the payment due date has passed with money still owed';
      }
      break;
    default:
      break;
  }
  return nextStep(state.stage);
}
