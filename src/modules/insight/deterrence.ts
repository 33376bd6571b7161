import { sql, type SQL } from 'drizzle-orm';
import { CASE_EVENT } from '../../domain/case/events.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { PARTY_EVENT } from '../../domain/parties/events.js';
import { ACCREDITATION_APPLICATION_EVENT } from '../../domain/accreditation/events.js';
import { ACCREDITATION_REVIEW_EVENT } from '../../domain/accreditation/review.js';
import type { FamilySource } from './families.js';

/*
 * The deterrence view's record families (issue #17 item 3, seed 003 recommendation 7c), over the
 * event log as of asOf like every other family:
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
 * by asOf), resolved through the register's merges (`PartyMerged`/`PartyUnmerged`, the latest of
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

/** The resolved identity of every liability's confirmed person, and the incidents they were on, as of asOf. */
function identity(asOf: Date): SQL {
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
  roots as (select distinct on (party) party, root from resolved order by party, depth desc),
  confirmed as (
    select distinct on (c.payload->>'liabilityId') c.stream_id, c.payload->>'liabilityId' as liability_id,
           case when c.payload->>'role' = 'driver' then 'driver' else 'company' end as kind,
           coalesce(rt.root, c.payload->>'partyId') as party
    from events c left join roots rt on rt.party = c.payload->>'partyId'
    where c.type = ${CASE_EVENT.LiabilityPartyConfirmed} and c.occurred_at <= ${at(asOf)}
    order by c.payload->>'liabilityId', c.seq desc),
  involvement as (
    select o.seq, cf.stream_id, cf.liability_id, cf.kind, cf.party, (o.payload->>'incidentDate')::date as incident_date, o.payload->>'reference' as reference
    from confirmed cf
    join events o on o.stream_id = cf.stream_id and o.type = ${CASE_EVENT.CaseOpened} and o.payload ? 'incidentDate' and o.occurred_at <= ${at(asOf)}),
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

/** Was `party` a member on `day`? (Accepted from then or before, and no removal on review since, up to that day.) */
const memberOn = (party: SQL, day: SQL) => sql`exists (
  select 1 from accepted a where a.party = ${party} and a.member_from <= ${day}
    and not exists (select 1 from removals x where x.party = a.party and x.removed_on >= a.member_from and x.removed_on <= ${day}))`;

/** Was `party` a member on any day of the period? */
const memberInPeriod = (party: SQL, from: string, until: string) => sql`exists (
  select 1 from accepted a where a.party = ${party} and a.member_from < ${until}::date
    and not exists (select 1 from removals x where x.party = a.party and x.removed_on >= a.member_from and x.removed_on <= greatest(a.member_from, ${from}::date)))`;

export const DETERRENCE_FAMILIES: Record<'penalisedParties' | 'companyIncidents' | 'companies', FamilySource> = {
  penalisedParties: {
    columns: ['kind', 'before', 'after', 'after_complete'],
    rows: (asOf, details, period) => sql`
      with recursive ${identity(asOf)},
      penalties as (
        select p.seq, p.stream_id, (p.payload->>'noticeDate')::date as day, i.kind, i.party, i.reference
        from events p join involvement i on i.stream_id = p.stream_id and i.liability_id = p.payload->>'liabilityId'
        where p.type = ${LIABILITY_EVENT.PenaltyImposed} and p.occurred_at <= ${at(asOf)}
          and (p.payload->>'noticeDate')::date >= ${period.from}::date and (p.payload->>'noticeDate')::date < ${period.until}::date),
      firsts as (select distinct on (party, kind) * from penalties order by party, kind, day, seq)
      select f.seq, f.party as record, f.day, f.kind,
             case when exists (select 1 from involvement b where b.party = f.party and b.kind = f.kind and b.stream_id <> f.stream_id
                                 and b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day) then 'yes' else 'no' end as before,
             case when exists (select 1 from involvement b where b.party = f.party and b.kind = f.kind and b.stream_id <> f.stream_id
                                 and b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date) then 'yes' else 'no' end as after,
             case when (f.day + interval '12 months')::date < ${ukToday(asOf)} then 'yes' else 'no' end as after_complete,
             null::bigint as amount_pence, null::int as people
             ${
               details
                 ? sql`, f.reference, (select n.name from names n where n.party = f.party) as party_name,
             (select string_agg(distinct b.reference, ', ') from involvement b where b.party = f.party and b.kind = f.kind and b.stream_id <> f.stream_id
                and b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day) as incidents_before,
             (select string_agg(distinct b.reference, ', ') from involvement b where b.party = f.party and b.kind = f.kind and b.stream_id <> f.stream_id
                and b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date) as incidents_after`
                 : sql``
             }
      from firsts f`,
    orderBy: sql`day, party_name, seq`,
  },
  companyIncidents: {
    columns: ['accredited'],
    rows: (asOf, details) => sql`
      with recursive ${identity(asOf)},
      company_cases as (select distinct on (stream_id, party) * from involvement where kind = 'company' order by stream_id, party, seq)
      select i.seq, i.party as record, i.incident_date as day,
             case when ${memberOn(sql`i.party`, sql`i.incident_date`)} then 'yes' else 'no' end as accredited,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, i.reference, (select n.name from names n where n.party = i.party) as party_name` : sql``}
      from company_cases i`,
    orderBy: sql`day, reference, seq`,
  },
  companies: {
    columns: ['accredited', 'incident'],
    rows: (asOf, details, period) => sql`
      with recursive ${identity(asOf)},
      known as (
        select coalesce(rt.root, p.payload->>'partyId') as party, min(p.seq) as seq
        from events p left join roots rt on rt.party = p.payload->>'partyId'
        where p.type = ${PARTY_EVENT.PartyRegistered} and p.payload->>'kind' = 'organisation' and p.occurred_at <= ${at(asOf)}
          and ((p.occurred_at at time zone 'Europe/London')::date) < ${period.until}::date
        group by 1
        union all
        select party, min(seq) from involvement where kind = 'company' and incident_date < ${period.until}::date group by party
        union all
        select party, 0 from accepted where member_from < ${period.until}::date),
      companies as (select party, min(seq) as seq from known group by party),
      grouped as (select c.*, case when ${memberInPeriod(sql`c.party`, period.from, period.until)} then 'yes' else 'no' end as accredited from companies c)
      select g.seq, g.party as record, ${period.from}::date as day, g.accredited,
             case when exists (select 1 from involvement i where i.party = g.party and i.kind = 'company'
                                 and i.incident_date >= ${period.from}::date and i.incident_date < ${period.until}::date
                                 and (g.accredited = 'no' or ${memberOn(sql`i.party`, sql`i.incident_date`)})) then 'yes' else 'no' end as incident,
             null::bigint as amount_pence, null::int as people
             ${
               details
                 ? sql`, (select n.name from names n where n.party = g.party) as party_name,
             (select string_agg(distinct i.reference, ', ') from involvement i where i.party = g.party and i.kind = 'company'
                and i.incident_date >= ${period.from}::date and i.incident_date < ${period.until}::date) as incidents_in_period`
                 : sql``
             }
      from grouped g`,
    orderBy: sql`party_name, record`,
  },
};
