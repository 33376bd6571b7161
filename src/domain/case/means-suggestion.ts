import { companySizeBand, suggestedIndividualAmount } from '../penalty/means-testing.js';
import type { PolicyParameters } from '../policy/policy-parameters.js';
import type { CompanyBand } from '../penalty/penalty-input.js';

/** A company's size figures, converted to whole euros (the means form's `CompanyFigures` is one). */
export interface CompanyFigures {
  headcount: number;
  turnoverEuro: number | null;
  balanceSheetTotalEuro: number | null;
}

/** One monthly payslip's gross pay (the means form's `Payslip` is one). */
export interface Payslip {
  grossPence: number;
}

/* The suggestion the officer decides from, always from the domain's means-testing rules. */

export type Suggestion =
  | { ok: true; kind: 'company'; band: CompanyBand; explanation: string }
  | { ok: true; kind: 'individual'; amountPence: number; explanation: string }
  | { ok: false; reasons: string[] };

export function companySuggestion(figures: CompanyFigures, parameters: PolicyParameters): Suggestion {
  const outcome = companySizeBand(
    {
      headcount: figures.headcount,
      ...(figures.turnoverEuro !== null ? { turnoverEuro: figures.turnoverEuro } : {}),
      ...(figures.balanceSheetTotalEuro !== null ? { balanceSheetTotalEuro: figures.balanceSheetTotalEuro } : {}),
    },
    parameters,
  );
  return outcome.ok ? { ok: true, kind: 'company', band: outcome.band, explanation: outcome.explanation } : outcome;
}

export function individualSuggestion(payslips: readonly Payslip[], parameters: PolicyParameters): Suggestion {
  const outcome = suggestedIndividualAmount(
    payslips.map((p) => p.grossPence),
    parameters,
  );
  return outcome.ok ? { ok: true, kind: 'individual', amountPence: outcome.suggestedAmountPence, explanation: outcome.explanation } : outcome;
}
