import { z } from 'zod';
import { COMPANY_BANDS } from '../penalty/penalty-input.js';
import { referralInput } from '../incident/referral.js';
import { RESPONSIBLE_ROLES } from '../incident/incident.js';
import { LIABILITY_EVENT_PAYLOADS, recordedSchema, type LiabilityEvent } from '../liability/liability-events.js';
import { AGENCY_OUTCOMES, INSOLVENCY_FINDINGS } from '../payments/debt-outcomes.js';
import { DETENTION_ENDINGS } from '../payments/detention.js';
import { amountPence, calendarDate, codeOf, count, countryCode, eventNames, id, offence, sha256, type EventUnion } from '../event-schemas.js';
import { BUNDLE_ITEMS, HEARING_TYPES, LINK_REASONS, RISK_LEVELS } from './choices.js';
import { migratedField } from '../legacy-import/provenance.js';

/*
 * The `case` stream (`case-<caseId>`): one per incident, holding the case's own events and every
 * liability's events (each stored with its `liabilityId` and who recorded it on which day).
 */

// ---- Opening a case ----
// The payloads of these four will gain fields (vehicle registration, names, lorry-drop dates, each
// liability's address, email and language) with the case-opening work: they are defined here with
// today's fields, and that change adds its fields here.

/** A minimal referral from the border (POST /api/v1/referrals): the referral as sent. */
const referralReceived = referralInput;
/** An incident sent from border events (the full incident stays on the incident's stream). */
const incidentReferred = z.strictObject({
  incidentId: id,
  offences: z.array(offence).min(1),
  incidentDate: calendarDate,
  /** A port code, or 'INLAND'. */
  port: z.string().min(1),
  clandestineEntrants: count.nullable(),
});
const lorryDrop = z.strictObject({ estimatedArrivalDate: calendarDate, detectionDate: calendarDate });
/**
 * The case as opened, with every fact its read row holds (so the read tables can be rebuilt from the
 * log). Cases opened before that carry only `caseId`, `reference` and `offence`: the other fields are
 * optional for them, and always written now (`src/domain/case/open-case.ts`).
 */
const caseOpened = z.strictObject({
  caseId: id,
  reference: z.string().min(1),
  offence: z.enum(['S31A', 'S32', 'S31A+S32']),
  incidentId: id.nullable().optional(),
  incidentDate: calendarDate.optional(),
  /** A port code, or 'INLAND'. */
  port: z.string().min(1).optional(),
  clandestineEntrants: count.nullable().optional(),
  vehicleRegistration: z.string().optional(),
  vehicleCountry: z.string().optional(),
  driverName: z.string().optional(),
  companyName: z.string().optional(),
  referredBy: z.string().optional(),
  selfDeclared: z.boolean().optional(),
  /** Only for a lorry drop: the statutory clock starts on the earlier of the two dates. */
  lorryDrop: lorryDrop.optional(),
  /** Imported from the legacy record (src/domain/legacy-import): its file and line. */
  ...migratedField,
});
/** One responsible person for one offence; the contact fields are on liabilities opened since the one opening path. */
const liabilityOpened = z.strictObject({
  liabilityId: id,
  role: codeOf(RESPONSIBLE_ROLES),
  offence,
  partyName: z.string(),
  /** Which responsible person of the recorded incident; null for a minimal referral. */
  personIndex: z.number().int().min(0).nullable().optional(),
  addressLines: z.array(z.string()).nullable().optional(),
  email: z.string().nullable().optional(),
  /** ISO 639-1; null when none was recorded. */
  language: z.string().nullable().optional(),
  ...migratedField,
});

/**
 * An upgrade's record of a case's rows as older code left them (`src/modules/casework/carry-over.ts`):
 * events recorded before the read tables were projected lack facts the rows hold. Appended once
 * per such case; replaying it gives the rows back exactly. Rows as JSON, keyed by column.
 */
const row = z.record(z.string(), z.unknown());
const caseCarriedOver = z.strictObject({ case: row, liabilities: z.array(row), links: z.array(row), notifications: z.array(row).optional(), letters: z.array(row).optional() });

// ---- Case-level steps ----

const liabilityPartyConfirmed = z.strictObject({
  liabilityId: id,
  role: codeOf(RESPONSIBLE_ROLES),
  partyId: id,
  previousPartyId: id.nullable(),
  how: z.enum(['confirmed-proposal', 'created-new', 'chosen-by-search']),
  score: z.number().nullable(),
  ...migratedField,
});
/**
 * The first address of a responsible person who had none on the case (a quick referral, a referral
 * by the API), recorded in the parties register for the entry the person was confirmed to be:
 * letters now go there. A change of an address the case has is `AddressChangeProposed` instead.
 */
const liabilityAddressRecorded = z.strictObject({ liabilityId: id, partyId: id, addressLines: z.array(z.string()) });
const caseNoteAdded = z.strictObject({ text: z.string().min(1) });
const caseLinked = z.strictObject({ linkedCaseId: id, linkedReference: z.string(), reason: codeOf(LINK_REASONS), note: z.string().nullable() });
const caseUnlinked = z.strictObject({ linkedCaseId: id, linkedReference: z.string() });
/** A senior officer's split of the aggregate maximum: each liability's share, by liability id. */
const aggregateSplitRecorded = z.strictObject({ offence, amountsPence: z.record(z.string(), amountPence) });
const caseClaimed = z.strictObject({ officerId: id, officerName: z.string() });
const caseAssigned = z.strictObject({ officerId: id, officerName: z.string().nullable(), previousOfficerId: id.nullable(), previousOfficerName: z.string().nullable() });
const caseUnassigned = z.strictObject({ previousOfficerId: id, previousOfficerName: z.string().nullable() });

// ---- Means testing ----

const companyBand = z.enum(COMPANY_BANDS);
const wholeEuros = z.number().int().nonnegative().nullable();
const meansAssessmentRecorded = z.discriminatedUnion('kind', [
  z.strictObject({
    liabilityId: id,
    assessmentId: id,
    kind: z.literal('company'),
    inputs: z.strictObject({
      /** ISO 4217 code of the accounts' currency. */
      currency: z.string().regex(/^[A-Z]{3}$/),
      turnover: z.string().nullable(),
      balanceSheetTotal: z.string().nullable(),
      headcount: count,
      turnoverEuro: wholeEuros,
      balanceSheetTotalEuro: wholeEuros,
    }),
    rate: z.strictObject({ eurosPerUnit: z.string(), source: z.string(), date: z.string() }).nullable(),
    suggestion: z.strictObject({ band: companyBand, explanation: z.string() }),
    decision: z.strictObject({ band: companyBand, reason: z.string().nullable() }),
  }),
  z.strictObject({
    liabilityId: id,
    assessmentId: id,
    kind: z.literal('individual'),
    inputs: z.strictObject({ payslips: z.array(z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), grossPence: amountPence })) }),
    rate: z.null(),
    suggestion: z.strictObject({ amountPence, explanation: z.string() }),
    decision: z.strictObject({ assessedAmountPence: amountPence, reason: z.string().nullable() }),
  }),
]);
const meansAssessmentAssured = z.strictObject({ liabilityId: id, assessmentId: id });
const meansAssessmentReturned = z.strictObject({ liabilityId: id, assessmentId: id, reason: z.string() });

// ---- Appeal preparation ----

const appealHearingScheduled = z.strictObject({ liabilityId: id, hearingId: id, hearingOn: calendarDate, court: z.string(), type: codeOf(HEARING_TYPES) });
const appealBundleItemChecked = z.strictObject({ liabilityId: id, item: codeOf(BUNDLE_ITEMS), checked: z.boolean() });
const appealWitnessStatementRecorded = z.strictObject({ liabilityId: id, text: z.string(), madeBy: z.string(), madeOn: calendarDate });

// ---- Correspondence ----

const letterPosted = z.strictObject({ letterId: id, liabilityId: id.nullable(), form: z.string(), title: z.string() });
/** A letter a step produced: its PDF in the file store (by content hash), in which language, to whom and where. */
const letterProduced = z.strictObject({
  letterId: id,
  liabilityId: id.nullable(),
  form: z.string(),
  title: z.string(),
  language: z.string(),
  fileHash: sha256,
  /** The letters as laid out (JSON in the file store), re-rendered when many are printed as one PDF; absent on letters kept before it was. */
  layoutHash: sha256.optional(),
  recipientName: z.string(),
  addressLines: z.array(z.string()),
  email: z.string().nullable(),
});
const responseDocument = z.strictObject({ hash: sha256, originalName: z.string(), mediaType: z.string(), size: count });
const responseDocumentsReceived = z.strictObject({
  liabilityId: id,
  files: z.array(responseDocument),
  receivedOn: calendarDate,
  description: z.string(),
  /** Absent on documents recorded before objections had evidence: those came with the response. */
  about: z.enum(['response', 'objection']).optional(),
});
const structuredAddress = z.strictObject({
  line1: z.string(),
  line2: z.string().optional(),
  town: z.string(),
  postcode: z.string().optional(),
  country: countryCode,
});
const addressChangeProposed = z.strictObject({
  liabilityId: id,
  address: structuredAddress,
  /** The envelope lines the address becomes (`postalAddressLines`). */
  addressLines: z.array(z.string()),
  previousAddressLines: z.array(z.string()),
  reason: z.string(),
});
/** `proposal`: the version of the AddressChangeProposed event on the case stream, i.e. which proposal was decided. */
const addressChangeApproved = z.strictObject({ liabilityId: id, proposal: z.number().int().min(1), addressLines: z.array(z.string()) });
/** `withdrawn`: rejected by the officer who proposed it. */
const addressChangeRejected = addressChangeApproved.extend({ reason: z.string(), withdrawn: z.boolean() });
/* Asked for online by the person themselves (the portal, src/modules/portal/actions). */
/** A means test asked for, with the evidence: `documentLanguage` the language the documents are in, `translationNeeded` when it is not English. */
const meansTestRequested = z.strictObject({
  liabilityId: id,
  requestedOn: calendarDate,
  applicant: z.enum(['person', 'company']),
  statement: z.string(),
  documentLanguage: z.string(),
  translationNeeded: z.boolean(),
  files: z.array(responseDocument),
});
/** The email address or telephone number the person gave (null: removed; absent: unchanged). */
const contactDetailsChanged = z.strictObject({ liabilityId: id, email: z.string().nullable().optional(), phone: z.string().nullable().optional() });
/** The language a person chose for their case (on the portal): their letters, emails and pages are in it from then on. */
const preferredLanguageChosen = z.strictObject({ liabilityId: id, language: z.string().regex(/^[a-z]{2}$/), chosenOn: calendarDate });
const dataBreachRecorded = z.strictObject({
  letterId: id,
  liabilityId: id.nullable(),
  letterForm: z.string(),
  letterTitle: z.string(),
  /** Where the letter went. */
  addressLines: z.array(z.string()),
  foundOn: calendarDate,
  disclosed: z.string(),
  riskLevel: codeOf(RISK_LEVELS),
  riskReasons: z.string(),
  icoMustBeTold: z.boolean(),
  /** 72 hours from finding it (UK GDPR article 33), as the last calendar day; null when not told. */
  icoReportBy: calendarDate.nullable(),
  actionsTaken: z.string(),
  lettersSent: z.array(z.string()),
});

// ---- Debt recovery and detention ----

/** The debtor acknowledged the debt in writing (restarts the limitation period). */
const debtAcknowledged = z.strictObject({ liabilityId: id, acknowledgedOn: calendarDate, note: z.string() });
/** A check of the insolvency registers for one responsible person. */
const insolvencyCheckRecorded = z.strictObject({ liabilityId: id, checkedOn: calendarDate, source: z.string(), finding: codeOf(INSOLVENCY_FINDINGS), note: z.string() });
const debtReferredToAgency = z.strictObject({
  liabilityId: id,
  referralId: id,
  batchId: id,
  amountPence,
  /** The SHA-256 of the agency's file the referral was in (absent from events recorded before it was added). */
  fileHash: z.string().optional(),
});
const debtAgencyOutcomeRecorded = z.strictObject({ liabilityId: id, referralId: id, outcome: codeOf(AGENCY_OUTCOMES), outcomeOn: calendarDate, note: z.string() });
const vehicleDetained = z.strictObject({ detentionId: id, liabilityId: id, registration: z.string(), place: z.string(), startedOn: calendarDate, dailyCostPence: amountPence });
const detentionEnded = z.strictObject({
  detentionId: id,
  liabilityId: id,
  how: codeOf(DETENTION_ENDINGS),
  howLabel: z.string(),
  endedOn: calendarDate,
  days: count,
  costsPence: amountPence,
});
/** The detention costs added to the penalty's debt when the detention ends. */
const detentionCostsCharged = z.strictObject({ liabilityId: id, detentionId: id, amountPence });

// ---- The liability events, as the case stream stores them ----

type LiabilityPayloads = typeof LIABILITY_EVENT_PAYLOADS;
/** `migrated`: the legacy record's file and line, on a fact the legacy import brought across. */
const onCase = { ...recordedSchema.shape, liabilityId: id, ...migratedField };
type OnCase<S> = S extends z.ZodObject<infer Shape, infer Config> ? z.ZodObject<Shape & typeof onCase, Config> : never;

/** Each liability event with `by` and `on` (from `liabilityEvent`) and the liability it belongs to. */
const liabilityEventsOnCase = Object.fromEntries(
  Object.entries(LIABILITY_EVENT_PAYLOADS).map(([type, schema]) => [type, schema.extend(onCase)]),
) as { [K in keyof LiabilityPayloads]: OnCase<LiabilityPayloads[K]> };

export const CASE_EVENTS = {
  ReferralReceived: referralReceived,
  IncidentReferred: incidentReferred,
  CaseOpened: caseOpened,
  LiabilityOpened: liabilityOpened,
  CaseCarriedOver: caseCarriedOver,
  LiabilityPartyConfirmed: liabilityPartyConfirmed,
  LiabilityAddressRecorded: liabilityAddressRecorded,
  CaseNoteAdded: caseNoteAdded,
  CaseLinked: caseLinked,
  CaseUnlinked: caseUnlinked,
  AggregateSplitRecorded: aggregateSplitRecorded,
  CaseClaimed: caseClaimed,
  CaseAssigned: caseAssigned,
  CaseUnassigned: caseUnassigned,
  MeansAssessmentRecorded: meansAssessmentRecorded,
  MeansAssessmentAssured: meansAssessmentAssured,
  MeansAssessmentReturned: meansAssessmentReturned,
  AppealHearingScheduled: appealHearingScheduled,
  AppealBundleItemChecked: appealBundleItemChecked,
  AppealWitnessStatementRecorded: appealWitnessStatementRecorded,
  LetterPosted: letterPosted,
  LetterProduced: letterProduced,
  ResponseDocumentsReceived: responseDocumentsReceived,
  AddressChangeProposed: addressChangeProposed,
  AddressChangeApproved: addressChangeApproved,
  AddressChangeRejected: addressChangeRejected,
  MeansTestRequested: meansTestRequested,
  ContactDetailsChanged: contactDetailsChanged,
  PreferredLanguageChosen: preferredLanguageChosen,
  DataBreachRecorded: dataBreachRecorded,
  DebtAcknowledged: debtAcknowledged,
  InsolvencyCheckRecorded: insolvencyCheckRecorded,
  DebtReferredToAgency: debtReferredToAgency,
  DebtAgencyOutcomeRecorded: debtAgencyOutcomeRecorded,
  VehicleDetained: vehicleDetained,
  DetentionEnded: detentionEnded,
  DetentionCostsCharged: detentionCostsCharged,
  ...liabilityEventsOnCase,
};

/**
 * The `letter` stream (`letter-<letterId>`): what happened to a letter after its step committed. On
 * its own stream so that emailing it does not move the case's version under an officer's feet.
 */
export const LETTER_EVENTS = {
  LetterEmailed: z.strictObject({ letterId: id, caseId: id }),
};
export const LETTER_EVENT = eventNames(LETTER_EVENTS);

/** The case stream's event names: `CASE_EVENT.CaseNoteAdded` is `'CaseNoteAdded'`. */
export const CASE_EVENT = eventNames(CASE_EVENTS);

export type CaseEventType = keyof typeof CASE_EVENTS;
export type CaseEvent = EventUnion<typeof CASE_EVENTS>;
export type CaseEventPayload<K extends CaseEventType> = z.infer<(typeof CASE_EVENTS)[K]>;

export type MeansAssessmentRecordedPayload = z.infer<typeof meansAssessmentRecorded>;
export type LetterPostedPayload = z.infer<typeof letterPosted>;
export type ResponseDocument = z.infer<typeof responseDocument>;
export type ResponseDocumentsPayload = z.infer<typeof responseDocumentsReceived>;
export type StructuredAddress = z.infer<typeof structuredAddress>;
export type MeansTestRequestedPayload = z.infer<typeof meansTestRequested>;
export type ContactDetailsChangedPayload = z.infer<typeof contactDetailsChanged>;
export type PreferredLanguageChosenPayload = z.infer<typeof preferredLanguageChosen>;
export type AddressChangeProposedPayload = z.infer<typeof addressChangeProposed>;
export type AddressChangeApprovedPayload = z.infer<typeof addressChangeApproved>;
export type AddressChangeRejectedPayload = z.infer<typeof addressChangeRejected>;
export type DataBreachPayload = z.infer<typeof dataBreachRecorded>;

/** A liability's event as the case stream stores it: with the liability it belongs to. */
export function liabilityEventOnCase(event: LiabilityEvent, liabilityId: string): CaseEvent {
  return { type: event.type, payload: { ...event.payload, liabilityId } } as CaseEvent;
}

/** The liability a case event is about, when it names one. */
export function liabilityIdOf(event: { payload: object }): string | undefined {
  const value = (event.payload as { liabilityId?: unknown }).liabilityId;
  return typeof value === 'string' ? value : undefined;
}
