import { describe, expect, it } from 'vitest';
import { currentAmountPence } from './liability-state.js';
import { ALL_OBJECTION_CHECKS, ASSURE_OBJECTION, determineAndAssure, attempt, liabilityAt, OFFICERS, penaltyFactsFor, refusal, run } from './liability-factories.js';

const { ao, eo, so } = OFFICERS;

describe('recording an objection', () => {
  const { state: imposed } = liabilityAt('imposed');

  it('records one received within 28 days of the notice as in time', () => {
    const received = run(imposed, { type: 'recordObjection', receivedOn: '2025-05-23', grounds: 'The seals were intact' }, ao, '2025-05-23');
    expect(received.stage).toBe('objection-received');
    expect(received.objection).toMatchObject({ receivedOn: '2025-05-23', late: false, stageBefore: 'imposed' });
  });

  it('refuses one dated before the penalty notice, or without grounds', () => {
    expect(refusal(imposed, { type: 'recordObjection', receivedOn: '2025-04-24', grounds: '' }, ao, '2025-05-01')).toEqual([
      'The date the objection was received (2025-04-24) is before the penalty notice date (2025-04-25). Check both dates.',
      'Enter the grounds of the objection.',
    ]);
  });

  it('refuses a second objection to the same penalty', () => {
    const { state } = liabilityAt('objection-determined');
    const due = run(state, { type: 'confirmPaymentDue' }, ao, '2025-06-08');
    expect(refusal(due, { type: 'recordObjection', receivedOn: '2025-06-09', grounds: 'Again' }, ao, '2025-06-09')).toEqual([
      'An objection to this penalty was already received on 2025-05-01.',
    ]);
  });
});

describe('a late objection', () => {
  const { state: imposed } = liabilityAt('imposed');
  const late = run(imposed, { type: 'recordObjection', receivedOn: '2025-05-24', grounds: 'I was abroad' }, ao, '2025-05-26');

  it('is flagged and cannot be determined until someone decides to accept it', () => {
    expect(late.objection?.late).toBe(true);
    expect(refusal(late, { type: 'determineObjection', outcome: 'maintain', reasons: 'No new evidence' }, eo, '2025-05-27')).toEqual([
      'The objection arrived late (2025-05-24). Decide to accept it before determining it.',
    ]);
    const accepted = run(late, { type: 'decideLateObjection', accept: true, reason: 'Hospital stay evidenced' }, eo, '2025-05-27');
    expect(accepted.stage).toBe('objection-received');
    expect(determineAndAssure(accepted, { type: 'determineObjection', outcome: 'maintain', reasons: 'No new evidence' }, eo, '2025-05-28').stage).toBe('objection-determined');
  });

  it('refused, goes back to where it was and the appeal period runs from the notice', () => {
    const refused = run(late, { type: 'decideLateObjection', accept: false, reason: 'No reason given for the delay' }, eo, '2025-05-27');
    expect(refused.stage).toBe('imposed');
    expect(refusal(refused, { type: 'decideLateObjection', accept: true, reason: 'x' }, eo, '2025-05-27')[0]).toMatch(/cannot decide whether to accept a late objection at the stage “Penalty imposed”/);
    const appealed = attempt(refused, { type: 'lodgeAppeal', lodgedOn: '2025-05-27' }, ao, '2025-05-27');
    expect(appealed.ok && appealed.events[0]?.payload).toMatchObject({ inTime: false, appealDue: '2025-05-23' });
  });

  it('an objection in time has nothing to accept', () => {
    const { state } = liabilityAt('objection-received');
    expect(refusal(state, { type: 'decideLateObjection', accept: true, reason: 'x' }, eo, '2025-05-03')).toEqual([
      'The objection was received in time; there is nothing to accept.',
    ]);
  });
});

describe('determining an objection', () => {
  const { state } = liabilityAt('objection-received');
  const determine = (outcome: 'cancel' | 'reduce' | 'maintain' | 'increase', extra = {}) => ({ type: 'determineObjection' as const, outcome, reasons: 'Reasons given to the objector', ...extra });

  it('cancels (nothing owed) or maintains (same amount)', () => {
    expect(determineAndAssure(state, determine('cancel'), so, '2025-05-10').objection?.determination).toMatchObject({ outcome: 'cancel', amountPence: 0 });
    expect(determineAndAssure(state, determine('maintain'), so, '2025-05-10').objection?.determination).toMatchObject({ outcome: 'maintain', amountPence: 150_000 });
  });

  it('reduces or increases only on a fresh calculation that goes the right way', () => {
    const means = penaltyFactsFor(state, { means: { kind: 'individual', assessedAmountPence: 50_000 } });
    const reduced = attempt(state, determine('reduce', { penaltyFacts: means }), so, '2025-05-10');
    expect(reduced.ok && reduced.events[0]?.payload).toMatchObject({ outcome: 'reduce', amountPence: 50_000, previousAmountPence: 150_000 });
    const previous = penaltyFactsFor(state, { previousPenalties: [{ offence: 'S31A', issuedOn: '2023-01-10', cancelled: false }] });
    expect(determineAndAssure(state, determine('increase', { penaltyFacts: previous }), so, '2025-05-10').objection?.determination?.amountPence).toBe(300_000);

    expect(refusal(state, determine('reduce'), so, '2025-05-10')).toEqual(['To reduce the penalty, calculate it afresh on the facts as they now stand.']);
    expect(refusal(state, determine('reduce', { penaltyFacts: previous }), so, '2025-05-10')).toEqual([
      'The fresh calculation (£3,000) is not lower than the penalty (£1,500): maintain it, or check the facts.',
    ]);
    expect(refusal(state, determine('increase', { penaltyFacts: means }), so, '2025-05-10')).toEqual([
      'The fresh calculation (£500) is not higher than the penalty (£1,500): maintain it, or check the facts.',
    ]);
  });

  it('needs the reasons given to the objector', () => {
    expect(refusal(state, { type: 'determineObjection', outcome: 'maintain', reasons: '' }, so, '2025-05-10')).toEqual(['Enter the reasons given to the objector.']);
  });
});

describe('Higher Officer assurance of the determination (seed 003 §10.111)', () => {
  const { state } = liabilityAt('objection-received');
  const { ho, ho2 } = OFFICERS;
  const cancel = { type: 'determineObjection' as const, outcome: 'cancel' as const, reasons: 'Sold before the incident' };

  it('keeps the determination a draft: the stage and the amount do not change until it is assured', () => {
    const drafted = run(state, cancel, so, '2025-05-10');
    expect(drafted.stage).toBe('objection-received');
    expect(drafted.objection?.determination).toBeUndefined();
    expect(drafted.objection?.draftDetermination).toMatchObject({ outcome: 'cancel', amountPence: 0, draftedBy: 'so-sam' });
    expect(currentAmountPence(drafted)).toBe(150_000);
    expect(refusal(drafted, cancel, eo, '2025-05-10')).toEqual(['A determination is already waiting for a Higher Officer to assure it.']);
  });

  it('takes effect when a Higher Officer who did not determine it assures it, with every item of the checklist', () => {
    const drafted = run(state, cancel, ho, '2025-05-10');
    expect(refusal(drafted, ASSURE_OBJECTION, ho, '2025-05-11')).toEqual([
      'You determined this objection, so you cannot assure it. Another Higher Officer must approve or return it.',
    ]);
    expect(refusal(drafted, { ...ASSURE_OBJECTION, checklist: ALL_OBJECTION_CHECKS.slice(1) }, ho2, '2025-05-11')[0]).toMatch(/^Tick every item of the objection assurance checklist/);
    const assured = run(drafted, ASSURE_OBJECTION, ho2, '2025-05-11');
    expect(assured.stage).toBe('objection-determined');
    expect(assured.objection?.determination).toMatchObject({ outcome: 'cancel', amountPence: 0, decidedBy: 'ho-hal', assuredBy: 'ho-hana', checklist: ALL_OBJECTION_CHECKS });
    expect(currentAmountPence(assured)).toBe(0);
  });

  it('returns the draft with a reason: nothing changes and the objection can be determined again', () => {
    const drafted = run(state, cancel, so, '2025-05-10');
    expect(refusal(drafted, { type: 'assureObjectionDetermination', approve: false, checklist: [], reason: ' ' }, ho, '2025-05-11')).toEqual([
      'Enter why the determination is returned.',
    ]);
    const returned = run(drafted, { type: 'assureObjectionDetermination', approve: false, checklist: [], reason: 'The seller’s evidence is not dated' }, ho, '2025-05-11');
    expect(returned.stage).toBe('objection-received');
    expect(returned.objection?.draftDetermination).toBeUndefined();
    expect(returned.objection?.determinationReturns).toEqual([{ returnedBy: 'ho-hal', returnedOn: '2025-05-11', reason: 'The seller’s evidence is not dated', determinedBy: 'so-sam' }]);
    expect(run(returned, { ...cancel, outcome: 'maintain' }, so, '2025-05-12').objection?.draftDetermination?.outcome).toBe('maintain');
  });

  it('has nothing to assure without a draft', () => {
    expect(refusal(state, ASSURE_OBJECTION, ho, '2025-05-11')).toEqual(['No determination of the objection is waiting for assurance. Determine the objection first.']);
  });
});
