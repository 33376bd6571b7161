import { z } from 'zod';
import { codeOf, count, eventNames, id, instant, sha256, type EventUnion } from '../event-schemas.js';

/*
 * Number-plate checks: the `watchlist` stream (one stream, `watchlist`: entries added and removed)
 * and the `plate-check-hit` stream (`plate-check-hit-<id>`: what the officers did about a hit).
 */

/** What the officers did about a hit. */
export const HIT_OUTCOMES = {
  stopped: 'Stopped',
  'paid-at-port': 'Paid at the port',
  released: 'Released',
  detained: 'Detained',
  'stopped-in-error': 'Stopped in error',
} as const;
export type HitOutcome = keyof typeof HIT_OUTCOMES;

const country = z.string().regex(/^[A-Z]{2}$/).nullable();

/** One entry as added: its id, the registration as typed, the country if known, why, and until when. */
const watchlistEntry = z.strictObject({ id, registration: z.string().min(1), country, reason: z.string(), expiresAt: instant });

export const WATCHLIST_EVENTS = {
  WatchlistEntryAdded: watchlistEntry,
  /**
   * Many entries at once, summed up (count, hash, first and last id, expiry range) and, since the
   * table is rebuilt from the log, the entries themselves (`entries`; older events have none).
   */
  WatchlistEntriesImported: z.strictObject({
    count: count.min(2),
    /** SHA-256 of the entries as sent (canonical JSON). */
    entriesSha256: sha256,
    firstId: id,
    lastId: id,
    expiresFrom: instant,
    expiresTo: instant,
    entries: z.array(watchlistEntry).optional(),
  }),
  WatchlistEntryRemoved: z.strictObject({ id, registration: z.string(), country }),
  /**
   * Recorded once by the upgrade (`carryOverWatchlistEntries`) when older imports did not carry their
   * entries: each such entry as it stood, removal included. Changes nothing live.
   */
  WatchlistEntriesCarriedOver: z.strictObject({
    entries: z.array(
      z.strictObject({
        ...watchlistEntry.shape,
        createdAt: instant,
        createdBy: z.string(),
        deletedAt: instant.nullable(),
        deletedBy: z.string().nullable(),
      }),
    ),
  }),
};

export const PLATE_CHECK_HIT_EVENTS = {
  PlateCheckOutcomeRecorded: z.strictObject({ hitId: id, registration: z.string(), outcome: codeOf(HIT_OUTCOMES), reason: z.string().nullable() }),
};

/** `WATCHLIST_EVENT.WatchlistEntryAdded` is `'WatchlistEntryAdded'`. */
export const WATCHLIST_EVENT = eventNames(WATCHLIST_EVENTS);
/** `PLATE_CHECK_HIT_EVENT.PlateCheckOutcomeRecorded` is `'PlateCheckOutcomeRecorded'`. */
export const PLATE_CHECK_HIT_EVENT = eventNames(PLATE_CHECK_HIT_EVENTS);

export type WatchlistEvent = EventUnion<typeof WATCHLIST_EVENTS>;
export type PlateCheckHitEvent = EventUnion<typeof PLATE_CHECK_HIT_EVENTS>;
