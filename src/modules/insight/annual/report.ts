import type { Db } from '../../../platform/database/client.js';
import { isRate, percent, valueOf, type Figure, type FigureDefinition } from '../figure.js';
import type { ImprovementStatus } from '../../../domain/insight/improvements.js';
import { computeFigures, listRecords, type Period, type RecordRow } from '../query.js';
import { ANNUAL_FIGURES, ANNUAL_ORDER, annualFigure } from './definitions.js';

/** The annual report as every output gives it: the year, the instant it is as of, and each figure. */
export interface AnnualReport {
  report: 'annual';
  year: number;
  /** ISO 8601, UTC, whole seconds: give it back as `asOf` to get the same figures. */
  asOf: string;
  period: { from: string; to: string };
  figures: Figure[];
  /** The improvements planned for the year (the records of `improvements.planned`), by due date, each as of asOf with its status. */
  plannedImprovements: { id: string; title: string; owner: string; dueOn: string; status: ImprovementStatus; closedOn: string | null }[];
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, until: `${year + 1}-01-01` };
}

/** The staff page listing a figure's records, for that year and asOf. */
export function annualRecordsLink(year: number, name: string, asOf: Date): string {
  return `/reports/annual/${year}/figures/${encodeURIComponent(name)}?asOf=${encodeURIComponent(asOf.toISOString())}`;
}

/** Every figure of the annual report for `year`, from the events recorded at or before `asOf`. */
export async function annualReport(db: Db, year: number, asOf: Date): Promise<AnnualReport> {
  const values = await computeFigures(db, ANNUAL_FIGURES, yearPeriod(year), asOf);
  const planned = await listRecords(db, annualFigure('improvements.planned')!, yearPeriod(year), asOf);
  return {
    report: 'annual',
    year,
    asOf: asOf.toISOString(),
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    figures: ANNUAL_ORDER.map((d): Figure =>
      isRate(d)
        ? { name: d.name, value: percent(values.get(d.rate.numerator) ?? 0, values.get(d.rate.denominator) ?? 0), unit: d.unit, records: annualRecordsLink(year, d.rate.numerator, asOf), numerator: d.rate.numerator, denominator: d.rate.denominator }
        : { name: d.name, value: values.get(d.name) ?? 0, unit: d.unit, records: annualRecordsLink(year, d.name, asOf) },
    ),
    plannedImprovements: planned.map((row) => ({
      id: String(row.record),
      title: String(row.title),
      owner: String(row.owner),
      dueOn: String(row.due_on),
      status: String(row.status) as ImprovementStatus,
      closedOn: row.closed_on === null || row.closed_on === undefined ? null : String(row.closed_on),
    })),
  };
}

export interface FigureRecords {
  definition: FigureDefinition;
  year: number;
  asOf: string;
  /** What the records add up to: the figure's value, by the same rule. */
  value: number;
  records: RecordRow[];
}

/** The records behind one figure of the annual report; null for a name the report does not have. */
export async function annualFigureRecords(db: Db, year: number, name: string, asOf: Date): Promise<FigureRecords | null> {
  const definition = annualFigure(name);
  if (!definition) return null;
  const records = await listRecords(db, definition, yearPeriod(year), asOf);
  return { definition, year, asOf: asOf.toISOString(), value: valueOf(definition, records), records };
}
