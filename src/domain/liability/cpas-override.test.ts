import { describe, expect, it } from 'vitest';
import type { CpasAnswer } from './actions.js';
import { attempt, liabilityAt, OFFICERS, penaltyFactsFor, run } from './liability-factories.js';

/* CPAS in the recommendation: the register's answer, or an override with a reason that a Senior Officer who did not draft it confirms. */

const owner = () => ({ ...liabilityAt('response-window-closed').state, role: 'owner' as const });
const register = (member: boolean): CpasAnswer => ({ source: 'register', member, status: member ? 'member' : 'suspended', reference: 'CPAS-2025-000003' });
const override: CpasAnswer = { source: 'override', member: true, status: 'notMember', reference: null, reason: ' Accredited in 2019, before Cordon’s records. ' };
const refusal = (decision: ReturnType<typeof attempt>) => (decision.ok ? [] : decision.reasons);
const CHECKLIST = ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] as const;

describe('a recommendation records the register’s CPAS answer', () => {
  it('a suspended member is not a member: the register’s answer is recorded and gives no reduction', () => {
    const state = owner();
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: false }), cpas: register(false) }, OFFICERS.eo, '2025-04-03');
    expect(drafted.recommendation?.cpas).toEqual(register(false));
    expect(drafted.recommendation?.steps.some((step) => step.label.startsWith('Member of the Civil Penalty Accreditation Scheme'))).toBe(false);
  });

  it('refuses facts that disagree with the recorded answer, or a register answer against its status', () => {
    const state = owner();
    expect(refusal(attempt(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: register(false) }, OFFICERS.eo, '2025-04-03'))).toContain(
      'The calculation’s accreditation answer differs from the one recorded for it. Reload the case and try again.',
    );
    const wrong = { ...register(false), member: true };
    expect(refusal(attempt(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: wrong }, OFFICERS.eo, '2025-04-03'))).toContain(
      'The accreditation register’s answer was read wrongly. Reload the case and try again.',
    );
  });

  it('an override needs a reason and must differ from the register; never for a driver', () => {
    const state = owner();
    const noReason = { ...override, reason: ' ' };
    expect(refusal(attempt(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: noReason }, OFFICERS.eo, '2025-04-03'))).toEqual([
      'Give the reason the accreditation register is wrong for this incident.',
    ]);
    const same = { ...override, status: 'member' as const };
    expect(refusal(attempt(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: same }, OFFICERS.eo, '2025-04-03'))).toEqual([
      'The override gives the same answer as the accreditation register: there is nothing to override.',
    ]);
    const driver = { ...state, role: 'driver' as const };
    expect(refusal(attempt(driver, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(driver), cpas: register(false) }, OFFICERS.eo, '2025-04-03'))[0]).toMatch(/driver/);
  });

  it('an override waits for a Senior Officer who did not draft it; then the recommendation can be assured at the reduced amount', () => {
    const state = owner();
    const facts = penaltyFactsFor(state, { cpasMember: true });
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: facts, cpas: override }, OFFICERS.eo, '2025-04-03');
    expect(drafted.recommendation?.cpas?.reason).toBe('Accredited in 2019, before Cordon’s records.');
    expect(refusal(attempt(drafted, { type: 'approveRecommendation', checklist: CHECKLIST }, OFFICERS.ho, '2025-04-04'))).toContain(
      'The recommendation overrides the accreditation register: a Senior Officer who did not draft it must confirm the override first, or return the recommendation.',
    );
    expect(refusal(attempt(drafted, { type: 'confirmCpasOverride' }, OFFICERS.ho, '2025-04-04')).join(' ')).toMatch(/Only a senior officer/i);
    const confirmed = run(drafted, { type: 'confirmCpasOverride', note: 'Paper list of 2019 checked' }, OFFICERS.so, '2025-04-04');
    expect(confirmed.recommendation?.cpasOverrideConfirmation).toEqual({ confirmedBy: OFFICERS.so.id, confirmedOn: '2025-04-04', note: 'Paper list of 2019 checked' });
    expect(refusal(attempt(confirmed, { type: 'confirmCpasOverride' }, OFFICERS.so2, '2025-04-04'))).toEqual(['The override of the accreditation register in this recommendation is already confirmed.']);
    const assured = run(confirmed, { type: 'approveRecommendation', checklist: CHECKLIST }, OFFICERS.ho, '2025-04-05');
    expect(assured.stage).toBe('assured');
  });

  it('a recommendation that follows the register has nothing to confirm; a fresh draft drops an earlier confirmation', () => {
    const state = owner();
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: false }), cpas: register(false) }, OFFICERS.eo, '2025-04-03');
    expect(refusal(attempt(drafted, { type: 'confirmCpasOverride' }, OFFICERS.so, '2025-04-04'))).toEqual(['The recommendation follows the accreditation register: there is no override to confirm.']);
    const overridden = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: override }, OFFICERS.eo, '2025-04-03');
    const confirmed = run(overridden, { type: 'confirmCpasOverride' }, OFFICERS.so, '2025-04-04');
    const returned = run(confirmed, { type: 'returnRecommendation', categories: ['other'], text: 'Check the certificate again.' }, OFFICERS.ho, '2025-04-05');
    const redrafted = run(returned, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: override }, OFFICERS.eo, '2025-04-06');
    expect(redrafted.recommendation?.cpasOverrideConfirmation).toBeUndefined();
  });

  it('the drafter cannot confirm their own override, even holding the Senior Officer role', () => {
    const state = owner();
    const both = { id: 'eo-so-bo', roles: ['caseworker-eo', 'senior-officer'] } as const;
    const drafted = run(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }), cpas: override }, both, '2025-04-03');
    expect(refusal(attempt(drafted, { type: 'confirmCpasOverride' }, both, '2025-04-04'))).toContain(
      'You drafted this recommendation, so another Senior Officer must confirm its override of the accreditation register.',
    );
  });

  it('a reduction for membership without the register’s answer is refused', () => {
    const state = owner();
    expect(refusal(attempt(state, { type: 'draftRecommendation', penaltyFacts: penaltyFactsFor(state, { cpasMember: true }) }, OFFICERS.eo, '2025-04-03'))).toEqual([
      'The CPAS reduction needs the accreditation register’s answer for the incident date, or an override with a reason.',
    ]);
  });
});

describe('an objection’s determination that overrides the register', () => {
  it('is assured only by a Senior Officer, and records the override', () => {
    const state = { ...liabilityAt('objection-received').state, role: 'owner' as const };
    const facts = penaltyFactsFor(state, { cpasMember: true });
    const determined = run(state, { type: 'determineObjection', outcome: 'reduce', reasons: 'Accredited before Cordon’s records', penaltyFacts: facts, cpas: override }, OFFICERS.ho, '2025-05-10');
    expect(determined.objection?.draftDetermination?.cpas).toMatchObject({ source: 'override', reason: 'Accredited in 2019, before Cordon’s records.' });
    const checklist = ['dates', 'process', 'evidence', 'amount'] as const;
    expect(refusal(attempt(determined, { type: 'assureObjectionDetermination', approve: true, checklist }, OFFICERS.ho2, '2025-05-11'))).toContain(
      'The determination overrides the accreditation register: only a Senior Officer may assure it. Return it, or ask a Senior Officer.',
    );
    const assured = run(determined, { type: 'assureObjectionDetermination', approve: true, checklist }, OFFICERS.so, '2025-05-11');
    expect(assured.stage).toBe('objection-determined');
  });
});

