import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../clock/calendar-date.js';
import type { LiabilityAction, LiabilityActionType } from './actions.js';
import { CASEWORK_ROLES, type CaseworkRole } from './casework-roles.js';
import { APPROVE, ASSURE_OBJECTION, CHECK_NOTICE, noticeChecked, attempt, halves, liabilityAt, openDriverLiability, payment, penaltyFactsFor, run, OFFICERS } from './liability-factories.js';
import type { LiabilityState } from './liability-state.js';
import { discretion } from '../penalty/penalty-factories.js';
import { TRANSITIONS } from './transitions.js';

/* Who may and may not run each command (OpenCRVS's *.scopes.test.ts): every role, on a fixture where only the role can stand in the way. */

interface Fixture {
  state: LiabilityState;
  action: LiabilityAction;
  today: CalendarDate;
}

const MEANS_PROPOSAL: LiabilityAction = { type: 'proposeMeansReduction', requestedOn: '2025-05-01', amountPence: 10_000, basis: 'individual-means', reasons: 'Three months’ payslips' };

const at = (stage: Parameters<typeof liabilityAt>[0], action: LiabilityAction, today: CalendarDate): Fixture => ({ state: liabilityAt(stage).state, action, today });

const FIXTURES: Record<LiabilityActionType, (actorId: string) => Fixture> = {
  checkNoticeDetails: () => ({ state: openDriverLiability(), action: CHECK_NOTICE, today: '2025-03-19' }),
  sendInitialNotice: () => ({ state: noticeChecked(openDriverLiability(), '2025-03-19', OFFICERS.ao), action: { type: 'sendInitialNotice' }, today: '2025-03-20' }),
  recordNoticeSentToWrongAddress: () => at('assured', { type: 'recordNoticeSentToWrongAddress', reason: 'Returned' }, '2025-04-10'),
  resendInitialNotice: () => {
    const { state } = liabilityAt('assured');
    const wrong = run(state, { type: 'recordNoticeSentToWrongAddress', reason: 'Returned' }, OFFICERS.ao, '2025-04-10');
    return { state: { ...wrong, postalAddress: 'ul. Morska 5, Gdynia' }, action: { type: 'resendInitialNotice' }, today: '2025-04-11' };
  },
  recordResponse: () => at('initial-notice-sent', { type: 'recordResponse', receivedOn: '2025-04-01' }, '2025-04-01'),
  closeResponseWindow: () => at('initial-notice-sent', { type: 'closeResponseWindow' }, '2025-04-18'),
  draftRecommendation: () => {
    const { state } = liabilityAt('response-window-closed');
    return { state, action: { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state) }, today: '2025-04-03' };
  },
  returnRecommendation: () => at('recommendation-drafted', { type: 'returnRecommendation', categories: ['wrong-dates'], text: 'Check the date' }, '2025-04-04'),
  approveRecommendation: () => at('recommendation-drafted', APPROVE, '2025-04-04'),
  imposePenalty: () => at('assured', { type: 'imposePenalty' }, '2025-04-25'),
  recordObjection: () => at('imposed', { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'Checked' }, '2025-05-01'),
  decideLateObjection: () => {
    const { state } = liabilityAt('imposed');
    const late = run(state, { type: 'recordObjection', receivedOn: '2025-05-30', grounds: 'Late' }, OFFICERS.ao, '2025-05-30');
    return { state: late, action: { type: 'decideLateObjection', accept: true, reason: 'Evidence of illness' }, today: '2025-05-31' };
  },
  determineObjection: () => at('objection-received', { type: 'determineObjection', outcome: 'maintain', reasons: 'No new facts' }, '2025-05-10'),
  assureObjectionDetermination: () => {
    const { state } = liabilityAt('objection-received');
    const drafted = run(state, { type: 'determineObjection', outcome: 'maintain', reasons: 'No new facts' }, OFFICERS.eo, '2025-05-10');
    return { state: drafted, action: ASSURE_OBJECTION, today: '2025-05-11' };
  },
  lodgeAppeal: () => at('objection-determined', { type: 'lodgeAppeal', lodgedOn: '2025-05-20' }, '2025-05-20'),
  allocateAppeal: () => at('appeal-lodged', { type: 'allocateAppeal', officerId: 'never-involved' }, '2025-05-21'),
  decideAppeal: (actorId) => {
    const { state } = liabilityAt('appeal-lodged');
    const appeal = state.appeal ? { ...state.appeal, allocatedTo: actorId } : undefined;
    return { state: { ...state, ...(appeal ? { appeal } : {}) }, action: { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-07-01' }, today: '2025-07-01' };
  },
  confirmPaymentDue: () => at('imposed', { type: 'confirmPaymentDue' }, '2025-05-24'),
  recordPayment: () => {
    const { state } = liabilityAt('payment-due');
    return { state, action: payment(state, 10_000, '2025-06-01'), today: '2025-06-01' };
  },
  decideRefund: () => {
    const { state } = liabilityAt('paid');
    const overpaid = run(state, payment(state, 5_000, '2025-06-02'), OFFICERS.finance, '2025-06-02');
    return { state: overpaid, action: { type: 'decideRefund', approve: true, reason: 'Paid twice by mistake' }, today: '2025-06-03' };
  },
  requestInstalments: () => at('payment-due', { type: 'requestInstalments', requestedOn: '2025-05-28', proposal: 'Half now, half next month' }, '2025-05-28'),
  agreeInstalments: () => {
    const { state } = liabilityAt('payment-due');
    return { state, action: { type: 'agreeInstalments', schedule: halves(state, '2025-06-30', '2025-07-31') }, today: '2025-05-30' };
  },
  refuseInstalments: () => {
    const { state } = liabilityAt('payment-due');
    const requested = run(state, { type: 'requestInstalments', requestedOn: '2025-05-28', proposal: '£10 a year' }, OFFICERS.ao, '2025-05-28');
    return { state: requested, action: { type: 'refuseInstalments', reason: 'The proposal would take decades' }, today: '2025-05-30' };
  },
  recordPaymentOverdue: () => at('payment-due', { type: 'recordPaymentOverdue' }, '2025-06-25'),
  startReview: () => at('overdue', { type: 'startReview', reason: 'wrong-company', note: 'The haulier says it sold the lorry' }, '2025-07-01'),
  endReview: () => {
    const { state } = liabilityAt('overdue');
    const reviewed = run(state, { type: 'startReview', reason: 'case-error', note: 'Wrong incident date?' }, OFFICERS.ao, '2025-07-01');
    return { state: reviewed, action: { type: 'endReview', note: 'The date was right' }, today: '2025-07-02' };
  },
  closeCase: () => at('paid', { type: 'closeCase' }, '2025-06-03'),
  proposeWriteOff: () => at('overdue', { type: 'proposeWriteOff', reason: 'uneconomic', explanation: 'Untraceable' }, '2025-07-01'),
  approveWriteOff: () => at('write-off-proposed', { type: 'approveWriteOff' }, '2025-07-02'),
  rejectWriteOff: () => at('write-off-proposed', { type: 'rejectWriteOff', note: 'Try again' }, '2025-07-02'),
  referForCriminalInvestigation: () => at('case-created', { type: 'referForCriminalInvestigation', referredOn: '2025-03-12', team: 'NCA' }, '2025-03-12'),
  recordInvestigationOutcome: () => at('criminal-investigation', { type: 'recordInvestigationOutcome', outcome: 'accepted', decidedOn: '2025-03-14' }, '2025-03-14'),
  recordInvestigationReturn: () => at('criminal-investigation-accepted', { type: 'recordInvestigationReturn', returnedOn: '2025-04-01' }, '2025-04-01'),
  decideNotToRefer: () => ({
    state: openDriverLiability({ selfDeclared: true }),
    action: { type: 'decideNotToRefer', reasonCode: 'self-declaration', explanation: 'Declared at the control zone' },
    today: '2025-03-12',
  }),
  proposeMeansReduction: () => at('imposed', MEANS_PROPOSAL, '2025-05-02'),
  decideMeansReduction: () => {
    const { state } = liabilityAt('imposed');
    const proposed = run(state, MEANS_PROPOSAL, OFFICERS.ao, '2025-05-02');
    return { state: proposed, action: { type: 'decideMeansReduction', approve: true, reason: 'Payslips checked' }, today: '2025-05-03' };
  },
  approveDiscretion: () => {
    const { state } = liabilityAt('response-window-closed');
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { discretion: [discretion(25)] }) }, OFFICERS.eo, '2025-04-03');
    return { state: drafted, action: { type: 'approveDiscretion' }, today: '2025-04-04' };
  },
  confirmCpasOverride: () => {
    const state = { ...liabilityAt('response-window-closed').state, role: 'owner' as const };
    const cpas = { source: 'override', member: true, status: 'notMember', reference: null, reason: 'Member since 2019, before Cordon’s records' } as const;
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas }, OFFICERS.eo, '2025-04-03');
    return { state: drafted, action: { type: 'confirmCpasOverride' }, today: '2025-04-04' };
  },
};

/** Written out by hand, so that a change to the table has to be made twice. */
const WHO_MAY: Record<LiabilityActionType, readonly CaseworkRole[]> = {
  checkNoticeDetails: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer'],
  sendInitialNotice: ['caseworker-ao', 'caseworker-eo'],
  recordNoticeSentToWrongAddress: ['caseworker-ao', 'caseworker-eo'],
  resendInitialNotice: ['caseworker-ao', 'caseworker-eo'],
  recordResponse: ['caseworker-ao', 'caseworker-eo'],
  closeResponseWindow: ['caseworker-ao', 'caseworker-eo'],
  draftRecommendation: ['caseworker-ao', 'caseworker-eo'],
  returnRecommendation: ['assurer-ho', 'senior-officer'],
  approveRecommendation: ['assurer-ho', 'senior-officer'],
  imposePenalty: ['caseworker-ao', 'caseworker-eo'],
  recordObjection: ['caseworker-ao', 'caseworker-eo'],
  decideLateObjection: ['caseworker-eo', 'assurer-ho', 'senior-officer'],
  determineObjection: ['caseworker-eo', 'assurer-ho', 'senior-officer'],
  assureObjectionDetermination: ['assurer-ho', 'senior-officer'],
  lodgeAppeal: ['caseworker-ao', 'caseworker-eo'],
  allocateAppeal: ['manager', 'senior-officer'],
  decideAppeal: ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
  confirmPaymentDue: ['caseworker-ao', 'caseworker-eo', 'finance-officer'],
  recordPayment: ['finance-officer', 'senior-officer'],
  decideRefund: ['assurer-ho', 'senior-officer'],
  requestInstalments: ['finance-officer', 'caseworker-ao', 'caseworker-eo'],
  agreeInstalments: ['finance-officer'],
  refuseInstalments: ['finance-officer'],
  recordPaymentOverdue: ['finance-officer'],
  startReview: ['caseworker-ao', 'caseworker-eo', 'senior-officer', 'finance-officer', 'manager'],
  endReview: ['caseworker-ao', 'caseworker-eo', 'senior-officer', 'finance-officer', 'manager'],
  closeCase: ['caseworker-ao', 'caseworker-eo', 'finance-officer'],
  proposeWriteOff: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'finance-officer'],
  approveWriteOff: ['senior-officer'],
  rejectWriteOff: ['senior-officer'],
  referForCriminalInvestigation: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
  recordInvestigationOutcome: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
  recordInvestigationReturn: ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'],
  decideNotToRefer: ['caseworker-ao', 'caseworker-eo', 'senior-officer'],
  proposeMeansReduction: ['caseworker-ao', 'caseworker-eo'],
  decideMeansReduction: ['assurer-ho', 'senior-officer'],
  approveDiscretion: ['senior-officer'],
  confirmCpasOverride: ['senior-officer'],
};

describe.each(Object.keys(WHO_MAY) as LiabilityActionType[])('%s: who may and may not', (type) => {
  const allowed = WHO_MAY[type];

  it('the table gives it to exactly these roles', () => {
    expect([...TRANSITIONS[type].roles].sort()).toEqual([...allowed].sort());
  });

  it.each(allowed.map((role) => [role]))('%s may', (role) => {
    const actor = { id: `${role}-scope`, roles: [role] };
    const { state, action, today } = FIXTURES[type](actor.id);
    const decision = attempt(state, action, actor, today);
    if (!decision.ok) expect.fail(`refused: ${decision.reasons.join(' | ')}`);
    expect(TRANSITIONS[type].from[state.stage]).toContain(decision.stage);
  });

  it.each(CASEWORK_ROLES.filter((role) => !allowed.includes(role)).map((role) => [role]))('%s may not', (role) => {
    const actor = { id: `${role}-scope`, roles: [role] };
    const { state, action, today } = FIXTURES[type](actor.id);
    const decision = attempt(state, action, actor, today);
    expect(decision.ok ? [] : decision.reasons).toEqual([expect.stringMatching(/^Only .* may /)]);
  });

  it('someone with no casework role may not', () => {
    const { state, action, today } = FIXTURES[type]('analyst-scope');
    const decision = attempt(state, action, { id: 'analyst-scope', roles: ['analyst', 'port-officer'] }, today);
    expect(decision.ok).toBe(false);
  });
});
