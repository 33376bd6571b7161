/*
 * The framework every insight report stands on (issue #17): a figure is a name, a value, a unit and
 * a link to the list of exactly the records it counts (or sums), all computed as of one instant.
 * This file is pure: what a figure is and how its inputs are read. The SQL is in families.ts and
 * query.ts.
 */

/**
 * A figure as every output (JSON, CSV, PDF, HTML) gives it. A count or sum always has a number; a
 * rate (`unit: 'percent'`) is a percentage to one decimal place, or null when its denominator is 0
 * (never NaN or Infinity), and names the two figures it divides (`numerator`, `denominator`).
 */
export interface Figure {
  /** Stable identifier, `section.what` (e.g. `searches.total`): used in links, CSV and tests. */
  name: string;
  value: number | null;
  unit: Unit;
  /** The staff page listing exactly the records behind the figure (as many as `value` counts); for a rate, its numerator's records. */
  records: string;
  /** A rate only: the name of the figure counted above the line. */
  numerator?: string;
  /** A rate only: the name of the figure counted below the line. */
  denominator?: string;
}

/** A count or a sum: always a number. */
export type CountFigure = Figure & { value: number; numerator?: undefined; denominator?: undefined };
/** A rate: a percentage (or null) and the two figures it divides. */
export type RateFigure = Figure & { unit: 'percent'; numerator: string; denominator: string };

export const UNITS = ['vehicles', 'incidents', 'people', 'penalties', 'pence', 'challenges', 'reductions', 'payments', 'responses', 'improvements', 'stops', 'deadlines', 'returns', 'checks', 'decisions', 'questions', 'calculations', 'plans', 'companies', 'drivers', 'percent'] as const;
export type Unit = (typeof UNITS)[number];

/** A rate as a percentage to one decimal place; no rate (null, never NaN or Infinity) when nothing was counted below it. */
export function percent(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return Math.round((numerator * 1000) / denominator) / 10;
}

/** The record families: one SQL source each (families.ts), one query per family and report. */
export const FAMILIES = ['searches', 'cases', 'liabilityEvents', 'feedback', 'improvements', 'valRecorded', 'plateCheckOutcomes', 'deadlineMisses', 'assuranceReturns', 'memberChecks', 'accreditationDecisions', 'questionsAnswered', 'calculationReductions', 'money', 'instalmentPlans', 'discretion', 'penalisedParties', 'companyIncidents', 'companies'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * What a figure counts, as data: the family its records come from, the conditions a record must
 * meet (each column equal to one of the values given; all conditions together), and whether the
 * figure is the number of those records or the sum of one of their columns.
 */
export interface FigureDefinition {
  name: string;
  /** The message catalogue key of the figure's label (`insight.figure.<name>` by convention). */
  label: string;
  unit: Unit;
  family: Family;
  where: Readonly<Record<string, readonly string[]>>;
  measure: 'count' | { sum: MeasureColumn };
}

/**
 * The columns a figure may add up: `amount_pence` and `people` in every family; the money family's
 * per-liability sums besides (imposed, paid, outstanding, written off: management information).
 */
export const MEASURE_COLUMNS = ['amount_pence', 'people', 'imposed_pence', 'reduced_pence', 'paid_pence', 'outstanding_pence', 'written_off_pence'] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** What one record adds to a figure that sums a column (null for a count, or when the record has none). */
export function measuredAmount(definition: FigureDefinition, record: Record<string, unknown>): number | null {
  if (definition.measure === 'count') return null;
  const value = record[definition.measure.sum];
  return value === null || value === undefined ? null : Number(value);
}

/**
 * A rate, as data: the percentage of one figure (`numerator`) in another (`denominator`) of the same
 * report, both counts. Its value is `percent(numerator, denominator)`: null when the denominator is
 * 0. Its records link is the numerator's, so a reader sees exactly what was counted above the line.
 */
export interface RateDefinition {
  name: string;
  label: string;
  unit: 'percent';
  rate: { numerator: string; denominator: string };
}

export const isRate = (definition: FigureDefinition | RateDefinition): definition is RateDefinition => 'rate' in definition;

/**
 * A transaction that began before an instant may commit just after it with an earlier recording
 * time (the clock is read when the command starts). Commands take well under a second, so a report
 * as of an instant at least this long ago cannot gain such an event later: only such instants are
 * accepted, and a report without one is computed as of this long before now.
 */
export const SETTLE_MS = 60_000;

/**
 * The instant a report is computed as of: an ISO 8601 date and time with an offset (or `Z`),
 * rounded down to the whole second, so a report's recorded `asOf`, given back, selects the same
 * events. Absent, it is now less SETTLE_MS. An instant later than that is refused: events could
 * still arrive before it, and the same asOf would not give the same figures later.
 */
export function parseAsOf(value: unknown, now: Date): { ok: true; asOf: Date } | { ok: false; message: string } {
  const latest = now.getTime() - SETTLE_MS;
  if (value === undefined || value === '') return { ok: true, asOf: wholeSecond(new Date(latest)) };
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return { ok: false, message: 'Give asOf as a date and time with its offset, for example 2026-12-31T23:59:59Z' };
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return { ok: false, message: 'Give asOf as a real date and time, for example 2026-12-31T23:59:59Z' };
  if (instant.getTime() > latest) return { ok: false, message: 'Give an asOf at least a minute ago: events recorded just before a later one may still be arriving' };
  return { ok: true, asOf: wholeSecond(instant) };
}

function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** A report year: a whole calendar year from 2000 to 2100. */
export function parseYear(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The value of a figure from its records: their number, or the sum of the measured column. */
export function valueOf(definition: FigureDefinition, records: readonly Record<string, unknown>[]): number {
  if (definition.measure === 'count') return records.length;
  const column = definition.measure.sum;
  return records.reduce((sum, record) => sum + Number(record[column] ?? 0), 0);
}
