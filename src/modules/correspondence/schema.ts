import { pgTable, uuid, text, timestamp, index, jsonb } from 'drizzle-orm/pg-core';

/**
 * Every letter the case produced: the PDF (in the file store, by content hash) and where it went.
 * A letter with no `postedAt` is waiting in the postal outbox to be printed and posted.
 */
export const caseLetters = pgTable(
  'case_letters',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id'),
    /** The form: IS11D, IS11E, IS1131A, IS1132, IS11A, IS11B… */
    form: text('form').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    fileHash: text('file_hash').notNull(),
    /** The letters as laid out (JSON in the file store), for printing many as one PDF; null for letters kept before it was. */
    layoutHash: text('layout_hash'),
    recipientName: text('recipient_name').notNull(),
    addressLines: jsonb('address_lines').$type<string[]>().notNull(),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }),
    emailedAt: timestamp('emailed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('case_letters_case').on(t.caseId), index('case_letters_unposted').on(t.postedAt)],
);

/**
 * The access code printed on each letter (issue 15: the portal without an account): only its HMAC
 * (keyed with a server secret, `access-codes.ts`) is kept, never the code. Issuing a new letter to
 * a person revokes their older codes (`revokedAt`). Not part of the record: a credential, kept out
 * of the event log like a password, written by the step that produces the letter.
 */
export const letterAccessCodes = pgTable(
  'letter_access_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id').notNull(),
    letterId: uuid('letter_id').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('letter_access_codes_liability').on(t.liabilityId)],
);
