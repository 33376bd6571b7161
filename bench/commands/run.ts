/**
 * Commands against PostgreSQL's own yardstick: pgbench's TPC-B-like script and Cordon's commands
 * (search records, and a casework step: a note on a case) on the same PostgreSQL server, alternated
 * round by round in one run, so the ratio holds on a shared, noisy machine. Each command goes
 * through the API of `cordon serve` processes (the real front door: authentication, validation,
 * the command, its events and read tables, the commit). With no DATABASE_URL, the same commands on
 * PGlite are measured beside it (no pgbench there: it is one process's embedded database).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/commands/run.ts \
 *     [--seconds 15] [--rounds 3] [--clients 8] [--processes 2] [--cases 200] [--cpu-prof DIR]
 *   npx tsx bench/commands/run.ts --pglite [--seconds 15] [--rounds 2]
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 15);
const rounds = arg('rounds', 3);
const clients = arg('clients', 8);
/** Cases the notes spread over (each client has its own share). */
const casesToSeed = arg('cases', 200);
const pglite = process.argv.includes('--pglite');
/** Search records alone (no casework step), for comparing with earlier runs of bench/searches. */
const searchesOnly = process.argv.includes('--searches-only');
const processes = pglite ? 1 : arg('processes', 2);
/** `--cpu-prof DIR`: each `cordon serve` writes a CPU profile there when it stops (open it in Chrome's DevTools). */
const profileDir = process.argv.includes('--cpu-prof') ? path.resolve(process.argv[process.argv.indexOf('--cpu-prof') + 1] ?? 'cpu-profiles') : null;
const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
const bin = path.resolve('bin/cordon.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-commands-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  CORDON_DATA_DIR: dataDir,
  PORT: '0',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  CORDON_AUDIT_SECRET: 'bench-audit-secret',
};
const baseUrl = process.env.DATABASE_URL;
if (!pglite && !baseUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server (or pass --pglite for the embedded database alone).');
  process.exit(2);
}
const stamp = Date.now();
const cordonDatabase = `cordon_bench_commands_${stamp}`;
const pgbenchDatabase = `cordon_bench_pgbench_${stamp}`;

function urlFor(database: string): string {
  const u = new URL(baseUrl!);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function serve(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profile, bin, 'serve'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (error, result) => (error ? reject(error) : resolve(result))));
}

/** Runs one load per server process at once, the clients shared between them; answers summed. */
async function across(urls: string[], make: (url: string, connections: number, offset: number) => autocannon.Options) {
  const per = Math.max(1, Math.floor(clients / urls.length));
  const results = await Promise.all(urls.map((url, i) => load(make(url, per, i * per))));
  return {
    perSecond: results.reduce((sum, r) => sum + r.requests.total / (r.duration || seconds), 0),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    total: results.reduce((sum, r) => sum + r.requests.total, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

const headersFor = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
let keys = 0;
const key = () => `bench-${stamp}-${(keys += 1)}`;

function searches(url: string, connections: number): autocannon.Options {
  const searchedAt = new Date(Date.now() - 3_600_000).toISOString();
  return {
    url: `${url}/api/v1/searches`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: headersFor('cordon_demo_port_officer_token'),
    requests: [
      {
        setupRequest: (request) => {
          const n = keys + 1;
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': key() },
            body: JSON.stringify({
              searchedAt,
              port: ['CQF', 'CAL', 'DKK', 'DVR'][n % 4],
              lane: String(n % 12),
              vehicleKind: 'hgv',
              tractorRegistration: `WGM ${String(n % 100000).padStart(5, '0')}`,
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
  };
}

/**
 * A note on a case through the casework API, each client on its own case (as caseworkers work their
 * own cases), carrying the case version it last saw — a loop per client over a keep-alive socket
 * (autocannon forgets a connection's context between requests).
 */
async function notes(urls: string[], references: string[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let total = 0;
  let failed = 0;
  const client = async (slot: number) => {
    // Each client works its own cases in turn, so no two clients race for one case and no case's
    // stream grows far beyond what a real case holds.
    const own = references.filter((_, i) => i % clients === slot);
    let turn = 0;
    while (Date.now() < deadline) {
      const reference = own[turn++ % own.length]!;
      const url = new URL(`/api/v1/cases/${reference}/actions/addCaseNote`, urls[slot % urls.length]);
      const version = versions.get(reference)!;
      const body = JSON.stringify({ text: `Spoke to the haulier (${total})`, expectedVersion: version });
      const started = performance.now();
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = http.request(url, { method: 'POST', agent, headers: { ...headersFor('cordon_demo_caseworker_eo_token'), 'idempotency-key': key(), 'content-length': Buffer.byteLength(body) } }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        });
        request.on('error', reject);
        request.end(body);
      });
      latencies.push(performance.now() - started);
      total += 1;
      if (answer.status >= 300) {
        failed += 1;
        if (failed === 1) console.error(`a note was refused: ${answer.status} ${answer.text.slice(0, 300)}`);
        const kase = (await (await fetch(`${urls[0]}/api/v1/cases/${reference}`, { headers: headersFor('cordon_demo_caseworker_eo_token') })).json()) as { version: number };
        versions.set(reference, kase.version);
      } else {
        versions.set(reference, (JSON.parse(answer.text) as { version: number }).version);
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, slot) => client(slot)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { perSecond: total / ((Date.now() - started) / 1000), failed, total, p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) };
}
const versions = new Map<string, number>();

function pgbench(): { tps: number; failed: number } {
  const out = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), urlFor(pgbenchDatabase)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
  return { tps, failed };
}

const servers: ChildProcess[] = [];
try {
  if (!pglite) {
    await admin(async (c) => {
      await c.query(`create database ${cordonDatabase}`);
      await c.query(`create database ${pgbenchDatabase}`);
    });
    env.DATABASE_URL = urlFor(cordonDatabase);
    execFileSync('pgbench', ['-i', '-q', '-s', '10', urlFor(pgbenchDatabase)], { stdio: 'ignore' });
  } else {
    delete env.DATABASE_URL;
  }
  execFileSync(process.execPath, [bin, 'seed-demo', '--cases', String(casesToSeed)], { env, stdio: 'ignore' });
  const started = [];
  for (let i = 0; i < processes; i++) started.push(await serve());
  servers.push(...started.map((s) => s.child));
  const urls = started.map((s) => s.url);

  // The cases the notes go on, and their versions now.
  const references: string[] = [];
  for (let page = 1; references.length < casesToSeed; page++) {
    const list = (await (await fetch(`${urls[0]}/api/v1/cases?page=${page}`, { headers: headersFor('cordon_demo_caseworker_eo_token') })).json()) as { cases: { reference: string }[]; pages: number };
    references.push(...list.cases.map((c) => c.reference));
    if (page >= list.pages) break;
  }
  for (const reference of references) {
    const kase = (await (await fetch(`${urls[0]}/api/v1/cases/${reference}`, { headers: headersFor('cordon_demo_caseworker_eo_token') })).json()) as { version: number };
    versions.set(reference, kase.version);
  }

  // Warm-up: the JIT, the connection pools, the token caches.
  await across(urls, (url, connections) => ({ ...searches(url, connections), duration: 3 }));

  const rows: { round: number; pgbench?: number; searches: number; notes: number; failed: number; p99: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const yardstick = pglite ? undefined : pgbench();
    const searched = await across(urls, searches);
    const noted = searchesOnly ? { perSecond: 0, failed: 0, total: 0, p99: 0 } : await notes(urls, references);
    if (!searchesOnly && noted.total === 0) throw new Error('No note was accepted: check the casework API');
    rows.push({
      round,
      ...(yardstick ? { pgbench: yardstick.tps } : {}),
      searches: searched.perSecond,
      notes: noted.perSecond,
      failed: searched.failed + noted.failed + (yardstick?.failed ?? 0),
      p99: Math.max(searched.p99, noted.p99),
    });
    console.error(`round ${round}: ${JSON.stringify(rows[rows.length - 1])}`);
  }

  const database = pglite ? 'PGlite (embedded, one process)' : `PostgreSQL server (${processes} cordon processes)`;
  console.log(`Database: ${database}; ${clients} clients, ${seconds} s per measurement, ${rounds} rounds alternated; load average at the end ${os.loadavg()[0]!.toFixed(1)}.`);
  console.log(pglite ? '| round | search records/s | casework steps/s | failed | p99 ms |' : '| round | pgbench TPC-B tps | search records/s | ratio | casework steps/s | ratio | failed | p99 ms |');
  console.log(pglite ? '|---|---|---|---|---|' : '|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      pglite
        ? `| ${r.round} | ${r.searches.toFixed(0)} | ${r.notes.toFixed(0)} | ${r.failed} | ${r.p99} |`
        : `| ${r.round} | ${r.pgbench!.toFixed(0)} | ${r.searches.toFixed(0)} | ${(r.searches / r.pgbench!).toFixed(2)} | ${r.notes.toFixed(0)} | ${(r.notes / r.pgbench!).toFixed(2)} | ${r.failed} | ${r.p99} |`,
    );
  }
  if (!pglite) {
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    console.log(
      `| all | ${(sum((r) => r.pgbench!) / rows.length).toFixed(0)} | ${(sum((r) => r.searches) / rows.length).toFixed(0)} | ${(sum((r) => r.searches) / sum((r) => r.pgbench!)).toFixed(2)} | ${(sum((r) => r.notes) / rows.length).toFixed(0)} | ${(sum((r) => r.notes) / sum((r) => r.pgbench!)).toFixed(2)} | ${sum((r) => r.failed)} | |`,
    );
  }
} finally {
  for (const child of servers) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!pglite) {
    await admin(async (c) => {
      await c.query(`drop database if exists ${cordonDatabase} with (force)`);
      await c.query(`drop database if exists ${pgbenchDatabase} with (force)`);
    });
  }
}
