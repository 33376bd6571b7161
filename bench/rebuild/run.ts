/**
 * The check at scale: a database of many cases made only through commands (the demo seed:
 * referrals opened as cases, and incidents recorded at the border and worked through casework with
 * their letters), then `cordon projections rebuild --verify`, which replays the whole event log into
 * a scratch schema and compares every read table with the live one. Prints how long each took, the
 * rebuild's output, and exits with the rebuild's exit code (0: identical).
 *
 *   npx tsx bench/rebuild/run.ts --pglite [--cases 10000] [--worked 200]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/rebuild/run.ts [--cases 10000] [--worked 200]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('cases', 10_000);
const worked = arg('worked', 200);
const pglite = process.argv.includes('--pglite');
const baseUrl = process.env.DATABASE_URL;
if (!pglite && !baseUrl) {
  console.error('Set DATABASE_URL to a PostgreSQL server, or pass --pglite.');
  process.exit(2);
}
const bin = path.resolve('bin/cordon.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-rebuild-'));
const database = `cordon_bench_rebuild_${Date.now()}`;
const databaseUrl = (() => {
  if (pglite) return undefined;
  const u = new URL(baseUrl!);
  u.pathname = `/${database}`;
  return u.toString();
})();
const env: NodeJS.ProcessEnv = { ...process.env, CORDON_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn', CORDON_AUDIT_SECRET: 'bench-rebuild-secret' };
if (databaseUrl) env.DATABASE_URL = databaseUrl;
else delete env.DATABASE_URL;

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function cordon(args: string[]): Promise<{ code: number; seconds: number; stdout: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout }));
  });
}

async function main(): Promise<number> {
  if (!pglite) await admin(`create database ${database}`);
  try {
    console.log(`${pglite ? 'PGlite' : 'PostgreSQL'}: seeding ${cases} cases and ${worked} worked through casework, through the commands…`);
    const seeded = await cordon(['seed-demo', '--cases', String(cases), '--worked', String(worked)]);
    if (seeded.code !== 0) throw new Error(`seed-demo exited ${seeded.code}`);
    const verified = await cordon(['projections', 'rebuild', '--verify']);
    const events = /(\d+) events replayed/.exec(verified.stdout)?.[1] ?? '?';
    console.log(
      `\nseed: ${seeded.seconds.toFixed(0)} s; rebuild --verify: ${verified.seconds.toFixed(0)} s over ${events} events; exit ${verified.code}`,
    );
    return verified.code;
  } finally {
    if (!pglite) await admin(`drop database if exists ${database} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
