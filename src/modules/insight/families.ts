import { sql, type SQL } from 'drizzle-orm';
import { SEARCH_EVENT } from '../../domain/incident/events.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { FEEDBACK_EVENT } from '../../domain/questions/events.js';
import { DEBT_REFERRAL_EVENT } from '../../domain/payments/events.js';
import { IMPROVEMENT_EVENT } from '../../domain/insight/improvements.js';
import { PLATE_CHECK_HIT_EVENT } from '../../domain/plate-checks/events.js';
import { POLICY_EVENT } from '../../domain/policy/events.js';
import { ACCREDITATION_APPLICATION_EVENT } from '../../domain/accreditation/events.js';
import { ASSURANCE_EVENT } from '../../domain/accreditation/assurance-events.js';
import { QUESTION_EVENT } from '../../domain/questions/events.js';
import { VEHICLE_ACTION_LIST_EVENT } from '../../domain/vehicle-action-list/events.js';
import type { Family } from './figure.js';
import type { Period } from './query.js';
import { DETERRENCE_FAMILIES } from './deterrence.js';
import { liabilityCalculationsTable, liabilityMoneyFold, liabilityMoneyStepsTable, liabilityMoneyTotalsTable, openReferral } from '../casework/queries.js';

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
   * A family that has an index on its business date leaves out rows that cannot fall in the period
   * (`keyWithin`) unless `narrow` is false (the test that the narrowing changes nothing); the period's exact condition on `day` is still applied by the caller.
   * A family of one row per party and period (the deterrence view) needs it to build its rows.
   * `types`, when given, are the only event types any figure asked of the family counts (each selects
   * on `type`): a family whose records are events of several types may leave the others out, since
   * they would count in no figure.
   */
  rows(asOf: Date, details: boolean, period: Period, narrow?: boolean, types?: readonly string[]): SQL;
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
export function keyWithin(key: SQL, period: Period | undefined, marginDays = 0): SQL {
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

/**
 * The liability steps the `liabilityEvents` family holds, one record each. The annual report counts
 * the first six; the management information also counts recommendations drafted and approved
 * (penalties calculated), objections received, appeals lodged and write-offs approved.
 */
const LIABILITY_STEPS_COUNTED = [
  LIABILITY_EVENT.PenaltyImposed,
  LIABILITY_EVENT.ObjectionDetermined,
  LIABILITY_EVENT.AppealDecided,
  LIABILITY_EVENT.PaymentReceived,
  LIABILITY_EVENT.DiscretionApproved,
  LIABILITY_EVENT.MeansReductionAssured,
  LIABILITY_EVENT.RecommendationDrafted,
  LIABILITY_EVENT.RecommendationApproved,
  LIABILITY_EVENT.ObjectionReceived,
  LIABILITY_EVENT.AppealLodged,
  LIABILITY_EVENT.WriteOffApproved,
];

/**
 * Why a step of a penalty calculation took money off, from its label (the calculation writes these
 * words, src/domain/penalty/calculate-penalty.ts): CPAS membership, compliance with the regulations,
 * discretion (before or after means testing), means testing. Other steps (the starting level, the
 * per-person maximum, rounding) are not reductions for a reason and are left out.
 */
export const REDUCTION_REASONS = ['cpas', 'compliance', 'discretion', 'means'] as const;
const reductionReason = (label: SQL) => sql`case
  when ${label} like 'Member of the Civil Penalty Accreditation Scheme%' then 'cpas'
  when ${label} like 'Complied with the regulations%' or ${label} like 'Not present on the journey but acted%' then 'compliance'
  when ${label} like 'Discretion%' then 'discretion'
  when ${label} like 'Means test%' then 'means'
  end`;

/** A liability's events of these types on its case stream, recorded by asOf (`x`: the alias; `e`: the record's event). */
const sameLiability = (asOf: Date, alias: string, types: readonly string[]) =>
  sql`${sql.raw(alias)}.stream_id = e.stream_id and ${sql.raw(alias)}.payload->>'liabilityId' = e.payload->>'liabilityId'
      and ${sql.raw(alias)}.type in (${sql.join(types.map((t) => sql`${t}`), sql`, `)}) and ${sql.raw(alias)}.occurred_at <= ${asOf.toISOString()}::timestamptz`;
const sumOf = (asOf: Date, types: readonly string[], column = 'amountPence') =>
  sql`coalesce((select sum((x.payload->>${column})::bigint) from events x where ${sameLiability(asOf, 'x', types)}), 0)`;
const anyOf = (asOf: Date, types: readonly string[], extra: SQL = sql`true`) => sql`exists (select 1 from events x where ${sameLiability(asOf, 'x', types)} and ${extra})`;

/** The port of the case the event is on (from its `CaseOpened`), or 'unknown'. */
const casePort = sql`coalesce((select o.payload->>'port' from events o where o.stream_id = e.stream_id and o.type = ${CASE_EVENT.CaseOpened} order by o.version limit 1), 'unknown')`;

export const FAMILY_SOURCES: Record<Family, FamilySource> = {
  /** Every vehicle searched (DOMAIN.md §9): one `SearchRecorded` event per search. */
  searches: {
    columns: ['result', 'port', 'vehicle_kind', 'selection'],
    rows: (asOf, details, period, narrow) => sql`
      select e.seq, e.payload->>'searchId' as record, ${ukDay(sql`e.payload->>'searchedAt'`)} as day,
             e.payload->>'result' as result, e.payload->>'port' as port, e.payload->>'vehicleKind' as vehicle_kind,
             e.payload->>'selectionReason' as selection, null::bigint as amount_pence, null::int as people
             ${details ? sql`, e.payload->>'tractorRegistration' as registration, e.payload->>'searchedAt' as searched_at` : sql``}
      from events e
      where e.type = ${SEARCH_EVENT.SearchRecorded} and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, narrow === false ? undefined : period, 2)}`,
    orderBy: sql`day, seq`,
  },
  /**
   * Every case opened (one per incident referred): its incident date, offence, port and the number
   * of clandestine entrants. Cases opened before the opening event carried those facts have no
   * incident date in the log and fall in no year (README, Not done).
   */
  cases: {
    columns: ['offence', 'port', 'not_secured', 'with_entrants'],
    rows: (asOf, details, period, narrow) => sql`
      select e.seq, e.payload->>'caseId' as record, (e.payload->>'incidentDate')::date as day,
             e.payload->>'offence' as offence, e.payload->>'port' as port,
             case when e.payload->>'offence' in ('S31A', 'S31A+S32') then 'yes' else 'no' end as not_secured,
             case when coalesce((e.payload->>'clandestineEntrants')::int, 0) > 0 then 'yes' else 'no' end as with_entrants,
             null::bigint as amount_pence, coalesce((e.payload->>'clandestineEntrants')::int, 0) as people
             ${details ? sql`, e.payload->>'reference' as reference, e.payload->>'companyName' as company, e.payload->>'driverName' as driver, e.payload->>'vehicleRegistration' as registration` : sql``}
      from events e
      where e.type = ${CASE_EVENT.CaseOpened} and e.payload ? 'incidentDate' and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, narrow === false ? undefined : period)}`,
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
    // Only the types the figures count when they are known (the annual report counts 6 of the 11: the
    // recommendations drafted and approved, as many as the penalties and with the calculation's steps
    // in their payload, are read only for the management information).
    rows: (asOf, details, period, narrow, types) => sql`
      select e.seq, e.payload->>'liabilityId' as record,
             coalesce(e.payload->>'noticeDate', e.payload->>'decidedOn', e.payload->>'receivedOn', e.payload->>'lodgedOn', e.payload->>'writtenOffOn', e.payload->>'on')::date as day,
             e.type as type, coalesce(e.payload->>'outcome', '') as outcome,
             (e.payload->>'amountPence')::bigint as amount_pence, null::int as people
             ${details ? sql`, ${caseDetails(asOf)}, e.payload->>'grounds' as grounds` : sql``}
      from events e
      where e.stream_type = 'case'
        and e.type in (${sql.join(
          LIABILITY_STEPS_COUNTED.filter((t) => !types || types.includes(t)).map((t) => sql`${t}`),
          sql`, `,
        )}${types && !LIABILITY_STEPS_COUNTED.some((t) => types.includes(t)) ? sql`null` : sql``})
        and ${recordedBy(asOf)}${keyWithin(BUSINESS_KEY, narrow === false ? undefined : period)}`,
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
  ...OPERATIONS_FAMILY_SOURCES(),
  /**
   * Every step of a penalty calculation that took money off for a reason (REDUCTION_REASONS), one
   * record each, with what it took off (`amount_pence`: the amount before the step less the amount
   * after it). Two calculations count: the recommendation as approved (the last one drafted before
   * `RecommendationApproved`, `source` 'recommendation', on the approval's day) and a fresh
   * calculation in an objection's determination (`ObjectionDetermined` with steps, `source`
   * 'objection', on its day). A step that took nothing off (a reduction capped away, an affordable
   * amount above the penalty) is not a reduction and is not listed.
   */
  calculationReductions: {
    columns: ['reason', 'source'],
    // Read from casework's `liability_calculations` (its projector's copy of the approvals, each with
    // its drafted calculation's steps, and of the objections' fresh calculations, with when each was
    // recorded): only the period's are read (the table's index on their day).
    rows: (asOf, details, period, narrow) => sql`
      select c.seq * 1000 + s.n as seq, c.liability_id as record, c.day, ${reductionReason(sql`(s.step->>'label')`)} as reason, c.source,
             ((c.steps->((s.n)::int - 2)->>'amountPence')::bigint - (s.step->>'amountPence')::bigint) as amount_pence, null::int as people
             ${details ? sql`, c.reference, c.party, c.role, s.step->>'label' as step` : sql``}
      from (
        select k.seq, k.liability_id, k.day, k.source, k.steps
               ${details ? sql`, ${caseDetails(asOf)}` : sql``}
        from ${liabilityCalculationsTable()} k
        ${details ? sql`join events e on e.stream_id = k.stream_id and e.version = k.version` : sql``}
        where k.recorded_at <= ${asOf.toISOString()}::timestamptz${
          narrow === false || !period ? sql`` : sql` and k.day >= ${period.from}::date and k.day < ${period.until}::date`
        }
      ) c
      cross join lateral jsonb_array_elements(case when jsonb_typeof(c.steps) = 'array' then c.steps else '[]'::jsonb end) with ordinality as s(step, n)
      where s.n > 1
        and ${reductionReason(sql`(s.step->>'label')`)} is not null
        and (c.steps->((s.n)::int - 2)->>'amountPence')::bigint > (s.step->>'amountPence')::bigint`,
    orderBy: sql`day, reference, seq`,
  },
  /**
   * Every penalty imposed, one record per liability, with its money folded up to asOf: imposed (the
   * notice), reduced since (objection, appeal or means: the amount in force is the last of them;
   * nothing once cancelled), paid, and the rest: written off if a write-off was approved, else
   * outstanding (a credit counts as nothing outstanding). `state`: 'cancelled' (cancelled on
   * objection or appeal, nothing paid outstanding), 'written-off', 'paid' (nothing left), 'debt-recovery'
   * (money left and referred to the debt collection agency with no outcome back and not closed),
   * else 'outstanding'. Costs charged to the debt (detention) count as owed; refunds paid back as
   * paid less. `day`: the notice date.
   */
  money: {
    columns: ['state'],
    // Read from casework's `liability_money_totals` (each liability's steps folded, kept by its
    // projector): `day` is the notice date of the liability's first penalty, and only the period's are
    // read (the table's index on notice dates). A liability with a step recorded after asOf has its
    // steps recorded by asOf folded again from `liability_money_steps`, the same fold
    // (casework/money-totals.ts): so every asOf gets what the event log said then.
    rows: (asOf, details, period, narrow) => {
      const at = sql`${asOf.toISOString()}::timestamptz`;
      return sql`
      with totals as not materialized (
        -- The liabilities whose first penalty (whenever recorded: an earlier penalty of the liability
        -- excludes a later one) was recorded by asOf, in the period when narrowed.
        select t.* from ${liabilityMoneyTotalsTable()} t
        where t.first_penalty_version is not null and t.first_penalty_recorded_at <= ${at}${
          narrow === false || !period ? sql`` : sql` and t.notice_date >= ${period.from}::date and t.notice_date < ${period.until}::date`
        }),
      -- Those with a step recorded after asOf (few, for a recent asOf: the table's index on it).
      unsettled as materialized (select u.* from totals u where u.last_recorded_at > ${at}),
      refolded as (
        -- Their steps recorded by asOf, folded.
        select x.stream_id, x.liability_id, ${liabilityMoneyFold(at)}
        from ${liabilityMoneyStepsTable()} x
        where x.liability_id in (select r.liability_id from unsettled r)
        group by x.stream_id, x.liability_id),
      money as (
        select t.stream_id, t.liability_id, t.first_penalty_version, t.first_penalty_seq, t.notice_date, t.imposed_pence,
               t.cancelled, t.last_amount_pence, t.paid_pence, t.refunded_pence, t.costs_pence, t.written_off, t.referred
        from totals t where t.last_recorded_at <= ${at}
        union all
        select t.stream_id, t.liability_id, t.first_penalty_version, t.first_penalty_seq, t.notice_date, t.imposed_pence,
               f.cancelled, f.last_amount_pence, f.paid_pence, f.refunded_pence, f.costs_pence, f.written_off, ${openReferral(at, 'f')}
        from unsettled t join refolded f on f.stream_id = t.stream_id and f.liability_id = t.liability_id)
      select m.seq, m.record, m.day, m.state, m.imposed_pence, m.imposed_pence - m.in_force_pence as reduced_pence, m.paid_pence,
             case when m.state in ('outstanding', 'debt-recovery') then greatest(m.balance_pence, 0) else 0 end as outstanding_pence,
             case when m.state = 'written-off' then greatest(m.balance_pence, 0) else 0 end as written_off_pence,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, m.reference, m.party, m.role` : sql``}
      from (
        select f.*,
               case when f.written_off then 'written-off'
                    when f.cancelled and f.balance_pence <= 0 then 'cancelled'
                    when f.balance_pence <= 0 then 'paid'
                    when f.referred then 'debt-recovery'
                    else 'outstanding' end as state
        from (
          select a.*, a.in_force_pence + a.costs_pence - a.paid_pence + a.refunded_pence as balance_pence
          from (
            select l.first_penalty_seq as seq, l.liability_id as record, l.notice_date as day,
                   l.imposed_pence,
                   l.cancelled,
                   case when l.cancelled then 0 else l.last_amount_pence end as in_force_pence,
                   l.paid_pence, l.refunded_pence, l.costs_pence, l.written_off,
                   (c.liability_id is not null or l.referred) as referred
                   ${details ? sql`, ${caseDetails(asOf)}` : sql``}
            from money l
            ${details ? sql`join events e on e.stream_id = l.stream_id and e.version = l.first_penalty_version` : sql``}
            -- Referrals carried over from the old system, by liability, read once.
            left join (
              select distinct x.payload->>'liabilityId' as liability_id from events x
              where x.type = ${DEBT_REFERRAL_EVENT.DebtReferralCarriedOver} and x.payload->>'outcome' is null and x.occurred_at <= ${at}
            ) c on c.liability_id = l.liability_id
          ) a
        ) f
      ) m`;
    },
    orderBy: sql`day, reference, seq`,
  },
  /**
   * Every instalment plan agreed (`InstalmentPlanAgreed`), on the day agreed, with what it schedules
   * (`amount_pence`) and how it stood at asOf (`state`): 'broken' (`InstalmentPlanBroken` before any
   * later plan), 'kept' (paid in full before any later plan, and not broken), else 'running'.
   */
  instalmentPlans: {
    columns: ['state'],
    rows: (asOf, details) => sql`
      select p.seq, p.record, p.day, case when p.broken then 'broken' when p.paid then 'kept' else 'running' end as state,
             p.amount_pence, null::int as people
             ${details ? sql`, p.reference, p.party, p.role, p.instalments` : sql``}
      from (
        select e.seq, e.payload->>'liabilityId' as record, (e.payload->>'on')::date as day,
               (select coalesce(sum((i->>'amountPence')::bigint), 0) from jsonb_array_elements(e.payload->'schedule') i) as amount_pence,
               jsonb_array_length(e.payload->'schedule') as instalments,
               ${anyOf(asOf, [LIABILITY_EVENT.InstalmentPlanBroken], sql`x.version > e.version and not exists (select 1 from events n where ${sameLiability(asOf, 'n', [LIABILITY_EVENT.InstalmentPlanAgreed])} and n.version > e.version and n.version < x.version)`)} as broken,
               ${anyOf(asOf, [LIABILITY_EVENT.PaidInFull], sql`x.version > e.version and not exists (select 1 from events n where ${sameLiability(asOf, 'n', [LIABILITY_EVENT.InstalmentPlanAgreed])} and n.version > e.version and n.version < x.version)`)} as paid
               ${details ? sql`, ${caseDetails(asOf)}` : sql``}
        from events e
        where e.type = ${LIABILITY_EVENT.InstalmentPlanAgreed} and e.stream_type = 'case' and ${recordedBy(asOf)}
      ) p`,
    orderBy: sql`day, reference, seq`,
  },
  /**
   * Every discretionary reduction approved by a Senior Officer (`DiscretionApproved`), one record per
   * item: its policy reason code (`reason`), the officer who drafted it (`officer`, with
   * `officer_name` as recorded on the drafting), the case's port (`port`), what it took off
   * (`amount_pence`), on the day it was approved.
   */
  discretion: {
    columns: ['reason', 'officer', 'port'],
    rows: (asOf, details) => sql`
      select e.seq * 1000 + i.n as seq, e.payload->>'liabilityId' as record, (e.payload->>'on')::date as day,
             i.item->>'reasonCode' as reason, e.payload->>'author' as officer,
             coalesce((select d.actor_name from events d where d.stream_id = e.stream_id and d.type = ${LIABILITY_EVENT.RecommendationDrafted}
                        and d.payload->>'liabilityId' = e.payload->>'liabilityId' and d.actor_id = e.payload->>'author' and d.version < e.version
                        order by d.version desc limit 1), e.payload->>'author') as officer_name,
             ${casePort} as port,
             (i.item->>'reducedPence')::bigint as amount_pence, null::int as people
             ${details ? sql`, ${caseDetails(asOf)}, e.actor_name as approved_by` : sql``}
      from events e
      cross join lateral jsonb_array_elements(e.payload->'items') with ordinality as i(item, n)
      where e.type = ${LIABILITY_EVENT.DiscretionApproved} and e.stream_type = 'case' and ${recordedBy(asOf)}`,
    orderBy: sql`day, reference, seq`,
  },
  /** The deterrence view: companies and drivers penalised, incidents by membership, companies by membership (deterrence.ts). */
  ...DETERRENCE_FAMILIES,
};

/*
 * The operations families of the management information (issue #17 item 1; the figures are in
 * management/operations.ts, the choices in the README's "Operations figures"). Each reads only the
 * event log, recorded by asOf, like the families above.
 */
function OPERATIONS_FAMILY_SOURCES(): Pick<Record<Family, FamilySource>, 'valRecorded' | 'plateCheckOutcomes' | 'deadlineMisses' | 'assuranceReturns' | 'memberChecks' | 'accreditationDecisions' | 'questionsAnswered'> {
  return {
    /**
     * The Vehicle Action List as it stood: the vehicles of the latest list recorded by asOf (the
     * daily `VehicleActionListRecorded`, src/modules/vehicle-action-list/val-record.ts), a **stock**:
     * `day` is that list's day, so a period from the beginning to asOf (or one holding the day) gives it.
     */
    valRecorded: {
      columns: [],
      rows: (asOf, details) => sql`
        select e.seq, x.entry->>'registrationKey' as record, (e.payload->>'day')::date as day,
               (x.entry->>'outstandingPence')::bigint as amount_pence, null::int as people
               ${details ? sql`, x.entry->>'registration' as registration, x.entry->>'country' as country, x.entry->>'company' as company,
                 array_to_string(array(select jsonb_array_elements_text(x.entry->'caseRefs')), ',') as case_refs, x.entry->>'dueDate' as due_date` : sql``}
        from (
          select v.seq, v.payload from events v
          where v.type = ${VEHICLE_ACTION_LIST_EVENT.VehicleActionListRecorded} and v.occurred_at <= ${asOf.toISOString()}::timestamptz
          order by (v.payload->>'day')::date desc, v.seq desc
          limit 1
        ) e
        cross join lateral jsonb_array_elements(e.payload->'entries') x(entry)`,
      orderBy: sql`day, record`,
    },
    /**
     * What officers did about each plate-check hit (`PlateCheckOutcomeRecorded`, once per hit): every
     * outcome follows a stop, so each row is a vehicle stopped; `day` is the UK day it was recorded
     * (the event carries no other date). The hits themselves are not events (README of plate-checks).
     */
    plateCheckOutcomes: {
      columns: ['outcome'],
      rows: (asOf, details) => sql`
        select e.seq, e.payload->>'hitId' as record, ${ukDay(sql`e.occurred_at`)} as day,
               e.payload->>'outcome' as outcome, null::bigint as amount_pence, null::int as people
               ${details ? sql`, e.payload->>'registration' as registration, e.payload->>'reason' as reason, e.actor_name as officer` : sql``}
        from events e
        where e.type = ${PLATE_CHECK_HIT_EVENT.PlateCheckOutcomeRecorded} and ${recordedBy(asOf)}`,
      orderBy: sql`day, seq`,
    },
    /**
     * The statutory deadlines missed, one row per responsible person (liability) and deadline:
     * `kind` '180' (no penalty imposed by the last day to impose, 180 days beginning with the start of
     * the clock) or '151' (no initial notice sent by day 151). Each from the case's opening facts and
     * the policy version in force on the incident date as published by asOf (the clock's rules,
     * src/domain/clock/deadlines.ts): 2023 regime only, the clock starting on the incident date or a
     * lorry drop's earlier date. Missed when the deadline is before asOf's UK day and the step was not
     * recorded by then; a liability not referred has no deadline. `day` is the deadline itself.
     * `reason` is the write-off proposal's reason code recorded by asOf (else 'none').
     */
    deadlineMisses: {
      columns: ['kind', 'reason', 'with_reason'],
      rows: (asOf, details) => sql`
        select m.seq, m.liability_id as record, m.deadline as day, m.kind, coalesce(w.payload->>'reason', 'none') as reason,
               case when w.payload is null then 'no' else 'yes' end as with_reason, null::bigint as amount_pence, null::int as people
               ${details ? sql`, m.reference, m.party, m.role, w.payload->>'explanation' as explanation` : sql``}
        from (
          select l.seq, l.payload->>'liabilityId' as liability_id, l.stream_id, c.reference, l.payload->>'partyName' as party, l.payload->>'role' as role, k.kind,
                 case k.kind when '180' then c.start + (p.clock->>'impositionWindowDays')::int - 1 else c.start + (p.clock->>'lastInitialNoticeDay')::int end as deadline
          from (
            select o.stream_id, o.payload->>'reference' as reference, (o.payload->>'incidentDate')::date as incident_date,
                   case when o.payload ? 'lorryDrop'
                        then least((o.payload->'lorryDrop'->>'estimatedArrivalDate')::date, (o.payload->'lorryDrop'->>'detectionDate')::date)
                        else (o.payload->>'incidentDate')::date end as start
            from events o
            where o.type = ${CASE_EVENT.CaseOpened} and o.payload ? 'incidentDate' and o.occurred_at <= ${asOf.toISOString()}::timestamptz
          ) c
          cross join lateral (
            select v.payload->'parameters'->'clock' as clock, (v.payload->'parameters'->'regime'->>'changeDate')::date as change_date
            from events v
            where v.type = ${POLICY_EVENT.PolicyVersionPublished} and v.occurred_at <= ${asOf.toISOString()}::timestamptz
              and (v.payload->>'effectiveFrom')::date <= c.incident_date
            order by (v.payload->>'effectiveFrom')::date desc, v.seq desc
            limit 1
          ) p
          join events l on l.stream_id = c.stream_id and l.type = ${CASE_EVENT.LiabilityOpened} and l.occurred_at <= ${asOf.toISOString()}::timestamptz
          cross join (values ('180'), ('151')) k(kind)
          where c.incident_date >= p.change_date
        ) m
        left join lateral (
          select w.payload from events w
          where w.stream_id = m.stream_id and w.type = ${CASE_EVENT.WriteOffProposed} and w.payload->>'liabilityId' = m.liability_id
            and w.occurred_at <= ${asOf.toISOString()}::timestamptz
          order by w.version desc limit 1
        ) w on true
        where m.deadline < ${ukDay(sql`${asOf.toISOString()}`)}
          and not exists (
            select 1 from events s
            where s.stream_id = m.stream_id and s.payload->>'liabilityId' = m.liability_id and s.occurred_at <= ${asOf.toISOString()}::timestamptz
              and (s.type = ${CASE_EVENT.NotReferralDecided}
                or (m.kind = '180' and s.type = ${CASE_EVENT.PenaltyImposed})
                or (m.kind = '151' and s.type = ${CASE_EVENT.InitialNoticeSent} and (s.payload->>'on')::date <= m.deadline)))`,
      orderBy: sql`day, reference, kind, seq`,
    },
    /**
     * The assurer's returns of a recommendation (`RecommendationReturned`), one row per category
     * ticked; `first` is 'yes' on one row of each return, so the returns are counted once.
     * `day` is the day of the return (`on`).
     */
    assuranceReturns: {
      columns: ['category', 'first'],
      rows: (asOf, details) => sql`
        select e.seq, e.payload->>'liabilityId' as record, (e.payload->>'on')::date as day,
               c.category, case when c.n = 1 then 'yes' else 'no' end as first, null::bigint as amount_pence, null::int as people
               ${details ? sql`, ${caseDetails(asOf)}, e.payload->>'text' as text, e.actor_name as assurer, array_to_string(array(select jsonb_array_elements_text(e.payload->'categories')), ',') as categories` : sql``}
        from events e
        cross join lateral jsonb_array_elements_text(e.payload->'categories') with ordinality as c(category, n)
        where e.type = ${CASE_EVENT.RecommendationReturned} and ${recordedBy(asOf)}`,
      orderBy: sql`day, reference, seq, category`,
    },
    /** Assurance checks of CPAS members (visits, desk checks, re-checks: `MemberCheckRecorded`), by outcome, on the day of the check. */
    memberChecks: {
      columns: ['outcome', 'kind'],
      rows: (asOf, details) => sql`
        select e.seq, e.payload->>'checkId' as record, (e.payload->>'date')::date as day,
               e.payload->>'outcome' as outcome, e.payload->>'kind' as kind, null::bigint as amount_pence, null::int as people
               ${details ? sql`, e.payload->>'partyId' as party_id, e.payload->>'notes' as notes,
                 (select s.payload->'company'->>'name' from events a join events s on s.stream_id = a.stream_id and s.type = ${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationSubmitted}
                  where a.type = ${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationAccepted} and a.payload->>'partyId' = e.payload->>'partyId' order by a.seq desc limit 1) as company` : sql``}
        from events e
        where e.type = ${ASSURANCE_EVENT.MemberCheckRecorded} and ${recordedBy(asOf)}`,
      orderBy: sql`day, seq`,
    },
    /**
     * CPAS applications decided (accepted, or refused by a Senior Officer; a withdrawal is not a
     * decision), on the day decided. `within` is 'yes' when decided on or before the decision due
     * date recorded at submission (received + the policy's decision days): the accreditation
     * dashboard's 30-day rule (assess-service.ts), which the recommendations register's 6d figure shows.
     */
    accreditationDecisions: {
      columns: ['outcome', 'within'],
      rows: (asOf, details) => sql`
        select d.seq, d.reference as record, d.decided_on as day, d.outcome,
               case when d.decided_on <= d.decision_due then 'yes' else 'no' end as within, null::bigint as amount_pence, null::int as people
               ${details ? sql`, d.company, d.received_on::text as received_on, d.decision_due::text as decision_due, (d.decided_on - d.received_on) as days_taken` : sql``}
        from (
          select e.seq, s.payload->>'reference' as reference, s.payload->'company'->>'name' as company,
                 (s.payload->>'receivedOn')::date as received_on, (s.payload->>'decisionDue')::date as decision_due,
                 case e.type when ${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationAccepted} then 'accepted' else 'refused' end as outcome,
                 coalesce(e.payload->>'acceptedOn', e.payload->>'refusedOn')::date as decided_on
          from events e
          join events s on s.stream_id = e.stream_id and s.type = ${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationSubmitted}
          where e.type in (${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationAccepted}, ${ACCREDITATION_APPLICATION_EVENT.AccreditationRefusalApproved}) and ${recordedBy(asOf)}
        ) d`,
      orderBy: sql`day, record, seq`,
    },
    /**
     * Questions answered (`QuestionAnswered`), on the day answered; `within` is the answer's own
     * record of whether it met the service level in force when the question was asked (due by =
     * asked + N working days, src/modules/questions).
     */
    questionsAnswered: {
      columns: ['within', 'channel'],
      rows: (asOf, details) => sql`
        select e.seq, q.payload->>'questionId' as record, (e.payload->>'answeredOn')::date as day,
               case when (e.payload->>'withinServiceLevel')::boolean then 'yes' else 'no' end as within, q.payload->>'channel' as channel,
               null::bigint as amount_pence, null::int as people
               ${details ? sql`, q.payload->>'askerName' as asker, q.payload->>'caseReference' as reference, q.payload->>'askedOn' as asked_on, q.payload->>'dueBy' as due_by, (e.payload->>'workingDaysLate')::int as working_days_late` : sql``}
        from events e
        join events q on q.stream_id = e.stream_id and q.type = ${QUESTION_EVENT.QuestionAsked}
        where e.type = ${QUESTION_EVENT.QuestionAnswered} and ${recordedBy(asOf)}`,
      orderBy: sql`day, seq`,
    },
  };
}
