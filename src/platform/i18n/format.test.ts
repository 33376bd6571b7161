import { describe, expect, it } from 'vitest';
import { formatCountry, formatDate, formatMoney, formatPercent } from './format.js';

describe('formatDate', () => {
  it('writes a calendar date in full, in the language', () => {
    expect(formatDate('en', '2026-03-14')).toBe('14 March 2026');
    expect(formatDate('pl', '2026-03-14')).toBe('14 marca 2026');
    expect(formatDate('ro', '2026-03-14')).toBe('14 martie 2026');
    expect(formatDate('bg', '2026-03-14')).toMatch(/^14 март 2026/);
  });

  it('never shifts a date by a day, whatever the time of year', () => {
    expect(formatDate('en', '2026-03-29')).toBe('29 March 2026');
    expect(formatDate('en', '2026-10-25')).toBe('25 October 2026');
  });

  it('refuses something that is not a real date', () => {
    expect(() => formatDate('en', '2026-02-30')).toThrow(RangeError);
    expect(() => formatDate('en', '14/03/2026')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('writes pounds with the pound sign, pence only when there are some', () => {
    expect(formatMoney('en', 150_000)).toBe('£1,500');
    expect(formatMoney('en', 150_025)).toBe('£1,500.25');
    expect(formatMoney('pl', 3_600_000).replace(/\s/g, ' ')).toBe('36 000 £');
    expect(formatMoney('ro', 150_025).replace(/\s/g, ' ')).toBe('1.500,25 £');
    expect(formatMoney('tr', 150_000)).toBe('£1.500');
  });

  it('refuses fractions of a penny', () => {
    expect(() => formatMoney('en', 1.5)).toThrow(RangeError);
  });
});

describe('formatPercent and formatCountry', () => {
  it('write percentages and countries the way the language does', () => {
    expect(formatPercent('en', 50)).toBe('50%');
    expect(formatPercent('tr', 50)).toBe('%50');
    expect(formatPercent('en', 12.5)).toBe('12.5%');
    expect(formatCountry('en', 'PL')).toBe('Poland');
    expect(formatCountry('pl', 'pl')).toBe('Polska');
    expect(formatCountry('en', 'not a code')).toBe('not a code');
  });
});
