import { describe, expect, it } from 'vitest';
import { myDeadlineEntries, type AssignedCaseDates } from './my-deadlines.js';
import { warningStatus } from './queue-filters.js';

const row = (over: Partial<AssignedCaseDates>): AssignedCaseDates => ({
  reference: 'CEC-2026-000001',
  companyName: 'Trans-Pol Sp. z o.o.',
  stage: 'case-created',
  lastDayToImpose: null,
  lastDayToSendInitialNotice: null,
  objectionDeterminationDue: null,
  ...over,
});

describe('a caseworker’s own deadlines', () => {
  it('lists the next 14 days and the missed ones, soonest first, and nothing further away', () => {
    const entries = myDeadlineEntries(
      [
        row({ reference: 'CEC-2026-000001', lastDayToSendInitialNotice: '2026-12-10', lastDayToImpose: '2027-01-08' }),
        row({ reference: 'CEC-2026-000002', lastDayToSendInitialNotice: '2026-12-01', lastDayToImpose: '2026-12-30' }),
        row({ reference: 'CEC-2026-000003', stage: 'objection-received', objectionDeterminationDue: '2026-12-18', lastDayToImpose: '2026-12-05' }),
      ],
      '2026-12-04',
    );
    expect(entries.map((e) => [e.reference, e.what, e.date, e.passed])).toEqual([
      ['CEC-2026-000002', 'Last day to send the initial notice (day 151)', '2026-12-01', true],
      ['CEC-2026-000001', 'Last day to send the initial notice (day 151)', '2026-12-10', false],
      ['CEC-2026-000003', 'Objection to be decided by', '2026-12-18', false],
    ]);
    // An imposed case's last day to impose is not a deadline any more (CEC-…003 above).
  });

  it('tags red within a week or once passed, orange within two weeks', () => {
    expect(warningStatus('2026-12-11', '2026-12-04')).toMatchObject({ daysLeft: 7, tag: 'red', passed: false });
    expect(warningStatus('2026-12-18', '2026-12-04')).toMatchObject({ daysLeft: 14, tag: 'orange' });
    expect(warningStatus('2026-12-19', '2026-12-04')).toMatchObject({ tag: null });
    expect(warningStatus('2026-12-03', '2026-12-04')).toMatchObject({ passed: true, daysPassed: 1, tag: 'red' });
    expect(warningStatus(null, '2026-12-04')).toBeNull();
  });
});
