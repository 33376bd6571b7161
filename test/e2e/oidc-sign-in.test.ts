import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, newBrowserContext } from './browser.js';
import { createTestDatabase } from '../support/database.js';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/platform/database/client.js';
import type { FastifyInstance } from 'fastify';
import { FolderFileStore } from '../../src/platform/files/folder-file-store.js';
import { OutboxMailer } from '../../src/platform/notify/mailer.js';
import { events } from '../../src/platform/events/schema.js';
import { singleSignOnIdentities, users } from '../../src/modules/identity/schema.js';
import { startPageFor } from '../../src/modules/identity/navigation.js';

/*
 * Issue #12, item 6, in Chromium with axe: Cordon configured for single sign-on with an OpenID
 * provider the test starts on this machine (`oidc-provider`, its development login and consent
 * pages). A person whose `roles` claim maps to a Cordon role signs in there and lands on Cordon
 * signed in with that role (their user record added through the command, keyed by issuer and
 * subject); a later sign-in with another claim changes their roles on the log; a person whose claim
 * maps to no Cordon role is refused with a plain message and no session.
 */

/** The provider's people: their login name at the provider is their subject. */
const PEOPLE: Record<string, { name: string; preferred_username: string; email: string; roles: string[] }> = {
  'ada-3141': { name: 'Ada Okafor', preferred_username: 'ada.okafor', email: 'ada.okafor@example.gov.uk', roles: ['bf-port', 'staff'] },
  'ben-2718': { name: 'Ben Price', preferred_username: 'ben.price', email: 'ben.price@example.gov.uk', roles: ['staff', 'canteen'] },
  'cam-1618': { name: 'Cam Reader', preferred_username: 'cam.reader', email: 'cam@example.gov.uk', roles: ['plate-reader'] },
};

describe.skipIf(!chromiumAvailable)('single sign-on with OpenID Connect in the browser', () => {
  let providerServer: http.Server;
  let issuer: string;
  let app: FastifyInstance;
  let database: Database;
  let baseUrl: string;
  let context: BrowserContext;
  let filesRoot: string;

  beforeAll(async () => {
    // The provider's address first (its issuer is Cordon's configuration), the provider itself once Cordon's callback address is known.
    let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
    providerServer = http.createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;

    database = await createTestDatabase();
    filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-oidc-files-'));
    ({ app } = await createApp(database, {
      fileStore: new FolderFileStore(filesRoot),
      mailer: new OutboxMailer(path.join(filesRoot, 'outbox')),
      sessionHours: 8,
      logLevel: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent',
      secureCookies: false,
      signInRateLimitPerMinute: 1000,
      cookieSecret: 'test-cookie-secret-test-cookie-secret',
      oidc: {
        issuer,
        clientId: 'cordon',
        clientSecret: 'cordon-client-secret-for-the-test',
        redirectUrl: undefined,
        rolesClaim: 'roles',
        // `bf-port` is a port officer; `staff` and `canteen` are nothing in Cordon; a machine role is refused at start-up, so it is not here.
        roleMap: 'bf-port:port-officer, bf-managers:manager',
        providerName: 'Home Office account',
        scopes: 'openid profile email roles',
      },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'cordon',
          client_secret: 'cordon-client-secret-for-the-test',
          redirect_uris: [`${baseUrl}/sign-in/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], roles: ['roles'] },
      async findAccount(_ctx, id) {
        const person = PEOPLE[id];
        return person ? { accountId: id, claims: async () => ({ sub: id, ...person }) } : undefined;
      },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    });
    const callback = provider.callback();
    handle = (req, res) => void callback(req, res);

    context = await newBrowserContext();
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    await database?.close();
    if (filesRoot) fs.rmSync(filesRoot, { recursive: true, force: true });
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  /** From Cordon's sign-in page through the provider's login (and consent, when it asks) and back. */
  async function signInAtTheProvider(page: Page, login: string) {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Home Office account' }).click();
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('any password at the test provider');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForLoadState('load');
    if (page.url().startsWith(issuer) && (await page.getByRole('button', { name: 'Continue' }).count())) {
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.waitForURL((url) => url.href.startsWith(baseUrl));
    await page.waitForLoadState('load');
  }

  async function userOf(subject: string) {
    const [row] = await database.db
      .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles })
      .from(singleSignOnIdentities)
      .innerJoin(users, eq(users.id, singleSignOnIdentities.userId))
      .where(and(eq(singleSignOnIdentities.issuer, issuer), eq(singleSignOnIdentities.subject, subject)));
    return row;
  }

  it('shows the button beside the local sign-in, and signs a person in with the role their claim maps to', async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await expectAccessible(page);
    // Local accounts stay the default: the username and password form is still there.
    await expect(page.getByLabel('Username').count()).resolves.toBe(1);

    await signInAtTheProvider(page, 'ada-3141');
    expect(new URL(page.url()).pathname).toBe(startPageFor({ id: 'x', name: 'x', roles: ['port-officer'] }));
    await expectAccessible(page);

    await page.goto(`${baseUrl}/account`);
    const account = (await page.locator('main').textContent()) ?? '';
    expect(account).toContain('Ada Okafor');
    expect(account).toContain('Border Force port officer');
    expect(account).not.toContain('Manager');

    const user = await userOf('ada-3141');
    expect(user).toMatchObject({ username: 'ada.okafor', displayName: 'Ada Okafor', roles: ['port-officer'] });
    const added = await database.db.select().from(events).where(eq(events.streamId, `user-${user!.id}`));
    expect(added.map((e) => [e.type, e.actorId])).toEqual([['SingleSignOnUserAdded', 'single-sign-on']]);
    expect(added[0]!.payload).toMatchObject({ issuer, subject: 'ada-3141', roles: ['port-officer'] });
    // No password was made for them: the local form cannot sign them in.
    await page.close();
  });

  it('changes the person’s roles on the log when their claim changes at a later sign-in', async () => {
    PEOPLE['ada-3141']!.roles = ['bf-port', 'bf-managers'];
    await context.clearCookies();
    const page = await context.newPage();
    await signInAtTheProvider(page, 'ada-3141');
    expect(new URL(page.url()).pathname).toBe(startPageFor({ id: 'x', name: 'x', roles: ['manager', 'port-officer'] }));
    await page.close();
    const user = await userOf('ada-3141');
    expect(user!.roles).toEqual(['manager', 'port-officer']);
    const log = await database.db.select({ type: events.type, payload: events.payload }).from(events).where(eq(events.streamId, `user-${user!.id}`)).orderBy(events.version);
    expect(log.map((e) => e.type)).toEqual(['SingleSignOnUserAdded', 'SingleSignOnRolesChanged']);
    expect(log[1]!.payload).toEqual({ userId: user!.id, roles: ['manager', 'port-officer'], previousRoles: ['port-officer'] });
  });

  it('refuses a person whose claim gives no Cordon role, or only a machine role, in plain words and with no session', async () => {
    for (const login of ['ben-2718', 'cam-1618']) {
      await context.clearCookies();
      const page = await context.newPage();
      await signInAtTheProvider(page, login);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You do not have access to Cordon');
      expect(await page.locator('main').textContent()).toContain('your account there does not give you a role in Cordon');
      await expectAccessible(page);
      const cookies = await context.cookies(baseUrl);
      expect(cookies.map((c) => c.name)).not.toContain('cordon_session');
      await page.goto(`${baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await page.close();
      expect(await userOf(login)).toBeUndefined();
    }
  });
});
