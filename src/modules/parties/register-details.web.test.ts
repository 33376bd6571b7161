import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openCase, POLISH_DRIVER, POLISH_OWNER } from '../../../test/support/casework.js';
import { readStream } from '../../platform/events/event-store.js';
import { partyAddresses, vehicleLinks, vehicles, employmentLinks } from './schema.js';
import { liabilities } from '../casework/schema.js';

/*
 * The register keeps what it is told: border details kept when an entry is made or confirmed from a
 * case; an address, a vehicle and an employer recorded from the web and the API (each a command);
 * a stuck case (no address) unstuck by recording the address in the register; the party page in words.
 */

let t: TestApp;
let caseworker: WebClient;

const api = (method: 'POST' | 'GET', url: string, payload?: unknown, key: string | null = randomUUID(), role = 'caseworker-eo') =>
  t.app.inject({ method, url, headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...bearer(role) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

const caseApi = async (reference: string) => (await api('GET', `/api/v1/cases/${reference}`, undefined, null)).json() as {
  version: number;
  liabilities: { id: string; role: string; actions: { open: { action: string }[]; refused: { action: string; reasons: string[] }[] } }[];
};

/** The register entry a liability was confirmed to be. */
const partyOf = async (liabilityId: string) => (await t.database.db.select({ partyId: liabilities.partyId }).from(liabilities).where(eq(liabilities.id, liabilityId)))[0]!.partyId!;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
});
afterAll(async () => t?.close());

describe('creating or confirming a party from a case keeps what the border recorded', () => {
  let driverPartyId: string;

  it('a new register entry keeps the date of birth, nationality, address, documents, contacts and language', async () => {
    const opened = await openCase(t, { responsiblePersons: [{ ...POLISH_DRIVER, documents: [{ kind: 'passport', number: 'EA 1234567', country: 'PL' }], phone: '+48 22 123 45 67' }, POLISH_OWNER] });
    const driver = opened.liabilities.find((l) => l.role === 'driver')!;
    const created = await caseworker.post(`/cases/${opened.reference}/liabilities/${driver.id}/new-party`, {});
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    driverPartyId = await partyOf(driver.id);
    const entry = (await t.services.parties.getParty(driverPartyId))!;
    expect(entry.party).toMatchObject({ kind: 'person', displayName: 'Łukasz Żółkiewski', dateOfBirth: '1981-02-17', nationality: 'PL', language: 'pl' });
    expect(entry.addresses).toEqual([expect.objectContaining({ line1: 'ul. Świętokrzyska 12/4', town: 'Warszawa', postcode: '00-116', country: 'PL' })]);
    expect(entry.identifiers).toEqual([expect.objectContaining({ kind: 'passport', value: 'EA 1234567' })]);
    expect(entry.contacts.map((c) => `${c.kind} ${c.value}`).sort()).toEqual(['email lukasz@example.com', 'phone +48 22 123 45 67']);
  });

  it('confirming the entry from a later case adds the new address and document as records, overwriting nothing', async () => {
    const later = await openCase(t, {
      tractorRegistration: 'WGM 9999K',
      responsiblePersons: [
        { ...POLISH_DRIVER, dateOfBirth: '1981-02-17', address: { line1: 'ul. Piotrkowska 100', town: 'Łódź', postcode: '90-004', country: 'PL' }, documents: [{ kind: 'passport', number: 'EA1234567', country: 'PL' }, { kind: 'driving-licence', number: 'DL-55/12', country: 'PL' }] },
        POLISH_OWNER,
      ],
    });
    const driver = later.liabilities.find((l) => l.role === 'driver')!;
    const version = String((await caseApi(later.reference)).version);
    const confirmed = await caseworker.post(`/cases/${later.reference}/liabilities/${driver.id}/party`, { partyId: driverPartyId, version, score: '20' });
    expect(confirmed.statusCode, confirmed.body.slice(0, 500)).toBe(303);
    const entry = (await t.services.parties.getParty(driverPartyId))!;
    // The old address stays; the new one is beside it. The passport (same number, other spacing) is not repeated.
    expect(entry.addresses.map((a) => a.line1).sort()).toEqual(['ul. Piotrkowska 100', 'ul. Świętokrzyska 12/4']);
    expect(entry.identifiers.map((i) => i.kind).sort()).toEqual(['driving-licence', 'passport']);
    expect(entry.party.dateOfBirth).toBe('1981-02-17');
    const added = (await readStream(t.database.db, `party-${driverPartyId}`)).filter((e) => e.type === 'PartyDetailsAdded');
    expect(added).toHaveLength(1);
    expect(added[0]!.payload).toMatchObject({ caseReference: later.reference });

    // The party page tells it in words: the history as sentences, the cases with their roles and stages.
    const page = text((await caseworker.get(`/parties/${driverPartyId}`)).body);
    expect(page).toContain(`Added from case ${later.reference}: address ul. Piotrkowska 100, 90-004 Łódź, Poland; driving licence DL-55/12`);
    expect(page).toContain('Registered as a person named Łukasz Żółkiewski');
    expect(page).not.toContain('PartyRegistered');
    expect(page).toContain('Passport: EA 1234567 (Poland)');
    expect(page).toContain('Nationality Poland');
    expect(page).toContain('Language for letters Polish');
    expect(page).toContain('2 cases, 0 with a penalty imposed; nothing owed.');
    expect(page).toMatch(new RegExp(`${later.reference}\\s*: Driver, S31A, incident on \\d{1,2} \\w+ \\d{4}\\. Case created\\.`));
  });
});

describe('a case from a quick referral is no longer stuck without an address', () => {
  it('records the address in the register from the case, and the initial notice can be sent', async () => {
    const referral = await api('POST', '/api/v1/referrals', { port: 'CAL', incidentDate: '2026-10-20', offence: 'S32', clandestineEntrants: 1, vehicleRegistration: 'LT 555 AB', vehicleCountry: 'LT', driverName: 'Jonas Jonaitis', companyName: 'Baltic Haulage UAB' }, randomUUID(), 'port-officer');
    expect(referral.statusCode, referral.body).toBe(201);
    const reference = referral.json().reference as string;
    const owner = (await caseApi(reference)).liabilities.find((l) => l.role !== 'driver')!;
    expect(owner.actions.refused.find((a) => a.action === 'sendInitialNotice')?.reasons[0]).toMatch(/Record their address in the parties register/);

    // Not identified yet: the address waits for the register entry.
    expect((await caseworker.get(`/cases/${reference}/liabilities/${owner.id}/address`)).statusCode).toBe(422);
    expect((await caseworker.post(`/cases/${reference}/liabilities/${owner.id}/new-party`, {})).statusCode).toBe(303);
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.body).toContain(`/cases/${reference}/liabilities/${owner.id}/address`);
    expect(text(casePage.body)).toContain('New register entry made for');

    const form = await caseworker.get(`/cases/${reference}/liabilities/${owner.id}/address`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="LT" selected>Lithuania</option>');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;

    // A missing first line: the error next to the field and in the summary, and nothing changed.
    const bad = await caseworker.post(`/cases/${reference}/liabilities/${owner.id}/address`, { version, line1: '', town: 'Vilnius', country: 'LT' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toMatch(/id="line1-error"[\s\S]*Enter the first line of the address/);
    const partyId = await partyOf(owner.id);
    expect(await t.database.db.select().from(partyAddresses).where(eq(partyAddresses.partyId, partyId))).toEqual([]);

    const recorded = await caseworker.post(`/cases/${reference}/liabilities/${owner.id}/address`, { version, line1: 'Savanorių pr. 1', town: 'Vilnius', postcode: 'LT-03116', country: 'LT' });
    expect(recorded.statusCode, recorded.body.slice(0, 800)).toBe(303);
    expect(recorded.headers.location).toBe(`/cases/${reference}#responsible-persons`);
    expect((await t.services.parties.getParty(partyId))!.addresses.map((a) => a.line1)).toEqual(['Savanorių pr. 1']);
    const after = (await caseApi(reference)).liabilities.find((l) => l.id === owner.id)!;
    // The name and address check comes next; then the notice can be sent.
    expect(after.actions.open.map((a) => a.action)).toContain('checkNoticeDetails');
    expect(text((await caseworker.get(`/cases/${reference}`)).body)).toContain('Address recorded in the register: letters on this case go to it.');

    // Now the case has an address: another is a change, which needs a second officer.
    const again = await caseworker.post(`/cases/${reference}/liabilities/${owner.id}/address`, { version: String((await caseApi(reference)).version), line1: 'Other 2', town: 'Kaunas', country: 'LT' });
    expect(again.statusCode).toBe(422);
    expect(text(again.body)).toContain('already has an address on the case');
  });
});

describe('addresses, vehicles and employers through the API', () => {
  let companyId: string;
  let driverId: string;

  beforeAll(async () => {
    const company = await api('POST', '/api/v1/parties', { kind: 'organisation', name: 'Gamma Logistics SRL', country: 'RO', identifiers: [{ kind: 'company-number', value: 'J40/1234/2010' }] });
    companyId = company.json().partyId;
    driverId = (await api('POST', '/api/v1/parties', { kind: 'person', name: 'Ion Popescu', dateOfBirth: '1979-05-01' })).json().partyId;
  });

  it('records an address once per key: replayed with the same key, refused without one, and as a duplicate', async () => {
    const url = `/api/v1/parties/${companyId}/addresses`;
    const address = { line1: 'Str. Lipscani 10', town: 'București', postcode: '030031', country: 'RO' };
    expect((await api('POST', url, address, null)).statusCode).toBe(400);
    const key = randomUUID();
    const first = await api('POST', url, address, key);
    expect(first.statusCode, first.body).toBe(201);
    const replay = await api('POST', url, address, key);
    expect(replay.statusCode).toBe(200);
    expect(await t.database.db.select().from(partyAddresses).where(eq(partyAddresses.partyId, companyId))).toHaveLength(1);
    // The same address in another spelling (abbreviation, postcode spacing, no diacritics) is one the register has.
    const duplicate = await api('POST', url, { line1: 'Strada Lipscani 10', town: 'Bucuresti', postcode: '030 031', country: 'ro' });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().errors).toEqual([{ field: 'line1', message: 'The register already has this address for them' }]);
  });

  it('answers bad input with the field, and an unknown party with 404', async () => {
    const bad = await api('POST', `/api/v1/parties/${companyId}/addresses`, { town: 'Cluj', country: 'Romania' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'line1']);
    expect((await api('POST', `/api/v1/parties/${randomUUID()}/addresses`, { line1: 'x 1', country: 'RO' })).statusCode).toBe(404);
    expect((await api('POST', `/api/v1/parties/${companyId}/addresses`, { line1: 'x 1', country: 'RO' }, randomUUID(), 'analyst')).statusCode).toBe(403);
  });

  it('records a company’s vehicle with the registration normalised, once per registration and country', async () => {
    const first = await api('POST', `/api/v1/parties/${companyId}/vehicles`, { registration: 'B 123 ABC', country: 'RO', kind: 'hgv-tractor', role: 'owner' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await api('POST', `/api/v1/parties/${companyId}/vehicles`, { registration: 'b-123-abc', country: 'RO', kind: 'hgv-tractor', role: 'operator' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().vehicleId).toBe(first.json().vehicleId);
    const [vehicle] = await t.database.db.select().from(vehicles).where(eq(vehicles.id, first.json().vehicleId));
    expect(vehicle!.registrationKey).toBe('B123ABC');
    const links = await t.database.db.select().from(vehicleLinks).where(eq(vehicleLinks.vehicleId, vehicle!.id));
    expect(links.map((l) => `${l.partyId === companyId} ${l.role}`).sort()).toEqual(['true operator', 'true owner']);
    const bad = await api('POST', `/api/v1/parties/${companyId}/vehicles`, { registration: 'B 123 ABC', country: 'RO', kind: 'spaceship', role: 'owner' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('kind');
  });

  it('records a driver’s employer, refusing an employer that is not an organisation', async () => {
    const refused = await api('POST', `/api/v1/parties/${driverId}/employers`, { organisationId: driverId, relationship: 'employee' });
    expect(refused.statusCode).toBe(422);
    const linked = await api('POST', `/api/v1/parties/${driverId}/employers`, { organisationId: companyId, relationship: 'employee', validFrom: '2024-01-01' });
    expect(linked.statusCode, linked.body).toBe(201);
    const rows = await t.database.db.select().from(employmentLinks).where(eq(employmentLinks.personId, driverId));
    expect(rows).toEqual([expect.objectContaining({ organisationId: companyId, relationship: 'employee', validFrom: '2024-01-01' })]);
  });

  it('documents the three operations in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json', headers: bearer('caseworker-eo') })).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/parties/{id}/addresses', '/api/v1/parties/{id}/vehicles', '/api/v1/parties/{id}/employers']) expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe('addresses, vehicles and employers from the party page', () => {
  it('records each with a form, errors next to the field, and a banner after', async () => {
    const company = (await api('POST', '/api/v1/parties', { kind: 'organisation', name: 'Delta Trans Sp. z o.o.', country: 'PL', identifiers: [{ kind: 'company-number', value: '0000123456' }] })).json().partyId as string;
    const driver = (await api('POST', '/api/v1/parties', { kind: 'person', name: 'Marek Zieliński', nationality: 'PL' })).json().partyId as string;

    const page = text((await caseworker.get(`/parties/${company}`)).body);
    expect(page).toContain('Legal form Sp. z o.o.');
    expect(page).toContain('Country Poland');
    expect(page).toContain('Company number: 0000123456');
    expect(page).not.toMatch(/SP-ZOO|company-number/);

    const badAddress = await caseworker.post(`/parties/${company}/address`, { line1: 'ul. Morska 3', town: 'Gdynia', country: '' });
    expect(badAddress.statusCode).toBe(422);
    expect(badAddress.body).toMatch(/id="country-error"[\s\S]*Enter the country/);
    const address = await caseworker.post(`/parties/${company}/address`, { line1: 'ul. Morska 3', town: 'Gdynia', postcode: '81-225', country: 'PL' });
    expect(address.statusCode).toBe(303);
    expect(text((await caseworker.get(address.headers.location as string)).body)).toContain('Address recorded in the register.');

    const badVehicle = await caseworker.post(`/parties/${company}/vehicles`, { registration: '', country: 'PL', kind: 'hgv-tractor', role: 'owner' });
    expect(badVehicle.statusCode).toBe(422);
    expect(badVehicle.body).toMatch(/id="registration-error"[\s\S]*Enter the registration/);
    const vehicle = await caseworker.post(`/parties/${company}/vehicles`, { registration: 'gd 12345', country: 'PL', kind: 'trailer', role: 'owner' });
    expect(vehicle.statusCode, vehicle.body.slice(0, 500)).toBe(303);
    expect(text((await caseworker.get(`/parties/${company}`)).body)).toContain('gd 12345 (Poland), trailer: owner');

    const search = await caseworker.get(`/parties/${driver}/employer?q=${encodeURIComponent('delta trans')}`);
    expect(search.body).toContain(`value="${company}"`);
    const noChoice = await caseworker.post(`/parties/${driver}/employer`, { q: 'delta trans', relationship: 'employee' });
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toMatch(/id="organisationId-error"[\s\S]*Choose the employer/);
    const employer = await caseworker.post(`/parties/${driver}/employer`, { q: 'delta trans', organisationId: company, relationship: 'contractor' });
    expect(employer.statusCode).toBe(303);
    const driverPage = text((await caseworker.get(`/parties/${driver}`)).body);
    expect(driverPage).toContain('Delta Trans Sp. z o.o. : Contractor');
    expect(driverPage).toContain('Recorded as contractor of Delta Trans Sp. z o.o.');
    expect(text((await caseworker.get(`/parties/${company}`)).body)).toContain('Drivers Marek Zieliński : Contractor');
  });
});
