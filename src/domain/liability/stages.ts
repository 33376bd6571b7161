/**
 * The stages of a liability (DOMAIN.md §5), with what happens next at each in general;
 * `nextExpectedStep` in next-step.ts refines it with the liability's recorded facts. The moves
 * between stages are the transition table in transitions.ts. A case's stage is the least advanced
 * of its liabilities'.
 */
export const STAGES = {
  'case-created': { label: 'Case created', nextStep: 'Send the initial notice and questionnaire' },
  'initial-notice-sent': {
    label: 'Initial notice sent: response window open',
    nextStep: 'Wait for the response; record it when it arrives, or close the window once the response due date has passed',
  },
  'response-window-closed': {
    label: 'Response window closed',
    nextStep: 'Draft the recommendation: run the penalty calculation on the case facts',
  },
  'recommendation-drafted': {
    label: 'Recommendation drafted: awaiting assurance',
    nextStep: 'An assurer (HO) who did not draft it approves the recommendation or returns it with reasons',
  },
  'returned-by-assurer': {
    label: 'Recommendation returned by the assurer',
    nextStep: 'Correct the recommendation for the assurer’s reasons and draft it again',
  },
  assured: {
    label: 'Recommendation assured',
    nextStep: 'Impose the penalty after the response window closes and on or before the last day to impose',
  },
  imposed: {
    label: 'Penalty imposed',
    nextStep: 'Record any objection or appeal; when the objection period ends, confirm the penalty is due for payment',
  },
  'objection-received': {
    label: 'Objection received',
    nextStep: 'Determine the objection within 70 days of receipt: cancel, reduce, maintain or increase',
  },
  'objection-determined': {
    label: 'Objection determined',
    nextStep: 'When the appeal period ends, confirm the penalty is due for payment',
  },
  'appeal-lodged': {
    label: 'Appeal lodged',
    nextStep: 'Allocate the appeal to an officer with no earlier involvement in the case, then record the court’s decision',
  },
  'appeal-decided': { label: 'Appeal decided', nextStep: 'Confirm the penalty is due for payment' },
  'payment-due': { label: 'Payment due', nextStep: 'Wait for payment by the due date; agree instalments if asked' },
  paid: { label: 'Paid in full', nextStep: 'Close the case' },
  instalments: { label: 'Paying by instalments', nextStep: 'Record full payment, or a missed instalment' },
  overdue: {
    label: 'Payment overdue',
    nextStep: 'Recover the debt (Vehicle Action List, debt recovery or detention) or propose write-off',
  },
  'write-off-proposed': {
    label: 'Write-off proposed',
    nextStep: 'A senior officer who did not propose it approves or rejects the write-off',
  },
  'written-off': { label: 'Written off', nextStep: 'None: the liability is finished' },
  closed: { label: 'Closed', nextStep: 'None: the liability is finished' },
  'criminal-investigation': {
    label: 'Referred for criminal investigation',
    nextStep: 'Wait for the investigation team’s decision; the 180-day limit keeps running',
  },
  'criminal-investigation-accepted': {
    label: 'Criminal investigation under way',
    nextStep: 'Propose write-off if the last day to impose will pass before the investigation ends',
  },
  'not-referred': {
    label: 'Not referred for a penalty (discretion)',
    nextStep: 'None: it was decided not to pursue a penalty against this person',
  },
} as const satisfies Record<string, { label: string; nextStep: string }>;

export type Stage = keyof typeof STAGES;

export const STAGE_IDS = Object.keys(STAGES) as Stage[];

export function isStage(value: string): value is Stage {
  return Object.hasOwn(STAGES, value);
}

export function stageLabel(stage: string): string {
  return (STAGES as Record<string, { label: string }>)[stage]?.label ?? stage;
}

export function nextStep(stage: string): string {
  return (STAGES as Record<string, { nextStep: string }>)[stage]?.nextStep ?? '';
}

/** Before a penalty notice is issued: where a case can be referred, not referred, or returned to. */
export const BEFORE_IMPOSITION = [
  'case-created',
  'initial-notice-sent',
  'response-window-closed',
  'recommendation-drafted',
  'returned-by-assurer',
  'assured',
] as const satisfies readonly Stage[];

/** After the initial notice went out and before imposition: where a notice can turn out to need re-sending. */
export const NOTICE_OUT_BEFORE_IMPOSITION = [
  'initial-notice-sent',
  'response-window-closed',
  'recommendation-drafted',
  'returned-by-assurer',
  'assured',
] as const satisfies readonly Stage[];

/** Where a penalty settled in full becomes 'paid' (an objection or appeal waiting keeps its stage). */
export const SETTLES_TO_PAID = ['imposed', 'objection-determined', 'appeal-decided', 'payment-due', 'instalments', 'overdue'] as const satisfies readonly Stage[];

export const UNDER_CRIMINAL_INVESTIGATION = ['criminal-investigation', 'criminal-investigation-accepted'] as const satisfies readonly Stage[];

/** Nothing more happens to the liability. */
export const FINISHED = ['written-off', 'closed', 'not-referred'] as const satisfies readonly Stage[];

export function isFinished(stage: Stage): boolean {
  return (FINISHED as readonly Stage[]).includes(stage);
}
