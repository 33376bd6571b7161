import { pgTable, uuid, text, integer, date, timestamp, index, jsonb, primaryKey } from 'drizzle-orm/pg-core';

/*
 * Requests for information from the penalty team to the referring officer, their answers and the
 * files sent with them. Written only by `informationRequestsProjector` from the
 * `information-request` stream.
 */

export const informationRequests = pgTable(
  'information_requests',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    caseReference: text('case_reference').notNull(),
    /** The codes of `REQUESTED_ITEMS`. */
    items: text('items').array().notNull(),
    otherDescription: text('other_description'),
    details: text('details'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** The officer asked (null for a port's request). */
    addressedToId: text('addressed_to_id'),
    addressedToName: text('addressed_to_name'),
    /** The port asked, when no officer referred the case. */
    portCode: text('port_code'),
    /** 'open' | 'answered' | 'withdrawn' */
    status: text('status').notNull(),
    requestedById: text('requested_by_id').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The first answer's lateness (days after the due date; 0 on time). */
    firstAnswerDaysLate: integer('first_answer_days_late'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawnReason: text('withdrawn_reason'),
    /** The stream's version: forms carry it, a stale one is a conflict. */
    version: integer('version').notNull(),
  },
  (t) => [
    index('information_requests_case').on(t.caseId, t.requestedAt),
    index('information_requests_addressed_to').on(t.addressedToId, t.status),
    index('information_requests_port').on(t.portCode, t.status),
    index('information_requests_requested_by').on(t.requestedById, t.status),
  ],
);

export const informationRequestAnswers = pgTable(
  'information_request_answers',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    text: text('text').notNull(),
    /** The files sent: hash, media type, size, original name, thumbnail hash. */
    files: jsonb('files').$type<{ hash: string; mediaType: string; size: number; originalName: string; thumbnailHash: string | null }[]>().notNull(),
    answeredById: text('answered_by_id').notNull(),
    answeredByName: text('answered_by_name').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull(),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    daysLate: integer('days_late').notNull(),
  },
  (t) => [index('information_request_answers_request').on(t.requestId, t.answeredAt)],
);

/** Each file sent with an answer, by content hash (and thumbnail hash), to serve it to those who may see the case. */
export const informationRequestFiles = pgTable(
  'information_request_files',
  {
    answerId: uuid('answer_id').notNull(),
    fileHash: text('file_hash').notNull(),
    thumbnailHash: text('thumbnail_hash'),
    requestId: uuid('request_id').notNull(),
    caseId: uuid('case_id').notNull(),
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.fileHash] }), index('information_request_files_hash').on(t.fileHash), index('information_request_files_thumbnail').on(t.thumbnailHash)],
);
