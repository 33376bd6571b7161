import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, refusal, run } from './liability-factories.js';

const { ao, manager } = OFFICERS;

describe('startReview and endReview', () => {
  it('opens a review without changing the stage, and ends it', () => {
    const { state } = liabilityAt('overdue');
    const open = run(state, { type: 'startReview', reason: 'wrong-due-date', note: 'The notice printed the wrong date' }, ao, '2025-07-01');
    expect(open.stage).toBe('overdue');
    expect(open.review).toEqual({ reason: 'wrong-due-date', note: 'The notice printed the wrong date', startedBy: ao.id, startedOn: '2025-07-01' });
    const ended = run(open, { type: 'endReview', note: 'Date corrected on a fresh notice' }, manager, '2025-07-05');
    expect(ended.stage).toBe('overdue');
    expect(ended.review).toBeUndefined();
  });

  it('refuses a second review while one is open', () => {
    const { state } = liabilityAt('overdue');
    const open = run(state, { type: 'startReview', reason: 'wrong-company', note: 'Lorry sold in May' }, ao, '2025-07-01');
    expect(refusal(open, { type: 'startReview', reason: 'case-error', note: 'x' }, ao, '2025-07-02')).toEqual([
      'The penalty is already under review (wrong company) since 2025-07-01. End that review first.',
    ]);
  });

  it('needs a reason from the list and a note', () => {
    const { state } = liabilityAt('overdue');
    expect(refusal(state, { type: 'startReview', reason: 'hunch', note: ' ' } as never, ao, '2025-07-01')).toEqual([
      'Choose why the penalty is under review: Case error, Wrong company, Wrong due date, Another reason.',
      'Enter what is being reviewed.',
    ]);
  });

  it('refuses to end a review that was never started, and needs what it found', () => {
    const { state } = liabilityAt('overdue');
    expect(refusal(state, { type: 'endReview', note: 'Done' }, ao, '2025-07-01')).toEqual(['The penalty is not under review.']);
    const open = run(state, { type: 'startReview', reason: 'other', note: 'Complaint' }, ao, '2025-07-01');
    expect(refusal(open, { type: 'endReview', note: '' }, ao, '2025-07-01')).toEqual(['Enter what the review found.']);
  });

  it('is not possible once the liability is finished', () => {
    const { state } = liabilityAt('closed');
    expect(refusal(state, { type: 'startReview', reason: 'other', note: 'x' }, ao, '2025-07-01')).toEqual([expect.stringMatching(/^You cannot start a review of the penalty at the stage “Closed”/)]);
  });
});
