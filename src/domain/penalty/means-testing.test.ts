import { describe, expect, it } from 'vitest';
import { POLICY_2023_1 } from '../policy/default-policy.js';
import { companySizeBand, suggestedIndividualAmount } from './means-testing.js';

const bandOf = (headcount: number, turnoverEuro?: number, balanceSheetTotalEuro?: number) => {
  const outcome = companySizeBand({ headcount, turnoverEuro, balanceSheetTotalEuro }, POLICY_2023_1);
  if (!outcome.ok) throw new Error(outcome.reasons.join(' | '));
  return outcome.band;
};

describe('company size band', () => {
  it('needs the headcount test and one money test', () => {
    expect(bandOf(9, 2_000_000)).toBe('micro');
    expect(bandOf(9, 5_000_000, 2_000_000)).toBe('micro');
    expect(bandOf(9, 2_000_001, 2_000_001)).toBe('small');
    expect(bandOf(10, 1_000)).toBe('small');
  });

  it('puts the band edges where the code of practice does', () => {
    expect(bandOf(49, 10_000_000)).toBe('small');
    expect(bandOf(50, 10_000_000)).toBe('medium');
    expect(bandOf(249, 60_000_000, 43_000_000)).toBe('medium');
    expect(bandOf(249, 50_000_001, 43_000_001)).toBe('large');
    expect(bandOf(250, 1_000)).toBe('large');
  });

  it('refuses without a money figure or with a negative one', () => {
    expect(companySizeBand({ headcount: 5 }, POLICY_2023_1).ok).toBe(false);
    expect(companySizeBand({ headcount: -1, turnoverEuro: 10 }, POLICY_2023_1).ok).toBe(false);
    expect(companySizeBand({ headcount: 5, turnoverEuro: -10 }, POLICY_2023_1).ok).toBe(false);
  });
});

describe("an individual's suggested affordable amount", () => {
  it("is two weeks' gross income from three months' payslips", () => {
    // £2,600 a month for three months = £7,800 over 13 weeks = £600 a week; two weeks = £1,200
    expect(suggestedIndividualAmount([260_000, 260_000, 260_000], POLICY_2023_1)).toMatchObject({ ok: true, suggestedAmountPence: 120_000 });
  });

  it('rounds down to a whole penny', () => {
    expect(suggestedIndividualAmount([100_000, 100_000, 100_001], POLICY_2023_1)).toMatchObject({ suggestedAmountPence: 46_154 });
  });

  it('needs exactly three months of whole-penny figures', () => {
    expect(suggestedIndividualAmount([260_000, 260_000], POLICY_2023_1).ok).toBe(false);
    expect(suggestedIndividualAmount([260_000, 260_000, -1], POLICY_2023_1).ok).toBe(false);
  });
});
