import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../../platform/database/client.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';
import { SYSTEM_ACTOR } from './service.js';
import { hashSecret, newSecret } from './passwords.js';
import { sessions, signInFailures, users } from './schema.js';
import { SESSION_COOKIE } from './routes.js';

/*
 * Sign-in that cannot be brute-forced (issue 12, item 2). The per-address limit is the production
 * default here (10 failures a minute), so every "it works" below is under the real setting.
 */

const PASSWORD = 'right horse battery staple';
const WRONG = 'wrong horse battery staple';
let t: TestApp;
let serial = 0;
/** Each test signs in from an address of its own (the per-address limit is counted in the process). */
let address = '';

beforeAll(async () => {
  t = await createTestApp({ signInRateLimitPerMinute: 10 });
});
afterAll(async () => t?.close());
beforeEach(() => {
  // Time stands still unless a test moves it: no answer depends on how long a request takes.
  t.clock.reset();
  t.clock.freeze();
  address = `100.64.0.${++serial}`;
});

/** A new user of their own for each test, so one test's failures are not another's. */
async function newUser(roles: string[] = ['caseworker-eo']): Promise<{ username: string; id: string }> {
  serial += 1;
  const username = `person.${serial}`;
  const added = await t.services.identity.addUser({ username, displayName: `Person ${serial}`, roles, password: PASSWORD }, { actor: SYSTEM_ACTOR });
  if (!added.ok) throw new Error(added.message);
  return added.value;
}

/** One sign-in from a fresh browser: the form fetched, then posted, from `from` (an address) with any extra headers. */
async function signIn(username: string, password: string, options: { from?: string; headers?: Record<string, string> } = {}) {
  const remoteAddress = options.from ?? address;
  const form = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const response = await t.app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress,
    headers: { cookie: form.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  const message = /<p id="username-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span>\s*([^<]+?)\s*<\/p>/.exec(response.body)?.[1];
  return { status: response.statusCode, message: message?.replace(/&#39;|&rsquo;/g, '’') ?? null, session: response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null };
}

async function failuresOf(username: string) {
  const [row] = await t.database.db.select().from(signInFailures).where(eq(signInFailures.username, username));
  return row ?? null;
}

/** Moves the clock to the end of the account's current wait or lock (and a moment past it). */
async function waitOutBlock(username: string) {
  const row = await failuresOf(username);
  if (row && row.blockedUntil > t.clock.now()) t.clock.set(new Date(row.blockedUntil.getTime() + 10));
}

/** Wrong passwords, waiting out each wait as a patient attacker would, until the account locks. */
async function lockOut(username: string) {
  for (let i = 0; i < 10; i += 1) {
    await waitOutBlock(username);
    const answer = await signIn(username, WRONG, { from: `192.0.2.${i + 1}` });
    expect(answer.session).toBeNull();
  }
  const row = (await failuresOf(username))!;
  expect(row.failures).toBe(10);
  return row;
}

async function eventsOf(userId: string) {
  return rowsOf<{ type: string; actor_name: string; payload: Record<string, unknown> }>(
    await t.database.db.execute(sql`select type, actor_name, payload from events where stream_id = ${`user-${userId}`} order by version`),
  );
}

describe('wrong passwords for one account, from anywhere', () => {
  it('15 wrong passwords, each with a different X-Forwarded-For, meet a refusal', async () => {
    const { username } = await newUser();
    const answers = [];
    for (let i = 0; i < 15; i += 1) answers.push(await signIn(username, WRONG, { headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } }));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers[0]!.message).toBe('The username or password is not right');
    // The 5th failure starts a wait; every later attempt inside it is refused without its password being checked.
    expect(answers.slice(4).map((a) => a.status)).toEqual(Array(11).fill(429));
    expect(answers[4]!.message).toMatch(/^Too many wrong passwords\. You can try again at \d\d:\d\d:\d\d\.$/);
    expect(answers.every((a) => a.session === null)).toBe(true);
    expect((await failuresOf(username))!.failures).toBe(5);
  });

  it('refuses the same from a different address for each attempt (the count is the account’s, in the database)', async () => {
    const { username } = await newUser();
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await signIn(username, WRONG, { from: `203.0.113.${i + 1}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
  });

  it('makes each wait longer (2, 4, 8, 16, 32 seconds), refuses even the right password during one, then locks at the 10th', async () => {
    const { username } = await newUser();
    const waits = [];
    for (let i = 0; i < 9; i += 1) {
      await waitOutBlock(username);
      await signIn(username, WRONG);
      const row = (await failuresOf(username))!;
      waits.push(row.blockedUntil.getTime() - row.lastAttemptAt.getTime());
    }
    expect(waits).toEqual([0, 0, 0, 0, 2_000, 4_000, 8_000, 16_000, 32_000]);
    const during = await signIn(username, PASSWORD);
    expect(during.status).toBe(429);
    expect(during.message).toMatch(/^Too many wrong passwords\. You can try again at /);
    await waitOutBlock(username);
    const tenth = await signIn(username, WRONG);
    expect(tenth.status).toBe(429);
    expect(tenth.message).toMatch(/^This account is locked until \d\d:\d\d( on \d{1,2} [A-Z][a-z]+ \d{4})? because of repeated failed sign-ins\. An administrator can unlock it\.$/);
  });

  it('answers a username no database could hold (a NUL, half a surrogate pair) as not right, not with an error', async () => {
    const answer = await signIn('abc\u0000def', WRONG);
    expect(answer.status).toBe(401);
    expect(answer.message).toBe('The username or password is not right');
    // A form cannot carry a lone surrogate (it arrives as U+FFFD), so the service is asked directly.
    expect(await t.services.identity.signIn('abc\ud800', WRONG)).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('counts unknown usernames the same way, so the answers do not tell whether an account exists', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await signIn('nobody.by.this.name', WRONG, { from: `198.18.0.${i + 1}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});

describe('a locked account', () => {
  it('refuses the right password until the lock lifts, and lets it in after', async () => {
    const { username, id } = await newUser();
    const lock = await lockOut(username);
    expect(lock.blockedUntil.getTime() - lock.lastAttemptAt.getTime()).toBe(15 * 60_000);
    const refused = await signIn(username, PASSWORD, { from: '198.51.100.200' });
    expect(refused.status).toBe(429);
    expect(refused.session).toBeNull();
    expect(refused.message).toMatch(/^This account is locked until \d\d:\d\d( on \d{1,2} [A-Z][a-z]+ \d{4})? because of repeated failed sign-ins\. An administrator can unlock it\.$/);
    t.clock.set(new Date(lock.blockedUntil.getTime() - 60_000));
    expect((await signIn(username, PASSWORD)).status).toBe(429);
    t.clock.set(new Date(lock.blockedUntil.getTime() + 1_000));
    const after = await signIn(username, PASSWORD);
    expect(after.status).toBe(303);
    expect(after.session).not.toBeNull();
    expect(await failuresOf(username)).toBeNull();
    // The lock is on the log, recorded by Cordon itself.
    expect((await eventsOf(id)).filter((e) => e.type === 'SignInLocked')).toEqual([
      { type: 'SignInLocked', actor_name: 'Cordon (sign-in protection)', payload: { userId: id, failures: 10, lockedUntil: lock.blockedUntil.toISOString() } },
    ]);
  });

  it('locks again at the next wrong password once a lock has run out (the count is not forgotten by waiting)', async () => {
    const { username, id } = await newUser();
    await lockOut(username);
    await waitOutBlock(username);
    const eleventh = await signIn(username, WRONG);
    expect(eleventh.message).toMatch(/^This account is locked until/);
    expect((await eventsOf(id)).filter((e) => e.type === 'SignInLocked').map((e) => e.payload.failures)).toEqual([10, 11]);
  });

  it('is unlocked by an administrator: the lock lifts at once, and the lock and the unlock are events on the log', async () => {
    const { username, id } = await newUser();
    await lockOut(username);
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const list = await admin.get('/admin/sign-in-locks');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(username);
    expect(list.body).toContain(`aria-label="Unlock ${username}"`);
    const unlocked = await admin.post('/admin/sign-in-locks/unlock', { username });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.body).toContain(`The account ${username} is unlocked`);
    expect(unlocked.body).not.toContain(`aria-label="Unlock ${username}"`);
    expect((await signIn(username, PASSWORD)).status).toBe(303);

    const log = await eventsOf(id);
    expect(log.map((e) => e.type)).toEqual(['UserAdded', 'SignInLocked', 'SignInUnlocked']);
    expect(log[2]).toMatchObject({ actor_name: 'Demo Administrator', payload: { userId: id } });
    expect(log[2]!.payload.lockedUntil).toBe(log[1]!.payload.lockedUntil);

    // Nothing to unlock now: said next to the list, nothing recorded.
    const again = await admin.post('/admin/sign-in-locks/unlock', { username });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('This account is not locked');
    expect((await admin.post('/admin/sign-in-locks/unlock', { username: 'no.such.person' })).statusCode).toBe(404);
    expect((await eventsOf(id)).length).toBe(3);
  });

  it('can be unlocked only by an administrator', async () => {
    const { username } = await newUser();
    await lockOut(username);
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get('/admin/sign-in-locks')).statusCode).toBe(403);
    expect((await manager.post('/admin/sign-in-locks/unlock', { username })).statusCode).toBe(403);
    expect((await failuresOf(username))!.failures).toBe(10);
  });
});

describe('only failures count', () => {
  it('lets 20 good sign-ins in a minute from one address all through', async () => {
    const { username } = await newUser();
    const statuses = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await signIn(username, PASSWORD)).status);
    expect(statuses).toEqual(Array(20).fill(303));
  });

  it('forgets the failures at a right password', async () => {
    const { username } = await newUser();
    for (let i = 0; i < 4; i += 1) expect((await signIn(username, WRONG)).status).toBe(401);
    expect((await signIn(username, PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i += 1) expect((await signIn(username, WRONG)).status).toBe(401);
    expect((await failuresOf(username))!.failures).toBe(4);
  });

  it('refuses an address after 10 failures in a minute whatever the accounts, without counting its successes', async () => {
    const { username } = await newUser();
    const from = '198.51.100.77';
    for (let i = 0; i < 12; i += 1) expect((await signIn(username, PASSWORD, { from })).status).toBe(303);
    for (let i = 0; i < 10; i += 1) expect((await signIn(`guess.${i}`, WRONG, { from })).status).toBe(401);
    const refused = await signIn(username, PASSWORD, { from, headers: { 'x-forwarded-for': '10.9.8.7' } });
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/^Too many failed sign-ins from your network\. You can try again at \d\d:\d\d:\d\d\.$/);
    // Another address is not held up; and a minute later this one may try again.
    expect((await signIn(username, PASSWORD, { from: '198.51.100.78' })).status).toBe(303);
    t.clock.set(new Date(t.clock.now().getTime() + 61_000));
    expect((await signIn(username, PASSWORD, { from })).status).toBe(303);
  });
});

describe('machine accounts', () => {
  it('cannot sign in to pages: a plate-reader account is refused with a message, and no session is made', async () => {
    const answer = await signIn('plate-reader', DEMO_PASSWORD);
    expect(answer.status).toBe(403);
    expect(answer.session).toBeNull();
    expect(answer.message).toBe('This account is for a machine, such as a number-plate reader. It cannot sign in to these pages: it uses an API token.');
    // A wrong password is still only "not right": the refusal does not tell which accounts are machines'.
    expect((await signIn('plate-reader', WRONG)).message).toBe('The username or password is not right');
  });

  it('does not let a session made before the refusal in, and a person with a machine role as well signs in without it', async () => {
    const reader = await newUser(['plate-reader']);
    const token = newSecret();
    await t.database.db.insert(sessions).values({ tokenHash: hashSecret(token), userId: reader.id, createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    const page = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toMatch(/^\/sign-in/);

    const both = await newUser(['plate-reader', 'port-officer']);
    const [row] = await t.database.db.select({ roles: users.roles }).from(users).where(eq(users.id, both.id));
    expect(row!.roles).toContain('plate-reader');
    const answer = await signIn(both.username, PASSWORD);
    expect(answer.status).toBe(303);
    expect(await t.services.identity.actorForSession(answer.session!)).toMatchObject({ roles: ['port-officer'] });
  });
});
