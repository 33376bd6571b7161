/**
 * The annual report over the generated event log (issue #17 item 7: at most 10 s over 1,000,000
 * cases and 10,000,000 events on PostgreSQL). Runs the real `annualReport(db, year, asOf)` on the
 * database made by bench/insight/generate.ts, as of the instant it generated for, and beside it, in
 * the same run, the baseline `select count(*) from events` (one full pass over the log: the
 * machine's speed at reading this table right now). Prints each time, the medians and the ratio,
 * and checks every figure the generator knows against its expected value (exit 1 if one differs).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/insight/annual.ts \
 *     [--database cordon_bench_insight] [--year 2025] [--runs 5] [--small cordon_bench_insight_small] [--explain]
 *
 * "Cold" is the first run on a new connection (new backend: no catalogue or plan cache); the
 * operating system's page cache and PostgreSQL's shared buffers are shared with other work on the
 * server and are not flushed (that would need a restart of a shared server).
 * `--small DATABASE` also times the report on a second generated database (e.g. 10x smaller).
 * `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of every statement the report runs.
 * `--families` also times each family's statement alone (its annual figures only, twice on one pool).
 */
import os from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPostgres, type Database } from '../../src/platform/database/client.js';
import { annualReport, yearPeriod, type AnnualReport } from '../../src/modules/insight/annual/report.js';
import { ANNUAL_FIGURES } from '../../src/modules/insight/annual/definitions.js';
import { computeFigures } from '../../src/modules/insight/query.js';
import { databaseUrl } from './generate.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const base = process.env.DATABASE_URL;
if (!base) throw new Error('Set DATABASE_URL to the PostgreSQL server holding the generated database.');
const name = arg('database', 'cordon_bench_insight');
const year = Number(arg('year', '2025'));
const runs = Number(arg('runs', '5'));
const small = arg('small', '');
const explain = process.argv.includes('--explain');
const families = process.argv.includes('--families');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
async function timed<T>(f: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await f();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

interface Series {
  cold: number;
  warm: number[];
  report?: AnnualReport;
}

/** Cold: the first run on a fresh pool; warm: `runs` more on it. */
async function series(databaseName: string, what: (database: Database) => Promise<AnnualReport | unknown>): Promise<Series> {
  const database = openPostgres(databaseUrl(base!, databaseName));
  try {
    const cold = await timed(() => what(database));
    const warm: number[] = [];
    let report = cold.value as AnnualReport;
    for (let r = 0; r < runs; r += 1) {
      const run = await timed(() => what(database));
      warm.push(run.seconds);
      report = run.value as AnnualReport;
    }
    return { cold: cold.seconds, warm, report };
  } finally {
    await database.close();
  }
}

async function meta(databaseName: string) {
  const client = new pg.Client({ connectionString: databaseUrl(base!, databaseName) });
  await client.connect();
  try {
    const plan = Object.fromEntries((await client.query<{ key: string; value: string }>('select key, value from bench_plan')).rows.map((r) => [r.key, r.value]));
    const expected = new Map((await client.query<{ name: string; value: string }>('select name, value from bench_expected where year = $1', [year])).rows.map((r) => [r.name, Number(r.value)]));
    const sizes = (await client.query<{ name: string; size: string }>(
      `select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = 'events'::regclass order by c.relname`,
    )).rows;
    const heap = (await client.query(`select pg_size_pretty(pg_table_size('events')) as heap`)).rows[0].heap as string;
    return { plan, expected, sizes, heap };
  } finally {
    await client.end();
  }
}

async function explainReport(databaseName: string, asOf: Date) {
  const database = openPostgres(databaseUrl(base!, databaseName), 1);
  const statements: { text: string; values: unknown[] }[] = [];
  // Every statement the report sends, on whichever pooled client (the families run in transactions).
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function (this: unknown, config: unknown, values?: unknown, ...rest: unknown[]) {
    if (typeof config === 'string') statements.push({ text: config, values: (values as unknown[] | undefined) ?? [] });
    else if (typeof config === 'object' && config && 'text' in config) statements.push({ text: (config as { text: string }).text, values: (config as { values?: unknown[] }).values ?? (values as unknown[] | undefined) ?? [] });
    return query.call(this, config, values, ...rest);
  };
  try {
    await annualReport(database.db, year, asOf);
  } finally {
    prototype.query = query;
  }
  try {
    for (const statement of statements) {
      if (!/^\s*select/i.test(statement.text)) continue;
      if (/set_config/.test(statement.text)) {
        await database.pool!.query(statement.text.replace(/, true\)/g, ', false)'), statement.values);
        continue;
      }
      const plan = await database.pool!.query(`explain (analyze, buffers) ${statement.text}`, statement.values);
      console.log(`\n${statement.text.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await database.close();
  }
}

/** Each family's statement alone: its annual figures, twice on one pool (the first on a new backend). */
async function timeFamilies(databaseName: string, asOf: Date) {
  const byFamily = new Map<string, typeof ANNUAL_FIGURES[number][]>();
  for (const figure of ANNUAL_FIGURES) byFamily.set(figure.family, [...(byFamily.get(figure.family) ?? []), figure]);
  console.log('\n| family (alone) | figures | first s | second s | load avg |');
  console.log('|---|---|---|---|---|');
  for (const [family, figures] of byFamily) {
    const database = openPostgres(databaseUrl(base!, databaseName), 1);
    try {
      const first = await timed(() => computeFigures(database.db, figures, yearPeriod(year), asOf));
      const second = await timed(() => computeFigures(database.db, figures, yearPeriod(year), asOf));
      console.log(`| ${family} | ${figures.length} | ${first.seconds.toFixed(2)} | ${second.seconds.toFixed(2)} | ${os.loadavg()[0]!.toFixed(1)} |`);
    } finally {
      await database.close();
    }
  }
}

const { plan, expected, sizes, heap } = await meta(name);
const asOf = new Date(plan.asOf!);
const load = os.loadavg();
console.log(`Database ${name}: ${Number(plan.cases).toLocaleString('en-GB')} cases, ${Number(plan.events).toLocaleString('en-GB')} events (events heap ${heap}); annual report ${year} as of ${asOf.toISOString()}; ${runs} warm runs`);
console.log(`Indexes on events: ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}`);
console.log(`Load average before: ${load.map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);

const baseline = await series(name, (database) => database.db.execute(sql`select count(*) from events`));
const report = await series(name, (database) => annualReport(database.db, year, asOf));
const smallReport = small ? await series(small, (database) => annualReport(database.db, year, asOf)) : null;

// Every figure the generator knows, checked.
const wrong: string[] = [];
const unchecked: string[] = [];
for (const figure of report.report!.figures) {
  const want = expected.get(figure.name);
  if (want === undefined) unchecked.push(figure.name);
  else if (want !== figure.value) wrong.push(`${figure.name}: ${figure.value}, expected ${want}`);
}
for (const name of expected.keys()) if (!report.report!.figures.some((f) => f.name === name)) wrong.push(`${name}: not in the report`);

const row = (label: string, s: Series) => `| ${label} | ${s.cold.toFixed(2)} | ${median(s.warm).toFixed(2)} | ${s.warm.map((w) => w.toFixed(2)).join(', ')} |`;
console.log('\n| measure | cold s | warm median s | warm runs s |');
console.log('|---|---|---|---|');
console.log(row('baseline: select count(*) from events', baseline));
console.log(row(`annualReport(${year}) — ${report.report!.figures.length} figures`, report));
if (smallReport) console.log(row(`annualReport(${year}) on ${small}`, smallReport));
console.log(`| ratio report ÷ baseline | ${(report.cold / baseline.cold).toFixed(2)} | ${(median(report.warm) / median(baseline.warm)).toFixed(2)} | |`);
if (smallReport) console.log(`| ratio report ÷ report on ${small} | ${(report.cold / smallReport.cold).toFixed(2)} | ${(median(report.warm) / median(smallReport.warm)).toFixed(2)} | |`);
console.log(`\nLoad average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`Figures: ${report.report!.figures.length - unchecked.length} checked against the generator's totals${wrong.length ? `, ${wrong.length} WRONG` : ', all equal'}; not checked (no expected value): ${unchecked.join(', ') || 'none'}`);
for (const figure of report.report!.figures) console.log(`  ${figure.name} = ${figure.value}`);
if (families) await timeFamilies(name, asOf);
if (explain) await explainReport(name, asOf);
if (wrong.length) {
  console.error(wrong.join('\n'));
  process.exitCode = 1;
}
