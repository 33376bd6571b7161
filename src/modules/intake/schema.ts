import { pgTable, uuid, text, timestamp, integer, jsonb, date, boolean, index } from 'drizzle-orm/pg-core';

/** Every vehicle searched, whatever was found (DOMAIN.md §9). */
export const searches = pgTable(
  'searches',
  {
    id: uuid('id').primaryKey(),
    searchedAt: timestamp('searched_at', { withTimezone: true, mode: 'date' }).notNull(),
    portCode: text('port_code').notNull(),
    controlZone: text('control_zone'),
    lane: text('lane'),
    vehicleKind: text('vehicle_kind').notNull(),
    tractorRegistration: text('tractor_registration'),
    tractorKey: text('tractor_key'),
    tractorCountry: text('tractor_country'),
    trailerRegistration: text('trailer_registration'),
    trailerKey: text('trailer_key'),
    trailerCountry: text('trailer_country'),
    selectionReason: text('selection_reason').notNull(),
    methods: text('methods').array().notNull(),
    searchedBy: text('searched_by').notNull(),
    result: text('result').notNull(),
    /** The one method that found the people or the breach (null when nothing was found, and for older searches). */
    detectingMethod: text('detecting_method'),
    detectingMethodUnknownReason: text('detecting_method_unknown_reason'),
    recordedById: text('recorded_by_id').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('searches_searched_at').on(t.searchedAt),
    index('searches_port').on(t.portCode, t.searchedAt),
    index('searches_tractor').on(t.tractorKey),
    index('searches_trailer').on(t.trailerKey),
    index('searches_recorded_by').on(t.recordedById, t.recordedAt),
  ],
);

/**
 * An incident as the officer records it: a draft they may save part-way, then a referral sent once
 * to the penalty team, which opens the case. The draft is the officer's own working copy.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    data: jsonb('data').notNull(),
    searchId: uuid('search_id'),
    incidentDate: date('incident_date', { mode: 'string' }),
    portCode: text('port_code'),
    caseId: uuid('case_id'),
    caseReference: text('case_reference'),
    notReferredReason: text('not_referred_reason'),
    createdById: text('created_by_id').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull(),
  },
  (t) => [index('incidents_status').on(t.status), index('incidents_case').on(t.caseId), index('incidents_created_by').on(t.createdById)],
);

/** The people found: held apart from the penalty case and shown only to the roles that need it. */
export const peopleFound = pgTable(
  'people_found',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    sequence: integer('sequence').notNull(),
    apparentChild: boolean('apparent_child').notNull(),
    potentialVictimOfTrafficking: boolean('potential_victim_of_trafficking').notNull(),
    nrmReferralReference: text('nrm_referral_reference'),
    medicalNeed: boolean('medical_need').notNull(),
    checks: jsonb('checks').notNull(),
    notes: text('notes'),
    /** Claimed identity, minimum checks and safeguarding (`personFoundDetailsShape`, people-found.ts). */
    details: jsonb('details').notNull().default({}),
    /** The NRM's decisions as they come back: `{ "reasonable-grounds": { decision, date }, "conclusive-grounds": … }`. */
    nrmOutcome: jsonb('nrm_outcome'),
  },
  (t) => [index('people_found_incident').on(t.incidentId)],
);

/** Photos and scans kept with an incident (and so with its case), stored by content hash. */
export const incidentEvidence = pgTable(
  'incident_evidence',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id').notNull(),
    fileHash: text('file_hash').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    originalName: text('original_name').notNull(),
    thumbnailHash: text('thumbnail_hash'),
    kind: text('kind').notNull(),
    requirementCode: text('requirement_code'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('incident_evidence_incident').on(t.incidentId)],
);

/**
 * An inland detection's earlier crossing as the officer decided it: the search confirmed as the
 * vehicle's crossing (that search is then a "failure": the vehicle was later identified with a lorry
 * drop), or none of those found (`search_id` null).
 */
export const earlierCrossings = pgTable(
  'earlier_crossings',
  {
    incidentId: uuid('incident_id').primaryKey(),
    searchId: uuid('search_id'),
    outcome: text('outcome').notNull(),
    note: text('note'),
    decidedById: text('decided_by_id').notNull(),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('earlier_crossings_search').on(t.searchId)],
);
