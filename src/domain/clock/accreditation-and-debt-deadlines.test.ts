import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import {
  cpasApplicationDecisionDue,
  cpasReapplyFrom,
  cpasReviewTriggers,
  cpasSuspensionDates,
  debtLimitationDate,
} from './accreditation-and-debt-deadlines.js';

const policy = DEFAULT_POLICY_VERSIONS[0] as PolicyVersion;

describe('CPAS dates', () => {
  it('decides an application within 30 days of receipt', () => {
    expect(cpasApplicationDecisionDue('2024-03-01', policy).date).toBe('2024-03-31');
  });

  it('suspends from the day after the due date for 28 days, then removes if still unpaid', () => {
    expect(cpasSuspensionDates('2024-04-30', policy).map((entry) => [entry.name, entry.date])).toEqual([
      ['cpasSuspendedFrom', '2024-05-01'],
      ['cpasSuspensionEnds', '2024-05-28'],
      ['cpasRemovalIfUnpaid', '2024-05-29'],
    ]);
  });

  it('lets a removed member reapply three calendar months after removal, on the month’s last day when needed', () => {
    expect(cpasReapplyFrom('2024-05-29', policy).date).toBe('2024-08-29');
    expect(cpasReapplyFrom('2024-11-30', policy).date).toBe('2025-02-28');
  });

  it('triggers a review at three S32 incidents within any 12 months', () => {
    const events = [
      { offence: 'S32' as const, date: '2024-01-15' },
      { offence: 'S32' as const, date: '2024-09-01' },
      { offence: 'S32' as const, date: '2025-01-15' },
    ];
    expect(cpasReviewTriggers(events, policy)).toEqual([{ offence: 'S32', windowFrom: '2024-01-15', windowTo: '2025-01-15', count: 3 }]);
    // one day later, no 12-month window holds all three
    expect(cpasReviewTriggers([...events.slice(0, 2), { offence: 'S32', date: '2025-01-16' }], policy)).toEqual([]);
  });

  it('counts S31A findings separately from S32 incidents', () => {
    const mixed = [
      { offence: 'S32' as const, date: '2024-01-15' },
      { offence: 'S31A' as const, date: '2024-02-15' },
      { offence: 'S32' as const, date: '2024-03-15' },
      { offence: 'S31A' as const, date: '2024-04-15' },
    ];
    expect(cpasReviewTriggers(mixed, policy)).toEqual([]);
    expect(cpasReviewTriggers([...mixed, { offence: 'S31A', date: '2024-05-15' }], policy).map((trigger) => trigger.offence)).toEqual(['S31A']);
  });
});

describe('debt limitation', () => {
  it('runs six years from the latest of the due date, the last payment and the last acknowledgement — not the incident', () => {
    expect(debtLimitationDate({ dueDate: '2024-04-30' }, policy).date).toBe('2030-04-30');
    expect(debtLimitationDate({ dueDate: '2024-04-30', lastPaymentOn: '2025-01-10' }, policy).date).toBe('2031-01-10');
    const acknowledged = debtLimitationDate({ dueDate: '2024-04-30', lastPaymentOn: '2025-01-10', lastAcknowledgementOn: '2025-06-02' }, policy);
    expect(acknowledged.date).toBe('2031-06-02');
    expect(acknowledged.rule).toContain('last written acknowledgement');
  });

  it('ignores a payment older than the due date', () => {
    expect(debtLimitationDate({ dueDate: '2024-04-30', lastPaymentOn: '2024-01-10' }, policy).date).toBe('2030-04-30');
  });
});
