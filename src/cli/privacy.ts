import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.js';
import type { Database } from '../platform/database/client.js';
import { buildServices } from '../app.js';
import { subjectAccessExport } from '../modules/privacy/subject-access.js';
import { retentionReport } from '../modules/privacy/retention.js';
import { formatLongDate } from '../domain/clock/calendar-date.js';

type WithDatabase = <T>(work: (opened: { database: Database }) => Promise<T>) => Promise<T>;

/** `cordon parties export` (a subject access export) and `cordon retention report`. Register after `registerPartiesCommands`. */
export function registerPrivacyCommands(program: Command, withDatabase: WithDatabase): void {
  const parties = program.commands.find((command) => command.name() === 'parties') ?? program.command('parties').description('People and organisations');
  parties
    .command('export')
    .description(
      'Subject access export: everything held about one party as JSON — the register entry (and entries merged with it), ' +
        'the cases where they are a responsible person with the events about them, letters sent to them (with each file’s content hash), ' +
        'payments, notes that mention them, and every logged read of their record',
    )
    .requiredOption('--party <id>', 'the party’s id (from its page, /parties/ID)')
    .option('--output <file>', 'write the JSON to this file instead of standard output')
    .action(async (options: { party: string; output?: string }) => {
      await withDatabase(async ({ database }) => {
        const services = buildServices(database, loadConfig());
        const outcome = await subjectAccessExport(database.db, { parties: services.parties, readLog: services.personalDataReads, now: new Date() }, options.party.trim());
        if (!outcome.ok) {
          console.error(outcome.message);
          process.exitCode = 2;
          return;
        }
        const json = `${JSON.stringify(outcome.value, null, 2)}\n`;
        if (options.output) {
          fs.writeFileSync(options.output, json, { mode: 0o600 });
          const v = outcome.value;
          console.error(
            `Exported ${v.party.displayName}: ${v.cases.length} case${v.cases.length === 1 ? '' : 's'}, ${v.letters.length} letter${v.letters.length === 1 ? '' : 's'}, ` +
              `${v.payments.length} payment event${v.payments.length === 1 ? '' : 's'}, ${v.notes.length} note${v.notes.length === 1 ? '' : 's'}, ${v.reads.length} read${v.reads.length === 1 ? '' : 's'}. Written to ${options.output}.`,
          );
        } else {
          process.stdout.write(json);
        }
      });
    });

  program
    .command('retention')
    .description('The retention schedule (policy parameters)')
    .command('report')
    .description('List the records past the retention schedule in force today: closed cases, searches where nothing was found, reads of personal records. Deletes nothing.')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async ({ database }) => {
        const services = buildServices(database, loadConfig());
        const report = await retentionReport(database.db, { policy: services.policy, readLog: services.personalDataReads, now: new Date() });
        if (!report.ok) {
          console.error(report.message);
          process.exitCode = 2;
          return;
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const lines = [
          `Records past their retention period on ${formatLongDate(report.today)} (policy version ${report.policyVersion}); nothing is deleted.`,
          `Closed cases: ${report.closedCases.count} closed before ${formatLongDate(report.closedCases.before)} (kept ${report.closedCases.years} years after closing)`,
          ...report.closedCases.oldest.map((c) => `  ${c.reference}  ${c.stage} on ${formatLongDate(c.closedOn)}`),
          `Searches where nothing was found: ${report.searchesWithNothingFound.count} made before ${formatLongDate(report.searchesWithNothingFound.before)} (kept ${report.searchesWithNothingFound.years} years)`,
          ...report.searchesWithNothingFound.oldest.map((s) => `  ${s.id}  ${s.searchedAt.toISOString()}  ${s.portCode}  ${s.registration ?? ''}`.trimEnd()),
          `Reads of personal records: ${report.personalDataReads.count} logged before ${formatLongDate(report.personalDataReads.before)} (kept ${report.personalDataReads.years} years)`,
          ...report.personalDataReads.oldest.map((r) => `  ${r.readAt.toISOString()}  ${r.userName}  ${r.recordKind} ${r.caseReference ?? r.recordId}`),
        ];
        console.log(lines.join('\n'));
      });
    });
}
