import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp, type Services } from '../../src/app.js';
import type { Database } from '../../src/platform/database/client.js';
import { DEMO_PASSWORD, demoToken } from '../../src/cli/demo-data.js';
import { createTestDatabase } from './database.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderFileStore } from '../../src/platform/files/folder-file-store.js';
import { OutboxMailer, type Mailer } from '../../src/platform/notify/mailer.js';
import { SettableClock } from '../../src/platform/clock.js';

export interface TestApp {
  app: FastifyInstance;
  outbox: OutboxMailer;
  /** The casework clock: move it to cross response windows and deadlines. */
  clock: SettableClock;
  services: Services;
  database: Database;
  close(): Promise<void>;
}

/** The token the test app's `/metrics` asks for. */
export const TEST_METRICS_TOKEN = 'test-metrics-token';

/**
 * The whole service over a fresh copy of the template database (demo users and tokens, no cases).
 * `options` overrides settings (e.g. the sign-in limit per address, 1000 a minute here unless given).
 * Letters are emailed by jobs: `await t.services.jobs.runUntilIdle()` sends what is due. `mailer`
 * replaces the outbox folder (a fake that counts or fails).
 */
export async function createTestApp(options: { signInRateLimitPerMinute?: number; trustedProxies?: string[]; mailer?: Mailer } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-test-files-'));
  const clock = new SettableClock();
  const { app, services } = await createApp(database, {
    clock,
    fileStore: new FolderFileStore(filesRoot),
    mailer: options.mailer ?? new OutboxMailer(path.join(filesRoot, 'outbox')),
    sessionHours: 8,
    logLevel: (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent',
    secureCookies: false,
    signInRateLimitPerMinute: options.signInRateLimitPerMinute ?? 1000,
    trustedProxies: options.trustedProxies ?? [],
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    metricsToken: TEST_METRICS_TOKEN,
  });
  return {
    app,
    clock,
    outbox: new OutboxMailer(path.join(filesRoot, 'outbox')),
    services,
    database,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(filesRoot, { recursive: true, force: true });
    },
  };
}

export function bearer(role: string): Record<string, string> {
  return { authorization: `Bearer ${demoToken(role)}` };
}

/** A browser-like client: keeps cookies and fills in the CSRF token from the last page it saw. */
export class WebClient {
  private cookies = new Map<string, string>();
  csrfToken = '';
  constructor(private readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrfToken = match[1]!;
  }

  async get(url: string) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(response);
    return response;
  }

  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', this.csrfToken);
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }

  static async signedIn(app: FastifyInstance, role: string): Promise<WebClient> {
    const client = new WebClient(app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { username: role, password: DEMO_PASSWORD });
    if (response.statusCode !== 303) throw new Error(`Demo sign-in for ${role} failed: ${response.statusCode}`);
    // Signing in renews the CSRF secret and binds forms to the new session: a page seen now gives
    // the token the next form needs.
    await client.get('/account');
    return client;
  }
}
