import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database/client.js';
import { events } from './schema.js';
import { rowsFromJson } from '../database/json-rows.js';
import { GENESIS_HASH, streamEventHash } from './hash-chain.js';
import { assertCatalogued, assertCataloguedStored } from './catalogue-check.js';
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
  /** Its hash in the stream's chain (read from the log; absent on an event not yet stored). */
  hash?: string;
}

/** The hash of the stream's event at `version`, from events read in version order, when they reach it. */
export function headHashOf(stream: readonly StoredEvent[], version: number): string | undefined {
  const last = stream[stream.length - 1];
  return last && last.version === version ? last.hash : undefined;
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
 * Appends events to a stream at the version the caller last saw, inside the caller's transaction,
 * and returns the stream's new version. Nothing global is locked: each event chains to the stream's
 * previous version, a concurrent append at the same version fails on the (stream, version) key (the
 * command reports a conflict), and the sealer (`anchors.ts`) chains whole transactions in commit
 * order afterwards.
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
    /** The hash of the event at `expectedVersion`, if the caller has it (it is looked up otherwise). */
    previousHash?: string | undefined;
  },
): Promise<number> {
  assertCatalogued(args.streamType, args.events);
  if (args.events.length === 0) return args.expectedVersion;
  let previousHash = args.expectedVersion === 0 ? GENESIS_HASH : (args.previousHash ?? '');
  if (!previousHash) {
    const [head] = await tx
      .select({ hash: events.hash })
      .from(events)
      .where(and(eq(events.streamId, args.streamId), eq(events.version, args.expectedVersion)));
    if (!head) throw new Error(`Stream ${args.streamId} has no version ${args.expectedVersion} to append after`);
    previousHash = head.hash;
  }
  let version = args.expectedVersion;
  const rows = args.events.map((e) => {
    version += 1;
    const fields = {
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
    const hash = streamEventHash(fields);
    previousHash = hash;
    return { ...fields, hash, xid: CURRENT_TRANSACTION_ID };
  });
  await tx.insert(events).values(rows);
  return version;
}

/** The writing transaction's id, stamped on each event so the sealer knows when it is final. */
const CURRENT_TRANSACTION_ID = sql<number>`pg_current_xact_id()::text::bigint`;

export async function readStream(db: Db, streamId: string): Promise<StoredEvent[]> {
  const rows = await db.select().from(events).where(eq(events.streamId, streamId)).orderBy(asc(events.version));
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}

/** A stream read inside a larger statement as `json_agg(e order by e.version)` (see database/json-rows.ts). */
export function streamFromJson(json: unknown): StoredEvent[] {
  return rowsFromJson(events, json).map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}

export async function eventsOfType(db: Db, streamId: string, type: string): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.streamId, streamId), eq(events.type, type)))
    .orderBy(asc(events.version));
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
}

/** Events per statement of `appendNewStreams`. */
const ROWS_PER_INSERT = 5000;

/**
 * Starts many new streams at once, inside the caller's transaction: each stream's events from
 * version 1, chained from the genesis hash exactly as `appendEvents` chains them, written a few
 * thousand per statement from arrays (`insert … select … from unnest(…)`: one parameter per column,
 * not per value, so building the statement costs next to nothing). For batch work that makes streams
 * nobody else can know yet (the legacy import's cases and parties, by ids derived from their
 * records): a stream that already exists fails on the (stream, version) key and the transaction
 * rolls back. Every event is checked against the catalogue first. Returns the events appended, each
 * payload as stored (for the projectors).
 */
export async function appendNewStreams(
  tx: Db,
  args: { streams: readonly { streamId: string; streamType: string; events: readonly NewEvent[] }[]; actor: Actor; occurredAt: Date },
): Promise<AppendedEvent[]> {
  const columns = { streamId: [] as string[], streamType: [] as string[], version: [] as number[], type: [] as string[], payload: [] as string[], previousHash: [] as string[], hash: [] as string[] };
  const appended: AppendedEvent[] = [];
  for (const stream of args.streams) {
    // Each payload through JSON once: the text stored, and the copy checked, hashed and returned.
    const stored = stream.events.map((e) => {
      const text = JSON.stringify(e.payload);
      return { type: e.type, text, payload: JSON.parse(text) as Record<string, unknown> };
    });
    assertCataloguedStored(stream.streamType, stored);
    let previousHash = GENESIS_HASH;
    let version = 0;
    for (const e of stored) {
      version += 1;
      const hash = streamEventHash({
        streamId: stream.streamId,
        streamType: stream.streamType,
        version,
        type: e.type,
        payload: e.payload,
        actorId: args.actor.id,
        actorName: args.actor.name,
        occurredAt: args.occurredAt,
        idempotencyKey: null,
        previousHash,
      });
      columns.streamId.push(stream.streamId);
      columns.streamType.push(stream.streamType);
      columns.version.push(version);
      columns.type.push(e.type);
      columns.payload.push(e.text);
      columns.previousHash.push(previousHash);
      columns.hash.push(hash);
      appended.push({ streamId: stream.streamId, streamType: stream.streamType, version, type: e.type, payload: e.payload });
      previousHash = hash;
    }
  }
  const total = columns.streamId.length;
  for (let start = 0; start < total; start += ROWS_PER_INSERT) {
    const part = <T>(values: T[]) => values.slice(start, start + ROWS_PER_INSERT);
    await tx.execute(sql`insert into events (stream_id, stream_type, version, type, payload, actor_id, actor_name, occurred_at, idempotency_key, previous_hash, hash, xid)
      select u.stream_id, u.stream_type, u.version, u.type, u.payload::jsonb, ${args.actor.id}, ${args.actor.name}, ${args.occurredAt.toISOString()}::timestamptz, null, u.previous_hash, u.hash, ${CURRENT_TRANSACTION_ID}
      from unnest(${sql.param(part(columns.streamId))}::text[], ${sql.param(part(columns.streamType))}::text[], ${sql.param(part(columns.version))}::int[], ${sql.param(part(columns.type))}::text[], ${sql.param(part(columns.payload))}::text[], ${sql.param(part(columns.previousHash))}::text[], ${sql.param(part(columns.hash))}::text[])
        as u(stream_id, stream_type, version, type, payload, previous_hash, hash)`);
  }
  return appended;
}

/** An event `appendNewStreams` appended: where, and its payload as stored. */
export interface AppendedEvent {
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  payload: Record<string, unknown>;
}
