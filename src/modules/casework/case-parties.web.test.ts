import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';

let t: TestApp;
let reference: string;
let caseworker: WebClient;
let registeredId: string;

beforeAll(async () => {
  t = await createTestApp();
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/parties',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('caseworker-eo') },
    payload: { kind: 'organisation', name: 'TRANS POL SP ZOO', country: 'PL', identifiers: [{ kind: 'vat', value: 'PL5260001234' }] },
  });
  expect(registered.statusCode).toBe(201);
  registeredId = registered.json().partyId;
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: { port: 'CAL', incidentDate: '2026-10-20', offence: 'S32', clandestineEntrants: 1, vehicleRegistration: 'WGM 4521K', vehicleCountry: 'PL', driverName: 'Tomasz Wójcik', companyName: 'Trans-Pol Sp. z o.o.' },
  });
  reference = opened.json().reference;
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
});
afterAll(async () => t?.close());

describe('identifying the responsible persons on a case', () => {
  it('proposes the registered company with each field’s contribution, and records the caseworker’s confirmation', async () => {
    const page = await caseworker.get(`/cases/${reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('TRANS POL SP ZOO');
    expect(page.body).toMatch(/Likely the same|Possibly the same/);
    const liabilityId = new RegExp(`/cases/${reference}/liabilities/([0-9a-f-]{36})/party`).exec(page.body)![1]!;
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;

    const confirmed = await caseworker.post(`/cases/${reference}/liabilities/${liabilityId}/party`, { partyId: registeredId, version, score: '20' });
    expect(confirmed.statusCode).toBe(303);
    const after = await caseworker.get(`/cases/${reference}`);
    expect(after.body).toContain(`/parties/${registeredId}`);
    expect(after.body).toContain('Owner identified in the register');

    // The same form sent again from the old page is stale: refused, not applied twice.
    const stale = await caseworker.post(`/cases/${reference}/liabilities/${liabilityId}/party`, { partyId: registeredId, version, score: '20' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this case');
  });

  it('creates a new register entry for a driver nobody has seen before', async () => {
    const page = await caseworker.get(`/cases/${reference}`);
    const match = new RegExp(`/cases/${reference}/liabilities/([0-9a-f-]{36})/new-party`).exec(page.body);
    expect(match).not.toBeNull();
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const created = await caseworker.post(`/cases/${reference}/liabilities/${match![1]}/new-party`, { version });
    expect(created.statusCode).toBe(303);
    const found = await t.services.parties.search('Tomasz Wojcik');
    expect(found[0]?.displayName).toBe('Tomasz Wójcik');
    const after = await caseworker.get(`/cases/${reference}`);
    expect(after.body).toContain('Driver identified in the register');
    expect(after.body).toContain('A new register entry was created for them.');
  });

  it('lets an analyst read the case but not decide', async () => {
    const analyst = await WebClient.signedIn(t.app, 'analyst');
    const page = await analyst.get(`/cases/${reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/new-party');
  });
});

describe('the register pages', () => {
  it('searches, shows a party with possible duplicates, merges and unmerges', async () => {
    const duplicate = await t.services.parties.register({ kind: 'organisation', name: 'Trans-Pol Spółka z o.o.', country: 'PL' }, { actor: { id: 'x', name: 'X', roles: ['caseworker-eo'] } });
    expect(duplicate.ok).toBe(true);
    const duplicateId = duplicate.ok ? duplicate.value.partyId : '';
    const search = await caseworker.get('/parties?q=' + encodeURIComponent('trans pol'));
    expect(search.body).toContain(registeredId);
    const party = await caseworker.get(`/parties/${registeredId}`);
    expect(party.body).toContain('Possible duplicates');
    expect(party.body).toContain(duplicateId);
    const merged = await caseworker.post(`/parties/${registeredId}/merge`, { otherId: duplicateId });
    expect(merged.statusCode).toBe(303);
    const afterMerge = await caseworker.get(`/parties/${registeredId}`);
    expect(afterMerge.body).toContain('Entries merged into this identity');
    const unmerged = await caseworker.post(`/parties/${registeredId}/unmerge`, { otherId: duplicateId });
    expect(unmerged.statusCode).toBe(303);
    expect(await t.services.parties.resolvedPartyId(duplicateId)).toBe(duplicateId);
  });
});
