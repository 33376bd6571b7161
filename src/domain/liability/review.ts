import { REVIEW_REASONS } from './actions.js';
import { recorded, type Commands } from './command.js';
import { liabilityEvent } from './liability-events.js';
import { requiredText } from './liability-clock.js';

/*
 * A review of the penalty (a case error, the wrong company, a wrong due date, another reason): the
 * stage does not change, but while the review is open the penalty puts no vehicle on the Vehicle
 * Action List (figure 43: these caused wrong stops). Ending the review records what was found.
 */

export const reviewCommands: Commands<'startReview' | 'endReview'> = {
  startReview: {
    ready: (state) =>
      state.review ? [`The penalty is already under review (${REVIEW_REASONS[state.review.reason].toLowerCase()}) since ${state.review.startedOn}. End that review first.`] : [],
    check: (_state, action) => [
      ...(Object.hasOwn(REVIEW_REASONS, String(action.reason)) ? [] : [`Choose why the penalty is under review: ${Object.values(REVIEW_REASONS).join(', ')}.`]),
      ...requiredText('what is being reviewed', action.note),
    ],
    events: (_state, action, context) => [liabilityEvent('ReviewStarted', recorded(context), { reason: action.reason, note: action.note.trim() })],
  },

  endReview: {
    ready: (state) => (state.review ? [] : ['The penalty is not under review.']),
    check: (_state, action) => requiredText('what the review found', action.note),
    events: (state, action, context) => [liabilityEvent('ReviewEnded', recorded(context), { reason: state.review?.reason ?? 'other', note: action.note.trim() })],
  },
};
