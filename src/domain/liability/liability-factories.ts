import type { CalendarDate } from '../clock/calendar-date.js';
import type { PenaltyCalculationInput } from '../penalty/penalty-input.js';
import { defaultPolicyVersion } from '../penalty/penalty-factories.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import {
  NOTICE_DETAILS_CHECKLIST,
  OBJECTION_ASSURANCE_CHECKLIST,
  RECOMMENDATION_CHECKLIST,
  type ActionOf,
  type Instalment,
  type LiabilityAction,
  type NoticeDetailsCheckItem,
  type ObjectionAssuranceItem,
  type RecommendationCheckItem,
} from './actions.js';
import type { Actor } from './casework-roles.js';
import { decide, type Decision } from './decide.js';
import { applyEvents } from './evolve.js';
import { openLiability, outstandingPence, type LiabilityState, type OpeningFacts } from './liability-state.js';
import type { Stage } from './stages.js';

/* Small factories for the liability tests: a valid liability, walked by real commands to any stage. */

export const POLICY: PolicyVersion = defaultPolicyVersion();

/** S31A, driver. Last day to send the initial notice 2025-08-07; earliest imposition 2025-04-21; last day to impose 2025-09-05. */
export const INCIDENT_DATE: CalendarDate = '2025-03-10';

export const OFFICERS = {
  ao: { id: 'ao-ada', roles: ['caseworker-ao'] },
  eo: { id: 'eo-eve', roles: ['caseworker-eo'] },
  ho: { id: 'ho-hal', roles: ['assurer-ho'] },
  ho2: { id: 'ho-hana', roles: ['assurer-ho'] },
  so: { id: 'so-sam', roles: ['senior-officer'] },
  so2: { id: 'so-sue', roles: ['senior-officer'] },
  manager: { id: 'mgr-meg', roles: ['manager'] },
  finance: { id: 'fin-fay', roles: ['finance-officer'] },
  /** Has never touched the case: the one an appeal can go to. */
  fresh: { id: 'eo-fred', roles: ['caseworker-eo'] },
} as const satisfies Record<string, Actor>;

export function openDriverLiability(facts: Partial<OpeningFacts> = {}): LiabilityState {
  return openLiability({
    offence: 'S31A',
    role: 'driver',
    incidentDate: INCIDENT_DATE,
    postalAddress: 'ul. Portowa 1, 81-300 Gdynia, Poland',
    aggregateCap: { capPence: 1_200_000, totalPence: 300_000, exceedsCap: false },
    ...facts,
  });
}

export function penaltyFactsFor(state: LiabilityState, overrides: Partial<PenaltyCalculationInput> = {}): PenaltyCalculationInput {
  return {
    offence: state.offence,
    incidentDate: state.incidentDate,
    role: state.role,
    ...(state.offence === 'S32' ? { clandestineEntrants: 1 } : {}),
    compliedWithRegulations: false,
    ...overrides,
  };
}

export function attempt(state: LiabilityState, action: LiabilityAction, actor: Actor, today: CalendarDate, policyVersion = POLICY): Decision {
  return decide(state, action, { actor, today, policyVersion });
}

/** Runs a command that must succeed and returns the state after it; fails loudly with the reasons otherwise. */
export function run(state: LiabilityState, action: LiabilityAction, actor: Actor, today: CalendarDate): LiabilityState {
  const decision = attempt(state, action, actor, today);
  if (!decision.ok) throw new Error(`expected ${action.type} to succeed at ${state.stage} on ${today}: ${decision.reasons.join(' | ')}`);
  return applyEvents(state, decision.events);
}

/** The reasons a command is refused; fails loudly when it succeeds. */
export function refusal(state: LiabilityState, action: LiabilityAction, actor: Actor, today: CalendarDate): string[] {
  const decision = attempt(state, action, actor, today);
  if (decision.ok) throw new Error(`expected ${action.type} to be refused at ${state.stage} on ${today}, but it led to ${decision.stage}`);
  return decision.reasons;
}

/** A payment by bank transfer from the person the penalty was given to. */
export function payment(state: LiabilityState, amountPence: number, receivedOn: CalendarDate, more: Partial<ActionOf<'recordPayment'>> = {}): ActionOf<'recordPayment'> {
  return { type: 'recordPayment', amountPence, receivedOn, method: 'bank-transfer', reference: `INV-${state.incidentDate}-${amountPence}-${receivedOn}`, paidBy: 'recipient', ...more };
}

/** What is owed, in two instalments (the second takes any odd penny). */
export function halves(state: LiabilityState, first: CalendarDate, second: CalendarDate): Instalment[] {
  const owed = outstandingPence(state) ?? 0;
  const half = Math.floor(owed / 2);
  return [
    { dueOn: first, amountPence: half },
    { dueOn: second, amountPence: owed - half },
  ];
}

/** Every item of each assurance checklist, ticked. */
export const ALL_NOTICE_CHECKS = Object.keys(NOTICE_DETAILS_CHECKLIST) as NoticeDetailsCheckItem[];
export const ALL_RECOMMENDATION_CHECKS = Object.keys(RECOMMENDATION_CHECKLIST) as RecommendationCheckItem[];
export const ALL_OBJECTION_CHECKS = Object.keys(OBJECTION_ASSURANCE_CHECKLIST) as ObjectionAssuranceItem[];

export const CHECK_NOTICE: ActionOf<'checkNoticeDetails'> = { type: 'checkNoticeDetails', checklist: ALL_NOTICE_CHECKS };
export const APPROVE: ActionOf<'approveRecommendation'> = { type: 'approveRecommendation', checklist: ALL_RECOMMENDATION_CHECKS };
export const ASSURE_OBJECTION: ActionOf<'assureObjectionDetermination'> = { type: 'assureObjectionDetermination', approve: true, checklist: ALL_OBJECTION_CHECKS };

/** The name and address checked by a second officer (the assurer HO), so that another may send the initial notice. */
export function noticeChecked(state: LiabilityState, today: CalendarDate, checker: Actor = OFFICERS.ho): LiabilityState {
  return run(state, CHECK_NOTICE, checker, today);
}

export interface Step {
  action: LiabilityAction | ((state: LiabilityState) => LiabilityAction);
  actor: Actor;
  today: CalendarDate;
}

const O = OFFICERS;
const TO_ASSURED: Step[] = [
  { action: CHECK_NOTICE, actor: O.ho, today: '2025-03-19' },
  { action: { type: 'sendInitialNotice' }, actor: O.ao, today: '2025-03-20' },
  { action: { type: 'recordResponse', receivedOn: '2025-04-01', summary: 'Questionnaire returned' }, actor: O.ao, today: '2025-04-02' },
  { action: (state) => ({ type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state) }), actor: O.eo, today: '2025-04-03' },
  { action: APPROVE, actor: O.ho, today: '2025-04-07' },
];
const TO_IMPOSED: Step[] = [...TO_ASSURED, { action: { type: 'imposePenalty' }, actor: O.ao, today: '2025-04-25' }];
const TO_OBJECTION: Step[] = [...TO_IMPOSED, { action: { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'I checked the vehicle' }, actor: O.ao, today: '2025-05-02' }];
const TO_DETERMINED: Step[] = [
  ...TO_OBJECTION,
  { action: { type: 'determineObjection', outcome: 'maintain', reasons: 'No evidence of checks' }, actor: O.so, today: '2025-05-10' },
  { action: ASSURE_OBJECTION, actor: O.ho2, today: '2025-05-10' },
];
const TO_APPEAL: Step[] = [...TO_DETERMINED, { action: { type: 'lodgeAppeal', lodgedOn: '2025-05-20', court: 'Dover County Court' }, actor: O.ao, today: '2025-05-20' }];
const TO_PAYMENT_DUE: Step[] = [...TO_IMPOSED, { action: { type: 'confirmPaymentDue' }, actor: O.ao, today: '2025-05-24' }];
const TO_OVERDUE: Step[] = [...TO_PAYMENT_DUE, { action: { type: 'recordPaymentOverdue' }, actor: O.finance, today: '2025-06-25' }];
const TO_PAID: Step[] = [...TO_PAYMENT_DUE, { action: (state) => payment(state, outstandingPence(state) ?? 0, '2025-06-01'), actor: O.finance, today: '2025-06-02' }];
const TO_INVESTIGATION: Step[] = [
  { action: { type: 'referForCriminalInvestigation', referredOn: '2025-03-12', team: 'NCA Organised Immigration Crime' }, actor: O.eo, today: '2025-03-12' },
];
const TO_WRITE_OFF: Step[] = [...TO_OVERDUE, { action: { type: 'proposeWriteOff', reason: 'uneconomic', explanation: 'Haulier untraceable abroad' }, actor: O.eo, today: '2025-07-01' }];

/** A script of real commands that reaches each stage (today is the last step's date). */
export const SCRIPTS: Record<Stage, Step[]> = {
  'case-created': [],
  'initial-notice-sent': TO_ASSURED.slice(0, 2),
  'response-window-closed': TO_ASSURED.slice(0, 3),
  'recommendation-drafted': TO_ASSURED.slice(0, 4),
  'returned-by-assurer': [
    ...TO_ASSURED.slice(0, 4),
    { action: { type: 'returnRecommendation', categories: ['previous-penalties-missed'], text: 'Check the register' }, actor: O.ho, today: '2025-04-04' },
  ],
  assured: TO_ASSURED,
  imposed: TO_IMPOSED,
  'objection-received': TO_OBJECTION,
  'objection-determined': TO_DETERMINED,
  'appeal-lodged': TO_APPEAL,
  'appeal-decided': [
    ...TO_APPEAL,
    { action: { type: 'allocateAppeal', officerId: O.fresh.id }, actor: O.manager, today: '2025-05-21' },
    { action: { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-07-01' }, actor: O.fresh, today: '2025-07-01' },
  ],
  'payment-due': TO_PAYMENT_DUE,
  paid: TO_PAID,
  instalments: [...TO_PAYMENT_DUE, { action: (state) => ({ type: 'agreeInstalments', schedule: halves(state, '2025-06-30', '2025-07-31') }), actor: O.finance, today: '2025-05-30' }],
  overdue: TO_OVERDUE,
  'write-off-proposed': TO_WRITE_OFF,
  'written-off': [...TO_WRITE_OFF, { action: { type: 'approveWriteOff' }, actor: O.so, today: '2025-07-02' }],
  closed: [...TO_PAID, { action: { type: 'closeCase' }, actor: O.finance, today: '2025-06-03' }],
  'criminal-investigation': TO_INVESTIGATION,
  'criminal-investigation-accepted': [
    ...TO_INVESTIGATION,
    { action: { type: 'recordInvestigationOutcome', outcome: 'accepted', decidedOn: '2025-03-14' }, actor: O.eo, today: '2025-03-14' },
  ],
  'not-referred': [
    { action: { type: 'decideNotToRefer', reasonCode: 'public-interest', explanation: 'Driver is a victim of trafficking' }, actor: O.so, today: '2025-03-12' },
  ],
};

export function walk(steps: readonly Step[], start: LiabilityState = openDriverLiability()): { state: LiabilityState; today: CalendarDate } {
  let state = start;
  let today: CalendarDate = '2025-03-11';
  for (const step of steps) {
    const action = typeof step.action === 'function' ? step.action(state) : step.action;
    state = run(state, action, step.actor, step.today);
    today = step.today;
  }
  return { state, today };
}

/** A liability at `stage`, reached by real commands, and the date of the last of them. */
export function liabilityAt(stage: Stage, start?: LiabilityState): { state: LiabilityState; today: CalendarDate } {
  return walk(SCRIPTS[stage], start);
}

/** Determines the objection and has a Higher Officer (not the determiner) assure it the same day: the determination takes effect. */
export function determineAndAssure(state: LiabilityState, action: ActionOf<'determineObjection'>, actor: Actor, today: CalendarDate, assurer: Actor = OFFICERS.ho2): LiabilityState {
  return run(run(state, action, actor, today), ASSURE_OBJECTION, assurer, today);
}
