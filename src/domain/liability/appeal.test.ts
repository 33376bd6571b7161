import { describe, expect, it } from 'vitest';
import { determineAndAssure, attempt, liabilityAt, OFFICERS, refusal, run } from './liability-factories.js';

const { ao, eo, ho, so, manager, fresh } = OFFICERS;

describe('lodging an appeal', () => {
  it('records whether it is in time: 28 days from the objection decision when there is one', () => {
    const { state } = liabilityAt('objection-determined');
    const inTime = attempt(state, { type: 'lodgeAppeal', lodgedOn: '2025-06-07', court: 'Dover County Court', claimNumber: 'K00DV123' }, ao, '2025-06-07');
    expect(inTime.ok && inTime.events[0]?.payload).toMatchObject({ inTime: true, appealDue: '2025-06-07', court: 'Dover County Court', claimNumber: 'K00DV123' });
    const late = attempt(state, { type: 'lodgeAppeal', lodgedOn: '2025-06-08' }, ao, '2025-06-09');
    expect(late.ok && late.events[0]?.payload).toMatchObject({ inTime: false });
  });

  it('refuses an appeal against a cancelled penalty', () => {
    const { state } = liabilityAt('objection-received');
    const cancelled = determineAndAssure(state, { type: 'determineObjection', outcome: 'cancel', reasons: 'Duress accepted' }, so, '2025-05-10');
    expect(refusal(cancelled, { type: 'lodgeAppeal', lodgedOn: '2025-05-11' }, ao, '2025-05-11')).toEqual(['The penalty was cancelled; there is nothing to appeal.']);
  });
});

describe('allocating an appeal', () => {
  const { state } = liabilityAt('appeal-lodged');

  it('refuses to allocate it to an officer involved earlier in the case', () => {
    for (const involved of [ao, eo, ho, so]) {
      expect(refusal(state, { type: 'allocateAppeal', officerId: involved.id }, manager, '2025-05-21')).toEqual([
        `${involved.id} has acted on this case before, so cannot review the appeal. Allocate it to an officer with no earlier involvement in the case.`,
      ]);
    }
  });

  it('counts involvement on the other liabilities of the case, passed in', () => {
    const otherLiability = { ...state, involvedOfficerIds: [...state.involvedOfficerIds, fresh.id] };
    expect(refusal(otherLiability, { type: 'allocateAppeal', officerId: fresh.id }, manager, '2025-05-21')[0]).toMatch(/eo-fred has acted on this case before/);
  });

  it('allocates it to an officer with no earlier involvement', () => {
    const allocated = run(state, { type: 'allocateAppeal', officerId: fresh.id }, manager, '2025-05-21');
    expect(allocated.stage).toBe('appeal-lodged');
    expect(allocated.appeal?.allocatedTo).toBe('eo-fred');
    expect(refusal(allocated, { type: 'allocateAppeal', officerId: fresh.id }, manager, '2025-05-22')).toEqual(['The appeal is already allocated to eo-fred.']);
  });
});

describe('recording the court’s decision', () => {
  const { state } = liabilityAt('appeal-lodged');
  const allocated = run(state, { type: 'allocateAppeal', officerId: fresh.id }, manager, '2025-05-21');

  it('needs the appeal allocated, and the allocated officer or a manager to record it', () => {
    expect(refusal(state, { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-07-01' }, fresh, '2025-07-01')).toEqual([
      'Allocate the appeal to an officer with no earlier involvement before recording the court’s decision.',
    ]);
    expect(refusal(allocated, { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-07-01' }, so, '2025-07-01')).toEqual([
      'Only the officer the appeal is allocated to (eo-fred) or a manager may record the court’s decision.',
    ]);
    expect(run(allocated, { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-07-01' }, manager, '2025-07-01').stage).toBe('appeal-decided');
  });

  it('records a reduction to a lower amount, with costs', () => {
    const reduced = run(allocated, { type: 'decideAppeal', outcome: 'reduced', decidedOn: '2025-07-01', amountPence: 75_000, costs: { awardedTo: 'appellant', amountPence: 20_000 } }, fresh, '2025-07-02');
    expect(reduced.appeal?.decision).toEqual({ outcome: 'reduced', decidedOn: '2025-07-01', amountPence: 75_000, costs: { awardedTo: 'appellant', amountPence: 20_000 } });
    expect(refusal(allocated, { type: 'decideAppeal', outcome: 'reduced', decidedOn: '2025-07-01', amountPence: 150_000 }, fresh, '2025-07-02')).toEqual([
      'The reduced amount (£1,500) is not lower than the penalty (£1,500).',
    ]);
    expect(refusal(allocated, { type: 'decideAppeal', outcome: 'dismissed', decidedOn: '2025-05-19' }, fresh, '2025-07-02')).toEqual([
      'The date of the court’s decision (2025-05-19) is before the appeal was lodged (2025-05-20). Check both dates.',
    ]);
  });

  it('a cancelled penalty leaves nothing to pay', () => {
    const cancelled = run(allocated, { type: 'decideAppeal', outcome: 'cancelled', decidedOn: '2025-07-01' }, fresh, '2025-07-01');
    expect(refusal(cancelled, { type: 'confirmPaymentDue' }, ao, '2025-07-02')).toEqual([
      'The penalty was cancelled, so nothing is due. Propose write-off (penalty cancelled) instead.',
    ]);
  });
});
