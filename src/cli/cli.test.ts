import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from '../platform/database/client.js';
import { demoToken } from './demo-data.js';

// These run the real `cordon` command on a PGlite data folder (the lock is PGlite's concern), so the
// child processes never see DATABASE_URL.
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cli-'));
const env = { ...process.env, CORDON_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } });
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

const referral = {
  port: 'DKK', incidentDate: '2026-08-14', offence: 'S32', clandestineEntrants: 3, vehicleRegistration: 'B 123 XYZ',
  vehicleCountry: 'RO', driverName: 'Ion Popescu', companyName: 'Carpatica Cargo S.R.L.',
};

async function postReferral(url: string, key: string) {
  return fetch(`${url}/api/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demoToken('port-officer')}`, 'idempotency-key': key },
    body: JSON.stringify(referral),
  });
}

describe('the cordon command', () => {
  it('prints help naming every command', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'audit', 'users', 'tokens', 'jobs']) expect(help.stdout).toContain(command);
  });

  it('migrates and seeds demo data, refusing demo data in production', async () => {
    expect((await run(['migrate'])).code).toBe(0);
    const refused = await run(['seed-demo'], { NODE_ENV: 'production', CORDON_COOKIE_SECRET: 'x', CORDON_AUDIT_SECRET: 'y' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('refused when NODE_ENV=production');
    // Three worked cases (an appeal decided, an objection determined, instalments missed): the log the later tests rebuild and verify.
    const seeded = await run(['seed-demo', '--cases', '5', '--worked', '3']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('5 cases, with 3 more worked through casework');
  }, 120_000);

  it('adds a user and issues a token printed once, refusing bad input with exit code 2', async () => {
    const added = await run(['users', 'add', '--username', 'j.bloggs', '--name', 'Jo Bloggs', '--role', 'caseworker-eo', '--password', 'a-long-enough-password']);
    expect(added.code).toBe(0);
    const duplicate = await run(['users', 'add', '--username', 'j.bloggs', '--name', 'Jo Bloggs', '--role', 'caseworker-eo', '--password', 'a-long-enough-password']);
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('already taken');
    const token = await run(['tokens', 'create', '--role', 'plate-reader', '--name', 'Dover lane 3']);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^cordon_[\w-]{40,}$/);
    const badRole = await run(['tokens', 'create', '--role', 'emperor', '--name', 'x']);
    expect(badRole.code).not.toBe(0);
  });

  it('runs the jobs that are due, lists failed jobs, and refuses to retry one that is not failed', async () => {
    const ran = await run(['jobs', 'run']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^\d+ done, 0 to be tried again later, 0 failed\.$/m);
    const failed = await run(['jobs', 'failed']);
    expect(failed.code).toBe(0);
    expect(failed.stdout).toContain('No job has failed.');
    const retry = await run(['jobs', 'retry', '5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11']);
    expect(retry.code).toBe(2);
    expect(retry.stderr).toContain('There is no failed job 5b0e7b4e-5d1c-4c51-9a53-3f5c6a0e9d11');
  });

  it('refuses a second server on the same data folder, keeps the first serving and loses nothing', async () => {
    const first = await serve();
    const second = await run(['serve']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`The data folder ${dataDir} is already in use by another Cordon process (pid ${first.child.pid}`);

    const created = await postReferral(first.url, 'after-second-start');
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    // Killed without a chance to clean up: the lock it leaves is stale and is taken over.
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(fs.existsSync(path.join(dataDir, 'cordon.lock'))).toBe(true);
    const restarted = await serve();
    const read = await fetch(`${restarted.url}/api/v1/cases/${reference}`, { headers: { authorization: `Bearer ${demoToken('caseworker-eo')}` } });
    expect(read.status).toBe(200);
    restarted.child.kill('SIGTERM');
    const code = await new Promise((resolve) => restarted.child.once('exit', resolve));
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'cordon.lock'))).toBe(false);
  });

  it('verifies the audit trail, then names a hand-edited event', async () => {
    const clean = await run(['audit', 'verify']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/Audit trail intact: \d+ events verified/);

    const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
    const { rows } = await pg.query<{ seq: number; stream_id: string }>(`select seq, stream_id from events where type = 'ReferralReceived' order by seq limit 1`);
    await pg.query(`update events set payload = jsonb_set(payload, '{driverName}', '"Someone Else"') where seq = $1`, [rows[0]!.seq]);
    await pg.close();

    const broken = await run(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`Audit trail BROKEN at event ${rows[0]!.seq} (stream ${rows[0]!.stream_id}`);
  });

  it('rebuilds the read tables from the log: the demo data matches, a stray row is named', async () => {
    const clean = await run(['projections', 'rebuild', '--verify']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/The live tables match the \d+ events replayed/);
    const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
    await pg.query(`insert into searches (id, searched_at, port_code, vehicle_kind, selection_reason, methods, searched_by, result, recorded_by_id, recorded_by_name, recorded_at)
      values ('00000000-0000-4000-8000-0000000000aa', now(), 'CQF', 'hgv', 'random', '{}', 'border-force', 'nothing-found', 'x', 'x', now())`);
    await pg.close();
    const broken = await run(['projections', 'rebuild', '--verify']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('searches (id=00000000-0000-4000-8000-0000000000aa): in the live table but not made by any event');
    const pgAgain = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
    await pgAgain.query(`delete from searches where id = '00000000-0000-4000-8000-0000000000aa'`);
    await pgAgain.close();
  });

  it('seals the log, then names the newest event deleted after it was sealed', async () => {
    const sealed = await run(['audit', 'seal']);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(/Sealed \d+ events in anchor \d+|Nothing new to seal/);
    const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
    const { rows } = await pg.query<{ stream_id: string; version: number }>(
      `select stream_id, version from events where xid is not null order by seq desc limit 1`,
    );
    await pg.query(`delete from events where stream_id = $1 and version = $2`, [rows[0]!.stream_id, rows[0]!.version]);
    await pg.close();
    const broken = await run(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`Audit trail BROKEN at stream ${rows[0]!.stream_id}, version ${rows[0]!.version}: its stream reached version`);
  });
});
