import { describe, expect, it } from 'vitest';
import { discretion } from '../penalty/penalty-factories.js';
import { discretionAwaitingApproval } from './discretion.js';
import { APPROVE, liabilityAt, OFFICERS, penaltyFactsFor, refusal, run } from './liability-factories.js';
import { nextExpectedStep } from './next-step.js';

/* Discretion codified (seed 003 §9.68–9.69, §10.62–10.76): reason codes from policy, each approved by a named Senior Officer. */

function drafted(facts = { discretion: [discretion(25, 'self-declaration')] }) {
  const { state } = liabilityAt('response-window-closed');
  return run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, facts) }, OFFICERS.eo, '2025-04-03');
}

describe('discretion in a recommendation', () => {
  it('records each item with its policy reason code and what it took off', () => {
    const state = drafted();
    // £1,500 starting level, 25% off: £375.
    expect(state.recommendation?.discretion).toEqual([{ reasonCode: 'self-declaration', explanation: null, percent: 25, afterMeans: false, reducedPence: 37_500 }]);
    expect(state.recommendation?.steps.some((step) => step.label.startsWith('Discretion (reason Self-declaration'))).toBe(true);
  });

  it('reads SELF_DECLARATION as the policy code self-declaration, and refuses a reason the policy does not list', () => {
    expect(drafted({ discretion: [discretion(25, 'SELF_DECLARATION')] }).recommendation?.discretion?.[0]?.reasonCode).toBe('self-declaration');
    const { state } = liabilityAt('response-window-closed');
    const reasons = refusal(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { discretion: [discretion(25, 'HARDSHIP')] }) }, OFFICERS.eo, '2025-04-03');
    expect(reasons.join(' ')).toContain('"HARDSHIP" is not a reason for discretion. Choose from: Self-declaration');
  });

  it('needs the officer’s own words for "other"', () => {
    const { state } = liabilityAt('response-window-closed');
    const reasons = refusal(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { discretion: [discretion(10, 'other')] }) }, OFFICERS.eo, '2025-04-03');
    expect(reasons).toEqual(['Discretion item 1 (Other): explain the reason in your own words.']);
    const explained = drafted({ discretion: [{ ...discretion(10, 'other'), explanation: 'Charity convoy' }] });
    expect(explained.recommendation?.discretion?.[0]).toMatchObject({ reasonCode: 'other', explanation: 'Charity convoy', reducedPence: 15_000 });
  });

  it('waits for a Senior Officer who did not draft it; then it can be assured and imposed', () => {
    const state = drafted();
    expect(discretionAwaitingApproval(state)).toBe(true);
    expect(nextExpectedStep(state)).toContain('A Senior Officer who did not draft it approves the discretion');
    const drafter = { ...OFFICERS.eo, roles: ['senior-officer'] };
    expect(refusal(state, { type: 'approveDiscretion' }, drafter, '2025-04-04')).toEqual(['You drafted this recommendation, so another Senior Officer must approve its discretion.']);
    const approved = run(state, { type: 'approveDiscretion' }, OFFICERS.so, '2025-04-04');
    expect(discretionAwaitingApproval(approved)).toBe(false);
    expect(approved.recommendation?.discretionApproval).toEqual({ approvedBy: OFFICERS.so.id, approvedOn: '2025-04-04', note: null });
    expect(refusal(approved, { type: 'approveDiscretion' }, OFFICERS.so2, '2025-04-04')).toEqual(['The discretion in this recommendation is already approved.']);
    const assured = run(approved, APPROVE, OFFICERS.ho, '2025-04-05');
    expect(run(assured, { type: 'imposePenalty' }, OFFICERS.ao, '2025-04-25').stage).toBe('imposed');
  });

  it('is not offered when the recommendation applies no discretion', () => {
    const { state } = liabilityAt('recommendation-drafted');
    expect(refusal(state, { type: 'approveDiscretion' }, OFFICERS.so, '2025-04-04')).toEqual([
      'The recommendation applies no discretion: there is nothing for a Senior Officer to approve.',
    ]);
  });
});
