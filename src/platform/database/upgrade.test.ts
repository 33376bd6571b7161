import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rowsOf, type Database } from './client.js';
import { prepareDatabase, projectors } from '../../app.js';
import { rebuildProjections } from '../projections/rebuild.js';
import { sealEvents, verifyLog } from '../events/audit.js';
import { executeCommand } from '../events/command.js';
import { addCaseNote } from '../../modules/casework/around/case-notes.js';

/**
 * A database made by main as it was before the event log lost its single lock (commit 02c3774:
 * `cordon seed-demo --cases 20` on PostgreSQL, then `pg_dump --inserts`), upgraded by today's
 * migrations: nothing recorded is lost and the audit trail still verifies, before and after new
 * events join the old streams.
 */
const dump = path.resolve('test/fixtures/database-made-by-main-02c3774.sql.gz');
const SECRET = 'upgrade-test-secret';

let database: Database;
let dropDatabase = async () => {};

async function openEmptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openPglite(undefined);
  const name = `cordon_test_upgrade_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  dropDatabase = async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openPostgres(u.toString(), 2);
}

beforeAll(async () => {
  database = await openEmptyDatabase();
  // psql's own commands (\restrict) are not SQL; everything else is the dump as pg_dump wrote it.
  const script = zlib
    .gunzipSync(fs.readFileSync(dump))
    .toString('utf8')
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  if (database.pglite) {
    await database.pglite.exec(script);
    await database.pglite.exec('reset search_path');
  } else {
    const client = await database.pool!.connect();
    try {
      await client.query(script);
    } finally {
      // The dump empties search_path for its session; that connection must not serve anything else.
      client.release(true);
    }
  }
});

afterAll(async () => {
  await database?.close();
  await dropDatabase();
});

describe('a database made by an earlier main', () => {
  it('upgrades with the migrations and keeps every event, with the audit trail intact', async () => {
    const [before] = rowsOf<{ events: string | number; cases: string | number }>(
      await database.db.execute(sql`select (select count(*) from events) as events, (select count(*) from cases) as cases`),
    );
    expect(Number(before!.events)).toBeGreaterThan(400);
    await prepareDatabase(database);
    // Every old event is kept; the only new ones carry over, once, register rows earlier code made
    // without an event (one per register entry that has names: 8 in this database)...
    const [after] = rowsOf<{ events: string | number; cases: string | number }>(
      await database.db.execute(sql`select (select count(*) from events where type not in ('PartyCarriedOver', 'VehicleCarriedOver')) as events, (select count(*) from cases) as cases`),
    );
    // ...and each case opened by the older code gets its rows carried onto its stream, once.
    const cases = Number(before!.cases);
    expect({ events: Number(after!.events), cases: Number(after!.cases) }).toEqual({ events: Number(before!.events) + cases, cases });
    const [carried] = rowsOf<{ n: string | number }>(await database.db.execute(sql`select count(*) as n from events where type = 'PartyCarriedOver'`));
    expect(Number(carried!.n)).toBe(8);
    const report = await verifyLog(database.db, SECRET);
    expect(report.problems).toEqual([]);
    expect(report.checked).toBe(Number(before!.events) + 8 + cases);
    await prepareDatabase(database);
    expect((await verifyLog(database.db, SECRET)).checked, 'carried over once only').toBe(Number(before!.events) + 8 + cases);
    // The read tables that have a projector are what their events make, old events included.
    const rebuilt = await rebuildProjections(database.db, projectors);
    expect(rebuilt.differences).toEqual([]);
    expect(rebuilt.tables.find((t) => t.name === 'policy_versions')!.live).toBeGreaterThan(0);
    expect(rebuilt.tables.find((t) => t.name === 'party_names')).toEqual({ name: 'party_names', live: 8, rebuilt: 8 });
  });

  it('takes new events on old streams and anchors old and new together', async () => {
    const [kase] = rowsOf<{ reference: string; id: string }>(await database.db.execute(sql`select reference, id from cases order by reference limit 1`));
    const actor = { id: 'upgrade-test', name: 'A Caseworker', roles: ['caseworker-eo'] };
    const added = await executeCommand(database.db, addCaseNote, { reference: kase!.reference, text: 'Written after the upgrade' }, { actor });
    expect(added.ok).toBe(true);
    expect((await rebuildProjections(database.db, projectors)).differences).toEqual([]);
    const [seqs] = rowsOf<{ old: string | number; fresh: string | number }>(
      await database.db.execute(sql`select max(seq) filter (where xid is null) as old, max(seq) filter (where xid is not null) as fresh from events`),
    );
    expect(Number(seqs!.fresh)).toBeGreaterThan(Number(seqs!.old));

    const anchor = await sealEvents(database.db, SECRET);
    expect(anchor!.eventCount).toBe(Number((await verifyLog(database.db, SECRET)).checked));
    expect((await verifyLog(database.db, SECRET)).problems).toEqual([]);

    // An old event edited after the upgrade is still caught by the chain it was written in.
    await database.db.execute(sql`update events set actor_name = 'Someone Else' where seq = 3`);
    const broken = await verifyLog(database.db, SECRET);
    expect(broken.firstBreak).toMatchObject({ seq: 3 });
  });
});
