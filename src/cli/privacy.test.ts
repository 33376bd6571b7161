import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { demoToken } from './demo-data.js';

// The real `cordon parties export` and `cordon retention report` on a PGlite data folder: a party is
// registered through a served API, then exported by the CLI once the server has stopped.
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-privacy-cli-'));
const env = { ...process.env, CORDON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

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

function serve(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve'], { env });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

describe('cordon parties export and cordon retention report', () => {
  it('exports a party registered through the API, with the read of its record, and reports what is past the retention schedule', async () => {
    expect((await run(['seed-demo', '--cases', '0', '--worked', '0'])).code).toBe(0);
    const server = await serve();
    const registered = await fetch(`${server.url}/api/v1/parties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoToken('caseworker-eo')}`, 'idempotency-key': 'cli-export-party' },
      body: JSON.stringify({ kind: 'person', name: 'Jana Novakova', country: 'CZ', dateOfBirth: '1985-06-30' }),
    });
    expect(registered.status).toBe(201);
    const { partyId } = (await registered.json()) as { partyId: string };
    const found = await fetch(`${server.url}/api/v1/parties?q=Novakova`, { headers: { authorization: `Bearer ${demoToken('analyst')}` } });
    expect(found.status).toBe(200);
    const stopped = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await stopped;

    const output = path.join(dataDir, 'export.json');
    const exported = await run(['parties', 'export', '--party', partyId, '--output', output]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('Exported Jana Novakova: 0 cases, 0 letters');
    const json = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(json.party).toMatchObject({ id: partyId, displayName: 'Jana Novakova', dateOfBirth: '1985-06-30' });
    expect(json.reads).toEqual([expect.objectContaining({ route: 'GET /api/v1/parties', channel: 'api', recordId: partyId })]);

    const report = await run(['retention', 'report']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('(policy version 2023.1); nothing is deleted.');
    expect(report.stdout).toMatch(/Closed cases: 0 closed before \d+ \w+ \d{4} \(kept 6 years after closing\)/);
    expect(report.stdout).toContain('Reads of personal records: 0 logged before');
  }, 600_000); // four processes, each opening and migrating the data folder
});
