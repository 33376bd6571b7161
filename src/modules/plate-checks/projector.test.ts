import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { listChangeSignal } from './list-changes.js';
import { watchlistService } from './watchlist.js';

let database: Database;
const keeper = { id: 'so-1', name: 'Sam Senior', roles: ['senior-officer'] };
const now = new Date('2026-12-01T10:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  database = await createTestDatabase();
  const watchlist = watchlistService(database.db, { clock, listChanges: listChangeSignal(database) });
  const one = await watchlist.add({ entries: [{ registration: 'wgm 4521k', country: 'pl', reason: 'Intelligence 2026/114', expiresAt: '2027-01-31T23:59:59Z' }] }, { actor: keeper });
  expect(one.ok).toBe(true);
  const many = await watchlist.add(
    {
      entries: [
        { registration: 'KLM 482', country: 'LT', reason: 'Seen at Calais twice', expiresAt: '2027-02-01T00:00:00+01:00' },
        { registration: 'PB 4821 KA', reason: 'Operator under review', expiresAt: '2027-03-01T12:00:00Z' },
        { registration: 'B 123 XYZ', country: 'RO', reason: 'Linked to case CEC-2026-000021', expiresAt: '2026-12-31T23:59:59Z' },
      ],
    },
    { actor: keeper },
  );
  if (!many.ok) throw new Error(many.message);
  const removed = await watchlist.remove(many.value.entries[1]!.id, { actor: { ...keeper, name: 'Ada Administrator', roles: ['administrator'] } });
  expect(removed.ok).toBe(true);
});
afterAll(async () => database?.close());

describe('the watchlist read table', () => {
  it('is exactly what the watchlist stream makes, removals included', async () => {
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([]);
    expect(report.tables.find((t) => t.name === 'watchlist_entries')).toEqual({ name: 'watchlist_entries', live: 4, rebuilt: 4 });
    const rows = rowsOf<{ registration_key: string; deleted_by: string | null }>(await database.db.execute(sql`select registration_key, deleted_by from watchlist_entries order by registration_key`));
    expect(rows.filter((r) => r.deleted_by).map((r) => r.deleted_by)).toEqual(['Ada Administrator']);
  });

  it('names a hand-edited entry', async () => {
    await database.db.execute(sql`update watchlist_entries set expires_at = '2030-01-01T00:00:00Z' where registration = 'KLM 482'`);
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toHaveLength(1);
    expect(report.differences[0]).toMatchObject({ table: 'watchlist_entries', problem: expect.stringMatching(/^differs in expires_at \(live "2030-01-01/) });
  });
});
