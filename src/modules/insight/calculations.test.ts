import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, inRolledBackTransaction } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents, type NewEvent } from '../../platform/events/event-store.js';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { projectCalculations } from '../casework/projector.js';
import { FAMILY_SOURCES } from './families.js';

/*
 * The `calculationReductions` family reads the calculations put in force from casework's read table
 * `liability_calculations` (families.ts). It must answer, for every asOf and with or without the
 * period's narrowing, exactly what the reading of the event log it replaced answered (kept here as
 * the oracle): an approval with its liability's last drafted calculation before it on the stream,
 * an objection's fresh calculation.
 */

let database: Database;
const officer = { id: 'officer', name: 'Officer', roles: ['caseworker'] };
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const period = { from: '2026-01-01', until: '2027-01-01' };
const versions = new Map<string, number>();

async function append(streamId: string, occurredAt: Date, events: NewEvent[]) {
  const expectedVersion = versions.get(streamId) ?? 0;
  versions.set(streamId, expectedVersion + events.length);
  await database.db.transaction((tx) => appendEvents(tx, { streamId, streamType: 'case', expectedVersion, actor: officer, occurredAt, events }));
}
const steps = (...amounts: [string, number][]) => amounts.map(([label, amountPence]) => ({ label, rule: 'r', amountPence }));
const CPAS = 'Member of the Civil Penalty Accreditation Scheme';
const drafted = (l: string, on: string, s: ReturnType<typeof steps>) =>
  ({ type: 'RecommendationDrafted', payload: { by: 'o', on, liabilityId: l, amountPence: s.at(-1)!.amountPence, policyVersion: 'v1', discretionApplied: false, steps: s, warnings: [] } }) as NewEvent;
const approved = (l: string, on: string) => ({ type: 'RecommendationApproved', payload: { by: 's', on, liabilityId: l, author: 'o', discretionApplied: false, bySeniorOfficer: true } }) as NewEvent;
const determined = (l: string, on: string, s: ReturnType<typeof steps> | null) =>
  ({ type: 'ObjectionDetermined', payload: { by: 'o', on, liabilityId: l, outcome: 'reduce', amountPence: 1, previousAmountPence: 2, reasons: 'r', steps: s } }) as NewEvent;

/** The reading of the event log the read table replaced (families.ts before it), without details. */
function scanned(asOf: Date, narrow: boolean) {
  const t = sql`${asOf.toISOString()}::timestamptz`;
  return sql`
    select c.seq * 1000 + s.n as seq, c.liability_id as record, c.day, c.source,
           ((c.steps->((s.n)::int - 2)->>'amountPence')::bigint - (s.step->>'amountPence')::bigint) as amount_pence, s.step->>'label' as label
    from (
      select e.seq, e.payload->>'liabilityId' as liability_id, (e.payload->>'on')::date as day, 'recommendation' as source,
             (select d.payload->'steps' from events d
               where d.stream_id = e.stream_id and d.type = 'RecommendationDrafted' and d.payload->>'liabilityId' = e.payload->>'liabilityId' and d.version < e.version
               order by d.version desc limit 1) as steps
      from events e
      where e.type = 'RecommendationApproved' and e.stream_type = 'case' and e.occurred_at <= ${t}
        ${narrow ? sql`and (e.payload->>'on') collate "C" >= ${period.from} and (e.payload->>'on') collate "C" < ${period.until}` : sql``}
      union all
      select e.seq, e.payload->>'liabilityId', (e.payload->>'on')::date, 'objection', e.payload->'steps'
      from events e
      where e.type = 'ObjectionDetermined' and e.stream_type = 'case' and jsonb_typeof(e.payload->'steps') = 'array' and e.occurred_at <= ${t}
    ) c
    cross join lateral jsonb_array_elements(case when jsonb_typeof(c.steps) = 'array' then c.steps else '[]'::jsonb end) with ordinality as s(step, n)
    where s.n > 1 and s.step->>'label' like 'Member of the Civil Penalty Accreditation Scheme%'
      and (c.steps->((s.n)::int - 2)->>'amountPence')::bigint > (s.step->>'amountPence')::bigint`;
}

async function rowsFrom(source: ReturnType<typeof scanned>, periodOnly: boolean) {
  return rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`select r.seq::bigint as seq, r.record, to_char(r.day, 'YYYY-MM-DD') as day, r.source, r.amount_pence::bigint as amount_pence
      from (${source}) r ${periodOnly ? sql`where r.day >= ${period.from}::date and r.day < ${period.until}::date` : sql``} order by r.seq`),
  ).map((r) => ({ ...r }));
}
const family = (asOf: Date, narrow: boolean) => sql`select * from (${FAMILY_SOURCES.calculationReductions.rows(asOf, false, period, narrow)}) f where f.reason = 'cpas'`;

async function eventsInLogOrder(): Promise<ProjectedEvent[]> {
  const rows = rowsOf<{ stream_id: string; stream_type: string; version: number; type: string; payload: Record<string, unknown>; actor_id: string; actor_name: string; occurred_at: string | Date }>(
    await database.db.execute(sql`select stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at from events order by seq`),
  );
  return rows.map((r) => ({ streamId: r.stream_id, streamType: r.stream_type, version: r.version, type: r.type, payload: r.payload, actorId: r.actor_id, actorName: r.actor_name, occurredAt: new Date(r.occurred_at) }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  // 1: drafted twice, approved: the second draft counts; 2: approved with no draft; 3: an approval in the next year.
  await append('case-1', at('2026-03-01'), [drafted('l-1', '2026-03-01', steps(['Start', 100_000], [CPAS, 60_000]))]);
  await append('case-1', at('2026-03-05'), [drafted('l-1', '2026-03-05', steps(['Start', 100_000], [CPAS, 50_000]))]);
  await append('case-1', at('2026-03-10'), [approved('l-1', '2026-03-10')]);
  await append('case-2', at('2026-04-01'), [approved('l-2', '2026-04-01')]);
  await append('case-3', at('2027-01-02'), [drafted('l-3', '2027-01-02', steps(['Start', 80_000], [CPAS, 40_000])), approved('l-3', '2027-01-02')]);
  // 4: a draft recorded after the approval by the clock but before it on the stream; another liability's draft after it.
  await append('case-4', at('2026-06-10'), [drafted('l-4', '2026-06-10', steps(['Start', 90_000], [CPAS, 45_000]))]);
  await append('case-4', at('2026-06-01'), [approved('l-4', '2026-06-01'), drafted('l-4b', '2026-06-01', steps(['Start', 1_000], [CPAS, 500]))]);
  // 5: objections, one with a fresh calculation (in the period), one without, one in the previous year.
  await append('case-5', at('2026-08-01'), [determined('l-5', '2026-08-01', steps(['Start', 70_000], [CPAS, 35_000])), determined('l-5', '2026-08-01', null)]);
  await append('case-5', at('2026-08-02'), [determined('l-5', '2025-12-31', steps(['Start', 60_000], [CPAS, 30_000]))]);
  await append('case-5', at('2026-08-03'), [approved('l-5', '2026-08-03')]);
  for (const event of await eventsInLogOrder()) await projectCalculations(database.db, [event]);
});

afterAll(async () => {
  await database?.close();
});

const AS_OF = ['2026-02-01', '2026-03-07', '2026-03-12', '2026-06-05', '2026-06-15', '2026-08-01', '2026-12-31', '2027-02-01'].map((d) => at(d));

describe('liability_calculations, the reductions’ read table', () => {
  it('gives for every asOf, in the period, exactly the reductions the reading of the event log gave', async () => {
    for (const asOf of AS_OF) {
      const expected = await rowsFrom(scanned(asOf, true), true);
      expect(await rowsFrom(family(asOf, true), true), asOf.toISOString()).toEqual(expected);
      expect(await rowsFrom(family(asOf, false), true), asOf.toISOString()).toEqual(expected);
      expect(await rowsFrom(family(asOf, false), false), asOf.toISOString()).toEqual(await rowsFrom(scanned(asOf, false), false));
    }
  });

  it('takes the last draft before the approval on the stream (the comparison is not between two empty answers)', async () => {
    const rows = await rowsFrom(family(at('2027-02-01'), false), false);
    expect(rows.map((r) => [r.record, r.source, Number(r.amount_pence)])).toEqual([
      ['l-1', 'recommendation', 50_000],
      ['l-3', 'recommendation', 40_000],
      ['l-4', 'recommendation', 45_000],
      ['l-5', 'objection', 35_000],
      ['l-5', 'objection', 30_000],
    ]);
  });

  it('is the same projected many events a statement (a replay) as one a command (the projector), and is what the family reads', async () => {
    const TABLE = sql`select * from liability_calculations order by stream_id, version`;
    const oneByOne = rowsOf(await database.db.execute(TABLE));
    const logged = await eventsInLogOrder(); // read before the transaction: PGlite has one connection
    await inRolledBackTransaction(database.db, async (tx) => {
      await tx.execute(sql`truncate liability_calculations`);
      expect(rowsOf(await tx.execute(family(at('2027-02-01'), false)))).toEqual([]);
      await projectCalculations(tx, logged);
      expect(rowsOf(await tx.execute(TABLE))).toEqual(oneByOne);
    });
    expect(rowsOf(await database.db.execute(TABLE))).toEqual(oneByOne);
    expect(oneByOne).toHaveLength(7);
  });
});
