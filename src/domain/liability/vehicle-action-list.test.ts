import { describe, expect, it } from 'vitest';
import { determineAndAssure, halves, liabilityAt, OFFICERS, openDriverLiability, payment, POLICY, run } from './liability-factories.js';
import type { LiabilityState } from './liability-state.js';
import { VAL_BLOCKS, valBlock } from './vehicle-action-list.js';

const { ao, eo, so, finance, manager } = OFFICERS;
const owner = () => openDriverLiability({ role: 'owner' });
const at = (stage: Parameters<typeof liabilityAt>[0]) => liabilityAt(stage, owner()).state;
const block = (state: LiabilityState) => valBlock(state, '2025-09-01', POLICY);

describe('valBlock: what keeps a penalty from putting a vehicle on the Vehicle Action List', () => {
  it('nothing, once imposed and unpaid (payment due, or overdue): the query adds the due date and the money', () => {
    expect(block(at('imposed'))).toBeNull();
    expect(block(at('payment-due'))).toBeNull();
    expect(block(at('overdue'))).toBeNull();
    expect(block(at('objection-determined'))).toBeNull();
    expect(block(at('appeal-decided'))).toBeNull();
  });

  it('a penalty not imposed, or not pursued', () => {
    for (const stage of ['case-created', 'initial-notice-sent', 'assured', 'not-referred'] as const) expect(block(at(stage))).toBe(VAL_BLOCKS.notImposed);
  });

  it('a referral for criminal investigation', () => {
    expect(block(at('criminal-investigation'))).toBe(VAL_BLOCKS.criminalInvestigation);
    expect(block(at('criminal-investigation-accepted'))).toBe(VAL_BLOCKS.criminalInvestigation);
  });

  it('paid in full (and closed), however it got there', () => {
    expect(block(at('paid'))).toBe(VAL_BLOCKS.paid);
    expect(block(at('closed'))).toBe(VAL_BLOCKS.paid);
    const objected = at('objection-received');
    // Paid while an objection waits: the objection still stands in the way, but so does the payment, and it comes first.
    expect(block(run(objected, payment(objected, 150_000, '2025-05-03'), finance, '2025-05-03'))).toBe(VAL_BLOCKS.paid);
  });

  it('a part payment leaves the rest to enforce', () => {
    const overdue = at('overdue');
    expect(block(run(overdue, payment(overdue, 149_999, '2025-06-26'), finance, '2025-06-26'))).toBeNull();
  });

  it('a cancelled penalty, on objection or by the court', () => {
    const objected = at('objection-received');
    expect(block(determineAndAssure(objected, { type: 'determineObjection', outcome: 'cancel', reasons: 'Wrong company' }, so, '2025-05-10'))).toBe(VAL_BLOCKS.cancelled);
    const appealed = run(at('appeal-lodged'), { type: 'allocateAppeal', officerId: OFFICERS.fresh.id }, manager, '2025-05-21');
    expect(block(run(appealed, { type: 'decideAppeal', outcome: 'cancelled', decidedOn: '2025-07-01' }, OFFICERS.fresh, '2025-07-01'))).toBe(VAL_BLOCKS.cancelled);
  });

  it('a write-off, proposed or approved', () => {
    expect(block(at('write-off-proposed'))).toBe(VAL_BLOCKS.writeOffProposed);
    expect(block(at('written-off'))).toBe(VAL_BLOCKS.writtenOff);
  });

  it('an objection awaiting determination, and an appeal pending', () => {
    expect(block(at('objection-received'))).toBe(VAL_BLOCKS.objection);
    expect(block(at('appeal-lodged'))).toBe(VAL_BLOCKS.appeal);
  });

  it('an instalment plan being kept, until a missed instalment is recorded', () => {
    const plan = at('instalments');
    expect(block(plan)).toBe(VAL_BLOCKS.instalmentPlan);
    expect(block(run(plan, { type: 'recordPaymentOverdue' }, finance, '2025-07-01'))).toBeNull();
  });

  it('an instalment request awaiting a decision, and not once it is refused', () => {
    const due = at('payment-due');
    const requested = run(due, { type: 'requestInstalments', requestedOn: '2025-06-01', proposal: '£300 a month' }, ao, '2025-06-01');
    expect(block(requested)).toBe(VAL_BLOCKS.instalmentRequest);
    expect(block(run(requested, { type: 'refuseInstalments', reason: 'Too long' }, finance, '2025-06-02'))).toBeNull();
    expect(block(run(requested, { type: 'agreeInstalments', schedule: halves(requested, '2025-07-01', '2025-08-01') }, finance, '2025-06-02'))).toBe(VAL_BLOCKS.instalmentPlan);
  });

  it('a means assessment awaiting a decision (a fact from the case, passed in)', () => {
    expect(block({ ...at('overdue'), meansAssessmentPending: true })).toBe(VAL_BLOCKS.meansAssessment);
  });

  it('a review, with its reason', () => {
    const overdue = at('overdue');
    expect(block(run(overdue, { type: 'startReview', reason: 'case-error', note: 'Two incidents mixed up' }, eo, '2025-07-01'))).toBe('Under review: case error');
    expect(block(run(overdue, { type: 'startReview', reason: 'wrong-company', note: 'Sold the lorry' }, eo, '2025-07-01'))).toBe('Under review: wrong company');
    expect(block(run(overdue, { type: 'startReview', reason: 'wrong-due-date', note: 'Misprint' }, eo, '2025-07-01'))).toBe('Under review: wrong due date');
    const ended = run(run(overdue, { type: 'startReview', reason: 'other', note: 'Complaint' }, eo, '2025-07-01'), { type: 'endReview', note: 'No error' }, eo, '2025-07-02');
    expect(block(ended)).toBeNull();
  });

  it('does not change as days pass: every block is a recorded fact', () => {
    const plan = at('instalments');
    expect(valBlock(plan, '2025-06-01', POLICY)).toBe(valBlock(plan, '2031-01-01', POLICY));
    expect(valBlock(at('overdue'), '2025-06-01', POLICY)).toBe(valBlock(at('overdue'), '2031-01-01', POLICY));
  });
});
