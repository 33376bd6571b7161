/**
 * Compares what two databases record, leaving out when (`recordDigest`: every event's stream,
 * version, type, payload and actor, and every read table without its timestamps):
 *
 *   npx tsx bench/legacy-import/compare.ts postgres://…/import_bench_a postgres://…/import_bench_b
 *
 * For an import stopped by `kill -9` and run again against an uninterrupted one, at sizes the test
 * suite does not reach. Exits 1 when they differ, naming the tables.
 */
import { projectors } from '../../src/app.js';
import { openPostgres } from '../../src/platform/database/client.js';
import { recordDigest } from '../../src/platform/projections/digest.js';

const [first, second] = process.argv.slice(2);
if (!first || !second) throw new Error('Give two PostgreSQL URLs');
const digests = [];
for (const url of [first, second]) {
  const database = openPostgres(url, 2);
  try {
    digests.push(await recordDigest(database.db, projectors));
  } finally {
    await database.close();
  }
}
const [a, b] = digests as [Awaited<ReturnType<typeof recordDigest>>, Awaited<ReturnType<typeof recordDigest>>];
const differing = Object.keys(a.tables).filter((table) => a.tables[table] !== b.tables[table]);
console.log(`events: ${a.eventCount} and ${b.eventCount}, ${a.events === b.events ? 'the same' : 'DIFFERENT'}`);
console.log(differing.length ? `tables that differ: ${differing.join(', ')}` : `all ${Object.keys(a.tables).length} read tables the same`);
if (a.events !== b.events || differing.length) process.exitCode = 1;
