import fs from 'node:fs';
import { Option, type Command } from 'commander';
import type { Database, Db } from '../platform/database/client.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { qualityCounts, qualityMeasurements } from '../modules/insight/quality/report.js';
import { qualitySummary, summaryCsv } from '../modules/insight/quality/outputs.js';

type WithDatabase = <T>(work: (opened: { database: Database }) => Promise<T>) => Promise<T>;

export const DATA_QUALITY_FORMATS = ['json', 'csv'] as const;

/** The report as the command writes it: JSON, or CSV with the links made absolute by `baseUrl`. */
export async function dataQualityOutput(db: Db, format: (typeof DATA_QUALITY_FORMATS)[number], now: Date, baseUrl = ''): Promise<{ today: string; body: string }> {
  const today = ukDate(now);
  const summary = qualitySummary('en', today, await qualityCounts(db, today), await qualityMeasurements(db));
  return { today, body: format === 'csv' ? summaryCsv(summary, 'en', baseUrl.replace(/\/+$/, '')) : `${JSON.stringify(summary, null, 2)}\n` };
}

/**
 * `cordon report data-quality [--format json|csv] [--base-url URL] [--output FILE]`: how many records
 * each data-quality check finds today, with the page listing them, and the latest daily measurements
 * (JSON) — the same as `/reports/data-quality` and `GET /api/v1/reports/data-quality`. Adds
 * `data-quality` under `report`, creating `report` if no other report command has.
 */
export function registerDataQualityReportCommand(program: Command, withDatabase: WithDatabase): void {
  const report = program.commands.find((command) => command.name() === 'report') ?? program.command('report').description('Reports on the scheme');
  report
    .command('data-quality')
    .description('The data-quality report: records with impossible or missing facts found by each check today, and the latest daily counts')
    .addOption(new Option('--format <format>', 'the output').choices([...DATA_QUALITY_FORMATS]).default('json'))
    .option('--base-url <url>', 'the service’s address, to make the CSV’s links absolute (for example https://cordon.example.gov.uk)', '')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (options: { format: (typeof DATA_QUALITY_FORMATS)[number]; baseUrl: string; output?: string }) => {
      await withDatabase(async ({ database }) => {
        const { today, body } = await dataQualityOutput(database.db, options.format, new Date(), options.baseUrl);
        if (options.output) {
          fs.writeFileSync(options.output, body);
          console.error(`Data quality on ${today} written to ${options.output}.`);
        } else process.stdout.write(body);
      });
    });
}
