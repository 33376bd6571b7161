import { formatPounds } from '../penalty/money.js';
import { RETURN_CATEGORIES, REVIEW_REASONS } from './actions.js';
import { penaltyCancelled, type LiabilityState } from './liability-state.js';
import { nextStep } from './stages.js';
import { discretionAwaitingApproval } from './discretion.js';
import { pendingMeansReduction } from './means-reduction.js';

/**
 * What should happen next to the liability, in plain English, from its stage and recorded facts.
 * Dates are not repeated here: the case page shows every deadline from the statutory clock beside it.
 */
export function nextExpectedStep(state: LiabilityState): string {
  const resend = state.initialNoticeResend;
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
      break;
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
      break;
    case 'objection-determined':
    case 'appeal-decided':
      if (penaltyCancelled(state)) return 'Propose write-off (penalty cancelled)';
      break;
    case 'appeal-lodged':
      if (state.appeal?.allocatedTo) return 'Prepare the bundle and witness statement, and record the court’s decision';
      break;
    default:
      break;
  }
  return nextStep(state.stage);
}
