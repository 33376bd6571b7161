import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { daysHeld, detentionCosts, detentionEndProblems, detentionSaleFrom, detentionStartProblems } from './detention.js';

const policy = DEFAULT_POLICY_VERSIONS[0] as PolicyVersion;

describe('detention', () => {
  it('charges each day held, the first and the last counted, up to today while it lasts', () => {
    expect(daysHeld('2026-03-01', '2026-03-01')).toBe(1);
    expect(detentionCosts({ startedOn: '2026-03-01', dailyCostPence: 4500 }, '2026-03-10')).toEqual({ days: 10, amountPence: 45000, until: '2026-03-10' });
    expect(detentionCosts({ startedOn: '2026-03-01', dailyCostPence: 4500, endedOn: '2026-03-03' }, '2026-04-10')).toEqual({ days: 3, amountPence: 13500, until: '2026-03-03' });
  });

  it('allows sale from the day after the 84 days beginning with the start of detention', () => {
    const sale = detentionSaleFrom('2026-01-10', '2026-03-01', policy);
    expect(sale.ok && sale.deadline.date).toBe('2026-05-24');
    const early = detentionEndProblems({ how: 'sold', endedOn: '2026-05-23', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: '2026-05-24', outstandingPence: 100, alreadyEnded: false });
    expect(early.map((p) => p.message)).toEqual(['The vehicle may not be sold before 2026-05-24']);
    expect(detentionEndProblems({ how: 'sold', endedOn: '2026-05-24', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: '2026-05-24', outstandingPence: 100, alreadyEnded: false })).toEqual([]);
  });

  it('refuses to sell a vehicle whose penalty is paid, and checks the dates', () => {
    expect(detentionEndProblems({ how: 'sold', endedOn: '2026-06-01', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: '2026-05-24', outstandingPence: 0, alreadyEnded: false })).toHaveLength(1);
    expect(detentionEndProblems({ how: 'payment', endedOn: '2026-02-01', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: null, outstandingPence: 0, alreadyEnded: false })[0]!.field).toBe('endedOn');
    expect(detentionEndProblems({ how: 'court-order', endedOn: '2026-03-05', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: null, outstandingPence: 100, alreadyEnded: false })).toEqual([]);
    expect(detentionEndProblems({ how: 'payment', endedOn: '2026-03-05', startedOn: '2026-03-01', today: '2026-06-01', saleFrom: null, outstandingPence: 100, alreadyEnded: true })[0]!.message).toContain('already ended');
  });

  it('refuses a start before the incident, in the future, or a negative cost', () => {
    expect(detentionStartProblems({ startedOn: '2026-01-01', dailyCostPence: 100, incidentDate: '2026-01-10', today: '2026-03-01' })[0]!.field).toBe('startedOn');
    expect(detentionStartProblems({ startedOn: '2026-04-01', dailyCostPence: 100, incidentDate: '2026-01-10', today: '2026-03-01' })[0]!.message).toContain('future');
    expect(detentionStartProblems({ startedOn: '2026-02-01', dailyCostPence: -1, incidentDate: '2026-01-10', today: '2026-03-01' })[0]!.field).toBe('dailyCost');
  });
});
