import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Secrets the service makes for itself when they are not configured, kept in the database so every
 * process on it uses the same one: the cookie-signing secret (`name` = 'cookie'). `previous` is the
 * secret before the last rotation, still accepted (never used to sign) until `previous_until`.
 * Not part of the record: a secret, kept out of the event log.
 */
export const serviceSecrets = pgTable('service_secrets', {
  name: text('name').primaryKey(),
  current: text('current').notNull(),
  previous: text('previous'),
  previousUntil: timestamp('previous_until', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true, mode: 'date' }),
});
