import { date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

/*
 * The letters of CPAS applications (request for more information, decision). Written only by
 * `accreditationLettersProjector` from the `accreditation-letter` stream. Re-exported by the
 * module's schema.ts.
 */
export const accreditationLetters = pgTable(
  'accreditation_letters',
  {
    id: uuid('id').primaryKey(),
    applicationReference: text('application_reference').notNull(),
    /** 'informationRequest' | 'accepted' | 'refused' */
    kind: text('kind').notNull(),
    form: text('form').notNull(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    fileHash: text('file_hash').notNull(),
    producedOn: date('produced_on', { mode: 'string' }).notNull(),
    producedByName: text('produced_by_name').notNull(),
    emailedTo: text('emailed_to'),
    emailedOn: date('emailed_on', { mode: 'string' }),
    version: integer('version').notNull(),
  },
  (table) => [index('accreditation_letters_application').on(table.applicationReference)],
);
