import { pgTable, uuid, text, integer, date, timestamp, index, jsonb, boolean, primaryKey } from 'drizzle-orm/pg-core';

/*
 * Checks of CPAS members (visits, desk checks, periodic re-checks) with their findings per area.
 * Written only by `assuranceProjector` from the `accreditation-assurance` stream.
 */
export const accreditationMemberChecks = pgTable(
  'accreditation_member_checks',
  {
    id: uuid('id').primaryKey(),
    partyId: text('party_id').notNull(),
    /** 'visit' | 'deskCheck' | 'periodicRecheck' */
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    findings: jsonb('findings').$type<{ area: string; result: 'met' | 'notMet'; notes: string }[]>().notNull(),
    /** 'satisfactory' | 'improvementsRequired' | 'referredForReview' */
    outcome: text('outcome').notNull(),
    notes: text('notes').notNull(),
    nextCheckDue: date('next_check_due', { mode: 'string' }).notNull(),
    recordedById: text('recorded_by_id').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The member's stream version after this check: forms carry it, a stale one is a conflict. */
    version: integer('version').notNull(),
  },
  (t) => [index('accreditation_member_checks_party').on(t.partyId, t.date)],
);

/*
 * The reminders sent to the assurance team of members' checks due soon or overdue, one per due
 * check. Written only by `checkRemindersProjector` from the `accreditation-check-reminder` stream.
 */
export const accreditationCheckReminders = pgTable(
  'accreditation_check_reminders',
  {
    partyId: text('party_id').notNull(),
    /** The check reminded of (the next check due on this day). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    memberName: text('member_name').notNull(),
    overdue: boolean('overdue').notNull(),
    sentTo: text('sent_to').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partyId, t.dueOn] })],
);
