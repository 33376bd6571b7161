import { describe, expect, it } from 'vitest';
import { POLICY_2023_1 } from '../../../domain/policy/default-policy.js';
import { readCompanyFigures, toWholeEuros } from './company-means.js';
import { readPayslips } from './individual-means.js';
import { companySuggestion, individualSuggestion } from './means-suggestion.js';

const TODAY = '2026-05-20';
const accounts = (overrides: Record<string, string> = {}) => ({
  currency: 'pln', turnover: '8,000,000', headcount: '8', eurosPerUnit: '0.2315', rateSource: 'ECB reference rate',
  'rateDate-day': '31', 'rateDate-month': '12', 'rateDate-year': '2025', ...overrides,
});

describe('company figures in another currency', () => {
  it('converts with the recorded rate to whole euros, rounding up', () => {
    expect(toWholeEuros('8000000', '0.2315')).toBe(1_852_000);
    expect(toWholeEuros('8000000.01', '0.2315')).toBe(1_852_001);
    expect(toWholeEuros('2000000', '1')).toBe(2_000_000);
  });

  it('keeps the rate, its source and date, and suggests the band from the euro figures', () => {
    const read = readCompanyFigures(accounts(), TODAY);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.rate).toEqual({ eurosPerUnit: '0.2315', source: 'ECB reference rate', date: '2025-12-31' });
    expect(read.figures).toMatchObject({ currency: 'PLN', turnover: '8000000', turnoverEuro: 1_852_000, balanceSheetTotalEuro: null, headcount: 8 });
    expect(companySuggestion(read.figures, POLICY_2023_1)).toMatchObject({ ok: true, band: 'micro' });
    // The same accounts at a higher rate cross €2m: no longer micro.
    const dearer = readCompanyFigures(accounts({ eurosPerUnit: '0.26' }), TODAY);
    expect(dearer.ok && companySuggestion(dearer.figures, POLICY_2023_1)).toMatchObject({ band: 'small' });
  });

  it('needs a rate, its source and its date unless the accounts are in euros', () => {
    const read = readCompanyFigures(accounts({ eurosPerUnit: '', rateSource: '', 'rateDate-day': '' }), TODAY);
    expect(read.ok ? [] : read.errors.map((e) => e.field)).toEqual(['eurosPerUnit', 'rateSource', 'rateDate']);
    const euros = readCompanyFigures({ currency: 'EUR', balanceSheetTotal: '1500000', headcount: '3' }, TODAY);
    expect(euros.ok && euros.rate).toBeNull();
    expect(euros.ok && euros.figures.balanceSheetTotalEuro).toBe(1_500_000);
  });

  it('refuses a rate dated in the future and figures that are not amounts', () => {
    const read = readCompanyFigures(accounts({ 'rateDate-year': '2027', turnover: '8m' }), TODAY);
    expect(read.ok ? [] : read.errors.map((e) => e.field).sort()).toEqual(['rateDate', 'turnover']);
  });
});

describe('an individual’s payslips', () => {
  const slips = (months: [string, string, string][]) =>
    Object.fromEntries(months.flatMap(([month, year, amount], i) => [[`payslip${i + 1}-month`, month], [`payslip${i + 1}-year`, year], [`payslip${i + 1}Amount`, amount]]));

  it('suggests two weeks of gross income from three consecutive months', () => {
    const read = readPayslips(slips([['3', '2026', '2,000'], ['1', '2026', '2000'], ['2', '2026', '£2,000.00']]), 3, TODAY);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.payslips.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    // £6,000 over 13 weeks, two weeks of it: £923.07
    expect(individualSuggestion(read.payslips, POLICY_2023_1)).toMatchObject({ ok: true, amountPence: 92_307 });
  });

  it('refuses months that are not consecutive, or in the future', () => {
    const gap = readPayslips(slips([['1', '2026', '2000'], ['2', '2026', '2000'], ['4', '2026', '2000']]), 3, TODAY);
    expect(gap.ok ? '' : gap.errors[0]!.message).toMatch(/consecutive/);
    const future = readPayslips(slips([['5', '2026', '2000'], ['6', '2026', '2000'], ['7', '2026', '2000']]), 3, TODAY);
    expect(future.ok ? [] : future.errors.map((e) => e.field)).toEqual(['payslip2', 'payslip3']);
  });
});
