import type { CalendarDate } from '../clock/calendar-date.js';
import type { PenaltyCalculationInput } from '../penalty/penalty-input.js';

/** Why an assurer returns a recommendation: fixed categories, counted for the manager's dashboard. */
export const RETURN_CATEGORIES = {
  'wrong-party-or-address': 'Wrong party or address',
  'wrong-dates': 'Wrong dates',
  'previous-penalties-missed': 'Previous penalties missed',
  'compliance-not-considered': 'Compliance not considered',
  'wrong-amount': 'Wrong amount',
  other: 'Other',
} as const;
export type ReturnCategory = keyof typeof RETURN_CATEGORIES;

export const OBJECTION_OUTCOMES = {
  cancel: 'Cancel the penalty (IS11A)',
  reduce: 'Reduce the penalty (IS11B/C)',
  maintain: 'Maintain the penalty (IS11B/C)',
  increase: 'Increase the penalty (IS11B/C)',
} as const;
export type ObjectionOutcome = keyof typeof OBJECTION_OUTCOMES;

export const APPEAL_OUTCOMES = {
  dismissed: 'Appeal dismissed: the penalty stands',
  reduced: 'Penalty reduced by the court',
  cancelled: 'Penalty cancelled by the court',
} as const;
export type AppealOutcome = keyof typeof APPEAL_OUTCOMES;

export const WRITE_OFF_REASONS = {
  'deadline-missed': 'Deadline missed',
  'criminal-investigation': 'Criminal investigation',
  insolvency: 'Insolvency',
  uneconomic: 'Uneconomic to recover',
  limitation: 'Limitation period passed',
  cancelled: 'Penalty cancelled',
} as const;
export type WriteOffReason = keyof typeof WRITE_OFF_REASONS;

/** The same codes as the incident-level decision in src/modules/intake. */
export const NOT_REFERRED_REASONS = {
  'self-declaration': 'The driver declared it themselves (no senior officer approval needed)',
  'duress-evident': 'Evidence the driver acted under duress',
  'not-responsible': 'No responsible person can be identified or held liable',
  'public-interest': 'Not in the public interest',
  other: 'Another reason',
} as const;
export type NotReferredReason = keyof typeof NOT_REFERRED_REASONS;

/** How a payment reached the finance system. */
export const PAYMENT_METHODS = {
  'bank-transfer': 'Bank transfer',
  card: 'Card',
  cheque: 'Cheque',
  'cash-at-port': 'Cash at the port',
  'debt-agency': 'Collected by the debt collection agency',
  other: 'Other',
} as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

/** Who paid: the person the penalty was given to, their employer (joint and several, DOMAIN.md §5) or someone else. */
export const PAYERS = {
  recipient: 'The person the penalty was given to',
  employer: 'The employer, against the driver’s penalty',
  other: 'Someone else',
} as const;
export type Payer = keyof typeof PAYERS;

/** Why a penalty is under review: each stops it putting a vehicle on the Vehicle Action List (figure 43). */
export const REVIEW_REASONS = {
  'case-error': 'Case error',
  'wrong-company': 'Wrong company',
  'wrong-due-date': 'Wrong due date',
  other: 'Another reason',
} as const;
export type ReviewReason = keyof typeof REVIEW_REASONS;

/**
 * The assurance checklists (seed 003 §10.106–10.113): each item an assurer ticks, stored on the
 * event so that what was checked, by whom and when can be shown. Every item must be ticked to pass.
 */
export const NOTICE_DETAILS_CHECKLIST = {
  'name-as-on-documents': 'The name is spelled exactly as on the documents seen at the border',
  'address-complete': 'The postal address is complete: street, town, postcode and country',
  language: 'The notice will be sent in the person’s language as well as English',
  'responsible-person': 'The notice is for the right responsible person in the right role (driver, owner, hirer or operator)',
} as const;
export type NoticeDetailsCheckItem = keyof typeof NOTICE_DETAILS_CHECKLIST;

export const RECOMMENDATION_CHECKLIST = {
  'party-and-address': 'The right person, with the name and address as on the documents',
  dates: 'The incident date and the deadlines are right',
  'previous-penalties': 'Previous penalties in the five years before the incident were looked for in the register',
  compliance: 'The person’s compliance with the security requirements (such as a vehicle security checklist) was considered',
  amount: 'The amount follows the calculation steps and the policy in force on the incident date',
} as const;
export type RecommendationCheckItem = keyof typeof RECOMMENDATION_CHECKLIST;

export const OBJECTION_ASSURANCE_CHECKLIST = {
  dates: 'The dates the objection was received and is due to be determined are recorded correctly',
  process: 'The objection process was followed: received in time, or a late objection accepted',
  evidence: 'Evidence sent with the objection (such as a vehicle security checklist) was considered',
  amount: 'The outcome is in line with the guidance and any change to the amount is calculated correctly',
} as const;
export type ObjectionAssuranceItem = keyof typeof OBJECTION_ASSURANCE_CHECKLIST;

/** What a means reduction after imposition rests on (seed 003 §10.83, §10.87). */
export const MEANS_REDUCTION_BASES = {
  'company-band': 'The company’s size band from its means assessment',
  'individual-means': 'The person’s own means: what they can afford',
  'same-as-company': 'The driver’s penalty reduced by the same amount as the company’s',
} as const;
export type MeansReductionBasis = keyof typeof MEANS_REDUCTION_BASES;

/**
 * What the accreditation register says of the company on the incident date, as the calculator used
 * it (issue #16): `status` is the register's (a suspended or removed member is not a member);
 * `member` is the answer the calculation took — the register's, or a caseworker's override with its
 * reason, which a Senior Officer who did not draft the recommendation must confirm.
 */
export const CPAS_REGISTER_STATUSES = ['member', 'suspended', 'removed', 'notMember'] as const;
export type CpasRegisterStatus = (typeof CPAS_REGISTER_STATUSES)[number];
export interface CpasAnswer {
  source: 'register' | 'override';
  member: boolean;
  status: CpasRegisterStatus;
  /** The membership's reference, when the register has one for the company. */
  reference: string | null;
  /** Why the register is wrong for this incident (override only). */
  reason?: string;
}

export interface Instalment {
  dueOn: CalendarDate;
  amountPence: number;
}

export interface AppealCosts {
  awardedTo: 'home-office' | 'appellant';
  amountPence: number;
}

/**
 * What each command carries besides its name. Dates the outside world sets (a letter received, a
 * court decision) are fields; the date of the action itself is the context's `today`.
 */
export interface LiabilityActionFields {
  /** A second officer's check of the name and address before the initial notice goes (seed 003 §10.106–10.107). */
  checkNoticeDetails: { checklist: readonly NoticeDetailsCheckItem[] };
  sendInitialNotice: Record<never, never>;
  recordNoticeSentToWrongAddress: { reason: string };
  resendInitialNotice: Record<never, never>;
  recordResponse: { receivedOn: CalendarDate; summary?: string };
  closeResponseWindow: Record<never, never>;
  /** `cpas`: the accreditation register's answer the facts' `cpasMember` came from (absent for a driver, and on older callers). */
  draftRecommendation: { penaltyFacts: PenaltyCalculationInput; cpas?: CpasAnswer };
  returnRecommendation: { categories: readonly ReturnCategory[]; text: string };
  approveRecommendation: { checklist: readonly RecommendationCheckItem[] };
  imposePenalty: Record<never, never>;
  /** `lateReason`: why a late objection is late (the person's explanation), for the decision to accept it. */
  recordObjection: { receivedOn: CalendarDate; grounds: string; lateReason?: string };
  decideLateObjection: { accept: boolean; reason: string };
  /** reduce and increase need a fresh calculation; cancel and maintain do not. */
  /** `cpas` with `penaltyFacts`: the accreditation register's answer the fresh calculation used, or its override (then only a Senior Officer may assure it). */
  determineObjection: { outcome: ObjectionOutcome; reasons: string; penaltyFacts?: PenaltyCalculationInput; cpas?: CpasAnswer };
  /** A Higher Officer's assurance of the determination (seed 003 §10.111): approve (every item ticked) or return with a reason. */
  assureObjectionDetermination: { approve: boolean; checklist: readonly ObjectionAssuranceItem[]; reason?: string };
  lodgeAppeal: { lodgedOn: CalendarDate; court?: string; claimNumber?: string };
  allocateAppeal: { officerId: string };
  decideAppeal: { outcome: AppealOutcome; decidedOn: CalendarDate; amountPence?: number; costs?: AppealCosts };
  confirmPaymentDue: Record<never, never>;
  /** `reference` is the finance system's invoice or receipt reference. */
  recordPayment: { amountPence: number; receivedOn: CalendarDate; method: PaymentMethod; reference: string; paidBy: Payer };
  decideRefund: { approve: boolean; reason: string };
  requestInstalments: { requestedOn: CalendarDate; proposal: string };
  /** The schedule must add up to exactly what is owed. */
  agreeInstalments: { schedule: readonly Instalment[] };
  refuseInstalments: { reason: string };
  /** From instalments, only when an instalment has been missed: the plan is then broken. */
  recordPaymentOverdue: Record<never, never>;
  startReview: { reason: ReviewReason; note: string };
  endReview: { note: string };
  closeCase: Record<never, never>;
  proposeWriteOff: { reason: WriteOffReason; explanation: string };
  /** The date the write-off takes effect; today when not given. */
  approveWriteOff: { writtenOffOn?: CalendarDate };
  rejectWriteOff: { note: string };
  referForCriminalInvestigation: { referredOn: CalendarDate; team: string; investigationReference?: string };
  recordInvestigationOutcome: { outcome: 'declined' | 'accepted'; decidedOn: CalendarDate; note?: string };
  recordInvestigationReturn: { returnedOn: CalendarDate };
  decideNotToRefer: { reasonCode: NotReferredReason; explanation: string };
  /** After imposition, from an assured means assessment: the amount the penalty should come down to. */
  proposeMeansReduction: { requestedOn: CalendarDate; amountPence: number; basis: MeansReductionBasis; reasons: string };
  /** A Higher Officer (not the proposer) assures the proposed reduction, or refuses it with reasons. */
  decideMeansReduction: { approve: boolean; reason: string };
  /** A Senior Officer (not the drafter) approves the discretion a recommendation applies, before it can be assured. */
  approveDiscretion: { note?: string };
  /** A Senior Officer (not the drafter) confirms a recommendation's override of the accreditation register, before it can be assured. */
  confirmCpasOverride: { note?: string };
}

export type LiabilityActionType = keyof LiabilityActionFields;

export type ActionOf<K extends LiabilityActionType> = { type: K } & LiabilityActionFields[K];

export type LiabilityAction = { [K in LiabilityActionType]: ActionOf<K> }[LiabilityActionType];
