import { stringify } from 'csv-stringify/sync';
import { formatDate } from '../../../platform/i18n/format.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { spreadsheetSafe } from '../../vehicle-action-list/val-csv.js';
import { checkKey, qualityCheck, QUALITY_CHECKS, type QualityCheck } from './checks.js';
import type { Finding, Measurement, QualityCount } from './report.js';

/*
 * The data-quality report's words and files: a finding described in the reader's language (the
 * record, the link where it is fixed, the reason from the catalogue), the summary as JSON or CSV,
 * a check's findings as CSV (every cell through `spreadsheetSafe`), and the chart of the counts
 * over time as SVG shapes for the page.
 */

const key = (text: string) => text as MessageKey;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The facts a case may differ from its incident in, in the order a reason names them. */
const DIFFERENCE_ORDER = ['incidentDate', 'port', 'offence', 'entrants'] as const;

export const checkLabel = (language: Language, name: string) => t(language, key(`insight.quality.check.${checkKey(name)}`));
export const groupLabel = (language: Language, group: string) => t(language, key(`insight.quality.group.${group}`));
export const checkHref = (name: string) => `/reports/data-quality/${name}`;

/** A fact as a person reads it: a date as "4 December 2026", anything else as it is. */
const readable = (language: Language, value: unknown): string => (typeof value === 'string' && ISO_DATE.test(value) ? formatDate(language, value) : value === null || value === undefined ? '' : String(value));

/** The reason of a finding, from the catalogue, its facts in place. */
export function reasonOf(language: Language, check: QualityCheck, finding: Pick<Finding, 'facts'>): string {
  const facts = finding.facts ?? {};
  if (check.name === 'case-differs-from-incident') {
    const differences = DIFFERENCE_ORDER.map((field): [string, unknown] => [field, facts[field]])
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
      .map(([field, [onCase, atBorder]]) =>
        t(language, key('insight.quality.difference'), {
          field: t(language, key(`insight.quality.field.${field}`)),
          onCase: readable(language, onCase) || '—',
          atBorder: readable(language, atBorder) || '—',
        }),
      )
      .join('; ');
    return t(language, key('insight.quality.reason.caseDiffersFromIncident'), { differences });
  }
  const values = Object.fromEntries(Object.entries(facts).map(([name, value]) => [name, readable(language, value)]));
  return t(language, key(`insight.quality.reason.${checkKey(check.name)}`), values);
}

/** Where the finding is put right: the case page, or the party's page in the register. */
export function fixHref(check: QualityCheck, finding: Pick<Finding, 'case_reference' | 'party_id'>): string | null {
  if (check.fixAt === 'party') return finding.party_id ? `/parties/${finding.party_id}` : null;
  return finding.case_reference ? `/cases/${encodeURIComponent(finding.case_reference)}` : null;
}

/** The incident at the border a finding is about, when the check compares a case with it and the incident exists. */
export function incidentHref(check: QualityCheck, finding: Pick<Finding, 'incident_id'>): string | null {
  return check.name === 'case-differs-from-incident' && finding.incident_id ? `/incidents/${finding.incident_id}` : null;
}

export function describeFinding(language: Language, check: QualityCheck, finding: Finding) {
  return { record: finding.record, subject: finding.subject ?? finding.record, href: fixHref(check, finding), incidentHref: incidentHref(check, finding), reason: reasonOf(language, check, finding) };
}

export interface QualitySummary {
  report: 'data-quality';
  on: string;
  checks: { name: string; group: string; label: string; count: number; records: string }[];
  total: number;
  measurements: Measurement[];
}

export function qualitySummary(language: Language, on: string, counts: readonly QualityCount[], measurements: readonly Measurement[]): QualitySummary {
  return {
    report: 'data-quality',
    on,
    checks: counts.map((c) => ({ name: c.name, group: c.group, label: checkLabel(language, c.name), count: c.count, records: checkHref(c.name) })),
    total: counts.reduce((sum, c) => sum + c.count, 0),
    measurements: [...measurements],
  };
}

/** UTF-8 with a byte-order mark, RFC 4180, CRLF; every cell made safe from formula injection. */
function csv(rows: readonly (readonly (string | number)[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => spreadsheetSafe(String(cell)))),
    { bom: true, record_delimiter: '\r\n' },
  );
}

export function summaryCsv(summary: QualitySummary, language: Language = 'en', origin = ''): string {
  const header = ['insight.quality.csv.group', 'insight.quality.csv.check', 'insight.quality.csv.name', 'insight.quality.csv.count', 'insight.quality.csv.records'].map((k) => t(language, key(k)));
  return csv([
    [t(language, key('insight.quality.csv.on')), summary.on],
    header,
    ...summary.checks.map((c) => [groupLabel(language, c.group), c.label, c.name, c.count, `${origin}${c.records}`]),
  ]);
}

export function findingsCsv(language: Language, check: QualityCheck, on: string, findings: readonly Finding[], origin = ''): string {
  const header = ['insight.quality.csv.record', 'insight.quality.csv.reason', 'insight.quality.csv.fixAt'].map((k) => t(language, key(k)));
  return csv([
    [checkLabel(language, check.name), on],
    header,
    ...findings.map((f) => {
      const d = describeFinding(language, check, f);
      return [d.subject, d.reason, d.href ? `${origin}${d.href}` : ''];
    }),
  ]);
}

/** The measurements as a bar chart of the total found each day, oldest first: shapes for an SVG the page draws (aria-hidden; the table says the same). */
export function measurementChart(measurements: readonly Measurement[]) {
  const days = [...measurements].reverse();
  const totals = days.map((m) => Object.values(m.counts).reduce((sum, n) => sum + n, 0));
  const width = 600;
  const height = 200;
  const top = Math.max(1, ...totals);
  const slot = days.length ? width / days.length : width;
  return {
    width,
    height: height + 20,
    bars: days.map((m, i) => {
      const barHeight = Math.round((totals[i]! / top) * height);
      return { on: m.on, total: totals[i]!, x: Math.round(i * slot + slot * 0.15), width: Math.max(1, Math.round(slot * 0.7)), y: height - barHeight, height: barHeight, labelX: Math.round(i * slot + slot / 2), label: m.on.slice(5) };
    }),
  };
}

/** The checks' names in the catalogue's order with their labels, for the measurements table's columns. */
export function checkColumns(language: Language) {
  return QUALITY_CHECKS.map((c) => ({ name: c.name, label: checkLabel(language, c.name) }));
}

export { qualityCheck };
