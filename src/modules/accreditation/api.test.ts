import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import { sha256Hex } from '../../platform/files/file-store.js';
import { minimalPdf } from '../../platform/files/test-fixtures.js';

/*
 * The CPAS application on the JSON API: a submission without a token (its reference, access code
 * and due date, and the acknowledgement email), field errors, the applicant answering with the
 * access code (a wrong code refused), acceptance resolving the company in the parties register, a
 * stale version, and a refusal approved by a Senior Officer who did not propose it.
 */

/** Completed driver checklists, kept in the app's file store: a submission's fileIds must be files uploaded first. */
const CHECKLISTS = Array.from({ length: 3 }, (_, i) => minimalPdf(`Driver checklist ${i + 1}`));
const CHECKLIST_IDS = CHECKLISTS.map(sha256Hex);
const keepChecklists = async (app: TestApp) => {
  for (const bytes of CHECKLISTS) await app.services.files.put(bytes, 'application/pdf');
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await keepChecklists(t);
  t.clock.set(new Date('2026-03-02T10:00:00Z'));
});
afterAll(async () => t?.close());

let keys = 0;
const key = () => ({ 'idempotency-key': `cpas-test-${++keys}` });
const json = { 'content-type': 'application/json' };

function application(overrides: { name?: string; email?: string; drivers?: number; checklists?: number } = {}) {
  return {
    language: 'pl',
    company: {
      name: overrides.name ?? 'Trans-Pol Sp. z o.o.',
      country: 'PL',
      addressLines: ['ul. Długa 5', 'Łódź'],
      postcode: '90-001',
      operatorLicence: 'PL/0042/2020',
      contactName: 'Piotr Kowalski',
      email: overrides.email ?? 'biuro@transpol.example',
      phone: '+48 22 123 45 67',
      numberOfDrivers: overrides.drivers ?? 4,
    },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])),
    driverChecklists: { fileIds: CHECKLIST_IDS.slice(0, overrides.checklists ?? 3) },
    declaration: true,
  };
}

async function submit(body: unknown) {
  return t.app.inject({ method: 'POST', url: '/api/v1/accreditation/applications', headers: { ...json, ...key() }, payload: JSON.stringify(body) });
}

async function step(reference: string, action: string, body: Record<string, unknown>, role?: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/accreditation/applications/${reference}/actions/${action}`, headers: { ...json, ...key(), ...(role ? bearer(role) : {}) }, payload: JSON.stringify(body) });
}

async function read(reference: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/accreditation/applications/${reference}`, headers: bearer('caseworker-eo') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function submitted(overrides: Parameters<typeof application>[0] = {}) {
  const response = await submit(application(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { reference: string; accessCode: string; decisionDue: string };
}

async function assessAll(reference: string, outcome: (area: string) => 'met' | 'notMet', role = 'caseworker-eo') {
  for (const area of ACCREDITATION_AREAS) {
    const r = await step(reference, 'assessArea', { area, outcome: outcome(area), notes: outcome(area) === 'met' ? '' : `Nothing shown for ${area}` }, role);
    expect(r.statusCode, r.body).toBe(200);
  }
}

describe('applying through the API', () => {
  it('answers the reference, an access code and the decision due date, and emails the acknowledgement in the applicant’s language', async () => {
    const first = await submitted();
    const second = await submitted({ name: 'Balkan Trucks SRL', email: 'office@balkan.example' });
    expect(first.reference).toBe('CPAS-2026-00001');
    expect(second.reference).toBe('CPAS-2026-00002');
    expect(first.accessCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(first.accessCode).not.toBe(second.accessCode);
    expect(first.decisionDue).toBe(addDays('2026-03-02', POLICY_2023_1.accreditation.applicationDecisionDays));
    const outbox = t.outbox.folder;
    const emails = fs.readdirSync(outbox).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(outbox, f), 'utf8')) as { to: string; body: string });
    const mine = emails.find((e) => e.to === 'biuro@transpol.example');
    expect(mine?.body).toContain(first.accessCode);
    expect(mine?.body).toContain('Numer Państwa wniosku to CPAS-2026-00001');
    const view = await read(first.reference);
    expect(view.status).toBe('submitted');
    expect(view.decisionDue).toBe(first.decisionDue);
    expect(view.openSteps).toEqual(['requestInformation', 'assessArea', 'withdraw']);
  });

  it('gives applications sent at once their own references, and answers a repeated request (same key and body) as the first', async () => {
    const [a, b] = await Promise.all([submitted({ email: 'a@once.example' }), submitted({ email: 'b@once.example' })]);
    expect(a!.reference).not.toBe(b!.reference);
    const headers = { ...json, 'idempotency-key': 'cpas-repeat-1' };
    const body = JSON.stringify(application({ email: 'repeat@example.com' }));
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/accreditation/applications', headers, payload: body });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/accreditation/applications', headers, payload: body });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json()).toEqual(first.json());
  });

  it('names each field that is wrong, in the applicant’s language, and saves nothing', async () => {
    const body = application({ drivers: 60, checklists: 2 });
    body.company.email = 'no-at-sign';
    body.declaration = false;
    const response = await submit(body);
    expect(response.statusCode).toBe(422);
    const fields = (response.json().errors as { field: string; message: string }[]).map((e) => e.field);
    expect(fields).toEqual(['company.email', 'driverChecklists', 'declaration']);
    expect(response.json().errors[0].message).toContain('nazwa@example.com');
    const malformed = await submit({ company: { name: 'X' } });
    expect(malformed.statusCode).toBe(422);
    expect(malformed.json().errors.length).toBeGreaterThan(0);
  });
});

describe('assessing through the API', () => {
  it('takes more information only with the right access code, then accepts with the company resolved in the register', async () => {
    const { reference, accessCode } = await submitted({ name: 'Kowalski Logistics', email: 'kl@example.com' });
    expect((await step(reference, 'requestInformation', { areas: ['driverTraining'], message: 'Send the training register' })).statusCode).toBe(401);
    const asked = await step(reference, 'requestInformation', { areas: ['driverTraining'], message: 'Send the training register' }, 'caseworker-eo');
    expect(asked.statusCode, asked.body).toBe(200);
    const wrong = await step(reference, 'provideInformation', { accessCode: 'AAAA-BBBB-CC', text: 'Attached' });
    expect(wrong.statusCode).toBe(403);
    expect((await step(reference, 'assessArea', { accessCode, area: 'checkRecord', outcome: 'met' })).statusCode).toBe(401);
    const answered = await step(reference, 'provideInformation', { accessCode: accessCode.toLowerCase().replace(/-/g, ' '), text: 'The register is attached', fileIds: [CHECKLIST_IDS[0]!] });
    expect(answered.statusCode, answered.body).toBe(200);
    const afterAnswer = await read(reference);
    expect(afterAnswer.status).toBe('underAssessment');
    expect(afterAnswer.information.map((i: { kind: string }) => i.kind)).toEqual(['request', 'answer']);

    await assessAll(reference, () => 'met');
    const { version } = await read(reference);
    const stale = await step(reference, 'accept', { expectedVersion: version - 1 }, 'caseworker-eo');
    expect(stale.statusCode).toBe(409);
    const acceptance = { method: 'POST' as const, url: `/api/v1/accreditation/applications/${reference}/actions/accept`, headers: { ...json, ...bearer('caseworker-eo'), 'idempotency-key': `accept-${reference}` }, payload: JSON.stringify({ expectedVersion: version }) };
    const accepted = await t.app.inject(acceptance);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const repeated = await t.app.inject(acceptance);
    expect([repeated.statusCode, repeated.json()]).toEqual([200, accepted.json()]);
    const view = await read(reference);
    expect(view.status).toBe('accepted');
    expect(view.memberFrom).toBe('2026-03-02');
    const party = await t.services.parties.getParty(view.partyId);
    expect(party?.party.displayName).toBe('Kowalski Logistics');
    const memberships = await t.services.accreditation.memberships();
    expect(memberships.find((m) => m.reference === reference)).toMatchObject({ partyId: view.partyId, companyName: 'Kowalski Logistics', country: 'PL', memberFrom: '2026-03-02' });
    expect((await t.services.accreditation.queue()).map((r) => r.reference)).not.toContain(reference);
    const again = await step(reference, 'withdraw', { accessCode });
    expect(again.statusCode).toBe(422);
  });

  it('refuses only with a Senior Officer’s approval, never the proposer’s', async () => {
    const { reference } = await submitted({ name: 'Słaby Transport', email: 'st@example.com' });
    await assessAll(reference, (area) => (area === 'driverTraining' ? 'notMet' : 'met'));
    expect((await step(reference, 'accept', {}, 'caseworker-eo')).statusCode).toBe(422);
    const proposed = await step(reference, 'proposeRefusal', { summary: 'No training' }, 'senior-officer');
    expect(proposed.statusCode, proposed.body).toBe(200);
    const byCaseworker = await step(reference, 'approveRefusal', {}, 'caseworker-eo');
    expect(byCaseworker.statusCode).toBe(403);
    const byProposer = await step(reference, 'approveRefusal', {}, 'senior-officer');
    expect(byProposer.statusCode).toBe(422);
    expect(byProposer.json().title).toContain('cannot also approve');
    const other = { id: 'so-second', name: 'Second Senior Officer', roles: ['senior-officer'] };
    const approved = await t.services.accreditation.act(reference, 'approveRefusal', {}, { actor: other });
    expect(approved.ok).toBe(true);
    const view = await read(reference);
    expect(view.status).toBe('refused');
    expect(view.refusalProposal.reasons).toEqual([{ area: 'driverTraining', reason: 'Nothing shown for driverTraining' }]);
    expect(view.openSteps).toEqual([]);
  });
});

describe('the public endpoints', () => {
  it('are rate limited per address, except for staff with a token', async () => {
    const limited = await createTestApp({ signInRateLimitPerMinute: 2 });
    await keepChecklists(limited);
    try {
      const post = (url: string, body: unknown, headers: Record<string, string> = {}) => limited.app.inject({ method: 'POST', url, headers: { ...json, ...key(), ...headers }, payload: JSON.stringify(body) });
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await post('/api/v1/accreditation/applications', application({ email: `limit-${i}@example.com` }))).statusCode);
      expect(statuses).toEqual([201, 201, 429]);
      const url = '/api/v1/accreditation/applications/CPAS-2026-00001/actions/assessArea';
      const staff = [];
      for (let i = 0; i < 3; i += 1) staff.push((await post(url, { area: 'checkRecord', outcome: i % 2 ? 'met' : 'notMet', notes: `Try ${i}` }, bearer('caseworker-eo'))).statusCode);
      expect(staff).toEqual([200, 200, 200]);
      const guesses = [];
      for (let i = 0; i < 3; i += 1) guesses.push((await post('/api/v1/accreditation/applications/CPAS-2026-00001/actions/withdraw', { accessCode: `AAAA-BBBB-C${i + 2}` })).statusCode);
      expect(guesses).toEqual([403, 403, 429]);
    } finally {
      await limited.close();
    }
  });
});
