import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPartyRows, UnusableBatchFileError, type BadRow, type BatchPartyRow } from './party-rows.js';

const HEADER = 'id,kind,name,country,address,postcode,date_of_birth,identifier';

async function read(text: string | Buffer, chunkSize = 7): Promise<{ rows: BatchPartyRow[]; bad: BadRow[] }> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  // Small chunks, so records and line breaks straddle chunk boundaries as they do in big files.
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const bad: BadRow[] = [];
  const rows: BatchPartyRow[] = [];
  for await (const row of readPartyRows(Readable.from(chunks), (b) => bad.push(b))) rows.push(row);
  return { rows, bad };
}

describe('reading a batch file', () => {
  it('reads quoted fields holding commas, quotes and line breaks', async () => {
    const { rows, bad } = await read(
      `${HEADER}\n` +
        `1,organisation,"Trans-Pol, Sp. z o.o.",PL,"ul. Długa 5,\nŁódź",90-001,,PL1234567890\n` +
        `2,person,"Jan ""Janek"" Kowalski",PL,,,1980-03-07,\n`,
    );
    expect(bad).toEqual([]);
    expect(rows.map((r) => [r.line, r.id, r.name, r.address])).toEqual([
      [2, '1', 'Trans-Pol, Sp. z o.o.', 'ul. Długa 5,\nŁódź'],
      [4, '2', 'Jan "Janek" Kowalski', ''],
    ]);
    expect(rows[1]?.dateOfBirth).toBe('1980-03-07');
  });

  it('reports each bad row with the line it starts on and skips it', async () => {
    const { rows, bad } = await read(
      [
        HEADER,
        '1,person,"Ion\nPopescu",RO,,,,', // lines 2–3
        '2,robot,R2D2,,,,,',
        ',person,No Id,,,,,',
        '3,person,,RO,,,,',
        '4,person,Too,Many,Fields,,,,,',
        '5,person,Too few',
        '1,organisation,Repeated Id Ltd,GB,,,,',
        '6,Organisation,Fine Ltd,GB,,,,',
      ].join('\n'),
    );
    expect(rows.map((r) => r.id)).toEqual(['1', '6']);
    expect(rows[1]?.kind).toBe('organisation');
    expect(bad).toEqual([
      { line: 4, reason: 'kind "robot" is neither person nor organisation' },
      { line: 5, reason: 'no id' },
      { line: 6, reason: 'id 3 has no name' },
      { line: 7, reason: '10 fields where the header has 8' },
      { line: 8, reason: '3 fields where the header has 8' },
      { line: 9, reason: 'id 1 was already used on line 2' },
    ]);
  });

  it('counts lines in files with Windows line endings, a byte-order mark and empty lines', async () => {
    const { rows, bad } = await read(
      `\ufeff${HEADER}\r\n1,person,"Ana\r\nPop",RO,,,,\r\n\r\n2,robot,X,,,,,\r\n3,person,Ion,RO,,,,\r\n`,
      5,
    );
    expect(rows.map((r) => [r.line, r.id])).toEqual([[2, '1'], [6, '3']]);
    expect(bad).toEqual([{ line: 5, reason: 'kind "robot" is neither person nor organisation' }]);
  });

  it('finds columns by name, in any order, ignoring the ones it does not use', async () => {
    const { rows } = await read('notes,name,kind,id,country\nhello,Jan Nowak,person,7,PL\n');
    expect(rows).toEqual([
      { line: 2, id: '7', kind: 'person', name: 'Jan Nowak', country: 'PL', address: '', postcode: '', dateOfBirth: '', identifier: '' },
    ]);
  });

  it('reports a quoted field that is never closed', async () => {
    const { rows, bad } = await read(`${HEADER}\n1,person,Ion,RO,,,,\n2,person,"Ana,RO,,,,\n3,person,Vasile,RO,,,,\n`);
    expect(rows.map((r) => r.id)).toEqual(['1']);
    expect(bad).toEqual([{ line: 3, reason: 'a quoted field is opened and never closed, so nothing after it could be read' }]);
  });

  it('refuses a file whose header lacks id, kind or name, or that is empty', async () => {
    await expect(read('identifier,label\n1,x\n')).rejects.toThrow(/no id, kind, name columns/u);
    await expect(read('')).rejects.toBeInstanceOf(UnusableBatchFileError);
  });
});
