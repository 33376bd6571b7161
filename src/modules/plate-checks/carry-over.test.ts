import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../platform/database/client.js';
import { appendEvents } from '../../platform/events/event-store.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { carryOverWatchlistEntriesOlderImportsLack } from './carry-over.js';
import { listChangeSignal } from './list-changes.js';
import { watchlistService } from './watchlist.js';
import { watchlistEntries } from './schema.js';

let database: Database;
const keeper = { id: 'so-1', name: 'Sam Senior', roles: ['senior-officer'] };
const at = new Date('2026-11-01T09:00:00Z');
const ids = [randomUUID(), randomUUID()];

/** An import as an earlier version recorded it: summed up in its event, the entries only in the table. */
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction(async (tx) => {
    await appendEvents(tx, {
      streamId: 'watchlist',
      streamType: 'watchlist',
      expectedVersion: 0,
      actor: keeper,
      occurredAt: at,
      events: [
        {
          type: 'WatchlistEntriesImported',
          payload: { count: 2, entriesSha256: 'e'.repeat(64), firstId: ids[0]!, lastId: ids[1]!, expiresFrom: '2027-01-01T00:00:00.000Z', expiresTo: '2027-02-01T00:00:00.000Z' },
        },
      ],
    });
    await tx.insert(watchlistEntries).values(
      ids.map((id, i) => ({ id, registration: `KLM 48${i}`, registrationKey: registrationKey(`KLM 48${i}`), country: 'LT', reason: 'Old import', expiresAt: new Date(`2027-0${i + 1}-01T00:00:00Z`), createdBy: keeper.name, createdAt: at })),
    );
  });
  // Removed after the upgrade's code arrived, before the upgrade step ran.
  const watchlist = watchlistService(database.db, { clock: { now: () => new Date('2026-12-01T10:00:00Z') }, listChanges: listChangeSignal(database) });
  expect((await watchlist.remove(ids[1]!, { actor: keeper })).ok).toBe(true);
});
afterAll(async () => database?.close());

describe('carrying over the entries of older imports', () => {
  it('makes the rebuild exact, once', async () => {
    expect((await rebuildProjections(database.db, projectors)).differences.filter((d) => d.table === 'watchlist_entries')).toHaveLength(2);
    const before = await database.db.select().from(watchlistEntries);
    expect(await carryOverWatchlistEntriesOlderImportsLack(database.db, SYSTEM_ACTOR)).toBe(2);
    expect(await carryOverWatchlistEntriesOlderImportsLack(database.db, SYSTEM_ACTOR)).toBe(0);
    expect(await database.db.select().from(watchlistEntries)).toEqual(expect.arrayContaining(before.map((row) => expect.objectContaining(row))));
    expect((await rebuildProjections(database.db, projectors)).differences).toEqual([]);
  });
});
