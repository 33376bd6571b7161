import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { FEEDBACK_EVENT, FEEDBACK_EVENTS, type FeedbackTheme } from '../../domain/questions/events.js';
import { decideGiveFeedback, decideThemeFeedback, type FeedbackThemeState } from '../../domain/questions/decisions.js';
import { readStream } from '../../platform/events/event-store.js';
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

export const themeFeedbackInput = z.object({
  feedbackId: z.uuid(),
  theme: z.string().max(40),
});
/**
 * An analyst or manager gives a response's comments a theme (for the annual report). The response's
 * stream is folded from the log; the version the page showed is checked (`expectedVersion`), so two
 * people theming the same response at once do not overwrite each other unseen.
 */
export const themeFeedback: CommandDefinition<z.infer<typeof themeFeedbackInput>, FeedbackThemeState, { feedbackId: string; theme: string }> = {
  name: 'themeFeedback',
  input: themeFeedbackInput,
  roles: ['manager', 'analyst'],
  streamType: 'feedback',
  load: async (tx, input) => {
    const stored = await readStream(tx, `feedback-${input.feedbackId}`);
    const given = stored.find((event) => event.type === FEEDBACK_EVENT.FeedbackGiven);
    const themed = stored.filter((event) => event.type === FEEDBACK_EVENT.FeedbackThemed).at(-1);
    if (!given) return null;
    return {
      streamId: `feedback-${input.feedbackId}`,
      version: stored.at(-1)!.version,
      state: { exists: true, hasComments: typeof given.payload.comments === 'string' && given.payload.comments.length > 0, theme: (themed?.payload.theme as FeedbackTheme | undefined) ?? null },
    };
  },
  decide: decideThemeFeedback,
  project: async (_tx, { input }) => ({ feedbackId: input.feedbackId, theme: input.theme }),
};
