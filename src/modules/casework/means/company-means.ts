import type { FieldError } from '../../../platform/events/command.js';
import { readDate } from '../action-forms.js';

/* The company means form: figures from the accounts, in their currency, converted to whole euros. */

export interface ExchangeRate {
  /** Euros for one unit of the accounts' currency, as the officer entered it (up to 6 decimals). */
  eurosPerUnit: string;
  /** Where the rate came from, e.g. "European Central Bank reference rate". */
  source: string;
  /** The date the rate applies to. */
  date: string;
}

export interface CompanyFigures {
  /** ISO 4217 code of the accounts' currency. */
  currency: string;
  /** As entered, normalised (no commas), in the accounts' currency; null when not given. */
  turnover: string | null;
  balanceSheetTotal: string | null;
  headcount: number;
  turnoverEuro: number | null;
  balanceSheetTotalEuro: number | null;
}

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** "1,234.5" with up to `places` decimals → the integer of value × 10^places; null if not such a number. */
function scaled(value: string, places: number): bigint | null {
  const match = new RegExp(`^(\\d+)(?:\\.(\\d{1,${places}}))?$`).exec(value);
  if (!match) return null;
  return BigInt(match[1]!) * 10n ** BigInt(places) + BigInt((match[2] ?? '').padEnd(places, '0') || '0');
}

/**
 * An amount in the accounts' currency (up to 2 decimals) times the rate (up to 6 decimals), in whole
 * euros, rounded up: a figure just over a band's limit is never counted within it.
 */
export function toWholeEuros(amount: string, eurosPerUnit: string): number {
  const cents = scaled(amount, 2);
  const rate = scaled(eurosPerUnit, 6);
  if (cents === null || rate === null) throw new Error(`not a decimal: ${amount} × ${eurosPerUnit}`);
  const product = cents * rate; // euros × 10^8
  const unit = 10n ** 8n;
  return Number((product + unit - 1n) / unit);
}

function amountField(body: Record<string, unknown>, name: string, label: string, errors: FieldError[]): string | null {
  const raw = text(body, name).replace(/[,\s]/g, '');
  if (!raw) return null;
  if (scaled(raw, 2) === null) {
    errors.push({ field: name, message: `${label} must be an amount like 1250000 or 1250000.50, with no currency sign` });
    return null;
  }
  return raw;
}

/** The posted company form → the figures and the rate, or errors beside the fields. */
export function readCompanyFigures(
  body: Record<string, unknown>,
  today: string,
): { ok: true; figures: CompanyFigures; rate: ExchangeRate | null } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const currency = text(body, 'currency').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'currency', message: 'Enter the currency of the accounts as a three-letter code, like EUR, PLN or GBP' });
  const turnover = amountField(body, 'turnover', 'Turnover', errors);
  const balanceSheetTotal = amountField(body, 'balanceSheetTotal', 'Balance-sheet total', errors);
  if (!text(body, 'turnover') && !text(body, 'balanceSheetTotal')) {
    errors.push({ field: 'turnover', message: 'Enter the turnover or the balance-sheet total from the accounts' });
  }
  const headcountText = text(body, 'headcount').replace(/[,\s]/g, '');
  if (!/^\d{1,7}$/.test(headcountText)) errors.push({ field: 'headcount', message: 'Enter the number of staff as a whole number, like 12' });

  let rate: ExchangeRate | null = null;
  if (currency !== 'EUR') {
    const eurosPerUnit = text(body, 'eurosPerUnit').replace(/,/g, '.');
    const scaledRate = scaled(eurosPerUnit, 6);
    if (!eurosPerUnit) errors.push({ field: 'eurosPerUnit', message: 'Enter the exchange rate: how many euros one unit of the accounts’ currency is worth' });
    else if (scaledRate === null || scaledRate === 0n) errors.push({ field: 'eurosPerUnit', message: 'The exchange rate must be a number above 0 with up to 6 decimal places, like 0.2315' });
    const source = text(body, 'rateSource');
    if (!source) errors.push({ field: 'rateSource', message: 'Enter where the exchange rate comes from' });
    const date = readDate(body, 'rateDate', 'The date of the exchange rate');
    if (!date.ok) errors.push(date.error);
    else if (date.date > today) errors.push({ field: 'rateDate', message: 'The date of the exchange rate must be today or in the past' });
    if (date.ok && scaledRate && source) rate = { eurosPerUnit, source, date: date.date };
  }
  if (errors.length) return { ok: false, errors };
  const perUnit = rate?.eurosPerUnit ?? '1';
  return {
    ok: true,
    rate,
    figures: {
      currency,
      turnover,
      balanceSheetTotal,
      headcount: Number(headcountText),
      turnoverEuro: turnover === null ? null : toWholeEuros(turnover, perUnit),
      balanceSheetTotalEuro: balanceSheetTotal === null ? null : toWholeEuros(balanceSheetTotal, perUnit),
    },
  };
}
