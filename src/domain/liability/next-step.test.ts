import { describe, expect, it } from 'vitest';
import { attempt, liabilityAt, noticeChecked, OFFICERS, openDriverLiability, POLICY, run } from './liability-factories.js';
import { DEADLINE_MISSED_STEPS, missedDeadline, nextExpectedStep } from './next-step.js';

// Incident 10 March 2025: the last day to send the initial notice is 7 August 2025 (day 151), the last day to impose 5 September 2025.
const on = (today: string) => ({ today, policyVersion: POLICY });

describe('the next step follows the statutory clock', () => {
  it('up to day 151 a case with no initial notice is to send it; from day 152 it is to propose write-off', () => {
    const fresh = openDriverLiability();
    expect(nextExpectedStep(fresh, on('2025-08-07'))).toMatch(/^Send the initial notice and questionnaire — first, a second officer checks the name and address/);
    expect(missedDeadline(fresh, on('2025-08-08'))).toBe('noticeTooLate');
    expect(nextExpectedStep(fresh, on('2025-08-08'))).toBe(DEADLINE_MISSED_STEPS.noticeTooLate);
    expect(nextExpectedStep(fresh, on('2025-08-08'))).toMatch(/^Propose write-off \(deadline missed\)/);
  });

  it('the write-off it names is one the rules allow at that point', () => {
    const fresh = openDriverLiability();
    const proposal = { type: 'proposeWriteOff' as const, reason: 'deadline-missed' as const, explanation: 'Initial notice not sent by day 151' };
    expect(attempt(fresh, proposal, OFFICERS.eo, '2025-08-08').ok).toBe(true);
    const { state: assured } = liabilityAt('assured');
    expect(nextExpectedStep(assured, on('2025-09-06'))).toBe(DEADLINE_MISSED_STEPS.impositionTooLate);
    expect(attempt(assured, proposal, OFFICERS.eo, '2025-09-06').ok).toBe(true);
  });

  it('a notice sent in time does not become a write-off at day 152: the penalty can still be imposed until the last day', () => {
    const { state } = liabilityAt('response-window-closed');
    expect(missedDeadline(state, on('2025-08-20'))).toBeNull();
    expect(nextExpectedStep(state, on('2025-08-20'))).toMatch(/^Draft the recommendation/);
    expect(nextExpectedStep(state, on('2025-09-06'))).toBe(DEADLINE_MISSED_STEPS.impositionTooLate);
  });

  it('a case with the investigation team past the last day is proposed for write-off for that reason', () => {
    const { state } = liabilityAt('criminal-investigation-accepted');
    expect(nextExpectedStep(state, on('2025-09-05'))).toMatch(/^Propose write-off if the last day to impose will pass/);
    expect(nextExpectedStep(state, on('2025-09-06'))).toBe(DEADLINE_MISSED_STEPS.investigationTooLate);
  });

  it('an imposed penalty is never told to write off for a missed deadline', () => {
    const { state } = liabilityAt('imposed');
    expect(missedDeadline(state, on('2026-01-01'))).toBeNull();
  });

  it('after the objection period with no objection, the step is to confirm payment is due', () => {
    const { state } = liabilityAt('imposed');
    // Notice dated 25 April 2025: objections by 23 May 2025.
    expect(nextExpectedStep(state, on('2025-05-23'))).toMatch(/^Record any objection or appeal/);
    expect(nextExpectedStep(state, on('2025-05-24'))).toBe('Confirm the penalty stands and payment is due: the objection period has ended');
  });

  it('past the payment due date with money owed, the step is to record it overdue', () => {
    const { state } = liabilityAt('payment-due');
    // Due 24 June 2025 (notice + 60 days).
    expect(nextExpectedStep(state, on('2025-06-24'))).toMatch(/^Wait for payment/);
    expect(nextExpectedStep(state, on('2025-06-25'))).toBe('Record that payment is overdue: the payment due date has passed with money still owed');
  });

  it('without a clock the step is the stage’s, as before', () => {
    expect(nextExpectedStep(openDriverLiability())).toBe('Send the initial notice and questionnaire — first, a second officer checks the name and address against the documents; another officer then sends it');
  });
});

describe('the next step names the assurance the rules wait for', () => {
  it('after the name and address check, someone else sends the notice; a changed address needs a fresh check', () => {
    const checked = noticeChecked(openDriverLiability(), '2025-03-12');
    expect(nextExpectedStep(checked, on('2025-03-12'))).toBe('An officer other than the one who checked the name and address sends the initial notice and questionnaire');
    const moved = { ...checked, postalAddress: 'Another street 2, Gdańsk, Poland' };
    expect(nextExpectedStep(moved, on('2025-03-12'))).toMatch(/^Send the initial notice and questionnaire — first, a second officer checks the name and address/);
  });

  it('a determined objection waits for a Higher Officer’s assurance', () => {
    const { state, today } = liabilityAt('objection-received');
    const drafted = run(state, { type: 'determineObjection', outcome: 'maintain', reasons: 'No evidence of checks.' }, OFFICERS.eo, today);
    expect(drafted.objection?.draftDetermination).toBeDefined();
    expect(nextExpectedStep(drafted, on(today))).toBe('A Higher Officer who did not determine it assures the determination of the objection, or returns it with a reason');
  });
});
