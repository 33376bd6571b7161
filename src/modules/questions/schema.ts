import { pgTable, uuid, text, integer, date, timestamp, index, boolean } from 'drizzle-orm/pg-core';

/*
 * Questions from the public (portal, email, phone) and their answers. Written only by
 * `questionsProjector` from the `question` stream.
 */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey(),
    /** 'portal' | 'email' | 'phone' */
    channel: text('channel').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true, mode: 'date' }).notNull(),
    askedOn: date('asked_on', { mode: 'string' }).notNull(),
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    answerWithinWorkingDays: integer('answer_within_working_days').notNull(),
    askerName: text('asker_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    caseId: uuid('case_id'),
    caseReference: text('case_reference'),
    liabilityId: uuid('liability_id'),
    language: text('language').notNull(),
    text: text('text').notNull(),
    loggedById: text('logged_by_id').notNull(),
    loggedByName: text('logged_by_name').notNull(),
    /** 'open' | 'answered' | 'closed' */
    status: text('status').notNull(),
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    answerText: text('answer_text'),
    answerLanguage: text('answer_language'),
    answerNote: text('answer_note'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }),
    answeredOn: date('answered_on', { mode: 'string' }),
    withinServiceLevel: boolean('within_service_level'),
    workingDaysLate: integer('working_days_late'),
    closedReason: text('closed_reason'),
    closedByName: text('closed_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** The stream's version: forms carry it, a stale one is a conflict. */
    version: integer('version').notNull(),
  },
  (t) => [index('questions_status_due').on(t.status, t.dueBy), index('questions_case').on(t.caseId, t.askedAt), index('questions_liability').on(t.liabilityId, t.askedAt), index('questions_answered_on').on(t.answeredOn)],
);
