import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteExtensions } from '../platform/database/client.js';

// The real `cordon` command on a PGlite data folder of its own (the child processes never see DATABASE_URL).
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cli-unlock-'));
const env = { ...process.env, CORDON_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' } as NodeJS.ProcessEnv;
delete env.DATABASE_URL;

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

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

async function query<T>(text: string): Promise<T[]> {
  const pg = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: pgliteExtensions });
  try {
    return (await pg.query<T>(text)).rows;
  } finally {
    await pg.close();
  }
}

describe('cordon users unlock', () => {
  it('lifts a sign-in lock and records it on the log; says so when there is nothing to unlock', async () => {
    const added = await run(['users', 'add', '--username', 'locked.out', '--name', 'Locked Out', '--role', 'caseworker-eo', '--password', 'a-long-enough-password']);
    expect(added.code, added.stderr).toBe(0);
    // The account as ten wrong passwords in a row leave it (sign-in-throttle.ts).
    await query(`insert into sign_in_failures (username, failures, last_attempt_at, blocked_until) values ('locked.out', 10, now(), now() + interval '15 minutes')`);

    const unlocked = await run(['users', 'unlock', 'locked.out']);
    expect(unlocked.code, unlocked.stderr).toBe(0);
    expect(unlocked.stdout).toContain('Unlocked locked.out');
    expect(await query(`select * from sign_in_failures`)).toEqual([]);
    const events = await query<{ type: string; actor_name: string }>(
      `select e.type, e.actor_name from events e join users u on e.stream_id = 'user-' || u.id where u.username = 'locked.out' order by e.version`,
    );
    expect(events.map((e) => e.type)).toEqual(['UserAdded', 'SignInUnlocked']);

    const again = await run(['users', 'unlock', 'locked.out']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('This account is not locked');
    const nobody = await run(['users', 'unlock', 'no.such.person']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('No user has the username no.such.person');
  }, 300_000); // five `cordon` processes, each starting tsx and opening the data folder
});
