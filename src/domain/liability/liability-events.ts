import { z } from 'zod';
import { amountPence, calendarDate, codeOf, eventNames, id } from '../event-schemas.js';
import {
  APPEAL_OUTCOMES,
  CPAS_REGISTER_STATUSES,
  MEANS_REDUCTION_BASES,
  NOT_REFERRED_REASONS,
  NOTICE_DETAILS_CHECKLIST,
  OBJECTION_ASSURANCE_CHECKLIST,
  OBJECTION_OUTCOMES,
  PAYERS,
  PAYMENT_METHODS,
  RECOMMENDATION_CHECKLIST,
  RETURN_CATEGORIES,
  REVIEW_REASONS,
  WRITE_OFF_REASONS,
} from './actions.js';
import { STAGE_IDS, type Stage } from './stages.js';

/*
 * The liability's events: what `decide` returns and `evolve` folds. The zod schemas are the source;
 * the types below are derived from them. On the case's stream each is stored with `by`, `on` and the
 * `liabilityId` (the case stream's catalogue, src/domain/case/events.ts, adds that).
 */

const stage = z.enum(STAGE_IDS as [Stage, ...Stage[]]);
const penaltyStep = z.strictObject({ label: z.string(), rule: z.string(), amountPence });
const instalment = z.strictObject({ dueOn: calendarDate, amountPence });
/** One discretionary reduction in a recommendation: its policy reason code, the officer's text, and what it took off. */
const discretionEntry = z.strictObject({
  reasonCode: z.string(),
  explanation: z.string().nullable(),
  percent: z.number(),
  afterMeans: z.boolean(),
  reducedPence: amountPence,
});

/** The accreditation register's answer a recommendation's calculation used (`CpasAnswer`). */
const cpasAnswer = z.strictObject({
  source: z.enum(['register', 'override']),
  member: z.boolean(),
  status: z.enum(CPAS_REGISTER_STATUSES),
  reference: z.string().nullable(),
  reason: z.string().optional(),
});

/** Every event says who acted and on which day; the event log is the liability's history. */
export const recordedSchema = z.strictObject({ by: id, on: calendarDate });
export type Recorded = z.infer<typeof recordedSchema>;

/** Each liability event's own payload (without `by` and `on`). */
export const LIABILITY_EVENT_PAYLOADS = {
  /** `address`: the postal address the checker saw; a different address needs a fresh check. */
  NoticeDetailsChecked: z.strictObject({ address: z.string(), checklist: z.array(codeOf(NOTICE_DETAILS_CHECKLIST)).readonly() }),
  InitialNoticeSent: z.strictObject({ address: z.string(), resend: z.boolean() }),
  InitialNoticeResendRequired: z.strictObject({ wrongAddress: z.string(), reason: z.string() }),
  InitialNoticeResponseRecorded: z.strictObject({ receivedOn: calendarDate, late: z.boolean(), summary: z.string().nullable() }),
  ResponseWindowClosed: z.strictObject({ responseReceived: z.literal(false) }),
  RecommendationDrafted: z.strictObject({
    amountPence,
    policyVersion: z.string(),
    discretionApplied: z.boolean(),
    steps: z.array(penaltyStep).readonly(),
    warnings: z.array(z.string()).readonly(),
    /** Each discretionary reduction (recommendations drafted since discretion was codified). */
    discretion: z.array(discretionEntry).readonly().optional(),
    /** CPAS membership from the accreditation register, or overridden with a reason (since issue #16; absent on older events and for a driver). */
    cpas: cpasAnswer.optional(),
  }),
  RecommendationReturned: z.strictObject({ categories: z.array(codeOf(RETURN_CATEGORIES)).readonly(), text: z.string(), author: id }),
  /** `checklist` is absent on approvals recorded before the checklist existed. */
  RecommendationApproved: z.strictObject({
    author: id,
    discretionApplied: z.boolean(),
    bySeniorOfficer: z.boolean(),
    checklist: z.array(codeOf(RECOMMENDATION_CHECKLIST)).readonly().optional(),
  }),
  PenaltyImposed: z.strictObject({ noticeDate: calendarDate, amountPence, aggregateSplitApprovedBy: id.nullable() }),
  /** `lateReason`: why it is late, in the person's words (asked for online when the deadline has passed). */
  ObjectionReceived: z.strictObject({ receivedOn: calendarDate, grounds: z.string(), late: z.boolean(), objectionDue: calendarDate.nullable(), previousStage: stage, lateReason: z.string().optional() }),
  LateObjectionAccepted: z.strictObject({ reason: z.string() }),
  LateObjectionRefused: z.strictObject({ reason: z.string(), returnTo: stage }),
  /** The determination as drafted: it takes effect only when a Higher Officer assures it (ObjectionDetermined). */
  ObjectionDeterminationDrafted: z.strictObject({
    outcome: codeOf(OBJECTION_OUTCOMES),
    amountPence,
    previousAmountPence: amountPence,
    reasons: z.string(),
    steps: z.array(penaltyStep).readonly().nullable(),
    /** The accreditation register's answer of the fresh calculation, or its override with a reason (since issue #16). */
    cpas: cpasAnswer.optional(),
  }),
  ObjectionDeterminationReturned: z.strictObject({ reason: z.string(), determinedBy: id }),
  /**
   * The determination takes effect. Since assurance, `by` is the assurer and `determinedBy` the
   * officer who drafted it, with the assurer's `checklist`; both are absent on older events.
   */
  ObjectionDetermined: z.strictObject({
    outcome: codeOf(OBJECTION_OUTCOMES),
    amountPence,
    previousAmountPence: amountPence,
    reasons: z.string(),
    steps: z.array(penaltyStep).readonly().nullable(),
    determinedBy: id.optional(),
    checklist: z.array(codeOf(OBJECTION_ASSURANCE_CHECKLIST)).readonly().optional(),
    /** As drafted: an override of the accreditation register is assured by a Senior Officer (since issue #16). */
    cpas: cpasAnswer.optional(),
  }),
  AppealLodged: z.strictObject({ lodgedOn: calendarDate, inTime: z.boolean(), appealDue: calendarDate.nullable(), court: z.string().nullable(), claimNumber: z.string().nullable() }),
  AppealAllocated: z.strictObject({ officerId: id, previousOfficerId: id.nullable() }),
  AppealDecided: z.strictObject({
    outcome: codeOf(APPEAL_OUTCOMES),
    decidedOn: calendarDate,
    amountPence,
    costs: z.strictObject({ awardedTo: z.enum(['home-office', 'appellant']), amountPence }).nullable(),
  }),
  PaymentDueConfirmed: z.strictObject({ amountPence, paymentDue: calendarDate.nullable() }),
  PaymentReceived: z.strictObject({ amountPence, receivedOn: calendarDate, method: codeOf(PAYMENT_METHODS), reference: z.string(), paidBy: codeOf(PAYERS) }),
  /** More has been paid than is owed (a payment, or a reduction after payment): `amountPence` is the whole credit now. */
  OverpaymentDetected: z.strictObject({ amountPence }),
  RefundApproved: z.strictObject({ amountPence, reason: z.string() }),
  RefundRefused: z.strictObject({ amountPence, reason: z.string() }),
  InstalmentsRequested: z.strictObject({ requestedOn: calendarDate, proposal: z.string() }),
  InstalmentsRefused: z.strictObject({ reason: z.string() }),
  /** `paidBeforePence`: what had been paid when the plan was agreed (the plan counts payments after it). */
  InstalmentPlanAgreed: z.strictObject({ schedule: z.array(instalment).readonly(), paidBeforePence: amountPence }),
  InstalmentPlanBroken: z.strictObject({ missed: z.array(instalment).readonly() }),
  PaymentOverdue: z.strictObject({ paymentDue: calendarDate.nullable() }),
  /** Nothing more is owed; `paidOn` is the date of the payment that settled it. */
  PaidInFull: z.strictObject({ paidOn: calendarDate }),
  ReviewStarted: z.strictObject({ reason: codeOf(REVIEW_REASONS), note: z.string() }),
  ReviewEnded: z.strictObject({ reason: codeOf(REVIEW_REASONS), note: z.string() }),
  LiabilityClosed: z.strictObject({}),
  WriteOffProposed: z.strictObject({ reason: codeOf(WRITE_OFF_REASONS), explanation: z.string(), previousStage: stage }),
  WriteOffApproved: z.strictObject({ reason: codeOf(WRITE_OFF_REASONS), writtenOffOn: calendarDate, proposedBy: id }),
  WriteOffRejected: z.strictObject({ note: z.string(), returnTo: stage }),
  CriminalInvestigationReferred: z.strictObject({ referredOn: calendarDate, team: z.string(), investigationReference: z.string().nullable(), previousStage: stage }),
  CriminalInvestigationDeclined: z.strictObject({ decidedOn: calendarDate, note: z.string().nullable(), returnTo: stage }),
  CriminalInvestigationAccepted: z.strictObject({ decidedOn: calendarDate, note: z.string().nullable() }),
  CriminalInvestigationReturned: z.strictObject({ returnedOn: calendarDate, returnTo: stage }),
  NotReferralDecided: z.strictObject({ reasonCode: codeOf(NOT_REFERRED_REASONS), explanation: z.string(), bySeniorOfficer: z.boolean() }),
  /** A Senior Officer approved the discretion in the recommendation the drafter (`author`) drafted. */
  DiscretionApproved: z.strictObject({ author: id, amountPence, items: z.array(discretionEntry).readonly(), note: z.string().nullable() }),
  /** A Senior Officer confirmed the drafter's (`author`) override of the accreditation register: `member` with `reason`. */
  CpasOverrideConfirmed: z.strictObject({ author: id, member: z.boolean(), status: z.enum(CPAS_REGISTER_STATUSES), reason: z.string(), note: z.string().nullable() }),
  /** A reduction of an imposed penalty on the person's means, asked for on `requestedOn`, waiting for a Higher Officer. */
  MeansReductionProposed: z.strictObject({
    requestedOn: calendarDate,
    amountPence,
    previousAmountPence: amountPence,
    basis: codeOf(MEANS_REDUCTION_BASES),
    reasons: z.string(),
    paymentDue: calendarDate.nullable(),
  }),
  MeansReductionAssured: z.strictObject({ amountPence, previousAmountPence: amountPence, proposedBy: id, reason: z.string() }),
  MeansReductionRefused: z.strictObject({ amountPence, previousAmountPence: amountPence, proposedBy: id, reason: z.string() }),
  /**
   * The stage a liability had reached in the legacy record (src/domain/legacy-import), as its last
   * imported event: the legacy status (`status`, its words) often stands for a stage reached
   * without the intermediate facts Cordon records (no recommendation, no assurance; "Debt referral"
   * with no due date confirmed), so the regular events imported before it cannot reach it alone.
   * `nothingOwed`: the status leaves nothing to pay (objection upheld, written off, cancelled).
   */
  LegacyStatusMigrated: z.strictObject({ status: z.string().min(1), stage, nothingOwed: z.boolean() }),
};

export type LiabilityEventPayloads = { [K in keyof typeof LIABILITY_EVENT_PAYLOADS]: z.infer<(typeof LIABILITY_EVENT_PAYLOADS)[K]> };

export type LiabilityEventType = keyof LiabilityEventPayloads;

/** The liability events' names: `LIABILITY_EVENT.PenaltyImposed` is `'PenaltyImposed'`. */
export const LIABILITY_EVENT = eventNames(LIABILITY_EVENT_PAYLOADS);

export type EventOf<K extends LiabilityEventType> = { type: K; payload: LiabilityEventPayloads[K] & Recorded };

export type LiabilityEvent = { [K in LiabilityEventType]: EventOf<K> }[LiabilityEventType];

export function liabilityEvent<K extends LiabilityEventType>(type: K, recorded: Recorded, payload: LiabilityEventPayloads[K]): EventOf<K> {
  return { type, payload: { ...payload, ...recorded } };
}

/** Every liability event type, at run time (the module folds only these from a case's stream). */
export const LIABILITY_EVENT_TYPES = Object.keys(LIABILITY_EVENT_PAYLOADS) as readonly LiabilityEventType[];

export function isLiabilityEventType(type: string): type is LiabilityEventType {
  return Object.hasOwn(LIABILITY_EVENT_PAYLOADS, type);
}
