import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../database/client.js';

/** An event as a projector sees it: what was recorded, by whom and when, on which stream. */
export interface ProjectedEvent {
  streamId: string;
  streamType: string;
  version: number;
  type: string;
  payload: Record<string, unknown>;
  actorId: string;
  actorName: string;
  occurredAt: Date;
}

/**
 * The only writer of a module's read tables. It reads nothing but the event and the read tables
 * (its own, or another module's published query), so replaying the log in order rebuilds every
 * table it owns exactly (`cordon projections rebuild --verify`). Commands name the projectors of
 * the events they append; the command helper runs them in the command's transaction.
 */
export interface Projector {
  /** The module whose tables these are, e.g. `border-events`. */
  module: string;
  /** Every table it alone writes. */
  tables: readonly PgTable[];
  /** The stream types whose events it reads. */
  streamTypes: readonly string[];
  apply(tx: Db, event: ProjectedEvent): Promise<void>;
  /**
   * Optional: the same as `apply` on each of `events` in order, written in bulk (multi-row inserts)
   * for batch work (`projectBatch`). It must leave exactly the rows `apply` would: the rebuild
   * (`cordon projections rebuild --verify`) replays the log through `apply` and compares.
   */
  applyBatch?(tx: Db, events: readonly ProjectedEvent[]): Promise<void>;
}

/** Runs each projector over the events of the stream types it reads, in order. */
export async function project(tx: Db, projectors: readonly Projector[], events: readonly ProjectedEvent[]): Promise<void> {
  for (const event of events) {
    for (const projector of projectors) {
      if (projector.streamTypes.includes(event.streamType)) await projector.apply(tx, event);
    }
  }
}

/**
 * Runs each projector over a batch of events of many streams: with its `applyBatch` when it has
 * one, else event by event. One projector after another rather than event by event: the same rows,
 * since a projector reads only its own tables and published queries of tables no event of the
 * batch changes (the Projector contract).
 */
export async function projectBatch(tx: Db, projectors: readonly Projector[], events: readonly ProjectedEvent[]): Promise<void> {
  for (const projector of projectors) {
    const mine = events.filter((event) => projector.streamTypes.includes(event.streamType));
    if (mine.length === 0) continue;
    if (projector.applyBatch) await projector.applyBatch(tx, mine);
    else for (const event of mine) await projector.apply(tx, event);
  }
}
