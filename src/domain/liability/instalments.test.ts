import { describe, expect, it } from 'vitest';
import { missedInstalments, nextInstalment, scheduleProblems } from './instalments.js';
import { determineAndAssure, attempt, halves, liabilityAt, OFFICERS, payment, refusal, run } from './liability-factories.js';
import { outstandingPence } from './liability-state.js';

const { ao, finance } = OFFICERS;

/* The plan in the factories: £1,500 owed, £750 due 2025-06-30 and £750 due 2025-07-31, agreed 2025-05-30. */

describe('requestInstalments', () => {
  it('records a request, which then waits for a decision', () => {
    const { state } = liabilityAt('payment-due');
    const after = run(state, { type: 'requestInstalments', requestedOn: '2025-05-28', proposal: '£250 a month' }, ao, '2025-05-29');
    expect(after.stage).toBe('payment-due');
    expect(after.instalmentRequest).toEqual({ requestedOn: '2025-05-28', proposal: '£250 a month', recordedBy: ao.id });
    expect(refusal(after, { type: 'requestInstalments', requestedOn: '2025-05-29', proposal: 'again' }, ao, '2025-05-29')).toEqual([
      'A request to pay by instalments, received on 2025-05-28, already awaits a decision.',
    ]);
  });

  it('refuses impossible dates and an empty proposal, each with its reason', () => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, { type: 'requestInstalments', requestedOn: '2025-05-30', proposal: '' }, ao, '2025-05-29')).toEqual([
      'The date the request was received (2025-05-30) is in the future. Record it on or after the day it happens.',
      'Enter what the person proposes to pay, and when.',
    ]);
    expect(refusal(state, { type: 'requestInstalments', requestedOn: '2025-04-20', proposal: 'x' }, ao, '2025-05-29')).toEqual([
      'The date the request was received (2025-04-20) is before the penalty notice date (2025-04-25). Check both dates.',
    ]);
  });

  it('refuses when nothing is owed', () => {
    const { state } = liabilityAt('imposed');
    const paid = run(state, payment(state, 150_000, '2025-04-26'), finance, '2025-04-26');
    expect(refusal(paid, { type: 'requestInstalments', requestedOn: '2025-04-26', proposal: 'x' }, ao, '2025-04-26')).toEqual([expect.stringMatching(/^You cannot/)]);
    const objected = run(state, { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'Wrong person' }, ao, '2025-05-01');
    const cancelled = determineAndAssure(objected, { type: 'determineObjection', outcome: 'cancel', reasons: 'Wrong person' }, OFFICERS.so, '2025-05-10');
    expect(refusal(cancelled, { type: 'requestInstalments', requestedOn: '2025-05-11', proposal: 'x' }, ao, '2025-05-11')).toEqual([
      'Nothing is owed on this penalty, so there is nothing to pay by instalments.',
    ]);
  });
});

describe('refuseInstalments', () => {
  it('needs a request awaiting a decision, and reasons', () => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, { type: 'refuseInstalments', reason: 'No' }, finance, '2025-05-30')).toEqual(['There is no request to pay by instalments awaiting a decision.']);
    const requested = run(state, { type: 'requestInstalments', requestedOn: '2025-05-28', proposal: '£1 a month' }, ao, '2025-05-28');
    expect(refusal(requested, { type: 'refuseInstalments', reason: '' }, finance, '2025-05-30')).toEqual(['Enter the reasons for refusing the request, which are given to the person.']);
    const refused = run(requested, { type: 'refuseInstalments', reason: 'It would take 125 years' }, finance, '2025-05-30');
    expect(refused.instalmentRequest?.decision).toEqual({ agreed: false, by: finance.id, on: '2025-05-30', reason: 'It would take 125 years' });
    expect(run(refused, { type: 'requestInstalments', requestedOn: '2025-05-31', proposal: '£500 a month' }, ao, '2025-05-31').instalmentRequest?.decision).toBeUndefined();
  });
});

describe('agreeInstalments', () => {
  it('agrees a schedule that adds up to what is owed, answering the request', () => {
    const { state } = liabilityAt('payment-due');
    const requested = run(state, { type: 'requestInstalments', requestedOn: '2025-05-28', proposal: 'Two halves' }, ao, '2025-05-28');
    const agreed = run(requested, { type: 'agreeInstalments', schedule: halves(requested, '2025-06-30', '2025-07-31') }, finance, '2025-05-30');
    expect(agreed.stage).toBe('instalments');
    expect(agreed.instalmentPlan).toMatchObject({ agreedBy: finance.id, agreedOn: '2025-05-30', paidBeforePence: 0, schedule: [{ dueOn: '2025-06-30', amountPence: 75_000 }, { dueOn: '2025-07-31', amountPence: 75_000 }] });
    expect(agreed.instalmentRequest?.decision?.agreed).toBe(true);
  });

  it('refuses a schedule that does not add up, is out of order, starts before today or has no amount', () => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, { type: 'agreeInstalments', schedule: [{ dueOn: '2025-06-30', amountPence: 100_000 }] }, finance, '2025-05-30')).toEqual([
      'The instalments add up to £1,000, but £1,500 is owed: they must add up to exactly what is owed.',
    ]);
    const messy = [
      { dueOn: '2025-05-29', amountPence: 50_000 },
      { dueOn: '2025-07-31', amountPence: 50_000 },
      { dueOn: '2025-07-31', amountPence: 0 },
      { dueOn: '2025-13-01', amountPence: 50_000 },
    ];
    expect(refusal(state, { type: 'agreeInstalments', schedule: messy }, finance, '2025-05-30')).toEqual([
      'Instalment 1 is due on 2025-05-29, before today (2025-05-30): an agreed plan starts today or later.',
      'Instalment 3 (2025-07-31) is not after instalment 2 (2025-07-31): list the instalments in date order, one per date.',
      'Instalment 3: the amount must be more than £0, in pounds and pence.',
      'Instalment 4: "2025-13-01" is not a real date written YYYY-MM-DD.',
    ]);
    expect(refusal(state, { type: 'agreeInstalments', schedule: [] }, finance, '2025-05-30')).toEqual(['Enter at least one instalment: a date and an amount.']);
  });

  it('limits a plan to a sensible number of instalments', () => {
    expect(scheduleProblems(Array.from({ length: 121 }, () => ({ dueOn: '2030-01-01', amountPence: 1 })), 121, '2025-01-01')).toEqual([
      'A plan can have at most 120 instalments; this one has 121.',
    ]);
  });

  it('counts only what is still owed after earlier part payments', () => {
    const { state } = liabilityAt('payment-due');
    const part = run(state, payment(state, 30_000, '2025-05-25'), finance, '2025-05-25');
    const agreed = run(part, { type: 'agreeInstalments', schedule: [{ dueOn: '2025-06-30', amountPence: 120_000 }] }, finance, '2025-05-30');
    expect(agreed.instalmentPlan?.paidBeforePence).toBe(30_000);
  });
});

describe('missed instalments', () => {
  const plan = () => liabilityAt('instalments').state;

  it('are none until an instalment’s due date has passed unpaid', () => {
    expect(missedInstalments(plan(), '2025-06-30')).toEqual([]);
    expect(missedInstalments(plan(), '2025-07-01')).toEqual([{ dueOn: '2025-06-30', amountPence: 75_000 }]);
    expect(missedInstalments(plan(), '2025-08-01')).toHaveLength(2);
  });

  it('are found from the payments: an instalment paid (even late) is not missed, a short one is', () => {
    const state = plan();
    const paid = run(state, payment(state, 75_000, '2025-07-02'), finance, '2025-07-02');
    expect(missedInstalments(paid, '2025-07-02')).toEqual([]);
    expect(nextInstalment(paid)).toEqual({ dueOn: '2025-07-31', amountPence: 75_000 });
    const short = run(state, payment(state, 74_999, '2025-06-29'), finance, '2025-06-29');
    expect(missedInstalments(short, '2025-07-01')).toEqual([{ dueOn: '2025-06-30', amountPence: 75_000 }]);
  });

  it('refuses to record the plan broken while it is kept, saying when the next instalment is due', () => {
    expect(refusal(plan(), { type: 'recordPaymentOverdue' }, finance, '2025-06-30')).toEqual([
      'No instalment has been missed: the next, £750, is due by 2025-06-30. Payment is overdue only when an instalment is missed.',
    ]);
  });

  it('a missed instalment breaks the plan and the penalty is overdue again', () => {
    const decision = attempt(plan(), { type: 'recordPaymentOverdue' }, finance, '2025-07-01');
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual(['InstalmentPlanBroken', 'PaymentOverdue']);
    const broken = run(plan(), { type: 'recordPaymentOverdue' }, finance, '2025-07-01');
    expect(broken.stage).toBe('overdue');
    expect(broken.instalmentPlan?.broken).toEqual({ on: '2025-07-01', by: finance.id, missed: [{ dueOn: '2025-06-30', amountPence: 75_000 }] });
    expect(missedInstalments(broken, '2025-08-01')).toEqual([]);
  });

  it('paying every instalment settles the penalty', () => {
    const state = plan();
    const first = run(state, payment(state, 75_000, '2025-06-28'), finance, '2025-06-28');
    const second = run(first, payment(first, 75_000, '2025-07-30'), finance, '2025-07-30');
    expect(second.stage).toBe('paid');
    expect(outstandingPence(second)).toBe(0);
  });
});
