import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../database/client.js';
import { projectors } from '../../app.js';
import { borderEventsService } from '../../modules/intake/service.js';
import { openFileStore } from '../files/open-file-store.js';
import { rebuildProjections, ownedTables } from './rebuild.js';
import type { Projector } from './projector.js';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';

let database: Database;
const officer = { id: 'officer-1', name: 'Ada Officer', roles: ['port-officer'] };

beforeAll(async () => {
  database = await createTestDatabase();
  const files = openFileStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-rebuild-')) });
  const border = borderEventsService(database.db, files);
  for (let n = 0; n < 25; n++) {
    const outcome = await border.recordSearch(
      {
        searchedAt: '2026-12-01T09:00:00Z',
        port: ['CQF', 'CAL', 'DKK'][n % 3],
        lane: String(n),
        vehicleKind: 'hgv',
        tractorRegistration: `WGM ${String(n).padStart(5, '0')}`,
        tractorCountry: 'PL',
        ...(n % 2 ? { trailerRegistration: `TR-${n}`, trailerCountry: 'RO' } : {}),
        selectionReason: 'random',
        methods: ['pmmw-scanner'],
        searchedBy: 'border-force',
        result: 'nothing-found',
      },
      { actor: officer, now: new Date(Date.UTC(2026, 11, 1, 10, n)) },
    );
    expect(outcome.ok).toBe(true);
  }
});
afterAll(async () => database?.close());

describe('rebuilding the read tables from the event log', () => {
  it('makes exactly the live tables, and leaves no scratch schema behind', async () => {
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([]);
    expect(report.tables.find((t) => t.name === 'searches')).toEqual({ name: 'searches', live: 25, rebuilt: 25 });
    const schemas = rowsOf<{ n: string | number }>(await database.db.execute(sql`select count(*) as n from pg_namespace where nspname like 'projection_rebuild_%'`));
    expect(Number(schemas[0]!.n)).toBe(0);
  });

  it('names a hand-edited, a deleted and a stray row', async () => {
    const [edited, deleted] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from searches order by id limit 2`));
    await database.db.execute(sql`update searches set port_code = 'DVR', lane = '99' where id = ${edited!.id}`);
    await database.db.execute(sql`delete from searches where id = ${deleted!.id}`);
    await database.db.execute(sql`
      insert into searches (id, searched_at, port_code, vehicle_kind, selection_reason, methods, searched_by, result, recorded_by_id, recorded_by_name, recorded_at)
      values ('00000000-0000-4000-8000-000000000001', now(), 'CQF', 'hgv', 'random', '{}', 'border-force', 'nothing-found', 'x', 'x', now())`);
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toHaveLength(3);
    expect(report.differences).toContainEqual({
      table: 'searches',
      key: `id=${edited!.id}`,
      problem: expect.stringMatching(/^differs in lane \(live "99", from the events "\d+"\); port_code \(live "DVR", from the events "[A-Z]+"\)$/),
    });
    expect(report.differences).toContainEqual({ table: 'searches', key: `id=${deleted!.id}`, problem: 'made by the events but missing from the live table' });
    expect(report.differences).toContainEqual({
      table: 'searches',
      key: 'id=00000000-0000-4000-8000-000000000001',
      problem: 'in the live table but not made by any event',
    });
  });

  it('refuses two projectors writing one table', () => {
    const twice: Projector[] = [...projectors, { ...projectors[0]!, module: 'another' }];
    expect(() => ownedTables(twice)).toThrow(/written by two projectors: intake and another/);
  });
});
