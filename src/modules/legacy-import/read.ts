import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';

/** The encodings a legacy file may be in: Access and Excel write Windows-1252; "CSV UTF-8" adds a BOM. */
export type LegacyEncoding = 'utf-8' | 'windows-1252';

/**
 * Which encoding a file is in, read through once: valid UTF-8 (with or without a BOM) is UTF-8,
 * anything else Windows-1252. Plain ASCII is valid both ways and reads the same either way.
 */
export async function detectEncoding(path: string): Promise<LegacyEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** Bytes in, text out, in the given encoding; a UTF-8 BOM is dropped. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: LegacyEncoding) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.decoder = new TextDecoder(encoding);
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(callback: TransformCallback): void {
    const rest = this.decoder.decode();
    callback(null, rest || undefined);
  }
}

/** A header that is not exactly the expected one: which columns are missing, which unknown, or the order. */
export class LegacyHeaderError extends Error {
  constructor(
    readonly file: string,
    readonly missing: string[],
    readonly unknown: string[],
  ) {
    super(
      `${file}: the header is not the expected one. ` +
        [
          missing.length ? `Missing column${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}.` : '',
          unknown.length ? `Unknown column${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.` : '',
          !missing.length && !unknown.length ? 'The columns are all there but in another order, or one is repeated.' : '',
        ]
          .filter(Boolean)
          .join(' '),
    );
  }
}

/** Compares a file's header with the expected one, exactly (names, order, no repeats). */
export function checkHeader(file: string, header: readonly string[], expected: readonly string[]): void {
  const found = header.map((cell) => cell.trim());
  if (found.length === expected.length && found.every((cell, index) => cell === expected[index])) return;
  const missing = expected.filter((column) => !found.includes(column));
  const unknown = found.filter((column) => !expected.includes(column));
  throw new LegacyHeaderError(file, missing, unknown);
}

export interface LegacyRow {
  /** The line the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

/**
 * The rows of one legacy CSV file, streamed: the encoding is detected first, the header checked
 * exactly (a LegacyHeaderError otherwise), then every record is yielded with its line number.
 * csv-parse reads quoting and CRLF; a row with too few or too many cells is yielded as it is, for
 * the fold to reject with its line. A file with a quote never closed is an error naming the file.
 */
export async function* readLegacyCsv(path: string, file: string, expectedHeader: readonly string[]): AsyncGenerator<LegacyRow> {
  const encoding = await detectEncoding(path);
  const parser = fs
    .createReadStream(path, { highWaterMark: 1 << 20 })
    .pipe(new Decode(encoding))
    .pipe(parse({ relax_column_count: true, info: true, skip_empty_lines: true, bom: true }));
  let headerSeen = false;
  // A record starts on the line after the previous record ended, past any empty lines skipped.
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = previousEnd + 1 + (record.info.empty_lines - previousEmpty);
      previousEnd = record.info.lines;
      previousEmpty = record.info.empty_lines;
      if (!headerSeen) {
        checkHeader(file, record.record, expectedHeader);
        headerSeen = true;
        continue;
      }
      yield { line, cells: record.record };
    }
  } catch (error) {
    if (error instanceof LegacyHeaderError) throw error;
    throw new Error(`${file}: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
  if (!headerSeen) throw new LegacyHeaderError(file, [...expectedHeader], []);
}
