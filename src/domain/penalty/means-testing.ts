import type { PolicyParameters } from '../policy/policy-parameters.js';
import type { CompanyBand } from './penalty-input.js';

export interface CompanyAccounts {
  headcount: number;
  /** Whole euros; the caller converts from the accounts' currency. */
  turnoverEuro?: number;
  balanceSheetTotalEuro?: number;
}

export type CompanyBandOutcome =
  | { ok: true; band: CompanyBand; explanation: string }
  | { ok: false; reasons: string[] };

const BANDS_SMALLEST_FIRST = ['micro', 'small', 'medium'] as const;

/**
 * The size band for means testing: the smallest band whose headcount test is met together with
 * at least one of its money tests (turnover or balance-sheet total) — policy "headcount AND one
 * money test". A company meeting no band is large.
 */
export function companySizeBand(accounts: CompanyAccounts, parameters: PolicyParameters): CompanyBandOutcome {
  const reasons: string[] = [];
  if (!Number.isInteger(accounts.headcount) || accounts.headcount < 0) {
    reasons.push('The headcount must be a whole number of staff, 0 or more.');
  }
  if (accounts.turnoverEuro === undefined && accounts.balanceSheetTotalEuro === undefined) {
    reasons.push('A size band needs the turnover or the balance-sheet total from the accounts.');
  }
  for (const [name, value] of [
    ['turnover', accounts.turnoverEuro],
    ['balance-sheet total', accounts.balanceSheetTotalEuro],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value < 0)) reasons.push(`The ${name} cannot be negative.`);
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const bands = parameters.meansTesting.companyBands;
  for (const band of BANDS_SMALLEST_FIRST) {
    const limits = bands[band];
    const headcountMet = accounts.headcount < limits.headcountBelow;
    const turnoverMet = accounts.turnoverEuro !== undefined && accounts.turnoverEuro <= limits.turnoverAtMostEuro;
    const balanceSheetMet =
      accounts.balanceSheetTotalEuro !== undefined && accounts.balanceSheetTotalEuro <= limits.balanceSheetTotalAtMostEuro;
    if (headcountMet && (turnoverMet || balanceSheetMet)) {
      const moneyTest = turnoverMet
        ? `turnover at most €${limits.turnoverAtMostEuro.toString()}`
        : `balance-sheet total at most €${limits.balanceSheetTotalAtMostEuro.toString()}`;
      return {
        ok: true,
        band,
        explanation: `${band}: fewer than ${limits.headcountBelow} staff and ${moneyTest} (${limits.percentOff}% off)`,
      };
    }
  }
  return { ok: true, band: 'large', explanation: 'large: no smaller band has both its headcount test and a money test met (no reduction)' };
}

export type IndividualSuggestionOutcome =
  | { ok: true; suggestedAmountPence: number; explanation: string }
  | { ok: false; reasons: string[] };

/**
 * The suggested affordable amount for an individual (the officer decides; a Higher Officer
 * assures): the policy's weeks of gross income, averaged from consecutive monthly gross pay.
 * A year has 52 weeks, so N months hold N × 52 / 12 weeks. Rounded down to a whole penny.
 */
export function suggestedIndividualAmount(
  monthlyGrossPence: readonly number[],
  parameters: PolicyParameters,
): IndividualSuggestionOutcome {
  const { weeksOfGrossIncome, payslipMonths } = parameters.meansTesting.individualSuggestion;
  if (monthlyGrossPence.length !== payslipMonths) {
    return { ok: false, reasons: [`Give the gross pay for exactly ${payslipMonths} consecutive months (one figure a month, from the payslips).`] };
  }
  if (monthlyGrossPence.some((pence) => !Number.isInteger(pence) || pence < 0)) {
    return { ok: false, reasons: ['Each month’s gross pay must be a whole number of pence, 0 or more.'] };
  }
  const total = monthlyGrossPence.reduce((sum, pence) => sum + pence, 0);
  // total × weeks / (months × 52 / 12), kept in integers
  const suggestedAmountPence = Math.floor((total * weeksOfGrossIncome * 12) / (payslipMonths * 52));
  return {
    ok: true,
    suggestedAmountPence,
    explanation: `${weeksOfGrossIncome} weeks of gross income from ${payslipMonths} months’ payslips: total ${total} pence × ${weeksOfGrossIncome} ÷ ${(payslipMonths * 52) / 12} weeks`,
  };
}
