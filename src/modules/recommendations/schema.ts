import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * The register of inspection recommendations (issue #17 item 6): each recommendation with its
 * inspection, response, owner, due date and standing; its actions; its evidence. Written only by
 * `recommendationsProjector` from the `recommendation` stream.
 */

export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey(),
    inspectionId: text('inspection_id').notNull(),
    inspectionTitle: text('inspection_title').notNull(),
    inspectionYear: integer('inspection_year').notNull(),
    /** As the document numbers it: `1`, `2a`, `6d`. */
    number: text('number').notNull(),
    text: text('text').notNull(),
    /** 'accepted' | 'partly-accepted' | 'not-accepted' | 'not-stated' */
    response: text('response').notNull(),
    responseWording: text('response_wording'),
    paragraph: text('paragraph'),
    responseParagraph: text('response_paragraph'),
    /** A key of the figure registry (figures.ts), or null. */
    figure: text('figure'),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    dueDate: date('due_date', { mode: 'string' }),
    /** 'open' | 'closed' | 'embedded' | 'reopened' */
    status: text('status').notNull(),
    evidenceCount: integer('evidence_count').notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    closedByName: text('closed_by_name'),
    closingSummary: text('closing_summary'),
    /** The date to check that the change is still embedded. */
    embeddedCheckDue: date('embedded_check_due', { mode: 'string' }),
    /** The last "still embedded?" check: when, the answer, the notes, by whom. */
    checkedOn: date('checked_on', { mode: 'string' }),
    embedded: boolean('embedded'),
    checkNotes: text('check_notes'),
    checkedByName: text('checked_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The stream's version: forms carry it, a stale one is a conflict. */
    version: integer('version').notNull(),
  },
  (t) => [index('recommendations_inspection').on(t.inspectionYear, t.inspectionId), index('recommendations_owner').on(t.ownerId, t.status), index('recommendations_status').on(t.status, t.dueDate)],
);

export const recommendationActions = pgTable(
  'recommendation_actions',
  {
    id: uuid('id').primaryKey(),
    recommendationId: uuid('recommendation_id').notNull(),
    description: text('description').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    addedByName: text('added_by_name').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    completedByName: text('completed_by_name'),
  },
  (t) => [index('recommendation_actions_recommendation').on(t.recommendationId, t.dueDate)],
);

export const recommendationEvidence = pgTable(
  'recommendation_evidence',
  {
    id: uuid('id').primaryKey(),
    recommendationId: uuid('recommendation_id').notNull(),
    description: text('description').notNull(),
    link: text('link'),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('recommendation_evidence_recommendation').on(t.recommendationId, t.recordedAt)],
);
