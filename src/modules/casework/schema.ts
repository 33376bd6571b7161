import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, bigint, date, timestamp, index, jsonb, boolean, primaryKey } from 'drizzle-orm/pg-core';

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
    /** The driver's self-declaration was recorded on the incident (no senior officer needed not to refer). */
    selfDeclared: boolean('self_declared').notNull().default(false),
    /** The caseworker who has the case (a user id); null while it waits in the queue to be claimed. */
    assignedTo: uuid('assigned_to'),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }),
    /** When the case reached its current stage: the age columns of the dashboard count from here. */
    stageSince: timestamp('stage_since', { withTimezone: true, mode: 'date' }),
    /** From the statutory clock at opening (the incident date decides it); for the deadline queues. */
    lastDayToImpose: date('last_day_to_impose', { mode: 'string' }),
  },
  (t) => [
    index('cases_assigned_to').on(t.assignedTo, t.stage),
    index('cases_last_day').on(t.lastDayToImpose),
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
    /** Which responsible person of the recorded incident this is; null for a minimal referral. */
    personIndex: integer('person_index'),
    /** Where letters go: from the incident, changed only with a second officer's approval. */
    addressLines: jsonb('address_lines').$type<string[]>(),
    email: text('email'),
    /** ISO 639-1; letters are in English and, when different, this language. */
    language: text('language').notNull().default('en'),
    stageSince: timestamp('stage_since', { withTimezone: true, mode: 'date' }),
    /** Who drafted the recommendation or objection determination now awaiting assurance (an assurer never sees their own). */
    draftedBy: text('drafted_by'),
    /** The amount of the recommendation, penalty notice or decision now in force, in pence. */
    amountPence: bigint('amount_pence', { mode: 'number' }),
    /** The date of the penalty notice, once imposed. */
    imposedOn: date('imposed_on', { mode: 'string' }),
    /** From the statutory clock once imposed: the date printed on the notice (VAL, overdue list). */
    paymentDue: date('payment_due', { mode: 'string' }),
    /** What is still owed: the amount in force less payments, plus refunds paid out. */
    outstandingPence: bigint('outstanding_pence', { mode: 'number' }),
    /**
     * Why the penalty cannot put a vehicle on the Vehicle Action List now (objection awaiting
     * determination, appeal pending, instalments kept, means assessment awaiting decision, under
     * review, criminal investigation, cancelled, written off…); null when nothing stands in the way.
     * Kept by the liability command from the domain's rule; the VAL query adds "past due, money owed".
     */
    valBlock: text('val_block'),
  },
  (t) => [index('liabilities_case').on(t.caseId), index('liabilities_party').on(t.partyId), index('liabilities_stage').on(t.stage), index('liabilities_payment_due').on(t.paymentDue)],
);

/** Gapless case reference numbers: one row per year, incremented inside the creating transaction. */
export const caseReferenceCounters = pgTable('case_reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** Messages to one officer (a case assigned away from them, a case returned to them); shown on their work page. */
export const officerNotifications = pgTable(
  'officer_notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    caseId: uuid('case_id'),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('officer_notifications_user').on(t.userId, t.readAt)],
);

/** Cases linked to each other (S31A and S32 from one incident; vehicle interception cases), both ways. */
export const caseLinks = pgTable(
  'case_links',
  {
    caseId: uuid('case_id').notNull(),
    linkedCaseId: uuid('linked_case_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.linkedCaseId] })],
);

/**
 * Each discretionary reduction a Senior Officer approved (`DiscretionApproved`), one row per item:
 * what the consistency view (`/discretion`) counts by reason, officer and port. Written only by
 * `casesProjector`.
 */
export const discretionDecisions = pgTable(
  'discretion_decisions',
  {
    /** The event's stream and version, and the item's place in it. */
    id: text('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id').notNull(),
    /** The case's port when the discretion was approved (a port code, or 'INLAND'). */
    portCode: text('port_code').notNull(),
    reasonCode: text('reason_code').notNull(),
    explanation: text('explanation'),
    /** Hundredths of a percent: 25% is 2500. */
    basisPoints: integer('basis_points').notNull(),
    afterMeans: boolean('after_means').notNull(),
    reducedPence: bigint('reduced_pence', { mode: 'number' }).notNull(),
    recommendedPence: bigint('recommended_pence', { mode: 'number' }).notNull(),
    draftedBy: text('drafted_by').notNull(),
    approvedBy: text('approved_by').notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('discretion_decisions_approved_on').on(t.approvedOn), index('discretion_decisions_case').on(t.caseId)],

);

/**
 * Every name on a case (driver, company, each responsible person) in the parties register's
 * normalised forms, for the case search: `key` is the name's words run together ("Trans-Pol Sp. z
 * o.o." → `transpol`; its umlaut-transcribed spelling is a row of its own), so punctuation, spacing,
 * diacritics and alphabets cannot keep a search from it; `words` are its words, so the words of a
 * search in any order find it ("Kowalski Piotr"). People not yet linked to the register are here too.
 */
export const caseSearchNames = pgTable(
  'case_search_names',
  {
    caseId: uuid('case_id').notNull(),
    key: text('key').notNull(),
    words: text('words').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.key] }),
    index('case_search_names_key_trgm').using('gin', sql`${t.key} gin_trgm_ops`),
    index('case_search_names_words').using('gin', t.words),
  ],
);

/**
 * Every confirmation of who a liability's person is (`LiabilityPartyConfirmed`, one row each, never
 * deleted), with the facts of the case it is on (from the case's `CaseOpened`), for the deterrence
 * view (deterrence.ts). Written only by `casesProjector` (projector.ts); read by insight through `partyInvolvementsAsOf` (queries.ts).
 *
 * As of any instant: a row stands when it was confirmed by then (`confirmed_at`) and no later
 * confirmation of the same liability was (`superseded_at`, the earliest recording instant of the
 * liability's later confirmations, null while there is none), so the read table answers for any
 * asOf exactly what "the latest confirmation recorded by asOf" of the event log answers.
 * The party is the register entry as confirmed: merges are resolved as of the report's asOf, from
 * the register's events, when the table is read.
 */
export const partyInvolvements = pgTable(
  'party_involvements',
  {
    /** The case stream (`case-<id>`) and the confirmation's version on it. */
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    liabilityId: text('liability_id').notNull(),
    /** The responsible person's role: driver, owner, hirer, operator. */
    role: text('role').notNull(),
    /** 'driver' for a driver, 'company' for the owner, hirer or operator. */
    kind: text('kind').notNull(),
    /** The register entry confirmed (not resolved through merges). */
    partyId: text('party_id').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    /** The case's `CaseOpened`: its place in the log, when it was recorded, its incident date (null when it carried none) and reference; null without one (a case carried over). */
    caseSeq: bigint('case_seq', { mode: 'number' }),
    caseOpenedAt: timestamp('case_opened_at', { withTimezone: true, mode: 'date' }),
    incidentDate: date('incident_date', { mode: 'string' }),
    reference: text('reference'),
  },
  (t) => [
    primaryKey({ columns: [t.streamId, t.version] }),
    index('party_involvements_liability').on(t.liabilityId),
    index('party_involvements_incident_date').on(t.incidentDate),
    index('party_involvements_party').on(t.partyId, t.incidentDate),
  ],
);

/**
 * Every event on a case stream that moves a liability's money or says where its debt stands (the
 * types `MONEY_STEP_TYPES` in projector.ts: a penalty imposed, objections and appeals decided, a means
 * reduction, payments, refunds, detention costs, a write-off, a referral to the debt agency and its
 * outcome, the liability closed), one row each, never changed, with the event's place in the log
 * (`seq`), when it was recorded and the payload's fields the money fold reads. Written only by
 * `casesProjector` (`projectMoneySteps`); read by insight's `money` family through
 * `liabilityMoneyStepsTable` (queries.ts), which folds the rows recorded by asOf exactly as it folded
 * the events, so it answers as of any asOf what the event log answers.
 */
export const liabilityMoneySteps = pgTable(
  'liability_money_steps',
  {
    /** The case stream (`case-<id>`) and the event's version on it. */
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    /** The event's place in the log. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    liabilityId: text('liability_id').notNull(),
    type: text('type').notNull(),
    /** When the event was recorded (`occurred_at`). */
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The payload's `amountPence`, `outcome`, `referralId` and `noticeDate` (a penalty's), null when it has none. */
    amountPence: bigint('amount_pence', { mode: 'number' }),
    outcome: text('outcome'),
    referralId: text('referral_id'),
    noticeDate: date('notice_date', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.streamId, t.version] }),
    index('liability_money_steps_liability').on(t.liabilityId),
    // Only a penalty has a notice date: the index holds the penalties.
    index('liability_money_steps_notice_date').on(t.noticeDate).where(sql`${t.noticeDate} is not null`),
  ],
);

/**
 * A liability's money folded from all its steps in `liability_money_steps` (money-totals.ts), one row
 * per liability with a step, replaced whole each time one of its steps is written: its first penalty
 * (version, place in the log, when recorded, notice date, amount), the amount in force by its latest
 * decision, what was paid, refunded and charged, whether it was cancelled, written off or has a
 * referral to the debt agency still open, and when its last step was recorded. Written only by
 * `casesProjector` (`projectMoneyTotals`); read by insight's `money` family through
 * `liabilityMoneyTotalsTable` (queries.ts) for an asOf on or after `last_recorded_at`, where it is
 * what the fold of the steps recorded by asOf gives.
 */
export const liabilityMoneyTotals = pgTable(
  'liability_money_totals',
  {
    streamId: text('stream_id').notNull(),
    liabilityId: text('liability_id').notNull(),
    firstPenaltyVersion: integer('first_penalty_version'),
    firstPenaltySeq: bigint('first_penalty_seq', { mode: 'number' }),
    firstPenaltyRecordedAt: timestamp('first_penalty_recorded_at', { withTimezone: true, mode: 'date' }),
    noticeDate: date('notice_date', { mode: 'string' }),
    imposedPence: bigint('imposed_pence', { mode: 'number' }),
    cancelled: boolean('cancelled').notNull(),
    lastAmountPence: bigint('last_amount_pence', { mode: 'number' }),
    paidPence: bigint('paid_pence', { mode: 'number' }).notNull(),
    refundedPence: bigint('refunded_pence', { mode: 'number' }).notNull(),
    costsPence: bigint('costs_pence', { mode: 'number' }).notNull(),
    writtenOff: boolean('written_off').notNull(),
    /** A referral to the debt agency recorded, not closed after it, with no outcome back (over every step). */
    referred: boolean('referred').notNull(),
    lastRecordedAt: timestamp('last_recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.streamId, t.liabilityId] }),
    // Only a liability with a penalty has a notice date: the index holds those.
    index('liability_money_totals_notice_date').on(t.noticeDate).where(sql`${t.noticeDate} is not null`),
    // The liabilities with a step recorded after an asOf (few, for a recent one): folded again from their steps.
    index('liability_money_totals_last_recorded_at').on(t.lastRecordedAt),
  ],
);

/**
 * Every penalty calculation put in force, one row each: a recommendation approved
 * (`RecommendationApproved`, `source` 'recommendation', with the steps of the liability's last
 * `RecommendationDrafted` before it on the stream, null when there was none) and an objection's
 * determination with a fresh calculation (`ObjectionDetermined` with steps, 'objection'), with the
 * event's place in the log, when it was recorded and its day (`on`). Written only by `casesProjector`
 * (`projectCalculations`); read by insight's `calculationReductions` family through
 * `liabilityCalculationsTable` (queries.ts), keeping the rows recorded by its asOf: so it answers as
 * of any asOf what the event log answers.
 */
export const liabilityCalculations = pgTable(
  'liability_calculations',
  {
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    liabilityId: text('liability_id').notNull(),
    /** 'recommendation' or 'objection'. */
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The event's `on`: the day the calculation was approved or the objection determined. */
    day: date('day', { mode: 'string' }),
    /** The calculation's steps (label, amount after the step), as drafted. */
    steps: jsonb('steps'),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.version] }), index('liability_calculations_day').on(t.day)],
);
