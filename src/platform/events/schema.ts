import { sql } from 'drizzle-orm';
import { pgTable, bigint, text, integer, jsonb, timestamp, uniqueIndex, index, primaryKey } from 'drizzle-orm/pg-core';

/**
 * The append-only event log: the audit trail and every case timeline. Each stream is a hash chain
 * (an event's hash covers its contents and the hash of the stream's previous version), and
 * `event_anchors` chains the whole log in commit order, so an edit, insertion or deletion anywhere
 * shows up in `cordon audit verify` without one lock serialising every write. `seq` comes from an
 * identity sequence: it locates an event and orders the log roughly, with gaps where a transaction
 * rolled back. `xid` is the writing transaction's id, by which the sealer knows when an event can
 * no longer be joined by an earlier one. Events written before the per-stream chain (null `xid`)
 * keep the single global chain they were written in.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    streamId: text('stream_id').notNull(),
    streamType: text('stream_type').notNull(),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    idempotencyKey: text('idempotency_key'),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
    xid: bigint('xid', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('events_stream_version').on(t.streamId, t.version),
    // By type and business date (src/modules/insight/families.ts, BUSINESS_KEY, the same
    // expression): a year's searches, cases opened or liability steps without reading every year's.
    // It also serves every look-up by type alone (its first column), so it replaces `events_type`.
    index('events_type_day').on(
      t.type,
      sql`(coalesce(payload->>'noticeDate', payload->>'decidedOn', payload->>'receivedOn', payload->>'on', payload->>'incidentDate', payload->>'searchedAt') collate "C")`,
    ),
    index('events_xid').on(t.xid),
  ],
);

/**
 * The log's anchors: each seals every event committed by the transactions whose ids fall in
 * [from_xid, to_xid), chaining to the anchor before it and signed with the audit secret
 * (`CORDON_AUDIT_SECRET`), kept outside the event table so a rewrite of the events cannot also
 * rewrite the seal without the secret. `heads` names each stream's last version at sealing, so a
 * deleted newest event is named.
 */
export const eventAnchors = pgTable('event_anchors', {
  number: integer('number').primaryKey(),
  fromXid: bigint('from_xid', { mode: 'number' }).notNull(),
  toXid: bigint('to_xid', { mode: 'number' }).notNull(),
  eventCount: integer('event_count').notNull(),
  digest: text('digest').notNull(),
  heads: jsonb('heads').notNull(),
  previousHash: text('previous_hash').notNull(),
  hash: text('hash').notNull(),
  mac: text('mac').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * What a command answered the first time it ran with an idempotency key, so a repeat answers the
 * same. `scope` is whose key it is: a key a client chose belongs to that client (the actor's id), so
 * another client sending the same key gets its own answer, never the first client's; a key the
 * server derives from the record itself (a ledger line, a liability) is shared ('').
 */
export const commandResults = pgTable(
  'command_results',
  {
    command: text('command').notNull(),
    scope: text('scope').notNull().default(''),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    result: jsonb('result').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.command, t.scope, t.idempotencyKey] })],
);
