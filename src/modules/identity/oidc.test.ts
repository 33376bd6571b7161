import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { loadConfig, type OidcConfig } from '../../platform/config.js';
import type { Database } from '../../platform/database/client.js';
import { events } from '../../platform/events/schema.js';
import { FolderFileStore } from '../../platform/files/folder-file-store.js';
import { OutboxMailer } from '../../platform/notify/mailer.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { parseRoleMap, rolesFromClaims, singleSignOn, type ProvidedPerson } from './oidc.js';
import { identityService } from './service.js';
import { users } from './schema.js';

/*
 * Single sign-on without a browser: the role mapping, what a sign-in records, and the answers of the
 * two routes when something goes wrong (the whole journey against a real provider, in Chromium, is
 * test/e2e/oidc-sign-in.test.ts).
 */

const settings = (overrides: Partial<OidcConfig> = {}): OidcConfig => ({
  // Nothing listens on port 1: the provider cannot be reached.
  issuer: 'http://127.0.0.1:1',
  clientId: 'cordon',
  clientSecret: 'secret',
  redirectUrl: undefined,
  rolesClaim: 'roles',
  roleMap: undefined,
  providerName: 'Home Office account',
  scopes: 'openid profile',
  ...overrides,
});

describe('the role mapping', () => {
  it('reads claim value:role pairs, one value giving several roles', () => {
    expect(parseRoleMap('bf-port:port-officer, bf-leads:senior-officer,bf-leads:port-officer')).toEqual(
      new Map([
        ['bf-port', ['port-officer']],
        ['bf-leads', ['senior-officer', 'port-officer']],
      ]),
    );
    expect(parseRoleMap(undefined)).toBeNull();
  });

  it('refuses at start-up an unknown role, a machine role, or a pair without a colon', () => {
    expect(() => parseRoleMap('bf-port:port-oficer')).toThrow('"port-oficer" is not a Cordon role');
    expect(() => parseRoleMap('cameras:plate-reader')).toThrow('a role for machines');
    expect(() => parseRoleMap('port-officer')).toThrow('should be "claim value:cordon role"');
  });

  it('maps the claim’s values through the map, and only those', () => {
    const map = parseRoleMap('bf-port:port-officer,finance:finance-officer');
    expect(rolesFromClaims({ roles: ['finance', 'bf-port', 'canteen', 'manager'] }, 'roles', map)).toEqual(['finance-officer', 'port-officer']);
    expect(rolesFromClaims({ groups: 'bf-port finance' }, 'groups', map)).toEqual(['finance-officer', 'port-officer']);
    expect(rolesFromClaims({ realm_access: { roles: ['bf-port'] } }, 'realm_access.roles', map)).toEqual(['port-officer']);
    expect(rolesFromClaims({}, 'roles', map)).toEqual([]);
  });

  it('without a map takes the values that are Cordon role identifiers, never a machine role', () => {
    expect(rolesFromClaims({ roles: ['analyst', 'plate-reader', 'admin', 'manager'] }, 'roles', null)).toEqual(['analyst', 'manager']);
    expect(rolesFromClaims({ roles: 'plate-reader' }, 'roles', null)).toEqual([]);
  });
});

describe('the identity provider’s address', () => {
  it('must be https unless the provider is on this machine', () => {
    expect(() => singleSignOn({} as Database['db'], settings({ issuer: 'http://login.example.gov.uk' }), { sessionHours: 8 })).toThrow('must be an https URL');
    expect(() => singleSignOn({} as Database['db'], settings({ issuer: 'http://localhost:8080' }), { sessionHours: 8 })).not.toThrow();
  });

  it('needs a client id when an issuer is configured', () => {
    expect(() => loadConfig({ CORDON_OIDC_ISSUER: 'https://login.example.gov.uk' })).toThrow('CORDON_OIDC_CLIENT_ID must be set');
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ CORDON_OIDC_ISSUER: 'https://login.example.gov.uk', CORDON_OIDC_CLIENT_ID: 'cordon' }).oidc).toMatchObject({ rolesClaim: 'roles', roleMap: undefined, clientSecret: undefined });
  });
});

describe('signing in by single sign-on', () => {
  let database: Database;
  let app: FastifyInstance;
  let plainApp: FastifyInstance;
  let filesRoot: string;
  const person = (overrides: Partial<ProvidedPerson> = {}): ProvidedPerson => ({
    issuer: 'https://login.example.gov.uk',
    subject: 'sub-ada',
    displayName: 'Ada Okafor',
    preferredUsername: 'Ada.Okafor@example.gov.uk',
    roles: ['port-officer'],
    ...overrides,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-oidc-'));
    const config = {
      fileStore: new FolderFileStore(filesRoot),
      mailer: new OutboxMailer(path.join(filesRoot, 'outbox')),
      sessionHours: 8,
      logLevel: 'silent',
      secureCookies: false,
      signInRateLimitPerMinute: 1000,
      cookieSecret: 'test-cookie-secret-test-cookie-secret',
    };
    ({ app } = await createApp(database, { ...config, oidc: settings() }));
    ({ app: plainApp } = await createApp(database, config));
  });
  afterAll(async () => {
    await app?.close();
    await plainApp?.close();
    await database?.close();
    if (filesRoot) fs.rmSync(filesRoot, { recursive: true, force: true });
  });

  it('adds the person at their first sign-in, keyed by issuer and subject, and finds them again at the next', async () => {
    const signOn = singleSignOn(database.db, settings(), { sessionHours: 8 });
    const first = await signOn.signIn(person());
    expect(first).toMatchObject({ ok: true, actor: { name: 'Ada Okafor', roles: ['port-officer'] } });
    const again = await signOn.signIn(person({ displayName: 'Ada Okafor-Smith' }));
    expect(again.ok && again.actor.id).toBe(first.ok && first.actor.id);
    const [user] = await database.db.select().from(users).where(eq(users.id, first.ok ? first.actor.id : ''));
    expect(user).toMatchObject({ username: 'ada.okafor-example.gov.uk', roles: ['port-officer'] });
    // The session works like a local one.
    expect(await identityService(database.db, { sessionHours: 8 }).actorForSession(first.ok ? first.sessionToken : '')).toMatchObject({ roles: ['port-officer'] });
  });

  it('adds the person once when their first two sign-ins come at the same moment', async () => {
    const signOn = singleSignOn(database.db, settings(), { sessionHours: 8 });
    const both = await Promise.all([signOn.signIn(person({ subject: 'sub-twice', preferredUsername: 'twice' })), signOn.signIn(person({ subject: 'sub-twice', preferredUsername: 'twice' }))]);
    expect(both.map((outcome) => outcome.ok)).toEqual([true, true]);
    const [a, b] = both.map((outcome) => (outcome.ok ? outcome.actor.id : ''));
    expect(a).toBe(b);
    expect(await database.db.select({ type: events.type }).from(events).where(eq(events.streamId, `user-${a}`))).toEqual([{ type: 'SingleSignOnUserAdded' }]);
  });

  it('gives another person with the same name at the provider a username of their own', async () => {
    const signOn = singleSignOn(database.db, settings(), { sessionHours: 8 });
    const other = await signOn.signIn(person({ subject: 'sub-ada-2' }));
    const [user] = await database.db.select().from(users).where(eq(users.id, other.ok ? other.actor.id : ''));
    expect(user!.username).toBe('ada.okafor-example.gov.uk-2');
  });

  it('refuses a person whose claim no longer gives a role, and records that they hold none', async () => {
    const signOn = singleSignOn(database.db, settings(), { sessionHours: 8 });
    const first = await signOn.signIn(person({ subject: 'sub-leaver' }));
    expect(first.ok).toBe(true);
    expect(await signOn.signIn(person({ subject: 'sub-leaver', roles: [] }))).toEqual({ ok: false, reason: 'no-role' });
    const id = first.ok ? first.actor.id : '';
    const log = await database.db.select({ type: events.type, payload: events.payload }).from(events).where(eq(events.streamId, `user-${id}`)).orderBy(events.version);
    expect(log.map((e) => e.type)).toEqual(['SingleSignOnUserAdded', 'SingleSignOnRolesChanged']);
    expect(log[1]!.payload).toMatchObject({ roles: [], previousRoles: ['port-officer'] });
    // Their session from before holds no role now, so it no longer signs them in to any page.
    expect(await identityService(database.db, { sessionHours: 8 }).actorForSession(first.ok ? first.sessionToken : '')).toBeNull();
  });

  it('refuses a person whose Cordon account is switched off', async () => {
    const signOn = singleSignOn(database.db, settings(), { sessionHours: 8 });
    const first = await signOn.signIn(person({ subject: 'sub-disabled' }));
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, first.ok ? first.actor.id : ''));
    expect(await signOn.signIn(person({ subject: 'sub-disabled' }))).toEqual({ ok: false, reason: 'disabled' });
  });

  it('never lets a single sign-on user in through the local form (they have no password here)', async () => {
    const identity = identityService(database.db, { sessionHours: 8 });
    expect(await identity.signIn('ada.okafor-example.gov.uk', 'not-a-real-password-for-timing')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await identity.signIn('ada.okafor-example.gov.uk', '')).toMatchObject({ ok: false, reason: 'wrong' });
  });

  it('shows the button on the sign-in page only when single sign-on is configured', async () => {
    const page = await app.inject('/sign-in?returnTo=/cases');
    expect(page.body).toContain('Sign in with Home Office account');
    expect(page.body).toContain('href="/sign-in/oidc?returnTo=%2Fcases"');
    const plain = await plainApp.inject('/sign-in');
    expect(plain.body).not.toContain('Sign in with');
    expect((await plainApp.inject('/sign-in/oidc')).statusCode).toBe(404);
  });

  it('says plainly when the provider cannot be reached, and when the return has no sign-in to finish', async () => {
    const unreachable = await app.inject('/sign-in/oidc');
    expect(unreachable.statusCode).toBe(503);
    expect(unreachable.body).toContain('Sign in with Home Office account is not working');

    const noCookie = await app.inject('/sign-in/oidc/callback?code=abc&state=xyz');
    expect(noCookie.statusCode).toBe(400);
    expect(noCookie.body).toContain('Your sign-in could not be finished');

    const forged = await app.inject({
      url: '/sign-in/oidc/callback?code=abc&state=xyz',
      headers: { cookie: `cordon_oidc=${encodeURIComponent(JSON.stringify({ codeVerifier: 'a', state: 'xyz', nonce: 'n', redirectUri: 'http://evil.example/cb' }))}` },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('Your sign-in could not be finished');
  });

  it('says plainly when the person stopped at the provider', async () => {
    const signed = app.signCookie(JSON.stringify({ codeVerifier: 'a', state: 'xyz', nonce: 'n', redirectUri: 'http://127.0.0.1/sign-in/oidc/callback', returnTo: null }));
    const response = await app.inject({ url: '/sign-in/oidc/callback?error=access_denied&state=xyz', headers: { cookie: `cordon_oidc=${encodeURIComponent(signed)}` } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('You did not finish signing in with Home Office account');
    expect(response.cookies.find((c) => c.name === 'cordon_session')).toBeUndefined();
  });
});
