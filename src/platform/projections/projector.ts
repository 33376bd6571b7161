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
}

/** Runs each projector over the events of the stream types it reads, in order. */
export async function project(tx: Db, projectors: readonly Projector[], events: readonly ProjectedEvent[]): Promise<void> {
  for (const event of events) {
    for (const projector of projectors) {
      if (projector.streamTypes.includes(event.streamType)) await projector.apply(tx, event);
    }
  }
}
