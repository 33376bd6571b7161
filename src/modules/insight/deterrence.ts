import { sql, type SQL } from 'drizzle-orm';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { PARTY_EVENT } from '../../domain/parties/events.js';
import { ACCREDITATION_APPLICATION_EVENT } from '../../domain/accreditation/events.js';
import { ACCREDITATION_REVIEW_EVENT } from '../../domain/accreditation/review.js';
import { BUSINESS_KEY, keyWithin, type FamilySource } from './families.js';
import type { Period } from './query.js';
import { liabilityMoneyStepsTable, partyInvolvementsAsOf } from '../casework/queries.js';

/*
 * The deterrence view's record families (issue #17 item 3, seed 003 recommendation 7c), as of asOf
 * like every other family (the event log, and one read table that is a function of it: below):
 *
 * - `penalisedParties`: one row per company and per driver with a penalty imposed in the period
 *   (their first penalty of the period, by notice date): had they an incident in the 12 months
 *   before it (`before`), and one in the 12 months after (`after`)?
 * - `companyIncidents`: one row per incident (case) and company on it, with whether the company was
 *   an accredited (CPAS) member on the incident date (`accredited`).
 * - `companies`: one row per company known by the end of the period, with whether it was a member
 *   on any day of the period (`accredited`) and whether it had an incident in the period, while a
 *   member for a member, at all for the others (`incident`).
 *
 * Who a person is: the party confirmed for each liability (`LiabilityPartyConfirmed`, the latest
 * by asOf, with its case's incident date and reference: casework's read table `party_involvements`,
 * kept by its projector from those events and read through `partyInvolvementsAsOf`, which answers as
 * of any asOf exactly what the event log does), resolved through the register's merges (`PartyMerged`/`PartyUnmerged`, the latest of
 * each entry by asOf, followed to the entry it was merged into). A liability whose person was never
 * confirmed has no identity and is in none of these families. "Company" is the owner, hirer or
 * operator of the vehicle; "driver" the driver.
 *
 * Membership on a day, from the accreditation streams: an accepted application
 * (`AccreditationApplicationAccepted`, its `memberFrom` on or before the day) not ended by a review
 * concluded with removal (`MembershipReviewConcluded`, outcome `remove`) on or before the day.
 * Suspensions and removals for an unpaid penalty are not events: the membership rules derive them
 * from the penalty's history (src/domain/accreditation/membership.ts) and they are not followed
 * here (README, Not done).
 */

const at = (asOf: Date) => sql`${asOf.toISOString()}::timestamptz`;
const ukToday = (asOf: Date) => sql`((${asOf.toISOString()}::timestamptz) at time zone 'Europe/London')::date`;

/** Each entry's root as of asOf: the register's merges (`PartyMerged`/`PartyUnmerged`, the latest of each entry), followed to the entry it was merged into. */
function roots(asOf: Date): SQL {
  return sql`
  merged as (
    select x.party, x.into_party from (
      select distinct on (m.payload->>'partyId') m.payload->>'partyId' as party, m.type, m.payload->>'into' as into_party
      from events m
      where m.type in (${PARTY_EVENT.PartyMerged}, ${PARTY_EVENT.PartyUnmerged}) and m.occurred_at <= ${at(asOf)}
      order by m.payload->>'partyId', m.seq desc) x
    where x.type = ${PARTY_EVENT.PartyMerged}),
  resolved(party, root, depth) as (
    select party, into_party, 1 from merged
    union all
    select r.party, m.into_party, r.depth + 1 from resolved r join merged m on m.party = r.root where r.depth < 16),
  roots as (select distinct on (party) party, root from resolved order by party, depth desc)`;
}

/** The read table's involvements as of asOf (casework's `partyInvolvementsAsOf`), each party resolved to its root. */
const resolvedInvolvements = (asOf: Date, incidentFrom?: string, incidentUntil?: string) => sql`
    select i.seq, i.stream_id, i.liability_id, i.kind, coalesce(rt.root, i.party_id) as party, i.incident_date, i.reference
    from ${partyInvolvementsAsOf(asOf, incidentFrom, incidentUntil)} i left join roots rt on rt.party = i.party_id`;

/**
 * The resolved identity of every liability's confirmed person, and the incidents they were on, as of
 * asOf (`involvement`; only the incidents in [incidentFrom, incidentUntil) when given), with the
 * register's names and the accreditation spells' ends.
 */
export function identity(asOf: Date, incidentFrom?: string, incidentUntil?: string): SQL {
  return sql`${roots(asOf)},
  involvement as (${resolvedInvolvements(asOf, incidentFrom, incidentUntil)}),
  accepted as (
    select coalesce(rt.root, a.payload->>'partyId') as party, (a.payload->>'memberFrom')::date as member_from
    from events a left join roots rt on rt.party = a.payload->>'partyId'
    where a.type = ${ACCREDITATION_APPLICATION_EVENT.AccreditationApplicationAccepted} and a.occurred_at <= ${at(asOf)}),
  removals as (
    select coalesce(rt.root, r.payload->>'partyId') as party, (c.payload->>'concludedOn')::date as removed_on
    from events c
    join events r on r.stream_id = c.stream_id and r.type = ${ACCREDITATION_REVIEW_EVENT.MembershipReviewRaised}
    left join roots rt on rt.party = r.payload->>'partyId'
    where c.type = ${ACCREDITATION_REVIEW_EVENT.MembershipReviewConcluded} and c.payload->>'outcome' = 'remove' and c.occurred_at <= ${at(asOf)}),
  names as (
    select distinct on (coalesce(rt.root, n.payload->>'partyId')) coalesce(rt.root, n.payload->>'partyId') as party, n.payload->>'name' as name
    from events n left join roots rt on rt.party = n.payload->>'partyId'
    where n.type = ${PARTY_EVENT.PartyRegistered} and n.occurred_at <= ${at(asOf)}
    order by coalesce(rt.root, n.payload->>'partyId'), (rt.root is null) desc, n.seq)`;
}

/*
 * Membership as spells, set-based (hash joins on the party, not a subquery per row): each accepted
 * application from its `member_from` to its first removal on review on or after that day (null: none
 * by asOf). A party was a member on a day if a spell had begun by then and was not removed by then
 * (`memberOn`); on some day of the period if a spell began before the period's end and was not
 * removed by the later of its start and the period's start.
 */
const spells = sql`
  spells as (
    select a.party, a.member_from, min(x.removed_on) as removed_on
    from accepted a left join removals x on x.party = a.party and x.removed_on >= a.member_from
    group by a.party, a.member_from)`;
const memberOn = (spell: string, day: SQL) =>
  sql`${sql.raw(spell)}.member_from <= ${day} and (${sql.raw(spell)}.removed_on is null or ${sql.raw(spell)}.removed_on > ${day})`;

export const DETERRENCE_FAMILIES: Record<'penalisedParties' | 'companyIncidents' | 'companies', FamilySource> = {
  penalisedParties: {
    columns: ['kind', 'before', 'after', 'after_complete'],
    // The period's penalties are read by notice date whether narrowed or not (a penalty's `day` is its
    // notice date); each person's first one then looks up only that person's incidents within 12
    // months either side, by register entry (the read table's index on party and incident date).
    rows: (asOf, details, period) => sql`
      with recursive ${identity(asOf)},
      penalties as materialized (
        select e.seq, e.stream_id, e.notice_date as day, i.kind, i.party, i.reference
        -- The penalties of the period from casework's money steps (its read table, by notice date), recorded by asOf.
        -- (By the liability alone, unique across cases: with its case too, the planner would multiply the
        -- two conditions' selectivities and expect one penalty, then probe the involvements per penalty.)
        from ${liabilityMoneyStepsTable()} e join (${resolvedInvolvements(asOf)}) i on i.liability_id = e.liability_id
        where e.type = ${LIABILITY_EVENT.PenaltyImposed} and e.recorded_at <= ${at(asOf)}
          and e.notice_date >= ${period.from}::date and e.notice_date < ${period.until}::date),
      -- The first penalty of each person and kind (by notice date, then place in the log): the least
      -- [day, seq] pair by hashing, not a sort of the period's penalties.
      first_keys as (
        select party, kind, min(array[(day - date '2000-01-01')::bigint, seq]) as k from penalties group by party, kind),
      firsts as (select p.* from penalties p join first_keys k on k.party = p.party and k.kind = p.kind and p.seq = k.k[2]),
      -- The entries merged into each root (the person's other entries in the register).
      members as (select rt.root, array_agg(rt.party) as entries from roots rt group by rt.root),
      around as (
        -- Each first penalty's person looked up by entry (the read table's index on party and
        -- incident date), only their incidents within 12 months either side, folded with bool_or.
        select f.seq, f.party, f.day, f.kind, f.reference,
               coalesce(a.before, false) as before, coalesce(a.after, false) as after
               ${details ? sql`, a.incidents_before, a.incidents_after` : sql``}
        from firsts f
        left join members m on m.root = f.party
        left join lateral (
          select bool_or(b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day) as before,
                 bool_or(b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date) as after
                 ${
                   details
                     ? sql`, string_agg(distinct b.reference, ', ') filter (where b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day) as incidents_before,
                 string_agg(distinct b.reference, ', ') filter (where b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date) as incidents_after`
                     : sql``
                 }
          from ${partyInvolvementsAsOf(asOf)} b
          where b.party_id = any(array[f.party] || coalesce(m.entries, '{}'::text[])) and b.kind = f.kind and b.stream_id <> f.stream_id
            and b.incident_date >= (f.day - interval '12 months')::date and b.incident_date <= (f.day + interval '12 months')::date and b.incident_date <> f.day
        ) a on true)
      select f.seq, f.party as record, f.day, f.kind,
             case when f.before then 'yes' else 'no' end as before,
             case when f.after then 'yes' else 'no' end as after,
             case when (f.day + interval '12 months')::date < ${ukToday(asOf)} then 'yes' else 'no' end as after_complete,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, f.reference, n.name as party_name, f.incidents_before, f.incidents_after` : sql``}
      from around f
      ${details ? sql`left join names n on n.party = f.party` : sql``}`,
    orderBy: sql`day, party_name, seq`,
  },
  companyIncidents: {
    columns: ['accredited'],
    // `day` is the incident date, so only the period's incidents are read (the read table's index on incident_date).
    rows: (asOf, details, period, narrow) => sql`
      with recursive ${narrow === false ? identity(asOf) : identity(asOf, period.from, period.until)},
      ${spells},
      company_cases as (select distinct on (stream_id, party) * from involvement where kind = 'company' order by stream_id, party, seq),
      member_cases as (
        select distinct i.stream_id, i.party from company_cases i join spells s on s.party = i.party and ${memberOn('s', sql`i.incident_date`)})
      select i.seq, i.party as record, i.incident_date as day,
             case when m.party is not null then 'yes' else 'no' end as accredited,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, i.reference, n.name as party_name` : sql``}
      from company_cases i
      left join member_cases m on m.stream_id = i.stream_id and m.party = i.party
      ${details ? sql`left join names n on n.party = i.party` : sql``}`,
    orderBy: sql`day, reference, seq`,
  },
  companies: {
    columns: ['accredited', 'incident'],
    rows: (asOf, details, period) => sql`
      with recursive ${identity(asOf, undefined, period.until)},
      ${spells},
      known as (
        select coalesce(rt.root, p.payload->>'partyId') as party, min(p.seq) as seq
        from events p left join roots rt on rt.party = p.payload->>'partyId'
        where p.type = ${PARTY_EVENT.PartyRegistered} and p.payload->>'kind' = 'organisation' and p.occurred_at <= ${at(asOf)}
          and ((p.occurred_at at time zone 'Europe/London')::date) < ${period.until}::date
        group by 1
        union all
        -- (From the read table itself, not the materialised involvement above: PostgreSQL then knows how many
        -- rows there are and hashes the 400,000 incidents of a million cases by party instead of sorting them.)
        select i.party, min(i.seq) from (${resolvedInvolvements(asOf, undefined, period.until)}) i where i.kind = 'company' group by i.party
        union all
        select party, 0 from accepted where member_from < ${period.until}::date),
      companies as (select party, min(seq) as seq from known group by party),
      members as (
        select distinct s.party from spells s
        where s.member_from < ${period.until}::date and (s.removed_on is null or s.removed_on > greatest(s.member_from, ${period.from}::date))),
      period_incidents as (
        select i.party, i.reference, i.incident_date from (${resolvedInvolvements(asOf, period.from, period.until)}) i
        where i.kind = 'company'),
      incident_parties as (
        select i.party, bool_or(s.party is not null) as while_member
               ${details ? sql`, string_agg(distinct i.reference, ', ') as incidents_in_period` : sql``}
        from period_incidents i left join spells s on s.party = i.party and ${memberOn('s', sql`i.incident_date`)}
        group by i.party),
      grouped as (
        select c.*, case when mb.party is not null then 'yes' else 'no' end as accredited
        from companies c left join members mb on mb.party = c.party)
      select g.seq, g.party as record, ${period.from}::date as day, g.accredited,
             case when ip.party is not null and (g.accredited = 'no' or ip.while_member) then 'yes' else 'no' end as incident,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, n.name as party_name, ip.incidents_in_period` : sql``}
      from grouped g
      left join incident_parties ip on ip.party = g.party
      ${details ? sql`left join names n on n.party = g.party` : sql``}`,
    orderBy: sql`party_name, record`,
  },
};
