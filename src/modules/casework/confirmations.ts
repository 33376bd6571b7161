import type { LiabilityActionType } from '../../domain/liability/actions.js';
import { TRANSITIONS } from '../../domain/liability/transitions.js';

/*
 * What the banner says after a casework step (reply.confirmation: src/platform/README.md), in the
 * past tense and naming the people it was done for: "Initial notice sent to Piotr Kowalski". A step
 * added without a sentence here still gets one, built from its label.
 */
const DONE: Partial<Record<LiabilityActionType, (who: string) => string>> = {
  checkNoticeDetails: (who) => `Name and address checked for ${who}: another officer can now send the initial notice`,
  sendInitialNotice: (who) => `Initial notice sent to ${who}: the 28-day response window has started`,
  recordNoticeSentToWrongAddress: (who) => `Recorded that the initial notice to ${who} went to a wrong address`,
  resendInitialNotice: (who) => `Initial notice sent again to ${who}`,
  recordResponse: (who) => `Response from ${who} recorded`,
  closeResponseWindow: (who) => `Response window closed for ${who}: no response by the due date`,
  draftRecommendation: (who) => `Recommendation for ${who} drafted`,
  returnRecommendation: (who) => `Recommendation for ${who} returned to the caseworker with your reasons`,
  approveRecommendation: (who) => `Recommendation approved for ${who}: a caseworker can now impose the penalty`,
  imposePenalty: (who) => `Penalty imposed on ${who}: the penalty notice is queued for posting`,
  recordObjection: (who) => `Objection from ${who} recorded`,
  decideLateObjection: (who) => `Decision on the late objection from ${who} recorded`,
  determineObjection: (who) => `Determination of the objection recorded for ${who}: it takes effect when a Higher Officer assures it`,
  assureObjectionDetermination: (who) => `Your assurance of the objection determination for ${who} is recorded`,
  lodgeAppeal: (who) => `Appeal by ${who} recorded`,
  allocateAppeal: (who) => `Appeal by ${who} allocated`,
  decideAppeal: (who) => `Court’s decision on the appeal by ${who} recorded`,
  confirmPaymentDue: (who) => `Payment confirmed as due from ${who}`,
  recordPayment: (who) => `Payment from ${who} recorded`,
  decideRefund: (who) => `Refund to ${who} decided`,
  requestInstalments: (who) => `Request from ${who} to pay by instalments recorded`,
  agreeInstalments: (who) => `Payment by instalments agreed with ${who}`,
  refuseInstalments: (who) => `Request from ${who} to pay by instalments refused`,
  recordPaymentOverdue: (who) => `Payment by ${who} recorded as overdue`,
  startReview: (who) => `Review of the penalty for ${who} started`,
  endReview: (who) => `Review of the penalty for ${who} ended`,
  closeCase: (who) => `Case closed for ${who}`,
  proposeWriteOff: (who) => `Write-off proposed for ${who}`,
  approveWriteOff: (who) => `Write-off approved for ${who}`,
  rejectWriteOff: (who) => `Write-off rejected for ${who}`,
  referForCriminalInvestigation: (who) => `${who} referred for criminal investigation`,
  recordInvestigationOutcome: (who) => `Investigation team’s decision recorded for ${who}`,
  recordInvestigationReturn: (who) => `Return from the investigation team recorded for ${who}`,
  decideNotToRefer: (who) => `Decided not to pursue a penalty from ${who}`,
  proposeMeansReduction: (who) => `Reduction on means proposed for ${who}: a Higher Officer who did not propose it decides it`,
  decideMeansReduction: (who) => `Decision on the reduction on means recorded for ${who}: the means decision letter is queued for posting`,
  approveDiscretion: (who) => `Discretion approved for ${who}: an assurer can now approve the recommendation`,
  confirmCpasOverride: (who) => `Override of the accreditation register confirmed for ${who}: an assurer can now approve the recommendation`,
};

/** "Piotr Kowalski", "Piotr Kowalski and Trans-Pol", "A, B and C". */
export function namesInWords(names: readonly string[]): string {
  const unique = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  if (unique.length <= 1) return unique[0] ?? 'the responsible person';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

export function actionConfirmation(type: LiabilityActionType, names: readonly string[]): string {
  const who = namesInWords(names);
  const sentence = DONE[type];
  return sentence ? sentence(who) : `Done for ${who}: ${TRANSITIONS[type]?.label ?? type}`;
}
