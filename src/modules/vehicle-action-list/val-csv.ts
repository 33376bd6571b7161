import { stringify } from 'csv-stringify/sync';
import type { ValEntry } from './val-query.js';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is written
 * with a leading apostrophe, as the security baseline asks of every CSV export; plain numbers
 * ("-12") are not formulas and are written as they are.
 */
export function spreadsheetSafe(value: string): string {
  if (!/^[=+\-@\t\r]/u.test(value) || /^[-+]?\d+(\.\d+)?$/u.test(value)) return value;
  return `'${value}`;
}

export const VAL_CSV_HEADER = ['Registration', 'Country', 'Company', 'Case references', 'Amount outstanding (GBP)', 'Payment due', 'Why listed'] as const;

/**
 * The Vehicle Action List as a CSV file: UTF-8 with a byte-order mark (so spreadsheets read accents
 * and Cyrillic company names right), RFC 4180 quoting and CRLF line ends, one row per vehicle.
 */
export function valCsv(entries: readonly ValEntry[]): string {
  const rows = entries.map((entry) => [
    entry.registration,
    entry.country,
    entry.company,
    entry.caseRefs.join('; '),
    (entry.outstandingPence / 100).toFixed(2),
    entry.dueDate,
    entry.reason,
  ].map(spreadsheetSafe));
  return stringify([[...VAL_CSV_HEADER], ...rows], { bom: true, record_delimiter: '\r\n' });
}
