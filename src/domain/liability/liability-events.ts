import type { CalendarDate } from '../clock/calendar-date.js';
import type { PenaltyStep } from '../penalty/penalty-steps.js';
import type {
  AppealCosts,
  AppealOutcome,
  Instalment,
  NotReferredReason,
  Payer,
  PaymentMethod,
  ReviewReason,
  ObjectionOutcome,
  ReturnCategory,
  WriteOffReason,
} from './actions.js';
import type { Stage } from './stages.js';

/** Every event says who acted and on which day; the event log is the liability's history. */
export interface Recorded {
  by: string;
  on: CalendarDate;
}

export interface LiabilityEventPayloads {
  InitialNoticeSent: { address: string; resend: boolean };
  InitialNoticeResendRequired: { wrongAddress: string; reason: string };
  InitialNoticeResponseRecorded: { receivedOn: CalendarDate; late: boolean; summary: string | null };
  ResponseWindowClosed: { responseReceived: false };
  RecommendationDrafted: {
    amountPence: number;
    policyVersion: string;
    discretionApplied: boolean;
    steps: readonly PenaltyStep[];
    warnings: readonly string[];
  };
  RecommendationReturned: { categories: readonly ReturnCategory[]; text: string; author: string };
  RecommendationApproved: { author: string; discretionApplied: boolean; bySeniorOfficer: boolean };
  PenaltyImposed: { noticeDate: CalendarDate; amountPence: number; aggregateSplitApprovedBy: string | null };
  ObjectionReceived: { receivedOn: CalendarDate; grounds: string; late: boolean; objectionDue: CalendarDate | null; previousStage: Stage };
  LateObjectionAccepted: { reason: string };
  LateObjectionRefused: { reason: string; returnTo: Stage };
  ObjectionDetermined: {
    outcome: ObjectionOutcome;
    amountPence: number;
    previousAmountPence: number;
    reasons: string;
    steps: readonly PenaltyStep[] | null;
  };
  AppealLodged: { lodgedOn: CalendarDate; inTime: boolean; appealDue: CalendarDate | null; court: string | null; claimNumber: string | null };
  AppealAllocated: { officerId: string; previousOfficerId: string | null };
  AppealDecided: { outcome: AppealOutcome; decidedOn: CalendarDate; amountPence: number; costs: AppealCosts | null };
  PaymentDueConfirmed: { amountPence: number; paymentDue: CalendarDate | null };
  PaymentReceived: { amountPence: number; receivedOn: CalendarDate; method: PaymentMethod; reference: string; paidBy: Payer };
  /** More has been paid than is owed (a payment, or a reduction after payment): `amountPence` is the whole credit now. */
  OverpaymentDetected: { amountPence: number };
  RefundApproved: { amountPence: number; reason: string };
  RefundRefused: { amountPence: number; reason: string };
  InstalmentsRequested: { requestedOn: CalendarDate; proposal: string };
  InstalmentsRefused: { reason: string };
  /** `paidBeforePence`: what had been paid when the plan was agreed (the plan counts payments after it). */
  InstalmentPlanAgreed: { schedule: readonly Instalment[]; paidBeforePence: number };
  InstalmentPlanBroken: { missed: readonly Instalment[] };
  PaymentOverdue: { paymentDue: CalendarDate | null };
  /** Nothing more is owed; `paidOn` is the date of the payment that settled it. */
  PaidInFull: { paidOn: CalendarDate };
  ReviewStarted: { reason: ReviewReason; note: string };
  ReviewEnded: { reason: ReviewReason; note: string };
  LiabilityClosed: Record<never, never>;
  WriteOffProposed: { reason: WriteOffReason; explanation: string; previousStage: Stage };
  WriteOffApproved: { reason: WriteOffReason; writtenOffOn: CalendarDate; proposedBy: string };
  WriteOffRejected: { note: string; returnTo: Stage };
  CriminalInvestigationReferred: { referredOn: CalendarDate; team: string; investigationReference: string | null; previousStage: Stage };
  CriminalInvestigationDeclined: { decidedOn: CalendarDate; note: string | null; returnTo: Stage };
  CriminalInvestigationAccepted: { decidedOn: CalendarDate; note: string | null };
  CriminalInvestigationReturned: { returnedOn: CalendarDate; returnTo: Stage };
  NotReferralDecided: { reasonCode: NotReferredReason; explanation: string; bySeniorOfficer: boolean };
}

export type LiabilityEventType = keyof LiabilityEventPayloads;

export type EventOf<K extends LiabilityEventType> = { type: K; payload: LiabilityEventPayloads[K] & Recorded };

export type LiabilityEvent = { [K in LiabilityEventType]: EventOf<K> }[LiabilityEventType];

export function liabilityEvent<K extends LiabilityEventType>(type: K, recorded: Recorded, payload: LiabilityEventPayloads[K]): EventOf<K> {
  return { type, payload: { ...payload, ...recorded } };
}

/** Every liability event type, at run time (the module folds only these from a case's stream). */
export const LIABILITY_EVENT_TYPES = [
  'InitialNoticeSent',
  'InitialNoticeResendRequired',
  'InitialNoticeResponseRecorded',
  'ResponseWindowClosed',
  'RecommendationDrafted',
  'RecommendationReturned',
  'RecommendationApproved',
  'PenaltyImposed',
  'ObjectionReceived',
  'LateObjectionAccepted',
  'LateObjectionRefused',
  'ObjectionDetermined',
  'AppealLodged',
  'AppealAllocated',
  'AppealDecided',
  'PaymentDueConfirmed',
  'PaymentReceived',
  'OverpaymentDetected',
  'RefundApproved',
  'RefundRefused',
  'InstalmentsRequested',
  'InstalmentsRefused',
  'InstalmentPlanAgreed',
  'InstalmentPlanBroken',
  'PaymentOverdue',
  'PaidInFull',
  'ReviewStarted',
  'ReviewEnded',
  'LiabilityClosed',
  'WriteOffProposed',
  'WriteOffApproved',
  'WriteOffRejected',
  'CriminalInvestigationReferred',
  'CriminalInvestigationDeclined',
  'CriminalInvestigationAccepted',
  'CriminalInvestigationReturned',
  'NotReferralDecided',
] as const satisfies readonly LiabilityEventType[];

// Every event type is in the list (a compile error names any that is missing).
const _allListed: Exclude<LiabilityEventType, (typeof LIABILITY_EVENT_TYPES)[number]> extends never ? true : never = true;
void _allListed;

export function isLiabilityEventType(type: string): type is LiabilityEventType {
  return (LIABILITY_EVENT_TYPES as readonly string[]).includes(type);
}
