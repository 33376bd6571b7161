import { eq, sql } from 'drizzle-orm';
import type { ProjectedEvent, Projector } from '../../platform/projections/projector.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { WATCHLIST_EVENT } from '../../domain/plate-checks/events.js';
import { watchlistEntries } from './schema.js';

/** Rows per INSERT: 10 columns × 5,000 stays well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 5_000;

type EntryAdded = { id: string; registration: string; country: string | null; reason: string; expiresAt: string };

function entryRow(entry: EntryAdded, event: ProjectedEvent): typeof watchlistEntries.$inferInsert {
  return {
    id: entry.id,
    registration: entry.registration,
    registrationKey: registrationKey(entry.registration),
    country: entry.country,
    reason: entry.reason,
    expiresAt: new Date(entry.expiresAt),
    createdBy: event.actorName,
    createdAt: event.occurredAt,
  };
}

/**
 * The only writer of `watchlist_entries`, from the `watchlist` stream. `plate_check_hits` is not
 * projected: it stays a plain table (see README).
 */
export const plateChecksProjector: Projector = {
  module: 'plate-checks',
  tables: [watchlistEntries],
  streamTypes: ['watchlist'],
  async apply(tx, event) {
    if (event.type === WATCHLIST_EVENT.WatchlistEntryAdded) {
      await tx.insert(watchlistEntries).values(entryRow(event.payload as EntryAdded, event));
    } else if (event.type === WATCHLIST_EVENT.WatchlistEntriesImported) {
      const entries = (event.payload.entries as EntryAdded[] | undefined) ?? [];
      for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
        await tx.insert(watchlistEntries).values(entries.slice(start, start + INSERT_CHUNK).map((entry) => entryRow(entry, event)));
      }
    } else if (event.type === WATCHLIST_EVENT.WatchlistEntriesCarriedOver) {
      // Rows older imports made without recording them: live they are already there, as carried.
      const entries = event.payload.entries as (EntryAdded & { createdAt: string; createdBy: string; deletedAt: string | null; deletedBy: string | null })[];
      for (let start = 0; start < entries.length; start += INSERT_CHUNK) {
        const rows = entries.slice(start, start + INSERT_CHUNK).map((entry) => ({
          ...entryRow(entry, event),
          createdAt: new Date(entry.createdAt),
          createdBy: entry.createdBy,
          deletedAt: entry.deletedAt === null ? null : new Date(entry.deletedAt),
          deletedBy: entry.deletedBy,
        }));
        await tx
          .insert(watchlistEntries)
          .values(rows)
          .onConflictDoUpdate({
            target: watchlistEntries.id,
            set: {
              registration: sql`excluded.registration`,
              registrationKey: sql`excluded.registration_key`,
              country: sql`excluded.country`,
              reason: sql`excluded.reason`,
              expiresAt: sql`excluded.expires_at`,
              createdAt: sql`excluded.created_at`,
              createdBy: sql`excluded.created_by`,
              deletedAt: sql`excluded.deleted_at`,
              deletedBy: sql`excluded.deleted_by`,
            },
          });
      }
    } else if (event.type === WATCHLIST_EVENT.WatchlistEntryRemoved) {
      await tx.update(watchlistEntries).set({ deletedAt: event.occurredAt, deletedBy: event.actorName }).where(eq(watchlistEntries.id, event.payload.id as string));
    }
  },
};
