import type { CommandMoment, FieldProblem } from '../command-decision.js';
import { decideSubmitIncident, type IncidentToSubmit } from '../incident/incident-decisions.js';
import { decideOpenCaseFromReferral, type ReferralOpening } from '../case/opening-decision.js';
import type { ReferralInput } from '../incident/referral.js';
import { withS31aReferralProblem } from './rules.js';

/*
 * The two ways an officer refers (the incident sent from the border, the quick referral), each with
 * the S31A training problem the command read (`s31aReferralProblem`, null when there is none) added
 * to its own decision (recommendation 3b).
 */

/** What a referral's load read of the referring officer's S31A training. */
export interface S31aTrainingChecked {
  s31aProblem?: FieldProblem | null | undefined;
}

export function decideSubmitIncidentByTrainedReferrer(incident: IncidentToSubmit & S31aTrainingChecked, input: unknown, moment: CommandMoment) {
  return withS31aReferralProblem(decideSubmitIncident(incident, input, moment), incident.s31aProblem);
}

export function decideOpenCaseFromReferralByTrainedReferrer(opening: ReferralOpening & S31aTrainingChecked, referral: ReferralInput, moment: { now: Date }) {
  return withS31aReferralProblem(decideOpenCaseFromReferral(opening, referral, moment), opening.s31aProblem);
}
