import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, inRolledBackTransaction } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents, type NewEvent } from '../../platform/events/event-store.js';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import { projectConfirmations } from '../casework/projector.js';
import { partyInvolvementsAsOf } from '../casework/queries.js';

/*
 * The deterrence view reads who each liability's person was from casework's read table
 * `party_involvements` (deterrence.ts). It must answer, for every asOf, exactly what the scan of the
 * event log it replaced answered: the latest `LiabilityPartyConfirmed` recorded by asOf, on a case
 * opened by asOf with an incident date. The scan is kept here as the oracle.
 */

let database: Database;
const officer = { id: 'officer', name: 'Officer', roles: ['caseworker'] };
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

async function append(streamId: string, expectedVersion: number, occurredAt: Date, events: NewEvent[]) {
  await database.db.transaction((tx) => appendEvents(tx, { streamId, streamType: 'case', expectedVersion, actor: officer, occurredAt, events }));
}
const opened = (n: number, incidentDate: string | null): NewEvent => ({
  type: 'CaseOpened',
  payload: { caseId: `c-${n}`, reference: `CE-${n}`, offence: 'S32', ...(incidentDate ? { incidentDate } : {}), port: 'CQF', clandestineEntrants: 1 },
});
const confirmed = (liabilityId: string, partyId: string, role: 'owner' | 'driver' = 'owner'): NewEvent =>
  ({ type: 'LiabilityPartyConfirmed', payload: { liabilityId, role, partyId, previousPartyId: null, how: 'chosen-by-search', score: null } }) as NewEvent;

type Involvement = Record<string, unknown> & { seq: number; liability_id?: unknown; party_id?: unknown };

/** The event scan the read table replaced (deterrence.ts before it), for one asOf. */
async function scanned(asOf: Date) {
  const instant = asOf.toISOString();
  return rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`
      with confirmed as (
        select distinct on (c.payload->>'liabilityId') c.stream_id, c.payload->>'liabilityId' as liability_id,
               case when c.payload->>'role' = 'driver' then 'driver' else 'company' end as kind, c.payload->>'partyId' as party_id
        from events c where c.type = 'LiabilityPartyConfirmed' and c.occurred_at <= ${instant}::timestamptz
        order by c.payload->>'liabilityId', c.seq desc)
      select e.seq::bigint as seq, cf.stream_id, cf.liability_id, cf.kind, cf.party_id, to_char((e.payload->>'incidentDate')::date, 'YYYY-MM-DD') as incident_date, e.payload->>'reference' as reference
      from confirmed cf
      join events e on e.stream_id = cf.stream_id and e.type = 'CaseOpened' and e.payload ? 'incidentDate' and e.occurred_at <= ${instant}::timestamptz
      order by cf.liability_id`),
  ).map((r): Involvement => ({ ...r, seq: Number(r.seq) }));
}

async function fromTable(asOf: Date, from?: string, until?: string) {
  return rowsOf<Record<string, unknown>>(
    await database.db.execute(sql`
      select i.seq::bigint as seq, i.stream_id, i.liability_id, i.kind, i.party_id, to_char(i.incident_date, 'YYYY-MM-DD') as incident_date, i.reference
      from ${partyInvolvementsAsOf(asOf, from, until)} i order by i.liability_id`),
  ).map((r): Involvement => ({ ...r, seq: Number(r.seq) }));
}

async function confirmationsInLogOrder(): Promise<ProjectedEvent[]> {
  const rows = rowsOf<{ stream_id: string; stream_type: string; version: number; type: string; payload: Record<string, unknown>; actor_id: string; actor_name: string; occurred_at: string | Date }>(
    await database.db.execute(sql`select stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at from events where type = 'LiabilityPartyConfirmed' order by seq`),
  );
  return rows.map((r) => ({ streamId: r.stream_id, streamType: r.stream_type, version: r.version, type: r.type, payload: r.payload, actorId: r.actor_id, actorName: r.actor_name, occurredAt: new Date(r.occurred_at) }));
}

const TABLE = sql`select stream_id, version, liability_id, role, kind, party_id, confirmed_at, superseded_at, case_seq, case_opened_at, incident_date, reference from party_involvements order by stream_id, version`;

beforeAll(async () => {
  database = await createTestDatabase();
  // Case 1: the owner confirmed as P1 on 1 March, re-confirmed as P2 on 1 June, and as P3 on 1 September.
  await append('case-1', 0, at('2026-02-20'), [opened(1, '2026-02-18')]);
  await append('case-1', 1, at('2026-03-01'), [confirmed('l-1', 'P1'), confirmed('l-1d', 'D1', 'driver')]);
  await append('case-1', 3, at('2026-06-01'), [confirmed('l-1', 'P2')]);
  await append('case-1', 4, at('2026-09-01'), [confirmed('l-1', 'P3')]);
  // Case 2: a later confirmation recorded with an earlier clock (two processes' clocks apart):
  // as of 15 April the first still stands in the log's answer, as of 20 April the second.
  await append('case-2', 0, at('2026-04-01'), [opened(2, '2026-03-30')]);
  await append('case-2', 1, at('2026-04-20'), [confirmed('l-2', 'P1')]);
  await append('case-2', 2, at('2026-04-10'), [confirmed('l-2', 'P4')]);
  // Case 3: opened without an incident date (an old case): never an involvement.
  await append('case-3', 0, at('2026-02-01'), [opened(3, null)]);
  await append('case-3', 1, at('2026-02-02'), [confirmed('l-3', 'P1')]);
  // Case 4: no CaseOpened (carried over from the old system): never an involvement.
  await append('case-4', 0, at('2026-02-01'), [confirmed('l-4', 'P1')]);
  // Case 5: in the next year.
  await append('case-5', 0, at('2027-01-05'), [opened(5, '2027-01-03'), confirmed('l-5', 'D1', 'driver')]);
  for (const event of await confirmationsInLogOrder()) await projectConfirmations(database.db, [event]);
});

afterAll(async () => {
  await database?.close();
});

const AS_OF = ['2026-02-25', '2026-03-01', '2026-04-15', '2026-04-25', '2026-06-01', '2026-08-01', '2026-12-31', '2027-02-01'].map((d) => at(d));

describe('party_involvements, the deterrence view’s read table', () => {
  it('answers for every asOf exactly what the scan of the event log answered', async () => {
    for (const asOf of AS_OF) expect(await fromTable(asOf), asOf.toISOString()).toEqual(await scanned(asOf));
  });

  it('gives the confirmation that stood at asOf, not the latest: before a re-confirmation the earlier party', async () => {
    const ownerOfCase1 = async (asOf: Date) => (await fromTable(asOf)).find((r) => r.liability_id === 'l-1')?.party_id;
    expect(await ownerOfCase1(at('2026-02-25'))).toBeUndefined();
    expect(await ownerOfCase1(at('2026-04-15'))).toBe('P1');
    expect(await ownerOfCase1(at('2026-08-01'))).toBe('P2');
    expect(await ownerOfCase1(at('2026-12-31'))).toBe('P3');
    const case2 = async (asOf: Date) => (await fromTable(asOf)).find((r) => r.liability_id === 'l-2')?.party_id;
    expect(await case2(at('2026-04-15'))).toBe('P4');
    expect(await case2(at('2026-04-25'))).toBe('P4');
  });

  it('keeps only the incidents of a period when asked, by incident date', async () => {
    const asOf = at('2027-02-01');
    expect((await fromTable(asOf, '2026-01-01', '2027-01-01')).map((r) => r.liability_id)).toEqual(['l-1', 'l-1d', 'l-2']);
    expect((await fromTable(asOf, '2027-01-01', '2028-01-01')).map((r) => r.liability_id)).toEqual(['l-5']);
  });

  it('is the same projected many confirmations a statement (a replay) as one a command (the projector)', async () => {
    const oneByOne = rowsOf(await database.db.execute(TABLE));
    const logged = await confirmationsInLogOrder(); // read before the transaction: PGlite has one connection
    await inRolledBackTransaction(database.db, async (tx) => {
      await tx.execute(sql`truncate party_involvements`);
      await projectConfirmations(tx, logged);
      expect(rowsOf(await tx.execute(TABLE))).toEqual(oneByOne);
    });
    expect(rowsOf(await database.db.execute(TABLE))).toEqual(oneByOne);
    expect(oneByOne).toHaveLength(9);
  });
});
