import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { plateCheckHits } from './schema.js';
import type { MatcherLog } from './matcher.js';

export type NewHit = typeof plateCheckHits.$inferInsert;

/** Rows per INSERT and per flush. */
const CHUNK = 1_000;
/** Past this many unwritten hits (the database is down for minutes), the oldest are given up and logged. */
const MAX_WAITING = 200_000;

/**
 * Records every hit in `plate_check_hits` without putting a database write in the answer's way:
 * hits wait in memory and are written in batches every `intervalMs` (and at once when many wait), and
 * whatever waits is written when the server closes. A failed write is retried on the next flush.
 */
export class HitRecorder {
  private waiting: NewHit[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: MatcherLog,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  record(row: NewHit): void {
    this.waiting.push(row);
    if (this.waiting.length > MAX_WAITING) {
      const dropped = this.waiting.splice(0, this.waiting.length - MAX_WAITING);
      this.log.warn({ dropped: dropped.length }, 'plate-check hits could not be written and were given up');
    }
    if (this.waiting.length >= CHUNK * 5) void this.flush();
  }

  get pending(): number {
    return this.waiting.length;
  }

  /** Writes everything waiting now (one flush at a time). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.waiting.length === 0) return Promise.resolve();
    this.flushing = this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, CHUNK);
      try {
        await this.insert(batch);
      } catch (error) {
        this.waiting.unshift(...batch);
        this.log.warn({ err: error, waiting: this.waiting.length }, 'writing plate-check hits failed; retrying');
        return;
      }
    }
  }

  /**
   * One INSERT of the whole batch with a column per array parameter (unnest): nine parameters
   * instead of nine thousand, so building and parsing the statement costs the server next to nothing.
   */
  private async insert(batch: NewHit[]): Promise<void> {
    const column = <T>(pick: (hit: NewHit) => T) => sql.param(batch.map(pick));
    const iso = (value: Date | undefined) => (value ?? new Date()).toISOString();
    await this.db.execute(sql`
      insert into plate_check_hits (id, read_at, registration, registration_key, country, location, reader_id, matches, created_at)
      select h.id, h.read_at, h.registration, h.registration_key, h.country, h.location, h.reader_id, h.matches::jsonb, h.created_at
      from unnest(
        ${column((hit) => hit.id)}::uuid[], ${column((hit) => iso(hit.readAt))}::timestamptz[], ${column((hit) => hit.registration)}::text[],
        ${column((hit) => hit.registrationKey)}::text[], ${column((hit) => hit.country ?? null)}::text[], ${column((hit) => hit.location ?? null)}::text[],
        ${column((hit) => hit.readerId ?? null)}::text[], ${column((hit) => JSON.stringify(hit.matches))}::text[], ${column((hit) => iso(hit.createdAt))}::timestamptz[]
      ) as h(id, read_at, registration, registration_key, country, location, reader_id, matches, created_at)
      on conflict do nothing`);
  }

  /** Stops the timer and writes what waits. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.flushing) await this.flushing.catch(() => {});
    await this.flush().catch(() => {});
  }
}
