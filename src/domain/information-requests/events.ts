import { z } from 'zod';
import { calendarDate, count, eventNames, id, sha256, type EventUnion } from '../event-schemas.js';

/*
 * Requests for information from the penalty team to the officer who referred an incident (seed 003
 * §10.43, §5.41): the `information-request` stream, one per request (`information-request-<id>`).
 */

/** The named items a caseworker can ask for; `other` needs a description. */
export const REQUESTED_ITEMS = {
  photographs: 'Photographs',
  'notebook-entries': 'Notebook entries',
  'inland-script': 'The inland script data',
  'driver-documents': 'The driver’s documents',
  'security-checklist': 'The security checklist',
  statement: 'A statement',
  other: 'Something else',
} as const;
export type RequestedItem = keyof typeof REQUESTED_ITEMS;

const requestedItem = z.enum(Object.keys(REQUESTED_ITEMS) as [RequestedItem, ...RequestedItem[]]);

/** Who is asked: the officer who referred the incident, or (a referral with no officer) every officer of the case's port. */
export const addressee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('officer'), officerId: id, officerName: z.string() }),
  z.strictObject({ kind: z.literal('port'), portCode: z.string().min(1) }),
]);
export type Addressee = z.infer<typeof addressee>;

/** A file sent with an answer, stored by its content hash (src/platform/files). */
export const answerFile = z.strictObject({
  hash: sha256,
  mediaType: z.string(),
  size: count,
  originalName: z.string(),
  thumbnailHash: sha256.nullable(),
});

export const INFORMATION_REQUEST_EVENTS = {
  InformationRequested: z.strictObject({
    requestId: id,
    caseId: id,
    caseReference: z.string(),
    items: z.array(requestedItem).min(1),
    /** What "something else" is, when asked for. */
    otherDescription: z.string().nullable(),
    /** Anything more the caseworker wrote. */
    details: z.string().nullable(),
    dueDate: calendarDate,
    addressedTo: addressee,
  }),
  /** An answer: text and files. Never changed; a further answer is another event. */
  InformationRequestAnswered: z.strictObject({
    answerId: id,
    text: z.string(),
    files: z.array(answerFile),
    /** The UK date it was answered on, and how many days after the due date (0: on time). */
    answeredOn: calendarDate,
    daysLate: count,
  }),
  InformationRequestWithdrawn: z.strictObject({ reason: z.string().nullable() }),
};

export const INFORMATION_REQUEST_EVENT = eventNames(INFORMATION_REQUEST_EVENTS);
export type InformationRequestEvent = EventUnion<typeof INFORMATION_REQUEST_EVENTS>;
