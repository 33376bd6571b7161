import { stringify } from 'csv-stringify/sync';
import { renderLetter, type LetterBlock } from '../../../platform/pdf/letter.js';
import { formatDate, formatMoney } from '../../../platform/i18n/format.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { formatDateTime } from '../../../platform/http/dates.js';
import { spreadsheetSafe } from '../../vehicle-action-list/val-csv.js';
import { SEARCH_RESULTS } from '../../../domain/incident/search.js';
import { APPEAL_OUTCOMES, OBJECTION_OUTCOMES } from '../../../domain/liability/actions.js';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';
import { measuredAmount, type Figure, type FigureDefinition } from '../figure.js';
import type { RecordRow } from '../query.js';
import { ANNUAL_SECTIONS } from './definitions.js';
import { describeOperationsRecord } from '../management/operations-records.js';
import type { AnnualReport, FigureRecords } from './report.js';

/*
 * The annual report's outputs besides JSON (which is the report object itself): CSV, PDF, a
 * standalone HTML file for the command line (the staff page is views/annual.njk), and a figure's
 * records as CSV. Each is a function of the report alone, so the same asOf gives the same bytes.
 */

const key = (text: string) => text as MessageKey;

/** A figure's value as a person reads it: money in pounds, counts as numbers. */
export function readableValue(language: Language, figure: Pick<Figure, 'value' | 'unit'>): string {
  if (figure.value === null) return t(language, key('insight.annual.noRate'));
  const number = new Intl.NumberFormat(language === 'en' ? 'en-GB' : language, { maximumFractionDigits: 1 });
  if (figure.unit === 'percent') return `${number.format(figure.value)}%`;
  return figure.unit === 'pence' ? formatMoney(language, figure.value) : number.format(figure.value);
}

/** Whether the unit is said after the number (not for money or a percentage, which carry their own sign). */
export const saysUnit = (unit: Figure['unit']) => unit !== 'pence' && unit !== 'percent';

/** The report's figures grouped by section, with their labels, in the order the report defines. */
export function sectionsOf(report: AnnualReport, language: Language) {
  const byName = new Map(report.figures.map((f) => [f.name, f]));
  return ANNUAL_SECTIONS.map((section) => ({
    id: section.id,
    label: t(language, key(section.label)),
    figures: section.figures.map((d) => {
      const figure = byName.get(d.name)!;
      return { ...figure, label: t(language, key(d.label)), unitLabel: t(language, key(`insight.unit.${d.unit}`)), readable: readableValue(language, figure), showUnit: saysUnit(figure.unit) && figure.value !== null };
    }),
  }));
}

/** UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF; every cell made safe from formula injection. */
export function csv(rows: readonly (readonly (string | number)[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => spreadsheetSafe(String(cell)))),
    { bom: true, record_delimiter: '\r\n' },
  );
}

export function annualCsv(report: AnnualReport, language: Language = 'en'): string {
  const header = ['insight.csv.section', 'insight.csv.figure', 'insight.csv.name', 'insight.csv.value', 'insight.csv.unit', 'insight.csv.records'].map((k) => t(language, key(k)));
  const rows = sectionsOf(report, language).flatMap((section) => section.figures.map((f) => [section.label, f.label, f.name, f.value ?? '', f.unit, f.records]));
  const improvements = report.plannedImprovements.map((i) => [t(language, key('insight.improvement.listTitle')), i.title, i.owner, i.dueOn, t(language, key(`insight.improvement.status.${i.status}`))]);
  return csv([[t(language, key('insight.csv.year')), report.year], [t(language, key('insight.csv.asOf')), report.asOf], header, ...rows, ...improvements]);
}

/** How a person recognises one record of a figure: its reference (with a link when it has a page) and a line of details. */
export function describeRecord(definition: FigureDefinition, row: RecordRow): { label: string; href: string | null; details: string } {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const join = (...parts: unknown[]) => parts.map(text).filter(Boolean).join(' · ');
  switch (definition.family) {
    case 'searches':
      return { label: String(row.record).slice(0, 8), href: null, details: join(row.port, SEARCH_RESULTS[row.result as keyof typeof SEARCH_RESULTS] ?? row.result, row.registration) };
    case 'cases':
      return { label: String(row.reference ?? row.record), href: row.reference ? `/cases/${encodeURIComponent(String(row.reference))}` : null, details: join(row.company, row.driver, row.registration, row.offence, row.port) };
    case 'liabilityEvents': {
      const outcome = row.type === LIABILITY_EVENT.ObjectionDetermined ? OBJECTION_OUTCOMES[row.outcome as keyof typeof OBJECTION_OUTCOMES] : row.type === LIABILITY_EVENT.AppealDecided ? APPEAL_OUTCOMES[row.outcome as keyof typeof APPEAL_OUTCOMES] : null;
      return { label: String(row.reference ?? row.record), href: row.reference ? `/cases/${encodeURIComponent(String(row.reference))}` : null, details: join(row.party, row.role, outcome) };
    }
    case 'feedback':
      return { label: String(row.record).slice(0, 8), href: null, details: join(row.comments, row.satisfaction, row.theme === 'unthemed' || row.theme === 'no-comments' ? null : t('en', key(`feedback.theme.${String(row.theme)}`))) };
    case 'improvements':
      return { label: String(row.title), href: null, details: join(row.owner, typeof row.due_on === 'string' ? formatDate('en', row.due_on) : null, row.status === 'planned' ? null : t('en', key(`insight.improvement.status.${String(row.status)}`))) };
    case 'valRecorded':
    case 'plateCheckOutcomes':
    case 'deadlineMisses':
    case 'assuranceReturns':
    case 'memberChecks':
    case 'accreditationDecisions':
    case 'questionsAnswered':
      return describeOperationsRecord(definition.family, row);
    case 'calculationReductions':
      return { label: String(row.reference ?? row.record), href: caseLink(row), details: join(row.party, row.role, row.source, row.step) };
    case 'money':
      return { label: String(row.reference ?? row.record), href: caseLink(row), details: join(row.party, row.role, row.state) };
    case 'instalmentPlans':
      return { label: String(row.reference ?? row.record), href: caseLink(row), details: join(row.party, row.role, row.state, row.instalments === null || row.instalments === undefined ? null : `${row.instalments} instalments`) };
    case 'discretion':
      return { label: String(row.reference ?? row.record), href: caseLink(row), details: join(row.party, row.role, row.reason, row.officer_name, row.port) };
    case 'penalisedParties':
      return {
        label: String(row.party_name ?? row.record),
        href: row.reference ? `/cases/${encodeURIComponent(String(row.reference))}` : null,
        details: join(row.reference, row.kind === 'driver' ? t('en', key('insight.records.driver')) : t('en', key('insight.records.company')), row.incidents_before ? `${t('en', key('insight.records.before'))}: ${String(row.incidents_before)}` : null, row.incidents_after ? `${t('en', key('insight.records.after'))}: ${String(row.incidents_after)}` : null),
      };
    case 'companyIncidents':
      return { label: String(row.reference ?? row.record), href: row.reference ? `/cases/${encodeURIComponent(String(row.reference))}` : null, details: join(row.party_name, row.accredited === 'yes' ? t('en', key('insight.records.accredited')) : t('en', key('insight.records.notAccredited'))) };
    case 'companies':
      return { label: String(row.party_name ?? row.record), href: null, details: join(row.accredited === 'yes' ? t('en', key('insight.records.accredited')) : t('en', key('insight.records.notAccredited')), row.incidents_in_period) };
  }
}

const caseLink = (row: RecordRow) => (row.reference ? `/cases/${encodeURIComponent(String(row.reference))}` : null);

/** What a record adds to its figure in money (pence), when the figure is money: the measured column, else the record's amount. */
export function recordAmountPence(definition: FigureDefinition, row: RecordRow): number | null {
  if (definition.measure !== 'count' && definition.unit === 'pence') return measuredAmount(definition, row);
  return row.amount_pence === null || row.amount_pence === undefined ? null : Number(row.amount_pence);
}

/** A figure's records as the records page lists them (views/records.njk). */
export function recordsPageRows(definition: FigureDefinition, records: readonly RecordRow[]) {
  return records.map((row) => ({ ...describeRecord(definition, row), day: row.day, amountPence: recordAmountPence(definition, row), people: row.people }));
}

/**
 * A figure's records as a table (every output's rows: CSV, XLSX): the header, then per record its
 * reference, date, details, amount in pounds (a number with pence) and people. Text is as recorded:
 * each output makes it safe for a spreadsheet.
 */
export function recordsTable(definition: FigureDefinition, records: readonly RecordRow[], language: Language): { header: string[]; rows: (string | number)[][] } {
  const header = ['insight.records.record', 'insight.records.date', 'insight.records.details', 'insight.records.amount', 'insight.records.people'].map((k) => t(language, key(k)));
  const rows = records.map((row) => {
    const described = describeRecord(definition, row);
    const amount = recordAmountPence(definition, row);
    return [described.label, row.day, described.details, amount === null ? '' : (amount / 100).toFixed(2), row.people === null || row.people === undefined ? '' : Number(row.people)];
  });
  return { header, rows };
}

/** A figure's records as CSV: one row per record, then the total the figure gives. */
export function recordsCsv(list: FigureRecords, language: Language = 'en'): string {
  const { header, rows } = recordsTable(list.definition, list.records, language);
  return csv([[t(language, key(list.definition.label)), list.year], [t(language, key('insight.csv.asOf')), list.asOf], header, ...rows]);
}

/** The report as a PDF (the letters' layout, DejaVu embedded): the same report gives the same bytes. */
export function annualPdf(report: AnnualReport, language: Language = 'en'): Promise<Buffer> {
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: t(language, key('insight.annual.asOf'), { time: formatDateTime(report.asOf) }) },
    { kind: 'paragraph', text: t(language, key('insight.annual.asOfHint')) },
  ];
  for (const section of sectionsOf(report, language)) {
    blocks.push({ kind: 'heading', text: section.label });
    blocks.push({ kind: 'keyValue', rows: section.figures.map((f) => ({ key: f.label, value: `${f.readable}${saysUnit(f.unit) && f.value !== null ? ` ${f.unitLabel}` : ''}` })) });
  }
  if (report.plannedImprovements.length) {
    blocks.push({ kind: 'heading', text: t(language, key('insight.improvement.listTitle')) });
    blocks.push({ kind: 'list', items: report.plannedImprovements.map((i) => `${i.title} (${i.owner}, ${t(language, key('insight.improvement.dueOnLabel')).toLowerCase()} ${formatDate(language, i.dueOn)}; ${t(language, key(`insight.improvement.status.${i.status}`)).toLowerCase()})`) });
  }
  return renderLetter({
    language,
    title: t(language, key('insight.annual.title'), { year: report.year }),
    reference: `${report.year} · ${report.asOf}`,
    date: report.asOf.slice(0, 10),
    recipient: { name: t(language, key('insight.annual.audience')), addressLines: [] },
    blocks,
  });
}

const escapeHtml = (value: unknown) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A self-contained HTML file (for `cordon report annual --format html`): every figure a link to its records on the service. */
export function annualHtml(report: AnnualReport, language: Language = 'en', baseUrl = ''): string {
  const title = t(language, key('insight.annual.title'), { year: report.year });
  const sections = sectionsOf(report, language)
    .map(
      (section) => `<h2>${escapeHtml(section.label)}</h2>
<table><thead><tr><th scope="col">${escapeHtml(t(language, key('insight.csv.figure')))}</th><th scope="col">${escapeHtml(t(language, key('insight.csv.value')))}</th></tr></thead><tbody>
${section.figures.map((f) => `<tr data-figure="${escapeHtml(f.name)}"><th scope="row">${escapeHtml(f.label)}</th><td><a href="${escapeHtml(baseUrl + f.records)}" data-value="${f.value ?? ''}">${escapeHtml(f.readable)}</a></td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t(language, key('insight.annual.asOf'), { time: formatDateTime(report.asOf) }))} (<time datetime="${escapeHtml(report.asOf)}">${escapeHtml(report.asOf)}</time>)</p>
<p>${escapeHtml(t(language, key('insight.annual.asOfHint')))}</p>
<p>${escapeHtml(formatDate(language, report.period.from))} – ${escapeHtml(formatDate(language, report.period.to))}</p>
${sections}
</body></html>
`;
}

