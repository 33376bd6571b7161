import type { Db } from '../../../platform/database/client.js';
import { detectionReport } from './report.js';
import { detectionCsv, detectionHtml, detectionPdf } from './exports.js';
import { readScope, type ScopeProblem } from './query.js';

export const OUTPUT_FORMATS = ['json', 'csv', 'pdf', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * `cordon report detection --month YYYY-MM [--as-of TIMESTAMP] --format json|csv|pdf|html`: the same
 * figures as the page and the API. `html` is a stand-alone page to publish (`detectionHtml`). Records
 * links are made absolute with `origin` (the service's address), relative without it.
 */
export async function detectionReportOutput(
  db: Db,
  options: { month?: string; asOf?: string; format?: string; origin?: string },
  now: Date,
): Promise<{ ok: true; body: string | Buffer; asOf: string } | { ok: false; problems: ScopeProblem[] }> {
  const scope = readScope({ month: options.month, asOf: options.asOf }, now, { requireMonth: true });
  const format = options.format ?? 'json';
  const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) problems.push({ field: 'format', message: 'Give the format as json, csv, pdf or html' });
  if (problems.length || !scope.ok) return { ok: false, problems };
  const report = await detectionReport(db, scope);
  const origin = options.origin ?? '';
  switch (format as OutputFormat) {
    case 'csv':
      return { ok: true, body: detectionCsv(report, origin), asOf: report.asOf };
    case 'pdf':
      return { ok: true, body: await detectionPdf(report), asOf: report.asOf };
    case 'html':
      return { ok: true, body: detectionHtml(report, origin), asOf: report.asOf };
    default: {
      const absolute = { ...report, figures: report.figures.map((f) => ({ ...f, records: `${origin}${f.records}` })) };
      return { ok: true, body: `${JSON.stringify(absolute, null, 2)}\n`, asOf: report.asOf };
    }
  }
}
