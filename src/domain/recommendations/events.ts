import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';

/*
 * The register of inspection recommendations (issue #17 item 6): the `recommendation` stream, one
 * per recommendation (`recommendation-<id>`). The inspection a recommendation comes from travels
 * with it (there is no inspection stream: an inspection is the set of its recommendations).
 */

/** The Home Office's response, as the document states it; `not-stated` where it does not. */
export const RESPONSES = ['accepted', 'partly-accepted', 'not-accepted', 'not-stated'] as const;
export type RecommendationResponse = (typeof RESPONSES)[number];

export const inspection = z.strictObject({
  /** A short stable name, e.g. `clandestine-entrants-2025`. */
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  title: z.string().min(1),
  year: z.number().int().min(1990).max(2100),
});
export type Inspection = z.infer<typeof inspection>;

export const RECOMMENDATION_EVENTS = {
  /** A recommendation entered in the register (from the pre-load or by hand), with the response. */
  RecommendationRecorded: z.strictObject({
    recommendationId: id,
    inspection,
    /** As the document numbers it: `1`, `2a`, `6d`. */
    number: z.string().min(1).max(10),
    text: z.string().min(1),
    response: z.enum(RESPONSES),
    /** The response's own words ("Accepted; action in progress"), null where none is stated. */
    responseWording: z.string().nullable(),
    /** Where the recommendation is written (paragraph or heading) and where the response is. */
    paragraph: z.string().nullable(),
    responseParagraph: z.string().nullable(),
    /** A figure of Cordon's that measures its progress (a key of the module's figure registry). */
    figure: z.string().nullable(),
  }),
  /** Who owns it and when it is due. */
  RecommendationOwnerAssigned: z.strictObject({ ownerId: id, ownerName: z.string().min(1), dueDate: calendarDate }),
  /** A step the owner will take, with its own due date. */
  RecommendationActionAdded: z.strictObject({ actionId: id, description: z.string().min(1), dueDate: calendarDate }),
  RecommendationActionCompleted: z.strictObject({ actionId: id, completedOn: calendarDate }),
  /** What shows it was done: words and, optionally, a link to the document or the records. */
  RecommendationEvidenceRecorded: z.strictObject({ evidenceId: id, description: z.string().min(1), link: z.string().nullable(), recordedOn: calendarDate }),
  /** The figure that measures it, or none. */
  RecommendationFigureLinked: z.strictObject({ figure: z.string().nullable() }),
  /** Closed on evidence, with the date to check that it is still embedded. */
  RecommendationClosed: z.strictObject({ closedOn: calendarDate, summary: z.string().nullable(), evidenceCount: z.number().int().positive(), embeddedCheckDue: calendarDate }),
  /** The later check: still embedded (the recommendation stays closed) or not (it is open again). */
  RecommendationEmbeddedCheckRecorded: z.strictObject({ checkedOn: calendarDate, embedded: z.boolean(), notes: z.string().nullable() }),
};

export const RECOMMENDATION_EVENT = eventNames(RECOMMENDATION_EVENTS);
export type RecommendationEvent = EventUnion<typeof RECOMMENDATION_EVENTS>;
