import type { LiabilityActionType } from '../../../domain/liability/actions.js';
import { TRANSITIONS } from '../../../domain/liability/transitions.js';

/*
 * The GOV.UK notification banner on the case page after a casework step: the step's page redirects
 * with `?done=<step>&for=<liability id>…`, and the case page says what was done and for whom. The
 * words for the decisions say what happens next; any other step is named by its label.
 */

const DONE: Partial<Record<LiabilityActionType, (people: string) => string>> = {
  checkNoticeDetails: (people) => `Name and address checked for ${people}. Another officer can now send the initial notice.`,
  sendInitialNotice: (people) => `Initial notice sent to ${people}. The 28-day response window has started.`,
  approveRecommendation: (people) => `Recommendation approved for ${people}. A caseworker can now impose the penalty.`,
  returnRecommendation: (people) => `Recommendation for ${people} returned to the caseworker with your reasons.`,
  imposePenalty: (people) => `Penalty imposed on ${people}. The penalty notice is queued for posting.`,
  determineObjection: (people) => `Determination of the objection recorded for ${people}. It takes effect when a Higher Officer assures it.`,
  assureObjectionDetermination: (people) => `Your assurance of the objection determination for ${people} is recorded.`,
};

/** The banner's text, or null when `done` is not a casework step. */
export function doneBanner(done: unknown, people: readonly string[]): string | null {
  if (typeof done !== 'string' || !Object.hasOwn(TRANSITIONS, done)) return null;
  const type = done as LiabilityActionType;
  const names = people.length === 0 ? 'the responsible person' : people.length === 1 ? people[0]! : `${people.slice(0, -1).join(', ')} and ${people[people.length - 1]}`;
  const wording = DONE[type];
  return wording ? wording(names) : `Done: ${TRANSITIONS[type].label.charAt(0).toLowerCase()}${TRANSITIONS[type].label.slice(1)}, for ${names}.`;
}
