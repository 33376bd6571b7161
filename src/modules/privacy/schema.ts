import { pgTable, uuid, text, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * Every read of a person's record by staff: who, when, which record, through which page or API.
 * Append-only and not part of the record (no event: a read changes nothing); one row per record
 * shown, written in the request that showed it.
 */
export const personalDataReads = pgTable(
  'personal_data_reads',
  {
    id: uuid('id').primaryKey(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull(),
    userId: text('user_id').notNull(),
    /** The reader's name when they read it (a later change of name does not rewrite the log). */
    userName: text('user_name').notNull(),
    /** 'page' (signed in) or 'api' (an API token). */
    channel: text('channel').notNull(),
    /** The route as declared, e.g. `GET /parties/:id`. */
    route: text('route').notNull(),
    /** 'party' | 'case' | 'incident' | 'people-found' */
    recordKind: text('record_kind').notNull(),
    recordId: text('record_id').notNull(),
    partyId: uuid('party_id'),
    caseReference: text('case_reference'),
  },
  (t) => [
    index('personal_data_reads_read_at').on(t.readAt),
    index('personal_data_reads_user').on(t.userId, t.readAt),
    index('personal_data_reads_record').on(t.recordId, t.readAt),
    index('personal_data_reads_party').on(t.partyId, t.readAt),
    index('personal_data_reads_case').on(t.caseReference, t.readAt),
  ],
);
