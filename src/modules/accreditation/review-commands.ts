import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { readStream } from '../../platform/events/event-store.js';
import type { Db } from '../../platform/database/client.js';
import { REVIEW_TRIGGERS } from '../../domain/accreditation/review-triggers.js';
import {
  decideConcludeReview,
  decideRaiseReview,
  REVIEW_CONCLUDERS,
  reviewFromEvents,
  type AccreditationReviewEvent,
  type ConcludeReviewInput,
  type RaiseReviewInput,
  type ReviewState,
} from '../../domain/accreditation/review.js';
import { CASEWORKERS } from '../identity/roles.js';
import { accreditationReviewsProjector, reviewStreamId } from './projector.js';
import { accreditationReviews } from './review-schema.js';

/*
 * The commands of a member's review (README-review.md). Raising is Cordon's own work, run by the
 * review check (a job) as `REVIEW_RAISER`; concluding is a Senior Officer's.
 */

/** Who raises reviews in the record: Cordon's review check, with a caseworker's role (it does what a caseworker would). */
export const REVIEW_RAISER: Actor = { id: 'accreditation-reviews', name: 'Cordon (CPAS review check)', roles: ['caseworker-eo'] };

const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const raiseMembershipReviewInput = z.object({
  reviewId: z.uuid(),
  partyId: z.string().min(1).max(100),
  trigger: z.object({
    trigger: z.enum(REVIEW_TRIGGERS),
    incidents: z.array(z.string().min(1).max(100)).min(1).max(200),
    windowFrom: calendarDay,
    windowTo: calendarDay,
    requirements: z.array(z.string().max(100)).max(50).optional(),
  }),
  incidents: z.array(z.object({ caseReference: z.string().min(1).max(100), date: calendarDay, offences: z.array(z.enum(['S31A', 'S32'])).min(1) })).min(1).max(200),
  statusOnIncidentDate: z.string().max(40),
});

async function reviewRow(tx: Db, reviewId: string) {
  const [row] = await tx.select({ version: accreditationReviews.version }).from(accreditationReviews).where(eq(accreditationReviews.id, reviewId));
  return row ?? null;
}

/** Raises a review on a new `accreditation-review-<id>` stream; refused when that review was raised before. */
export const raiseMembershipReview: CommandDefinition<RaiseReviewInput, { exists: boolean }, { reviewId: string }> = {
  name: 'raiseMembershipReview',
  input: raiseMembershipReviewInput as unknown as z.ZodType<RaiseReviewInput>,
  roles: CASEWORKERS,
  streamType: 'accreditation-review',
  optimistic: true,
  async load(tx, input) {
    const row = await reviewRow(tx, input.reviewId);
    return { streamId: reviewStreamId(input.reviewId), version: row?.version ?? 0, state: { exists: row !== null } };
  },
  decide: decideRaiseReview,
  projectors: [accreditationReviewsProjector],
  project: async (_tx, { input }) => ({ reviewId: input.reviewId }),
};

export const concludeMembershipReviewInput = z.object({
  reviewId: z.uuid(),
  outcome: z.string().max(20),
  reasons: z.string().max(10_000).optional(),
  notes: z.string().max(10_000).optional(),
});

/** The review as its stream leaves it. */
export async function loadReview(tx: Db, reviewId: string): Promise<{ state: ReviewState; version: number } | null> {
  const stored = await readStream(tx, reviewStreamId(reviewId));
  const state = reviewFromEvents(stored.map((event) => ({ type: event.type, payload: event.payload }) as AccreditationReviewEvent));
  return state ? { state, version: stored[stored.length - 1]!.version } : null;
}

/** A Senior Officer concludes the review: keep (notes) or remove (reasons). */
export const concludeMembershipReview: CommandDefinition<ConcludeReviewInput & { reviewId: string }, ReviewState | null, { reviewId: string; version: number }> = {
  name: 'concludeMembershipReview',
  input: concludeMembershipReviewInput,
  roles: REVIEW_CONCLUDERS,
  streamType: 'accreditation-review',
  optimistic: true,
  async load(tx, input) {
    const loaded = await loadReview(tx, input.reviewId);
    return loaded ? { streamId: reviewStreamId(input.reviewId), version: loaded.version, state: loaded.state } : null;
  },
  decide: decideConcludeReview,
  projectors: [accreditationReviewsProjector],
  project: async (_tx, { input, version }) => ({ reviewId: input.reviewId, version }),
};
