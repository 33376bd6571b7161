import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../database/client.js';
import { systemClock, type Clock } from '../clock.js';
import { monotonicId } from '../ids.js';
import { jobs, type JobRow } from './schema.js';

export type { JobRow };

/** How long a job waits after its 1st, 2nd, 3rd… failed attempt (the last one repeats). */
export const RETRY_DELAYS_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];
/** Attempts before a job is given up as failed: the first try and one after each delay. */
export const DEFAULT_MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a done job is kept (its unique key with it) before the poller deletes it. */
export const DONE_KEPT_MS = 30 * 86_400_000;
/** How long a claimed job is a process's alone; past it (the process died) another may claim it. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

export interface JobContext {
  /** Now, by the runner's clock, when the attempt began. */
  now: Date;
  /** 1 for the first try. */
  attempt: number;
  jobId: string;
}

/** What runs a kind of job. Throwing is a failed attempt: the job is tried again later, or failed. */
export interface JobKind {
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  maxAttempts?: number;
  /** Growing delays between attempts (default `RETRY_DELAYS_MS`). */
  retryDelaysMs?: readonly number[];
}

/** Work queued once per period across every process (its unique key is the kind and the period). */
export interface Schedule {
  kind: string;
  every: 'hour' | 'day';
}

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  /** Queued once: a second job with the same key (queued, done or failed) is not added. */
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues a job, in the caller's transaction when given one (so it exists exactly when the work that
 * asked for it committed). Answers whether it was added (false: its unique key was taken).
 */
export async function enqueueJob(db: Db, job: NewJob, now: Date): Promise<boolean> {
  const added = await db
    .insert(jobs)
    .values({
      id: monotonicId(),
      kind: job.kind,
      payload: job.payload,
      uniqueKey: job.uniqueKey ?? null,
      state: 'queued',
      runAt: job.runAt ?? now,
      attempts: 0,
      maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      createdAt: now,
    })
    .onConflictDoNothing({ target: jobs.uniqueKey })
    .returning({ id: jobs.id });
  return added.length > 0;
}

/** The period a scheduled job belongs to, in UTC: `2026-12-04T18` for an hour, `2026-12-04` for a day. */
export function periodOf(now: Date, every: Schedule['every']): string {
  return now.toISOString().slice(0, every === 'hour' ? 13 : 10);
}

export interface JobRunnerOptions {
  kinds: Record<string, JobKind>;
  clock?: Clock;
  schedules?: readonly Schedule[];
  leaseMs?: number;
  /** Names this runner in `locked_by` (default: a random id per process). */
  name?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface RunSummary {
  done: number;
  retried: number;
  failed: number;
}

/**
 * Claims due jobs one at a time with `FOR UPDATE SKIP LOCKED` (a job another process is claiming is
 * skipped, not waited for), takes a lease on it and commits, runs it outside any transaction, then
 * marks it done, or queues the next attempt after a growing delay, or gives it up as failed.
 */
export class JobRunner {
  readonly name: string;
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private log: (message: string, error?: unknown) => void;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;
  /** The period each schedule was last queued for by this process (saves an insert every poll). */
  private readonly queuedPeriods = new Map<string, string>();
  /** The hour this process last deleted old done jobs in. */
  private prunedIn = '';

  constructor(
    private readonly db: Db,
    private readonly options: JobRunnerOptions,
  ) {
    this.name = options.name ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.log = options.log ?? (() => {});
  }

  enqueue(job: NewJob, db: Db = this.db): Promise<boolean> {
    return enqueueJob(db, { ...job, maxAttempts: job.maxAttempts ?? this.options.kinds[job.kind]?.maxAttempts }, this.clock.now());
  }

  /** Queues each schedule's job for the current period, once per period across every process. */
  async enqueueScheduled(now: Date = this.clock.now()): Promise<void> {
    for (const schedule of this.options.schedules ?? []) {
      const period = periodOf(now, schedule.every);
      if (this.queuedPeriods.get(schedule.kind) === period) continue;
      await this.enqueue({ kind: schedule.kind, payload: { period }, uniqueKey: `${schedule.kind}:${period}` });
      this.queuedPeriods.set(schedule.kind, period);
    }
  }

  /** Takes the next due job of a kind this runner knows, with a lease; null when none is due. */
  private async claim(now: Date): Promise<JobRow | null> {
    const kinds = Object.keys(this.options.kinds);
    if (kinds.length === 0) return null;
    return this.db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(eq(jobs.state, 'queued'), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now)), inArray(jobs.kind, kinds)))
        .orderBy(asc(jobs.runAt), asc(jobs.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return null;
      const [claimed] = await tx
        .update(jobs)
        .set({ attempts: sql`${jobs.attempts} + 1`, lockedUntil: new Date(now.getTime() + this.leaseMs), lockedBy: this.name })
        .where(eq(jobs.id, due.id))
        .returning();
      return claimed ?? null;
    });
  }

  /** Runs one due job, if there is one: what became of it, or null when nothing was due. */
  async runOne(): Promise<'done' | 'retried' | 'failed' | null> {
    const job = await this.claim(this.clock.now());
    if (!job) return null;
    const kind = this.options.kinds[job.kind]!;
    const mine = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.name), eq(jobs.state, 'queued'));
    try {
      await kind.run(job.payload, { now: this.clock.now(), attempt: job.attempts, jobId: job.id });
    } catch (error) {
      const now = this.clock.now();
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'failed without a message';
      if (job.attempts >= job.maxAttempts) {
        await this.db.update(jobs).set({ state: 'failed', lastError: message, lockedUntil: null, finishedAt: now }).where(mine);
        this.log(`job ${job.kind} ${job.id} failed for good after ${job.attempts} attempts: ${message}`, error);
        return 'failed';
      }
      const delays = kind.retryDelaysMs ?? RETRY_DELAYS_MS;
      const delay = delays[Math.min(job.attempts - 1, delays.length - 1)] ?? 0;
      await this.db.update(jobs).set({ lastError: message, lockedUntil: null, runAt: new Date(now.getTime() + delay) }).where(mine);
      this.log(`job ${job.kind} ${job.id} failed (attempt ${job.attempts} of ${job.maxAttempts}), tried again in ${Math.round(delay / 1000)} s: ${message}`, error);
      return 'retried';
    }
    await this.db.update(jobs).set({ state: 'done', lockedUntil: null, finishedAt: this.clock.now() }).where(mine);
    return 'done';
  }

  /** Runs jobs until none is due now (for tests, and each poll): a job retried later is not waited for. */
  async runUntilIdle(limit = 10_000): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, failed: 0 };
    for (let i = 0; i < limit; i++) {
      const outcome = await this.runOne();
      if (!outcome) break;
      summary[outcome]++;
    }
    return summary;
  }

  /** Polls every few seconds: queues the schedules' jobs for the period, then runs what is due. */
  start(options: { everyMs?: number; log?: (message: string, error?: unknown) => void } = {}): void {
    if (!this.stopped) return;
    const everyMs = options.everyMs ?? 5_000;
    if (options.log) this.log = options.log;
    this.stopped = false;
    const tick = async () => {
      try {
        await this.enqueueScheduled();
        await this.runUntilIdle(100);
        const hour = periodOf(this.clock.now(), 'hour');
        if (this.prunedIn !== hour) {
          await this.prune();
          this.prunedIn = hour;
        }
      } catch (error) {
        this.log('the job runner could not poll; trying again', error);
      }
    };
    const loop = () => {
      this.ticking = tick().finally(() => {
        this.ticking = null;
        if (!this.stopped) {
          this.timer = setTimeout(loop, everyMs);
          this.timer.unref();
        }
      });
    };
    loop();
  }

  /** Stops polling and waits for the job being run, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /**
   * Deletes done jobs finished more than `keptMs` ago (failed ones stay until retried). Their keys go
   * with them: a period's check or a letter's email is long past by then, and an emailed letter is
   * never sent again (the handler checks).
   */
  async prune(keptMs = DONE_KEPT_MS): Promise<number> {
    const gone = await this.db
      .delete(jobs)
      .where(and(eq(jobs.state, 'done'), lt(jobs.finishedAt, new Date(this.clock.now().getTime() - keptMs))))
      .returning({ id: jobs.id });
    return gone.length;
  }

  /** Jobs given up as failed, newest first, for an administrator. */
  failed(limit = 200): Promise<JobRow[]> {
    return this.db.select().from(jobs).where(eq(jobs.state, 'failed')).orderBy(desc(jobs.finishedAt), desc(jobs.id)).limit(limit);
  }

  /** Jobs waiting or being tried again (with their last error), next first. */
  waiting(limit = 200): Promise<JobRow[]> {
    return this.db.select().from(jobs).where(eq(jobs.state, 'queued')).orderBy(asc(jobs.runAt), asc(jobs.id)).limit(limit);
  }

  async counts(): Promise<Record<'queued' | 'done' | 'failed', number>> {
    const rows = await this.db.select({ state: jobs.state, n: count() }).from(jobs).groupBy(jobs.state);
    const counts = { queued: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  /** Puts a failed job back in the queue, due now, with all its attempts again. False if it is not a failed job. */
  async retry(id: string): Promise<boolean> {
    const retried = await this.db
      .update(jobs)
      .set({ state: 'queued', attempts: 0, runAt: this.clock.now(), lockedUntil: null, lockedBy: null, finishedAt: null })
      .where(and(eq(jobs.id, id), eq(jobs.state, 'failed')))
      .returning({ id: jobs.id });
    return retried.length > 0;
  }
}
