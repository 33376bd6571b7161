import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { vehicleActionList } from '../vehicle-action-list/val-query.js';
import { watchlistEntries } from './schema.js';
import { ListLayer, matchRead, valVehicle, watchlistVehicle, type PlateMatch, type PlateRead } from './plate-index.js';
import { LIST_CHANNEL, parseNotice, type ListChange, type ListChangeSignal, type ListNotice, type WatchlistIndexEntry } from './list-changes.js';

export interface MatcherLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface MatcherOptions {
  database: Database;
  /** Casework time: "today" for the VAL's due dates and "now" for watchlist expiry. */
  clock: Clock;
  listChanges: ListChangeSignal;
  log: MatcherLog;
  /** How often the VAL is rebuilt whatever happens ("past its due date" changes with the calendar). */
  valRefreshMs?: number;
  /** How often the whole watchlist is reloaded as a safety net (changes arrive as signals in between). */
  watchlistRefreshMs?: number;
  /** How often the event log is looked at for casework changes made without a signal (party merges, case records…). */
  pollMs?: number;
  /** Rows per page when the watchlist is loaded. */
  pageSize?: number;
}

/** Event streams whose changes can put a vehicle on or take it off the VAL. */
const VAL_STREAM_TYPES = new Set(['case', 'party', 'vehicle']);
const NO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The plate matcher: an in-memory index of the Vehicle Action List and the live watchlist, built
 * from the database at start and kept current —
 *  - in this process: every casework command and watchlist change signals it (`listChanges`);
 *  - across processes (PostgreSQL): a dedicated connection LISTENs on `cordon_val`;
 *  - whatever else: the event log is polled every second for casework events, the VAL is rebuilt
 *    every minute and when the UK date changes, and the watchlist is reloaded every 15 minutes.
 * A rebuild builds a new layer beside the one in use and swaps it in, so checks never wait for it;
 * changes heard while a watchlist reload runs are replayed onto the new layer before the swap.
 */
export class PlateMatcher {
  private val = new ListLayer('VAL');
  private watch = new ListLayer('watchlist');
  private valDate = '';
  private valRun: Promise<void> | null = null;
  private valQueued: Promise<void> | null = null;
  private watchRun: Promise<void> | null = null;
  /** Changes heard while a watchlist reload runs, replayed onto the new layer. */
  private heardDuringReload: ListChange[] | null = null;
  /** Changes are applied one after another, in the order heard. */
  private applying: Promise<void> = Promise.resolve();
  /**
   * Transactions older than this had finished at the last look (`pg_snapshot_xmin`): events of any
   * later one may still appear, whatever their position, since positions are not handed out in
   * commit order.
   */
  private horizon = 0;
  private lastValBuild = 0;
  private lastWatchBuild = 0;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private stopping = false;
  private unsubscribe: (() => void) | null = null;
  private readonly valRefreshMs: number;
  private readonly watchlistRefreshMs: number;
  private readonly pollMs: number;
  private readonly pageSize: number;

  constructor(private readonly options: MatcherOptions) {
    this.valRefreshMs = options.valRefreshMs ?? 60_000;
    this.watchlistRefreshMs = options.watchlistRefreshMs ?? 15 * 60_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.pageSize = options.pageSize ?? 10_000;
  }

  private get db() {
    return this.options.database.db;
  }

  /** Builds the index (the server answers no check before it is built) and starts keeping it current. */
  async start(): Promise<void> {
    this.unsubscribe = this.options.listChanges.onChange((change) => this.hear(change));
    // Without the LISTEN connection the matcher still starts; it keeps trying to connect meanwhile.
    await this.startListening().catch((error) => this.options.log.warn({ err: error }, 'plate matcher: could not LISTEN yet'));
    this.horizon = await this.transactionHorizon();
    await Promise.all([this.refreshVal(), this.refreshWatchlist()]);
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    if (this.reconnect) clearTimeout(this.reconnect);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
    await Promise.allSettled([this.valRun, this.valQueued, this.watchRun, this.applying]);
  }

  /** What one read matches now. */
  check(read: PlateRead, tolerance: boolean): PlateMatch[] {
    return matchRead([this.val, this.watch], read, { tolerance, nowMs: this.options.clock.now().getTime() });
  }

  stats() {
    return {
      valEntries: this.val.size,
      watchlistEntries: this.watch.size,
      valDate: this.valDate,
      valBuiltAt: new Date(this.lastValBuild),
      watchlistBuiltAt: new Date(this.lastWatchBuild),
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1_048_576),
    };
  }

  /** Resolves once every change heard so far is in the index (tests, the benchmark). */
  async settled(): Promise<void> {
    await this.applying;
    await Promise.allSettled([this.valRun, this.valQueued, this.watchRun]);
  }

  /** Rebuilds the VAL layer from the VAL query; a request during a build runs one more build after it. */
  refreshVal(): Promise<void> {
    if (!this.valRun) {
      this.valRun = this.buildVal().finally(() => {
        this.valRun = null;
      });
      return this.valRun;
    }
    this.valQueued ??= this.valRun
      .catch(() => {})
      .then(() => {
        this.valQueued = null;
        return this.refreshVal();
      });
    return this.valQueued;
  }

  /** Reloads the whole watchlist beside the layer in use, then swaps. */
  refreshWatchlist(): Promise<void> {
    this.watchRun ??= this.buildWatchlist().finally(() => {
      this.watchRun = null;
    });
    return this.watchRun;
  }

  private async buildVal(): Promise<void> {
    const today = ukDate(this.options.clock.now());
    const entries = await vehicleActionList(this.db, today);
    const layer = new ListLayer('VAL');
    for (const entry of entries) layer.add(valVehicle(entry));
    this.val = layer;
    this.valDate = today;
    this.lastValBuild = Date.now();
  }

  private async buildWatchlist(): Promise<void> {
    this.heardDuringReload = [];
    try {
      const layer = new ListLayer('watchlist', Math.max(1024, Math.ceil(this.watch.size * 1.1)));
      const now = this.options.clock.now();
      let after = NO_UUID;
      for (;;) {
        const rows = await this.db
          .select(WATCH_COLUMNS)
          .from(watchlistEntries)
          .where(and(isNull(watchlistEntries.deletedAt), gt(watchlistEntries.expiresAt, now), gt(watchlistEntries.id, after)))
          .orderBy(asc(watchlistEntries.id))
          .limit(this.pageSize);
        for (const row of rows) layer.insert(row.key, row.country, row.reason, row.id, Number(row.expiresAtMs));
        if (rows.length < this.pageSize) break;
        after = rows[rows.length - 1]!.id;
      }
      for (const change of this.heardDuringReload) applyWatchChange(layer, change);
      this.watch = layer;
      this.lastWatchBuild = Date.now();
    } finally {
      this.heardDuringReload = null;
    }
  }

  /** A change made in this process (already committed). */
  private hear(change: ListChange): void {
    if (change.kind === 'val') {
      void this.refreshVal().catch((error) => this.options.log.warn({ err: error }, 'plate matcher: VAL rebuild failed'));
      return;
    }
    this.enqueue(async () => this.applyWatch(change));
  }

  private applyWatch(change: ListChange): void {
    applyWatchChange(this.watch, change);
    this.heardDuringReload?.push(change);
  }

  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying.then(work).catch((error) => this.options.log.warn({ err: error }, 'plate matcher: applying a list change failed'));
  }

  /** A change announced by another process. */
  private hearNotice(notice: ListNotice): void {
    if (notice.src === this.options.listChanges.source) return;
    if (notice.kind === 'val') {
      void this.refreshVal().catch((error) => this.options.log.warn({ err: error }, 'plate matcher: VAL rebuild failed'));
      return;
    }
    if (notice.kind === 'watchlist-removed') {
      this.enqueue(async () => this.applyWatch({ kind: 'watchlist-removed', id: notice.id, key: notice.key }));
      return;
    }
    this.enqueue(async () => {
      const live = and(isNull(watchlistEntries.deletedAt));
      const rows =
        'ids' in notice
          ? await this.db.select(WATCH_COLUMNS).from(watchlistEntries).where(and(live, inArray(watchlistEntries.id, notice.ids)))
          : await this.db
              .select(WATCH_COLUMNS)
              .from(watchlistEntries)
              .where(and(live, eq(watchlistEntries.createdAt, new Date(notice.createdAt)), eq(watchlistEntries.createdBy, notice.createdBy)));
      const entries: WatchlistIndexEntry[] = rows.map((row) => ({ id: row.id, key: row.key, country: row.country, reason: row.reason, expiresAtMs: Number(row.expiresAtMs) }));
      this.applyWatch({ kind: 'watchlist-added', entries });
    });
  }

  private async startListening(): Promise<void> {
    const { database } = this.options;
    const connectionString = database.kind === 'postgres' ? database.pool?.options.connectionString : undefined;
    if (!connectionString || this.stopping) return;
    const client = new pg.Client({ connectionString });
    const lost = (error?: Error) => {
      if (this.listener !== client || this.stopping) return;
      this.listener = null;
      this.options.log.warn({ err: error }, 'plate matcher: lost the LISTEN connection; reconnecting');
      void client.end().catch(() => {});
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        // Notices may have been missed while the connection was down: rebuild everything.
        void this.startListening()
          .then(() => Promise.all([this.refreshVal(), this.refreshWatchlist()]))
          .catch((error_) => {
            this.options.log.warn({ err: error_ }, 'plate matcher: reconnecting failed');
            lost(error_ as Error);
          });
      }, 1_000);
      this.reconnect.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== LIST_CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (notice) this.hearNotice(notice);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`listen ${LIST_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
  }

  private async transactionHorizon(): Promise<number> {
    const [row] = rowsOf<{ xmin: string | number }>(await this.db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin`));
    return Number(row!.xmin);
  }

  /** Once a second: casework events without a signal, the calendar, and the periodic rebuilds. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopping) return;
    this.ticking = true;
    try {
      const horizon = await this.transactionHorizon();
      const changed = rowsOf<{ stream_type: string }>(
        await this.db.execute(sql`select distinct stream_type from events where xid >= ${this.horizon}`),
      );
      this.horizon = horizon;
      const valChanged = changed.some((row) => VAL_STREAM_TYPES.has(row.stream_type));
      const now = Date.now();
      if (valChanged || ukDate(this.options.clock.now()) !== this.valDate || now - this.lastValBuild >= this.valRefreshMs) await this.refreshVal();
      if (now - this.lastWatchBuild >= this.watchlistRefreshMs) void this.refreshWatchlist().catch((error) => this.options.log.warn({ err: error }, 'plate matcher: watchlist reload failed'));
    } catch (error) {
      this.options.log.warn({ err: error }, 'plate matcher: keeping the index current failed; retrying');
    } finally {
      this.ticking = false;
    }
  }
}

const WATCH_COLUMNS = {
  id: watchlistEntries.id,
  key: watchlistEntries.registrationKey,
  country: watchlistEntries.country,
  reason: watchlistEntries.reason,
  expiresAtMs: sql<number>`(extract(epoch from ${watchlistEntries.expiresAt}) * 1000)::float8`,
};

function applyWatchChange(layer: ListLayer, change: ListChange): void {
  if (change.kind === 'watchlist-added') {
    for (const entry of change.entries) layer.add(watchlistVehicle(entry));
  } else if (change.kind === 'watchlist-removed') {
    layer.removeEntry(change.key, change.id);
  }
}
