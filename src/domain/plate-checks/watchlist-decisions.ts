import type { CommandDecision, CommandMoment, FieldProblem } from '../command-decision.js';
import { WATCHLIST_EVENT, type WatchlistEvent } from './events.js';

/* The decisions on the `watchlist` stream: entries added (one, or many at once) and removed. */

/** Entries about to be added: one new id per entry, and the SHA-256 of the entries as sent (canonical JSON). */
export interface WatchlistEntriesToAdd {
  ids: readonly string[];
  entriesSha256: string;
}

export interface WatchlistEntryAsSent {
  registration: string;
  country?: string | undefined;
  reason: string;
  expiresAt: string;
}

/**
 * Adds entries, all or none: each must expire in the future. One entry is `WatchlistEntryAdded`;
 * many are one `WatchlistEntriesImported` carrying them all.
 */
export function decideAddWatchlistEntries(batch: WatchlistEntriesToAdd, input: { entries: WatchlistEntryAsSent[] }, { now }: CommandMoment): CommandDecision {
  const errors: FieldProblem[] = input.entries.flatMap((entry, index) =>
    Date.parse(entry.expiresAt) <= now.getTime() ? [{ field: `entries.${index}.expiresAt`, message: 'The expiry must be in the future' }] : [],
  );
  if (errors.length) return { ok: false, message: 'Some entries expire in the past', errors };
  const entries = input.entries.map((entry, index) => ({
    id: batch.ids[index]!,
    registration: entry.registration,
    country: entry.country ?? null,
    reason: entry.reason,
    expiresAt: new Date(entry.expiresAt).toISOString(),
  }));
  if (entries.length === 1) return { ok: true, events: [{ type: WATCHLIST_EVENT.WatchlistEntryAdded, payload: entries[0]! }] };
  const expiries = entries.map((entry) => entry.expiresAt).sort();
  return {
    ok: true,
    events: [
      {
        type: WATCHLIST_EVENT.WatchlistEntriesImported,
        payload: {
          count: entries.length,
          entriesSha256: batch.entriesSha256,
          firstId: entries[0]!.id,
          lastId: entries[entries.length - 1]!.id,
          expiresFrom: expiries[0]!,
          expiresTo: expiries[expiries.length - 1]!,
          entries,
        },
      },
    ],
  };
}

/** A live entry (not removed) as a removal needs it. */
export interface WatchlistEntryToRemove {
  id: string;
  registration: string;
  country: string | null;
}

/** Removes a live entry from the watchlist (the row is kept, marked removed). */
export function decideRemoveWatchlistEntry(entry: WatchlistEntryToRemove): CommandDecision {
  return { ok: true, events: [{ type: WATCHLIST_EVENT.WatchlistEntryRemoved, payload: { id: entry.id, registration: entry.registration, country: entry.country } }] };
}

type CarriedOverEntry = Extract<WatchlistEvent, { type: 'WatchlistEntriesCarriedOver' }>['payload']['entries'][number];

/** Carries the entries older imports did not record onto the watchlist stream, as they stand. */
export function decideCarryOverWatchlistEntries(entries: { entries: CarriedOverEntry[] }): CommandDecision {
  return { ok: true, events: [{ type: WATCHLIST_EVENT.WatchlistEntriesCarriedOver, payload: { entries: entries.entries } }] };
}
