import type { Readable } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import type { PartyKind } from '../../../domain/parties/comparison.js';
import { LineCounter } from './line-counter.js';

/** The columns a batch file may carry; any other column is ignored. */
export const BATCH_COLUMNS = [
  'id',
  'kind',
  'name',
  'country',
  'address',
  'postcode',
  'date_of_birth',
  'identifier',
] as const;
type BatchColumn = (typeof BATCH_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly BatchColumn[] = ['id', 'kind', 'name'];
const KINDS: ReadonlySet<string> = new Set<PartyKind>(['person', 'organisation']);

/** One usable row of a batch file. Empty optional fields are ''. */
export interface BatchPartyRow {
  readonly line: number;
  readonly id: string;
  readonly kind: PartyKind;
  readonly name: string;
  readonly country: string;
  readonly address: string;
  readonly postcode: string;
  readonly dateOfBirth: string;
  readonly identifier: string;
}

/** A row that was skipped, with the line it starts on and why, in words a person can act on. */
export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

/** The file cannot be read as a batch at all (no header, a required column missing). */
export class UnusableBatchFileError extends Error {}

/**
 * Reads a batch CSV (UTF-8, header row, quoted fields with commas and line breaks allowed) and
 * yields its usable rows in order. Bad rows — wrong number of fields, unknown kind, empty id or
 * name, an id seen before, broken quoting — are passed to `onBadRow` and skipped. Throws
 * UnusableBatchFileError when the header lacks id, kind or name.
 */
export async function* readPartyRows(
  input: Readable,
  onBadRow: (bad: BadRow) => void,
): AsyncGenerator<BatchPartyRow> {
  const counter = new LineCounter();
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  // End offset of the last record or error seen, to find the line the next one starts on.
  let previousEnd = 0;
  // The parser reports a broken record as an event that can run ahead of the records still
  // buffered for this loop, so errors wait here and are reported in byte order.
  const errors: (CsvError & { bytes?: number })[] = [];
  parser.on('skip', (error: CsvError & { bytes?: number }) => errors.push(error));
  const reportErrorsBefore = (offset: number): void => {
    while (errors.length > 0 && (errors[0]?.bytes ?? 0) <= offset) {
      const error = errors.shift() as CsvError & { bytes?: number };
      onBadRow({ line: counter.lineOfRecordStartingAt(previousEnd), reason: describeCsvError(error) });
      previousEnd = Math.max(previousEnd, error.bytes ?? previousEnd);
    }
  };
  input.on('error', (error) => parser.destroy(error));
  input.pipe(counter).pipe(parser);

  let columns: Map<BatchColumn, number> | null = null;
  let width = 0;
  // The line each id was first seen on, to say where a repeated id was used before.
  const firstLineOfId = new Map<string, number>();
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
    reportErrorsBefore(info.bytes);
    const line = counter.lineOfRecordStartingAt(previousEnd);
    previousEnd = info.bytes;
    if (columns === null) {
      columns = headerColumns(record);
      width = record.length;
      continue;
    }
    if (record.length !== width) {
      onBadRow({ line, reason: `${record.length} fields where the header has ${width}` });
      continue;
    }
    const field = (column: BatchColumn): string => {
      const index = columns?.get(column);
      return index === undefined ? '' : (record[index] ?? '').trim();
    };
    const id = field('id');
    const kind = field('kind').toLowerCase();
    const name = field('name');
    if (id === '') {
      onBadRow({ line, reason: 'no id' });
      continue;
    }
    if (!KINDS.has(kind)) {
      onBadRow({ line, reason: `kind "${field('kind')}" is neither person nor organisation` });
      continue;
    }
    if (name === '') {
      onBadRow({ line, reason: `id ${id} has no name` });
      continue;
    }
    const firstLine = firstLineOfId.get(id);
    if (firstLine !== undefined) {
      onBadRow({ line, reason: `id ${id} was already used on line ${firstLine}` });
      continue;
    }
    firstLineOfId.set(id, line);
    yield {
      line,
      id,
      kind: kind as PartyKind,
      name,
      country: field('country'),
      address: field('address'),
      postcode: field('postcode'),
      dateOfBirth: field('date_of_birth'),
      identifier: field('identifier'),
    };
  }
  reportErrorsBefore(Number.POSITIVE_INFINITY);
  if (columns === null) throw new UnusableBatchFileError('The file is empty: it needs a header row naming the columns.');
}

function headerColumns(header: readonly string[]): Map<BatchColumn, number> {
  const columns = new Map<BatchColumn, number>();
  header.forEach((name, index) => {
    const column = name.trim().toLowerCase() as BatchColumn;
    if ((BATCH_COLUMNS as readonly string[]).includes(column) && !columns.has(column)) {
      columns.set(column, index);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    throw new UnusableBatchFileError(
      `The header row has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}: ` +
        `expected ${BATCH_COLUMNS.join(',')}.`,
    );
  }
  return columns;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is opened and never closed, so nothing after it could be read';
    default:
      return `not readable as CSV (${error.message})`;
  }
}
