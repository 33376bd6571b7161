import { expect } from 'vitest';
import { bearer, WebClient, type TestApp } from './app.js';

/* Test helpers for casework: open a case the way the border does, then take steps on its pages. */

export const POLISH_DRIVER = {
  role: 'driver',
  kind: 'person',
  name: 'Łukasz Żółkiewski',
  dateOfBirth: '1981-02-17',
  nationality: 'PL',
  language: 'pl',
  email: 'lukasz@example.com',
  address: { line1: 'ul. Świętokrzyska 12/4', town: 'Warszawa', postcode: '00-116', country: 'PL' },
} as const;

export const POLISH_OWNER = {
  role: 'owner',
  kind: 'organisation',
  name: 'Trans-Pol Sp. z o.o.',
  language: 'pl',
  address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' },
} as const;

export interface OpenedCase {
  reference: string;
  incidentId: string;
  liabilities: { id: string; role: string; offence: string; partyName: string }[];
}

/** Sends an incident through the border API and returns the case it opened. */
export async function openCase(t: TestApp, overrides: Record<string, unknown> = {}, key = `incident-${Math.random()}`): Promise<OpenedCase> {
  const payload = {
    kind: 'port',
    offences: ['S31A'],
    incidentDate: new Date().toISOString().slice(0, 10),
    port: 'CQF',
    vehicleKind: 'hgv',
    tractorRegistration: 'WGM 4521K',
    tractorCountry: 'PL',
    requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
    responsiblePersons: [POLISH_DRIVER, POLISH_OWNER],
    ...overrides,
  };
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...bearer('port-officer') },
    payload: JSON.stringify(payload),
  });
  expect(response.statusCode, response.body).toBe(201);
  const { caseReference, incidentId } = response.json() as { caseReference: string; incidentId: string };
  const kase = (await t.app.inject({ url: `/api/v1/cases/${caseReference}`, headers: bearer('caseworker-eo') })).json() as OpenedCase;
  return { reference: caseReference, incidentId, liabilities: kase.liabilities };
}

/** A GOV.UK date input's three boxes for an ISO date. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
}

/** Opens the step's page for the liability, then posts the form as a person would. */
export async function step(client: WebClient, reference: string, type: string, liabilityIds: string | string[], form: Record<string, string | string[]> = {}) {
  const ids = Array.isArray(liabilityIds) ? liabilityIds : [liabilityIds];
  const page = await client.get(`/cases/${reference}/actions/${type}?${ids.map((id) => `liability=${id}`).join('&')}`);
  expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
  return client.post(`/cases/${reference}/actions/${type}`, { liabilityIds: ids, version, ...form });
}

/** The visible text of an error summary, for assertions on refusals. */
export function errorSummary(body: string): string {
  const match = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(body);
  return (match?.[0] ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/\s+/g, ' ');
}

/** Identifies each liability's person as a new register entry, so the recommendation can be drafted. */
export async function identifyEveryone(client: WebClient, opened: OpenedCase, options: { alwaysNewEntries?: boolean } = {}) {
  await client.get(`/cases/${opened.reference}`);
  for (const liability of opened.liabilities) {
    // The register's best proposal when there is one (the same person from an earlier case), else a new entry.
    const page = await client.get(`/cases/${opened.reference}`);
    const proposal = options.alwaysNewEntries ? null : new RegExp(`action="/cases/${opened.reference}/liabilities/${liability.id}/party">[\\s\\S]*?name="partyId" value="([^"]+)"`).exec(page.body);
    const response = proposal
      ? await client.post(`/cases/${opened.reference}/liabilities/${liability.id}/party`, { partyId: proposal[1]! })
      : await client.post(`/cases/${opened.reference}/liabilities/${liability.id}/new-party`, {});
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    await client.get(`/cases/${opened.reference}`);
  }
}

export async function signInAs(t: TestApp, username: string, roles: string[], displayName = username) {
  const { DEMO_PASSWORD } = await import('../../src/cli/demo-data.js');
  const added = await t.services.identity.addUser({ username, displayName, roles, password: DEMO_PASSWORD }, { actor: { id: 'test', name: 'Test', roles: ['administrator'] } });
  if (!added.ok && !added.message.includes('taken')) throw new Error(added.message);
  return WebClient.signedIn(t.app, username);
}
