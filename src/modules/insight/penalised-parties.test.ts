import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents, type NewEvent } from '../../platform/events/event-store.js';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { projectConfirmations, projectMoneySteps } from '../casework/projector.js';
import { liabilityMoneyStepsTable, partyInvolvementsAsOf } from '../casework/queries.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { DETERRENCE_FAMILIES, identity } from './deterrence.js';
import type { Period } from './query.js';

/*
 * `penalisedParties` (deterrence.ts) finds each person's first penalty of the period by hashing and
 * looks up their incidents 12 months either side by register entry (the read table's index), the
 * entries merged into the person's root included. It must give, for every asOf, with and without
 * details and the period's narrowing, exactly the rows the join it replaced gave (a sort of the
 * period's penalties, then one hash join of them with every involvement in a 400-day window): that
 * statement is kept here as the oracle.
 */

const shiftDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (asOf: Date) => sql`${asOf.toISOString()}::timestamptz`;
const ukToday = (asOf: Date) => sql`((${asOf.toISOString()}::timestamptz) at time zone 'Europe/London')::date`;
const resolvedInvolvements = (asOf: Date, incidentFrom?: string, incidentUntil?: string) => sql`
    select i.seq, i.stream_id, i.liability_id, i.kind, coalesce(rt.root, i.party_id) as party, i.incident_date, i.reference
    from ${partyInvolvementsAsOf(asOf, incidentFrom, incidentUntil)} i left join roots rt on rt.party = i.party_id`;

/** The statement penalisedParties was before (deterrence.ts at 82035c3). */
function joined(asOf: Date, details: boolean, period: Period, narrow: boolean): SQL {
  return sql`
      with recursive ${narrow === false ? identity(asOf) : identity(asOf, shiftDays(period.from, -400), shiftDays(period.until, 400))},
      penalties as (
        select e.seq, e.stream_id, e.notice_date as day, i.kind, i.party, i.reference
        -- The penalties of the period from casework's money steps (its read table, by notice date), recorded by asOf.
        -- (By the liability alone, unique across cases: with its case too, the planner would multiply the
        -- two conditions' selectivities and expect one penalty, then probe the involvements per penalty.)
        from ${liabilityMoneyStepsTable()} e join (${resolvedInvolvements(asOf)}) i on i.liability_id = e.liability_id
        where e.type = ${LIABILITY_EVENT.PenaltyImposed} and e.recorded_at <= ${at(asOf)}
          and e.notice_date >= ${period.from}::date and e.notice_date < ${period.until}::date),
      firsts as (select distinct on (party, kind) * from penalties order by party, kind, day, seq),
      around as (
        select f.seq, f.party, f.day, f.kind, f.reference,
               coalesce(bool_or(b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day), false) as before,
               coalesce(bool_or(b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date), false) as after
               ${
                 details
                   ? sql`, string_agg(distinct b.reference, ', ') filter (where b.incident_date >= (f.day - interval '12 months')::date and b.incident_date < f.day) as incidents_before,
               string_agg(distinct b.reference, ', ') filter (where b.incident_date > f.day and b.incident_date <= (f.day + interval '12 months')::date) as incidents_after`
                   : sql``
               }
        from firsts f
        left join involvement b on b.party = f.party and b.kind = f.kind and b.stream_id <> f.stream_id
          and b.incident_date >= (f.day - interval '12 months')::date and b.incident_date <= (f.day + interval '12 months')::date and b.incident_date <> f.day
        group by f.seq, f.party, f.day, f.kind, f.reference)
      select f.seq, f.party as record, f.day, f.kind,
             case when f.before then 'yes' else 'no' end as before,
             case when f.after then 'yes' else 'no' end as after,
             case when (f.day + interval '12 months')::date < ${ukToday(asOf)} then 'yes' else 'no' end as after_complete,
             null::bigint as amount_pence, null::int as people
             ${details ? sql`, f.reference, n.name as party_name, f.incidents_before, f.incidents_after` : sql``}
      from around f
      ${details ? sql`left join names n on n.party = f.party` : sql``}`;
}

let database: Database;
const officer = { id: 'officer', name: 'Officer', roles: ['caseworker'] };
const when = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const versions = new Map<string, number>();

async function append(streamId: string, occurredAt: Date, events: NewEvent[], streamType = 'case') {
  const expectedVersion = versions.get(streamId) ?? 0;
  versions.set(streamId, expectedVersion + events.length);
  await database.db.transaction((tx) => appendEvents(tx, { streamId, streamType, expectedVersion, actor: officer, occurredAt, events }));
}
const opened = (n: number, incidentDate: string): NewEvent => ({
  type: 'CaseOpened',
  payload: { caseId: `c-${n}`, reference: `CE-${n}`, offence: 'S32', incidentDate, port: 'CQF', clandestineEntrants: 1 },
});
const confirmed = (liabilityId: string, partyId: string, role: 'owner' | 'driver' = 'owner'): NewEvent =>
  ({ type: 'LiabilityPartyConfirmed', payload: { liabilityId, role, partyId, previousPartyId: null, how: 'chosen-by-search', score: null } }) as NewEvent;
const imposed = (liabilityId: string, noticeDate: string): NewEvent =>
  ({ type: 'PenaltyImposed', payload: { by: 'o', on: noticeDate, liabilityId, noticeDate, amountPence: 100_000, aggregateSplitApprovedBy: null } }) as NewEvent;
const merged = (partyId: string, into: string): NewEvent => ({ type: 'PartyMerged', payload: { partyId, into, reason: 'same company' } }) as NewEvent;
const unmerged = (partyId: string, from: string): NewEvent => ({ type: 'PartyUnmerged', payload: { partyId, from, reason: 'not the same' } }) as NewEvent;

/** A case: opened on its incident date, its owner (and driver) confirmed, and a penalty on each when given. */
async function incident(n: number, incidentDate: string, owner: string, driver: string | null, noticeDate: string | null) {
  await append(`case-${n}`, when(incidentDate), [opened(n, incidentDate), confirmed(`l-${n}`, owner), ...(driver ? [confirmed(`l-${n}d`, driver, 'driver')] : [])]);
  if (noticeDate) await append(`case-${n}`, when(noticeDate), [imposed(`l-${n}`, noticeDate), ...(driver ? [imposed(`l-${n}d`, noticeDate)] : [])]);
}

async function projected(types: readonly string[]): Promise<ProjectedEvent[]> {
  const rows = rowsOf<{ stream_id: string; stream_type: string; version: number; type: string; payload: Record<string, unknown>; actor_id: string; actor_name: string; occurred_at: string | Date }>(
    await database.db.execute(sql`select stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at from events where type in ${types} order by seq`),
  );
  return rows.map((r) => ({ streamId: r.stream_id, streamType: r.stream_type, version: r.version, type: r.type, payload: r.payload, actorId: r.actor_id, actorName: r.actor_name, occurredAt: new Date(r.occurred_at) }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await append('party-P1', when('2025-01-01'), [{ type: 'PartyRegistered', payload: { partyId: 'P1', kind: 'organisation', name: 'Alfa Sped', country: 'PL' } } as NewEvent], 'party');
  // P1 penalised twice in 2026 (the first counts), with incidents before and after within 12 months.
  await incident(1, '2025-06-01', 'P1', 'D1', null);
  await incident(2, '2026-02-01', 'P1', 'D1', '2026-03-01');
  await incident(3, '2026-05-01', 'P1', 'D2', '2026-06-01');
  await incident(4, '2026-11-01', 'P1', null, null);
  await incident(5, '2027-06-01', 'P1', null, null); // more than 12 months after the first penalty
  // P2 and P3 are one company in two spellings: P3 merged into P2 on 1 April 2026, unmerged on 1 October.
  await incident(6, '2025-10-01', 'P3', 'D3', null);
  await incident(7, '2026-03-01', 'P2', 'D3', '2026-04-10');
  await incident(8, '2026-06-15', 'P3', null, '2026-07-01');
  await append('party-P3', when('2026-04-01'), [merged('P3', 'P2')], 'party');
  await append('party-P3', when('2026-10-01'), [unmerged('P3', 'P2')], 'party');
  // P5 merged into P4, P4 into P6 (a chain): one person.
  await incident(9, '2026-01-10', 'P4', null, '2026-02-10');
  await incident(10, '2026-08-10', 'P5', null, null);
  await incident(11, '2025-09-10', 'P6', null, null);
  await append('party-P5', when('2026-03-01'), [merged('P5', 'P4')], 'party');
  await append('party-P4', when('2026-03-02'), [merged('P4', 'P6')], 'party');
  // A penalty on the incident date itself and one in the year after.
  await incident(12, '2026-09-01', 'P7', 'D4', '2026-09-01');
  await incident(13, '2026-12-20', 'P7', null, '2027-01-15');
  for (const event of await projected(['LiabilityPartyConfirmed'])) await projectConfirmations(database.db, [event]);
  for (const event of await projected([LIABILITY_EVENT.PenaltyImposed])) await projectMoneySteps(database.db, [event]);
});

afterAll(async () => {
  await database?.close();
});

const AS_OF = ['2026-03-15', '2026-04-05', '2026-06-20', '2026-09-15', '2026-12-31', '2027-02-01', '2027-12-01'].map((d) => when(d));
const PERIOD: Period = { from: '2026-01-01', until: '2027-01-01' };

async function rowsFrom(source: SQL) {
  return rowsOf<Record<string, unknown>>(await database.db.execute(sql`select * from (${source}) r order by r.seq, r.kind`)).map((r) => ({ ...r, seq: Number(r.seq) }));
}

describe('penalisedParties', () => {
  it('gives for every asOf, with and without details and the period’s narrowing, exactly the rows the join it replaced gave', async () => {
    for (const asOf of AS_OF) {
      for (const details of [false, true]) {
        for (const narrow of [true, false]) {
          const label = `${asOf.toISOString()} details=${details} narrow=${narrow}`;
          expect(await rowsFrom(DETERRENCE_FAMILIES.penalisedParties.rows(asOf, details, PERIOD, narrow)), label).toEqual(await rowsFrom(joined(asOf, details, PERIOD, narrow)));
        }
      }
    }
  });

  it('finds incidents under entries merged into the person, and not once they are unmerged (the comparison is not between two empty answers)', async () => {
    const rows = async (asOf: Date) => rowsFrom(DETERRENCE_FAMILIES.penalisedParties.rows(asOf, true, PERIOD, true));
    const company = (list: Record<string, unknown>[], party: string) => list.find((r) => r.record === party && r.kind === 'company');
    const mid = await rows(when('2026-09-15'));
    expect(company(mid, 'P1')).toMatchObject({ before: 'yes', after: 'yes', incidents_before: 'CE-1', incidents_after: 'CE-3' });
    // P3 merged into P2: P2's first penalty (10 April) has P3's incident of October 2025 before it and of June 2026 after.
    expect(company(mid, 'P2')).toMatchObject({ before: 'yes', after: 'yes', incidents_before: 'CE-6', incidents_after: 'CE-8' });
    expect(company(mid, 'P3')).toBeUndefined();
    // The chain P5 → P4 → P6: one person, penalised on 10 February, with P6's incident before and P5's after.
    expect(company(mid, 'P6')).toMatchObject({ before: 'yes', after: 'yes', incidents_before: 'CE-11', incidents_after: 'CE-10' });
    const late = await rows(when('2026-12-31'));
    // Unmerged on 1 October: P2 and P3 are two companies again, each with its own first penalty.
    expect(company(late, 'P1')).toMatchObject({ incidents_after: 'CE-3, CE-4' });
    expect(company(late, 'P2')).toMatchObject({ before: 'no', after: 'no' });
    expect(company(late, 'P3')).toMatchObject({ day: '2026-07-01', before: 'yes', after: 'no', incidents_before: 'CE-6' });
  });
});
