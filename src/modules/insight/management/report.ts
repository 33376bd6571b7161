import type { Db } from '../../../platform/database/client.js';
import { addDays, addMonths, isCalendarDate } from '../../../domain/clock/calendar-date.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { parseAsOf, valueOf, type CountFigure, type FigureDefinition } from '../figure.js';
import { computeFigures, distinctValues, listRecords, type Period, type RecordRow } from '../query.js';
import { breakdownFigure, MANAGEMENT_FIXED_FIGURES, MANAGEMENT_SECTIONS, managementFigure, type ManagementBreakdown } from './sections.js';

/*
 * The management information dashboard as every output gives it: the period, the instant it is as
 * of, and each figure (the fixed ones, then each breakdown's, value by value).
 */

export interface ManagementReport {
  report: 'management';
  /** First and last day of the period, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** ISO 8601, UTC, whole seconds: give it back as `asOf` to get the same figures. */
  asOf: string;
  figures: CountFigure[];
}

/** The report with what its pages need besides: each breakdown's values and their labels. */
export interface ManagementDashboard extends ManagementReport {
  breakdowns: Record<string, { name: string; value: string; label: string }[]>;
}

export const MAX_PERIOD_DAYS = 3660;

export type PeriodQuery = { ok: true; from: string; to: string; asOf: Date } | { ok: false; errors: { field: 'from' | 'to' | 'asOf'; message: string }[] };

/** A real calendar date written YYYY-MM-DD. */
const realDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value) && value >= '2000-01-01' && value <= '2100-12-31';

/**
 * The period and asOf asked for: `from` and `to` real dates (YYYY-MM-DD), `from` not after `to`, at
 * most ten years; by default the last twelve whole months (UK time). A repeated parameter is refused.
 */
export function parsePeriodQuery(query: Record<string, unknown>, now: Date): PeriodQuery {
  const errors: { field: 'from' | 'to' | 'asOf'; message: string }[] = [];
  const text = (name: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    return typeof value === 'string' ? value : null;
  };
  const thisMonth = `${ukDate(now).slice(0, 7)}-01`;
  const fromText = text('from');
  const toText = text('to');
  const from = fromText === undefined ? addMonths(thisMonth as never, -12) : fromText;
  const to = toText === undefined ? addDays(thisMonth as never, -1) : toText;
  if (from === null || !realDate(from)) errors.push({ field: 'from', message: 'insight.mi.error.from' });
  if (to === null || !realDate(to)) errors.push({ field: 'to', message: 'insight.mi.error.to' });
  if (errors.length === 0 && from! > to!) errors.push({ field: 'to', message: 'insight.mi.error.order' });
  if (errors.length === 0 && Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_PERIOD_DAYS * 86_400_000) errors.push({ field: 'to', message: 'insight.mi.error.tooLong' });
  const asOfText = text('asOf');
  const asOf = parseAsOf(asOfText === null ? 'repeated' : asOfText, now);
  if (!asOf.ok) errors.push({ field: 'asOf', message: asOf.message });
  if (errors.length || !asOf.ok) return { ok: false, errors };
  return { ok: true, from: from!, to: to!, asOf: asOf.asOf };
}

export function periodOf(from: string, to: string): Period {
  return { from, until: addDays(to as never, 1) };
}

const query = (from: string, to: string, asOf: Date) => `from=${from}&to=${to}&asOf=${encodeURIComponent(asOf.toISOString())}`;

/** The staff page listing a figure's records, for that period and asOf. */
export function managementRecordsLink(name: string, from: string, to: string, asOf: Date): string {
  return `/reports/management/figures/${encodeURIComponent(name)}?${query(from, to, asOf)}`;
}

export function managementLink(from: string, to: string, asOf: Date, format?: string): string {
  return `/reports/management?${query(from, to, asOf)}${format ? `&format=${format}` : ''}`;
}

/** Every figure of the dashboard for the period, from the events recorded at or before `asOf`. */
export async function managementDashboard(db: Db, from: string, to: string, asOf: Date): Promise<ManagementDashboard> {
  const period = periodOf(from, to);
  const breakdowns: ManagementDashboard['breakdowns'] = {};
  const made: FigureDefinition[] = [];
  for (const breakdown of MANAGEMENT_SECTIONS.flatMap((s) => s.breakdowns ?? []) as ManagementBreakdown[]) {
    const values = await distinctValues(db, { name: breakdown.id, ...breakdown }, period, asOf);
    breakdowns[breakdown.id] = values.map(({ value, label }) => {
      const definition = breakdownFigure(breakdown, value);
      made.push(definition);
      return { name: definition.name, value, label };
    });
  }
  const definitions = [...MANAGEMENT_FIXED_FIGURES, ...made];
  const values = await computeFigures(db, definitions, period, asOf);
  return {
    report: 'management',
    from,
    to,
    asOf: asOf.toISOString(),
    figures: definitions.map((d) => ({ name: d.name, value: values.get(d.name) ?? 0, unit: d.unit, records: managementRecordsLink(d.name, from, to, asOf) })),
    breakdowns,
  };
}

/** The dashboard as the API and JSON give it: the figures, without the page's breakdown labels. */
export function managementReportOf(dashboard: ManagementDashboard): ManagementReport {
  const { breakdowns: _labels, ...report } = dashboard;
  return report;
}

export interface ManagementFigureRecords {
  definition: FigureDefinition;
  from: string;
  to: string;
  asOf: string;
  value: number;
  records: RecordRow[];
}

/** The records behind one figure of the dashboard; null for a name it does not have. */
export async function managementFigureRecords(db: Db, name: string, from: string, to: string, asOf: Date): Promise<ManagementFigureRecords | null> {
  const definition = managementFigure(name);
  if (!definition) return null;
  const records = await listRecords(db, definition, periodOf(from, to), asOf);
  return { definition, from, to, asOf: asOf.toISOString(), value: valueOf(definition, records), records };
}
