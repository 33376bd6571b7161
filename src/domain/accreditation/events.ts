import { z } from 'zod';
import { calendarDate, count, countryCode, eventNames, id, type EventUnion } from '../event-schemas.js';
import { ACCREDITATION_AREAS, APPLICATION_CHANNELS, AREA_OUTCOMES } from './areas.js';

/*
 * An application to the Civil Penalty Accreditation Scheme (issue #16), on the
 * `accreditation-application` stream (`accreditation-application-<reference>`, the reference like
 * `CPAS-2026-00042`): submitted by a haulier (online or through the API), assessed area by area,
 * more information asked for and given, then accepted (the company, resolved in the parties
 * register, becomes a member) or refused (proposed by an assessor, approved by a Senior Officer who
 * did not propose it), or withdrawn.
 */

const area = z.enum(ACCREDITATION_AREAS);
/** A language code of the catalogues (`en`, `pl`, `ro` …). */
const languageCode = z.string().regex(/^[a-z]{2}$/);
const fileIds = z.array(id);

/** The evidence given for one area: what the company does, and the files that show it. */
const areaEvidence = z.strictObject({ description: z.string().min(1), fileIds });

export const ACCREDITATION_APPLICATION_EVENTS = {
  AccreditationApplicationSubmitted: z.strictObject({
    /** `CPAS-<year received>-<five digits>`. */
    reference: z.string().regex(/^CPAS-\d{4}-\d{5,}$/),
    /** The UK date it reached us. */
    receivedOn: calendarDate,
    /** The date a decision is due: receivedOn plus `accreditation.applicationDecisionDays` of the policy in force on receivedOn. */
    decisionDue: calendarDate,
    decisionWithinDays: count,
    /** The language the applicant wrote in, and is written to in. */
    language: languageCode,
    company: z.strictObject({
      name: z.string().min(1),
      /** ISO 3166-1 alpha-2. */
      country: countryCode,
      addressLines: z.array(z.string().min(1)).min(1),
      postcode: z.string().nullable(),
      /** The operator licence (EOL) number. */
      operatorLicence: z.string().min(1),
      contactName: z.string().min(1),
      email: z.string().min(3),
      phone: z.string().nullable(),
      numberOfDrivers: z.number().int().positive(),
    }),
    /** The evidence in each of the five areas. */
    areas: z.strictObject({
      securityDevices: areaEvidence,
      checkRecord: areaEvidence,
      driverInstructions: areaEvidence,
      driverTraining: areaEvidence,
      driverPerformanceReview: areaEvidence,
    }),
    /** Completed driver checklists, at least as many as the policy asks for the number of drivers. */
    driverChecklists: z.strictObject({ fileIds, required: count }),
    declaration: z.literal(true),
    channel: z.enum(APPLICATION_CHANNELS),
  }),
  /** The assessor asks the applicant for more in some areas (email and letter). */
  AccreditationInformationRequested: z.strictObject({ areas: z.array(area).min(1), message: z.string().min(1), requestedOn: calendarDate }),
  /** The applicant's answer, on the same application. */
  AccreditationInformationProvided: z.strictObject({ text: z.string(), fileIds, providedOn: calendarDate }),
  /** The assessor's finding for one area (a later finding for the same area replaces it). */
  AccreditationAreaAssessed: z.strictObject({ area, outcome: z.enum(AREA_OUTCOMES), notes: z.string() }),
  /** An assessor proposes a refusal, with the reasons in each area not met. */
  AccreditationRefusalProposed: z.strictObject({
    reasons: z.array(z.strictObject({ area, reason: z.string().min(1) })).min(1),
    summary: z.string().nullable(),
    proposedById: id,
    proposedByName: z.string(),
    proposedOn: calendarDate,
  }),
  /** A Senior Officer (never the proposer) approves the refusal: the application is refused. */
  AccreditationRefusalApproved: z.strictObject({ approvedById: id, approvedByName: z.string(), refusedOn: calendarDate }),
  /** A Senior Officer sends the proposal back to assessment, with why. */
  AccreditationRefusalReturned: z.strictObject({ reason: z.string().min(1), returnedOn: calendarDate }),
  /** Accepted: the company, as resolved in the parties register, is a member from `memberFrom`. */
  AccreditationApplicationAccepted: z.strictObject({ partyId: id, memberFrom: calendarDate, acceptedOn: calendarDate }),
  AccreditationApplicationWithdrawn: z.strictObject({ reason: z.string().nullable(), withdrawnOn: calendarDate }),
};

export const ACCREDITATION_APPLICATION_EVENT = eventNames(ACCREDITATION_APPLICATION_EVENTS);
export type AccreditationApplicationEvent = EventUnion<typeof ACCREDITATION_APPLICATION_EVENTS>;
