import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../../platform/database/client.js';
import { checkedPerson } from '../../../test/support/people-found.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const search = {
  searchedAt: minutesAgo(10),
  port: 'CQF',
  lane: '7',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  trailerRegistration: 'WGM 77AB',
  trailerCountry: 'PL',
  selectionReason: 'hub-target',
  methods: ['pmmw-scanner', 'dog'],
  searchedBy: 'border-force',
  result: 'nothing-found',
};

const s32Incident = {
  kind: 'port',
  offences: ['S32'],
  incidentDate: new Date().toISOString().slice(0, 10),
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  clandestineEntrants: 3,
  concealment: ['load'],
  riskToLife: ['refrigerated'],
  responsiblePersons: [
    { role: 'driver', kind: 'person', name: 'Piotr Kowalski', dateOfBirth: '1979-05-12', nationality: 'PL', documents: [{ kind: 'passport', number: 'EA1234567' }], language: 'pl' },
    { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' }, email: 'biuro@transpol.example' },
  ],
  peopleFound: [
    checkedPerson({
      apparentChild: true,
      potentialVictimOfTrafficking: false,
      medicalNeed: false,
      checks: { identity: 'done-clear', biometrics: 'done-clear' },
      ageAssessment: 'referred-merton',
      handover: { localAuthority: 'Kent County Council', date: new Date().toISOString().slice(0, 10), time: '00:05', socialWorker: 'Sam Okafor' },
    }),
    checkedPerson({ apparentChild: false, potentialVictimOfTrafficking: true, nrmReferralReference: 'NRM-2026-1234', medicalNeed: true, checks: { identity: 'not-done' } }),
    checkedPerson({ apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: false }),
  ],
};

function post(url: string, body: unknown, headers: Record<string, string> = {}, role = 'port-officer') {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role), ...headers }, payload: JSON.stringify(body) });
}

async function count(table: string): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
}

describe('POST /api/v1/searches', () => {
  it('records a search with nothing found, once per idempotency key', async () => {
    const first = await post('/api/v1/searches', search, { 'idempotency-key': 'search-1' });
    expect(first.statusCode).toBe(201);
    const again = await post('/api/v1/searches', search, { 'idempotency-key': 'search-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().searchId).toBe(first.json().searchId);
    expect(await count('searches')).toBe(1);
  });

  it('answers validateOnly without saving', async () => {
    const ok = await post('/api/v1/searches?validateOnly=true', search);
    expect(ok.json()).toEqual({ valid: true });
    const bad = await post('/api/v1/searches?validateOnly=true', { ...search, tractorRegistration: '*****' });
    expect(bad.statusCode).toBe(422);
    expect(await count('searches')).toBe(1);
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['an unknown port', { port: 'XXX' }, 'port'],
    ['a time in the future', { searchedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'searchedAt'],
    ['an impossible time', { searchedAt: '2026-13-45T99:00:00Z' }, 'searchedAt'],
    ['a wrong registration format for the UK', { tractorRegistration: 'ABCDEFGHIJ12', tractorCountry: 'GB' }, 'tractorRegistration'],
    ['no search method', { methods: [] }, 'methods'],
    ['an unknown method', { methods: ['telepathy'] }, 'methods'],
    ['a registration with no country', { tractorCountry: undefined }, 'tractorCountry'],
  ];
  for (const [name, change, field] of refusals) {
    it(`refuses ${name} with a specific error and saves nothing`, async () => {
      const before = await count('searches');
      const response = await post('/api/v1/searches', { ...search, ...change });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors.map((e: { field: string }) => e.field.split('.')[0])).toContain(field);
      expect(await count('searches')).toBe(before);
    });
  }
});

describe('POST /api/v1/incidents', () => {
  it('validateOnly lists the liabilities it would open and saves nothing', async () => {
    const response = await post('/api/v1/incidents?validateOnly=true', s32Incident);
    expect(response.statusCode).toBe(200);
    expect(response.json().liabilities).toEqual([
      { personIndex: 0, role: 'driver', offence: 'S32' },
      { personIndex: 1, role: 'owner', offence: 'S32' },
    ]);
    expect(await count('incidents')).toBe(0);
  });

  it('validateOnly answers every problem at once', async () => {
    const response = await post('/api/v1/incidents?validateOnly=true', { kind: 'port', offences: ['S32'], responsiblePersons: [] });
    expect(response.statusCode).toBe(422);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['incidentDate', 'port', 'vehicleKind', 'tractorRegistration', 'clandestineEntrants', 'responsiblePersons']));
  });

  it('opens one case with one liability per person and offence; a repeat gives the same case', async () => {
    const first = await post('/api/v1/incidents', s32Incident, { 'idempotency-key': 'incident-1' });
    expect(first.statusCode).toBe(201);
    const { caseReference, incidentId } = first.json();
    const again = await post('/api/v1/incidents', s32Incident, { 'idempotency-key': 'incident-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().caseReference).toBe(caseReference);
    expect(await count('incidents')).toBe(1);

    const kase = (await t.app.inject({ url: `/api/v1/cases/${caseReference}`, headers: bearer('caseworker-eo') })).json();
    expect(kase.liabilities.map((l: { role: string; offence: string }) => `${l.role}:${l.offence}`).sort()).toEqual(['driver:S32', 'owner:S32']);
    expect(kase.clandestineEntrants).toBe(3);

    // People found are kept apart: the port officer sees them, a caseworker does not.
    const asOfficer = (await t.app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: bearer('port-officer') })).json();
    expect(asOfficer.peopleFound).toHaveLength(3);
    expect(asOfficer.peopleFound[1]).toMatchObject({ potentialVictimOfTrafficking: true, nrmReferralReference: 'NRM-2026-1234' });
    const asCaseworker = (await t.app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: bearer('caseworker-eo') })).json();
    expect(asCaseworker.peopleFound).toBeUndefined();
    expect(asCaseworker.incident.responsiblePersons[1].address.town).toBe('Łódź');
  });

  it('requires an Idempotency-Key so a repeat cannot open a second case', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/incidents', headers: { 'content-type': 'application/json', ...bearer('port-officer') }, payload: JSON.stringify(s32Incident) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('Idempotency-Key');
  });

  it('refuses an incident that cannot be sent, saving nothing', async () => {
    const before = await count('incidents');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...s32Incident, clandestineEntrants: undefined }, 'clandestineEntrants'],
      [{ ...s32Incident, vehicleKind: 'car', offences: ['S32', 'S31A'] }, 'offences'],
      [{ ...s32Incident, tractorRegistration: '%%%' }, 'tractorRegistration'],
      [{ ...s32Incident, incidentDate: '2099-01-01' }, 'incidentDate'],
      [{ ...s32Incident, responsiblePersons: [{ ...s32Incident.responsiblePersons[0], kind: 'organisation' }, s32Incident.responsiblePersons[1]] }, 'responsiblePersons.0.kind'],
      [{ ...s32Incident, responsiblePersons: [{ ...s32Incident.responsiblePersons[0], email: 'nope' }] }, 'responsiblePersons.0.email'],
      [{ ...s32Incident, port: 'ZZZ' }, 'port'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/api/v1/incidents', body, { 'idempotency-key': `bad-${field}` });
      expect(response.statusCode, field).toBe(422);
      expect(response.json().errors.map((e: { field: string }) => e.field), field).toContain(field);
    }
    expect(await count('incidents')).toBe(before);
  });

  it('for an inland detection, requires the 72-hour test and the arrival date', async () => {
    const inland = { ...s32Incident, kind: 'inland', port: undefined, location: 'M20 junction 8, Maidstone services' };
    const response = await post('/api/v1/incidents?validateOnly=true', inland);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['estimatedArrivalDate', 'within72Hours', 'journey.crossingDate']));
  });
});
