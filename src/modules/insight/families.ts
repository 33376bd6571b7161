import { sql, type SQL } from 'drizzle-orm';
import { SEARCH_EVENT } from '../../domain/incident/events.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { FEEDBACK_EVENT } from '../../domain/questions/events.js';
import { IMPROVEMENT_EVENT } from '../../domain/insight/improvements.js';
import type { Family } from './figure.js';
import type { Period } from './query.js';

/*
 * The record families, each a SQL source over the event log (the platform's `events` table, not a
 * module's read table): one row per record, with the columns a figure may select on (`columns`)
 * and, for a listing only, the details a person needs to recognise the record (`details`).
 *
 * Every source reads only events recorded at or before `asOf` (`occurred_at` is the instant the
 * command committed its events, from the service's clock), so the same asOf gives the same rows
 * however many events arrive later: the log is append-only and never rewritten.
 *
 * `day` is the business date that places a record in a report period (the date of the search, the
 * incident date, the notice date...), not the date it was recorded: a search recorded in January for
 * 31 December counts in December's year, once it has been recorded (before asOf).
 */

export interface FamilySource {
  /** The columns a figure's `where` may name (besides `day`), all text. */
  columns: readonly string[];
  /**
   * Rows of this family recorded by `asOf`; `details` adds the listing's joins (not needed to count).
   * With `period`, a family that has an index on its business date may leave out rows that cannot
   * fall in the period (`keyWithin`); the period's exact condition on `day` is still applied by the caller.
   */
  rows(asOf: Date, details: boolean, period?: Period): SQL;
  /** The order of a listing. */
  orderBy: SQL;
}

/*
 * The business-date key: the text a family's `day` is computed from, indexed in the event log with
 * the event type (`events_type_day` in src/platform/events/schema.ts, the same expression: the
 * planner matches it). A date in the log is text ('YYYY-MM-DD', or an ISO 8601 instant for a
 * search), and its cast to a date depends on settings, so PostgreSQL cannot index the cast; it can
 * index the text, compared byte by byte (`collate "C"`). One expression serves every family: each
 * event type has at most the fields its family reads before the first one it lacks (a liability step
 * always has `on`; a case opened has none of the four before `incidentDate`; a search none of the
 * five before `searchedAt`: families.test.ts checks the catalogue). A calendar date's text sorts as
 * the date; a search's instant is written in its own offset, at most a day from the UK date, so its
 * key range is widened by two days either side. The key only narrows which rows are read: `day` decides.
 */
export const BUSINESS_KEY_FIELDS = ['noticeDate', 'decidedOn', 'receivedOn', 'on', 'incidentDate', 'searchedAt'] as const;
export const BUSINESS_KEY = sql`(coalesce(e.payload->>'noticeDate', e.payload->>'decidedOn', e.payload->>'receivedOn', e.payload->>'on', e.payload->>'incidentDate', e.payload->>'searchedAt') collate "C")`;

const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** ` and key in [from − margin, until + margin)`, or nothing without a period. */
function keyWithin(key: SQL, period: Period | undefined, marginDays = 0): SQL {
  if (!period) return sql``;
  return sql` and ${key} >= ${shiftDays(period.from, -marginDays)} and ${key} < ${shiftDays(period.until, marginDays)}`;
}

const recordedBy = (asOf: Date) => sql`e.occurred_at <= ${asOf.toISOString()}::timestamptz`;
const ukDay = (instant: SQL) => sql`((${instant})::timestamptz at time zone 'Europe/London')::date`;

/** The case's reference and the liability's person, from the case stream's own events recorded by asOf. */
const caseDetails = (asOf: Date) => sql`
  (select o.payload->>'reference' from events o where o.stream_id = e.stream_id and o.type = ${CASE_EVENT.CaseOpened} and o.occurred_at <= ${asOf.toISOString()}::timestamptz order by o.version limit 1) as reference,
  (select l.payload->>'partyName' from events l where l.stream_id = e.stream_id and l.type = ${CASE_EVENT.LiabilityOpened} and l.payload->>'liabilityId' = e.payload->>'liabilityId' order by l.version limit 1) as party,
  (select l.payload->>'role' from events l where l.stream_id = e.stream_id and l.type = ${CASE_EVENT.LiabilityOpened} and l.payload->>'liabilityId' = e.payload->>'liabilityId' order by l.version limit 1) as role`;

export const FAMILY_SOURCES: Record<Family, FamilySource> = {
  /** Every vehicle searched (DOMAIN.md §9): one `SearchRecorded` event per search. */
  searches: {
    columns: ['result', 'port', 'vehicle_kind', 'selection'],
    rows: (asOf, details, period) => sql`
      select e.seq, e.payload->>'searchId' as record, ${ukDay(sql`e.payload->>'searchedAt'`)} as day,
             e.payload->>'result' as result, e.payload->>'port' as port, e.payload->>'vehicleKind' as vehicle_kind,
             e.payload->>'selectionReason' as selection, null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'tractorRegistration' as registration, e.payload->>'searchedAt' as searched_at` : sql``}
      from events e
      where e.type = ${SEARCH_EVENT.SearchRecorded} and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, period, 2)}`,
    orderBy: sql`day, seq`,
  },
  /**
   * Every case opened (one per incident referred): its incident date, offence, port and the number
   * of clandestine entrants. Cases opened before the opening event carried those facts have no
   * incident date in the log and fall in no year (README, Not done).
   */
  cases: {
    columns: ['offence', 'port', 'not_secured', 'with_entrants'],
    rows: (asOf, details, period) => sql`
      select e.seq, e.payload->>'caseId' as record, (e.payload->>'incidentDate')::date as day,
             e.payload->>'offence' as offence, e.payload->>'port' as port,
             case when e.payload->>'offence' in ('S31A', 'S31A+S32') then 'yes' else 'no' end as not_secured,
             case when coalesce((e.payload->>'clandestineEntrants')::int, 0) > 0 then 'yes' else 'no' end as with_entrants,
             null::bigint as amount_pence, coalesce((e.payload->>'clandestineEntrants')::int, 0) as people
             ${details ? sql`, e.payload->>'reference' as reference, e.payload->>'companyName' as company, e.payload->>'driverName' as driver, e.payload->>'vehicleRegistration' as registration` : sql``}
      from events e
      where e.type = ${CASE_EVENT.CaseOpened} and e.payload ? 'incidentDate' and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, period)}`,
    orderBy: sql`day, reference, seq`,
  },
  /**
   * The steps of a liability that the annual report counts, one event each: penalties imposed,
   * objections determined, appeals decided, payments received, discretion and means reductions.
   * `day` is the step's own date where it has one (notice date, decision date, date received),
   * else the day it was recorded (`on`).
   */
  liabilityEvents: {
    columns: ['type', 'outcome'],
    rows: (asOf, details, period) => sql`
      select e.seq, e.payload->>'liabilityId' as record,
             coalesce(e.payload->>'noticeDate', e.payload->>'decidedOn', e.payload->>'receivedOn', e.payload->>'on')::date as day,
             e.type as type, coalesce(e.payload->>'outcome', '') as outcome,
             (e.payload->>'amountPence')::bigint as amount_pence, null::int as people
             ${details ? sql`, ${caseDetails(asOf)}` : sql``}
      from events e
      where e.stream_type = 'case'
        and e.type in (${sql.join(
          [LIABILITY_EVENT.PenaltyImposed, LIABILITY_EVENT.ObjectionDetermined, LIABILITY_EVENT.AppealDecided, LIABILITY_EVENT.PaymentReceived, LIABILITY_EVENT.DiscretionApproved, LIABILITY_EVENT.MeansReductionAssured].map((t) => sql`${t}`),
          sql`, `,
        )})
        and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, period)}`,
    orderBy: sql`day, reference, seq`,
  },
  /** Feedback on the service, one `FeedbackGiven` event per response, on the UK day it was given. */
  feedback: {
    columns: ['satisfaction'],
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'feedbackId' as record, ${ukDay(sql`e.occurred_at`)} as day,
             e.payload->>'satisfaction' as satisfaction, null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'comments' as comments, e.payload->>'language' as language` : sql``}
      from events e
      where e.type = ${FEEDBACK_EVENT.FeedbackGiven} and ${recordedBy(asOf)}`,
    orderBy: sql`day, seq`,
  },
  /** Improvements planned by their owner for a year's report (`ImprovementPlanned`): `day` is the first of that year. */
  improvements: {
    columns: [],
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'improvementId' as record, make_date((e.payload->>'year')::int, 1, 1) as day,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'title' as title, e.payload->>'owner' as owner, e.payload->>'dueOn' as due_on` : sql``}
      from events e
      where e.type = ${IMPROVEMENT_EVENT.ImprovementPlanned} and ${recordedBy(asOf)}`,
    orderBy: sql`due_on, title, seq`,
  },
};
