/*
 * A small RFC 4180 reader for the finance system's ledger export. csv-parse is installed, but when a
 * quoted field is malformed its error recovery swallows the good rows after it, and its line numbers
 * drift on CRLF files; a ledger import must keep every good row and name each bad one by the line a
 * person sees in a text editor. So the reader is here, pure and exact:
 *
 * - records end at CRLF, LF or a lone CR; a byte-order mark at the start is ignored;
 * - a field that starts with a double quote runs to the next lone double quote ("" inside is one ");
 *   it may hold commas and line breaks;
 * - after a closing quote only a comma or the end of the record may follow; anything else makes the
 *   record bad, and reading resumes on the next line;
 * - a quote inside an unquoted field is kept as it is (Bob "B" Ltd);
 * - a quoted field never closed makes the rest of the file one bad record;
 * - empty lines are skipped.
 */

export interface CsvRecord {
  /** The 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvReading {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = '"';
const COMMA = ',';

export function readCsv(text: string): CsvReading {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const length = input.length;
  let position = 0;
  let line = 1;

  const isBreak = (char: string | undefined) => char === '\n' || char === '\r';
  /** Moves past one line break (CRLF counts as one) and counts it. */
  const skipBreak = () => {
    if (input[position] === '\r' && input[position + 1] === '\n') position += 2;
    else position += 1;
    line += 1;
  };
  /** After a bad record: on to the start of the next line. */
  const skipRestOfLine = () => {
    while (position < length && !isBreak(input[position])) position += 1;
    if (position < length) skipBreak();
  };

  while (position < length) {
    if (isBreak(input[position])) {
      skipBreak();
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let bad: string | null = null;
    for (;;) {
      let value = '';
      if (input[position] === QUOTE) {
        position += 1;
        let closed = false;
        while (position < length) {
          const char = input[position]!;
          if (char === QUOTE) {
            if (input[position + 1] === QUOTE) {
              value += QUOTE;
              position += 2;
              continue;
            }
            position += 1;
            closed = true;
            break;
          }
          if (char === '\r' || char === '\n') {
            // A line break inside quotes is part of the value, written as LF.
            if (char === '\r' && input[position + 1] === '\n') position += 1;
            value += '\n';
            position += 1;
            line += 1;
            continue;
          }
          value += char;
          position += 1;
        }
        if (!closed) {
          bad = `a quoted field starting on line ${startLine} is never closed (a double quote is missing), so the rest of the file could not be read`;
          break;
        }
        const next = input[position];
        if (next !== undefined && next !== COMMA && !isBreak(next)) {
          bad = 'a quoted field must be followed by a comma or the end of the line; write a double quote inside a quoted field as two ("")';
          break;
        }
      } else {
        while (position < length && input[position] !== COMMA && !isBreak(input[position])) {
          value += input[position];
          position += 1;
        }
      }
      fields.push(value);
      if (input[position] === COMMA) {
        position += 1;
        continue;
      }
      break;
    }
    if (bad !== null) {
      problems.push({ line: startLine, message: bad });
      skipRestOfLine();
      continue;
    }
    records.push({ line: startLine, fields });
    if (position < length) skipBreak();
  }
  return { records, problems };
}
