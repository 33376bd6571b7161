import { createHash } from 'node:crypto';
import { and, asc, desc, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../database/client.js';
import { rowsOf } from '../database/client.js';
import { GENESIS_HASH, canonicalJson, eventHash, hmacSha256, sha256, streamEventHash } from './hash-chain.js';
import { eventAnchors, events } from './schema.js';

/**
 * The log's order and completeness without a lock on every write.
 *
 * Each stream chains its own events (see `appendEvents`). The sealer chains the whole log: every few
 * seconds it takes the transactions that can no longer be joined by an earlier one — those with ids
 * below the oldest transaction still running (`pg_snapshot_xmin`) — and writes an anchor over their
 * events (a digest of each event's position and hash, in position order, and each stream's newest
 * version), chained to the previous anchor and signed with the audit secret. `verifyLog` re-walks
 * every stream and every anchor: an edited event breaks its stream's chain, a deleted one leaves a
 * gap in its stream or, if it was the newest, falls short of the version its anchor names, and an
 * inserted one changes its anchor's digest. Only events committed since the last anchor (seconds)
 * are covered by their stream's chain alone.
 */

/** Only one sealer at a time, across processes; a busy sealer is skipped, never waited for. */
const SEAL_LOCK = 727_002;
const BATCH = 5000;

export interface Anchor {
  number: number;
  fromXid: number;
  toXid: number;
  eventCount: number;
  digest: string;
  /** [streamId, newest version] of every stream the anchor's events belong to. */
  heads: [string, number][];
  previousHash: string;
  hash: string;
  mac: string;
  sealedAt: Date;
}

function anchorHash(a: Pick<Anchor, 'number' | 'previousHash' | 'fromXid' | 'toXid' | 'eventCount' | 'digest' | 'heads'>): string {
  return sha256(canonicalJson([a.number, a.previousHash, a.fromXid, a.toXid, a.eventCount, a.digest, a.heads]));
}

/** Events whose transaction ids fall in [fromXid, toXid), in position order; events written before anchoring count as 0. */
function inRange(fromXid: number, toXid: number) {
  const ranged = and(sql`${events.xid} >= ${fromXid}`, sql`${events.xid} < ${toXid}`);
  return fromXid === 0 ? sql`(${isNull(events.xid)} or ${ranged})` : ranged!;
}

async function digestOf(db: Db, fromXid: number, toXid: number): Promise<{ digest: string; count: number; heads: [string, number][] }> {
  const hasher = createHash('sha256');
  const heads = new Map<string, number>();
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ seq: events.seq, streamId: events.streamId, version: events.version, hash: events.hash })
      .from(events)
      .where(and(inRange(fromXid, toXid), gt(events.seq, after)))
      .orderBy(asc(events.seq))
      .limit(BATCH);
    for (const r of rows) {
      hasher.update(`${r.seq}:${r.hash}\n`);
      heads.set(r.streamId, Math.max(heads.get(r.streamId) ?? 0, r.version));
      count += 1;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  const sortedHeads = [...heads.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { digest: hasher.digest('hex'), count, heads: sortedHeads };
}

/**
 * Seals every event whose transaction has finished and is not yet anchored. Returns the new anchor,
 * or null when there was nothing to seal or another process was sealing.
 */
export async function sealEvents(db: Db, secret: string, now: Date = new Date()): Promise<Anchor | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ got: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as got`));
    if (!lock?.got) return null;
    const [last] = await tx.select().from(eventAnchors).orderBy(desc(eventAnchors.number)).limit(1);
    const [horizon] = rowsOf<{ xmin: string | number }>(
      await tx.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin`),
    );
    const fromXid = last?.toXid ?? 0;
    const toXid = Number(horizon!.xmin);
    if (toXid <= fromXid) return null;
    const { digest, count, heads } = await digestOf(tx, fromXid, toXid);
    if (count === 0) return null;
    const fields = { number: (last?.number ?? 0) + 1, previousHash: last?.hash ?? GENESIS_HASH, fromXid, toXid, eventCount: count, digest, heads };
    const hash = anchorHash(fields);
    const anchor: Anchor = { ...fields, hash, mac: hmacSha256(secret, hash), sealedAt: now };
    await tx.insert(eventAnchors).values(anchor);
    return anchor;
  });
}

/** Seals every few seconds until stopped; a failed round is logged and retried on the next. */
export function startSealing(db: Db, secret: string, options: { everyMs: number; onError?: (error: unknown) => void }): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => sealEvents(db, secret)).catch((error) => options.onError?.(error));
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      // What was written up to now is sealed before the process goes.
      await sealEvents(db, secret).catch((error) => options.onError?.(error));
    },
  };
}

export interface AuditProblem {
  /** The event at fault, where one can be named. */
  seq?: number;
  streamId?: string;
  version?: number;
  anchor?: number;
  problem: string;
}

export interface AuditReport {
  /** Events whose chain was checked. */
  checked: number;
  anchors: number;
  /** Events committed since the last anchor: covered by their stream's chain until the next seal. */
  unanchored: number;
  problems: AuditProblem[];
  /** The first problem, or null when the log is intact. */
  firstBreak: AuditProblem | null;
}

const MAX_PROBLEMS = 50;

/**
 * Walks the log: the global chain of events written before anchoring, every stream's chain, and
 * every anchor (its signature, its link to the previous one, its digest and the streams' heads).
 */
export async function verifyLog(db: Db, secret: string, onProgress?: (checked: number) => void): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const report = (p: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let checked = 0;

  // 1. Events written before the per-stream chain: one global chain, in position order, from 1.
  {
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    let after = 0;
    outer: for (;;) {
      const rows = await db.select().from(events).where(and(isNull(events.xid), gt(events.seq, after))).orderBy(asc(events.seq)).limit(BATCH);
      for (const r of rows) {
        const at = { seq: r.seq, streamId: r.streamId, version: r.version };
        if (r.seq !== expectedSeq) {
          report({ ...at, problem: `event ${expectedSeq} is missing from the chain` });
          break outer;
        }
        if (r.previousHash !== previousHash) {
          report({ ...at, problem: `its previous hash does not match the hash of event ${r.seq - 1}` });
          break outer;
        }
        if (eventHash({ ...r, idempotencyKey: r.idempotencyKey ?? null }) !== r.hash) {
          report({ ...at, problem: 'its contents do not match its hash (the event was edited)' });
          break outer;
        }
        previousHash = r.hash;
        expectedSeq += 1;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.seq;
    }
  }

  // 2. Every stream, in version order: versions 1..n without a gap, each linked to the one before.
  const streamHeads = new Map<string, number>();
  {
    let afterStream = '';
    let afterVersion = 0;
    let current = { streamId: '', version: 0, hash: GENESIS_HASH };
    for (;;) {
      const rows = await db
        .select()
        .from(events)
        .where(sql`(${events.streamId}, ${events.version}) > (${afterStream}, ${afterVersion})`)
        .orderBy(asc(events.streamId), asc(events.version))
        .limit(BATCH);
      for (const r of rows) {
        if (r.streamId !== current.streamId) current = { streamId: r.streamId, version: 0, hash: GENESIS_HASH };
        const at = { seq: r.seq, streamId: r.streamId, version: r.version };
        if (r.version !== current.version + 1) {
          report({ ...at, problem: `version ${current.version + 1} of the stream is missing (an event was deleted)` });
        } else if (r.xid !== null) {
          if (r.previousHash !== current.hash) {
            report({ ...at, problem: `its previous hash does not match the hash of version ${r.version - 1} of its stream` });
          } else if (streamEventHash({ ...r, idempotencyKey: r.idempotencyKey ?? null }) !== r.hash) {
            report({ ...at, problem: 'its contents do not match its hash (the event was edited)' });
          }
        }
        current = { streamId: r.streamId, version: r.version, hash: r.hash };
        streamHeads.set(r.streamId, r.version);
        checked += 1;
      }
      onProgress?.(checked);
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1]!;
      afterStream = last.streamId;
      afterVersion = last.version;
    }
  }

  // 3. The anchors: signed, chained, and each still matching the events it sealed.
  const anchors = await db.select().from(eventAnchors).orderBy(asc(eventAnchors.number));
  let previous = { number: 0, hash: GENESIS_HASH, toXid: 0 };
  for (const a of anchors) {
    const anchor = { ...a, heads: a.heads as [string, number][] };
    const at = { anchor: a.number };
    if (a.number !== previous.number + 1) report({ ...at, problem: `anchor ${previous.number + 1} is missing` });
    if (hmacSha256(secret, a.hash) !== a.mac) {
      report({ ...at, problem: `anchor ${a.number} is not signed with this audit secret: the anchors were rewritten, or CORDON_AUDIT_SECRET is not the one the service used` });
    }
    if (a.previousHash !== previous.hash || a.fromXid !== previous.toXid) report({ ...at, problem: `anchor ${a.number} does not follow anchor ${previous.number}` });
    if (anchorHash(anchor) !== a.hash) report({ ...at, problem: `anchor ${a.number} does not match its own hash (it was edited)` });
    const now = await digestOf(db, a.fromXid, a.toXid);
    if (now.count !== a.eventCount) {
      report({ ...at, problem: `anchor ${a.number} sealed ${a.eventCount} events and ${now.count} are there now: events were ${now.count < a.eventCount ? 'deleted' : 'inserted'}` });
    } else if (now.digest !== a.digest) {
      report({ ...at, problem: `the events anchor ${a.number} sealed were edited, renumbered or replaced` });
    }
    for (const [streamId, version] of anchor.heads) {
      const head = streamHeads.get(streamId) ?? 0;
      if (head < version) {
        report({ ...at, streamId, version, problem: `its stream reached version ${version} when anchor ${a.number} was sealed but now ends at version ${head}: the newest events were deleted` });
      }
    }
    previous = { number: a.number, hash: a.hash, toXid: a.toXid };
  }

  // 4. What the anchors do not cover yet, and events that claim a transaction that has not happened.
  const [pending] = rowsOf<{ unanchored: string | number; future: string | number }>(
    await db.execute(sql`select
        count(*) filter (where coalesce(${events.xid}, 0) >= ${previous.toXid}) as unanchored,
        count(*) filter (where ${events.xid} >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint) as future
      from ${events}`),
  );
  if (Number(pending?.future ?? 0) > 0) {
    const [odd] = await db.select().from(events).where(sql`${events.xid} >= pg_snapshot_xmax(pg_current_snapshot())::text::bigint`).limit(1);
    report({ seq: odd?.seq, streamId: odd?.streamId, version: odd?.version, problem: 'it names a transaction that has not happened (the event was inserted by hand)' } as AuditProblem);
  }
  return {
    checked,
    anchors: anchors.length,
    unanchored: Number(pending?.unanchored ?? 0),
    problems,
    firstBreak: problems[0] ?? null,
  };
}
