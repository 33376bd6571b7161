import { pgTable, uuid, text, date, timestamp, index } from 'drizzle-orm/pg-core';

/** Feedback on the service (issue #15 item 7), one row a response. Written only by `feedbackProjector`. */
export const feedbackResponses = pgTable(
  'feedback_responses',
  {
    id: uuid('id').primaryKey(),
    /** 'very-satisfied' | 'satisfied' | 'neither' | 'dissatisfied' | 'very-dissatisfied' */
    satisfaction: text('satisfaction').notNull(),
    comments: text('comments'),
    /** The page or journey it came from (a path on this service). */
    fromPath: text('from_path'),
    language: text('language').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true, mode: 'date' }).notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('feedback_responses_given_on').on(t.givenOn)],
);
