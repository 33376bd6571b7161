import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerImportCommands } from '../../cli/legacy-import.js';
import { DATABASE_HEADER, LEGACY_FILES, OBJECTIONS_HEADER } from '../../domain/legacy-import/formats.js';
import { normaliseName } from '../../domain/parties/names.js';
import { readLegacyExport } from './dry-run.js';
import { companySpellings, encodeWindows1252, generateLegacyExport, type LegacyTruth } from './generator.js';
import { detectEncoding, LegacyHeaderError, readLegacyCsv } from './read.js';

const today = '2026-12-01';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-legacy-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const folder = (name: string) => {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

/** The rejected rows as file, line and kind (the generator does not write the import's wording). */
const rejections = (rows: { file: string; line: number; kind: string }[]) => rows.map((r) => `${r.file}:${r.line}:${r.kind}`);

describe('a generated legacy export, read in a dry run', () => {
  it.each([
    [11, 3000],
    [2026, 1500],
  ])('gives the report the generator says it must (seed %i, %i rows)', async (seed, rows) => {
    const dir = folder(`generated-${seed}`);
    const truth = await generateLegacyExport({ dir, rows, seed, today });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'))).toEqual(truth);
    const { report } = await readLegacyExport({ dir, today });

    expect(report.rows).toEqual(truth.rows);
    expect(report.cases).toEqual(truth.cases);
    expect(report.liabilities).toEqual(truth.liabilities);
    expect(report.s31aEntrantsCorrected).toBe(truth.s31aEntrantsCorrected);
    expect(report.parties).toEqual(truth.parties);
    expect(report.money).toEqual(truth.money);
    expect(report.objections).toEqual(truth.objections);
    expect(report.appeals).toEqual(truth.appeals);
    expect(report.portLogs).toEqual(truth.portLogs);
    expect(report.casesForReview).toEqual(truth.casesForReview);
    expect(rejections(report.rejected)).toEqual(rejections(truth.rejected));

    // The export has every defect the issue lists, so the comparison above means something.
    const kinds = new Set(truth.rejected.map((r) => r.kind));
    for (const kind of ['impossible-date', 'future-date', 'before-incident', 'bad-amount', 'unknown-port', 'conflicting-case-facts']) expect(kinds).toContain(kind);
    for (const count of [truth.rows.duplicates, truth.s31aEntrantsCorrected, truth.parties.mergedVariants, truth.objections.attached, truth.objections.unmatched, truth.appeals.attached, truth.appeals.unmatched, truth.casesForReview.length, truth.portLogs.incidentsMissingFromDatabase.length, truth.portLogs.databaseIncidentsMissingFromLogs.length]) {
      expect(count).toBeGreaterThan(0);
    }
  });

  it('keeps the counts adding up', async () => {
    const dir = folder('adding-up');
    await generateLegacyExport({ dir, rows: 2000, seed: 5, today });
    const { report, plan } = await readLegacyExport({ dir, today });
    expect(report.rows.read).toBe(2000);
    expect(report.rows.imported + report.rows.rejected + report.rows.duplicates).toBe(report.rows.read);
    expect(report.liabilities.created).toBe(report.rows.imported);
    expect(Object.values(report.liabilities.byStage).reduce((sum, n) => sum + (n ?? 0), 0)).toBe(report.liabilities.created);
    expect(plan.cases).toHaveLength(report.cases.created);
    expect(report.money.outstandingPence).toBeLessThanOrEqual(report.money.imposedPence);
    const liabilities = plan.cases.flatMap((c) => c.liabilities);
    expect(liabilities.reduce((sum, l) => sum + l.objections.length, 0)).toBe(report.objections.attached);
    expect(liabilities.reduce((sum, l) => sum + l.imposedPence, 0)).toBe(report.money.imposedPence);
  });

  it('writes the same files from the same seed', async () => {
    const digest = (dir: string) =>
      fs
        .readdirSync(dir)
        .sort()
        .map((file) => `${file}:${crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex')}`);
    await generateLegacyExport({ dir: folder('same-a'), rows: 400, seed: 9, today });
    await generateLegacyExport({ dir: folder('same-b'), rows: 400, seed: 9, today });
    await generateLegacyExport({ dir: folder('other'), rows: 400, seed: 10, today });
    expect(digest(folder('same-a'))).toEqual(digest(folder('same-b')));
    expect(digest(folder('same-a'))).not.toEqual(digest(folder('other')));
  });

  it('spells each company of its pool in ways the parties register’s normaliser reads as one name', () => {
    for (let index = 0; index < 120; index++) {
      const { spellings } = companySpellings(index);
      expect(new Set(spellings).size).toBe(spellings.length);
      expect(new Set(spellings.map((name) => normaliseName(name).key)).size, spellings.join(' | ')).toBe(1);
    }
  });
});

describe('reading the files', () => {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  const databaseRow = (name: string, amount: string) => [
    'CEC/2024/0000001', '32', '10/03/2024', 'Dunkirk', '1', 'AB12 CDE', '', 'FR', 'Driver', name, '01/05/1980',
    '1 Rue des Écoles', '', 'Lille', '59000', 'France', '', amount, '01/06/2024', 'Penalty imposed', '', '', 'Reçu – voir “dossier”',
  ];

  it('reads a Windows-1252 file with £ and accented names', async () => {
    const dir = folder('windows-1252');
    const text = line([...DATABASE_HEADER]) + line(databaseRow('Zoë Müller', '"£6,000.00"')) + line(databaseRow('Jürgen Ébène', '£750.00').map((c, i) => (i === 0 ? 'CEC/2024/0000002' : c)));
    fs.writeFileSync(path.join(dir, LEGACY_FILES.database), encodeWindows1252(text));
    expect(await detectEncoding(path.join(dir, LEGACY_FILES.database))).toBe('windows-1252');
    const { plan, report } = await readLegacyExport({ dir, today });
    expect(report.rejected).toEqual([]);
    expect(plan.cases.map((c) => [c.liabilities[0]!.party.name, c.liabilities[0]!.imposedPence, c.liabilities[0]!.notes, c.port])).toEqual([
      ['Zoë Müller', 600_000, 'Reçu – voir “dossier”', 'DKK'],
      ['Jürgen Ébène', 75_000, 'Reçu – voir “dossier”', 'DKK'],
    ]);
    expect(plan.cases[0]!.liabilities[0]!.party.address.lines).toEqual(['1 Rue des Écoles']);
  });

  it('reads UTF-8 with a BOM, and the same text without one, alike', async () => {
    const text = line([...DATABASE_HEADER]) + line(databaseRow('Łukasz Ștefănescu', '6000'));
    const withBom = folder('utf-8-bom');
    const without = folder('utf-8');
    fs.writeFileSync(path.join(withBom, LEGACY_FILES.database), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    fs.writeFileSync(path.join(without, LEGACY_FILES.database), text);
    for (const dir of [withBom, without]) {
      expect(await detectEncoding(path.join(dir, LEGACY_FILES.database))).toBe('utf-8');
      const { plan } = await readLegacyExport({ dir, today });
      expect(plan.cases[0]!.ref).toBe('CEC/2024/0000001');
      expect(plan.cases[0]!.liabilities[0]!.party.name).toBe('Łukasz Ștefănescu');
    }
  });

  it('refuses a header that is not exactly the expected one, naming the file and the columns', async () => {
    const dir = folder('bad-header');
    const header = DATABASE_HEADER.map((c) => (c === 'CECPT Ref' ? 'CECPT Reference' : c)).filter((c) => c !== 'Notes');
    fs.writeFileSync(path.join(dir, LEGACY_FILES.database), line(header));
    const reading = readLegacyExport({ dir, today });
    await expect(reading).rejects.toThrow(LegacyHeaderError);
    await expect(readLegacyExport({ dir, today })).rejects.toThrow(
      'cecpt-database.csv: the header is not the expected one. Missing columns: CECPT Ref, Notes. Unknown column: CECPT Reference.',
    );
  });

  it('refuses the right columns in another order', async () => {
    const file = path.join(folder('order'), 'noo.csv');
    fs.writeFileSync(file, line([...OBJECTIONS_HEADER].reverse()));
    const rows = readLegacyCsv(file, 'noo-spreadsheet.csv', OBJECTIONS_HEADER);
    await expect(rows.next()).rejects.toThrow('noo-spreadsheet.csv: the header is not the expected one. The columns are all there but in another order, or one is repeated.');
  });

  it('gives each row the line it is on, past blank lines and quoted commas', async () => {
    const file = path.join(folder('lines'), 'noo.csv');
    fs.writeFileSync(file, `${OBJECTIONS_HEADER.join(',')}\r\nA,"Smith, John",01/01/2024,,,\r\n\r\nB,Jones,02/01/2024,,,\r\n`);
    const lines: [number, string][] = [];
    for await (const row of readLegacyCsv(file, 'noo-spreadsheet.csv', OBJECTIONS_HEADER)) lines.push([row.line, row.cells[1]!]);
    expect(lines).toEqual([
      [2, 'Smith, John'],
      [4, 'Jones'],
    ]);
  });
});

describe('cordon import legacy', () => {
  /** The commands run in this process, as `cordon` would run them, with what they print. */
  async function run(args: string[]) {
    const program = new Command().exitOverride();
    registerImportCommands(program);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void stdout.push(`${text}\n`));
    const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void stderr.push(`${text}\n`));
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((text: string | Uint8Array) => stderr.push(String(text)) > 0);
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'cordon', ...args]);
      return { code: process.exitCode ?? 0, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
      process.exitCode = undefined;
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
  }

  it('dry-runs a folder, printing progress and the table and writing the report', async () => {
    const dir = folder('cli');
    const truth: LegacyTruth = await generateLegacyExport({ dir, rows: 300, seed: 4, today });
    const reportFile = path.join(work, 'cli-report.json');
    const dry = await run(['import', 'legacy', '--dir', dir, '--dry-run', '--today', today, '--report', reportFile]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('cecpt-database.csv: 300 rows read (done)');
    expect(dry.stderr).toContain('Dry run: nothing was written to the database');
    expect(dry.stdout).toMatch(/Database rows read\s+300\n/);
    expect(JSON.parse(fs.readFileSync(reportFile, 'utf8')).rows).toEqual(truth.rows);
  });

  it('refuses a batch size it cannot use, before reading or opening anything', async () => {
    for (const batch of ['0', 'many', '20000']) {
      const refused = await run(['import', 'legacy', '--dir', folder('cli'), '--batch', batch]);
      expect(refused.code, batch).toBe(2);
      expect(refused.stderr).toContain('--batch must be a whole number from 1 to 10,000');
    }
  });

  it('refuses a bad header before writing anything (exit code 2, the file named)', async () => {
    const dir = folder('cli-bad-header-write');
    fs.writeFileSync(path.join(dir, LEGACY_FILES.database), 'CECPT Ref,Section\r\n');
    // Without --dry-run the files are read (and refused) before the database is opened.
    const refused = await run(['import', 'legacy', '--dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cecpt-database.csv: the header is not the expected one.');
  });

  it('refuses a bad header with exit code 2 and the file named', async () => {
    const dir = folder('cli-bad-header');
    fs.writeFileSync(path.join(dir, LEGACY_FILES.database), 'CECPT Ref,Section\r\n');
    const refused = await run(['import', 'legacy', '--dir', dir, '--dry-run']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cecpt-database.csv: the header is not the expected one.');
  });
});
