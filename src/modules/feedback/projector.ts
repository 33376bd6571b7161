import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { FEEDBACK_EVENT } from '../../domain/questions/events.js';
import { feedbackResponses } from './schema.js';

/** The only writer of `feedback_responses`. */
export const feedbackProjector: Projector = {
  module: 'feedback',
  tables: [feedbackResponses],
  streamTypes: ['feedback'],
  async apply(tx, event) {
    if (isEventOf(event, FEEDBACK_EVENT.FeedbackGiven)) {
      const p = event.payload;
      await tx.insert(feedbackResponses).values({ id: p.feedbackId, satisfaction: p.satisfaction, comments: p.comments, fromPath: p.from, language: p.language, givenAt: event.occurredAt, givenOn: p.givenOn });
    }
  },
};
