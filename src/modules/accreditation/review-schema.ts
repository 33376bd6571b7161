import { date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/*
 * Reviews of CPAS members (issue #16 item 3, README-review.md). Written only by
 * `accreditationReviewsProjector` from the `accreditation-review` stream. Re-exported by the
 * module's schema.ts.
 */
export const accreditationReviews = pgTable(
  'accreditation_reviews',
  {
    /** The review's id (`accreditation-review-<id>`), derived from the party, the trigger and the incidents. */
    id: uuid('id').primaryKey(),
    partyId: uuid('party_id').notNull(),
    /** 's32Incidents' | 's31aFindings' | 'schemeNotFollowed' */
    trigger: text('trigger').notNull(),
    /** The incidents behind it, oldest first: `{ caseReference, date, offences }`. */
    incidents: jsonb('incidents').$type<{ caseReference: string; date: string; offences: string[] }[]>().notNull(),
    windowFrom: date('window_from', { mode: 'string' }).notNull(),
    windowTo: date('window_to', { mode: 'string' }).notNull(),
    requirements: jsonb('requirements').$type<string[]>().notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    /** null while open; 'keep' | 'remove' once concluded. */
    outcome: text('outcome'),
    reasons: text('reasons'),
    notes: text('notes'),
    concludedByName: text('concluded_by_name'),
    concludedOn: date('concluded_on', { mode: 'string' }),
    version: integer('version').notNull(),
  },
  (table) => [index('accreditation_reviews_party').on(table.partyId), index('accreditation_reviews_open').on(table.outcome, table.raisedOn)],
);
