import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Applications to the Civil Penalty Accreditation Scheme (issue #16), their area assessments, the
 * requests for information and answers, and the memberships that accepted applications start.
 * Written only by `accreditationApplicationsProjector` from the `accreditation-application` stream.
 */

/** One row per application; `status` is the domain's (`ApplicationStatus`). */
export const accreditationApplications = pgTable(
  'accreditation_applications',
  {
    /** `CPAS-2026-00042`; the stream is `accreditation-application-<reference>`. */
    reference: text('reference').primaryKey(),
    /** 'submitted' | 'awaitingInformation' | 'underAssessment' | 'refusalProposed' | 'accepted' | 'refused' | 'withdrawn' */
    status: text('status').notNull(),
    companyName: text('company_name').notNull(),
    /** The register's blocking key of the name (`normaliseName(…).key`): the same company in any spelling. */
    normalisedName: text('normalised_name').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    addressLines: jsonb('address_lines').$type<string[]>().notNull(),
    postcode: text('postcode'),
    operatorLicence: text('operator_licence').notNull(),
    contactName: text('contact_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    numberOfDrivers: integer('number_of_drivers').notNull(),
    /** The language the applicant wrote in and is written to in. */
    language: text('language').notNull(),
    /** 'online' | 'api' */
    channel: text('channel').notNull(),
    /** The evidence given with the application, by area id. */
    evidence: jsonb('evidence').$type<Record<string, { description: string; fileIds: string[] }>>().notNull(),
    driverChecklistFileIds: jsonb('driver_checklist_file_ids').$type<string[]>().notNull(),
    driverChecklistsRequired: integer('driver_checklists_required').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The date a decision is due (receivedOn + the policy's days). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** The open request for information, if any. */
    openRequest: jsonb('open_request').$type<{ areas: string[]; message: string; requestedOn: string } | null>(),
    /** The refusal proposed and waiting for a Senior Officer; kept, as the refusal's reasons, once approved. */
    refusalProposal: jsonb('refusal_proposal').$type<{ reasons: { area: string; reason: string }[]; summary: string | null; proposedById: string; proposedByName: string; proposedOn: string } | null>(),
    refusalApprovedByName: text('refusal_approved_by_name'),
    /** On acceptance: the company as resolved in the parties register. */
    partyId: uuid('party_id'),
    memberFrom: date('member_from', { mode: 'string' }),
    withdrawnReason: text('withdrawn_reason'),
    /** The stream's version: a stale one is a conflict. */
    version: integer('version').notNull(),
  },
  (t) => [index('accreditation_applications_status_due').on(t.status, t.dueOn), index('accreditation_applications_decided_on').on(t.decidedOn), index('accreditation_applications_name').on(t.normalisedName)],
);

/** The assessor's latest finding for each area of an application. */
export const accreditationAreaAssessments = pgTable(
  'accreditation_area_assessments',
  {
    reference: text('reference').notNull(),
    /** One of ACCREDITATION_AREAS. */
    area: text('area').notNull(),
    /** 'met' | 'notMet' | 'moreInformation' */
    outcome: text('outcome').notNull(),
    notes: text('notes').notNull(),
    assessedById: text('assessed_by_id').notNull(),
    assessedByName: text('assessed_by_name').notNull(),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reference, t.area] })],
);

/** Requests for more information and the applicant's answers, in order. */
export const accreditationInformation = pgTable(
  'accreditation_information',
  {
    reference: text('reference').notNull(),
    /** The event's version on the application's stream. */
    version: integer('version').notNull(),
    /** 'request' | 'answer' */
    kind: text('kind').notNull(),
    areas: jsonb('areas').$type<string[]>().notNull(),
    text: text('text').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.reference, t.version] })],
);

/** A membership started by an accepted application: the company (resolved party) is a member from `memberFrom`. */
export const accreditationMemberships = pgTable(
  'accreditation_memberships',
  {
    applicationReference: text('application_reference').primaryKey(),
    partyId: uuid('party_id').notNull(),
    memberFrom: date('member_from', { mode: 'string' }).notNull(),
  },
  (t) => [index('accreditation_memberships_party').on(t.partyId)],
);

/* Apply online (drafts, save and return later): apply-schema.ts. */
export * from './apply-schema.js';
// Assurance of members (acc-register): its table in its own file.
export * from './assurance-schema.js';
// The letters of applications (acc-assess: assess-schema.ts, written by accreditationLettersProjector).
export * from './assess-schema.js';
// Reviews of members (acc-review: review-schema.ts, written by accreditationReviewsProjector).
export * from './review-schema.js';
