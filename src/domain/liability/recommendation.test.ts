import { describe, expect, it } from 'vitest';
import { discretion } from '../penalty/penalty-factories.js';
import { APPROVE, attempt, liabilityAt, OFFICERS, penaltyFactsFor, refusal, run } from './liability-factories.js';

const { eo, ho, ho2, so } = OFFICERS;

describe('drafting the recommendation', () => {
  const { state } = liabilityAt('response-window-closed');

  it('records the calculation for the case facts, with its steps', () => {
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state) }, eo, '2025-04-03');
    expect(drafted.stage).toBe('recommendation-drafted');
    expect(drafted.recommendation).toMatchObject({ draftedBy: 'eo-eve', amountPence: 150_000, policyVersion: '2023.1', discretionApplied: false });
    expect(drafted.recommendation?.steps.length).toBeGreaterThan(0);
  });

  it('refuses while possible register matches are unresolved', () => {
    expect(refusal({ ...state, unresolvedPartyMatches: 2 }, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state) }, eo, '2025-04-03')).toEqual([
      '2 possible matches in the parties register for this person are not yet confirmed or dismissed. Resolve them so that previous penalties are counted correctly.',
    ]);
  });

  it('refuses facts for another person, offence or incident, and passes on the calculator’s refusals', () => {
    const wrongPerson = penaltyFactsFor(state, { role: 'owner', offence: 'S32', clandestineEntrants: 2, incidentDate: '2025-03-11' });
    expect(refusal(state, { type: 'draftRecommendation', penaltyFacts: wrongPerson }, eo, '2025-04-03')).toEqual([
      'The calculation is for S32, but this liability is S31A.',
      'The calculation uses the incident date 2025-03-11, but the incident was on 2025-03-10.',
      'The calculation is for the owner, but this liability is the driver’s.',
    ]);
    const cpasDriver = penaltyFactsFor(state, { cpasMember: true });
    expect(refusal(state, { type: 'draftRecommendation', penaltyFacts: cpasDriver }, eo, '2025-04-03').join(' ')).toMatch(/driver/i);
  });
});

describe('assurance', () => {
  const { state } = liabilityAt('recommendation-drafted');

  it('refuses to let anyone assure their own work (four eyes)', () => {
    const authorWhoIsAlsoAssurer = { id: 'eo-eve', roles: ['caseworker-eo', 'assurer-ho'] };
    const ownWork = 'You drafted this recommendation, so you cannot assure it. Another assurer must approve or return it.';
    expect(refusal(state, APPROVE, authorWhoIsAlsoAssurer, '2025-04-04')).toEqual([ownWork]);
    expect(refusal(state, { type: 'returnRecommendation', categories: ['wrong-amount'], text: 'Recheck' }, authorWhoIsAlsoAssurer, '2025-04-04')).toEqual([ownWork]);
    expect(run(state, APPROVE, ho, '2025-04-04').approval).toEqual({ checklist: APPROVE.checklist, approvedBy: 'ho-hal', approvedOn: '2025-04-04', bySeniorOfficer: false });
  });

  it('returns with fixed categories and text, counted on the event', () => {
    const decision = attempt(state, { type: 'returnRecommendation', categories: ['previous-penalties-missed', 'wrong-amount'], text: 'A 2022 penalty is missing' }, ho, '2025-04-04');
    expect(decision).toMatchObject({ ok: true, stage: 'returned-by-assurer' });
    expect(decision.ok && decision.events[0]?.payload).toMatchObject({ categories: ['previous-penalties-missed', 'wrong-amount'], author: 'eo-eve' });
    expect(refusal(state, { type: 'returnRecommendation', categories: [], text: '' }, ho, '2025-04-04')).toEqual([
      'Choose at least one reason for returning the recommendation.',
      'Enter what must be corrected.',
    ]);
    const unknown = refusal(state, { type: 'returnRecommendation', categories: ['rude' as 'other'], text: 'x' }, ho, '2025-04-04');
    expect(unknown[0]).toMatch(/"rude" is not a reason for return/);
  });

  it('after a return, a corrected draft goes back for assurance', () => {
    const { state: returned } = liabilityAt('returned-by-assurer');
    const corrected = run(returned, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(returned, { previousPenalties: [{ offence: 'S31A', issuedOn: '2023-01-10', cancelled: false }] }) }, eo, '2025-04-05');
    expect(corrected.stage).toBe('recommendation-drafted');
    expect(corrected.recommendation?.amountPence).toBe(300_000);
    expect(run(corrected, APPROVE, ho2, '2025-04-06').stage).toBe('assured');
  });

  it('cannot be assured while its discretion awaits a Senior Officer’s approval, by anyone', () => {
    const { state: closed } = liabilityAt('response-window-closed');
    const withDiscretion = run(closed, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(closed, { discretion: [discretion(25)] }) }, eo, '2025-04-03');
    expect(withDiscretion.recommendation?.discretionApplied).toBe(true);
    const awaiting = ['The recommendation applies discretion: a Senior Officer who did not draft it must approve the discretion first.'];
    expect(refusal(withDiscretion, APPROVE, ho, '2025-04-04')).toEqual(awaiting);
    expect(refusal(withDiscretion, APPROVE, so, '2025-04-04')).toEqual(awaiting);
    const approved = run(withDiscretion, { type: 'approveDiscretion', note: 'Self-declared at Calais' }, so, '2025-04-04');
    expect(approved.recommendation?.discretionApproval).toEqual({ approvedBy: so.id, approvedOn: '2025-04-04', note: 'Self-declared at Calais' });
    expect(run(approved, APPROVE, ho, '2025-04-04').stage).toBe('assured');
  });
});
