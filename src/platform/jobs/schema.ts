import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Work to be done once, by one process, after the request that asked for it (an email, a
 * scheduled check). Not part of the record: what a job did is recorded by the command it runs.
 * `unique_key` de-duplicates (one job per letter, one check per hour); a done or failed job keeps
 * its key, so the same work is not queued again.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    uniqueKey: text('unique_key'),
    /** queued (waiting or being run), done, failed (gave up after max_attempts; an administrator may retry). */
    state: text('state').$type<'queued' | 'done' | 'failed'>().notNull().default('queued'),
    /** Not before: the first run, or the next try after a failure. */
    runAt: timestamp('run_at', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** The lease of the process running it: until then no other process claims it. */
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('jobs_unique_key').on(t.uniqueKey), index('jobs_due').on(t.runAt).where(sql`state = 'queued'`), index('jobs_state').on(t.state)],
);

export type JobRow = typeof jobs.$inferSelect;
