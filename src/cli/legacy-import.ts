import fs from 'node:fs';
import type { Command } from 'commander';
import { calendarDateInLondon, isCalendarDate } from '../domain/clock/calendar-date.js';
import { LegacyFolderError, readLegacyExport, reportTable } from '../modules/legacy-import/dry-run.js';
import { generateLegacyExport } from '../modules/legacy-import/generator.js';
import { LegacyHeaderError } from '../modules/legacy-import/read.js';
import { writeLegacyImport } from '../modules/legacy-import/write.js';
import { threadWriter } from '../modules/legacy-import/write-thread.js';
import type { ReconciliationReport } from '../domain/legacy-import/report.js';
import { loadConfig } from '../platform/config.js';
import { openConfiguredDatabase } from '../platform/runtime.js';
import { prepareDatabase, projectors } from '../app.js';

function todayOption(given: string | undefined): string | null {
  if (given === undefined) return calendarDateInLondon(new Date());
  return isCalendarDate(given) ? given : null;
}

/** `cordon import legacy` (the dry run of issue #18) and `cordon import legacy-generate` (synthetic exports). */
export function registerImportCommands(program: Command): void {
  const importing = program.command('import').description('Bring records kept elsewhere into Cordon');
  importing
    .command('legacy')
    .description(
      'Read the legacy Access export, the ports’ logs and the objection and appeal spreadsheets in a folder, check and fold them, ' +
        'and write them: every fact an event marked as migrated from its file and line, through the parties register, then the read tables by the projections, ' +
        'in batches (resumable, and a second run writes nothing); then print the reconciliation report. With --dry-run nothing is written.',
    )
    .requiredOption('--dir <folder>', 'the folder holding cecpt-database.csv, port-log-<port>.csv, noo-spreadsheet.csv and appeals-spreadsheet.csv')
    .option('--dry-run', 'read, check and report; write nothing')
    .option('--report <file>', 'also write the report as JSON to this file')
    .option('--today <YYYY-MM-DD>', 'the day dates are checked against (a later date is refused as in the future); by default today in the UK')
    .option('--batch <n>', 'cases (and parties) written per transaction', '500')
    .option('--threads <n>', 'on PostgreSQL, worker threads writing the batches, each two at a time on its own connections (0: this thread alone)', '2')
    .action(async (options: { dir: string; dryRun?: boolean; report?: string; today?: string; batch: string; threads: string }) => {
      const today = todayOption(options.today);
      if (!today) {
        console.error('--today must be a real date written YYYY-MM-DD');
        process.exitCode = 2;
        return;
      }
      const batchSize = Number(options.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        console.error('--batch must be a whole number from 1 to 10,000');
        process.exitCode = 2;
        return;
      }
      const threads = Number(options.threads);
      if (!Number.isInteger(threads) || threads < 0 || threads > 16) {
        console.error('--threads must be a whole number from 0 to 16');
        process.exitCode = 2;
        return;
      }
      const started = Date.now();
      const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
      const config = options.dryRun ? null : loadConfig();
      // On PostgreSQL the batches are written by worker threads, two at a time each on its own
      // connections: the events decided, hashed, checked and projected on both cores while the
      // database writes (PGlite has one connection, in this process). Started before the files are
      // read, so that they load the application meanwhile.
      const writers =
        config?.databaseUrl && threads > 0
          ? Array.from({ length: threads }, () => threadWriter(new URL('./legacy-import-worker-entry.js', import.meta.url), { databaseUrl: config.databaseUrl, today, capacity: 2 }, 2))
          : [];
      try {
        const { plan, report } = await readLegacyExport({
          dir: options.dir,
          today,
          onProgress: ({ file, rowsRead, done }) => process.stderr.write(`${file}: ${rowsRead.toLocaleString('en-GB')} rows read${done ? ' (done)' : ''}\n`),
          onMissingFile: (file) => process.stderr.write(`${file}: not in the folder; nothing from it is reconciled\n`),
        });
        if (options.dryRun) {
          printReport(report, options.report);
          console.error(`Dry run: nothing was written to the database (${seconds()} s).`);
          return;
        }
        const opened = await openConfiguredDatabase(config!);
        try {
          await prepareDatabase(opened.database);
          const written = await writeLegacyImport(opened.database.db, {
            plan,
            projectors,
            today,
            batchSize,
            writers,
            // On PostgreSQL two batches at once, each on its own connection: the database writes
            // one while the next is decided (PGlite has one connection).
            concurrency: opened.database.kind === 'postgres' ? 2 : 1,
            analyze: opened.database.kind === 'postgres',
            onProgress: ({ phase, done, total, skipped }) =>
              process.stderr.write(
                `${phase === 'cases' ? 'Cases' : 'Parties'} written: ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')}` +
                  `${skipped ? ` (${skipped.toLocaleString('en-GB')} already there)` : ''}; events appended and projected (${seconds()} s)\n`,
              ),
          });
          process.stderr.write(
            `Projections: every read table was written by its projector in each batch's transaction (${written.events.toLocaleString('en-GB')} events). ` +
              `Check them with cordon projections rebuild --verify, and the log with cordon audit verify.\n`,
          );
          // The parties as the register resolved them (the dry run counts them from the names).
          printReport({ ...report, parties: { created: written.parties.created, mergedVariants: written.parties.mergedVariants, matched: written.parties.matched } }, options.report);
          console.error(
            `Imported in ${seconds()} s: ${written.cases.written.toLocaleString('en-GB')} cases written, ${written.cases.alreadyThere.toLocaleString('en-GB')} already there; ` +
              `${written.parties.created.toLocaleString('en-GB')} register entries made, ${written.parties.matched.toLocaleString('en-GB')} found in the register.`,
          );
        } finally {
          await opened.close();
        }
      } catch (error) {
        if (error instanceof LegacyHeaderError || error instanceof LegacyFolderError) {
          console.error(error.message);
          process.exitCode = 2;
          return;
        }
        throw error;
      } finally {
        await Promise.all(writers.map((writer) => writer.close()));
      }
    });

  importing
    .command('legacy-generate')
    .description('Write a synthetic legacy export with known defects, and truth.json, the report its import must give (for tests and benchmarks)')
    .requiredOption('--dir <folder>', 'the folder to write into (made if missing; files in it are replaced)')
    .requiredOption('--rows <n>', 'how many database rows, duplicates included')
    .option('--seed <n>', 'the same seed gives the same files', '1')
    .option('--today <YYYY-MM-DD>', 'the day the export is to be read on; by default today in the UK')
    .action(async (options: { dir: string; rows: string; seed: string; today?: string }) => {
      const rows = Number(options.rows);
      const seed = Number(options.seed);
      const today = todayOption(options.today);
      if (!Number.isInteger(rows) || rows < 1 || rows > 50_000_000) {
        console.error('--rows must be a whole number from 1 to 50,000,000');
        process.exitCode = 2;
        return;
      }
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        console.error('--seed must be a whole number from 0 to 4294967295');
        process.exitCode = 2;
        return;
      }
      if (!today || today < '2023-06-01') {
        console.error('--today must be a real date written YYYY-MM-DD, after May 2023');
        process.exitCode = 2;
        return;
      }
      const started = Date.now();
      const truth = await generateLegacyExport({ dir: options.dir, rows, seed, today });
      console.error(
        `Wrote ${truth.rows.read.toLocaleString('en-GB')} database rows (${truth.rows.rejected} to be rejected, ${truth.rows.duplicates} exact duplicates) ` +
          `and truth.json to ${options.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    });
}

function printReport(report: ReconciliationReport, file: string | undefined): void {
  console.log(reportTable(report));
  if (file) {
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`Report written to ${file}.`);
  }
}
