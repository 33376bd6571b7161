import os from 'node:os';
import { Command } from 'commander';
import { resolvePartiesFile } from '../modules/parties/batch/resolve-file.js';
import { RESOLUTION_DEFAULTS } from '../modules/parties/batch/resolve.js';

/** `cordon parties …` commands (batch entity resolution). */
export function registerPartiesCommands(program: Command): void {
  const parties = program.command('parties').description('People and organisations: matching');
  parties
    .command('resolve')
    .description(
      'Find which rows of a CSV file are the same person or organisation, without a database. ' +
        'Input columns id,kind,name,country,address,postcode,date_of_birth,identifier (others ignored); ' +
        'output id,cluster_id. Bad rows are reported on standard error with their line numbers and skipped.',
    )
    .requiredOption('--input <file>', 'the CSV file to read (UTF-8, with a header row)')
    .requiredOption('--output <file>', 'the CSV file to write')
    .option('--max-cluster-size <n>', 'no cluster may grow past this many rows', String(RESOLUTION_DEFAULTS.maxClusterSize))
    .option('--threads <n>', 'threads that score pairs: 1, or 2 to use a second core', String(Math.min(2, os.availableParallelism())))
    .option('--no-progress', 'do not draw a progress bar')
    .action(async (options: { input: string; output: string; maxClusterSize: string; threads: string; progress: boolean }) => {
      const maxClusterSize = Number(options.maxClusterSize);
      if (!Number.isInteger(maxClusterSize) || maxClusterSize < 1) {
        console.error('--max-cluster-size must be a whole number of 1 or more.');
        process.exitCode = 2;
        return;
      }
      const threads = Number(options.threads);
      if (threads !== 1 && threads !== 2) {
        console.error('--threads must be 1 or 2.');
        process.exitCode = 2;
        return;
      }
      const started = Date.now();
      const outcome = await resolvePartiesFile({
        input: options.input,
        output: options.output,
        messages: process.stderr,
        progress: options.progress,
        maxClusterSize,
        threads,
      });
      if (!outcome.ok) {
        console.error(outcome.message);
        process.exitCode = 2;
        return;
      }
      const { statistics: s } = outcome;
      const seconds = (Date.now() - started) / 1000;
      console.error(
        `Resolved ${s.records} rows into ${s.clusters} clusters (largest ${s.largestCluster}); ` +
          `${outcome.badRows} bad row${outcome.badRows === 1 ? '' : 's'} skipped; ` +
          `${s.comparedPairs} pairs compared, ${s.matchedPairs} matched` +
          (s.refusedMerges > 0 ? `, ${s.refusedMerges} merges refused at the cluster size limit` : '') +
          `; ${seconds.toFixed(1)} s. Written to ${options.output}.`,
      );
    });
}
