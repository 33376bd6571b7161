import { pgTable, uuid, text, timestamp, integer, index } from 'drizzle-orm/pg-core';

/**
 * Signed-in portal sessions (a person who opened their case with a letter's access code). The
 * cookie holds a random token; only its SHA-256 is stored. A session ends after `PORTAL_IDLE_MINUTES`
 * without a request (sliding: each request moves `expiresAt`) and at sign-out. Not part of the
 * record, like the staff `sessions`.
 */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id').notNull(),
    language: text('language').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('portal_sessions_expires').on(t.expiresAt)],
);

/**
 * Wrong portal sign-ins per case reference typed (existing or not, so a lock says nothing about
 * whether a case exists): kept by a digest of the reference. At `PORTAL_LOCK_AFTER_FAILURES` the
 * reference is locked until `lockedUntil`; a successful sign-in deletes the row.
 */
export const portalSignInFailures = pgTable('portal_sign_in_failures', {
  referenceKey: text('reference_key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});
