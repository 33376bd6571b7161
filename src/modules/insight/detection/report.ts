import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/database/client.js';
import { rowsOf } from '../../../platform/database/client.js';
import { addMonths } from '../../../domain/clock/calendar-date.js';
import { ukLocalToInstant } from '../../../domain/reference/uk-date.js';
import { DIMENSIONS, detectionWords, dimensionLabel, figureCondition, figureLabel, figureName, measureLabel, MEASURES, NONE, parseFigure, valueLabel, type Dimension, type DimensionName, type Measure, type MeasureName, type ParsedFigure, type RecordKind } from './catalogue.js';
import { SOURCE_LANGUAGE, type Language } from '../../../platform/i18n/languages.js';
import { percent, type Figure, type RateFigure } from '../figure.js';
import { failureFacts, incidentFacts, personFacts, searchFacts, type ReportPeriod } from '../../intake/report-sources.js';

/*
 * The monthly detection analysis as of an instant: every figure counted over the records as they
 * stood at `asOf` (a search recorded, an incident sent, a crossing confirmed by then), so the same
 * month and `asOf` give the same figures whatever is recorded afterwards.
 */

export interface DetectionScope {
  /** YYYY-MM, a month in UK time. */
  month: string;
  asOf: Date;
}

/** The first and last-plus-one UK days of the month, and the instants they begin (Europe/London). */
export function monthBounds(month: string) {
  const first = `${month}-01`;
  const next = addMonths(first, 1);
  return { first, next, from: new Date(ukLocalToInstant(first, '00:00')!), to: new Date(ukLocalToInstant(next, '00:00')!) };
}

/** The period the sources are asked for: the month's UK days and instants, and the as-of instant. */
export function reportPeriod(scope: DetectionScope): ReportPeriod {
  const { first, next, from, to } = monthBounds(scope.month);
  return { from, to, firstDay: first, nextDay: next, asOf: scope.asOf };
}

/** The records of one kind in scope, as a FROM item (intake's published sub-select, aliased as catalogue.ts describes). */
export function kindSource(kind: RecordKind, scope: DetectionScope): SQL {
  const period = reportPeriod(scope);
  switch (kind) {
    case 'search':
      return sql`(${searchFacts(period)}) as s`;
    case 'failure':
      return sql`(${failureFacts(period)}) as s`;
    case 'incident':
      return sql`(${incidentFacts(period)}) as i`;
    case 'person':
      return sql`(${personFacts(period)}) as i`;
  }
}

/** A column of a report table: a count figure, or a rate of two of them. */
/** A column's heading is `labelKey` under `insight.detection.` (its measure's name when absent). */
export type Column =
  | { kind: 'count'; labelKey?: string; measure: MeasureName; dimension?: DimensionName }
  | { kind: 'rate'; labelKey: string; rate: string; numerator: { measure: MeasureName; dimension?: DimensionName }; denominator: { measure: MeasureName; dimension?: DimensionName }; noTotal?: boolean };

export interface SectionSpec {
  id: string;
  /** Its title is `insight.detection.section.<titleKey>`. */
  titleKey: string;
  dimension: DimensionName;
  columns: Column[];
}

const count = (measure: MeasureName, dimension?: DimensionName): Column => ({ kind: 'count', measure, ...(dimension ? { dimension } : {}) });
const rate = (name: string, numerator: MeasureName, denominator: MeasureName, extra: { numeratorDimension?: DimensionName; noTotal?: boolean } = {}): Column => ({
  kind: 'rate',
  labelKey: `rate.${name}`,
  rate: name,
  numerator: { measure: numerator, ...(extra.numeratorDimension ? { dimension: extra.numeratorDimension } : {}) },
  denominator: { measure: denominator },
  ...(extra.noTotal ? { noTotal: true } : {}),
});
const detectionRate = rate('detectionRate', 'detections', 'searches');
const failureRate = rate('failureRate', 'failures', 'searches');
const people = [count('incidents'), count('entrants'), count('people'), count('children'), count('victims'), count('nrmReferrals'), count('riskToLife')];

/** The report's tables, in order: each a dimension's values as rows and figures as columns, with an "all" row. */
export const SECTIONS: SectionSpec[] = [
  { id: 'port', titleKey: 'port', dimension: 'port', columns: [count('searches'), count('detections'), detectionRate, count('failures'), failureRate] },
  { id: 'lane', titleKey: 'lane', dimension: 'lane', columns: [count('searches'), count('detections'), detectionRate, count('failures'), failureRate] },
  {
    id: 'method',
    titleKey: 'method',
    dimension: 'method',
    columns: [
      count('searches'),
      count('detections'),
      detectionRate,
      { kind: 'count', labelKey: 'rate.foundBy', measure: 'detections', dimension: 'detectingMethod' },
      rate('foundByRate', 'detections', 'searches', { numeratorDimension: 'detectingMethod', noTotal: true }),
      count('failures'),
      failureRate,
    ],
  },
  { id: 'detecting-method', titleKey: 'detectingMethod', dimension: 'detectingMethod', columns: [count('detections'), count('failures')] },
  { id: 'selection', titleKey: 'selection', dimension: 'selection', columns: [count('searches'), count('detections'), detectionRate, count('failures'), failureRate] },
  { id: 'shift', titleKey: 'shift', dimension: 'shift', columns: [count('searches'), count('detections'), detectionRate, count('failures'), failureRate] },
  { id: 'vehicle', titleKey: 'vehicle', dimension: 'vehicle', columns: [count('searches'), count('detections'), detectionRate, count('failures'), failureRate] },
  { id: 'people-place', titleKey: 'peoplePlace', dimension: 'place', columns: people },
  { id: 'people-port', titleKey: 'peoplePort', dimension: 'port', columns: people },
  { id: 'people-selection', titleKey: 'peopleSelection', dimension: 'selection', columns: people },
  { id: 'risk', titleKey: 'risk', dimension: 'risk', columns: [count('incidents'), count('entrants'), count('people'), count('children')] },
  { id: 'concealment', titleKey: 'concealment', dimension: 'concealment', columns: [count('incidents'), count('entrants'), count('people')] },
];

/** The values a dimension takes in the period: its enumeration, or the values found (ports, lanes), with "not recorded" when found. */
async function dimensionValues(db: Db, scope: DetectionScope): Promise<Record<DimensionName, (string | null)[]>> {
  const [ports, lanes, inlandWithoutPort] = await Promise.all([
    db.execute(sql`select distinct port from (select s.port from ${kindSource('search', scope)} union select i.port from ${kindSource('incident', scope)}) x order by 1 nulls last`),
    db.execute(sql`select distinct s.lane as lane from ${kindSource('search', scope)} order by 1 nulls last`),
    db.execute(sql`select 1 as x from ${kindSource('incident', scope)} where i.port is null limit 1`),
  ]);
  const values = {} as Record<DimensionName, (string | null)[]>;
  for (const [name, d] of Object.entries(DIMENSIONS) as [DimensionName, Dimension][]) values[name] = d.known ? [...d.known] : [];
  values.port = rowsOf<{ port: string | null }>(ports).map((r) => r.port).filter((p): p is string => p !== null);
  if (rowsOf(inlandWithoutPort).length) values.port.push(null);
  values.lane = rowsOf<{ lane: string | null }>(lanes).map((r) => r.lane);
  return values;
}

export interface ReportRow {
  value: string | null;
  label: string;
  cells: (Figure | RateFigure | null)[];
}
export interface ReportSection {
  id: string;
  title: string;
  dimensionLabel: string;
  columns: { label: string; unit: string }[];
  rows: ReportRow[];
  total: ReportRow;
}

export interface DetectionReport {
  report: 'detection';
  /** The language of its words (labels, titles, definitions); the figures do not depend on it. */
  language: Language;
  month: string;
  /** The instant the figures are counted as of, ISO 8601: the same month and asOf give the same figures. */
  asOf: string;
  definitions: Record<string, string>;
  sections: ReportSection[];
  /** Every figure once, in the order of the tables. */
  figures: (Figure | RateFigure)[];
  /** Each figure's label, by name (for the CSV and the page). */
  labels: Record<string, string>;
}

/** Where a figure's records are listed (the staff page), for this month and asOf: the framework's shape, `/reports/<report>/<period>/figures/<name>?asOf=`. */
export function recordsLink(scope: DetectionScope, name: string): string {
  return `/reports/detection/${scope.month}/figures/${encodeURIComponent(name)}?asOf=${encodeURIComponent(scope.asOf.toISOString())}`;
}

/** The count (or sum) of each named figure, one query per kind of record, each figure a `filter` on the same source. */
async function countFigures(db: Db, scope: DetectionScope, parsed: ParsedFigure[]): Promise<Map<string, number>> {
  const byKind = new Map<RecordKind, ParsedFigure[]>();
  for (const figure of parsed) {
    const kind = MEASURES[figure.measure].kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), figure]);
  }
  const values = new Map<string, number>();
  await Promise.all(
    [...byKind].map(async ([kind, figures]) => {
      const columns = figures.map((figure, index) => {
        const measure: Measure = MEASURES[figure.measure];
        const aggregate = measure.sum ? sql`coalesce(sum(${measure.sum}) filter (where ${figureCondition(figure)}), 0)::int` : sql`(count(*) filter (where ${figureCondition(figure)}))::int`;
        return sql`${aggregate} as ${sql.raw(`f${index}`)}`;
      });
      const [row] = rowsOf<Record<string, number>>(await db.execute(sql`select ${sql.join(columns, sql`, `)} from ${kindSource(kind, scope)}`));
      figures.forEach((figure, index) => values.set(figure.name, Number(row?.[`f${index}`] ?? 0)));
    }),
  );
  return values;
}

/** The terms the report defines, in order: its measures and rates. */
const DEFINED = ['searches', 'detections', 'detectionRate', 'foundByRate', 'failures', 'failureRate', 'incidents', 'entrants', 'people', 'children', 'victims', 'nrmReferrals', 'riskToLife'] as const;

/** What each term counts, by name, in a language. */
export function definitions(language: Language): Record<string, string> {
  return Object.fromEntries(DEFINED.map((name) => [name, detectionWords(`definition.${name}`, language)]));
}

/** How each defined term reads as a heading, in a language. */
export function definitionTitles(language: Language): Record<string, string> {
  return Object.fromEntries(DEFINED.map((name) => [name, name in MEASURES ? measureLabel(name as MeasureName, language) : detectionWords(`rate.${name}`, language)]));
}

interface PlannedCell {
  column: Column;
  /** Null: no figure in this cell (a rate with no meaningful total). */
  name: string | null;
  numerator?: string;
  denominator?: string;
}

/** The monthly detection analysis for `scope.month` as of `scope.asOf`, its words in `language`. */
export async function detectionReport(db: Db, scope: DetectionScope, language: Language = SOURCE_LANGUAGE): Promise<DetectionReport> {
  const values = await dimensionValues(db, scope);
  const wanted = new Map<string, ParsedFigure>();
  const want = (measure: MeasureName, dimension?: DimensionName, value?: string | null) => {
    const name = figureName(measure, dimension, value);
    if (!wanted.has(name)) wanted.set(name, parseFigure(name) ?? { name, measure, dimension: dimension ?? null, value: value ?? null });
    return name;
  };
  // First the names of every count figure in every table, then one pass per kind of record.
  const plan = SECTIONS.map((section) => {
    const cellNames = (value: string | null | undefined): PlannedCell[] =>
      section.columns.map((column): PlannedCell => {
        const all = value === undefined;
        if (column.kind === 'count') return { column, name: all ? want(column.measure) : want(column.measure, column.dimension ?? section.dimension, value) };
        if (all && column.noTotal) return { column, name: null };
        const numerator = all ? want(column.numerator.measure) : want(column.numerator.measure, column.numerator.dimension ?? section.dimension, value);
        const denominator = all ? want(column.denominator.measure) : want(column.denominator.measure, column.denominator.dimension ?? section.dimension, value);
        return { column, name: all ? `${column.rate}.total` : `${column.rate}.${section.dimension}.${value ?? NONE}`, numerator, denominator };
      });
    return { section, rows: values[section.dimension].map((value) => ({ value, cells: cellNames(value) })), total: cellNames(undefined) };
  });
  const counted = await countFigures(db, scope, [...wanted.values()]);

  const figures = new Map<string, Figure | RateFigure>();
  const labels: Record<string, string> = {};
  const make = (cell: PlannedCell): Figure | RateFigure | null => {
    if (!cell.name) return null;
    const existing = figures.get(cell.name);
    if (existing) return existing;
    let figure: Figure | RateFigure;
    if (cell.column.kind === 'count') {
      const measure = MEASURES[cell.column.measure];
      figure = { name: cell.name, value: counted.get(cell.name) ?? 0, unit: measure.unit, records: recordsLink(scope, cell.name) };
      labels[cell.name] = figureLabel(wanted.get(cell.name)!, language);
    } else {
      const numerator = cell.numerator!;
      const denominator = cell.denominator!;
      figure = { name: cell.name, value: percent(counted.get(numerator) ?? 0, counted.get(denominator) ?? 0), unit: 'percent', records: recordsLink(scope, numerator), numerator, denominator };
      const [, dimension, ...rest] = cell.name.split('.');
      const measure = detectionWords(cell.column.labelKey, language);
      labels[cell.name] =
        dimension && dimension !== 'total'
          ? detectionWords('label', language, { measure, dimension: dimensionLabel(dimension as DimensionName, language), value: valueLabel(dimension as DimensionName, rest.join('.') === NONE ? null : rest.join('.'), language) })
          : detectionWords('labelTotal', language, { measure });
    }
    figures.set(cell.name, figure);
    return figure;
  };
  const columnLabel = (c: Column) => (c.labelKey ? detectionWords(c.labelKey, language) : measureLabel((c as { measure: MeasureName }).measure, language));
  const sections: ReportSection[] = plan.map(({ section, rows, total }) => ({
    id: section.id,
    title: detectionWords(`section.${section.titleKey}`, language),
    dimensionLabel: dimensionLabel(section.dimension, language),
    columns: section.columns.map((c) => ({ label: columnLabel(c), unit: c.kind === 'rate' ? 'percent' : MEASURES[c.measure].unit })),
    rows: rows.map((row) => ({ value: row.value, label: valueLabel(section.dimension, row.value, language), cells: row.cells.map(make) })),
    total: { value: null, label: detectionWords('total', language), cells: total.map(make) },
  }));
  return { report: 'detection', language, month: scope.month, asOf: scope.asOf.toISOString(), definitions: definitions(language), sections, figures: [...figures.values()], labels };
}

/** One record behind a figure, as the records page and its test read it. */
export type RecordRow = Record<string, unknown> & { id: string };

const SEARCH_RECORD = sql`s.id::text as id, s.searched_at as "searchedAt", s.port, s.lane, s.vehicle_kind as "vehicleKind", s.selection_reason as "selectionReason", s.methods, s.detecting_method as "detectingMethod", s.result, s.tractor_registration as "tractorRegistration", s.trailer_registration as "trailerRegistration"`;
const INCIDENT_RECORD = sql`i.incident_date::text as "incidentDate", i.kind, i.port, i.case_reference as "caseReference", i.vehicle_kind as "vehicleKind", i.selection_reason as "selectionReason", i.detecting_method as "detectingMethod", i.concealment, i.risk_to_life as "riskToLife", i.entrants`;
const RECORD_COLUMNS: Record<RecordKind, SQL> = {
  search: SEARCH_RECORD,
  // A failure is a link (one per inland incident): its id is the incident's, as one search could be confirmed by two.
  failure: sql`s.incident_id::text as id, s.id::text as "searchId", s.searched_at as "searchedAt", s.port, s.lane, s.vehicle_kind as "vehicleKind", s.selection_reason as "selectionReason", s.methods, s.detecting_method as "detectingMethod", s.result, s.tractor_registration as "tractorRegistration", s.trailer_registration as "trailerRegistration", s.confirmed_at as "confirmedAt"`,
  incident: sql`i.id::text as id, ${INCIDENT_RECORD}`,
  person: sql`i.id::text as id, i.incident_id::text as "incidentId", i.sequence, ${INCIDENT_RECORD}, i.child, i.victim, i.nrm_referred as "nrmReferred"`,
};
const RECORD_ORDER: Record<RecordKind, SQL> = {
  search: sql`s.searched_at, s.id`,
  failure: sql`s.searched_at, s.id, s.incident_id`,
  incident: sql`i.incident_date, i.id`,
  person: sql`i.incident_date, i.incident_id, i.sequence, i.id`,
};

export const RECORDS_PAGE_SIZE = 200;

/**
 * The records behind a count figure (a page of them, or all with `pageSize` null) and how many there
 * are: the same source and condition its count used.
 */
export async function figureRecords(db: Db, scope: DetectionScope, figure: ParsedFigure, page = 1, pageSize: number | null = RECORDS_PAGE_SIZE): Promise<{ kind: RecordKind; total: number; sum: number | null; rows: RecordRow[]; page: number; pages: number }> {
  const kind = MEASURES[figure.measure].kind;
  const condition = figureCondition(figure);
  const measure: Measure = MEASURES[figure.measure];
  const [totals, list] = await Promise.all([
    db.execute(sql`select count(*)::int as n, ${measure.sum ? sql`coalesce(sum(${measure.sum}), 0)::int` : sql`null::int`} as total from ${kindSource(kind, scope)} where ${condition}`),
    db.execute(sql`select ${RECORD_COLUMNS[kind]} from ${kindSource(kind, scope)} where ${condition} order by ${RECORD_ORDER[kind]} ${pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`}`),
  ]);
  const [t] = rowsOf<{ n: number; total: number | null }>(totals);
  const total = Number(t?.n ?? 0);
  return { kind, total, sum: t?.total === null || t?.total === undefined ? null : Number(t.total), rows: rowsOf<RecordRow>(list), page, pages: pageSize === null ? 1 : Math.max(1, Math.ceil(total / pageSize)) };
}
