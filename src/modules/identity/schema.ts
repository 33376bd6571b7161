import { pgTable, uuid, text, timestamp, boolean, integer, primaryKey } from 'drizzle-orm/pg-core';

/** Who may sign in, with their roles: projected from the `user` stream (no secret here). */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  roles: text('roles').array().notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Each user's password, as its scrypt hash. Kept out of the event log (which auditors read: a
 * password's hash can be attacked offline) and so out of the projected `users` table: written by
 * the command that sets the password, never rebuilt.
 */
export const userPasswords = pgTable('user_passwords', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  passwordHash: text('password_hash').notNull(),
});

/** Signed-in sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Tokens for machine clients (number-plate readers, upstream systems), each bound to one role: projected from the `api-token` stream. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdBy: text('created_by').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
});

/** The SHA-256 of each API token: the credential, kept out of the event log like a password (written by the command that issues the token). */
export const apiTokenHashes = pgTable('api_token_hashes', {
  tokenId: uuid('token_id')
    .primaryKey()
    .references(() => apiTokens.id),
  tokenHash: text('token_hash').notNull().unique(),
});

/**
 * Failed sign-ins in a row, per username typed (known or not, so the answer never tells whether an
 * account exists): sign-in state kept in the database so every process counts the same failures.
 * `blockedUntil` is when the next attempt may be checked; a lock is `failures` at the lock
 * threshold or more. A successful sign-in or an administrator's unlock deletes the row. Not part of
 * the record: the lock and the unlock are events on the user's stream (`sign-in-throttle.ts`).
 */
export const signInFailures = pgTable('sign_in_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Who a single sign-on user is at their identity provider (OpenID Connect): the issuer and the
 * subject it gives them, the key their user record is found by at each sign-in. Projected from
 * `SingleSignOnUserAdded`.
 */
export const singleSignOnIdentities = pgTable(
  'single_sign_on_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .unique()
      .references(() => users.id),
  },
  (table) => [primaryKey({ columns: [table.issuer, table.subject] })],
);
