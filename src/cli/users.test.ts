import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { createTestDatabase } from '../../test/support/database.js';
import { rowsOf, type Database } from '../platform/database/client.js';
import { identityService } from '../modules/identity/service.js';
import { buildServices } from '../app.js';
import { SettableClock } from '../platform/clock.js';
import { registerIdentityAdminCommands } from './users.js';

/*
 * The administrator's commands, run as `cordon` runs them: the same commander commands, registered
 * by the same function, over a test database (each real `cordon` process starts in tens of seconds
 * on a busy machine, so the one real process below only checks that `cordon` offers them).
 */
let database: Database;
let filesRoot: string;
beforeAll(async () => {
  database = await createTestDatabase();
  filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-users-cli-'));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(filesRoot, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs `cordon ARGS…` in this process: what it printed on each stream, and its exit code. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(' ')}\n`));
  const program = new Command().exitOverride().configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  const users = program.command('users');
  const tokens = program.command('tokens');
  const services = buildServices(database, { sessionHours: 8, dataDir: filesRoot, clock: new SettableClock() });
  users.command('add').requiredOption('--username <u>').requiredOption('--name <n>').requiredOption('--role <r...>').requiredOption('--password <p>')
    .action(async (o: { username: string; name: string; role: string[]; password: string }) => {
      const added = await services.identity.addUser({ username: o.username, displayName: o.name, roles: o.role, password: o.password }, { actor: { id: 'system', name: 'Cordon (command line)', roles: ['administrator'] } });
      if (!added.ok) throw new Error(added.message);
    });
  tokens.command('create').requiredOption('--role <r>').requiredOption('--name <n>').action(async (o: { role: string; name: string }) => {
    const issued = await services.identity.issueApiToken({ name: o.name, role: o.role }, { actor: { id: 'system', name: 'Cordon (command line)', roles: ['administrator'] } });
    if (!issued.ok) throw new Error(issued.message);
    console.log(issued.value.token);
  });
  registerIdentityAdminCommands(users, tokens, (work) => work(services));
  let code = 0;
  try {
    await program.parseAsync(['node', 'cordon', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    code = Number((error as { exitCode?: number }).exitCode ?? 1);
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
  return { code, stdout, stderr };
}

const lineOf = (listing: string, word: string) => listing.split('\n').find((line) => line.includes(word)) ?? '';

describe('the real cordon command', () => {
  it('offers the users and tokens commands', async () => {
    const env = { ...process.env, NODE_ENV: 'test' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const help = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [path.resolve('bin/cordon.js'), 'users', '--help'], { env });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', () => resolve(out));
    });
    for (const command of ['list', 'disable', 'enable', 'roles', 'reset-password']) expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  }, 180_000);
});

describe('cordon users and cordon tokens', () => {
  let temporary = '';
  let tokenId = '';

  it('list, disable and enable users, refusing an unknown username or a second disable with exit code 2', async () => {
    expect((await run('users', 'add', '--username', 'ada.officer', '--name', 'Ada Officer', '--role', 'port-officer', '--password', 'a-long-enough-password')).code).toBe(0);
    const listed = await run('users', 'list');
    expect(listed.code).toBe(0);
    expect(lineOf(listed.stdout, 'ada.officer')).toMatch(/^ada\.officer\s+Ada Officer\s+active\s+port-officer$/);

    const disabled = await run('users', 'disable', '--username', 'ada.officer');
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout).toContain('Disabled ada.officer.');
    expect(lineOf((await run('users', 'list')).stdout, 'ada.officer')).toContain('disabled');
    const again = await run('users', 'disable', '--username', 'ada.officer');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('This account is already disabled');
    const unknown = await run('users', 'disable', '--username', 'nobody.here');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no user with the username nobody.here.');

    const enabled = await run('users', 'enable', '--username', 'ada.officer');
    expect(enabled.code, enabled.stderr).toBe(0);
    expect(enabled.stdout).toContain('Enabled ada.officer.');
  });

  it('change roles and reset a password, printing a temporary one once', async () => {
    const roles = await run('users', 'roles', '--username', 'ada.officer', '--role', 'analyst', 'manager');
    expect(roles.code, roles.stderr).toBe(0);
    expect(roles.stdout).toContain('ada.officer now has the roles analyst, manager (had port-officer).');
    const badRole = await run('users', 'roles', '--username', 'ada.officer', '--role', 'emperor');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('emperor');

    const reset = await run('users', 'reset-password', '--username', 'ada.officer');
    expect(reset.code, reset.stderr).toBe(0);
    temporary = reset.stdout.trim();
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const short = await run('users', 'reset-password', '--username', 'ada.officer', '--password', 'short');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('Password must be 12 characters or more');
  });

  it('list and revoke API tokens, never printing a token again', async () => {
    const created = await run('tokens', 'create', '--role', 'plate-reader', '--name', 'Dover lane 3');
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    const listed = await run('tokens', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(token);
    const line = lineOf(listed.stdout, 'Dover lane 3');
    expect(line).toMatch(/\splate-reader\s+active\s+Cordon \(command line\)\s+Dover lane 3$/);
    tokenId = line.split(/\s+/)[0]!;

    const revoked = await run('tokens', 'revoke', '--id', tokenId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('Revoked the token “Dover lane 3” (plate-reader).');
    expect(lineOf((await run('tokens', 'list')).stdout, 'Dover lane 3')).toContain('revoked 20');
    const twice = await run('tokens', 'revoke', '--id', tokenId);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('This token is already revoked');
    const unknown = await run('tokens', 'revoke', '--id', 'not-an-id');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no API token with the id not-an-id.');

    // What the commands recorded.
    const log = rowsOf<{ type: string; actor_name: string }>(
      await database.db.execute(`select type, actor_name from events where stream_type in ('user', 'api-token') and type not in ('UserAdded', 'ApiTokenIssued') order by seq` as never),
    );
    expect(log).toEqual(
      ['UserDisabled', 'UserEnabled', 'UserRolesChanged', 'UserPasswordReset', 'ApiTokenRevoked'].map((type) => ({ type, actor_name: 'Cordon (command line)' })),
    );
    const identity = identityService(database.db, { sessionHours: 8 });
    expect(await identity.signIn('ada.officer', 'a-long-enough-password')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await identity.signIn('ada.officer', temporary)).toMatchObject({ actor: { roles: ['analyst', 'manager'] } });
    expect(await identity.actorForApiToken(token)).toBeNull();
  });
});
