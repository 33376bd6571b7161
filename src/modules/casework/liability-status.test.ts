import { describe, expect, it } from 'vitest';
import { liabilityAt, OFFICERS, openDriverLiability, payment, POLICY, run } from '../../domain/liability/liability-factories.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { caseDeadlines } from './case-deadlines.js';
import { clockFacts } from '../../domain/liability/liability-clock.js';
import { anyApplies, deadlinesThatApply, stageDescription } from './liability-status.js';

// The factories' incident is 10 March 2025; a penalty imposed on 25 April 2025 is due on 24 June 2025.
const shown = (state: ReturnType<typeof openDriverLiability>, today: string) =>
  caseDeadlines(clockFacts(state), [POLICY], today, deadlinesThatApply(state));
const names = (outcome: ReturnType<typeof shown>) => (outcome.ok ? outcome.deadlines.map((d) => d.name) : []);

describe('deadlines that no longer apply are not shown', () => {
  it('before the notice: the notice, imposition window and last day', () => {
    expect(names(shown(openDriverLiability(), '2025-03-20'))).toEqual(['lastDayToImpose', 'earliestImposition', 'lastDayToSendInitialNotice']);
  });

  it('once the notice is sent, day 151 is gone and the response is due', () => {
    const { state } = liabilityAt('initial-notice-sent');
    expect(names(shown(state, '2025-03-21'))).toEqual(['lastDayToImpose', 'earliestImposition', 'initialNoticeResponseDue']);
  });

  it('an imposed case never shows the last day to send the initial notice or to impose', () => {
    const { state } = liabilityAt('imposed');
    const listed = names(shown(state, '2025-04-26'));
    expect(listed).not.toContain('lastDayToSendInitialNotice');
    expect(listed).not.toContain('lastDayToImpose');
    expect(listed).toEqual(['objectionDue', 'appealDue', 'paymentDue']);
  });

  it('an objection shows its decision date; a paid or finished penalty shows nothing', () => {
    expect(names(shown(liabilityAt('objection-received').state, '2025-05-02'))).toEqual(['objectionDeterminationDue', 'paymentDue']);
    expect(names(shown(liabilityAt('paid').state, '2025-06-02'))).toEqual([]);
    expect(names(shown(liabilityAt('written-off').state, '2025-07-02'))).toEqual([]);
  });

  it('the case-wide table keeps a deadline any person still needs', () => {
    const applies = anyApplies([liabilityAt('imposed').state, openDriverLiability()]);
    expect(applies('lastDayToSendInitialNotice')).toBe(true);
    expect(anyApplies([liabilityAt('imposed').state])('lastDayToSendInitialNotice')).toBe(false);
  });
});

describe('deadlines explained in plain English', () => {
  it('counts the day the vehicle arrived, with GOV.UK dates and no code', () => {
    const outcome = shown(openDriverLiability(), '2025-03-20');
    if (!outcome.ok) throw new Error(outcome.reasons.join(' '));
    const explained = Object.fromEntries(outcome.deadlines.map((d) => [d.name, d.explanation]));
    expect(explained.lastDayToImpose).toBe('The last day is 5 September 2025: 180 days counting the day the vehicle arrived (10 March 2025) as the first.');
    expect(explained.lastDayToSendInitialNotice).toMatch(/^The last day is 7 August 2025: day 151, counting the day the vehicle arrived \(10 March 2025\) as day 1\./);
    for (const text of Object.values(explained)) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says when a date falls on a bank holiday, and that it does not move', () => {
    // 42 days after 10 March 2025 is Monday 21 April 2025, Easter Monday.
    const outcome = shown(openDriverLiability(), '2025-03-20');
    const earliest = outcome.ok ? outcome.deadlines.find((d) => d.name === 'earliestImposition') : undefined;
    expect(earliest?.explanation).toBe('From 21 April 2025: 42 days after the incident on 10 March 2025 (operational practice). 21 April 2025 is a bank holiday in England and Wales (Easter Monday): the date does not move.');
  });

  it('counts a lorry drop from the earlier of arrival and detection', () => {
    const drop = openDriverLiability({ lorryDrop: { estimatedArrivalDate: '2025-03-09', detectionDate: '2025-03-10' } });
    const outcome = shown(drop, '2025-03-20');
    const last = outcome.ok ? outcome.deadlines.find((d) => d.name === 'lastDayToImpose') : undefined;
    expect(last?.explanation).toBe(
      'The last day is 4 September 2025: 180 days counting the earlier of the day the vehicle is estimated to have arrived (9 March 2025) and the day the people were found (10 March 2025) as the first.',
    );
  });
});

describe('the stage shows the payment state', () => {
  it('before imposition, or while nothing is owed, it is the stage alone', () => {
    expect(stageDescription(openDriverLiability(), { today: '2025-03-20', policyVersion: POLICY }).label).toBe('Case created');
    expect(stageDescription(liabilityAt('paid').state, { today: '2025-06-02', policyVersion: POLICY }).label).toBe('Paid in full');
  });

  it('an imposed penalty 15 days past its due date does not say just "Penalty imposed"', () => {
    const { state } = liabilityAt('imposed');
    const owed = outstandingPence(state)!;
    const partPaid = run(state, payment(state, 10_000, '2025-05-01'), OFFICERS.finance, '2025-05-01');
    const described = stageDescription(partPaid, { today: '2025-07-09', policyVersion: POLICY });
    expect(described.paymentStates).toEqual(['overdue', 'part-paid']);
    expect(described.label).toBe(`Penalty imposed — 15 days overdue, part paid, £${((owed - 10_000) / 100).toLocaleString('en-GB')} outstanding`);
    expect(stageDescription(state, { today: '2025-06-24', policyVersion: POLICY }).paymentStates).toEqual([]);
  });

  it('on instalments, in debt recovery, or written off', () => {
    const { state: instalments } = liabilityAt('instalments');
    expect(stageDescription(instalments, { today: '2025-07-09', policyVersion: POLICY })).toMatchObject({ paymentStates: ['instalments'] });
    expect(stageDescription(instalments, { today: '2025-07-09', policyVersion: POLICY }).label).toMatch(/^Paying by instalments — £[\d,]+ outstanding$/);

    const { state: overdue } = liabilityAt('overdue');
    const events = [{ type: 'DebtReferredToAgency', payload: { liabilityId: 'l1' } }];
    const recovering = stageDescription(overdue, { today: '2025-07-09', policyVersion: POLICY, events, liabilityId: 'l1' });
    expect(recovering.paymentStates).toContain('debt-recovery');
    expect(recovering.label).toMatch(/^Payment overdue — in debt recovery, 15 days overdue, £[\d,]+ outstanding$/);
    const returned = [...events, { type: 'DebtAgencyOutcomeRecorded', payload: { liabilityId: 'l1' } }];
    expect(stageDescription(overdue, { today: '2025-07-09', policyVersion: POLICY, events: returned, liabilityId: 'l1' }).paymentStates).not.toContain('debt-recovery');

    const written = stageDescription(liabilityAt('written-off').state, { today: '2025-07-09', policyVersion: POLICY });
    expect(written.paymentStates).toEqual(['written-off']);
    expect(written.label).toMatch(/^Written off — £[\d,]+ not recovered$/);
  });
});
