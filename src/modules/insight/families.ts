import { sql, type SQL } from 'drizzle-orm';
import { SEARCH_EVENT } from '../../domain/incident/events.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { FEEDBACK_EVENT } from '../../domain/questions/events.js';
import { IMPROVEMENT_EVENT } from '../../domain/insight/improvements.js';
import type { Family } from './figure.js';
import type { Period } from './query.js';
import { DETERRENCE_FAMILIES } from './deterrence.js';

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
   * `period` is the report's: most families ignore it (the caller keeps the rows whose `day` is in
   * it), a family of one row per party and period (the deterrence view) needs it to build its rows.
   */
  rows(asOf: Date, details: boolean, period: Period): SQL;
  /** The order of a listing. */
  orderBy: SQL;
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
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'searchId' as record, ${ukDay(sql`e.payload->>'searchedAt'`)} as day,
             e.payload->>'result' as result, e.payload->>'port' as port, e.payload->>'vehicleKind' as vehicle_kind,
             e.payload->>'selectionReason' as selection, null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'tractorRegistration' as registration, e.payload->>'searchedAt' as searched_at` : sql``}
      from events e
      where e.type = ${SEARCH_EVENT.SearchRecorded} and ${recordedBy(asOf)}`,
    orderBy: sql`day, seq`,
  },
  /**
   * Every case opened (one per incident referred): its incident date, offence, port and the number
   * of clandestine entrants. Cases opened before the opening event carried those facts have no
   * incident date in the log and fall in no year (README, Not done).
   */
  cases: {
    columns: ['offence', 'port', 'not_secured', 'with_entrants'],
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'caseId' as record, (e.payload->>'incidentDate')::date as day,
             e.payload->>'offence' as offence, e.payload->>'port' as port,
             case when e.payload->>'offence' in ('S31A', 'S31A+S32') then 'yes' else 'no' end as not_secured,
             case when coalesce((e.payload->>'clandestineEntrants')::int, 0) > 0 then 'yes' else 'no' end as with_entrants,
             null::bigint as amount_pence, coalesce((e.payload->>'clandestineEntrants')::int, 0) as people
             ${details ? sql`, e.payload->>'reference' as reference, e.payload->>'companyName' as company, e.payload->>'driverName' as driver, e.payload->>'vehicleRegistration' as registration` : sql``}
      from events e
      where e.type = ${CASE_EVENT.CaseOpened} and e.payload ? 'incidentDate' and ${recordedBy(asOf)}`,
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
    rows: (asOf, details) => sql`
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
        and ${recordedBy(asOf)}`,
    orderBy: sql`day, reference, seq`,
  },
  /**
   * Feedback on the service, one `FeedbackGiven` event per response, on the UK day it was given.
   * `theme`: the latest `FeedbackThemed` recorded by asOf; `unthemed` for comments not yet themed,
   * `no-comments` for a response without comments (nothing to theme).
   */
  feedback: {
    columns: ['satisfaction', 'theme'],
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'feedbackId' as record, ${ukDay(sql`e.occurred_at`)} as day,
             e.payload->>'satisfaction' as satisfaction,
             coalesce(
               (select th.payload->>'theme' from events th where th.stream_id = e.stream_id and th.type = ${FEEDBACK_EVENT.FeedbackThemed} and th.occurred_at <= ${asOf.toISOString()}::timestamptz order by th.seq desc limit 1),
               case when coalesce(e.payload->>'comments', '') = '' then 'no-comments' else 'unthemed' end) as theme,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'comments' as comments, e.payload->>'language' as language` : sql``}
      from events e
      where e.type = ${FEEDBACK_EVENT.FeedbackGiven} and ${recordedBy(asOf)}`,
    orderBy: sql`day, seq`,
  },
  /**
   * Improvements planned by their owner for a year's report (`ImprovementPlanned`): `day` is the first
   * of that year. As of asOf: the latest details (`ImprovementChanged`) and `status` (planned, done
   * or withdrawn: `ImprovementDone`, `ImprovementWithdrawn`).
   */
  improvements: {
    columns: ['status'],
    rows: (asOf, details) => sql`
      select e.seq, e.payload->>'improvementId' as record, make_date((e.payload->>'year')::int, 1, 1) as day,
             coalesce(st.status, 'planned') as status,
             null::bigint as amount_pence, null::int as people
             ${
               details
                 ? sql`, coalesce(ch.payload->>'title', e.payload->>'title') as title, coalesce(ch.payload->>'owner', e.payload->>'owner') as owner,
             coalesce(ch.payload->>'dueOn', e.payload->>'dueOn') as due_on, st.closed_on, st.reason`
                 : sql``
             }
      from events e
      left join lateral (
        select case when s.type = ${IMPROVEMENT_EVENT.ImprovementDone} then 'done' else 'withdrawn' end as status,
               coalesce(s.payload->>'doneOn', s.payload->>'withdrawnOn') as closed_on, s.payload->>'reason' as reason
        from events s
        where s.stream_id = e.stream_id and s.type in (${IMPROVEMENT_EVENT.ImprovementDone}, ${IMPROVEMENT_EVENT.ImprovementWithdrawn}) and s.occurred_at <= ${asOf.toISOString()}::timestamptz
        order by s.seq desc limit 1) st on true
      ${
        details
          ? sql`left join lateral (
        select c.payload from events c
        where c.stream_id = e.stream_id and c.type = ${IMPROVEMENT_EVENT.ImprovementChanged} and c.occurred_at <= ${asOf.toISOString()}::timestamptz
        order by c.seq desc limit 1) ch on true`
          : sql``
      }
      where e.type = ${IMPROVEMENT_EVENT.ImprovementPlanned} and ${recordedBy(asOf)}`,
    orderBy: sql`due_on, title, seq`,
  },
  /** The deterrence view: companies and drivers penalised, incidents by membership, companies by membership (deterrence.ts). */
  ...DETERRENCE_FAMILIES,
};
