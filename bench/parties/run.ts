// The parties benchmark: generates labelled companies and drivers, resolves them with the batch
// command's code (file in, file out, as `cordon parties resolve` does) and with the
// exact-normalised-name baseline, and prints markdown tables.
//
//   npx tsx bench/parties/run.ts [--rows 100000] [--seed 20260814] [--threads 2] [--examples 5]
//   npx tsx bench/parties/run.ts --rows 1000000 --csv parties.csv   (only write the input file,
//     to time `cordon parties resolve` on it by itself)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { resolvePartiesFile } from '../../src/modules/parties/batch/resolve-file.js';
import { CORRUPTION_CLASSES, generateParties, type GeneratedParty } from './generate.js';
import { evaluateClusters, type Evaluation } from './evaluate.js';
import { exactNameBaseline } from './resolve-generated.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20260814' },
    examples: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    csv: { type: 'string' },
    threads: { type: 'string', default: '2' },
  },
});
const rows = Number(values.rows);
const seed = Number(values.seed);
if (!Number.isInteger(rows) || rows < 2) throw new Error('--rows must be a whole number of 2 or more');

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-parties-bench-'));
const input = values.csv ?? path.join(folder, 'parties.csv');
const output = path.join(folder, 'clusters.csv');

let started = performance.now();
const records = generateParties({ rows, seed });
const columns = ['id', 'kind', 'name', 'country', 'address', 'postcode', 'date_of_birth', 'identifier'];
const file = fs.openSync(input, 'w');
fs.writeSync(file, stringify([columns]));
for (let i = 0; i < records.length; i += 50_000) {
  const slice = records.slice(i, i + 50_000).map((r) => [r.id, r.kind, r.name, r.country, r.address, r.postcode, r.dateOfBirth, r.identifier]);
  fs.writeSync(file, stringify(slice));
}
fs.closeSync(file);
const generationSeconds = (performance.now() - started) / 1000;
process.stderr.write(`Generated ${records.length} rows (${(fs.statSync(input).size / 2 ** 20).toFixed(0)} MiB) in ${generationSeconds.toFixed(1)} s: ${input}\n`);
if (values.csv !== undefined) {
  fs.rmSync(folder, { recursive: true, force: true });
  process.exit(0);
}

started = performance.now();
const outcome = await resolvePartiesFile({ input, output, messages: process.stderr, progress: true, threads: Number(values.threads) });
const resolveSeconds = (performance.now() - started) / 1000;
if (!outcome.ok) throw new Error(outcome.message);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;

const clusterById = new Map<string, string>((parse(fs.readFileSync(output), { from_line: 2 }) as string[][]).map(([id, cluster]) => [id as string, cluster as string]));
const resolved = evaluateClusters(records, records.map((r) => clusterById.get(r.id) ?? `missing ${r.id}`));
const baseline = evaluateClusters(records, exactNameBaseline(records));
if (clusterById.size !== records.length) throw new Error(`the output has ${clusterById.size} ids for ${records.length} rows`);

const pct = (x: number): string => (100 * x).toFixed(2);
const line = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
const summary = (name: string, e: Evaluation): string =>
  line([name, pct(e.precision), pct(e.recall), e.f1.toFixed(4), pct(e.bcubedPrecision), pct(e.bcubedRecall), e.bcubedF1.toFixed(4)]);

const out: string[] = [];
out.push(`### Parties benchmark: ${records.length.toLocaleString('en-GB')} rows, seed ${seed}`, '');
out.push(`${resolved.truePairs.toLocaleString('en-GB')} true pairs among ${new Set(records.map((r) => r.entity)).size.toLocaleString('en-GB')} entities.`, '');
out.push(line(['Method', 'Pairwise precision %', 'Pairwise recall %', 'Pairwise F1', 'B³ precision %', 'B³ recall %', 'B³ F1']));
out.push(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
out.push(summary('Batch resolution (Fellegi–Sunter)', resolved));
out.push(summary('Baseline: exact normalised name', baseline), '');
out.push(line(['Corruption class', 'True pairs', 'Missed', 'Baseline missed', 'Pairs with this class only', 'Missed', 'Baseline missed']));
out.push(line(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const c of CORRUPTION_CLASSES) {
  const r = resolved.byClass[c];
  const b = baseline.byClass[c];
  out.push(line([c, r.pairs, r.misses, b.misses, r.solePairs, r.soleMisses, b.soleMisses]));
}
out.push(line(['(none: exact repeats)', '', resolved.uncorruptedMisses, baseline.uncorruptedMisses, '', '', '']), '');
const s = outcome.statistics;
out.push(line(['Throughput', 'Value']));
out.push(line(['---', '---:']));
out.push(line(['Rows resolved (file in, file out)', s.records.toLocaleString('en-GB')]));
out.push(line(['Wall time, s', resolveSeconds.toFixed(1)]));
out.push(line(['Rows per second', Math.round(s.records / resolveSeconds).toLocaleString('en-GB')]));
out.push(line(['Peak resident memory of the process, MiB', peakRssMiB.toFixed(0)]));
out.push(line(['Candidate pairs met in blocks', s.candidatePairs.toLocaleString('en-GB')]));
out.push(line(['Pairs skipped by the name pre-filter', s.prefilteredPairs.toLocaleString('en-GB')]));
out.push(line(['Pairs let through the pre-filter as one typo apart', s.typoPairs.toLocaleString('en-GB')]));
out.push(line(['Pairs scored', s.comparedPairs.toLocaleString('en-GB')]));
out.push(line(['Blocks compared by sorted neighbourhood', s.windowedBlocks.toLocaleString('en-GB')]));
out.push(line(['Clusters (largest)', `${s.clusters.toLocaleString('en-GB')} (${s.largestCluster})`]));
out.push(line(['Merges refused at the cluster size limit', s.refusedMerges]));
out.push(line(['Scoring threads', Number(values.threads)]));
out.push(line(['Machine', `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`]));
process.stdout.write(`${out.join('\n')}\n`);

const examples = Number(values.examples);
if (examples > 0) {
  const clusterOf = records.map((r) => clusterById.get(r.id));
  const show = (r: GeneratedParty) => `${r.kind} ${JSON.stringify(r.name)} ${r.country} ${JSON.stringify(r.address)} ${r.postcode} ${r.dateOfBirth} ${r.identifier} [${r.classes.join('+')}]`;
  const byEntity = new Map<number, number[]>();
  records.forEach((r, i) => byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), i]));
  const perClass = new Map<string, number>();
  process.stdout.write('\nMissed pairs (examples):\n');
  for (const members of byEntity.values()) {
    for (const a of members) for (const b of members) {
      if (a >= b || clusterOf[a] === clusterOf[b]) continue;
      const ra = records[a] as GeneratedParty;
      const rb = records[b] as GeneratedParty;
      const key = [...new Set([...ra.classes, ...rb.classes])].sort().join('+');
      if ((perClass.get(key) ?? 0) >= examples) continue;
      perClass.set(key, (perClass.get(key) ?? 0) + 1);
      process.stdout.write(`- ${key}\n    ${show(ra)}\n    ${show(rb)}\n`);
    }
  }
  const byCluster = new Map<string, number[]>();
  records.forEach((r, i) => byCluster.set(clusterOf[i] as string, [...(byCluster.get(clusterOf[i] as string) ?? []), i]));
  let shown = 0;
  process.stdout.write('\nWrongly joined (examples):\n');
  for (const members of byCluster.values()) {
    const entities = new Set(members.map((i) => (records[i] as GeneratedParty).entity));
    if (entities.size < 2 || shown++ >= examples * 3) continue;
    process.stdout.write(`- cluster of ${members.length}\n${members.map((i) => `    ${(records[i] as GeneratedParty).entity} ${show(records[i] as GeneratedParty)}`).join('\n')}\n`);
  }
}
if (!values.keep) fs.rmSync(folder, { recursive: true, force: true });
