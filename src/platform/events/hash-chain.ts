import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  // Written with loops, not map/filter/join: every event appended is hashed through here.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += canonicalJson(v === undefined ? null : v);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders strings by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  payload: unknown;
  actorId: string;
  actorName: string;
  occurredAt: Date;
  idempotencyKey: string | null;
  previousHash: string;
}

export function eventHash(e: ChainedFields): string {
  const body = canonicalJson([
    e.seq,
    e.streamId,
    e.streamType,
    e.version,
    e.type,
    e.payload,
    e.actorId,
    e.actorName,
    e.occurredAt.toISOString(),
    e.idempotencyKey,
    e.previousHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The hash of an event in its stream's chain: its contents and the hash of the stream's previous
 * version. The global position (`seq`) is not part of it — the anchors cover that — so appending
 * needs nothing but the stream's own last event.
 */
export function streamEventHash(e: Omit<ChainedFields, 'seq'>): string {
  const body = canonicalJson([
    'v2',
    e.streamId,
    e.streamType,
    e.version,
    e.type,
    e.payload,
    e.actorId,
    e.actorName,
    e.occurredAt.toISOString(),
    e.idempotencyKey,
    e.previousHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

export function hmacSha256(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
