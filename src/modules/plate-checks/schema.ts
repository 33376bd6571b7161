import { pgTable, uuid, text, timestamp, index, jsonb } from 'drizzle-orm/pg-core';

/** Intelligence targets kept by authorised users, each with an expiry. */
export const watchlistEntries = pgTable(
  'watchlist_entries',
  {
    id: uuid('id').primaryKey(),
    registration: text('registration').notNull(),
    registrationKey: text('registration_key').notNull(),
    country: text('country'),
    reason: text('reason').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    deletedBy: text('deleted_by'),
  },
  (t) => [index('watchlist_entries_key').on(t.registrationKey), index('watchlist_entries_live').on(t.deletedAt, t.expiresAt)],
);

/** Every plate check that hit a list, and what the officers did (stopped, paid at the port…). */
export const plateCheckHits = pgTable(
  'plate_check_hits',
  {
    id: uuid('id').primaryKey(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }).notNull(),
    registration: text('registration').notNull(),
    registrationKey: text('registration_key').notNull(),
    country: text('country'),
    location: text('location'),
    readerId: text('reader_id'),
    matches: jsonb('matches').$type<unknown[]>().notNull(),
    /** 'stopped' | 'paid-at-port' | 'released' | 'detained' | 'stopped-in-error' */
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    outcomeBy: text('outcome_by'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('plate_check_hits_read').on(t.readAt), index('plate_check_hits_key').on(t.registrationKey)],
);
