import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, refusal, run } from './liability-factories.js';

const { ao, finance } = OFFICERS;

describe('the payment placeholders', () => {
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

  it('moves between instalments, overdue and paid, and closes once paid', () => {
    const { state } = liabilityAt('overdue');
    const instalments = run(state, { type: 'agreeInstalments' }, finance, '2025-07-01');
    expect(instalments.stage).toBe('instalments');
    expect(run(instalments, { type: 'recordPaymentOverdue' }, finance, '2025-08-01').stage).toBe('overdue');
    const paid = run(instalments, { type: 'recordPaymentInFull', paidOn: '2025-09-01' }, finance, '2025-09-02');
    expect(paid.payment.paidOn).toBe('2025-09-01');
    expect(run(paid, { type: 'closeCase' }, finance, '2025-09-03').stage).toBe('closed');
    expect(refusal(instalments, { type: 'recordPaymentInFull', paidOn: '2025-04-24' }, finance, '2025-09-02')).toEqual([
      'The date of payment (2025-04-24) is before the penalty notice date (2025-04-25). Check both dates.',
    ]);
  });
});
