import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Each role's own work, and a heading that says so. */
const OWN_WORK: Record<string, { path: string; heading: RegExp }> = {
  'port-officer': { path: '/incidents', heading: /Your records and drafts/ },
  'police-officer': { path: '/incidents', heading: /Your records and drafts/ },
  'caseworker-ao': { path: '/work', heading: /<title>My work – Work/ },
  'caseworker-eo': { path: '/work', heading: /<title>My work – Work/ },
  'assurer-ho': { path: '/work/assurance', heading: /<title>Assurance – Work/ },
  'senior-officer': { path: '/work/assurance', heading: /<title>Assurance – Work/ },
  manager: { path: '/dashboard', heading: /<h1[^>]*>[^<]*Dashboard/i },
  'finance-officer': { path: '/finance/unmatched', heading: /<h1[^>]*>[^<]*Unmatched payments/i },
  analyst: { path: '/dashboard', heading: /<h1[^>]*>[^<]*Dashboard/i },
  administrator: { path: '/admin/users', heading: /<h1[^>]*>[^<]*Users/i },
};

describe('each role lands on its own work', () => {
  for (const [role, expected] of Object.entries(OWN_WORK)) {
    it(`${role}: after signing in and at /, ${expected.path}`, async () => {
      const client = new WebClient(t.app);
      await client.get('/sign-in');
      const signedIn = await client.post('/sign-in', { username: role, password: DEMO_PASSWORD });
      expect(signedIn.statusCode).toBe(303);
      expect(signedIn.headers.location).toBe(expected.path);
      const home = await client.get('/');
      expect(home.headers.location).toBe(expected.path);
      const page = await client.get(expected.path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(expected.heading);
    });
  }
});
