import { pgTable, uuid, text, integer, date, timestamp, index } from 'drizzle-orm/pg-core';

/** Read table of cases, kept up to date by the commands that append case events. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    offence: text('offence').notNull(),
    incidentDate: date('incident_date', { mode: 'string' }).notNull(),
    portCode: text('port_code').notNull(),
    clandestineEntrants: integer('clandestine_entrants'),
    vehicleRegistration: text('vehicle_registration').notNull(),
    vehicleRegistrationKey: text('vehicle_registration_key').notNull(),
    vehicleCountry: text('vehicle_country').notNull(),
    driverName: text('driver_name').notNull(),
    companyName: text('company_name').notNull(),
    stage: text('stage').notNull(),
    referredBy: text('referred_by').notNull(),
    /** The recorded incident the case was opened from; null for a minimal referral. */
    incidentId: uuid('incident_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('cases_incident_date').on(t.incidentDate),
    index('cases_stage').on(t.stage),
    index('cases_registration').on(t.vehicleRegistrationKey),
  ],
);

/** One liability per responsible person and offence within a case. */
export const liabilities = pgTable(
  'liabilities',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    offence: text('offence').notNull(),
    partyName: text('party_name').notNull(),
    /** The register entry this person was confirmed to be; null until a caseworker decides. */
    partyId: uuid('party_id'),
    stage: text('stage').notNull(),
  },
  (t) => [index('liabilities_case').on(t.caseId), index('liabilities_party').on(t.partyId)],
);

/** Gapless case reference numbers: one row per year, incremented inside the creating transaction. */
export const caseReferenceCounters = pgTable('case_reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});
