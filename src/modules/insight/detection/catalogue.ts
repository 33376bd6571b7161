import { sql, type SQL } from 'drizzle-orm';
import { DETECTING_METHODS, DETECTION_METHODS, SEARCH_RESULTS, SELECTION_REASONS, VEHICLE_KINDS } from '../../../domain/incident/search.js';
import { CONCEALMENT, RISK_TO_LIFE } from '../../../domain/incident/incident.js';
import { SHIFTS, SHIFT_ORDER } from '../../../domain/incident/shifts.js';
import { portName } from '../../../domain/reference/ports.js';
import type { Unit as FigureUnit } from '../figure.js';
import { t, type MessageKey, type MessageParams } from '../../../platform/i18n/messages.js';
import type { Language } from '../../../platform/i18n/languages.js';

/*
 * What the monthly detection analysis counts (issue #17 item 2; seed 003 recommendation 2a), as data:
 * MEASURES (what is counted, over which kind of record) and DIMENSIONS (how it is split). A figure's
 * name is `<measure>.total` or `<measure>.<dimension>.<value>`; its count and the list of records behind
 * it are built from the same two SQL conditions (`figureCondition`), so the number and the list agree
 * by construction, and the records page can be asked for any figure by name alone.
 *
 * The four kinds of record are intake's published sub-selects (src/modules/intake/report-sources.ts),
 * aliased `s` (searches and failures: the search's columns) or `i` (incidents, and people found, who
 * carry their incident's columns):
 * - search: a vehicle searched in the month (UK time), recorded by `asOf`;
 * - failure: a search of the month confirmed, by `asOf`, as the earlier crossing of an inland detection;
 * - incident: an incident sent to the penalty team by `asOf`, dated in the month;
 * - person: a person found in such an incident.
 */

export type RecordKind = 'search' | 'failure' | 'incident' | 'person';

/** Search results that are a detection for this analysis: clandestine entrants, a vehicle not secured, or both (not "something else found"). */
export const DETECTION_RESULTS = ['clandestine-entrants', 'not-secured', 'both'] as const satisfies readonly (keyof typeof SEARCH_RESULTS)[];

/** The value standing for "not recorded" (a search without a lane, an inland incident without a port). */
export const NONE = '(none)';

const detectionResult = sql.raw(`s.result in (${DETECTION_RESULTS.map((r) => `'${r}'`).join(', ')})`);

const CHILD = sql`i.child`;
const VICTIM = sql`i.victim`;
const NRM_REFERRED = sql`i.nrm_referred`;
/** An incident with any risk-to-life concealment (refrigerated load, sealed container, engine). */
const AT_RISK = sql`jsonb_array_length(i.risk_to_life) > 0`;

export interface Measure {
  kind: RecordKind;
  unit: FigureUnit;
  /** Which records of the kind it counts (all of them when absent). */
  where?: SQL;
  /** A sum over the records instead of a count (entrants counted on each incident). */
  sum?: SQL;
}

export const MEASURES = {
  searches: { kind: 'search', unit: 'vehicles' },
  detections: { kind: 'search', unit: 'vehicles', where: detectionResult },
  failures: { kind: 'failure', unit: 'vehicles' },
  incidents: { kind: 'incident', unit: 'incidents' },
  riskToLife: { kind: 'incident', unit: 'incidents', where: AT_RISK },
  entrants: { kind: 'incident', unit: 'people', sum: sql`i.entrants` },
  people: { kind: 'person', unit: 'people' },
  children: { kind: 'person', unit: 'people', where: CHILD },
  victims: { kind: 'person', unit: 'people', where: VICTIM },
  nrmReferrals: { kind: 'person', unit: 'people', where: NRM_REFERRED },
} as const satisfies Record<string, Measure>;
export type MeasureName = keyof typeof MEASURES;

type Condition = (value: string | null) => SQL;

export interface Dimension {
  /** The condition for one value, by family of record: searches and failures (`s`), incidents and people (`i`). */
  searchLike?: Condition;
  incidentLike?: Condition;
  /** The values always shown (an enumeration); absent when the values come from the data (ports, lanes). */
  known?: readonly string[];
  /** How a value reads in a language (`NONE` for "not recorded"). */
  name: (value: string, language: Language) => string;
}

const text = (column: SQL): Condition => (value) => (value === null ? sql`${column} is null` : sql`${column} = ${value}`);
const jsonArrayHas = (path: SQL): Condition => (value) => (value === null ? sql`false` : sql`${path} @> jsonb_build_array(${value}::text)`);
const labelOf = (labels: Record<string, string>) => (value: string) => labels[value] ?? value;
const words = (key: string, language: Language, params?: MessageParams) => t(language, `insight.detection.${key}` as MessageKey, params);
export const DIMENSIONS = {
  port: { searchLike: text(sql`s.port`), incidentLike: text(sql`i.port`), name: (v, l) => (v === NONE ? words('value.inlandNoPort', l) : portName(v)) },
  lane: { searchLike: text(sql`s.lane`), name: (v, l) => (v === NONE ? words('value.noLane', l) : words('value.lane', l, { lane: v })) },
  method: { searchLike: (v) => (v === null ? sql`false` : sql`${v} = any(s.methods)`), known: Object.keys(DETECTION_METHODS), name: labelOf(DETECTION_METHODS) },
  detectingMethod: {
    searchLike: text(sql`s.detecting_method`),
    incidentLike: text(sql`i.detecting_method`),
    known: Object.keys(DETECTING_METHODS),
    name: (v, l) => (v === NONE ? words('value.notRecorded', l) : labelOf(DETECTING_METHODS)(v)),
  },
  selection: { searchLike: text(sql`s.selection_reason`), incidentLike: text(sql`i.selection_reason`), known: Object.keys(SELECTION_REASONS), name: labelOf(SELECTION_REASONS) },
  shift: {
    searchLike: text(sql`s.shift`),
    known: SHIFT_ORDER,
    name: (v, l) => (v in SHIFTS ? words('value.shift', l, { shift: words(`value.shift.${v}`, l), starts: SHIFTS[v as keyof typeof SHIFTS].starts, ends: SHIFTS[v as keyof typeof SHIFTS].ends }) : v),
  },
  vehicle: { searchLike: text(sql`s.vehicle_kind`), incidentLike: text(sql`i.vehicle_kind`), known: Object.keys(VEHICLE_KINDS), name: labelOf(VEHICLE_KINDS) },
  place: { incidentLike: text(sql`i.kind`), known: ['port', 'inland'], name: (v, l) => (v === 'port' ? words('value.atPort', l) : v === 'inland' ? words('value.inland', l) : v) },
  concealment: { incidentLike: jsonArrayHas(sql`i.concealment`), known: Object.keys(CONCEALMENT), name: labelOf(CONCEALMENT) },
  risk: { incidentLike: jsonArrayHas(sql`i.risk_to_life`), known: Object.keys(RISK_TO_LIFE), name: labelOf(RISK_TO_LIFE) },
} as const satisfies Record<string, Dimension>;
export type DimensionName = keyof typeof DIMENSIONS;

export interface ParsedFigure {
  name: string;
  measure: MeasureName;
  dimension: DimensionName | null;
  /** The dimension's value (null: "not recorded"); undefined for `<measure>.total`. */
  value?: string | null;
}

const isSearchLike = (kind: RecordKind) => kind === 'search' || kind === 'failure';

/** The condition of one dimension value for a measure's kind, or null when the dimension does not apply to it. */
function dimensionCondition(kind: RecordKind, dimension: DimensionName, value: string | null): SQL | null {
  const d: Dimension = DIMENSIONS[dimension];
  const condition = isSearchLike(kind) ? d.searchLike : d.incidentLike;
  return condition ? condition(value) : null;
}

/** A count figure's name: `searches.total`, `searches.port.DVR`, `searches.lane.(none)`. */
export function figureName(measure: MeasureName, dimension?: DimensionName, value?: string | null): string {
  return dimension ? `${measure}.${dimension}.${value ?? NONE}` : `${measure}.total`;
}

/**
 * A count figure's name read back: a known measure, then `all` or a dimension that applies to the
 * measure's records and a value (an enumerated one, or, for ports and lanes, up to 20 characters).
 * Null for anything else, so the records page answers 400 and never builds a query from it.
 */
export function parseFigure(name: string): ParsedFigure | null {
  if (typeof name !== 'string' || name.length > 120) return null;
  const [measure, dimension, ...rest] = name.split('.');
  if (!measure || !Object.hasOwn(MEASURES, measure)) return null;
  const m = measure as MeasureName;
  if (dimension === 'total' && !rest.length) return { name, measure: m, dimension: null };
  if (!dimension || !Object.hasOwn(DIMENSIONS, dimension) || !rest.length) return null;
  const dim = dimension as DimensionName;
  const raw = rest.join('.');
  if (!dimensionCondition(MEASURES[m].kind, dim, raw)) return null;
  const known: readonly string[] | undefined = (DIMENSIONS[dim] as Dimension).known;
  const value = raw === NONE ? null : raw;
  if (value !== null && known && !known.includes(value)) return null;
  if (value !== null && !known && (value.length > 20 || !value.trim() || /[\u0000-\u001f]/.test(value))) return null;
  return { name, measure: m, dimension: dim, value };
}

/** The condition that picks a figure's records out of its kind's records in the period. */
export function figureCondition(figure: ParsedFigure): SQL {
  const measure: Measure = MEASURES[figure.measure];
  const parts: SQL[] = [];
  if (measure.where) parts.push(measure.where);
  if (figure.dimension) parts.push(dimensionCondition(measure.kind, figure.dimension, figure.value ?? null)!);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** A measure's name in a language ("Detections"). */
export const measureLabel = (measure: MeasureName, language: Language) => words(`measure.${measure}`, language);
/** A dimension's name in a language ("Port"). */
export const dimensionLabel = (dimension: DimensionName, language: Language) => words(`dimension.${dimension}`, language);
/** A dimension value's name in a language ("Dover", "No lane recorded"). */
export const valueLabel = (dimension: DimensionName, value: string | null, language: Language) => (DIMENSIONS[dimension] as Dimension).name(value ?? NONE, language);

/** How a figure reads in a table or CSV: "Detections — Port: Dover". */
export function figureLabel(figure: ParsedFigure, language: Language): string {
  const measure = measureLabel(figure.measure, language);
  if (!figure.dimension) return words('labelTotal', language, { measure });
  return words('label', language, { measure, dimension: dimensionLabel(figure.dimension, language), value: valueLabel(figure.dimension, figure.value ?? null, language) });
}

/** Words of this report in a language: `insight.detection.<key>`. */
export { words as detectionWords };
