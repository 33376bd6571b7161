import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.js';

describe('reading CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with CRLF or LF', () => {
    const text = 'a,b,c\r\n1,"Smith, Jones ""and"" Co","two\r\nlines"\r\n2,x,y\n3,,\n';
    const { records, problems } = readCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'Smith, Jones "and" Co', 'two\nlines'] },
      { line: 4, fields: ['2', 'x', 'y'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('ignores a byte-order mark, empty lines and a missing final line break', () => {
    expect(readCsv('\uFEFFa,b\n\n\r\n1,2').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
    ]);
  });

  it('reports a field with text after its closing quote by line, and keeps the lines after it', () => {
    const { records, problems } = readCsv('a,b\r\n1,"bad"x\r\n2,"good"\r\n');
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining('followed by a comma') }]);
    expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['2', 'good']]);
  });

  it('counts lines inside quoted fields when numbering later records', () => {
    const { records, problems } = readCsv('a,b\n1,"x\ny\nz"\n2,"q"w\n3,ok\n');
    expect(problems).toEqual([{ line: 5, message: expect.any(String) }]);
    expect(records.at(-1)).toEqual({ line: 6, fields: ['3', 'ok'] });
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(readCsv('Bob "B" Ltd,1').records[0]!.fields).toEqual(['Bob "B" Ltd', '1']);
  });

  it('reports a quote never closed at the line it opened', () => {
    const { records, problems } = readCsv('a,b\n1,2\n3,"open\n4,5\n');
    expect(records).toHaveLength(2);
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
  });
});
