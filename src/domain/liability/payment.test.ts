import { describe, expect, it } from 'vitest';
import { determineAndAssure, attempt, liabilityAt, OFFICERS, openDriverLiability, payment, penaltyFactsFor, refusal, run } from './liability-factories.js';
import { creditPence, outstandingPence, paidPence } from './liability-state.js';

const { ao, so, finance } = OFFICERS;

/* The penalty in the factories: £1,500 imposed on 2025-04-25, payment due by 2025-06-24. */

describe('confirming payment is due and recording it overdue', () => {
  it('confirms payment is due only once the objection and appeal periods have ended', () => {
    const { state } = liabilityAt('imposed');
    expect(refusal(state, { type: 'confirmPaymentDue' }, ao, '2025-05-23')).toEqual([
      'The person may object until 2025-05-23; confirm payment is due from 2025-05-24.',
      'An appeal may be lodged until 2025-05-23; confirm payment is due from 2025-05-24.',
    ]);
    expect(run(state, { type: 'confirmPaymentDue' }, ao, '2025-05-24').stage).toBe('payment-due');
  });

  it('records payment as overdue only after the due date printed on the notice', () => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, { type: 'recordPaymentOverdue' }, finance, '2025-06-24')).toEqual(['Payment is due by 2025-06-24; it is overdue from 2025-06-25.']);
    expect(run(state, { type: 'recordPaymentOverdue' }, finance, '2025-06-25').stage).toBe('overdue');
  });

  it('closes a paid penalty', () => {
    const { state } = liabilityAt('paid');
    expect(run(state, { type: 'closeCase' }, finance, '2025-06-03').stage).toBe('closed');
  });
});

describe('recordPayment', () => {
  it('records a part payment without changing the stage, and says what is still owed', () => {
    const { state } = liabilityAt('payment-due');
    const after = run(state, payment(state, 50_000, '2025-06-01'), finance, '2025-06-02');
    expect(after.stage).toBe('payment-due');
    expect(paidPence(after)).toBe(50_000);
    expect(outstandingPence(after)).toBe(100_000);
    expect(after.payments[0]).toMatchObject({ amountPence: 50_000, receivedOn: '2025-06-01', method: 'bank-transfer', paidBy: 'recipient', recordedBy: finance.id, recordedOn: '2025-06-02' });
    expect(after.payment.lastPaymentOn).toBe('2025-06-01');
  });

  it('marks the penalty paid when the payments add up to what is owed', () => {
    const { state } = liabilityAt('payment-due');
    const part = run(state, payment(state, 100_000, '2025-06-01'), finance, '2025-06-01');
    const decision = attempt(part, payment(part, 50_000, '2025-06-03', { method: 'card' }), finance, '2025-06-03');
    expect(decision.ok && decision.events.map((event) => event.type)).toEqual(['PaymentReceived', 'PaidInFull']);
    const paid = run(part, payment(part, 50_000, '2025-06-03', { method: 'card' }), finance, '2025-06-03');
    expect(paid.stage).toBe('paid');
    expect(paid.payment.paidOn).toBe('2025-06-03');
    expect(outstandingPence(paid)).toBe(0);
  });

  it('settles a penalty straight from imposition, without anyone confirming payment is due', () => {
    const { state } = liabilityAt('imposed');
    expect(run(state, payment(state, 150_000, '2025-04-30'), finance, '2025-04-30').stage).toBe('paid');
  });

  it('keeps the stage while an objection waits for its determination, even when paid in full', () => {
    const { state } = liabilityAt('objection-received');
    const after = run(state, payment(state, 150_000, '2025-05-03'), finance, '2025-05-03');
    expect(after.stage).toBe('objection-received');
    expect(outstandingPence(after)).toBe(0);
  });

  it('detects an overpayment and sends it to a refund decision', () => {
    const { state } = liabilityAt('payment-due');
    const decision = attempt(state, payment(state, 160_000, '2025-06-01'), finance, '2025-06-01');
    if (!decision.ok) expect.fail(decision.reasons.join(' | '));
    expect(decision.events.map((event) => [event.type, 'amountPence' in event.payload ? event.payload.amountPence : undefined])).toEqual([
      ['PaymentReceived', 160_000],
      ['PaidInFull', undefined],
      ['OverpaymentDetected', 10_000],
    ]);
    const after = run(state, payment(state, 160_000, '2025-06-01'), finance, '2025-06-01');
    expect(after.stage).toBe('paid');
    expect(after.overpayment).toEqual({ amountPence: 10_000, detectedOn: '2025-06-01' });
    expect(creditPence(after)).toBe(10_000);
  });

  it('treats a second payment after the penalty is paid as an overpayment of the whole of it', () => {
    const { state } = liabilityAt('paid');
    const after = run(state, payment(state, 150_000, '2025-06-05', { reference: 'DUPLICATE-TRANSFER' }), finance, '2025-06-05');
    expect(after.stage).toBe('paid');
    expect(after.overpayment?.amountPence).toBe(150_000);
  });

  it('takes a payment by the employer against the driver’s penalty (jointly liable)', () => {
    const { state } = liabilityAt('overdue');
    expect(state.role).toBe('driver');
    const after = run(state, payment(state, 150_000, '2025-06-30', { paidBy: 'employer', reference: 'TRANS-POL-0630' }), finance, '2025-06-30');
    expect(after.stage).toBe('paid');
    expect(after.payments[0]?.paidBy).toBe('employer');
  });

  it('refuses “the employer” as payer of an owner’s own penalty', () => {
    const { state } = liabilityAt('payment-due', openDriverLiability({ role: 'owner' }));
    expect(refusal(state, payment(state, 1_000, '2025-06-01', { paidBy: 'employer' }), finance, '2025-06-01')).toEqual([
      'An employer pays against a driver’s penalty; this penalty is the owner’s own. Choose “the person the penalty was given to” or “someone else”.',
    ]);
  });

  it.each([
    [0, 'The amount paid must be more than £0, in pounds and pence.'],
    [-500, 'The amount paid must be more than £0, in pounds and pence.'],
    [10.5, 'The amount paid must be more than £0, in pounds and pence.'],
  ])('refuses an amount of %s pence', (amountPence, reason) => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, payment(state, amountPence, '2025-06-01'), finance, '2025-06-01')).toEqual([reason]);
  });

  it.each([
    ['2025-02-30', 'The date the payment was received "2025-02-30" is not a real date written YYYY-MM-DD.'],
    ['2025-06-02', 'The date the payment was received (2025-06-02) is in the future. Record it on or after the day it happens.'],
    ['2025-04-24', 'The date the payment was received (2025-04-24) is before the penalty notice date (2025-04-25). Check both dates.'],
  ])('refuses a payment received on %s', (receivedOn, reason) => {
    const { state } = liabilityAt('payment-due');
    expect(refusal(state, payment(state, 1_000, receivedOn), finance, '2025-06-01')).toEqual([reason]);
  });

  it('refuses an unknown method, a missing reference and an unknown payer, each with its reason', () => {
    const { state } = liabilityAt('payment-due');
    const action = { ...payment(state, 1_000, '2025-06-01'), method: 'barter', reference: '  ', paidBy: 'nobody' } as never;
    expect(refusal(state, action, finance, '2025-06-01')).toEqual([
      '"barter" is not a way of paying. Choose from: Bank transfer, Card, Cheque, Cash at the port, Collected by the debt collection agency, Other.',
      'Enter the finance system’s invoice or receipt reference for the payment.',
      '"nobody" is not who paid. Choose the person the penalty was given to, their employer or someone else.',
    ]);
  });

  it('refuses the same payment twice', () => {
    const { state } = liabilityAt('payment-due');
    const once = run(state, payment(state, 1_000, '2025-06-01', { reference: 'R-1' }), finance, '2025-06-01');
    expect(refusal(once, payment(once, 1_000, '2025-06-01', { reference: 'R-1' }), finance, '2025-06-02')).toEqual([
      'This payment (£10 received on 2025-06-01, reference R-1) is already recorded. A payment is recorded once.',
    ]);
    expect(run(once, payment(once, 1_000, '2025-06-02', { reference: 'R-1' }), finance, '2025-06-02').payments).toHaveLength(2);
  });

  it('refuses a payment before the penalty is imposed: money then is a ledger matter', () => {
    const { state } = liabilityAt('assured');
    expect(refusal(state, payment(state, 1_000, '2025-04-10'), finance, '2025-04-10')).toEqual([expect.stringMatching(/^You cannot record a payment at the stage “Recommendation assured”/)]);
  });
});

describe('a reduction after payment', () => {
  it('gives the person a credit, detected as an overpayment; once the appeal period ends the penalty is paid', () => {
    const { state } = liabilityAt('imposed');
    const paid = run(state, payment(state, 150_000, '2025-04-28'), finance, '2025-04-28');
    expect(paid.stage).toBe('paid');
    const objected = run(paid, { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'Cannot afford it' }, ao, '2025-05-01');
    const reduced = determineAndAssure(
      objected,
      { type: 'determineObjection', outcome: 'reduce', reasons: 'Means', penaltyFacts: penaltyFactsFor(objected, { means: { kind: 'individual', assessedAmountPence: 10_000 } }) },
      so,
      '2025-05-10',
    );
    expect(reduced.stage).toBe('objection-determined');
    expect(outstandingPence(reduced)).toBeLessThan(0);
    expect(reduced.overpayment?.amountPence).toBe(creditPence(reduced));
    const settled = run(reduced, { type: 'confirmPaymentDue' }, ao, '2025-06-08');
    expect(settled.stage).toBe('paid');
    expect(settled.payment.paidOn).toBe('2025-04-28');
  });

  it('turns everything paid into credit when the penalty is cancelled on objection', () => {
    const { state } = liabilityAt('imposed');
    const part = run(state, payment(state, 40_000, '2025-04-28'), finance, '2025-04-28');
    const objected = run(part, { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'Not the driver' }, ao, '2025-05-01');
    const cancelled = determineAndAssure(objected, { type: 'determineObjection', outcome: 'cancel', reasons: 'Wrong person' }, so, '2025-05-10');
    expect(outstandingPence(cancelled)).toBe(-40_000);
    expect(cancelled.overpayment?.amountPence).toBe(40_000);
  });
});

describe('closing', () => {
  it('refuses to close while an overpayment waits for a refund decision or a review is open', () => {
    const { state } = liabilityAt('paid');
    const overpaid = run(state, payment(state, 500, '2025-06-02'), finance, '2025-06-02');
    const reviewed = run(overpaid, { type: 'startReview', reason: 'case-error', note: 'Check the payments' }, ao, '2025-06-02');
    expect(refusal(reviewed, { type: 'closeCase' }, finance, '2025-06-03')).toEqual([
      'An overpayment of £5 awaits a refund decision. Decide it before closing the case.',
      'The penalty is under review (since 2025-06-02). End the review before closing the case.',
    ]);
  });
});
