import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer, WebClient, type TestApp } from './app.js';
import { withPeopleFound } from './people-found.js';
import { NOTICE_DETAILS_CHECKLIST, OBJECTION_ASSURANCE_CHECKLIST, RECOMMENDATION_CHECKLIST } from '../../src/domain/liability/actions.js';

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
    payload: JSON.stringify(withPeopleFound(payload)),
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

/** Every item of each assurance checklist, as the form posts them ticked. */
export const FULL_CHECKLISTS: Record<string, string[]> = {
  checkNoticeDetails: Object.keys(NOTICE_DETAILS_CHECKLIST),
  approveRecommendation: Object.keys(RECOMMENDATION_CHECKLIST),
  assureObjectionDetermination: Object.keys(OBJECTION_ASSURANCE_CHECKLIST),
};

const noticeCheckers = new WeakMap<FastifyInstance, Promise<WebClient>>();

/**
 * The second officer who checks the name and address before an initial notice (the demo's assurer
 * HO, signed in once per app): `step(…, 'sendInitialNotice', …)` has them check first, as the office
 * does, unless the test says `{ checkFirst: false }`. A check already recorded is left as it is.
 */
export async function checkNoticeDetails(client: WebClient, reference: string, liabilityIds: string | string[]) {
  const app = (client as unknown as { app: FastifyInstance }).app;
  if (!noticeCheckers.has(app)) noticeCheckers.set(app, WebClient.signedIn(app, 'assurer-ho'));
  const checker = await noticeCheckers.get(app)!;
  const ids = Array.isArray(liabilityIds) ? liabilityIds : [liabilityIds];
  return step(checker, reference, 'checkNoticeDetails', ids, { checklist: FULL_CHECKLISTS.checkNoticeDetails! });
}

/**
 * Opens the step's page for the liability, then posts the form as a person would. An assurance step
 * posted without a `checklist` has every item ticked; an initial notice is first checked by a second
 * officer (see checkNoticeDetails).
 */
export async function step(
  client: WebClient,
  reference: string,
  type: string,
  liabilityIds: string | string[],
  form: Record<string, string | string[]> = {},
  options: { checkFirst?: boolean } = {},
) {
  const ids = Array.isArray(liabilityIds) ? liabilityIds : [liabilityIds];
  if (type === 'sendInitialNotice' && options.checkFirst !== false) await checkNoticeDetails(client, reference, ids);
  const checklist = FULL_CHECKLISTS[type];
  if (checklist && form.checklist === undefined && (type !== 'assureObjectionDetermination' || form.approve === 'yes')) form = { ...form, checklist };
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
  // Officers the tests add are trained as the demo officers are (S31A referral training included).
  if (added.ok && roles.some((role) => role === 'port-officer' || role === 'police-officer')) {
    const trained = await t.services.training.recordTrainedOfficer(added.value.id, { actor: { id: 'test', name: 'Test', roles: ['administrator'] } });
    if (trained && !trained.ok) throw new Error(trained.message);
  }
  return WebClient.signedIn(t.app, username);
}
