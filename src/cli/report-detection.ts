import fs from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../platform/database/client.js';
import { detectionReportOutput, OUTPUT_FORMATS } from '../modules/insight/detection/output.js';

type WithDatabase = <T>(work: (opened: { database: Database }) => Promise<T>) => Promise<T>;

/**
 * `cordon report detection --month YYYY-MM [--as-of TIMESTAMP] --format json|csv|pdf|html`: the
 * monthly detection analysis (issue #17 item 2), the same figures as `/reports/detection` and
 * `GET /api/v1/reports/detection`. Adds `detection` under `report`, creating `report` if no other
 * report command has (the annual report adds its own beside it).
 */
export function registerDetectionReportCommand(program: Command, withDatabase: WithDatabase): void {
  const report = program.commands.find((command) => command.name() === 'report') ?? program.command('report').description('Reports with reproducible figures');
  report
    .command('detection')
    .description('The monthly detection analysis: searches, detections, failures and people found, as they stood at --as-of (default: a minute ago; the output says which)')
    .requiredOption('--month <YYYY-MM>', 'the month, UK time')
    .option('--as-of <timestamp>', 'count the records as they stood at this instant, ISO 8601 with its offset (for example 2026-12-01T09:00:00Z)')
    .option('--format <format>', `one of ${OUTPUT_FORMATS.join(', ')}`, 'json')
    .option('--base-url <url>', 'the service’s address, to make the records links absolute (for example https://cordon.example.gov.uk)')
    .option('--output <file>', 'write to this file instead of standard output (a PDF needs it)')
    .action(async (options: { month: string; asOf?: string; format: string; baseUrl?: string; output?: string }) => {
      if (options.format === 'pdf' && !options.output) {
        console.error('A PDF needs --output FILE');
        process.exitCode = 2;
        return;
      }
      await withDatabase(async ({ database }) => {
        const outcome = await detectionReportOutput(database.db, { month: options.month, ...(options.asOf ? { asOf: options.asOf } : {}), format: options.format, ...(options.baseUrl ? { origin: options.baseUrl.replace(/\/+$/, '') } : {}) }, new Date());
        if (!outcome.ok) {
          for (const problem of outcome.problems) console.error(`--${problem.field === 'asOf' ? 'as-of' : problem.field}: ${problem.message}`);
          process.exitCode = 2;
          return;
        }
        if (options.output) {
          fs.writeFileSync(options.output, outcome.body);
          console.error(`The detection analysis for ${options.month} as of ${outcome.asOf} is in ${options.output}.`);
        } else process.stdout.write(outcome.body);
      });
    });
}
