import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { extractPdf } from '../../platform/pdf/pdf-text.testing.js';
import { minimalPdf } from '../../platform/files/test-fixtures.js';
import { GUIDANCE_DOCUMENTS } from './guidance.js';
import { assuranceService } from './assurance-service.js';
import type { RegisterMember } from './register.js';

/*
 * CPAS guidance pages and PDFs, the public register's date handling and CSV, and assurance of
 * members on the settable clock (one app for the file).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('guidance and toolkit', () => {
  it.each([
    ['en', 'Vehicle security checklist', 'Version 1.0, 1 December 2026'],
    ['pl', 'Lista kontrolna zabezpieczenia pojazdu', 'Wersja 1.0, 1 grudnia 2026'],
  ])('shows every page in %s with nothing left in English, each with its version and PDF', async (lang, title, version) => {
    const client = new WebClient(t.app);
    const index = await client.get(`/accreditation/guidance?lang=${lang}`);
    expect(index.statusCode).toBe(200);
    expect(index.body).not.toContain('data-untranslated');
    for (const document of GUIDANCE_DOCUMENTS) expect(index.body).toContain(`/accreditation/guidance/${document.slug}.pdf`);
    expect(index.body).toContain('id="feedback-link"');
    for (const document of GUIDANCE_DOCUMENTS) {
      const page = await client.get(`/accreditation/guidance/${document.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('data-untranslated');
      expect(page.body).toContain(`lang="${lang}"`);
      expect(text(page.body)).toContain(version);
    }
    const checklist = await client.get('/accreditation/guidance/security-checklist');
    expect(text(checklist.body)).toContain(title);

    const pdf = await client.get('/accreditation/guidance/security-checklist.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const extracted = (await extractPdf(pdf.rawPayload)).text.replace(/\s+/g, ' ');
    expect(extracted).toContain(title);
    expect(extracted).toContain(version);
  });

  it('answers an unknown guidance page with the not-found page', async () => {
    expect((await t.app.inject({ url: '/accreditation/guidance/nothing-here' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/accreditation/guidance/nothing-here.pdf' })).statusCode).toBe(404);
  });
});

describe('the public register', () => {
  it('answers a date that is not real with a field error, never a 500', async () => {
    for (const on of ['2026-02-30', 'yesterday', '2026-13-01']) {
      const api = await t.app.inject({ url: `/api/v1/accreditation/members?on=${on}` });
      expect(api.statusCode, on).toBe(400);
      expect(api.json().errors[0].field).toBe('on');
    }
    const page = await t.app.inject({ url: '/accreditation/members?on-day=31&on-month=2&on-year=2026' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('govuk-error-summary');
    expect(text(page.body)).toContain('Enter a real date, for example 4 12 2026');
    expect((await t.app.inject({ url: '/accreditation/members.csv?on=2026-02-30' })).statusCode).toBe(400);
  });

  it('answers a real date with the members on it, as JSON, as a page and as CSV', async () => {
    const api = await t.app.inject({ url: '/api/v1/accreditation/members?on=2026-12-04' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ on: '2026-12-04', members: expect.any(Array) });
    const page = await t.app.inject({ url: '/accreditation/members?lang=pl&name=transpol' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('data-untranslated');
    const csv = await t.app.inject({ url: '/accreditation/members.csv?on=2026-12-04' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="cpas-members-2026-12-04.csv"');
  });

  it('lists an accepted company from the day it became a member, found by any spelling of its name, in the page and the CSV', async () => {
    t.clock.set(new Date('2026-03-02T10:00:00Z'));
    let n = 0;
    const post = (url: string, body: unknown, role?: string) =>
      t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': `register-test-${++n}`, ...(role ? bearer(role) : {}) }, payload: JSON.stringify(body) });
    // The API takes only files uploaded first (POST /api/v1/accreditation/files): kept here directly.
    const checklists = await Promise.all([1, 2, 3].map(async (i) => (await t.services.files.put(minimalPdf(`Checklist ${i}`), 'application/pdf')).hash));
    const submitted = await post('/api/v1/accreditation/applications', {
      language: 'pl',
      company: { name: 'Trans-Pol Sp. z o.o.', country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email: 'biuro@transpol.example', phone: '+48 22 123 45 67', numberOfDrivers: 4 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])),
      driverChecklists: { fileIds: checklists },
      declaration: true,
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const { reference } = submitted.json() as { reference: string };
    for (const area of ACCREDITATION_AREAS) expect((await post(`/api/v1/accreditation/applications/${reference}/actions/assessArea`, { area, outcome: 'met' }, 'caseworker-eo')).statusCode).toBe(200);
    t.clock.set(new Date('2026-03-10T10:00:00Z'));
    const accepted = await post(`/api/v1/accreditation/applications/${reference}/actions/accept`, {}, 'caseworker-eo');
    expect(accepted.statusCode, accepted.body).toBe(200);

    const page = await t.app.inject({ url: '/accreditation/members?lang=pl&name=transpol&country=Polska' });
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Trans-Pol Sp. z o.o.');
    expect(text(page.body)).toContain(reference);
    expect(page.body).not.toContain('data-untranslated');
    expect(text((await t.app.inject({ url: '/accreditation/members?name=balkan' })).body)).not.toContain('Trans-Pol');
    const before = (await t.app.inject({ url: '/api/v1/accreditation/members?on=2026-03-09' })).json() as { members: { reference: string }[] };
    expect(before.members.map((m) => m.reference)).not.toContain(reference);
    const after = (await t.app.inject({ url: '/api/v1/accreditation/members?on=2026-03-10' })).json() as { members: { reference: string; name: string }[] };
    expect(after.members).toContainEqual(expect.objectContaining({ reference, name: 'Trans-Pol Sp. z o.o.' }));
    const csv = await t.app.inject({ url: '/accreditation/members.csv?name=TRANS%20POL' });
    expect(csv.body).toContain(`Trans-Pol Sp. z o.o.,Poland,2026-03-10,${reference}`);
  });
});

describe('assurance of members on the settable clock', () => {
  const members: RegisterMember[] = [
    { partyId: 'party-a', reference: 'CPAS-2026-00001', name: 'Alpha Trans Sp. z o.o.', country: 'PL', memberFrom: '2025-11-01' },
    { partyId: 'party-b', reference: 'CPAS-2026-00002', name: 'Beta Logistics SRL', country: 'RO', memberFrom: '2026-06-01' },
  ];
  const membersOn = async (date: string) => members.filter((m) => m.memberFrom <= date);

  it('lists members overdue first, moves the next check on after a check, and refuses a stale form', async () => {
    const assurance = assuranceService(t.database.db, { membersOn, clock: t.clock });
    t.clock.set(new Date('2026-12-04T12:00:00Z'));
    let list = await assurance.list();
    expect(list.map((e) => [e.partyId, e.nextCheckDue, e.standing.kind])).toEqual([
      ['party-a', '2026-11-01', 'overdue'],
      ['party-b', '2027-06-01', 'notYetDue'],
    ]);
    expect((await assurance.dueNow()).overdue).toBe(1);

    const actor = { id: 'assurer', name: 'Jo Assurer', roles: ['assurer-ho'] };
    const recorded = await assurance.record({ partyId: 'party-a', kind: 'visit', date: '2026-12-03', findings: [{ area: 'securityDevices', result: 'met', notes: '' }], outcome: 'satisfactory' }, { actor, expectedVersion: 0 });
    expect(recorded.ok && recorded.value.nextCheckDue).toBe('2027-12-03');
    list = await assurance.list();
    expect(list.map((e) => [e.partyId, e.nextCheckDue])).toEqual([
      ['party-b', '2027-06-01'],
      ['party-a', '2027-12-03'],
    ]);
    expect((await assurance.dueNow()).count).toBe(0);

    const stale = await assurance.record({ partyId: 'party-a', kind: 'deskCheck', date: '2026-12-04', findings: [{ area: 'checkRecord', result: 'met', notes: '' }], outcome: 'satisfactory' }, { actor, expectedVersion: 0 });
    expect(stale.ok || stale.kind).toBe('conflict');
    const notMember = await assurance.record({ partyId: 'party-b', kind: 'visit', date: '2026-05-01', findings: [{ area: 'checkRecord', result: 'met', notes: '' }], outcome: 'satisfactory' }, { actor });
    expect(notMember.ok).toBe(false);

    t.clock.set(new Date('2027-06-02T12:00:00Z'));
    expect((await assurance.list())[0]).toMatchObject({ partyId: 'party-b', standing: { kind: 'overdue', daysOverdue: 1 } });
  });

  it('shows the staff list to caseworkers and the reminder on the manager’s dashboard', async () => {
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await eo.get('/accreditation/assurance');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="assurance-list"');
    const manager = await WebClient.signedIn(t.app, 'manager');
    const dashboard = await manager.get('/dashboard');
    expect(dashboard.body).toContain('id="accreditation-checks-due"');
  });
});
