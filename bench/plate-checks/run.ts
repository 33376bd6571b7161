/**
 * Plate checks against a million list entries, over HTTP, with a no-op endpoint of the same server
 * (same sign-in, no work) as the baseline in the same run.
 *
 *   npx tsx bench/plate-checks/run.ts [--entries 1000000] [--val 1000] [--duration 12] [--connections 4] [--hit-rate 0.1]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/plate-checks/run.ts
 *
 * The server runs as its own `cordon serve` process, on PGlite in a temporary folder or on a fresh
 * database of the PostgreSQL server named by DATABASE_URL (dropped afterwards). The watchlist is
 * seeded with one INSERT … SELECT over generate_series, the VAL with overdue cases written straight
 * into the read tables. autocannon then sends single checks, batches of 100 reads and no-ops for
 * `--duration` seconds each; a tenth of the reads (`--hit-rate`) are on a list. Finally it measures
 * how long a list change takes to reach the matcher: a watchlist entry added and removed through the
 * API (the server's own process), and — on PostgreSQL — an entry added and a VAL penalty paid from
 * another process (this one), which the server hears through LISTEN/NOTIFY.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rowsOf, type Database } from '../../src/platform/database/client.js';
import { listChangeSignal } from '../../src/modules/plate-checks/list-changes.js';
import { watchlistService } from '../../src/modules/plate-checks/watchlist.js';
import { systemClock } from '../../src/platform/clock.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const entries = arg('entries', 1_000_000);
const valEntries = arg('val', 1_000);
const duration = arg('duration', 12);
const connections = arg('connections', 4);
const hitRate = arg('hit-rate', 0.1);
const bin = path.resolve('bin/cordon.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-plates-'));
const env: NodeJS.ProcessEnv = { ...process.env, CORDON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
let databaseName: string | null = null;
const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function prepareDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) return 'PGlite (embedded)';
  databaseName = `cordon_bench_plates_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${databaseName}`;
  env.DATABASE_URL = u.toString();
  return 'PostgreSQL 15 server (127.0.0.1)';
}

/** What the server's database holds: the bench opens it itself (PGlite only while the server is down). */
async function openBenchDatabase(): Promise<Database> {
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 2) : openPglite(dataDir);
}

/** The i-th listed registration, as the SQL below writes it ("AB0000001"): 9 characters. */
const listed = (i: number) => String.fromCharCode(65 + (i % 26)) + String.fromCharCode(65 + (Math.floor(i / 26) % 26)) + String(i).padStart(7, '0');
/** A registration on no list: 10 characters, so never one of the above. */
const unlisted = (i: number) => `MS${String(i).padStart(8, '0')}`;

async function seed(database: Database) {
  const started = Date.now();
  await database.db.execute(sql`
    insert into watchlist_entries (id, registration, registration_key, country, reason, expires_at, created_by, created_at)
    select gen_random_uuid(), r.reg, r.reg, (array['PL','LT','RO','BG','DE','NL','HU','CZ'])[1 + g % 8],
           'Intelligence report ' || (g % 500), now() + interval '30 days', 'bench', now()
    from generate_series(1, ${entries}::int) g
    cross join lateral (select chr(65 + g % 26) || chr(65 + (g / 26) % 26) || lpad(g::text, 7, '0') as reg) r`);
  await database.db.execute(sql`
    insert into cases (id, reference, offence, incident_date, port_code, vehicle_registration, vehicle_registration_key, vehicle_country,
                       driver_name, company_name, stage, referred_by, created_at, version, self_declared)
    select gen_random_uuid(), 'CEC-1998-' || lpad(g::text, 6, '0'), 'S31A', current_date - 150, 'DVR', 'VAL ' || lpad(g::text, 5, '0'),
           'VAL' || lpad(g::text, 5, '0'), 'PL', 'Bench Driver ' || g, 'Bench Haulage ' || g || ' Sp. z o.o.', 'payment-due', 'bench', now(), 0, false
    from generate_series(1, ${valEntries}::int) g`);
  await database.db.execute(sql`
    insert into liabilities (id, case_id, role, offence, party_name, stage, amount_pence, imposed_on, payment_due, outstanding_pence, val_block)
    select gen_random_uuid(), c.id, 'owner', 'S31A', c.company_name, 'payment-due', 150000, current_date - 90, current_date - 30, 150000, null
    from cases c where c.reference like 'CEC-1998-%'`);
  await database.db.execute(sql`analyze`);
  return Date.now() - started;
}

function serve(): Promise<{ child: ChildProcess; url: string; startMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1'), startMs: Date.now() - started });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (error, result) => (error ? reject(error) : resolve(result))));
}

const reader = { 'content-type': 'application/json', authorization: 'Bearer cordon_demo_plate_reader_token' };
const keeper = { 'content-type': 'application/json', authorization: 'Bearer cordon_demo_senior_officer_token' };

/** Deterministic mix of reads: `hitRate` of them on the watchlist or the VAL. */
function readAt(n: number) {
  const onList = (n * 7919) % 1000 < hitRate * 1000;
  const registration = onList ? (n % 10 === 0 ? `VAL${String(1 + (n % valEntries)).padStart(5, '0')}` : listed(1 + ((n * 104_729) % entries))) : unlisted(n);
  return { registration, country: 'PL', readerId: `cam-${n % 40}`, location: 'Coquelles' };
}

async function checkOnce(url: string, registration: string): Promise<boolean> {
  const response = await fetch(`${url}/api/v1/plate-checks`, { method: 'POST', headers: reader, body: JSON.stringify({ registration }) });
  return ((await response.json()) as { hit: boolean }).hit;
}

/** Polls one check until it answers `expected`; ms from `since`. */
async function until(url: string, registration: string, expected: boolean, since: number): Promise<number> {
  for (;;) {
    if ((await checkOnce(url, registration)) === expected) return Date.now() - since;
    if (Date.now() - since > 30_000) throw new Error(`${registration} never became ${expected}`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<string> {
  const database = await prepareDatabase();
  log(`database: ${database}`);
  execFileSync(process.execPath, [bin, 'seed-demo', '--cases', '0'], { env, stdio: 'ignore' });
  {
    const db = await openBenchDatabase();
    log(`seeding ${entries.toLocaleString('en-GB')} watchlist entries and ${valEntries.toLocaleString('en-GB')} VAL vehicles…`);
    const seedMs = await seed(db);
    log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);
    await db.close();
  }
  log('starting the server (it builds the index before it listens)…');
  const server = await serve();
  log(`serving after ${(server.startMs / 1000).toFixed(1)} s`);
  const results: string[] = [];
  let hitsAnswered = 0;
  try {
    const index = (await (await fetch(`${server.url}/api/v1/plate-checks/index`, { headers: reader })).json()) as Record<string, unknown>;
    log(`index: ${JSON.stringify(index)}`);
    if (!(await checkOnce(server.url, listed(1 + (123_456 % entries)))) || (await checkOnce(server.url, unlisted(1)))) throw new Error('the index does not answer as seeded');

    const singleBodies = Array.from({ length: 10_000 }, (_, n) => JSON.stringify(readAt(n)));
    const batchBodies = Array.from({ length: 200 }, (_, b) => JSON.stringify({ reads: Array.from({ length: 100 }, (_, i) => readAt(b * 100 + i)) }));
    let s = 0;
    let b = 0;
    const common = { connections, duration };
    await run({ url: `${server.url}/api/v1/plate-checks/noop`, headers: reader, duration: 3, connections }); // warm-up
    await run({ url: `${server.url}/api/v1/plate-checks`, method: 'POST', headers: reader, duration: 3, connections, body: singleBodies[0] }); // warm-up
    log('no-op…');
    const noop = await run({ ...common, url: `${server.url}/api/v1/plate-checks/noop`, headers: reader });
    log('single checks…');
    const single = await run({
      ...common,
      url: `${server.url}/api/v1/plate-checks`,
      method: 'POST',
      headers: reader,
      requests: [{ setupRequest: (request) => ({ ...request, body: singleBodies[s++ % singleBodies.length] }) }],
    });
    log('batches of 100…');
    const batch = await run({
      ...common,
      url: `${server.url}/api/v1/plate-checks`,
      method: 'POST',
      headers: reader,
      requests: [{ setupRequest: (request) => ({ ...request, body: batchBodies[b++ % batchBodies.length] }) }],
    });
    hitsAnswered = Math.round(single.requests.total * hitRate) + Math.round(batch.requests.total * 100 * hitRate);
    const failed = (r: autocannon.Result) => r.non2xx + r.errors + r.timeouts;
    const row = (label: string, r: autocannon.Result, readsPerRequest = 1) =>
      `| ${label} | ${Math.round(r.requests.average).toLocaleString('en-GB')} | ${Math.round(r.requests.average * readsPerRequest).toLocaleString('en-GB')} | ${r.latency.p50} | ${r.latency.p99} | ${failed(r)} |`;
    results.push(`Database: ${database}; ${entries.toLocaleString('en-GB')} watchlist entries + ${valEntries.toLocaleString('en-GB')} VAL vehicles; ${connections} connections, ${duration} s each; ${Math.round(hitRate * 100)} % of reads on a list.`);
    results.push(`Server start (index of ${String(index.watchlistEntries)} + ${String(index.valEntries)} built before listening): ${(server.startMs / 1000).toFixed(1)} s`);
    results.push('');
    results.push('| endpoint | req/s | reads/s | p50 ms | p99 ms | failed |');
    results.push('|---|---|---|---|---|---|');
    results.push(row('GET /api/v1/plate-checks/noop (baseline)', noop));
    results.push(row('POST /api/v1/plate-checks, single read', single));
    results.push(row('POST /api/v1/plate-checks, 100 reads', batch, 100));
    results.push(`| ratio single ÷ no-op (req/s) | ${(single.requests.average / noop.requests.average).toFixed(3)} | | | | |`);
    results.push(`| ratio batch ÷ no-op (req/s) | ${(batch.requests.average / noop.requests.average).toFixed(3)} | ${((batch.requests.average * 100) / noop.requests.average).toFixed(1)} reads per no-op | | | |`);

    // ---- How long a change takes to reach the matcher ----
    const added: number[] = [];
    const removed: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < 5; i++) {
      const registration = `CHG${Date.now() % 100000}${i}`;
      const sent = Date.now();
      const response = await fetch(`${server.url}/api/v1/watchlist-entries`, {
        method: 'POST',
        headers: { ...keeper, 'idempotency-key': `bench-watchlist-${registration}` },
        body: JSON.stringify({ registration, country: 'PL', reason: 'Bench: change to take effect', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
      });
      const { id } = (await response.json()) as { id: string };
      answered.push(Date.now() - sent);
      added.push(await until(server.url, registration, true, sent));
      const deleteSent = Date.now();
      await fetch(`${server.url}/api/v1/watchlist-entries/${id}`, { method: 'DELETE', headers: { authorization: keeper.authorization } });
      removed.push(await until(server.url, registration, false, deleteSent));
    }
    results.push('');
    results.push('| list change (5 times each) | median ms | max ms |');
    results.push('|---|---|---|');
    results.push(`| POST /api/v1/watchlist-entries answered | ${median(answered)} | ${Math.max(...answered)} |`);
    results.push(`| … entry matched, from sending the POST | ${median(added)} | ${Math.max(...added)} |`);
    results.push(`| DELETE sent → entry no longer matched | ${median(removed)} | ${Math.max(...removed)} |`);

    if (env.DATABASE_URL) {
      // Another process: this one, with its own watchlist service and signal (NOTIFY cordon_val).
      const other = openPostgres(env.DATABASE_URL, 2);
      const signal = listChangeSignal(other);
      const watchlist = watchlistService(other.db, { clock: systemClock, listChanges: signal });
      const actor = { id: 'bench', name: 'Bench (another process)', roles: ['senior-officer'] };
      const crossAdd: number[] = [];
      const crossVal: number[] = [];
      for (let i = 0; i < 5; i++) {
        const registration = `XP${Date.now() % 100000}${i}`;
        const sent = Date.now();
        const outcome = await watchlist.add({ entries: [{ registration, country: 'PL', reason: 'Bench: from another process', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }] }, { actor });
        if (!outcome.ok) throw new Error(JSON.stringify(outcome));
        crossAdd.push(await until(server.url, registration, true, sent));
        // A VAL penalty paid elsewhere: the read table changes and casework signals it.
        const vehicle = `VAL${String(1 + i).padStart(5, '0')}`;
        const paid = Date.now();
        await other.db.execute(sql`update liabilities set outstanding_pence = 0, stage = 'paid' where case_id = (select id from cases where vehicle_registration_key = ${vehicle})`);
        signal.valChanged();
        crossVal.push(await until(server.url, vehicle, false, paid));
      }
      await other.close();
      results.push(`| another process adds an entry → matched here (LISTEN/NOTIFY) | ${median(crossAdd)} | ${Math.max(...crossAdd)} |`);
      results.push(`| another process records a VAL payment → vehicle off here (VAL rebuilt) | ${median(crossVal)} | ${Math.max(...crossVal)} |`);
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
  {
    // The hits were written in batches, the last of them when the server closed.
    const db = await openBenchDatabase();
    const [row] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from plate_check_hits`));
    results.push('');
    results.push(`Hits recorded in plate_check_hits: ${Number(row?.n ?? 0).toLocaleString('en-GB')} (about ${hitsAnswered.toLocaleString('en-GB')} expected from the measured runs, plus warm-up and change checks).`);
    await db.close();
  }
  return results.join('\n');
}

async function cleanUp() {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseName && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
}

try {
  console.log(await main());
} finally {
  await cleanUp();
}
