import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../platform/database/client.js';

/** The PostgreSQL channel on which every process says "a list changed". */
export const LIST_CHANNEL = 'cordon_val';

/** A watchlist entry as the matcher indexes it. */
export interface WatchlistIndexEntry {
  id: string;
  key: string;
  country: string | null;
  reason: string;
  expiresAtMs: number;
}

/** What changed, as this process knows it (the entries themselves, so nothing has to be read back). */
export type ListChange =
  | { kind: 'val' }
  | { kind: 'watchlist-added'; entries: readonly WatchlistIndexEntry[] }
  | { kind: 'watchlist-removed'; id: string; key: string };

/**
 * What another process announces on the channel (a NOTIFY payload is at most 8,000 bytes, so a large
 * import is named by its creation instant and author instead of its ids).
 */
export type ListNotice =
  | { src: string; kind: 'val' }
  | { src: string; kind: 'watchlist-added'; ids: string[] }
  | { src: string; kind: 'watchlist-added'; createdAt: string; createdBy: string }
  | { src: string; kind: 'watchlist-removed'; id: string; key: string };

const IDS_IN_A_NOTICE = 150;

export function noticeFor(source: string, change: ListChange, created?: { at: Date; by: string }): ListNotice {
  if (change.kind === 'val') return { src: source, kind: 'val' };
  if (change.kind === 'watchlist-removed') return { src: source, kind: 'watchlist-removed', id: change.id, key: change.key };
  if (change.entries.length <= IDS_IN_A_NOTICE || !created) return { src: source, kind: 'watchlist-added', ids: change.entries.map((e) => e.id) };
  return { src: source, kind: 'watchlist-added', createdAt: created.at.toISOString(), createdBy: created.by };
}

export function parseNotice(payload: string | undefined): ListNotice | null {
  if (!payload) return null;
  try {
    const notice = JSON.parse(payload) as ListNotice;
    return typeof notice === 'object' && notice !== null && typeof notice.kind === 'string' && typeof notice.src === 'string' ? notice : null;
  } catch {
    return null;
  }
}

/**
 * The signal that the lists the plate matcher indexes have changed. In this process, listeners are
 * called at once; on PostgreSQL every change is also announced with `NOTIFY cordon_val`, so the
 * matchers of other processes (another server behind the load balancer, the CLI) hear of it. On
 * PGlite there is only ever one process, so the in-process call is the whole story.
 */
export function listChangeSignal(database: Pick<Database, 'kind' | 'db'>) {
  const source = randomUUID();
  const listeners = new Set<(change: ListChange) => void>();
  const crossProcess = database.kind === 'postgres';

  async function announce(db: Db, notice: ListNotice): Promise<void> {
    await db.execute(sql`select pg_notify(${LIST_CHANNEL}, ${JSON.stringify(notice)})`);
  }

  function changed(change: ListChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // A matcher's failure must never undo or fail the change that was made.
      }
    }
  }

  return {
    /** This process's id in notices, so it can ignore its own. */
    source,
    crossProcess,
    onChange(listener: (change: ListChange) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Tells this process's matcher (call after the change has committed). */
    changed,
    /**
     * Announces the change to other processes. Inside a transaction, PostgreSQL delivers it only
     * when that transaction commits — so call it with the transaction where there is one.
     */
    async announce(db: Db, change: ListChange, created?: { at: Date; by: string }): Promise<void> {
      if (crossProcess) await announce(db, noticeFor(source, change, created));
    },
    /** Casework changed something the Vehicle Action List is derived from (after commit; never throws). */
    valChanged(): void {
      changed({ kind: 'val' });
      if (crossProcess) void announce(database.db, { src: source, kind: 'val' }).catch(() => {});
    },
  };
}

export type ListChangeSignal = ReturnType<typeof listChangeSignal>;
