import { createHash } from 'node:crypto';
import { asc, getTableName } from 'drizzle-orm';
import type { Db } from '../database/client.js';
import { canonicalJson } from '../events/hash-chain.js';
import { events } from '../events/schema.js';
import type { Projector } from './projector.js';

/**
 * A digest of what a database records, leaving out when: every event's stream, version, type,
 * payload and actor (not its time, position or hashes, which cover the time), and every projector's
 * table row by row without its timestamps and the log positions it copies (a column `seq` or
 * `…Seq`: a transaction rolled back by a crash still used up its positions). Two databases that recorded the same facts by the same
 * steps — an uninterrupted import and one killed half-way and run again — give the same digests.
 */
export async function recordDigest(db: Db, projectors: readonly Projector[]): Promise<{ events: string; tables: Record<string, string>; eventCount: number }> {
  const eventHash = createHash('sha256');
  let eventCount = 0;
  const rows = await db
    .select({ streamId: events.streamId, version: events.version, type: events.type, payload: events.payload, actorId: events.actorId })
    .from(events)
    .orderBy(asc(events.streamId), asc(events.version));
  for (const row of rows) {
    eventHash.update(`${canonicalJson(row)}\n`);
    eventCount += 1;
  }
  const tables: Record<string, string> = {};
  for (const projector of projectors) {
    for (const table of projector.tables) {
      const all = (await db.select().from(table)) as Record<string, unknown>[];
      const lines = all
        .map((row) => canonicalJson(Object.fromEntries(Object.entries(row).filter(([key, value]) => !(value instanceof Date) && !isLogPosition(key)))))
        .sort();
      tables[getTableName(table)] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }
  }
  return { events: eventHash.digest('hex'), tables, eventCount };
}

/** A column that copies an event's position in the log (`seq`), which differs between two databases recording the same facts. */
function isLogPosition(key: string): boolean {
  return key === 'seq' || key.endsWith('Seq');
}
