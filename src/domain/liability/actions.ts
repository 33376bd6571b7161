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

/** The same codes as the incident-level decision in src/modules/border-events. */
export const NOT_REFERRED_REASONS = {
  'self-declaration': 'The driver declared it themselves (no senior officer approval needed)',
  'duress-evident': 'Evidence the driver acted under duress',
  'not-responsible': 'No responsible person can be identified or held liable',
  'public-interest': 'Not in the public interest',
  other: 'Another reason',
} as const;
export type NotReferredReason = keyof typeof NOT_REFERRED_REASONS;

export interface AppealCosts {
  awardedTo: 'home-office' | 'appellant';
  amountPence: number;
}

/**
 * What each command carries besides its name. Dates the outside world sets (a letter received, a
 * court decision) are fields; the date of the action itself is the context's `today`.
 */
export interface LiabilityActionFields {
  sendInitialNotice: Record<never, never>;
  recordNoticeSentToWrongAddress: { reason: string };
  resendInitialNotice: Record<never, never>;
  recordResponse: { receivedOn: CalendarDate; summary?: string };
  closeResponseWindow: Record<never, never>;
  draftRecommendation: { penaltyFacts: PenaltyCalculationInput };
  returnRecommendation: { categories: readonly ReturnCategory[]; text: string };
  approveRecommendation: Record<never, never>;
  imposePenalty: Record<never, never>;
  recordObjection: { receivedOn: CalendarDate; grounds: string };
  decideLateObjection: { accept: boolean; reason: string };
  /** reduce and increase need a fresh calculation; cancel and maintain do not. */
  determineObjection: { outcome: ObjectionOutcome; reasons: string; penaltyFacts?: PenaltyCalculationInput };
  lodgeAppeal: { lodgedOn: CalendarDate; court?: string; claimNumber?: string };
  allocateAppeal: { officerId: string };
  decideAppeal: { outcome: AppealOutcome; decidedOn: CalendarDate; amountPence?: number; costs?: AppealCosts };
  confirmPaymentDue: Record<never, never>;
  agreeInstalments: Record<never, never>;
  recordPaymentOverdue: Record<never, never>;
  recordPaymentInFull: { paidOn: CalendarDate };
  closeCase: Record<never, never>;
  proposeWriteOff: { reason: WriteOffReason; explanation: string };
  /** The date the write-off takes effect; today when not given. */
  approveWriteOff: { writtenOffOn?: CalendarDate };
  rejectWriteOff: { note: string };
  referForCriminalInvestigation: { referredOn: CalendarDate; team: string; investigationReference?: string };
  recordInvestigationOutcome: { outcome: 'declined' | 'accepted'; decidedOn: CalendarDate; note?: string };
  recordInvestigationReturn: { returnedOn: CalendarDate };
  decideNotToRefer: { reasonCode: NotReferredReason; explanation: string };
}

export type LiabilityActionType = keyof LiabilityActionFields;

export type ActionOf<K extends LiabilityActionType> = { type: K } & LiabilityActionFields[K];

export type LiabilityAction = { [K in LiabilityActionType]: ActionOf<K> }[LiabilityActionType];
