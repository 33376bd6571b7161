import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';

// Runs the real `cordon parties resolve`: it needs no database, so the child never sees
// DATABASE_URL and is given no data folder.
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-parties-cli-'));
const env = { ...process.env, NODE_ENV: 'test' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cordon parties resolve', () => {
  it('resolves a file, skipping bad rows with their line numbers, and ends with a summary', async () => {
    const input = path.join(folder, 'parties.csv');
    const output = path.join(folder, 'clusters.csv');
    fs.writeFileSync(
      input,
      [
        'id,kind,name,country,address,postcode,date_of_birth,identifier,notes',
        'a1,organisation,"A.B.C. Sp. z o.o.",PL,"ul. Długa 5, Łódź",90-001,,,"stopped, twice"',
        'a2,organisation,ABC SP ZOO,PL,,,,,',
        'a3,organisation,Trans EOOD,BG,,,,,',
        'a4,organisation,"ТРАНС ЕООД",BG,,,,,',
        'a5,person,,PL,,,,,',
        'a6,person,Jan Kowalski,PL,,,1980-03-07,,',
        'a7,person,only three,fields',
        'a2,person,Repeated,PL,,,,,',
        '',
      ].join('\n'),
    );
    const result = await run(['parties', 'resolve', '--input', input, '--output', output]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Line 6 skipped: id a5 has no name.');
    expect(result.stderr).toContain('Line 8 skipped: 4 fields where the header has 9.');
    expect(result.stderr).toContain('Line 9 skipped: id a2 was already used on line 3.');
    expect(result.stderr).toMatch(/Resolved 5 rows into 3 clusters \(largest 2\); 3 bad rows skipped;/u);
    expect(fs.readFileSync(output, 'utf8')).toBe('id,cluster_id\na1,1\na2,1\na3,2\na4,2\na6,3\n');
  });

  it('answers 2 to a missing input file or a bad option, naming the problem', async () => {
    const missing = await run(['parties', 'resolve', '--input', path.join(folder, 'absent.csv'), '--output', path.join(folder, 'o.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const badLimit = await run(['parties', 'resolve', '--input', 'x', '--output', 'y', '--max-cluster-size', 'lots']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--max-cluster-size');
  });

  it('is listed in the help', async () => {
    const help = await run(['parties', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('resolve');
  });
});
