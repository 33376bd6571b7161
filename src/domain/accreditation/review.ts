import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';
import { refuse, type CommandDecision, type CommandMoment } from '../command-decision.js';
import { SECURITY_REQUIREMENT_CODES } from '../incident/security-requirements.js';
import { OFFENCES } from '../penalty/penalty-input.js';
import { ukDate } from '../reference/uk-date.js';
import { REVIEW_TRIGGERS, type ReviewTrigger, type ReviewTriggerKind } from './review-triggers.js';

/*
 * A review of a CPAS member's accreditation (DOMAIN.md §3, issue #16 item 3), on the
 * `accreditation-review` stream (`accreditation-review-<reviewId>`). Raised by Cordon itself when
 * an incident of the member completes a review trigger (`reviewTriggersFor`): once per trigger and
 * set of incidents — the review's id is derived from them, so a re-run or a replay raises nothing
 * twice. Concluded once, by a Senior Officer: the member is kept (with notes), or removed that day
 * (with reasons); a removal feeds the membership rules (`membershipPeriods`' review removals).
 */

export const REVIEW_OUTCOMES = ['keep', 'remove'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Who may conclude a review. */
export const REVIEW_CONCLUDERS = ['senior-officer'] as const;

/** One incident behind a review: the case it opened (one per incident), its date and the member's offences on it. */
const reviewIncident = z.strictObject({
  caseReference: z.string().min(1),
  date: calendarDate,
  offences: z.array(z.enum(OFFENCES)).min(1),
});

export const ACCREDITATION_REVIEW_EVENTS = {
  MembershipReviewRaised: z.strictObject({
    reviewId: id,
    /** The member's register entry (as its membership holds it). */
    partyId: id,
    trigger: z.enum(REVIEW_TRIGGERS),
    /** The incidents that complete the trigger, oldest first. */
    incidents: z.array(reviewIncident).min(1),
    /** The window of the policy's months the incidents fall in (one day for `schemeNotFollowed`). */
    windowFrom: calendarDate,
    windowTo: calendarDate,
    /** `schemeNotFollowed`: the company's own security duties recorded as not met. */
    requirements: z.array(z.enum(SECURITY_REQUIREMENT_CODES)),
    raisedOn: calendarDate,
  }),
  MembershipReviewConcluded: z.strictObject({
    outcome: z.enum(REVIEW_OUTCOMES),
    /** Removal: why (printed on the letter). Empty when kept. */
    reasons: z.string(),
    /** Kept: the Senior Officer's notes (what the member was told, what to watch). */
    notes: z.string(),
    byId: id,
    byName: z.string(),
    concludedOn: calendarDate,
  }),
};

export const ACCREDITATION_REVIEW_EVENT = eventNames(ACCREDITATION_REVIEW_EVENTS);
export type AccreditationReviewEvent = EventUnion<typeof ACCREDITATION_REVIEW_EVENTS>;

export type ReviewIncidentRecord = z.infer<typeof reviewIncident>;

export interface ReviewState {
  reviewId: string;
  partyId: string;
  trigger: ReviewTriggerKind;
  incidents: readonly ReviewIncidentRecord[];
  windowFrom: string;
  windowTo: string;
  requirements: readonly string[];
  raisedOn: string;
  conclusion: { outcome: ReviewOutcome; reasons: string; notes: string; byId: string; byName: string; concludedOn: string } | null;
}

/** One event applied to the review. */
export function evolveReview(state: ReviewState | null, event: AccreditationReviewEvent): ReviewState | null {
  if (event.type === ACCREDITATION_REVIEW_EVENT.MembershipReviewRaised) {
    const { reviewId, partyId, trigger, incidents, windowFrom, windowTo, requirements, raisedOn } = event.payload;
    return { reviewId, partyId, trigger, incidents, windowFrom, windowTo, requirements, raisedOn, conclusion: null };
  }
  if (!state) return state;
  const { outcome, reasons, notes, byId, byName, concludedOn } = event.payload;
  return { ...state, conclusion: { outcome, reasons, notes, byId, byName, concludedOn } };
}

/** The review as its events leave it (null before it is raised). */
export function reviewFromEvents(events: readonly AccreditationReviewEvent[]): ReviewState | null {
  return events.reduce<ReviewState | null>(evolveReview, null);
}

export interface RaiseReviewInput {
  reviewId: string;
  partyId: string;
  /** What `reviewTriggersFor` found, with each incident's case and offences. */
  trigger: ReviewTrigger;
  incidents: readonly ReviewIncidentRecord[];
  /** The member's status on the date of the incident that completed the trigger (the membership rules'). */
  statusOnIncidentDate: string;
}

/** Statuses in which an incident counts against a member: still in the scheme (a suspended member is too). */
const IN_THE_SCHEME = ['member', 'suspended'];

/**
 * Raised once: the stream must be new (its id comes from the party, the trigger and the incidents,
 * so the same completed window or incident never raises a second review), and only for a member
 * (or a suspended member) on the incident's date.
 */
export function decideRaiseReview(state: { exists: boolean }, input: RaiseReviewInput, context: CommandMoment): CommandDecision {
  if (state.exists) return refuse('accreditation.review.alreadyRaised');
  if (!IN_THE_SCHEME.includes(input.statusOnIncidentDate)) return refuse('accreditation.review.notMember');
  const named = new Set(input.trigger.incidents);
  const incidents = input.incidents.filter((incident) => named.has(incident.caseReference));
  if (incidents.length === 0 || incidents.length !== named.size) return refuse('accreditation.review.incidentsUnknown');
  return {
    ok: true,
    events: [
      {
        type: ACCREDITATION_REVIEW_EVENT.MembershipReviewRaised,
        payload: {
          reviewId: input.reviewId,
          partyId: input.partyId,
          trigger: input.trigger.trigger,
          incidents: [...incidents].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.caseReference.localeCompare(b.caseReference))),
          windowFrom: input.trigger.windowFrom,
          windowTo: input.trigger.windowTo,
          requirements: [...(input.trigger.requirements ?? [])],
          raisedOn: ukDate(context.now),
        },
      },
    ],
  };
}

export interface ConcludeReviewInput {
  outcome: string;
  reasons?: string | undefined;
  notes?: string | undefined;
}

/**
 * Concluded once, by a Senior Officer: kept with notes, or removed with reasons. Every problem is
 * a message id with the field it is about (the page shows it beside the field).
 */
export function decideConcludeReview(state: ReviewState | null, input: ConcludeReviewInput, context: CommandMoment): CommandDecision {
  if (!state) return refuse('accreditation.review.notFound');
  if (state.conclusion) return refuse('accreditation.review.alreadyConcluded');
  if (!context.actor.roles.some((role) => (REVIEW_CONCLUDERS as readonly string[]).includes(role))) return refuse('accreditation.review.seniorOfficerOnly');
  if (!(REVIEW_OUTCOMES as readonly string[]).includes(input.outcome)) return refuse('accreditation.review.chooseOutcome', [{ field: 'outcome', message: 'accreditation.review.chooseOutcome' }]);
  const outcome = input.outcome as ReviewOutcome;
  const reasons = (input.reasons ?? '').trim();
  const notes = (input.notes ?? '').trim();
  if (outcome === 'remove' && !reasons) return refuse('accreditation.review.reasonsNeeded', [{ field: 'reasons', message: 'accreditation.review.reasonsNeeded' }]);
  if (outcome === 'keep' && !notes) return refuse('accreditation.review.notesNeeded', [{ field: 'notes', message: 'accreditation.review.notesNeeded' }]);
  return {
    ok: true,
    events: [
      {
        type: ACCREDITATION_REVIEW_EVENT.MembershipReviewConcluded,
        payload: { outcome, reasons: outcome === 'remove' ? reasons : '', notes, byId: context.actor.id, byName: context.actor.name, concludedOn: ukDate(context.now) },
      },
    ],
  };
}

/** The days reviews of a member concluded with removal (the membership rules' `reviewRemovals`). */
export function reviewRemovals(reviews: readonly ReviewState[]): string[] {
  return reviews.filter((review) => review.conclusion?.outcome === 'remove').map((review) => review.conclusion!.concludedOn).sort();
}
