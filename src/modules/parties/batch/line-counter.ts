import { Transform, type TransformCallback } from 'node:stream';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Passes bytes through unchanged and answers "on which line does the record that starts at or
 * after byte N begin?". csv-parse reports where a record ends in bytes (exactly) but counts lines
 * inconsistently for CRLF files and quoted newlines, so lines are counted here from the bytes.
 * Queries must come in increasing byte order; chunks already passed are dropped, so memory stays
 * at the few chunks the parser has not finished.
 */
export class LineCounter extends Transform {
  private readonly chunks: Buffer[] = [];
  /** Byte offset of the first retained chunk. */
  private chunksStart = 0;
  /** Scan position: absolute byte offset and the number of newlines before it. */
  private position = 0;
  private newlinesBefore = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.chunks.push(chunk);
    callback(null, chunk);
  }

  /**
   * The 1-based line of the first character at or after `offset` that is not a line break: the
   * line a record starts on when the previous record ended at `offset` (empty lines skipped).
   */
  lineOfRecordStartingAt(offset: number): number {
    this.advanceTo(offset);
    // Skip the empty lines the parser skipped.
    for (;;) {
      const byte = this.byteAt(this.position);
      if (byte !== NEWLINE && byte !== CARRIAGE_RETURN) break;
      if (byte === NEWLINE) this.newlinesBefore++;
      this.position++;
    }
    return this.newlinesBefore + 1;
  }

  /** Moves the scan to `offset` (never backwards), counting the newlines passed. */
  advanceTo(offset: number): void {
    while (this.position < offset) {
      const chunk = this.chunks[0];
      if (chunk === undefined) return;
      const from = this.position - this.chunksStart;
      const to = Math.min(chunk.length, offset - this.chunksStart);
      for (let i = from; i < to; i++) if (chunk[i] === NEWLINE) this.newlinesBefore++;
      this.position = this.chunksStart + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.chunksStart += chunk.length;
      }
    }
  }

  private byteAt(offset: number): number | undefined {
    let start = this.chunksStart;
    for (const chunk of this.chunks) {
      if (offset < start + chunk.length) return chunk[offset - start];
      start += chunk.length;
    }
    return undefined;
  }
}
