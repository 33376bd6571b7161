import { describe, expect, it } from 'vitest';
import { determineAndAssure, liabilityAt, OFFICERS, payment, refusal, run } from './liability-factories.js';
import { creditPence, outstandingPence } from './liability-state.js';

const { ho, finance } = OFFICERS;

function overpaid() {
  const { state } = liabilityAt('paid');
  return run(state, payment(state, 20_000, '2025-06-02', { reference: 'SECOND-TRANSFER' }), finance, '2025-06-02');
}

describe('decideRefund', () => {
  it('refuses when no overpayment waits for a decision', () => {
    const { state } = liabilityAt('paid');
    expect(refusal(state, { type: 'decideRefund', approve: true, reason: 'Paid twice' }, ho, '2025-06-03')).toEqual(['There is no overpayment awaiting a refund decision.']);
  });

  it('approves a refund of the whole credit: nothing is owed or overpaid after it', () => {
    const after = run(overpaid(), { type: 'decideRefund', approve: true, reason: 'Paid twice by bank transfer' }, ho, '2025-06-03');
    expect(after.refunds).toEqual([{ approved: true, amountPence: 20_000, reason: 'Paid twice by bank transfer', decidedBy: ho.id, decidedOn: '2025-06-03' }]);
    expect(after.overpayment).toBeUndefined();
    expect(outstandingPence(after)).toBe(0);
    expect(run(after, { type: 'closeCase' }, finance, '2025-06-04').stage).toBe('closed');
  });

  it('refuses a refund: the decision is recorded and the credit stays', () => {
    const after = run(overpaid(), { type: 'decideRefund', approve: false, reason: 'Held against the owner’s penalty' }, ho, '2025-06-03');
    expect(after.refunds[0]?.approved).toBe(false);
    expect(after.overpayment).toBeUndefined();
    expect(creditPence(after)).toBe(20_000);
  });

  it('needs reasons', () => {
    expect(refusal(overpaid(), { type: 'decideRefund', approve: true, reason: ' ' }, ho, '2025-06-03')).toEqual(['Enter the reasons for the decision.']);
  });

  it('a finance officer may not decide a refund', () => {
    expect(refusal(overpaid(), { type: 'decideRefund', approve: true, reason: 'x' }, finance, '2025-06-03')).toEqual([expect.stringMatching(/^Only an assurer \(HO\) or a senior officer \(SO\) may/)]);
  });

  it('must be decided before a cancelled penalty that was paid is written off', () => {
    const { state } = liabilityAt('imposed');
    const part = run(state, payment(state, 40_000, '2025-04-28'), finance, '2025-04-28');
    const objected = run(part, { type: 'recordObjection', receivedOn: '2025-05-01', grounds: 'Not the driver' }, OFFICERS.ao, '2025-05-01');
    const cancelled = determineAndAssure(objected, { type: 'determineObjection', outcome: 'cancel', reasons: 'Wrong person' }, OFFICERS.so, '2025-05-10');
    const proposed = run(cancelled, { type: 'proposeWriteOff', reason: 'cancelled', explanation: 'Cancelled on objection' }, OFFICERS.eo, '2025-05-11');
    expect(refusal(proposed, { type: 'approveWriteOff' }, OFFICERS.so2, '2025-05-12')).toEqual(['An overpayment of £400 awaits a refund decision. Decide it before writing the liability off.']);
    const refunded = run(proposed, { type: 'decideRefund', approve: true, reason: 'Penalty cancelled' }, ho, '2025-05-12');
    expect(run(refunded, { type: 'approveWriteOff' }, OFFICERS.so2, '2025-05-12').stage).toBe('written-off');
  });
});
