import { stringify } from 'csv-stringify/sync';
import { renderLetter, type LetterBlock } from '../../../platform/pdf/letter.js';
import { ukDate, ukTime } from '../../../domain/reference/uk-date.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { localeTag, type Language } from '../../../platform/i18n/languages.js';
import { definitionTitles, type DetectionReport } from './report.js';
import { detectionWords } from './catalogue.js';
import type { Figure } from '../figure.js';
import { spreadsheetSafe } from '../../vehicle-action-list/val-csv.js';

export { spreadsheetSafe };

/*
 * The monthly detection analysis as published files: CSV (every figure, one row each), PDF and HTML
 * (the tables), with JSON the API's own answer. Each a function of the report object alone, so the
 * same month and asOf give the same bytes. CSV cells go through the Vehicle Action List's
 * `spreadsheetSafe` (as the annual report's do): a formula opens as text.
 */

export const CSV_HEADER = ['Month', 'As of', 'Figure', 'Name', 'Value', 'Unit', 'Records'] as const;

/** The month as words in a language: "November 2026", "listopad 2026", "noiembrie 2026". */
export function monthName(month: string, language: Language): string {
  return new Intl.DateTimeFormat(localeTag(language), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** An instant as the UK date and time in a language: "5 November 2026 at 12:00". */
export function whenText(instant: Date, language: Language): string {
  return detectionWords('when', language, { date: formatDate(language, ukDate(instant)), time: ukTime(instant) });
}

/**
 * Every figure as one CSV row: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends. No
 * rate is written as an empty value (never NaN). `origin` makes the records links absolute.
 */
export function detectionCsv(report: DetectionReport, origin = ''): string {
  const rows = report.figures.map((figure: Figure) =>
    [report.month, report.asOf, report.labels[figure.name] ?? figure.name, figure.name, figure.value === null ? '' : String(figure.value), figure.unit, `${origin}${figure.records}`].map(spreadsheetSafe),
  );
  return stringify([[...CSV_HEADER], ...rows], { bom: true, record_delimiter: '\r\n' });
}

const shown = (figure: Figure | null, language: Language) =>
  figure === null ? '' : figure.value === null ? detectionWords('noRate', language) : figure.unit === 'percent' ? `${figure.value.toLocaleString(localeTag(language))}%` : figure.value.toLocaleString(localeTag(language));

/**
 * The analysis as a PDF, laid out by the platform's letter renderer (tagged, DejaVu Sans embedded):
 * a heading per table, then each row's figures as "column: value" pairs, so a table of any width
 * reads on A4 and in a screen reader.
 */
export function detectionPdf(report: DetectionReport): Promise<Buffer> {
  const asOf = new Date(report.asOf);
  const language = report.language;
  const titles = definitionTitles(language);
  const blocks: LetterBlock[] = [
    { kind: 'paragraph', text: detectionWords('pdfIntro', language, { month: monthName(report.month, language), time: ukTime(asOf), date: formatDate(language, ukDate(asOf)), asOf: report.asOf }) },
    { kind: 'heading', text: detectionWords('definitionsTitle', language) },
    { kind: 'keyValue', rows: Object.entries(report.definitions).map(([key, value]) => ({ key: titles[key] ?? key, value })) },
  ];
  for (const section of report.sections) {
    blocks.push({ kind: 'heading', text: section.title });
    const rows = [...section.rows, section.total].map((row) => ({
      key: row.label,
      value: section.columns.map((column, index) => `${column.label}: ${shown(row.cells[index] ?? null, language) || '–'}`).join('; '),
    }));
    blocks.push({ kind: 'keyValue', rows });
  }
  return renderLetter({
    language,
    title: detectionWords('titleMonth', language, { month: monthName(report.month, language) }),
    reference: `detection-${report.month}`,
    date: ukDate(asOf),
    recipient: { name: detectionWords('title', language), addressLines: [] },
    blocks,
  });
}

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The analysis as one stand-alone HTML page to publish (no scripts, no outside files): the tables,
 * each number a link to its records on the service (`origin`), the definitions, and the as-of time.
 */
export function detectionHtml(report: DetectionReport, origin = ''): string {
  const asOf = new Date(report.asOf);
  const language = report.language;
  const title = detectionWords('titleMonth', language, { month: monthName(report.month, language) });
  const titles = definitionTitles(language);
  const cell = (figure: Figure | null) =>
    figure === null ? '–' : figure.value === null ? escapeHtml(detectionWords('noRate', language)) : `<a href="${escapeHtml(`${origin}${figure.records}`)}" data-figure="${escapeHtml(figure.name)}">${escapeHtml(shown(figure, language))}</a>`;
  const tables = report.sections
    .map(
      (section) => `<table id="${escapeHtml(section.id)}">
<caption>${escapeHtml(section.title)}</caption>
<thead><tr><th scope="col">${escapeHtml(section.dimensionLabel)}</th>${section.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${[...section.rows, section.total].map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${row.cells.map((f) => `<td>${cell(f ?? null)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`,
    )
    .join('\n');
  const definitions = Object.entries(report.definitions)
    .map(([key, text]) => `<dt>${escapeHtml(titles[key] ?? key)}</dt><dd>${escapeHtml(text)}</dd>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:Arial,sans-serif;margin:1rem;max-width:60rem}table{border-collapse:collapse;margin:1.5rem 0;width:100%}caption{font-weight:bold;text-align:left;font-size:1.2rem;margin-bottom:.5rem}th,td{border-bottom:1px solid #b1b4b6;padding:.4rem;text-align:left}td{text-align:right}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p data-as-of="${escapeHtml(report.asOf)}">${escapeHtml(detectionWords('pdfIntro', language, { month: monthName(report.month, language), time: ukTime(asOf), date: formatDate(language, ukDate(asOf)), asOf: report.asOf }))}</p>
${tables}
<h2>${escapeHtml(detectionWords('definitionsTitle', language))}</h2>
<dl>${definitions}</dl>
</body>
</html>
`;
}

/** The records behind one figure as CSV (the records page with `format=csv`): its headings, then one row a record, every cell spreadsheet-safe. */
export function recordsCsv(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify([[...headings], ...rows.map((row) => row.map(spreadsheetSafe))], { bom: true, record_delimiter: '\r\n' });
}
