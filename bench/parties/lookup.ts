/**
 * Lookup latency: one name against N parties in the register (default 1,000,000), through the
 * same `findMatches` the case pages and the API use (blocking keys + pg_trgm candidates, then
 * field-by-field scoring). Baseline in the same run: a `select 1` round trip on the same database.
 * Recall in the same run: whether the record a lookup was made from, or any record of the same
 * generated entity, is among the proposals, and how it is classed.
 *
 *   npx tsx bench/parties/lookup.ts [--parties 1000000] [--lookups 500]          (PGlite, in-process)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/parties/lookup.ts
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/platform/database/client.js';
import { prepareDatabase } from '../../src/app.js';
import { partiesService } from '../../src/modules/parties/service.js';
import { nameTokens, parties, partyNames, partyIdentifiers, partyNameTokens } from '../../src/modules/parties/schema.js';
import { normaliseName } from '../../src/domain/parties/names.js';
import { normaliseIdentifier } from '../../src/domain/parties/identifiers.js';
import { generateParties, seededRandom, typo } from './generate.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const size = arg('parties', 1_000_000);
const lookups = arg('lookups', 500);
const url = process.env.DATABASE_URL;

let database: Database;
let cleanup: () => Promise<void>;
const existingFlag = process.argv.indexOf('--existing');
const existing = existingFlag > 0 ? process.argv[existingFlag + 1] : undefined;
if (url) {
  const name = existing ?? `cordon_bench_lookup_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  if (!existing) await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  database = openPostgres(u.toString(), 4);
  cleanup = async () => {
    await database.close();
    if (process.argv.includes('--keep') || existing) console.log(`Kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-bench-lookup-'));
  database = await openPglite(dir);
  cleanup = async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

// Party ids follow the record's place in the generated list, so a lookup can tell whether its own
// record (or another record of the same entity) was proposed, also against an --existing database.
const partyIdOf = (index: number) => `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
const indexOfPartyId = (id: string) => (id.startsWith('00000000-0000-4000-8000-') ? parseInt(id.slice(24), 16) : -1);

const t0 = Date.now();
await prepareDatabase(database);
const records = generateParties({ rows: size, seed: 7 });
const frequency = new Map<string, number>();
// --existing NAME: a database an earlier --keep run loaded with the same seed; only look up.
if (!existing) {
// Bulk load without the trigram index, then build it: how a migration of the old records would run.
await database.db.execute(sql`drop index if exists party_names_core_trgm`);
await database.db.execute(sql`drop index if exists name_tokens_trgm`);
const now = new Date();
const batch = 2000;
for (let i = 0; i < records.length; i += batch) {
  const slice = records.slice(i, i + batch).map((r, j) => ({ r, id: partyIdOf(i + j), n: normaliseName(r.name, { legalForms: r.kind === 'organisation' }) }));
  await database.db.insert(parties).values(
    slice.map(({ r, id }) => ({ id, kind: r.kind, displayName: r.name, country: r.country || null, dateOfBirth: r.dateOfBirth || null, createdAt: now, version: 1 })),
  );
  await database.db.insert(partyNames).values(slice.map(({ id, r, n }) => ({ id: randomUUID(), partyId: id, name: r.name, core: n.core, key: n.key, alternativeKey: n.alternativeKey })));
  const postings = slice.flatMap(({ id, n }) => [...new Set(n.tokens.filter((t) => t.length >= 2))].map((token) => ({ token, partyId: id })));
  for (const { token } of postings) frequency.set(token, (frequency.get(token) ?? 0) + 1);
  if (postings.length) await database.db.insert(partyNameTokens).values(postings);
  const withIds = slice.filter(({ r }) => r.identifier);
  if (withIds.length) {
    await database.db.insert(partyIdentifiers).values(
      withIds.map(({ id, r }) => ({ id: randomUUID(), partyId: id, kind: 'other', country: r.country || null, value: r.identifier, normalised: normaliseIdentifier('other', r.country || null, r.identifier) })),
    );
  }
  if ((i / batch) % 50 === 0) process.stderr.write(`\rloaded ${i.toLocaleString('en-GB')} of ${size.toLocaleString('en-GB')}`);
}
const vocabulary = [...frequency].map(([token, n]) => ({ token, frequency: n }));
for (let i = 0; i < vocabulary.length; i += 5000) await database.db.insert(nameTokens).values(vocabulary.slice(i, i + 5000));
await database.db.execute(sql`create index party_names_core_trgm on party_names using gin (core gin_trgm_ops)`);
await database.db.execute(sql`create index name_tokens_trgm on name_tokens using gin (token gin_trgm_ops)`);
await database.db.execute(sql`analyze`);
}
const loadSeconds = (Date.now() - t0) / 1000;
process.stderr.write(`\rloaded ${size.toLocaleString('en-GB')} parties in ${loadSeconds.toFixed(0)} s\n`);

const service = partiesService(database.db);
const step = Math.max(1, Math.floor(records.length / lookups));
// Each looked-up name has a typo in one word, so the fuzzy path is exercised, not only exact keys.
const random = seededRandom(99);
const queries = Array.from({ length: lookups }, (_, i) => {
  const index = (i * step + 13) % records.length;
  const record = records[index]!;
  const words = record.name.split(' ');
  const at = Math.floor(random() * words.length);
  words[at] = typo(words[at]!, random);
  return { ...record, name: words.join(' '), index };
});
const time = async (work: () => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
for (const q of queries.slice(0, 20)) await service.findMatches({ kind: q.kind, name: q.name, country: q.country || null }); // warm-up
const baseline: number[] = [];
const lookup: number[] = [];
let found = 0;
const recall = { own: 0, ownMatch: 0, ownPossible: 0, entity: 0, entityFirst: 0 };
for (const q of queries) {
  baseline.push(await time(() => database.db.execute(sql`select 1`)));
  let proposals: Awaited<ReturnType<typeof service.findMatches>> = [];
  lookup.push(
    await time(async () => {
      proposals = await service.findMatches({ kind: q.kind, name: q.name, country: q.country || null, dateOfBirth: q.dateOfBirth || null, postcode: q.postcode || null, address: q.address || null });
    }),
  );
  if (proposals.length) found += 1;
  const own = proposals.find((p) => p.partyId === partyIdOf(q.index));
  if (own) {
    recall.own += 1;
    if (own.score.classification === 'match') recall.ownMatch += 1;
    else recall.ownPossible += 1;
  }
  const ofEntity = proposals.map((p) => records[indexOfPartyId(p.partyId)]?.entity === q.entity);
  if (ofEntity.includes(true)) recall.entity += 1;
  if (ofEntity[0] === true) recall.entityFirst += 1;
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
console.log(`Database: ${url ? 'PostgreSQL 15 server' : 'PGlite (in-process)'}; ${size.toLocaleString('en-GB')} parties, ${existing ? 'existing' : frequency.size.toLocaleString('en-GB')} distinct name words (load and index: ${loadSeconds.toFixed(0)} s); ${lookups} lookups, ${found} with a proposal.`);
console.log('| measure | p50 ms | p95 ms | p99 ms |');
console.log('|---|---|---|---|');
console.log(`| \`select 1\` round trip (baseline) | ${pct(baseline, 50).toFixed(2)} | ${pct(baseline, 95).toFixed(2)} | ${pct(baseline, 99).toFixed(2)} |`);
console.log(`| findMatches (one name) | ${pct(lookup, 50).toFixed(2)} | ${pct(lookup, 95).toFixed(2)} | ${pct(lookup, 99).toFixed(2)} |`);
console.log('');
console.log('| recall (of the lookups) | lookups |');
console.log('|---|---|');
console.log(`| with any proposal | ${found} / ${lookups} |`);
console.log(`| the record it was made from proposed | ${recall.own} / ${lookups} (${recall.ownMatch} as a match, ${recall.ownPossible} as possible) |`);
console.log(`| a record of the same entity proposed | ${recall.entity} / ${lookups} |`);
console.log(`| the first proposal of the same entity | ${recall.entityFirst} / ${lookups} |`);
await cleanup();
