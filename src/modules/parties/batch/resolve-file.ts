import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { PartyRecord } from '../../../domain/parties/comparison.js';
import { readPartyRows, UnusableBatchFileError, type BadRow } from './party-rows.js';
import { progressBar, type ProgressStream } from './progress.js';
import { PartyResolver, type ResolutionOptions, type ResolutionStatistics, type ResolverOptions } from './resolve.js';

export interface ResolveFileOptions extends Omit<ResolutionOptions, 'onProgress'>, ResolverOptions {
  readonly input: string;
  readonly output: string;
  /** Where bad rows and the progress bar go (standard error). */
  readonly messages: ProgressStream;
  /** Draw a progress bar (default true). */
  readonly progress?: boolean;
}

export type ResolveFileOutcome =
  | { readonly ok: true; readonly badRows: number; readonly statistics: ResolutionStatistics }
  | { readonly ok: false; readonly message: string };

/**
 * `cordon parties resolve`: reads the batch file, reports each bad row on `messages` with its
 * line number and skips it, resolves the rest and writes `id,cluster_id` for every usable row,
 * in input order. A file that cannot be read at all (missing, no usable header) is refused
 * with a message, before the output is created.
 */
export async function resolvePartiesFile(options: ResolveFileOptions): Promise<ResolveFileOutcome> {
  let size: number;
  try {
    const stat = fs.statSync(options.input);
    if (!stat.isFile()) return { ok: false, message: `${options.input} is not a file.` };
    size = stat.size;
  } catch (error) {
    return { ok: false, message: `Cannot read ${options.input}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.` };
  }
  try {
    fs.accessSync(path.dirname(path.resolve(options.output)), fs.constants.W_OK);
  } catch {
    return { ok: false, message: `Cannot write ${options.output}: its folder does not exist or is not writable.` };
  }
  if (path.resolve(options.output) === path.resolve(options.input)) {
    return { ok: false, message: 'The output file must not be the input file.' };
  }
  const bar = options.progress === false ? null : progressBar(options.messages);
  const input = fs.createReadStream(options.input);
  const resolver = new PartyResolver({ threads: options.threads });
  const ids: string[] = [];
  let badRows = 0;
  const reportBadRow = (bad: BadRow): void => {
    badRows++;
    bar?.finish();
    options.messages.write(`Line ${bad.line} skipped: ${bad.reason}.\n`);
  };
  try {
    for await (const row of readPartyRows(input, reportBadRow)) {
      ids.push(row.id);
      resolver.add(toPartyRecord(row));
      if (bar !== null && ids.length % 2048 === 0) bar.update('Reading', input.bytesRead / Math.max(1, size));
    }
  } catch (error) {
    bar?.finish();
    await resolver.close();
    if (error instanceof UnusableBatchFileError) return { ok: false, message: error.message };
    if ((error as NodeJS.ErrnoException).code !== undefined) {
      return { ok: false, message: `Cannot read ${options.input}: ${(error as Error).message}.` };
    }
    throw error;
  }
  bar?.update('Reading', 1);

  const { clusterOf, statistics } = await resolver.resolve({
    ...options,
    onProgress: (fraction) => bar?.update('Matching', fraction),
  });
  bar?.update('Matching', 1);

  const output = fs.createWriteStream(options.output);
  const writer = stringify({ header: true, columns: ['id', 'cluster_id'] });
  writer.pipe(output);
  for (let i = 0; i < ids.length; i++) {
    if (!writer.write([spreadsheetSafe(ids[i] as string), String((clusterOf[i] as number) + 1)])) {
      await once(writer, 'drain');
    }
    if (bar !== null && i % 65536 === 0) bar.update('Writing', i / ids.length);
  }
  writer.end();
  await finished(output);
  bar?.update('Writing', 1);
  bar?.finish();
  return { ok: true, badRows, statistics };
}

/** A row of a batch file as the domain's party record. */
export function toPartyRecord(row: {
  kind: PartyRecord['kind'];
  name: string;
  country: string;
  address: string;
  postcode: string;
  dateOfBirth: string;
  identifier: string;
}): PartyRecord {
  return {
    kind: row.kind,
    name: row.name,
    country: row.country,
    address: row.address,
    postcode: row.postcode,
    dateOfBirth: row.dateOfBirth,
    // The file does not say what the identifier is, so it may agree with any kind.
    identifiers: row.identifier === '' ? [] : [{ kind: 'other', value: row.identifier }],
  };
}

/**
 * An id a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is
 * written with a leading apostrophe, as the security baseline asks of every CSV export.
 * Plain numbers ("-12") are not formulas and are written as they are.
 */
export function spreadsheetSafe(id: string): string {
  if (!/^[=+\-@\t\r]/u.test(id) || /^[-+]?\d+(\.\d+)?$/u.test(id)) return id;
  return `'${id}`;
}
