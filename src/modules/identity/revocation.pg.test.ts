import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';
import type { Actor } from '../../platform/events/event-store.js';

/*
 * A revoked token and a disabled user are refused within 1 second on every process. Process A is
 * this test's app; process B is a real `cordon serve` started on the same PostgreSQL database. B
 * first uses the token (so it remembers it) and a session; A revokes and disables; B is asked again
 * and again until it refuses, and the clock says how long that took after A's command returned.
 * PostgreSQL only: PGlite is opened by one process at a time, so there is no second process to tell.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
// The `cordon` command, bundled once for the run (test/support/cordon-command.ts).
const bin = inject('cordonCommand');

let t: TestApp;
let b: { child: ChildProcess; url: string };
let administrator: Actor;

function serve(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', CORDON_COOKIE_SECRET: 'second-process-cookie-secret-0123456789' } as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [bin, 'serve'], { env });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/localhost:\d+)/.exec(stderr);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

/** Asks until `refused` answers true; the milliseconds from `since` to the first refusal. */
async function refusedAfter(since: number, refused: () => Promise<boolean>, deadlineMs = 5_000): Promise<number> {
  for (;;) {
    if (await refused()) return Date.now() - since;
    if (Date.now() - since > deadlineMs) throw new Error(`still accepted ${deadlineMs} ms later`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Signs in on process B like a browser: the form's CSRF token and cookie, then the session cookie. */
async function signInOnB(username: string): Promise<string> {
  const form = await fetch(`${b.url}/sign-in`);
  const cookies = form.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${b.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, username, password: DEMO_PASSWORD }).toString(),
  });
  expect(signedIn.status).toBe(303);
  return [...cookies, ...signedIn.headers.getSetCookie().map((c) => c.split(';')[0]!)].join('; ');
}

describe.skipIf(!onPostgres)('on two processes sharing one PostgreSQL database', () => {
  beforeAll(async () => {
    t = await createTestApp();
    const admin = (await t.services.identity.userByUsername('administrator'))!;
    administrator = { id: admin.id, name: admin.displayName, roles: admin.roles };
    b = await serve(t.database.pool!.options.connectionString!);
  }, 120_000);
  afterAll(async () => {
    b?.child.kill('SIGTERM');
    await t?.close();
  });

  it('a token revoked on one is refused by the other within 1 second, though the other had just used it', async () => {
    const issued = await t.services.identity.issueApiToken({ name: 'Dover lane 4 camera', role: 'plate-reader' }, { actor: administrator });
    if (!issued.ok) throw new Error(issued.message);
    const check = () => fetch(`${b.url}/api/v1/plate-checks/noop`, { headers: { authorization: `Bearer ${issued.value.token}` } });
    expect((await check()).status).toBe(200);
    expect((await check()).status).toBe(200);

    const revoked = await t.services.identity.revokeApiToken({ tokenId: issued.value.id }, { actor: administrator });
    const since = Date.now();
    expect(revoked.ok).toBe(true);
    const tookMs = await refusedAfter(since, async () => (await check()).status === 401);
    expect(tookMs).toBeLessThan(1_000);
  });

  it('a user disabled on one is refused by the other within 1 second, on their next request', async () => {
    const cookie = await signInOnB('analyst');
    const page = () => fetch(`${b.url}/dashboard`, { redirect: 'manual', headers: { cookie } });
    expect((await page()).status).toBe(200);

    const analyst = (await t.services.identity.userByUsername('analyst'))!;
    const disabled = await t.services.identity.disableUser({ userId: analyst.id }, { actor: administrator, expectedVersion: analyst.version });
    const since = Date.now();
    expect(disabled.ok).toBe(true);
    const tookMs = await refusedAfter(since, async () => {
      const answer = await page();
      return answer.status === 302 && (answer.headers.get('location') ?? '').startsWith('/sign-in');
    });
    expect(tookMs).toBeLessThan(1_000);
  });

  it('a token revoked in the database by hand is refused by the other within 1 second (the fallback memory)', async () => {
    const issued = await t.services.identity.issueApiToken({ name: 'Hand-revoked camera', role: 'plate-reader' }, { actor: administrator });
    if (!issued.ok) throw new Error(issued.message);
    const check = () => fetch(`${b.url}/api/v1/plate-checks/noop`, { headers: { authorization: `Bearer ${issued.value.token}` } });
    expect((await check()).status).toBe(200);
    await t.database.pool!.query('update api_tokens set revoked_at = now() where id = $1', [issued.value.id]);
    const since = Date.now();
    const tookMs = await refusedAfter(since, async () => (await check()).status === 401);
    expect(tookMs).toBeLessThan(1_000);
  });
});

describe.skipIf(onPostgres)('on two processes sharing one database', () => {
  it('is tested on PostgreSQL only (set DATABASE_URL): PGlite is opened by one process at a time', () => {});
});
