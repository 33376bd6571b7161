import type { Jurisdiction } from '../clock/bank-holidays.js';
import type { CalendarDate } from '../clock/calendar-date.js';
import type { Offence, Role } from '../penalty/penalty-input.js';
import type { PenaltyStep } from '../penalty/penalty-steps.js';
import type {
  AppealCosts,
  AppealOutcome,
  CpasAnswer,
  Instalment,
  MeansReductionBasis,
  ObjectionOutcome,
  Payer,
  PaymentMethod,
  ReturnCategory,
  NotReferredReason,
  NoticeDetailsCheckItem,
  ObjectionAssuranceItem,
  RecommendationCheckItem,
  ReviewReason,
  WriteOffReason,
} from './actions.js';
import type { Stage } from './stages.js';

/*
 * The recorded facts of one liability (one responsible person in one incident) that the guards
 * need. It is computed from the liability's events by `evolve`, plus the facts that live
 * elsewhere and are passed in when the state is loaded: the party's address and unresolved
 * register matches, the incident-wide aggregate-cap check and who has acted on the case.
 */

export interface InitialNoticeRecord {
  sentOn: CalendarDate;
  address: string;
}

export interface ResponseRecord {
  receivedOn: CalendarDate;
  late: boolean;
  summary: string | null;
}

export interface RecommendationRecord {
  draftedBy: string;
  draftedOn: CalendarDate;
  amountPence: number;
  policyVersion: string;
  discretionApplied: boolean;
  steps: readonly PenaltyStep[];
  warnings: readonly string[];
  /** Each discretionary reduction, when recorded (older recommendations have only `discretionApplied`). */
  discretion?: readonly DiscretionEntry[];
  /** The Senior Officer's approval of the discretion (recommendations with discretion cannot be assured without it). */
  discretionApproval?: { approvedBy: string; approvedOn: CalendarDate; note: string | null };
  /** The accreditation register's answer the calculation used (recommendations drafted since issue #16). */
  cpas?: CpasAnswer;
  /** A Senior Officer's confirmation of an override of the register (`cpas.source` 'override'). */
  cpasOverrideConfirmation?: { confirmedBy: string; confirmedOn: CalendarDate; note: string | null };
}

export interface DiscretionEntry {
  reasonCode: string;
  explanation: string | null;
  percent: number;
  afterMeans: boolean;
  reducedPence: number;
}

/** A reduction of the imposed penalty on means (seed 003 §10.83): proposed, then assured or refused by a Higher Officer. */
export interface MeansReductionRecord {
  requestedOn: CalendarDate;
  amountPence: number;
  previousAmountPence: number;
  basis: MeansReductionBasis;
  reasons: string;
  paymentDue: CalendarDate | null;
  proposedBy: string;
  proposedOn: CalendarDate;
  decision?: { approved: boolean; by: string; on: CalendarDate; reason: string };
}

export interface AssuranceReturn {
  returnedBy: string;
  returnedOn: CalendarDate;
  categories: readonly ReturnCategory[];
  text: string;
}

/**
 * From `checkAggregateCaps` across every responsible person of the incident (src/domain/penalty):
 * the module that loads the liability runs it and records this liability's share of any split.
 */
export interface AggregateCapFacts {
  capPence: number;
  totalPence: number;
  exceedsCap: boolean;
  /** This liability's amount in a split a senior officer recorded, valid by checkAggregateCaps. */
  seniorOfficerSplit?: { approvedBy: string; amountPence: number };
}

export interface PenaltyNoticeRecord {
  noticeDate: CalendarDate;
  amountPence: number;
  imposedBy: string;
}

export interface ObjectionRecord {
  receivedOn: CalendarDate;
  grounds: string;
  late: boolean;
  lateDecision?: { accepted: boolean; by: string; on: CalendarDate; reason: string };
  stageBefore: Stage;
  /** Drafted and waiting for a Higher Officer's assurance: the penalty does not change until then. */
  draftDetermination?: ObjectionDeterminationDraft;
  /** Drafts returned by the assurer, oldest first. */
  determinationReturns?: readonly { returnedBy: string; returnedOn: CalendarDate; reason: string; determinedBy: string }[];
  determination?: {
    outcome: ObjectionOutcome;
    decidedBy: string;
    decidedOn: CalendarDate;
    amountPence: number;
    reasons: string;
    /** Absent on determinations recorded before they were assured. */
    assuredBy?: string;
    checklist?: readonly ObjectionAssuranceItem[];
  };
}

export interface ObjectionDeterminationDraft {
  outcome: ObjectionOutcome;
  draftedBy: string;
  draftedOn: CalendarDate;
  amountPence: number;
  previousAmountPence: number;
  reasons: string;
  steps: readonly PenaltyStep[] | null;
  /** The accreditation register's answer of the fresh calculation (since issue #16); an override needs a Senior Officer's assurance. */
  cpas?: CpasAnswer;
}

/** A second officer's check of the name and address before the initial notice (seed 003 §10.106). */
export interface NoticeDetailsCheck {
  checkedBy: string;
  checkedOn: CalendarDate;
  /** The postal address the checker saw: a different one needs a fresh check. */
  address: string;
  checklist: readonly NoticeDetailsCheckItem[];
}

export interface AppealRecord {
  lodgedOn: CalendarDate;
  inTime: boolean;
  court: string | null;
  claimNumber: string | null;
  allocatedTo?: string;
  decision?: { outcome: AppealOutcome; decidedOn: CalendarDate; amountPence: number; costs: AppealCosts | null };
}

export interface PaymentRecord {
  dueConfirmedOn?: CalendarDate;
  instalmentsAgreedOn?: CalendarDate;
  overdueFrom?: CalendarDate;
  paidOn?: CalendarDate;
  /** Facts for the limitation period, recorded by the payments work (a later issue). */
  lastPaymentOn?: CalendarDate;
  lastAcknowledgementOn?: CalendarDate;
}

/** One payment received against this liability, as the finance system recorded it. */
export interface ReceivedPayment {
  amountPence: number;
  receivedOn: CalendarDate;
  method: PaymentMethod;
  reference: string;
  paidBy: Payer;
  recordedBy: string;
  recordedOn: CalendarDate;
}

export interface RefundDecision {
  approved: boolean;
  amountPence: number;
  reason: string;
  decidedBy: string;
  decidedOn: CalendarDate;
}

export interface InstalmentRequestRecord {
  requestedOn: CalendarDate;
  proposal: string;
  recordedBy: string;
  /** Absent while the request awaits a decision. */
  decision?: { agreed: boolean; by: string; on: CalendarDate; reason: string | null };
}

export interface InstalmentPlanRecord {
  agreedBy: string;
  agreedOn: CalendarDate;
  schedule: readonly Instalment[];
  /** Paid before the plan was agreed: the plan counts only what is paid after. */
  paidBeforePence: number;
  /** Set when a missed instalment was recorded: the plan no longer stops enforcement. */
  broken?: { on: CalendarDate; by: string; missed: readonly Instalment[] };
}

export interface ReviewRecord {
  reason: ReviewReason;
  note: string;
  startedBy: string;
  startedOn: CalendarDate;
}

export interface InvestigationRecord {
  referredOn: CalendarDate;
  team: string;
  stageBefore: Stage;
  acceptedOn?: CalendarDate;
}

export interface WriteOffRecord {
  reason: WriteOffReason;
  explanation: string;
  proposedBy: string;
  proposedOn: CalendarDate;
  stageBefore: Stage;
  approvedBy?: string;
  writtenOffOn?: CalendarDate;
}

export interface LiabilityState {
  stage: Stage;
  offence: Offence;
  role: Role;
  incidentDate: CalendarDate;
  lorryDrop?: { estimatedArrivalDate: CalendarDate; detectionDate: CalendarDate };
  jurisdiction?: Jurisdiction;
  /** The driver's self-declaration is recorded on the incident. */
  selfDeclared: boolean;
  /** The responsible person's current postal address, from the parties register. */
  postalAddress: string | null;
  /** Possible register matches for this person not yet confirmed or dismissed. */
  unresolvedPartyMatches: number;
  aggregateCap?: AggregateCapFacts;
  noticeDetailsCheck?: NoticeDetailsCheck;
  initialNotices: readonly InitialNoticeRecord[];
  /** A notice went to a wrong address and must be sent again. */
  initialNoticeResend?: { requiredOn: CalendarDate; requiredBy: string; wrongAddress: string; reason: string };
  responses: readonly ResponseRecord[];
  responseWindowClosedOn?: CalendarDate;
  recommendation?: RecommendationRecord;
  assuranceReturns: readonly AssuranceReturn[];
  approval?: { approvedBy: string; approvedOn: CalendarDate; bySeniorOfficer: boolean; checklist?: readonly RecommendationCheckItem[] };
  penaltyNotice?: PenaltyNoticeRecord;
  objection?: ObjectionRecord;
  appeal?: AppealRecord;
  payment: PaymentRecord;
  /** Every payment received, oldest first. */
  payments: readonly ReceivedPayment[];
  /** An overpayment waiting for a refund decision (assurer HO or senior officer): the credit when detected. */
  overpayment?: { amountPence: number; detectedOn: CalendarDate };
  refunds: readonly RefundDecision[];
  /** The latest request to pay by instalments, decided or not. */
  instalmentRequest?: InstalmentRequestRecord;
  /** The plan agreed last, kept or broken. */
  instalmentPlan?: InstalmentPlanRecord;
  /** An open review (case error, wrong company, wrong due date…): the penalty is not enforced meanwhile. */
  review?: ReviewRecord;
  /** A means assessment for this person is recorded and not yet assured or returned (case events, passed in). */
  meansAssessmentPending: boolean;
  /** Costs added to the debt (detention costs charged when a detention ends): case events, passed in. */
  chargedCostsPence?: number;
  investigation?: InvestigationRecord;
  notReferred?: { reasonCode: NotReferredReason; explanation: string; decidedBy: string; decidedOn: CalendarDate };
  writeOff?: WriteOffRecord;
  closedOn?: CalendarDate;
  /** Every means reduction proposed after imposition, oldest first. */
  meansReductions?: readonly MeansReductionRecord[];
  /**
   * The amount in force set by an assured means reduction; an objection determination or a court
   * decision recorded after it replaces it (evolve drops it then).
   */
  meansReducedAmountPence?: number;
  /**
   * The legacy record's status, when the liability was imported from it (`LegacyStatusMigrated`):
   * `nothingOwed` makes the amount in force nothing (objection upheld, written off, cancelled there).
   */
  migratedStatus?: { status: string; nothingOwed: boolean };
  /** Everyone who has acted on the case (any of its liabilities): ids, passed in and kept up to date by evolve. */
  involvedOfficerIds: readonly string[];
}

export type OpeningFacts = Pick<LiabilityState, 'offence' | 'role' | 'incidentDate'> &
  Partial<
    Pick<
      LiabilityState,
      | 'lorryDrop'
      | 'jurisdiction'
      | 'selfDeclared'
      | 'postalAddress'
      | 'unresolvedPartyMatches'
      | 'aggregateCap'
      | 'involvedOfficerIds'
      | 'meansAssessmentPending'
    >
  >;

/** A liability as the referral opens it: at 'case-created', nothing yet done. */
export function openLiability(facts: OpeningFacts): LiabilityState {
  return {
    stage: 'case-created',
    selfDeclared: false,
    postalAddress: null,
    unresolvedPartyMatches: 0,
    initialNotices: [],
    responses: [],
    assuranceReturns: [],
    payment: {},
    payments: [],
    refunds: [],
    meansAssessmentPending: false,
    involvedOfficerIds: [],
    ...facts,
  };
}

export function latestInitialNotice(state: LiabilityState): InitialNoticeRecord | undefined {
  return state.initialNotices[state.initialNotices.length - 1];
}

/** What the person owes now: the imposed amount as changed by an objection or the court. */
export function currentAmountPence(state: LiabilityState): number | undefined {
  if (state.meansReducedAmountPence !== undefined) return state.meansReducedAmountPence;
  return state.appeal?.decision?.amountPence ?? state.objection?.determination?.amountPence ?? state.penaltyNotice?.amountPence;
}

/** Cancelled on objection or by the court: nothing is owed. */
export function penaltyCancelled(state: LiabilityState): boolean {
  return state.objection?.determination?.outcome === 'cancel' || state.appeal?.decision?.outcome === 'cancelled';
}

/** An objection the clock counts: in time, or late and accepted. */
export function objectionInPlay(state: LiabilityState): boolean {
  const objection = state.objection;
  return objection !== undefined && (!objection.late || objection.lateDecision?.accepted === true);
}

/** Everything received against this liability, in pence. */
export function paidPence(state: LiabilityState): number {
  return state.payments.reduce((sum, payment) => sum + payment.amountPence, 0);
}

/** Refunds approved (paid back), in pence. */
export function refundedPence(state: LiabilityState): number {
  return state.refunds.reduce((sum, refund) => sum + (refund.approved ? refund.amountPence : 0), 0);
}

/**
 * What is still owed: the amount in force (nothing once cancelled) and any costs charged to the debt,
 * less what was paid, plus what was refunded. Negative is a credit: more was paid than is owed (an overpayment, or a reduction after
 * payment). Undefined until a penalty is imposed: nothing is owed before the notice.
 */
export function outstandingPence(state: LiabilityState): number | undefined {
  if (!state.penaltyNotice) return undefined;
  const inForce = penaltyCancelled(state) || state.migratedStatus?.nothingOwed ? 0 : (currentAmountPence(state) ?? 0);
  return inForce + (state.chargedCostsPence ?? 0) - paidPence(state) + refundedPence(state);
}

/** The credit the person has (paid more than is owed), in pence; 0 when they owe or are square. */
export function creditPence(state: LiabilityState): number {
  const outstanding = outstandingPence(state);
  return outstanding !== undefined && outstanding < 0 ? -outstanding : 0;
}
