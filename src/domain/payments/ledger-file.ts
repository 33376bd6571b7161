import { isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { PaymentMethod } from '../liability/actions.js';
import { readCsv, type CsvProblem } from './csv.js';

/*
 * The finance system's ledger export (docs/ledger-import.md): one payment received per line.
 * Reading a file is pure: the lines that can be imported, and every line that cannot with its line
 * number and a reason a finance officer can act on.
 */

/** The columns, in the order the finance system writes them; a file may put them in any order and add others. */
export const LEDGER_COLUMNS = [
  'transaction_id',
  'posted_on',
  'amount',
  'currency',
  'method',
  'invoice_reference',
  'payer_reference',
  'payer_name',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** How the finance system names its payment methods, and the method the casework records. */
export const LEDGER_METHODS: Readonly<Record<string, PaymentMethod>> = {
  'bank-transfer': 'bank-transfer',
  bacs: 'bank-transfer',
  fps: 'bank-transfer',
  chaps: 'bank-transfer',
  card: 'card',
  cheque: 'cheque',
  chq: 'cheque',
  'cash-at-port': 'cash-at-port',
  cash: 'cash-at-port',
  'debt-agency': 'debt-agency',
  dca: 'debt-agency',
  other: 'other',
};

export const MAX_LEDGER_AMOUNT_PENCE = 999_999_999;
const LIMITS: Partial<Record<LedgerColumn, number>> = { transaction_id: 64, invoice_reference: 100, payer_reference: 200, payer_name: 300 };

/** One payment line, ready to match. */
export interface LedgerLine {
  lineNumber: number;
  /** Identifies the line across files: the same transaction imported twice is recorded once. */
  lineKey: string;
  transactionId: string;
  postedOn: CalendarDate;
  amountPence: number;
  method: PaymentMethod;
  /** The finance system's invoice reference ('' when the line has none). */
  invoiceReference: string;
  /** What the case records as the payment's reference: the invoice reference, else the transaction id. */
  paymentReference: string;
  /** What the payer wrote with the payment (where a case reference is usually found). */
  payerReference: string;
  payerName: string;
  /** The line's fields by column, as read. */
  raw: Record<string, string>;
}

export interface LedgerReading {
  lines: LedgerLine[];
  /** Lines that cannot be imported, with why: reported and skipped. */
  problems: CsvProblem[];
  /** Data lines in the file (good and bad), the header not counted. */
  lineCount: number;
  /** Set when the file cannot be read as a ledger export at all (nothing is imported). */
  unusable?: string;
}

/** The key that makes a line the same line in any file. */
export function ledgerLineKey(transactionId: string): string {
  return `transaction:${transactionId}`;
}

/** '1,500.00' or '1500.00' → 150000; undefined for anything else (no sign, no currency symbol, two decimals). */
export function parseLedgerAmount(text: string): number | undefined {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})$/.exec(text);
  if (!match) return undefined;
  const pence = Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2]);
  return Number.isSafeInteger(pence) ? pence : undefined;
}

function columnsOf(header: readonly string[]): { columns: Map<LedgerColumn, number> } | { missing: string[] } {
  const names = header.map((name) => name.trim().toLowerCase());
  const columns = new Map<LedgerColumn, number>();
  for (const column of LEDGER_COLUMNS) {
    const index = names.indexOf(column);
    if (index >= 0) columns.set(column, index);
  }
  const missing = LEDGER_COLUMNS.filter((column) => !columns.has(column));
  return missing.length ? { missing } : { columns };
}

export function readLedgerFile(text: string): LedgerReading {
  const csv = readCsv(text);
  const [header, ...data] = csv.records;
  if (!header) {
    return { lines: [], problems: csv.problems, lineCount: csv.problems.length, unusable: 'The file is empty: it needs a header line and one line per payment.' };
  }
  const found = columnsOf(header.fields);
  if ('missing' in found) {
    return {
      lines: [],
      problems: [],
      lineCount: data.length + csv.problems.length,
      unusable: `The first line must name the columns; ${found.missing.join(', ')} ${found.missing.length === 1 ? 'is' : 'are'} missing. Expected: ${LEDGER_COLUMNS.join(',')}.`,
    };
  }
  const { columns } = found;
  const problems: CsvProblem[] = [...csv.problems];
  const lines: LedgerLine[] = [];
  const firstLineOf = new Map<string, number>();
  let lineCount = csv.problems.filter((problem) => problem.line > header.line).length;
  for (const record of data) {
    // A line of nothing but spaces and commas is an empty line, not a payment.
    if (record.fields.every((field) => field.trim() === '')) continue;
    lineCount += 1;
    if (record.fields.length !== header.fields.length) {
      problems.push({ line: record.line, message: `it has ${record.fields.length} fields where the header has ${header.fields.length}` });
      continue;
    }
    const field = (column: LedgerColumn) => (record.fields[columns.get(column)!] ?? '').trim();
    const raw = Object.fromEntries(LEDGER_COLUMNS.map((column) => [column, field(column)]));
    const reasons: string[] = [];
    const transactionId = field('transaction_id');
    if (!transactionId) reasons.push('transaction_id is empty');
    for (const [column, limit] of Object.entries(LIMITS) as [LedgerColumn, number][]) {
      if (field(column).length > limit) reasons.push(`${column} is longer than ${limit} characters`);
    }
    const postedOn = field('posted_on');
    if (!isCalendarDate(postedOn)) reasons.push(`posted_on "${postedOn}" is not a real date written YYYY-MM-DD`);
    const amountText = field('amount');
    const amountPence = parseLedgerAmount(amountText);
    if (amountText.startsWith('-')) reasons.push(`amount ${amountText} is negative: refunds and reversals are not imported, record them on the case`);
    else if (amountPence === undefined) reasons.push(`amount "${amountText}" is not pounds with two decimals, like 1500.00`);
    else if (amountPence === 0) reasons.push('amount is 0.00');
    else if (amountPence > MAX_LEDGER_AMOUNT_PENCE) reasons.push(`amount ${amountText} is more than any penalty`);
    const currency = field('currency').toUpperCase();
    if (currency !== 'GBP') reasons.push(`currency "${field('currency')}" is not GBP`);
    const method = LEDGER_METHODS[field('method').toLowerCase()];
    if (!method) reasons.push(`method "${field('method')}" is not one of ${Object.keys(LEDGER_METHODS).join(', ')}`);
    if (transactionId) {
      const earlier = firstLineOf.get(transactionId);
      if (earlier !== undefined) reasons.push(`transaction_id ${transactionId} is already on line ${earlier}`);
      else firstLineOf.set(transactionId, record.line);
    }
    if (reasons.length > 0 || amountPence === undefined || !method) {
      problems.push({ line: record.line, message: reasons.join('; ') });
      continue;
    }
    lines.push({
      lineNumber: record.line,
      lineKey: ledgerLineKey(transactionId),
      transactionId,
      postedOn,
      amountPence,
      method,
      invoiceReference: field('invoice_reference'),
      paymentReference: field('invoice_reference') || transactionId,
      payerReference: field('payer_reference'),
      payerName: field('payer_name'),
      raw,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { lines, problems, lineCount };
}
