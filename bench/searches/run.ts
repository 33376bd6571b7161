/**
 * 10,000 search records through POST /api/v1/searches, against GET /health on the same server in
 * the same run as the baseline. The server runs as its own process (`cordon serve`), on PGlite in a
 * temporary folder, or on the PostgreSQL server named by DATABASE_URL (a fresh database).
 *
 *   npx tsx bench/searches/run.ts [--requests 10000] [--connections 10]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/searches/run.ts
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const requests = arg('requests', 10_000);
const connections = arg('connections', 10);
const bin = path.resolve('bin/cordon.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-searches-'));
const env: NodeJS.ProcessEnv = { ...process.env, CORDON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
let databaseName: string | null = null;

async function prepareDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) return 'PGlite (embedded)';
  databaseName = `cordon_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${databaseName}`;
  env.DATABASE_URL = u.toString();
  return 'PostgreSQL 15 server (127.0.0.1)';
}

function serve(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (error, result) => (error ? reject(error) : resolve(result))));
}

const database = await prepareDatabase();
execFileSync(process.execPath, [bin, 'seed-demo', '--cases', '0'], { env, stdio: 'ignore' });
const server = await serve();
try {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer cordon_demo_port_officer_token' };
  await run({ url: `${server.url}/health`, amount: 500, connections }); // warm-up
  const baseline = await run({ url: `${server.url}/health`, amount: requests, connections });
  let n = 0;
  const runId = Date.now().toString(36);
  const searchedAt = new Date(Date.now() - 3_600_000).toISOString();
  const searches = await run({
    url: `${server.url}/api/v1/searches`,
    method: 'POST',
    headers,
    amount: requests,
    connections,
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          return {
            ...request,
            // Every API write carries its own Idempotency-Key.
            headers: { ...request.headers, 'idempotency-key': `bench-search-${runId}-${n}` },
            body: JSON.stringify({
              searchedAt,
              port: ['CQF', 'CAL', 'DKK', 'DVR'][n % 4],
              lane: String(n % 12),
              vehicleKind: 'hgv',
              tractorRegistration: `WGM ${String(n).padStart(5, '0')}`,
              tractorCountry: 'PL',
              selectionReason: 'random',
              methods: ['pmmw-scanner'],
              searchedBy: 'border-force',
              result: 'nothing-found',
            }),
          };
        },
      },
    ],
  });
  const non2xx = searches.non2xx + searches.errors;
  const row = (label: string, r: autocannon.Result) =>
    `| ${label} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${(r.duration).toFixed(1)} s |`;
  console.log(`Database: ${database}; ${requests.toLocaleString('en-GB')} requests each, ${connections} connections; ${non2xx} search requests failed.`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | took |');
  console.log('|---|---|---|---|---|');
  console.log(row('GET /health (baseline)', baseline));
  console.log(row('POST /api/v1/searches', searches));
  console.log(`| ratio searches ÷ baseline (req/s) | ${(searches.requests.average / baseline.requests.average).toFixed(3)} | | | |`);
} finally {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (databaseName && process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
}
