import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { Database } from '../platform/database/client.js';
import { parseAsOf, parseYear } from '../modules/insight/figure.js';
import { annualReport, type AnnualReport } from '../modules/insight/annual/report.js';
import { annualCsv, annualHtml, annualPdf } from '../modules/insight/annual/outputs.js';

type WithDatabase = <T>(work: (opened: { database: Database }) => Promise<T>) => Promise<T>;

export const REPORT_FORMATS = ['json', 'csv', 'pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The annual report in one of its formats, as the bytes written out. */
export async function annualReportOutput(report: AnnualReport, format: ReportFormat, baseUrl = ''): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    case 'csv':
      return Buffer.from(annualCsv(report));
    case 'pdf':
      return annualPdf(report);
    case 'html':
      return Buffer.from(annualHtml(report, 'en', baseUrl));
  }
}

/** `cordon report annual --year YYYY [--as-of TIMESTAMP] --format json|csv|pdf|html [--output FILE]`. */
export function registerReportCommands(program: Command, withDatabase: WithDatabase): void {
  const report = program.command('report').description('Reports on the scheme, each figure as of an instant (the same --as-of gives the same figures)');
  report
    .command('annual')
    .description('The annual report on the scheme for a year: searches, incidents, penalties, challenges, reductions, money collected, feedback')
    .requiredOption('--year <year>', 'the calendar year, YYYY')
    .option('--as-of <timestamp>', 'count what was recorded at or before this instant (ISO 8601 with offset, at least a minute ago); by default a minute ago')
    .addOption(new Option('--format <format>', 'the output').choices([...REPORT_FORMATS]).default('json'))
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--base-url <url>', 'the service’s address, for the links of the HTML format', '')
    .action(async (options: { year: string; asOf?: string; format: ReportFormat; output?: string; baseUrl: string }) => {
      const year = parseYear(options.year);
      const asOf = parseAsOf(options.asOf, new Date());
      if (year === null || !asOf.ok) {
        console.error(year === null ? 'Give --year as YYYY, from 2000 to 2100' : (asOf as { message: string }).message);
        process.exitCode = 2;
        return;
      }
      await withDatabase(async ({ database }) => {
        const bytes = await annualReportOutput(await annualReport(database.db, year, asOf.asOf), options.format, options.baseUrl);
        if (options.output) {
          fs.writeFileSync(options.output, bytes);
          console.error(`Annual report ${year} as of ${asOf.asOf.toISOString()} written to ${options.output}.`);
        } else process.stdout.write(bytes);
      });
    });
}
