import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { FEEDBACK_EVENTS } from '../../domain/questions/events.js';
import { decideGiveFeedback } from '../../domain/questions/decisions.js';
import { feedbackProjector } from './projector.js';

const language = z.string().regex(/^[a-z]{2}$/);
const optional = (max: number) => z.string().max(max).nullable().optional();

/** Feedback is anonymous: whoever gives it, it is recorded under this actor. */
export const FEEDBACK_ACTOR: Actor = { id: 'public', name: 'A member of the public (online)', roles: ['public'] };

export const giveFeedbackInput = z.object({
  feedbackId: z.uuid(),
  satisfaction: FEEDBACK_EVENTS.FeedbackGiven.shape.satisfaction,
  comments: optional(20000),
  from: optional(500),
  language,
});
/** Anyone may give feedback: the public (`anonymous`), a signed-in person, or staff. */
export const giveFeedback: CommandDefinition<z.infer<typeof giveFeedbackInput>, null, { feedbackId: string }> = {
  name: 'giveFeedback',
  input: giveFeedbackInput,
  roles: FEEDBACK_ACTOR.roles,
  streamType: 'feedback',
  optimistic: true,
  load: async (_tx, input) => ({ streamId: `feedback-${input.feedbackId}`, version: 0, state: null }),
  decide: decideGiveFeedback,
  projectors: [feedbackProjector],
  project: async (_tx, { input }) => ({ feedbackId: input.feedbackId }),
};
