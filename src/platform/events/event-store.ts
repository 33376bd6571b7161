import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../database/client.js';
import { events } from './schema.js';
import { GENESIS_HASH, eventHash } from './hash-chain.js';
import { assertCatalogued } from './catalogue-check.js';
import type { CataloguedEvent } from '../../domain/events.js';

export interface Actor {
  id: string;
  name: string;
  roles: readonly string[];
}

/** An event to append: one of the event catalogue's (src/domain/events.ts), with its payload. */
export type NewEvent = CataloguedEvent;

export interface StoredEvent {
  seq: number;
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  payload: Record<string, unknown>;
  actorId: string;
  actorName: string;
  occurredAt: Date;
}

/** A fixed advisory lock number: every append takes it, so the global chain has one order. */
const CHAIN_LOCK = 727_001;

export async function lockChain(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

export async function streamVersion(tx: Db, streamId: string): Promise<number> {
  const [row] = await tx
    .select({ version: events.version })
    .from(events)
    .where(eq(events.streamId, streamId))
    .orderBy(desc(events.version))
    .limit(1);
  return row?.version ?? 0;
}

/**
 * Appends events to a stream at the version the caller last saw. Must run inside a transaction that
 * has called `lockChain`. Returns the stream's new version.
 */
export async function appendEvents(
  tx: Db,
  args: {
    streamId: string;
    streamType: string;
    expectedVersion: number;
    events: NewEvent[];
    actor: Actor;
    occurredAt: Date;
    idempotencyKey?: string | undefined;
  },
): Promise<number> {
  assertCatalogued(args.streamType, args.events);
  const [last] = await tx.select({ seq: events.seq, hash: events.hash }).from(events).orderBy(desc(events.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let previousHash = last?.hash ?? GENESIS_HASH;
  let version = args.expectedVersion;
  const rows = args.events.map((e) => {
    seq += 1;
    version += 1;
    const fields = {
      seq,
      streamId: args.streamId,
      streamType: args.streamType,
      version,
      type: e.type,
      payload: JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>,
      actorId: args.actor.id,
      actorName: args.actor.name,
      occurredAt: args.occurredAt,
      idempotencyKey: args.idempotencyKey ?? null,
      previousHash,
    };
    const hash = eventHash(fields);
    previousHash = hash;
    return { ...fields, hash };
  });
  if (rows.length > 0) await tx.insert(events).values(rows);
  return version;
}

export async function readStream(db: Db, streamId: string): Promise<StoredEvent[]> {
  const rows = await db.select().from(events).where(eq(events.streamId, streamId)).orderBy(asc(events.version));
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}

export interface ChainBreak {
  seq: number;
  streamId: string;
  version: number;
  problem: string;
}

/** Walks the whole chain in order and names the first broken link, if any. */
export async function verifyChain(
  db: Db,
  onProgress?: (checked: number) => void,
): Promise<{ checked: number; firstBreak: ChainBreak | null }> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  const batch = 5000;
  for (;;) {
    const rows = await db.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(batch);
    if (rows.length === 0) break;
    for (const r of rows) {
      const at = { seq: r.seq, streamId: r.streamId, version: r.version };
      if (r.seq !== expectedSeq) {
        return { checked, firstBreak: { ...at, problem: `event ${expectedSeq} is missing from the chain` } };
      }
      if (r.previousHash !== previousHash) {
        return {
          checked,
          firstBreak: { ...at, problem: `its previous hash does not match the hash of event ${r.seq - 1}` },
        };
      }
      const recomputed = eventHash({ ...r, idempotencyKey: r.idempotencyKey ?? null });
      if (recomputed !== r.hash) {
        return { checked, firstBreak: { ...at, problem: 'its contents do not match its hash (the event was edited)' } };
      }
      previousHash = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    after = rows[rows.length - 1]!.seq;
    onProgress?.(checked);
  }
  return { checked, firstBreak: null };
}

export async function eventsOfType(db: Db, streamId: string, type: string): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.streamId, streamId), eq(events.type, type)))
    .orderBy(asc(events.version));
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}
