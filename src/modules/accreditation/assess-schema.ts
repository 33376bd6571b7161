import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * The letters of CPAS applications (acknowledgement, request for more information, decision). Written only by
 * `accreditationLettersProjector` from the `accreditation-letter` stream. Re-exported by the
 * module's schema.ts.
 */
export const accreditationLetters = pgTable(
  'accreditation_letters',
  {
    id: uuid('id').primaryKey(),
    applicationReference: text('application_reference').notNull(),
    /** 'acknowledgement' | 'informationRequest' | 'accepted' | 'refused' */
    kind: text('kind').notNull(),
    form: text('form').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    fileHash: text('file_hash').notNull(),
    /** The letter's parts as JSON in the file store (the postal outbox's print bundle); null for letters recorded before. */
    layoutHash: text('layout_hash'),
    producedOn: date('produced_on', { mode: 'string' }).notNull(),
    /** When it was recorded (the postal outbox lists letters oldest first, and prints up to the newest shown). */
    producedAt: timestamp('produced_at', { withTimezone: true, mode: 'date' }),
    producedByName: text('produced_by_name').notNull(),
    emailedTo: text('emailed_to'),
    emailedOn: date('emailed_on', { mode: 'string' }),
    /** Marked as posted in the postal outbox (null: waiting to be posted). */
    postedOn: date('posted_on', { mode: 'string' }),
    postedByName: text('posted_by_name'),
    version: integer('version').notNull(),
  },
  (table) => [index('accreditation_letters_application').on(table.applicationReference), index('accreditation_letters_posted').on(table.postedOn)],
);
