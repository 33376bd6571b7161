import { describe, expect, it } from 'vitest';
import type { LiabilityAction } from './actions.js';
import { CASEWORK_ROLES } from './casework-roles.js';
import { availableActions } from './decide.js';
import { APPROVE, CHECK_NOTICE, determineAndAssure, attempt, liabilityAt, OFFICERS, openDriverLiability, payment, POLICY, refusal, run } from './liability-factories.js';
import { nextExpectedStep } from './next-step.js';
import { FINISHED, nextStep, STAGE_IDS, STAGES, stageLabel, type Stage } from './stages.js';
import { LIABILITY_ACTION_TYPES, TRANSITIONS, TRANSITIONS_BY_ROLE } from './transitions.js';

const { ao, eo, ho, so, finance } = OFFICERS;

describe('decide', () => {
  it('refuses someone without the role, naming who may', () => {
    expect(refusal(openDriverLiability(), { type: 'sendInitialNotice' }, finance, '2025-03-20')).toEqual([
      'Only a caseworker (AO) or a caseworker (EO) may send the initial notice.',
    ]);
  });

  it('refuses a command at the wrong stage, naming where it can be done', () => {
    expect(refusal(openDriverLiability(), { type: 'imposePenalty' }, ao, '2025-04-25')).toEqual([
      'You cannot impose the penalty at the stage “Case created”; only at “Recommendation assured”.',
    ]);
  });

  it('refuses every command on an impossible record: an incident in the future, or a day that is not a date', () => {
    const future = openDriverLiability({ incidentDate: '2025-03-21' });
    expect(refusal(future, { type: 'sendInitialNotice' }, ao, '2025-03-20')).toEqual(['The incident date (2025-03-21) is in the future. Correct the incident first.']);
    expect(refusal(openDriverLiability(), { type: 'sendInitialNotice' }, ao, '2025-13-01')).toEqual(['Today\'s date "2025-13-01" is not a real date written YYYY-MM-DD.']);
    expect(refusal(openDriverLiability(), { type: 'unheardOf' } as unknown as LiabilityAction, ao, '2025-03-20')).toEqual([
      '"unheardOf" is not something that can be done to a liability.',
    ]);
  });

  it('adds everyone who acts to the case’s involvement', () => {
    const { state } = liabilityAt('assured');
    expect(state.involvedOfficerIds).toEqual(['ho-hal', 'ao-ada', 'eo-eve']);
    const passedIn = openDriverLiability({ involvedOfficerIds: ['port-officer-1'] });
    expect(run(passedIn, CHECK_NOTICE, ao, '2025-03-20').involvedOfficerIds).toEqual(['port-officer-1', 'ao-ada']);
  });

  it('does not change the state it is given', () => {
    const { state } = liabilityAt('recommendation-drafted');
    const before = structuredClone(state);
    attempt(state, APPROVE, ho, '2025-04-04');
    expect(state).toEqual(before);
  });
});

describe('availableActions', () => {
  it('offers the actor’s commands at this stage, with what stands in the way today', () => {
    const offered = availableActions(openDriverLiability({ postalAddress: null }), ao, '2025-03-20', POLICY);
    expect(offered.map((action) => action.type)).toEqual(['checkNoticeDetails', 'sendInitialNotice', 'proposeWriteOff', 'referForCriminalInvestigation', 'decideNotToRefer']);
    expect(offered[1]).toEqual({
      type: 'sendInitialNotice',
      label: 'Send the initial notice',
      allowed: false,
      reasons: ['There is no postal address for this person. Record their address in the parties register before sending the initial notice.'],
    });
  });

  it('never offers an assurer the approval of their own work', () => {
    const { state } = liabilityAt('recommendation-drafted');
    const author = { id: 'eo-eve', roles: ['caseworker-eo', 'assurer-ho'] };
    const approve = availableActions(state, author, '2025-04-04', POLICY).find((action) => action.type === 'approveRecommendation');
    expect(approve?.allowed).toBe(false);
    expect(availableActions(state, ho, '2025-04-04', POLICY).find((action) => action.type === 'approveRecommendation')?.allowed).toBe(true);
  });

  it('offers nothing on a finished liability except to nobody', () => {
    for (const stage of FINISHED) {
      const { state, today } = liabilityAt(stage);
      for (const actor of Object.values(OFFICERS)) expect(availableActions(state, actor, today, POLICY)).toEqual([]);
    }
  });

  it('offers a decision on a refund, an instalment request or a review only when there is one to decide', () => {
    const { state } = liabilityAt('paid');
    expect(availableActions(state, ho, '2025-06-03', POLICY).map((action) => action.type)).not.toContain('decideRefund');
    const overpaid = run(state, payment(state, 500, '2025-06-03'), OFFICERS.finance, '2025-06-03');
    expect(availableActions(overpaid, ho, '2025-06-03', POLICY).find((action) => action.type === 'decideRefund')?.allowed).toBe(true);
    const due = liabilityAt('payment-due').state;
    const types = (s: typeof due) => availableActions(s, OFFICERS.finance, '2025-05-30', POLICY).map((action) => action.type);
    expect(types(due)).toEqual(expect.arrayContaining(['recordPayment', 'requestInstalments', 'agreeInstalments', 'startReview']));
    expect(types(due)).not.toContain('refuseInstalments');
    expect(types(due)).not.toContain('endReview');
    const asked = run(due, { type: 'requestInstalments', requestedOn: '2025-05-30', proposal: 'Monthly' }, ao, '2025-05-30');
    expect(types(asked)).toContain('refuseInstalments');
  });

  it('agrees with decide for commands that carry nothing', () => {
    const { state } = liabilityAt('assured');
    const impose = availableActions(state, ao, '2025-04-20', POLICY).find((action) => action.type === 'imposePenalty');
    expect(impose?.reasons).toEqual(refusal(state, { type: 'imposePenalty' }, ao, '2025-04-20'));
  });
});

describe('nextExpectedStep', () => {
  it('says what happens next in plain English, from the stage and the facts', () => {
    expect(nextExpectedStep(openDriverLiability())).toBe('Send the initial notice and questionnaire — first, a second officer checks the name and address against the documents; another officer then sends it');
    expect(nextExpectedStep(openDriverLiability({ unresolvedPartyMatches: 1 }))).toMatch(/^Confirm or dismiss the possible register matches/);
    expect(nextExpectedStep(liabilityAt('returned-by-assurer').state)).toBe('Correct the recommendation (previous penalties missed) and draft it again');
    const late = run(liabilityAt('imposed').state, { type: 'recordObjection', receivedOn: '2025-05-30', grounds: 'x' }, ao, '2025-05-30');
    expect(nextExpectedStep(late)).toBe('Decide whether to accept the late objection');
    expect(nextExpectedStep(liabilityAt('appeal-lodged').state)).toMatch(/^Allocate the appeal to an officer with no earlier involvement/);
    const wrong = run(liabilityAt('assured').state, { type: 'recordNoticeSentToWrongAddress', reason: 'Returned' }, eo, '2025-04-10');
    expect(nextExpectedStep(wrong)).toMatch(/^Re-send the initial notice/);
    const cancelled = determineAndAssure(liabilityAt('objection-received').state, { type: 'determineObjection', outcome: 'cancel', reasons: 'Duress' }, so, '2025-05-10');
    expect(nextExpectedStep(cancelled)).toBe('Propose write-off (penalty cancelled)');
    expect(nextExpectedStep(liabilityAt('written-off').state)).toBe('None: the liability is finished');
  });

  it('has a step for every stage', () => {
    for (const stage of STAGE_IDS) expect(nextExpectedStep(liabilityAt(stage).state)).not.toBe('');
  });
});

describe('the transition table', () => {
  it('reads the same by role (MoJ: user type → stage → action → new stages)', () => {
    for (const role of CASEWORK_ROLES) {
      for (const type of LIABILITY_ACTION_TYPES) {
        const rule = TRANSITIONS[type];
        for (const stage of STAGE_IDS) {
          expect(TRANSITIONS_BY_ROLE[role][stage]?.[type]).toEqual(rule.roles.includes(role) ? rule.from[stage] : undefined);
        }
      }
    }
    expect(TRANSITIONS_BY_ROLE.manager['appeal-lodged']).toEqual({
      allocateAppeal: ['appeal-lodged'],
      decideAppeal: ['appeal-decided'],
      startReview: ['appeal-lodged'],
      endReview: ['appeal-lodged'],
    });
  });

  it('reaches every stage from “case created”, and leaves every unfinished stage', () => {
    const reached = new Set<Stage>(['case-created']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const rule of Object.values(TRANSITIONS)) {
        for (const [from, targets] of Object.entries(rule.from) as [Stage, readonly Stage[]][]) {
          if (!reached.has(from)) continue;
          for (const target of targets) {
            if (reached.has(target)) continue;
            reached.add(target);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...STAGE_IDS].sort());
    for (const stage of STAGE_IDS) {
      const leaves = Object.values(TRANSITIONS).some((rule) => (rule.from[stage] ?? []).some((target) => target !== stage));
      expect(leaves, stage).toBe(!(FINISHED as readonly Stage[]).includes(stage));
    }
  });

  it('gives a manager appeals and investigation referrals, and a finance officer the payment side', () => {
    // Before imposition: referrals; after it, appeals and reviews.
    expect(Object.keys(TRANSITIONS_BY_ROLE.manager['payment-due'] ?? {})).toEqual(['startReview', 'endReview']);
    expect(Object.keys(TRANSITIONS_BY_ROLE.manager['case-created'] ?? {})).toEqual(['referForCriminalInvestigation']);
    expect(TRANSITIONS_BY_ROLE['finance-officer'].imposed).toEqual({
      confirmPaymentDue: ['payment-due', 'paid'],
      recordPayment: ['imposed', 'paid'],
      requestInstalments: ['imposed'],
      refuseInstalments: ['imposed'],
      startReview: ['imposed'],
      endReview: ['imposed'],
      proposeWriteOff: ['write-off-proposed'],
    });
  });
});

describe('stages', () => {
  it('keeps the exports other modules use', () => {
    expect(stageLabel('case-created')).toBe('Case created');
    expect(stageLabel('criminal-investigation')).toBe('Referred for criminal investigation');
    expect(stageLabel('criminal-investigation-accepted')).toBe('Criminal investigation under way');
    expect(stageLabel('no-such-stage')).toBe('no-such-stage');
    expect(nextStep('case-created')).toBe('Send the initial notice and questionnaire');
    expect(nextStep('no-such-stage')).toBe('');
    for (const stage of STAGE_IDS) expect(STAGES[stage].label.length).toBeGreaterThan(0);
  });
});
