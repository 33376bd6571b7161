import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_VERSIONS } from '../policy/default-policy.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { openLiability } from '../liability/liability-state.js';
import { daysOverdue, lastAcknowledgementOn, limitationOf, withDebtFacts } from './debt.js';
import { DCA_COLUMNS, dcaLine, poundsText } from './debt-referral.js';

const policy = DEFAULT_POLICY_VERSIONS[0] as PolicyVersion;

describe('debt limitation', () => {
  it('runs six years from the due date when nothing else happened', () => {
    const limitation = limitationOf({ paymentDue: '2020-03-10' }, '2026-03-10', policy);
    expect(limitation).toMatchObject({ date: '2026-03-10', reached: true, writeOffPossible: false });
    expect(limitationOf({ paymentDue: '2020-03-10' }, '2026-03-11', policy).writeOffPossible).toBe(true);
    expect(limitationOf({ paymentDue: '2020-03-10' }, '2026-03-09', policy).reached).toBe(false);
  });

  it('restarts from the last payment or the last written acknowledgement, whichever is later', () => {
    expect(limitationOf({ paymentDue: '2020-03-10', lastPaymentOn: '2021-05-01' }, '2026-03-11', policy)).toMatchObject({ date: '2027-05-01', writeOffPossible: false });
    const acknowledged = limitationOf({ paymentDue: '2020-03-10', lastPaymentOn: '2021-05-01', lastAcknowledgementOn: '2022-01-15' }, '2026-03-11', policy);
    expect(acknowledged.date).toBe('2028-01-15');
    expect(acknowledged.rule).toContain('acknowledgement');
  });

  it('folds written acknowledgements recorded on the case into the liability', () => {
    const events = [
      { type: 'DebtAcknowledged', payload: { liabilityId: 'a', acknowledgedOn: '2022-01-15' } },
      { type: 'DebtAcknowledged', payload: { liabilityId: 'a', acknowledgedOn: '2021-01-15' } },
      { type: 'DebtAcknowledged', payload: { liabilityId: 'b', acknowledgedOn: '2023-01-15' } },
    ];
    expect(lastAcknowledgementOn(events, 'a')).toBe('2022-01-15');
    const state = openLiability({ offence: 'S31A', role: 'owner', incidentDate: '2019-01-01' });
    expect(withDebtFacts(state, events, 'a').payment.lastAcknowledgementOn).toBe('2022-01-15');
    expect(withDebtFacts(state, [], 'a')).toBe(state);
  });

  it('counts days overdue from the due date', () => {
    expect(daysOverdue('2026-03-01', '2026-03-11')).toBe(10);
    expect(daysOverdue('2026-03-01', '2026-03-01')).toBe(0);
  });
});

describe('the debt collection agency’s file', () => {
  it('carries everything the agency needs, amounts in pounds', () => {
    const row = dcaLine('batch-1', {
      caseReference: 'CEC-2026-000123',
      role: 'owner',
      offence: 'S31A',
      debtorName: 'Trans-Pol Sp. z o.o.',
      addressLines: ['ul. Długa 5', 'Łódź', '90-001', 'Poland', 'Region', 'Extra'],
      country: 'PL',
      language: 'pl',
      email: 'biuro@example.com',
      phone: null,
      vehicleRegistration: 'WGM 4521K',
      penaltyPence: 150000,
      outstandingPence: 100050,
      paymentDue: '2026-05-01',
      lastPaymentOn: '2026-04-20',
    });
    expect(Object.keys(row)).toEqual([...DCA_COLUMNS]);
    expect(row).toMatchObject({
      payment_reference: 'CEC-2026-000123-O',
      address_line_1: 'ul. Długa 5',
      address_line_5: 'Region, Extra',
      country: 'PL',
      phone: '',
      penalty_amount: '1500.00',
      outstanding_amount: '1000.50',
      last_payment_date: '2026-04-20',
    });
    expect(poundsText(5)).toBe('0.05');
  });
});

describe('costs charged to the debt', () => {
  it('adds detention costs charged on the case to what the liability owes', async () => {
    const { outstandingPence } = await import('../liability/liability-state.js');
    const imposed = { ...openLiability({ offence: 'S31A', role: 'owner', incidentDate: '2026-01-01' }), penaltyNotice: { noticeDate: '2026-03-01', amountPence: 150000, imposedBy: 'x' } };
    const events = [
      { type: 'DetentionCostsCharged', payload: { liabilityId: 'a', amountPence: 4500 } },
      { type: 'DetentionCostsCharged', payload: { liabilityId: 'b', amountPence: 100 } },
    ];
    const state = withDebtFacts(imposed, events, 'a');
    expect(state.chargedCostsPence).toBe(4500);
    expect(outstandingPence(state)).toBe(154500);
  });
});
