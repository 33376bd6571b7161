import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openCase, signInAs } from '../../../test/support/casework.js';

let t: TestApp;
let partyId: string;
let caseworker: WebClient;
let caseworkerUser: { id: string; displayName: string };

const readsOf = async (record: string) => (await t.services.personalDataReads.list({ record, pageSize: 200 })).rows;

beforeAll(async () => {
  t = await createTestApp();
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/parties',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'register-marta', ...bearer('caseworker-eo') },
    payload: { kind: 'person', name: 'Marta Kowalczyk', country: 'PL', dateOfBirth: '1979-05-02' },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  partyId = registered.json().partyId;
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  const user = (await t.services.identity.listUsers()).find((u) => u.username === 'caseworker-eo')!;
  caseworkerUser = { id: user.id, displayName: user.displayName };
});
afterAll(async () => t?.close());

describe('reads of a person’s record', () => {
  it('logs a caseworker opening a register entry: who, when, which record, through which page', async () => {
    t.clock.set(new Date('2026-12-04T18:42:00Z'));
    const page = await caseworker.get(`/parties/${partyId}`);
    expect(page.statusCode).toBe(200);
    const reads = await readsOf(partyId);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      userId: caseworkerUser.id,
      userName: caseworkerUser.displayName,
      recordKind: 'party',
      recordId: partyId,
      partyId,
      route: 'GET /parties/:id',
      channel: 'page',
    });
    // When, by the injectable clock (set a moment ago, so the same minute).
    expect(reads[0]!.readAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-04T18:42:00Z'));
    expect(reads[0]!.readAt.getTime()).toBeLessThan(Date.parse('2026-12-04T18:43:00Z'));
  });

  it('logs nothing for a record that is not there', async () => {
    const missing = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';
    expect((await caseworker.get(`/parties/${missing}`)).statusCode).toBe(404);
    expect(await readsOf(missing)).toEqual([]);
  });

  it('logs the API’s reads: each register entry a search answers with, and a case with its confirmed people', async () => {
    const search = await t.app.inject({ url: `/api/v1/parties?q=${encodeURIComponent('Marta Kowalczyk')}`, headers: bearer('analyst') });
    expect(search.statusCode).toBe(200);
    expect(search.json().parties.map((p: { id: string }) => p.id)).toContain(partyId);
    const apiRead = (await readsOf(partyId)).find((r) => r.route === 'GET /api/v1/parties');
    expect(apiRead).toMatchObject({ channel: 'api', recordKind: 'party', recordId: partyId });

    const opened = await openCase(t);
    const driver = opened.liabilities.find((l) => l.role === 'driver')!;
    const confirmed = await t.services.cases.confirmLiabilityParty(
      { reference: opened.reference, liabilityId: driver.id, partyId, how: 'confirmed-proposal' },
      { actor: { id: caseworkerUser.id, name: caseworkerUser.displayName, roles: ['caseworker-eo'] } },
    );
    expect(confirmed.ok).toBe(true);
    const before = (await readsOf(opened.reference)).length;
    const kase = await t.app.inject({ url: `/api/v1/cases/${opened.reference}`, headers: bearer('caseworker-ao') });
    expect(kase.statusCode).toBe(200);
    const caseReads = (await readsOf(opened.reference)).slice(0, (await readsOf(opened.reference)).length - before);
    expect(caseReads).toEqual([expect.objectContaining({ recordKind: 'case', caseReference: opened.reference, partyId, channel: 'api', route: 'GET /api/v1/cases/:reference' })]);

    // The case page shows the same person: a read of their entry, found by the entry's id.
    await caseworker.get(`/cases/${opened.reference}`);
    expect((await readsOf(partyId)).filter((r) => r.route === 'GET /cases/:reference')).toHaveLength(1);

    // The incident, and the page of the people found at it (none recorded here, so the incident page showed none).
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get(`/incidents/${opened.incidentId}`)).statusCode).toBe(200);
    expect((await officer.get(`/incidents/${opened.incidentId}/people`)).statusCode).toBe(200);
    const incidentReads = await readsOf(opened.incidentId);
    expect(incidentReads.map((r) => `${r.recordKind} ${r.route}`).sort()).toEqual([
      'incident GET /incidents/:id',
      'people-found GET /incidents/:id/people',
    ]);
  });
});

describe('the administrator’s page of reads', () => {
  it('shows who read which record and when, filtered by record and by user', async () => {
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const page = await admin.get(`/admin/personal-data-reads?record=${partyId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('4 December 2026 at 18:42');
    expect(page.body).toContain(caseworkerUser.displayName);
    expect(page.body).toContain('GET /parties/:id');
    expect(page.body).toContain(`href="/parties/${partyId}"`);

    const byUser = await admin.get(`/admin/personal-data-reads?user=${caseworkerUser.id}`);
    expect(byUser.body).toContain('GET /parties/:id');
    expect(byUser.body).not.toContain('GET /api/v1/parties');

    const nobody = await admin.get(`/admin/personal-data-reads?user=${encodeURIComponent('someone who never signed in')}`);
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain('No reads match these filters');
  });

  it('shows 50 reads a page, with links to the others', async () => {
    const reader = await signInAs(t, 'reader-for-paging', ['analyst'], 'Paging Reader');
    for (let i = 0; i < 51; i += 1) expect((await reader.get(`/parties/${partyId}`)).statusCode).toBe(200);
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const first = await admin.get('/admin/personal-data-reads?user=Paging%20Reader');
    expect(first.body).toContain('51 reads, page 1 of 2');
    expect(first.body.match(/Paging Reader<\/a>/g)).toHaveLength(50);
    expect(first.body).toMatch(/href="\/admin\/personal-data-reads\?user=Paging\+Reader&amp;page=2"/);
    const second = await admin.get('/admin/personal-data-reads?user=Paging+Reader&page=2');
    expect(second.body.match(/Paging Reader<\/a>/g)).toHaveLength(1);
  });

  it('is refused to everyone but an administrator, and a filter given twice is refused without a 500', async () => {
    for (const role of ['caseworker-eo', 'manager', 'analyst']) {
      const client = await WebClient.signedIn(t.app, role);
      expect((await client.get('/admin/personal-data-reads')).statusCode, role).toBe(403);
      expect((await client.get('/admin/retention')).statusCode, role).toBe(403);
    }
    const anonymous = await t.app.inject({ url: '/admin/personal-data-reads' });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
    const admin = await WebClient.signedIn(t.app, 'administrator');
    expect((await admin.get('/admin/personal-data-reads?user=a&user=b')).statusCode).toBe(400);
  });
});
