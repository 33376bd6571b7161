import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database, Db } from '../database/client.js';
import { NotOneStatement, WriteBatch } from './one-statement.js';
import { commandResults, events } from './schema.js';

/* A table of the test's own, with every kind of column the projectors write. */
const samples = pgTable('one_statement_samples', {
  id: uuid('id').primaryKey(),
  label: text('label').notNull(),
  tags: text('tags').array().notNull(),
  details: jsonb('details'),
  count: integer('count').notNull().default(7),
  made: text('made').$defaultFn(() => 'by default function'),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
});

let database: Database;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.execute(
    sql.raw(`create table one_statement_samples (id uuid primary key, label text not null, tags text[] not null, details jsonb, count integer not null default 7, made text, at timestamptz not null)`),
  );
});
afterAll(async () => database?.close());

const at = new Date('2026-12-04T10:00:00.000Z');
const row = (n: number, extra: Partial<typeof samples.$inferInsert> = {}) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  label: `it's "sample" $1 number ${n}`,
  tags: ['a', 'b,c', '{d}'],
  details: { n, nested: { text: 'x' } },
  at,
  ...extra,
});

describe('a command’s writes as one statement', () => {
  it('keeps an insert exactly as drizzle writes it: columns, defaults, default functions, SQL values and params', async () => {
    const rows = [row(1), row(2, { count: 3, made: null, details: null })];
    const batch = new WriteBatch(db);
    await batch.db.insert(samples).values(rows);
    expect(batch.statement()).toEqual({ text: db.insert(samples).values(rows).toSQL().sql, params: db.insert(samples).values(rows).toSQL().params });

    const event = {
      streamId: 's-1',
      streamType: 'case',
      version: 1,
      type: 'CaseNoteAdded',
      payload: { text: 'x' },
      actorId: 'u1',
      actorName: 'A',
      occurredAt: at,
      idempotencyKey: null,
      previousHash: '0',
      hash: '1',
      xid: sql<number>`pg_current_xact_id()::text::bigint`,
    };
    const events1 = new WriteBatch(db);
    await events1.db.insert(events).values([event, { ...event, version: 2 }]);
    const drizzle = db.insert(events).values([event, { ...event, version: 2 }]).toSQL();
    expect(events1.statement()).toEqual({ text: drizzle.sql, params: drizzle.params });
  });

  it('sends the writes together, each as it would have been sent, the first one the statement’s own', async () => {
    const batch = new WriteBatch(db);
    await batch.db.insert(samples).values(row(3));
    await batch.db.insert(samples).values([row(4), row(5)]);
    await batch.first(() => batch.db.insert(commandResults).values({ command: 'test', idempotencyKey: 'one-statement', requestHash: 'h', result: { ok: 1 }, createdAt: at }));
    const { text } = batch.statement();
    expect(text).toMatch(/^with w1 as \(insert into "one_statement_samples" .*\), w2 as \(insert into "one_statement_samples" .*\) insert into "command_results"/);
    expect(text.indexOf(row(4).id)).toBe(-1); // values are params, never in the text
    await batch.send(db);
    const written = await db.select().from(samples).where(sql`${samples.id} in (${row(3).id}, ${row(4).id}, ${row(5).id})`).orderBy(asc(samples.id));
    expect(written).toEqual([3, 4, 5].map((n) => ({ ...row(n), count: 7, made: 'by default function' })));
    expect(await db.select().from(commandResults).where(eq(commandResults.idempotencyKey, 'one-statement'))).toHaveLength(1);
  });

  it('writes nothing at all when one part fails (a single statement is its own transaction)', async () => {
    const batch = new WriteBatch(db);
    await batch.db.insert(samples).values(row(6));
    await batch.first(() => batch.db.insert(commandResults).values({ command: 'test', idempotencyKey: 'one-statement', requestHash: 'h', result: {}, createdAt: at }));
    await expect(batch.send(db)).rejects.toMatchObject({ code: '23505' });
    expect(await db.select().from(samples).where(eq(samples.id, row(6).id))).toEqual([]);
  });

  it('refuses what one statement cannot do: reads, answers read back, one table written twice', async () => {
    const reads = new WriteBatch(db);
    await expect(reads.db.select().from(samples)).rejects.toBeInstanceOf(NotOneStatement);
    await expect(reads.db.execute(sql`select 1`)).rejects.toBeInstanceOf(NotOneStatement);

    const readsBack = new WriteBatch(db);
    await expect(readsBack.db.insert(samples).values(row(7)).returning({ id: samples.id })).rejects.toBeInstanceOf(NotOneStatement);
    await expect(readsBack.db.update(samples).set({ count: 1 }).where(eq(samples.id, row(7).id)).returning()).rejects.toBeInstanceOf(NotOneStatement);

    // An update would not see the row the insert beside it makes (one snapshot): not one statement.
    const twice = new WriteBatch(db);
    await twice.db.insert(samples).values(row(8));
    await twice.db.update(samples).set({ count: 1 }).where(eq(samples.id, row(8).id));
    expect(() => twice.statement()).toThrow(NotOneStatement);

    // Nor two updates of a table, nor an insert that may meet another on conflict.
    const updates = new WriteBatch(db);
    await updates.db.update(samples).set({ count: 1 }).where(eq(samples.id, row(1).id));
    await updates.db.update(samples).set({ count: 2 }).where(eq(samples.id, row(1).id));
    expect(() => updates.statement()).toThrow(NotOneStatement);
    const onConflict = new WriteBatch(db);
    await onConflict.db.insert(samples).values(row(9));
    await onConflict.db.insert(samples).values(row(9)).onConflictDoNothing();
    expect(() => onConflict.statement()).toThrow(NotOneStatement);

    await expect(new WriteBatch(db).db.transaction(async () => {})).rejects.toBeInstanceOf(NotOneStatement);
    expect(() => new WriteBatch(db).statement()).toThrow(NotOneStatement);
  });

  it('runs the writes in the order they were made, after the statement’s own (PostgreSQL’s order, on which the batch relies)', async () => {
    // Three writes that each fail, by a constraint of their own: the first to run names its own.
    await db.execute(sql.raw(`create table one_statement_order (step text constraint first_ran check (step <> 'first'), constraint second_ran check (step <> 'second'), constraint third_ran check (step <> 'third'))`));
    const order = pgTable('one_statement_order', { step: text('step') });
    const failing = async (steps: string[]) => {
      const batch = new WriteBatch(db);
      for (const step of steps) await batch.db.insert(order).values({ step });
      return batch.send(db).then(
        () => 'none',
        (error: { constraint?: string; cause?: { constraint?: string } }) => error.constraint ?? error.cause?.constraint,
      );
    };
    expect(await failing(['first', 'second', 'third'])).toBe('first_ran');
    expect(await failing(['ok', 'second', 'third'])).toBe('second_ran');
    expect(await failing(['ok', 'ok', 'third'])).toBe('third_ran');
  });
});
