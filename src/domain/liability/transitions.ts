import type { LiabilityActionType } from './actions.js';
import { CASEWORK_ROLES, type CaseworkRole } from './casework-roles.js';
import { BEFORE_IMPOSITION, FINISHED, NOTICE_OUT_BEFORE_IMPOSITION, SETTLES_TO_PAID, STAGE_IDS, type Stage } from './stages.js';

/**
 * One row per command: who may run it, and from each stage the stages it may lead to. Several
 * targets mean the outcome or a recorded fact chooses (a declined investigation returns the case
 * to where it was). Guards on the facts live with each command (initial-notice.ts and its
 * neighbours); decide.ts checks every outcome against this table.
 */
export interface TransitionRule {
  label: string;
  roles: readonly CaseworkRole[];
  from: Partial<Record<Stage, readonly Stage[]>>;
  /** Where the outcome chooses among several targets, in words (for the README's table). */
  outcome?: string;
  /** Offered on the page only when it can be done (a decision on something that is usually not there). */
  offeredOnlyWhenReady?: true;
}

const CASEWORKERS = ['caseworker-ao', 'caseworker-eo'] as const satisfies readonly CaseworkRole[];
const ASSURERS = ['assurer-ho', 'senior-officer'] as const satisfies readonly CaseworkRole[];
const OBJECTION_DECIDERS = ['caseworker-eo', 'assurer-ho', 'senior-officer'] as const satisfies readonly CaseworkRole[];
const CASE_OFFICERS = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'] as const satisfies readonly CaseworkRole[];
const FINANCE = ['finance-officer'] as const satisfies readonly CaseworkRole[];
/** Who may put a penalty under review (and end it): whoever finds the error. */
const REVIEWERS = ['caseworker-ao', 'caseworker-eo', 'senior-officer', 'finance-officer', 'manager'] as const satisfies readonly CaseworkRole[];

/**
 * Imposed and not finished: where money can be owed or overpaid, and where a review (which stops
 * enforcement) means something. Before imposition an error is put right by casework itself.
 */
const IMPOSED_UNFINISHED: readonly Stage[] = [
  'imposed',
  'objection-received',
  'objection-determined',
  'appeal-lodged',
  'appeal-decided',
  'payment-due',
  'paid',
  'instalments',
  'overdue',
  'write-off-proposed',
];
/** Where a request to pay by instalments can arrive and be refused (agreeing needs payment to be due). */
const INSTALMENTS_REQUESTABLE: readonly Stage[] = ['imposed', 'objection-determined', 'appeal-decided', 'payment-due', 'overdue'];

/**
 * Where a reduction on means can be proposed and decided: imposed, money owed and no proceedings
 * pending (overdue is here so the refusal can say the due date has passed).
 */
const MEANS_REDUCIBLE: readonly Stage[] = ['imposed', 'objection-determined', 'appeal-decided', 'payment-due', 'overdue'];

/** Where a write-off can be proposed: anywhere not finished, not already proposed and not paid. */
export const WRITE_OFF_FROM: readonly Stage[] = STAGE_IDS.filter(
  (stage) => !(FINISHED as readonly Stage[]).includes(stage) && stage !== 'write-off-proposed' && stage !== 'paid',
);

const each = (stages: readonly Stage[], to: readonly Stage[]): Partial<Record<Stage, readonly Stage[]>> =>
  Object.fromEntries(stages.map((stage) => [stage, to]));
const stay = (stages: readonly Stage[]): Partial<Record<Stage, readonly Stage[]>> =>
  Object.fromEntries(stages.map((stage) => [stage, [stage]]));

export const TRANSITIONS: Record<LiabilityActionType, TransitionRule> = {
  checkNoticeDetails: {
    label: 'Check the name and address before the initial notice',
    roles: [...CASEWORKERS, ...ASSURERS],
    from: stay(['case-created']),
  },
  sendInitialNotice: { label: 'Send the initial notice', roles: CASEWORKERS, from: { 'case-created': ['initial-notice-sent'] } },
  recordNoticeSentToWrongAddress: {
    label: 'Record that the initial notice went to a wrong address',
    roles: CASEWORKERS,
    from: stay(NOTICE_OUT_BEFORE_IMPOSITION),
  },
  resendInitialNotice: {
    label: 'Re-send the initial notice',
    roles: CASEWORKERS,
    from: each(NOTICE_OUT_BEFORE_IMPOSITION, ['initial-notice-sent']),
    outcome: '`initial-notice-sent`, with a fresh response window',
  },
  recordResponse: {
    label: 'Record the response to the initial notice',
    roles: CASEWORKERS,
    from: { 'initial-notice-sent': ['response-window-closed'], 'response-window-closed': ['response-window-closed'] },
  },
  closeResponseWindow: {
    label: 'Close the response window: no response by the due date',
    roles: CASEWORKERS,
    from: { 'initial-notice-sent': ['response-window-closed'] },
  },
  draftRecommendation: {
    label: 'Draft the recommendation',
    roles: CASEWORKERS,
    from: each(['response-window-closed', 'returned-by-assurer'], ['recommendation-drafted']),
  },
  returnRecommendation: { label: 'Return the recommendation with reasons', roles: ASSURERS, from: { 'recommendation-drafted': ['returned-by-assurer'] } },
  approveRecommendation: { label: 'Approve the recommendation', roles: ASSURERS, from: { 'recommendation-drafted': ['assured'] } },
  imposePenalty: { label: 'Impose the penalty', roles: CASEWORKERS, from: { assured: ['imposed'] } },
  recordObjection: { label: 'Record an objection', roles: CASEWORKERS, from: each(['imposed', 'payment-due', 'overdue', 'paid'], ['objection-received']) },
  decideLateObjection: {
    label: 'Decide whether to accept a late objection',
    roles: OBJECTION_DECIDERS,
    from: { 'objection-received': ['objection-received', 'imposed', 'payment-due', 'overdue', 'paid'] },
    outcome: 'accepted: unchanged; refused: back to the stage the objection arrived at',
  },
  determineObjection: {
    label: 'Determine the objection',
    roles: OBJECTION_DECIDERS,
    from: stay(['objection-received']),
    outcome: 'unchanged: the determination waits for a Higher Officer’s assurance',
  },
  assureObjectionDetermination: {
    label: 'Assure the determination of the objection',
    roles: ASSURERS,
    from: { 'objection-received': ['objection-determined', 'objection-received'] },
    outcome: 'approved: `objection-determined`; returned: unchanged',
    offeredOnlyWhenReady: true,
  },
  lodgeAppeal: {
    label: 'Record an appeal to the court',
    roles: CASEWORKERS,
    from: each(['imposed', 'objection-determined', 'payment-due', 'overdue', 'paid'], ['appeal-lodged']),
  },
  allocateAppeal: { label: 'Allocate the appeal', roles: ['manager', 'senior-officer'], from: stay(['appeal-lodged']) },
  decideAppeal: {
    label: 'Record the court’s decision',
    roles: ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
    from: { 'appeal-lodged': ['appeal-decided'] },
  },
  confirmPaymentDue: {
    label: 'Confirm the penalty stands and payment is due',
    roles: [...CASEWORKERS, 'finance-officer'],
    from: each(['imposed', 'objection-determined', 'appeal-decided'], ['payment-due', 'paid']),
    outcome: '`payment-due`; `paid` when payments already cover it',
  },
  recordPayment: {
    label: 'Record a payment',
    roles: ['finance-officer', 'senior-officer'],
    from: {
      ...Object.fromEntries(SETTLES_TO_PAID.map((stage) => [stage, [stage, 'paid']])),
      ...stay(['objection-received', 'appeal-lodged', 'paid', 'write-off-proposed']),
    },
    outcome: 'paid in full from `imposed`, `objection-determined`, `appeal-decided`, `payment-due`, `instalments` or `overdue`: `paid`; otherwise same stage',
  },
  decideRefund: { label: 'Decide the refund of an overpayment', roles: ASSURERS, from: stay(IMPOSED_UNFINISHED), offeredOnlyWhenReady: true },
  requestInstalments: { label: 'Record a request to pay by instalments', roles: [...FINANCE, ...CASEWORKERS], from: stay(INSTALMENTS_REQUESTABLE) },
  agreeInstalments: { label: 'Agree payment by instalments', roles: FINANCE, from: each(['payment-due', 'overdue'], ['instalments']) },
  refuseInstalments: { label: 'Refuse the request to pay by instalments', roles: FINANCE, from: stay(INSTALMENTS_REQUESTABLE), offeredOnlyWhenReady: true },
  recordPaymentOverdue: {
    label: 'Record that payment is overdue',
    roles: FINANCE,
    from: each(['payment-due', 'instalments'], ['overdue']),
    outcome: '`overdue` (from `payment-due` after the due date; from `instalments` when an instalment is missed, breaking the plan)',
  },
  startReview: { label: 'Start a review of the penalty', roles: REVIEWERS, from: stay(IMPOSED_UNFINISHED) },
  endReview: { label: 'End the review of the penalty', roles: REVIEWERS, from: stay(IMPOSED_UNFINISHED), offeredOnlyWhenReady: true },
  closeCase: { label: 'Close the case', roles: [...CASEWORKERS, 'finance-officer'], from: { paid: ['closed'] } },
  proposeWriteOff: {
    label: 'Propose write-off',
    roles: [...CASEWORKERS, 'assurer-ho', 'senior-officer', 'finance-officer'],
    from: each(WRITE_OFF_FROM, ['write-off-proposed']),
  },
  approveWriteOff: { label: 'Approve the write-off', roles: ['senior-officer'], from: { 'write-off-proposed': ['written-off'] } },
  rejectWriteOff: {
    label: 'Reject the write-off',
    roles: ['senior-officer'],
    from: { 'write-off-proposed': WRITE_OFF_FROM },
    outcome: 'back to the stage it was proposed at',
  },
  referForCriminalInvestigation: {
    label: 'Refer for criminal investigation',
    roles: CASE_OFFICERS,
    from: each(BEFORE_IMPOSITION, ['criminal-investigation']),
  },
  recordInvestigationOutcome: {
    label: 'Record the investigation team’s decision',
    roles: CASE_OFFICERS,
    from: { 'criminal-investigation': [...BEFORE_IMPOSITION, 'criminal-investigation-accepted'] },
    outcome: 'accepted: `criminal-investigation-accepted`; declined: back to the stage it was referred from',
  },
  recordInvestigationReturn: {
    label: 'Record the case’s return from the investigation team',
    roles: CASE_OFFICERS,
    from: { 'criminal-investigation-accepted': BEFORE_IMPOSITION },
    outcome: 'back to the stage it was referred from',
  },
  decideNotToRefer: {
    label: 'Decide not to pursue a penalty (discretion)',
    roles: ['caseworker-ao', 'caseworker-eo', 'senior-officer'],
    from: each(BEFORE_IMPOSITION, ['not-referred']),
  },
  proposeMeansReduction: {
    label: 'Propose a reduction on means',
    roles: CASEWORKERS,
    from: stay(MEANS_REDUCIBLE),
  },
  decideMeansReduction: {
    label: 'Assure or refuse the reduction on means',
    roles: ASSURERS,
    from: Object.fromEntries(MEANS_REDUCIBLE.map((stage) => [stage, [stage, 'paid']])),
    outcome: 'same stage; `paid` when what was paid already covers the reduced amount',
    offeredOnlyWhenReady: true,
  },
  approveDiscretion: {
    label: 'Approve the discretion in the recommendation',
    roles: ['senior-officer'],
    from: stay(['recommendation-drafted']),
    offeredOnlyWhenReady: true,
  },
  confirmCpasOverride: {
    label: 'Confirm the override of the accreditation register',
    roles: ['senior-officer'],
    from: stay(['recommendation-drafted']),
    offeredOnlyWhenReady: true,
  },
};

export const LIABILITY_ACTION_TYPES = Object.keys(TRANSITIONS) as LiabilityActionType[];

export type TransitionsByRole = Record<CaseworkRole, Partial<Record<Stage, Partial<Record<LiabilityActionType, readonly Stage[]>>>>>;

/** The same table read the MoJ way: user type → stage → action → new stages. */
export const TRANSITIONS_BY_ROLE: TransitionsByRole = Object.fromEntries(
  CASEWORK_ROLES.map((role) => {
    const byStage: Partial<Record<Stage, Partial<Record<LiabilityActionType, readonly Stage[]>>>> = {};
    for (const type of LIABILITY_ACTION_TYPES) {
      const rule = TRANSITIONS[type];
      if (!rule.roles.includes(role)) continue;
      for (const [stage, targets] of Object.entries(rule.from) as [Stage, readonly Stage[]][]) {
        byStage[stage] = { ...byStage[stage], [type]: targets };
      }
    }
    return [role, byStage];
  }),
) as TransitionsByRole;
