import { pgTable, bigint, text, integer, jsonb, timestamp, uniqueIndex, index, primaryKey } from 'drizzle-orm/pg-core';

/**
 * The append-only event log: the audit trail and every case timeline. `seq` is the position in one
 * global hash chain (each event's hash covers its contents and the previous event's hash), so an edit
 * or deletion anywhere shows up in `cordon audit verify`.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
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
  },
  (t) => [uniqueIndex('events_stream_version').on(t.streamId, t.version), index('events_type').on(t.type)],
);

/** What a command answered the first time it ran with an idempotency key, so a repeat answers the same. */
export const commandResults = pgTable(
  'command_results',
  {
    command: text('command').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    result: jsonb('result').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.command, t.idempotencyKey] })],
);
