/**
 * The legacy import's speed on PostgreSQL (issue #18: 1,000,000 rows within 15 minutes).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/legacy-import/run.ts --rows 100000 [--seed 1] [--dir /tmp/import-100k] [--batch 500] [--threads 2] [--verify]
 *
 * Generates the export when the folder has none (`cordon import legacy-generate`), makes a fresh
 * database named import_bench_<rows>_<time> on the server, runs the real `cordon import legacy`
 * under `/usr/bin/time -v`, and prints the wall clock, CPU (user + system), peak memory (max RSS)
 * and the load average before and after (the machine is shared: a figure means little without
 * it). With --verify it then runs `cordon audit verify` and `cordon projections rebuild --verify`
 * on the imported database. The database is dropped at the end unless --keep is given.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

function option(name: string, fallback?: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const rows = Number(option('rows', '100000'));
const seed = option('seed', '1')!;
const dir = option('dir', `/tmp/import-${rows >= 1_000_000 ? `${rows / 1_000_000}m` : `${rows / 1000}k`}`)!;
const batch = option('batch', '500')!;
const threads = option('threads');
const server = process.env.DATABASE_URL;
if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server (the bench makes its own database there)');
const bin = path.resolve('bin/cordon.js');
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

if (!fs.existsSync(path.join(dir, 'cecpt-database.csv'))) {
  console.error(`Generating ${rows} rows into ${dir}…`);
  execFileSync(process.execPath, [bin, 'import', 'legacy-generate', '--dir', dir, '--rows', String(rows), '--seed', seed], { stdio: 'inherit' });
}

const name = `import_bench_${rows}_${Date.now()}`;
const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
try {
  const env = { ...process.env, DATABASE_URL: url };
  const loadBefore = load();
  const started = Date.now();
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, 'import', 'legacy', '--dir', dir, '--batch', batch, ...(threads === undefined ? [] : ['--threads', threads]), '--report', path.join(dir, 'import-report.json')], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  const loadAfter = load();
  if (run.status !== 0) throw new Error(`the import failed (${run.status}):\n${run.stderr.slice(-4000)}`);
  const measured = (label: string) => new RegExp(`${label}: (.+)`).exec(run.stderr)?.[1]?.trim() ?? '?';
  const user = Number(measured('User time \\(seconds\\)'));
  const system = Number(measured('System time \\(seconds\\)'));
  const rssMb = Math.round(Number(measured('Maximum resident set size \\(kbytes\\)')) / 1024);
  const phases = run.stderr.split('\n').filter((line) => /written: .* \/ /.test(line));
  console.log(`rows ${rows} (seed ${seed}), batch ${batch}, threads ${threads ?? 'default'}, database ${name}`);
  console.log(`last progress lines:\n  ${phases.slice(-2).join('\n  ')}`);
  console.log(
    `| ${rows.toLocaleString('en-GB')} rows | ${measured('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')} (${seconds.toFixed(0)} s) | ${user.toFixed(0)} s + ${system.toFixed(0)} s (${measured('Percent of CPU this job got')}) | ${rssMb} MB | ${loadBefore} → ${loadAfter} |`,
  );
  if (flag('verify')) {
    for (const args of [['audit', 'verify'], ['projections', 'rebuild', '--verify']]) {
      const check = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      console.log(`cordon ${args.join(' ')}: exit ${check.status}; ${check.stdout.trim().split('\n').at(-1)}`);
    }
  }
} finally {
  if (!flag('keep')) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
