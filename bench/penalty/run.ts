/**
 * Penalty calculator benchmark: 100,000 mixed inputs through `cordon penalty calculate` as one
 * batch, against two baselines in the same run on the same machine — the CLI's start-up alone
 * (an empty batch) and a bare JSON round trip of the same file (reading, parsing, writing).
 *
 *   npx tsx bench/penalty/run.ts [--inputs 100000]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const flag = process.argv.indexOf('--inputs');
const count = flag > 0 ? Number(process.argv[flag + 1]) : 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-penalty-'));
const bin = path.resolve('bin/cordon.js');

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function mixedInputs(n: number): unknown[] {
  const r = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const date = (from: number, span: number) => new Date(Date.UTC(2020, 0, 1) + Math.floor(from + r() * span) * 86_400_000).toISOString().slice(0, 10);
  const inputs: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const offence = r() < 0.45 ? 'S31A' : 'S32';
    const role = pick(['driver', 'owner', 'hirer', 'operator'] as const);
    const incidentDate = date(1200, 1400); // 2023-04 .. 2027-01: a few are in the future and refused
    const previous = Array.from({ length: Math.floor(r() * 3) }, () => ({ offence: pick(['S31A', 'S32'] as const), issuedOn: date(0, 1200), cancelled: r() < 0.1 }));
    inputs.push({
      offence,
      incidentDate,
      role,
      ...(offence === 'S32' ? { clandestineEntrants: 1 + Math.floor(r() * 8) } : {}),
      previousPenalties: previous,
      cpasMember: role !== 'driver' && r() < 0.3,
      compliedWithRegulations: r() < 0.4,
      ...(r() < 0.2 ? { discretion: [{ percent: 25, reasonCode: 'SELF_DECLARATION', approvedBy: 'SO Smith' }] } : {}),
      ...(role !== 'driver' && r() < 0.5 ? { means: { kind: 'company', band: pick(['micro', 'small', 'medium', 'large'] as const) } } : {}),
      ...(role === 'driver' && r() < 0.2 ? { means: { kind: 'individual', assessedAmountPence: 50_000 + Math.floor(r() * 200_000) } } : {}),
    });
  }
  return inputs;
}

function time(label: string, file: string, args: string[]): { label: string; ms: number } {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', fs.openSync(file, 'w'), 'ignore'], maxBuffer: 1 << 30 });
  } catch (error) {
    // Exit code 2 means some elements were refused; the output is still complete.
    if ((error as { status?: number }).status !== 2) throw error;
  }
  return { label, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const input = path.join(dir, 'inputs.json');
fs.writeFileSync(input, JSON.stringify(mixedInputs(count)));
const empty = path.join(dir, 'empty.json');
fs.writeFileSync(empty, '[]');
const roundTrip = path.join(dir, 'round-trip.mjs');
fs.writeFileSync(roundTrip, `import fs from 'node:fs'; const a = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')); process.stdout.write(JSON.stringify(a.map((x) => ({ ...x }))));`);

const runs = 3;
const results: Record<string, number[]> = { startup: [], json: [], batch: [] };
for (let i = 0; i < runs; i++) {
  results.startup!.push(time('startup', path.join(dir, 'o1'), [bin, 'penalty', 'calculate', '--offline', '--input', empty]).ms);
  results.json!.push(time('json', path.join(dir, 'o2'), [roundTrip, input]).ms);
  results.batch!.push(time('batch', path.join(dir, 'o3'), [bin, 'penalty', 'calculate', '--offline', '--input', input]).ms);
}
const output = JSON.parse(fs.readFileSync(path.join(dir, 'o3'), 'utf8')) as unknown[];
const refused = output.filter((o) => o && typeof o === 'object' && 'error' in o).length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const startup = median(results.startup!);
const json = median(results.json!);
const batch = median(results.batch!);
const perSecond = Math.round(count / ((batch - startup) / 1000));

console.log(`| measure | median of ${runs} |`);
console.log('|---|---|');
console.log(`| inputs | ${count.toLocaleString('en-GB')} (${refused.toLocaleString('en-GB')} refused as they should be) |`);
console.log(`| CLI start-up alone (empty batch) | ${(startup / 1000).toFixed(2)} s |`);
console.log(`| JSON read + parse + write of the same file (node) | ${(json / 1000).toFixed(2)} s |`);
console.log(`| \`cordon penalty calculate --offline\` on the batch | ${(batch / 1000).toFixed(2)} s |`);
console.log(`| throughput after start-up | ${perSecond.toLocaleString('en-GB')} calculations/s |`);
console.log(`| batch ÷ (start-up + JSON round trip) | ${(batch / (startup + json)).toFixed(2)} |`);
fs.rmSync(dir, { recursive: true, force: true });
