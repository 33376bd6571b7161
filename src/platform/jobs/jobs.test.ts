import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { openPostgres, type Database } from '../database/client.js';
import { SettableClock } from '../clock.js';
import { DEFAULT_LEASE_MS, DEFAULT_MAX_ATTEMPTS, DONE_KEPT_MS, JobRunner, RETRY_DELAYS_MS, enqueueJob, periodOf, type JobKind } from './queue.js';
import { jobs } from './schema.js';

/*
 * The queue on its own, with kinds made up here. "Two processes" are two runners on one database:
 * on PostgreSQL (DATABASE_URL) each with its own pool of connections, on PGlite sharing the one.
 */

let database: Database;
let other: Database;
const clock = new SettableClock();

beforeAll(async () => {
  database = await createTestDatabase();
  // A second process's pool on the same PostgreSQL database (the test database has no password to hide).
  other = database.kind === 'postgres' ? openPostgres(database.location, 5) : database;
});
afterAll(async () => {
  if (other !== database) await other.close();
  await database?.close();
});
beforeEach(async () => {
  clock.set(new Date('2026-12-04T18:20:00Z'));
  await database.db.delete(jobs);
});

const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

/** A kind that counts its runs by payload, failing the first `failures` runs of each. */
function counting(failures = 0): JobKind & { runs: Map<string, number> } {
  const runs = new Map<string, number>();
  return {
    runs,
    async run(payload) {
      const key = String(payload.n ?? payload.period);
      runs.set(key, (runs.get(key) ?? 0) + 1);
      // Let the other runner in between (on PGlite both share one connection).
      await new Promise((resolve) => setImmediate(resolve));
      if (runs.get(key)! <= failures) throw new Error(`failure ${runs.get(key)} of ${key}`);
    },
  };
}

describe('queueing', () => {
  it('adds a job once per unique key, whatever state the first one is in', async () => {
    const now = clock.now();
    expect(await enqueueJob(database.db, { kind: 'k', payload: { n: 1 }, uniqueKey: 'k:1' }, now)).toBe(true);
    expect(await enqueueJob(database.db, { kind: 'k', payload: { n: 1 }, uniqueKey: 'k:1' }, now)).toBe(false);
    const runner = new JobRunner(database.db, { clock, kinds: { k: counting() } });
    expect(await runner.runUntilIdle()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await runner.enqueue({ kind: 'k', payload: { n: 1 }, uniqueKey: 'k:1' })).toBe(false);
    expect(await runner.runUntilIdle()).toEqual({ done: 0, retried: 0, failed: 0 });
    // Jobs without a key are all kept.
    expect(await runner.enqueue({ kind: 'k', payload: { n: 2 } })).toBe(true);
    expect(await runner.enqueue({ kind: 'k', payload: { n: 2 } })).toBe(true);
    expect((await database.db.select().from(jobs)).length).toBe(3);
  });

  it('runs a job no earlier than its time, and leaves kinds it does not know to the runners that do', async () => {
    const kind = counting();
    const runner = new JobRunner(database.db, { clock, kinds: { k: kind } });
    await runner.enqueue({ kind: 'k', payload: { n: 'later' }, runAt: new Date(clock.now().getTime() + 60_000) });
    await runner.enqueue({ kind: 'unknown-here', payload: { n: 'other' } });
    expect((await runner.runUntilIdle()).done).toBe(0);
    later(60_000);
    expect((await runner.runUntilIdle()).done).toBe(1);
    expect([...kind.runs.keys()]).toEqual(['later']);
    expect((await runner.waiting()).map((job) => job.kind)).toEqual(['unknown-here']);
  });
});

describe('two processes', () => {
  it('run each of many jobs exactly once between them', async () => {
    const kind = counting();
    const a = new JobRunner(database.db, { clock, kinds: { k: kind }, name: 'a' });
    const b = new JobRunner(other.db, { clock, kinds: { k: kind }, name: 'b' });
    for (let n = 0; n < 40; n++) await a.enqueue({ kind: 'k', payload: { n }, uniqueKey: `k:${n}` });
    const [ranA, ranB] = await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    expect(ranA.done + ranB.done).toBe(40);
    expect(kind.runs.size).toBe(40);
    expect([...kind.runs.values()].every((runs) => runs === 1)).toBe(true);
    const rows = await database.db.select().from(jobs);
    expect(rows.every((row) => row.state === 'done' && row.attempts === 1)).toBe(true);
  });

  it('run the hourly check once when both queue it for the hour, and again the next hour', async () => {
    const kind = counting();
    const schedules = [{ kind: 'hourly-check', every: 'hour' as const }];
    const a = new JobRunner(database.db, { clock, kinds: { 'hourly-check': kind }, schedules, name: 'a' });
    const b = new JobRunner(other.db, { clock, kinds: { 'hourly-check': kind }, schedules, name: 'b' });
    await Promise.all([a.enqueueScheduled(), b.enqueueScheduled()]);
    await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    // A process started later in the same hour queues it again: still once.
    const c = new JobRunner(other.db, { clock, kinds: { 'hourly-check': kind }, schedules, name: 'c' });
    await c.enqueueScheduled();
    await Promise.all([a.runUntilIdle(), c.runUntilIdle()]);
    expect(kind.runs.get('2026-12-04T18')).toBe(1);
    later(3_600_000);
    await Promise.all([a.enqueueScheduled(), b.enqueueScheduled(), c.enqueueScheduled()]);
    await Promise.all([a.runUntilIdle(), b.runUntilIdle(), c.runUntilIdle()]);
    expect(Object.fromEntries(kind.runs)).toEqual({ '2026-12-04T18': 1, '2026-12-04T19': 1 });
    const keys = (await database.db.select({ key: jobs.uniqueKey }).from(jobs).where(like(jobs.uniqueKey, 'hourly-check:%'))).map((row) => row.key).sort();
    expect(keys).toEqual(['hourly-check:2026-12-04T18', 'hourly-check:2026-12-04T19']);
    expect(periodOf(new Date('2026-12-04T18:59:59Z'), 'day')).toBe('2026-12-04');
  });

  it('leave a job another process is running alone until its lease runs out, then take it over', async () => {
    let release!: () => void;
    const stuck: JobKind = { run: () => new Promise<void>((resolve) => (release = resolve)) };
    const kind = counting();
    const a = new JobRunner(database.db, { clock, kinds: { k: stuck }, name: 'a' });
    const b = new JobRunner(other.db, { clock, kinds: { k: kind }, name: 'b' });
    await a.enqueue({ kind: 'k', payload: { n: 'slow' } });
    const running = a.runOne();
    // a has claimed it (its lease is written before the job runs).
    while ((await database.db.select().from(jobs).where(eq(jobs.lockedBy, 'a'))).length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await b.runUntilIdle()).toEqual({ done: 0, retried: 0, failed: 0 });
    // a's process is as good as dead: past the lease, b runs it.
    later(DEFAULT_LEASE_MS + 1000);
    expect((await b.runUntilIdle()).done).toBe(1);
    // a wakes up: its lease was taken, so it changes nothing.
    release();
    await running;
    const [row] = await database.db.select().from(jobs);
    expect(row).toMatchObject({ state: 'done', lockedBy: 'b', attempts: 2 });
  });
});

describe('failures', () => {
  it('are tried again after growing delays and then succeed', async () => {
    const kind = counting(2);
    const runner = new JobRunner(database.db, { clock, kinds: { k: kind } });
    await runner.enqueue({ kind: 'k', payload: { n: 1 } });
    expect(await runner.runUntilIdle()).toEqual({ done: 0, retried: 1, failed: 0 });
    let [row] = await database.db.select().from(jobs);
    expect(row!.runAt.getTime() - clock.now().getTime()).toBeGreaterThan(RETRY_DELAYS_MS[0]! - 5_000);
    expect(row!.lastError).toBe('failure 1 of 1');
    // Not before its time.
    later(RETRY_DELAYS_MS[0]! - 10_000);
    expect(await runner.runUntilIdle()).toEqual({ done: 0, retried: 0, failed: 0 });
    later(10_000);
    expect(await runner.runUntilIdle()).toEqual({ done: 0, retried: 1, failed: 0 });
    [row] = await database.db.select().from(jobs);
    // The second delay is longer than the first.
    expect(row!.runAt.getTime() - clock.now().getTime()).toBeGreaterThan(RETRY_DELAYS_MS[0]!);
    later(RETRY_DELAYS_MS[0]!);
    expect((await runner.runUntilIdle()).done).toBe(0);
    later(RETRY_DELAYS_MS[1]!);
    expect(await runner.runUntilIdle()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(kind.runs.get('1')).toBe(3);
    [row] = await database.db.select().from(jobs);
    expect(row).toMatchObject({ state: 'done', attempts: 3 });
  });

  it('end as failed after the last attempt, are listed, and can be queued again', async () => {
    const kind = counting(Number.POSITIVE_INFINITY);
    const runner = new JobRunner(database.db, { clock, kinds: { k: kind } });
    await runner.enqueue({ kind: 'k', payload: { n: 'doomed' }, uniqueKey: 'k:doomed' });
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS + 2; attempt++) {
      const run = await runner.runUntilIdle();
      outcomes.push(run.failed ? 'failed' : run.retried ? 'retried' : 'nothing');
      later(RETRY_DELAYS_MS.at(-1)!);
    }
    expect(outcomes).toEqual([...Array<string>(DEFAULT_MAX_ATTEMPTS - 1).fill('retried'), 'failed', 'nothing', 'nothing']);
    expect(kind.runs.get('doomed')).toBe(DEFAULT_MAX_ATTEMPTS);
    const failed = await runner.failed();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: 'k', state: 'failed', attempts: DEFAULT_MAX_ATTEMPTS, lastError: `failure ${DEFAULT_MAX_ATTEMPTS} of doomed` });
    expect(await runner.counts()).toEqual({ queued: 0, done: 0, failed: 1 });
    // Its key stays taken: the same work is not queued again behind the administrator's back.
    expect(await runner.enqueue({ kind: 'k', payload: { n: 'doomed' }, uniqueKey: 'k:doomed' })).toBe(false);

    expect(await runner.retry(failed[0]!.id)).toBe(true);
    expect(await runner.retry(failed[0]!.id)).toBe(false);
    expect(await runner.failed()).toHaveLength(0);
    expect(await runner.runUntilIdle()).toEqual({ done: 0, retried: 1, failed: 0 });
  });
});

describe('old jobs', () => {
  it('are deleted when done more than 30 days ago; failed and waiting ones stay', async () => {
    const runner = new JobRunner(database.db, { clock, kinds: { k: counting(), bad: counting(Number.POSITIVE_INFINITY) } });
    await runner.enqueue({ kind: 'k', payload: { n: 'old' }, uniqueKey: 'k:old' });
    await runner.enqueue({ kind: 'bad', payload: { n: 'bad' }, maxAttempts: 1 });
    await runner.runUntilIdle();
    later(DONE_KEPT_MS - 60_000);
    await runner.enqueue({ kind: 'k', payload: { n: 'new' }, uniqueKey: 'k:new' });
    await runner.runUntilIdle();
    await runner.enqueue({ kind: 'k', payload: { n: 'waiting' }, runAt: new Date(clock.now().getTime() + DONE_KEPT_MS * 2) });
    expect(await runner.prune()).toBe(0);
    later(120_000);
    expect(await runner.prune()).toBe(1);
    const left = await database.db.select({ key: jobs.uniqueKey, state: jobs.state, kind: jobs.kind }).from(jobs);
    expect(left.map((row) => `${row.kind} ${row.state} ${row.key}`).sort()).toEqual(['bad failed null', 'k done k:new', 'k queued null']);
  });
});

describe('the poller', () => {
  it('queues the schedules and runs what is due until stopped', async () => {
    const kind = counting();
    const runner = new JobRunner(database.db, { clock, kinds: { 'hourly-check': kind }, schedules: [{ kind: 'hourly-check', every: 'hour' }] });
    runner.start({ everyMs: 10 });
    while (!kind.runs.size) await new Promise((resolve) => setTimeout(resolve, 5));
    await runner.stop();
    expect(Object.fromEntries(kind.runs)).toEqual({ '2026-12-04T18': 1 });
  });
});
