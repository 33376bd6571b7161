import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePartiesFile, spreadsheetSafe } from './resolve-file.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-resolve-file-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function batch(name: string, lines: readonly string[]): { input: string; output: string } {
  const input = path.join(folder, `${name}.csv`);
  fs.writeFileSync(input, `${lines.join('\n')}\n`);
  return { input, output: path.join(folder, `${name}-clusters.csv`) };
}

const messages = () => {
  const written: string[] = [];
  return { written, stream: { write: (text: string) => written.push(text) } };
};

describe('resolving a batch file', () => {
  it('writes every usable id once, in input order, and reports the bad rows', async () => {
    const files = batch('mixed', [
      'id,kind,name,country,address,postcode,date_of_birth,identifier',
      '=1+1,organisation,"Trans-Pol, Sp. z o.o.",PL,,,,',
      '2,organisation,TRANSPOL SP ZOO,PL,,,,',
      '3,robot,R2D2,,,,,',
      '4,person,"Petrov,\nIvan",BG,,,1980-03-07,',
      '5,person,Иван Петров,BG,,,1980-03-07,',
      '-6,person,Jan Nowak,PL,,,1990-01-01,',
    ]);
    const { written, stream } = messages();
    const outcome = await resolvePartiesFile({ ...files, messages: stream, progress: false });
    expect(outcome).toMatchObject({ ok: true, badRows: 1, statistics: { records: 5, clusters: 3 } });
    expect(written).toEqual(['Line 4 skipped: kind "robot" is neither person nor organisation.\n']);
    expect(fs.readFileSync(files.output, 'utf8')).toBe("id,cluster_id\n'=1+1,1\n2,1\n4,2\n5,2\n-6,3\n");
  });

  it('refuses a missing input, an unusable header or an unwritable output without writing anything', async () => {
    const { stream } = messages();
    const missing = await resolvePartiesFile({ input: path.join(folder, 'nope.csv'), output: path.join(folder, 'x.csv'), messages: stream });
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('no such file') });
    const headerless = batch('headerless', ['name,kind', 'Jan,person']);
    // With a scoring thread too: it is stopped, so the command can end.
    expect(await resolvePartiesFile({ ...headerless, messages: stream, progress: false, threads: 2 })).toEqual({ ok: false, message: expect.stringContaining('no id column') });
    expect(fs.existsSync(headerless.output)).toBe(false);
    const noFolder = await resolvePartiesFile({ input: headerless.input, output: path.join(folder, 'absent', 'x.csv'), messages: stream });
    expect(noFolder).toEqual({ ok: false, message: expect.stringContaining('does not exist') });
  });
});

describe('spreadsheet safety', () => {
  it('quotes ids a spreadsheet would run as formulas, and leaves numbers alone', () => {
    expect(spreadsheetSafe('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('-12')).toBe('-12');
    expect(spreadsheetSafe('+44.5')).toBe('+44.5');
    expect(spreadsheetSafe('R-12')).toBe('R-12');
  });
});
