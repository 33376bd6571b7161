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
