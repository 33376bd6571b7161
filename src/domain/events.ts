import type { z } from 'zod';
import { CASE_EVENTS, LETTER_EVENTS } from './case/events.js';
import type { EventSchemas, EventUnion } from './event-schemas.js';
import { API_TOKEN_EVENTS, USER_EVENTS } from './identity/events.js';
import { INCIDENT_EVENTS, SEARCH_EVENTS } from './incident/events.js';
import { PARTY_EVENTS, VEHICLE_EVENTS } from './parties/events.js';
import { DEBT_REFERRAL_EVENTS, LEDGER_IMPORT_EVENTS } from './payments/events.js';
import { PLATE_CHECK_HIT_EVENTS, WATCHLIST_EVENTS } from './plate-checks/events.js';
import { POLICY_EVENTS } from './policy/events.js';
import { INFORMATION_REQUEST_EVENTS } from './information-requests/events.js';
import { TRAINING_EVENTS } from './training/events.js';
import { CARD_PAYMENT_EVENTS } from './card-payments/events.js';
import { FEEDBACK_EVENTS, QUESTION_EVENTS } from './questions/events.js';
import { ASSURANCE_EVENTS, CHECK_REMINDER_EVENTS } from './accreditation/assurance-events.js';
import { ACCREDITATION_APPLICATION_EVENTS } from './accreditation/events.js';
import { ACCREDITATION_LETTER_EVENTS } from './accreditation/letters.js';
import { ACCREDITATION_REVIEW_EVENTS } from './accreditation/review.js';
import { IMPROVEMENT_EVENTS } from './insight/improvements.js';
import { RECOMMENDATION_EVENTS } from './recommendations/events.js';
import { VEHICLE_ACTION_LIST_EVENTS } from './vehicle-action-list/events.js';
import { DATA_QUALITY_EVENTS } from './insight/data-quality.js';

/**
 * The event catalogue: every stream type and, for each, every event that may be appended to it with
 * the zod schema of its payload. It is the only place an event's name is written: code elsewhere
 * uses the stream's names object (`CASE_EVENT.CaseNoteAdded`) or the typed union below. The event
 * store refuses, at run time, an event that is not here or whose payload does not match
 * (src/platform/events/catalogue-check.ts), and `NewEvent` is `CataloguedEvent`, so an unknown event
 * does not compile either. How to add an event: src/domain/README.md.
 */
export const EVENT_CATALOGUE = {
  search: SEARCH_EVENTS,
  incident: INCIDENT_EVENTS,
  case: CASE_EVENTS,
  letter: LETTER_EVENTS,
  party: PARTY_EVENTS,
  vehicle: VEHICLE_EVENTS,
  user: USER_EVENTS,
  'api-token': API_TOKEN_EVENTS,
  policy: POLICY_EVENTS,
  watchlist: WATCHLIST_EVENTS,
  'plate-check-hit': PLATE_CHECK_HIT_EVENTS,
  'ledger-import': LEDGER_IMPORT_EVENTS,
  'debt-referral': DEBT_REFERRAL_EVENTS,
  'information-request': INFORMATION_REQUEST_EVENTS,
  training: TRAINING_EVENTS,
  'card-payment': CARD_PAYMENT_EVENTS,
  question: QUESTION_EVENTS,
  feedback: FEEDBACK_EVENTS,
  'accreditation-assurance': ASSURANCE_EVENTS,
  'accreditation-check-reminder': CHECK_REMINDER_EVENTS,
  'accreditation-application': ACCREDITATION_APPLICATION_EVENTS,
  'accreditation-letter': ACCREDITATION_LETTER_EVENTS,
  'accreditation-review': ACCREDITATION_REVIEW_EVENTS,
  improvement: IMPROVEMENT_EVENTS,
  recommendation: RECOMMENDATION_EVENTS,
  'vehicle-action-list': VEHICLE_ACTION_LIST_EVENTS,
  'data-quality': DATA_QUALITY_EVENTS,
} as const satisfies Record<string, EventSchemas>;

export type StreamType = keyof typeof EVENT_CATALOGUE;

/** The events of one stream type, as `{ type, payload }`. */
export type StreamEvent<S extends StreamType> = EventUnion<(typeof EVENT_CATALOGUE)[S]>;

/** Every event in the catalogue: `{ type: K; payload: z.infer<schema of K> }` for each event K of each stream. */
export type CataloguedEvent = { [S in StreamType]: StreamEvent<S> }[StreamType];

export type CataloguedEventType = CataloguedEvent['type'];

/** The catalogued event of this type (of whichever stream it belongs to). */
export type CataloguedEventOf<K extends CataloguedEventType> = Extract<CataloguedEvent, { type: K }>;

export const STREAM_TYPES = Object.keys(EVENT_CATALOGUE) as StreamType[];

export function isStreamType(value: string): value is StreamType {
  return Object.hasOwn(EVENT_CATALOGUE, value);
}

/** The schema of an event's payload on a stream type, or undefined when the stream has no such event. */
export function payloadSchema(streamType: string, type: string): z.ZodType | undefined {
  if (!isStreamType(streamType)) return undefined;
  const events: EventSchemas = EVENT_CATALOGUE[streamType];
  return Object.hasOwn(events, type) ? events[type] : undefined;
}

/**
 * Narrows a recorded event to the catalogue's type for it, to read its payload:
 * `if (isEventOf(event, CASE_EVENT.CaseLinked)) event.payload.linkedCaseId`. Old events are read as
 * they were stored, so a reader of a field the schema added later still allows for its absence.
 */
export function isEventOf<E extends { type: string }, K extends CataloguedEventType>(event: E, type: K): event is E & CataloguedEventOf<K> {
  return event.type === type;
}
