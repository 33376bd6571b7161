import { z } from 'zod';
import { calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';

/*
 * Assurance of CPAS members (issue #16 item 6): visits, desk checks and periodic re-checks, each
 * recorded with its findings per evidence area, on the `accreditation-assurance` stream — one
 * stream per member, `accreditation-assurance-<partyId>`. The next check due is derived from the
 * last check (or the start of membership) and the policy's `accreditation.recheckEveryMonths`.
 */

/** The five evidence areas of the scheme (DOMAIN.md §7; the ids the application uses). */
export const ASSURANCE_AREAS = ['securityDevices', 'checkRecord', 'driverInstructions', 'driverTraining', 'driverPerformanceReview'] as const;
export type AssuranceArea = (typeof ASSURANCE_AREAS)[number];

export const MEMBER_CHECK_KINDS = ['visit', 'deskCheck', 'periodicRecheck'] as const;
export type MemberCheckKind = (typeof MEMBER_CHECK_KINDS)[number];

export const AREA_RESULTS = ['met', 'notMet'] as const;

/** What the check concluded: all well; the member must put things right; or a review of membership is needed. */
export const CHECK_OUTCOMES = ['satisfactory', 'improvementsRequired', 'referredForReview'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const ASSURANCE_EVENTS = {
  MemberCheckRecorded: z.strictObject({
    checkId: id,
    partyId: id,
    kind: z.enum(MEMBER_CHECK_KINDS),
    /** The day the check was made. */
    date: calendarDate,
    /** One finding per area looked at. */
    findings: z.array(z.strictObject({ area: z.enum(ASSURANCE_AREAS), result: z.enum(AREA_RESULTS), notes: z.string() })).min(1),
    outcome: z.enum(CHECK_OUTCOMES),
    notes: z.string(),
    /** The next check due after this one (this date + the policy's interval in force on it). */
    nextCheckDue: calendarDate,
  }),
};

export const ASSURANCE_EVENT = eventNames(ASSURANCE_EVENTS);
export type AssuranceEvent = EventUnion<typeof ASSURANCE_EVENTS>;

/*
 * The reminder to the assurance team that a member's next check is due soon or overdue: once per
 * due check, each on its own stream (`accreditation-check-reminder-<partyId>-<dueOn>`), so a
 * reminder never moves the member's assurance stream under an officer recording a check.
 */
export const CHECK_REMINDER_EVENTS = {
  MemberCheckReminderSent: z.strictObject({
    partyId: id,
    /** The member's name and its application reference, as the reminder gave them. */
    memberName: z.string().min(1),
    reference: z.string().min(1),
    /** The check it is about: the next check due on this day. */
    dueOn: calendarDate,
    /** Overdue when sent (otherwise due within the policy's reminder days). */
    overdue: z.boolean(),
    /** Where it was emailed (the assurance team's address). */
    to: z.string().min(3),
    sentOn: calendarDate,
  }),
};

export const CHECK_REMINDER_EVENT = eventNames(CHECK_REMINDER_EVENTS);
export type CheckReminderEvent = EventUnion<typeof CHECK_REMINDER_EVENTS>;
