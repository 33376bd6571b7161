import { describe, expect, it } from 'vitest';
import type { ActionOf } from './actions.js';
import { liabilityAt, OFFICERS, payment, POLICY, refusal, run, determineAndAssure } from './liability-factories.js';
import { currentAmountPence, outstandingPence } from './liability-state.js';
import { driverMeansReduction, meansReducedAmount } from './means-reduction.js';
import { nextExpectedStep } from './next-step.js';
import { valBlock } from './vehicle-action-list.js';

/* Means testing after imposition (seed 003 §10.83, §10.86–10.87). The fixture’s penalty is £1,500, imposed 2025-04-25, due 2025-06-24. */

const propose = (more: Partial<ActionOf<'proposeMeansReduction'>> = {}): ActionOf<'proposeMeansReduction'> => ({
  type: 'proposeMeansReduction',
  requestedOn: '2025-05-01',
  amountPence: 40_000,
  basis: 'individual-means',
  reasons: 'Three months’ payslips: two weeks’ gross pay is £400.',
  ...more,
});

describe('a reduction on means after imposition', () => {
  it('lowers the amount in force and what is owed once a Higher Officer who did not propose it assures it', () => {
    const { state: imposed } = liabilityAt('imposed');
    expect(currentAmountPence(imposed)).toBe(150_000);
    const proposed = run(imposed, propose(), OFFICERS.ao, '2025-05-02');
    expect(currentAmountPence(proposed)).toBe(150_000);
    expect(nextExpectedStep(proposed)).toBe('A Higher Officer who did not propose it assures or refuses the reduction to £400 on means');
    expect(refusal(proposed, { type: 'decideMeansReduction', approve: true, reason: 'Checked' }, { ...OFFICERS.ao, roles: ['assurer-ho'] }, '2025-05-03')).toEqual([
      'You proposed this reduction, so another officer (a Higher Officer) must assure or refuse it.',
    ]);
    const assured = run(proposed, { type: 'decideMeansReduction', approve: true, reason: 'Payslips checked' }, OFFICERS.ho, '2025-05-03');
    expect(currentAmountPence(assured)).toBe(40_000);
    expect(outstandingPence(assured)).toBe(40_000);
    expect(assured.stage).toBe('imposed');
    expect(assured.meansReductions?.[0]?.decision).toEqual({ approved: true, by: OFFICERS.ho.id, on: '2025-05-03', reason: 'Payslips checked' });
  });

  it('keeps the penalty off the Vehicle Action List while the proposal waits for a decision', () => {
    const { state: overdue } = liabilityAt('overdue');
    expect(valBlock(overdue)).toBeNull();
    const proposed = run(overdue, propose({ requestedOn: '2025-06-20' }), OFFICERS.ao, '2025-06-26');
    expect(valBlock(proposed)).toBe('Reduction on means awaiting a Higher Officer’s decision');
    expect(valBlock(run(proposed, { type: 'decideMeansReduction', approve: false, reason: 'No evidence' }, OFFICERS.ho, '2025-06-27'))).toBeNull();
  });

  it('leaves the amount as it was when refused', () => {
    const { state: imposed } = liabilityAt('imposed');
    const proposed = run(imposed, propose(), OFFICERS.ao, '2025-05-02');
    const refused = run(proposed, { type: 'decideMeansReduction', approve: false, reason: 'The payslips are not consecutive' }, OFFICERS.ho, '2025-05-03');
    expect(currentAmountPence(refused)).toBe(150_000);
    expect(refused.meansReductions?.[0]?.decision?.approved).toBe(false);
  });

  it('is refused when the request arrived after the payment due date, saying the due date and why', () => {
    const { state: overdue } = liabilityAt('overdue');
    const reasons = refusal(overdue, propose({ requestedOn: '2025-06-25' }), OFFICERS.ao, '2025-06-26');
    expect(reasons).toEqual([
      'The penalty cannot be reduced on means: the request arrived on 25 June 2025, after the payment due date of 24 June 2025. Means testing must be asked for before the payment due date (the penalty notice says so). The person may still ask to pay by instalments.',
    ]);
  });

  it('is still decided after the due date when the request arrived on or before it', () => {
    const { state: overdue } = liabilityAt('overdue');
    const proposed = run(overdue, propose({ requestedOn: '2025-06-24' }), OFFICERS.ao, '2025-06-26');
    expect(currentAmountPence(run(proposed, { type: 'decideMeansReduction', approve: true, reason: 'In time' }, OFFICERS.ho, '2025-06-27'))).toBe(40_000);
  });

  it('refuses an amount that is not lower, a second proposal while one waits, and a proposal without reasons', () => {
    const { state: imposed } = liabilityAt('imposed');
    expect(refusal(imposed, propose({ amountPence: 150_000, reasons: ' ' }), OFFICERS.ao, '2025-05-02')).toEqual([
      'The reduced amount (£1,500) must be lower than the penalty now in force (£1,500).',
      'Enter the reasons for the reduction, from the means assessment.',
    ]);
    const proposed = run(imposed, propose(), OFFICERS.ao, '2025-05-02');
    expect(refusal(proposed, propose(), OFFICERS.eo, '2025-05-02')).toEqual(['A reduction to £400 proposed on 2 May 2025 is waiting for a Higher Officer’s assurance.']);
  });

  it('settles the penalty and records the overpayment when more was already paid than the reduced amount', () => {
    const { state: due } = liabilityAt('payment-due');
    const partPaid = run(due, payment(due, 100_000, '2025-05-26'), OFFICERS.finance, '2025-05-26');
    const proposed = run(partPaid, propose(), OFFICERS.ao, '2025-05-27');
    const assured = run(proposed, { type: 'decideMeansReduction', approve: true, reason: 'Payslips checked' }, OFFICERS.ho, '2025-05-28');
    expect(assured.stage).toBe('paid');
    expect(outstandingPence(assured)).toBe(-60_000);
    expect(assured.overpayment?.amountPence).toBe(60_000);
  });

  it('gives way to an objection decided afterwards, which decides afresh from the amount in force', () => {
    const { state: imposed } = liabilityAt('imposed');
    const reduced = run(run(imposed, propose(), OFFICERS.ao, '2025-05-02'), { type: 'decideMeansReduction', approve: true, reason: 'Checked' }, OFFICERS.ho, '2025-05-03');
    const objected = run(reduced, { type: 'recordObjection', receivedOn: '2025-05-04', grounds: 'Wrong vehicle' }, OFFICERS.ao, '2025-05-04');
    const cancelled = determineAndAssure(objected, { type: 'determineObjection', outcome: 'cancel', reasons: 'Not the vehicle' }, OFFICERS.so, '2025-05-10');
    expect(currentAmountPence(cancelled)).toBe(0);
  });

  it('reduces only a driver’s penalty by the same amount as the company’s', () => {
    const { state: imposed } = liabilityAt('imposed');
    const owner = { ...imposed, role: 'owner' as const };
    expect(refusal(owner, propose({ basis: 'same-as-company' }), OFFICERS.ao, '2025-05-02')).toEqual(['Only a driver’s penalty is reduced by the same amount as the company’s.']);
  });
});

describe('the amount on an assured means result', () => {
  const parameters = POLICY.parameters;
  it('takes the company band’s percentage off the amount in force, rounded down to a pound', () => {
    expect(meansReducedAmount(600_050, { kind: 'company', band: 'micro' }, parameters)).toMatchObject({ amountPence: 150_000, basis: 'company-band' });
    expect(meansReducedAmount(600_000, { kind: 'company', band: 'large' }, parameters).amountPence).toBe(600_000);
  });
  it('takes the lower of the amount in force and what an individual can afford', () => {
    expect(meansReducedAmount(300_000, { kind: 'individual', assessedAmountPence: 40_000 }, parameters)).toMatchObject({ amountPence: 40_000, basis: 'individual-means' });
    expect(meansReducedAmount(30_000, { kind: 'individual', assessedAmountPence: 40_000 }, parameters).amountPence).toBe(30_000);
  });
});

describe('the driver’s reduction (seed 003 §10.87): the same as the company’s, or by the driver’s means, whichever is lower', () => {
  it('takes the company’s reduction when it is the lower', () => {
    expect(driverMeansReduction({ driverAmountPence: 600_000, companyReductionPence: 300_000, driverAffordablePence: 40_000 })).toMatchObject({
      ok: true,
      reductionPence: 300_000,
      amountPence: 300_000,
      basis: 'same-as-company',
    });
  });
  it('takes the driver’s own means when that reduction is the lower', () => {
    expect(driverMeansReduction({ driverAmountPence: 600_000, companyReductionPence: 450_000, driverAffordablePence: 200_000 })).toMatchObject({
      ok: true,
      reductionPence: 400_000,
      amountPence: 200_000,
      basis: 'individual-means',
    });
  });
  it('uses the one there is, and never reduces below nothing', () => {
    expect(driverMeansReduction({ driverAmountPence: 100_000, companyReductionPence: 450_000 })).toMatchObject({ ok: true, reductionPence: 100_000, amountPence: 0 });
    expect(driverMeansReduction({ driverAmountPence: 100_000, driverAffordablePence: 150_000 })).toMatchObject({ ok: true, reductionPence: 0, amountPence: 100_000 });
  });
  it('refuses when there is nothing to reduce by, or amounts that are not whole pence', () => {
    expect(driverMeansReduction({ driverAmountPence: 100_000 }).ok).toBe(false);
    expect(driverMeansReduction({ driverAmountPence: 100_000, companyReductionPence: 1.5 }).ok).toBe(false);
  });
});
