import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { routeAccessRegistry, actorMayUse } from './access.js';
import { MACHINE_ROLES, ROLE_IDS, type Role } from '../../modules/identity/roles.js';

let t: TestApp;
let caseReference: string;
type PageClient = Pick<WebClient, 'get' | 'post'>;
const clients = new Map<string, PageClient>();

/** A machine's API token sent to the pages (a machine account cannot sign in to them): the pages' rules still apply to it. */
function tokenClient(role: string): PageClient {
  const send = (method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) =>
    t.app.inject({ method, url, headers: { ...bearer(role), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(form ? { payload: new URLSearchParams(form as Record<string, string>).toString() } : {}) });
  return { get: (url) => send('GET', url), post: (url, form) => send('POST', url, form) };
}

beforeAll(async () => {
  t = await createTestApp();
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: {
      port: 'DVR', incidentDate: '2026-09-01', offence: 'S31A', vehicleRegistration: 'AB12 CDE', vehicleCountry: 'GB',
      driverName: 'David Smith', companyName: 'Smith Haulage Ltd',
    },
  });
  caseReference = opened.json().reference;
  for (const role of ROLE_IDS) clients.set(role, MACHINE_ROLES.includes(role as Role) ? tokenClient(role) : await WebClient.signedIn(t.app, role));
});
afterAll(async () => t?.close());

function concrete(url: string): string {
  return url.replace(':reference', caseReference);
}

describe('who may use each route', () => {
  const routes = () => [...routeAccessRegistry.values()].filter((r) => !r.url.startsWith('/assets/') && !r.url.startsWith('/static/'));

  it('declares access for every route (the registry is not empty)', () => {
    expect(routes().length).toBeGreaterThan(15);
  });

  it('gives 403 to every role a route does not allow, and never 403 or 500 to one it allows', async () => {
    const failures: string[] = [];
    for (const route of routes()) {
      if ('public' in route.access) continue;
      for (const role of ROLE_IDS) {
        const allowed = actorMayUse({ id: role, name: role, roles: [role] }, route.access);
        const url = concrete(route.url);
        let status: number;
        if (url.startsWith('/api/')) {
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...bearer(role), ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
            ...(route.method === 'GET' ? {} : { payload: '{}' }),
          });
          status = response.statusCode;
        } else {
          const client = clients.get(role)!;
          const response = route.method === 'GET' ? await client.get(url) : await client.post(url, {});
          status = response.statusCode;
        }
        if (allowed && (status === 403 || status >= 500)) failures.push(`${role} ${route.method} ${url} → ${status} (allowed)`);
        if (!allowed && status !== 403) failures.push(`${role} ${route.method} ${url} → ${status} (should be 403)`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000); // every route × every role: a few hundred requests, slow on a loaded machine

  it('sends a signed-out browser to sign in and a tokenless API call a 401', async () => {
    for (const route of routes()) {
      if ('public' in route.access) continue;
      const response = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      if (route.url.startsWith('/api/')) expect(response.statusCode, route.url).toBe(401);
      else expect([302, 303], route.url).toContain(response.statusCode);
    }
  });
});

describe('navigation by role', () => {
  const expected: Record<string, string[]> = {
    'port-officer': ['Your records', 'Record a search', 'Record an incident', 'Quick referral', 'Requests for information', 'Vehicle Action List', 'Plate check hits'],
    'police-officer': ['Your records', 'Inland detection', 'Quick referral', 'Requests for information'],
    'caseworker-ao': ['Cases', 'Work', 'Questions', 'Accreditation', 'CPAS reviews', 'CPAS assurance', 'People and companies', 'Vehicle Action List', 'Postal outbox'],
    'caseworker-eo': ['Cases', 'Work', 'Questions', 'Accreditation', 'CPAS reviews', 'CPAS assurance', 'People and companies', 'Vehicle Action List', 'Postal outbox'],
    'assurer-ho': ['Cases', 'Work', 'Questions', 'Accreditation', 'CPAS reviews', 'CPAS assurance', 'People and companies', 'Vehicle Action List'],
    'senior-officer': ['Cases', 'Work', 'Questions', 'Accreditation', 'CPAS reviews', 'CPAS assurance', 'Dashboard', 'Failures', 'People and companies', 'Vehicle Action List', 'Not-referral approvals', 'Team at the border'],
    manager: ['Cases', 'Work', 'Questions', 'Accreditation', 'CPAS reviews', 'CPAS assurance', 'Dashboard', 'Failures', 'Feedback', 'Annual report', 'Management information', 'Detection analysis', 'Recommendations', 'Data quality', 'People and companies', 'Vehicle Action List', 'Postal outbox', 'Data breaches', 'Team at the border', 'Officers’ training'],
    'finance-officer': ['Cases', 'People and companies', 'Vehicle Action List', 'Ledger imports', 'Unmatched payments', 'Debt'],
    analyst: ['Cases', 'Dashboard', 'Failures', 'Feedback', 'Annual report', 'Management information', 'Detection analysis', 'Recommendations', 'Data quality', 'People and companies'],
    administrator: ['Officers’ training', 'Users', 'API tokens', 'Policy', 'Outbox', 'Jobs', 'Reads of personal records', 'Retention', 'Languages'],
    'plate-reader': [],
  };
  for (const role of ROLE_IDS) {
    it(`shows ${role} only its own navigation`, async () => {
      const page = await clients.get(role)!.get('/account');
      expect(page.statusCode).toBe(200);
      const list = page.body.split('govuk-service-navigation__list')[1] ?? '';
      const links = [...list.matchAll(/class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*</g)].map((m) => m[1]);
      expect(links).toEqual(expected[role]);
    });
  }
});
