import { pgTable, text, timestamp, integer, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Drafts of online CPAS applications (issue #16 item 1, "save and return later"). Not part of the
 * record: a draft is not a fact of the scheme until it is submitted (then the application stream
 * has it). The browser's cookie holds a random token; only its SHA-256 is kept (`tokenHash`). A
 * return code, once asked for, is kept only as an HMAC (`codeHash`, with the HMAC of the email it
 * was sent to, `emailKey`). A draft ends at `expiresAt` (ACCREDITATION_DRAFT_DAYS after its last
 * change) or when it is submitted.
 */
export const accreditationApplicationDrafts = pgTable(
  'accreditation_application_drafts',
  {
    tokenHash: text('token_hash').primaryKey(),
    language: text('language').notNull(),
    answers: jsonb('answers').notNull(),
    emailKey: text('email_key'),
    codeHash: text('code_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('accreditation_application_drafts_expires').on(t.expiresAt), index('accreditation_application_drafts_return').on(t.emailKey, t.codeHash)],
);

/**
 * Wrong return codes per email typed (existing or not), kept by a digest of the email: at
 * DRAFT_RETURN_LOCK_AFTER the email is locked until `lockedUntil`; a good code deletes the row.
 */
export const accreditationDraftReturnFailures = pgTable('accreditation_draft_return_failures', {
  emailKey: text('email_key').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});
