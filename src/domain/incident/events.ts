import { z } from 'zod';
import { NOT_REFERRED_REASONS } from '../liability/actions.js';
import { codeOf, count, eventNames, id, instant, offence, sha256, type EventUnion } from '../event-schemas.js';
import { incidentInput, personFoundInput, RESPONSIBLE_ROLES } from './incident.js';
import { searchRecordInput } from './search.js';
import { handoverInput, nrmOutcomeInput } from './people-found.js';

/*
 * The border's streams: `search` (`search-<id>`, one event per vehicle searched) and `incident`
 * (`incident-<id>`, a border event from its draft to the referral that opens a case). The payloads
 * that carry what an officer entered reuse the schemas that check the entry.
 */

export const SEARCH_EVENTS = {
  SearchRecorded: searchRecordInput.extend({ searchId: id }),
};

/** One person found, as recorded on the incident: `personId` is the id of their row (older events have none). */
const personFound = z.strictObject({ ...personFoundInput.shape, personId: id });

/**
 * The incident as saved in a draft: everything but the people found, who are kept apart —
 * `peopleFound` (recorded since the read tables rebuild from the log) is the whole list when the
 * draft replaced it, absent when it left the list as it was.
 */
const incidentDraft = z.strictObject({
  incidentId: id,
  incident: incidentInput.omit({ peopleFound: true }),
  peopleFoundCount: count,
  peopleFound: z.array(personFound).optional(),
});

export const INCIDENT_EVENTS = {
  IncidentDraftStarted: incidentDraft,
  IncidentDraftSaved: incidentDraft,
  /** Sent to the penalty team: the liabilities it opens (one per responsible person and offence). */
  IncidentSubmitted: z.strictObject({
    incidentId: id,
    liabilities: z.array(z.strictObject({ personIndex: count, role: codeOf(RESPONSIBLE_ROLES), offence })),
  }),
  EvidenceAdded: z.strictObject({
    incidentId: id,
    /** The id of the evidence row (older events have none). */
    evidenceId: id.optional(),
    kind: z.enum(['photo', 'checklist', 'document']),
    requirementCode: z.string().nullable(),
    hash: sha256,
    mediaType: z.string(),
    size: z.number().int().positive(),
    originalName: z.string(),
    thumbnailHash: sha256.nullable(),
  }),
  /** Discretion not to refer; `needsApproval` unless it rests on a recorded self-declaration. */
  NotReferralDecided: z.strictObject({ incidentId: id, reasonCode: codeOf(NOT_REFERRED_REASONS), reasonText: z.string(), needsApproval: z.boolean() }),
  NotReferralApproved: z.strictObject({ incidentId: id, note: z.string().nullable() }),
  NotReferralRejected: z.strictObject({ incidentId: id, note: z.string().nullable() }),
  /** The written notice given to the driver (Recommendation 6b), in person or by email. */
  DriverNoticeGiven: z.strictObject({
    incidentId: id,
    method: z.enum(['in-person', 'email']),
    language: z.string().regex(/^[a-z]{2}$/),
    emailId: z.string().optional(),
    emailedTo: z.string().optional(),
  }),
  PersonFoundRecorded: z.strictObject({ ...personFoundInput.shape, incidentId: id, sequence: z.number().int().min(1), personId: id.optional() }),
  /** A person's record changed while the incident is a draft: the whole record as it now stands (an NRM outcome recorded is kept). */
  PersonFoundAmended: z.strictObject({ ...personFoundInput.shape, incidentId: id, personId: id }),
  /** A follow-up after the record, allowed after sending: a child's handover to a local authority, and/or the NRM's decision when it comes back. */
  PersonFoundFollowUpRecorded: z.strictObject({ incidentId: id, personId: id, handover: handoverInput.optional(), nrmOutcome: nrmOutcomeInput.optional() }),
  /**
   * Recorded once by the upgrade (`carryOverIncidentRows`) for an incident whose older events did not
   * carry the ids of its people found and evidence: the rows as they stood, which replace whatever
   * the older events make. Changes nothing live.
   */
  /** An inland detection's earlier crossing, confirmed by the officer: that search is a "failure" (seed 003 recommendation 2a). */
  EarlierCrossingConfirmed: z.strictObject({ incidentId: id, searchId: id }),
  /** The officer said none of the searches found for the vehicle is its crossing. */
  EarlierCrossingRuledOut: z.strictObject({ incidentId: id, note: z.string().nullable() }),
  IncidentRowsCarriedOver: z.strictObject({
    incidentId: id,
    peopleFound: z.array(
      z.strictObject({
        personId: id,
        sequence: z.number().int().min(1),
        apparentChild: z.boolean(),
        potentialVictimOfTrafficking: z.boolean(),
        nrmReferralReference: z.string().nullable(),
        medicalNeed: z.boolean(),
        checks: z.record(z.string(), z.string()),
        notes: z.string().nullable(),
        /** Claimed identity, minimum checks and safeguarding (people-found.ts), when recorded. */
        details: z.record(z.string(), z.unknown()).optional(),
        nrmOutcome: z.record(z.string(), z.unknown()).nullable().optional(),
      }),
    ),
    evidence: z.array(
      z.strictObject({
        evidenceId: id,
        kind: z.string(),
        requirementCode: z.string().nullable(),
        hash: sha256,
        mediaType: z.string(),
        size: z.number().int().positive(),
        originalName: z.string(),
        thumbnailHash: sha256.nullable(),
        uploadedByName: z.string(),
        uploadedAt: instant,
      }),
    ),
  }),
};

/** `SEARCH_EVENT.SearchRecorded` is `'SearchRecorded'`. */
export const SEARCH_EVENT = eventNames(SEARCH_EVENTS);
/** `INCIDENT_EVENT.DriverNoticeGiven` is `'DriverNoticeGiven'`. */
export const INCIDENT_EVENT = eventNames(INCIDENT_EVENTS);

export type SearchEvent = EventUnion<typeof SEARCH_EVENTS>;
export type IncidentEvent = EventUnion<typeof INCIDENT_EVENTS>;
