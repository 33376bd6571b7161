import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { checkedPeople } from '../../../test/support/people-found.js';
import { errorSummary } from '../../../test/support/casework.js';
import { rowsOf } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { detectionService } from './earlier-crossing.js';
import { detectionOptions } from './detection-form.js';

/*
 * Issue #14 item 3: the one method that found them, and an inland detection linked to the vehicle's
 * earlier crossing — found by registration in the days before the estimated arrival, confirmed by
 * the officer, and then counted as a "failure" of that search by port, lane, method and selection.
 */

let t: TestApp;
const actors = new Map<string, Actor>();
const as = (username: string) => ({ actor: actors.get(username)! });
// Day D is today (UK); the crossing searched on D−1 at noon UTC, in the past whatever the hour.
const D = ukDate(new Date());
const atNoon = (day: string) => `${day}T12:00:00Z`;

const search = (overrides: Record<string, unknown> = {}) => ({
  searchedAt: atNoon(addDays(D, -1)),
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
  ...overrides,
});

const inland = (overrides: Record<string, unknown> = {}) => ({
  kind: 'inland',
  offences: ['S32'],
  incidentDate: D,
  estimatedArrivalDate: D,
  location: 'Lorry park, Ashford',
  vehicleKind: 'hgv',
  // Typed differently from the search: the key ignores spaces, hyphens and case.
  tractorRegistration: 'wgm-4521k',
  tractorCountry: 'PL',
  clandestineEntrants: 2,
  ...overrides,
});

function api(method: 'GET' | 'POST', url: string, role: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(role), ...(body ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
}

async function recordSearch(body: Record<string, unknown>): Promise<string> {
  const response = await api('POST', '/api/v1/searches', 'port-officer', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().searchId;
}

async function draft(username: string, incident: Record<string, unknown>): Promise<string> {
  const saved = await t.services.borderEvents.saveDraft({ incident }, as(username));
  if (!saved.ok) throw new Error(saved.message);
  return saved.value.incidentId;
}

let crossing: string;
let tooEarly: string;
let otherVehicle: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const user of await t.services.identity.listUsers()) actors.set(user.username, { id: user.id, name: user.displayName, roles: user.roles });
  crossing = await recordSearch(search());
  // Five days before D: outside the window (three days before the estimated arrival).
  tooEarly = await recordSearch(search({ searchedAt: atNoon(addDays(D, -5)), lane: '2' }));
  otherVehicle = await recordSearch(search({ tractorRegistration: 'ZZ 99 ZZZ', trailerRegistration: undefined, trailerCountry: undefined }));
});
afterAll(async () => t?.close());

describe('an inland detection and its earlier crossing', () => {
  it('lists the lorry searched at Coquelles the day before as the candidate, links it once confirmed, and counts that search as a failure by port, lane, method and selection', async () => {
    const detection = detectionService(t.database.db);
    const incidentId = await draft('police-officer', inland());
    const incident = (await t.services.borderEvents.getIncident(incidentId))!;

    const { window, candidates } = await detection.candidateCrossings(incident.data);
    expect(window).toEqual({ from: addDays(D, -3), to: D });
    expect(candidates.map((c) => c.id)).toEqual([crossing]);
    expect(candidates.map((c) => c.id)).not.toContain(tooEarly);
    expect(candidates.map((c) => c.id)).not.toContain(otherVehicle);

    const before = await detection.failures(addDays(D, -7), D);
    expect(before.total).toBe(0);

    const confirmed = await detection.confirm({ incidentId, searchId: crossing }, as('police-officer'));
    expect(confirmed.ok, confirmed.ok ? '' : confirmed.message).toBe(true);
    const decision = await detection.decisionFor(incidentId);
    expect(decision).toMatchObject({ outcome: 'confirmed', searchId: crossing, search: { portCode: 'CQF', lane: '7' } });
    const [event] = rowsOf<{ type: string; payload: { searchId: string } }>(
      await t.database.db.execute(sql`select type, payload from events where stream_id = ${`incident-${incidentId}`} and type = 'EarlierCrossingConfirmed'`),
    );
    expect(event?.payload.searchId).toBe(crossing);

    const report = await detection.failures(addDays(D, -7), D);
    expect(report.total).toBe(1);
    expect(report.failures[0]).toMatchObject({ searchId: crossing, port: 'CQF', lane: '7', selectionReason: 'hub-target', incidentId });
    expect(report.byPort).toEqual([{ key: 'CQF', failures: 1 }]);
    expect(report.byLane).toEqual([{ key: '7', failures: 1 }]);
    expect(report.bySelection).toEqual([{ key: 'hub-target', failures: 1 }]);
    expect(report.byMethod).toEqual([
      { key: 'dog', failures: 1 },
      { key: 'pmmw-scanner', failures: 1 },
    ]);
    // The failures API gives the monthly analysis the same counts; a period without the search has none.
    const viaApi = await api('GET', `/api/v1/searches/failures?from=${addDays(D, -1)}&to=${addDays(D, -1)}`, 'analyst');
    expect(viaApi.statusCode, viaApi.body).toBe(200);
    expect(viaApi.json()).toMatchObject({ total: 1, byMethod: [{ key: 'dog', failures: 1 }, { key: 'pmmw-scanner', failures: 1 }] });
    expect((await detection.failures(D, D)).total).toBe(0);
  });

  it('refuses a search that is not among the candidates, and a port incident', async () => {
    const detection = detectionService(t.database.db);
    const incidentId = await draft('police-officer', inland());
    const refused = await detection.confirm({ incidentId, searchId: tooEarly }, as('police-officer'));
    expect(refused).toMatchObject({ ok: false, kind: 'refused', errors: [{ field: 'searchId' }] });
    const portIncident = await draft('port-officer', { kind: 'port', offences: ['S32'], port: 'CQF', incidentDate: D, tractorRegistration: 'WGM 4521K' });
    expect(await detection.confirm({ incidentId: portIncident, searchId: crossing }, as('port-officer'))).toMatchObject({ ok: false, kind: 'refused' });
  });
});

describe('the earlier-crossing page', () => {
  let author: WebClient;
  let otherOfficer: WebClient;
  let incidentId: string;
  beforeAll(async () => {
    author = await WebClient.signedIn(t.app, 'police-officer');
    otherOfficer = await WebClient.signedIn(t.app, 'port-officer');
    incidentId = await draft('police-officer', inland({ tractorRegistration: 'WGM4521K', location: 'M20 services' }));
  });

  it('shows the officer the crossings found, with a button to confirm each', async () => {
    const page = await author.get(`/incidents/${incidentId}/earlier-crossing`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 search found');
    expect(page.body).toContain(`name="searchId" value="${crossing}"`);
    expect(page.body).toContain('This is the crossing');
    expect(page.body).toContain('Coquelles');
    expect(page.body).toContain('Hub-generated target');
    expect(page.body).not.toContain(`value="${tooEarly}"`);
  });

  it('refuses another officer’s draft (403), to read and to confirm', async () => {
    expect((await otherOfficer.get(`/incidents/${incidentId}/earlier-crossing`)).statusCode).toBe(403);
    await otherOfficer.get('/searches/new');
    expect((await otherOfficer.post(`/incidents/${incidentId}/earlier-crossing`, { searchId: crossing })).statusCode).toBe(403);
    expect(await detectionService(t.database.db).decisionFor(incidentId)).toBeNull();
  });

  it('confirms once: a repeat changes nothing, and another crossing afterwards is a clear 409', async () => {
    await author.get(`/incidents/${incidentId}/earlier-crossing`);
    const confirmed = await author.post(`/incidents/${incidentId}/earlier-crossing`, { searchId: crossing });
    expect(confirmed.statusCode, errorSummary(confirmed.body)).toBe(303);
    const shown = await author.get(`/incidents/${incidentId}/earlier-crossing`);
    expect(shown.body).toContain('Crossing confirmed');
    expect(shown.body).toContain('Confirmed crossing');

    const repeat = await author.post(`/incidents/${incidentId}/earlier-crossing`, { searchId: crossing });
    expect(repeat.statusCode).toBe(303);
    const events = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from events where stream_id = ${`incident-${incidentId}`} and type = 'EarlierCrossingConfirmed'`));
    expect(Number(events[0]!.n)).toBe(1);

    const another = await author.post(`/incidents/${incidentId}/earlier-crossing`, { searchId: otherVehicle });
    expect(another.statusCode).toBe(409);
    expect(errorSummary(another.body)).toContain('A crossing is already confirmed for this detection');
  });

  it('records that none of them is the crossing', async () => {
    const other = await draft('police-officer', inland({ tractorRegistration: 'WGM 4521K' }));
    await author.get(`/incidents/${other}/earlier-crossing`);
    const none = await author.post(`/incidents/${other}/earlier-crossing`, { action: 'none', note: 'The driver came through Holyhead' });
    expect(none.statusCode).toBe(303);
    expect(await detectionService(t.database.db).decisionFor(other)).toMatchObject({ outcome: 'none-right', searchId: null, note: 'The driver came through Holyhead' });
  });

  it('lists failures for a manager, and refuses an impossible period beside its field', async () => {
    const manager = await WebClient.signedIn(t.app, 'manager');
    const page = await manager.get(`/searches/failures?from=${addDays(D, -7)}&to=${D}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/\d+ failures? from/);
    expect(page.body).toContain('Coquelles');
    const bad = await manager.get('/searches/failures?from=2026-02-30&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('Give from as a real date');
    expect((await author.get('/searches/failures')).statusCode).toBe(403);
  });
});

describe('GET /api/v1/searches', () => {
  it('lists a vehicle’s searches by tractor or trailer registration, ignoring spaces, punctuation and case', async () => {
    const byTractor = await api('GET', '/api/v1/searches?registration=wgm-4521-k', 'port-officer');
    expect(byTractor.statusCode, byTractor.body).toBe(200);
    expect(byTractor.json().searches.map((s: { searchId: string }) => s.searchId)).toEqual([tooEarly, crossing]);
    const byTrailer = await api('GET', `/api/v1/searches?registration=${encodeURIComponent('WGM 77 AB')}&from=${addDays(D, -2)}&to=${D}`, 'caseworker-eo');
    expect(byTrailer.statusCode).toBe(200);
    expect(byTrailer.json().searches).toMatchObject([{ searchId: crossing, port: 'CQF', lane: '7', selectionReason: 'hub-target', methods: ['pmmw-scanner', 'dog'] }]);
  });

  it('pages the list', async () => {
    const first = await api('GET', '/api/v1/searches?registration=WGM4521K&limit=1', 'manager');
    expect(first.json()).toMatchObject({ page: 1, limit: 1, more: true, searches: [{ searchId: tooEarly }] });
    const second = await api('GET', '/api/v1/searches?registration=WGM4521K&limit=1&page=2', 'manager');
    expect(second.json()).toMatchObject({ page: 2, more: false, searches: [{ searchId: crossing }] });
  });

  it.each([
    ['no registration', ''],
    ['an impossible date', 'registration=WGM4521K&from=2026-02-30'],
    ['a date not as year-month-day', 'registration=WGM4521K&to=03/12/2026'],
    ['from after to', 'registration=WGM4521K&from=2026-12-03&to=2026-12-01'],
    ['a repeated registration', 'registration=WGM4521K&registration=WGM77AB'],
    ['a repeated date', 'registration=WGM4521K&from=2026-12-01&from=2026-12-02'],
    ['a huge page', 'registration=WGM4521K&page=99999999999999999999'],
    ['a limit over 100', 'registration=WGM4521K&limit=101'],
    ['a NUL byte', 'registration=WGM%004521K'],
  ])('answers %s with a problem (400)', async (_what, query) => {
    const response = await api('GET', `/api/v1/searches?${query}`, 'port-officer');
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.length).toBeGreaterThan(0);
  });

  it('is refused to roles that do not read searches (403)', async () => {
    expect((await api('GET', '/api/v1/searches?registration=WGM4521K', 'administrator')).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/searches/failures?from=${D}&to=${D}`, 'port-officer')).statusCode).toBe(403);
  });
});

describe('the detecting method of a search', () => {
  it('is required for a find, and must be one of the methods used or another way they came to light', async () => {
    const missing = await api('POST', '/api/v1/searches', 'port-officer', search({ result: 'clandestine-entrants' }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toContainEqual({ field: 'detectingMethod', message: 'Choose the one method that found them (or the breach)' });
    const notUsed = await api('POST', '/api/v1/searches', 'port-officer', search({ result: 'clandestine-entrants', detectingMethod: 'xray' }));
    expect(notUsed.statusCode).toBe(422);
    expect(notUsed.json().errors[0].field).toBe('detectingMethod');
    const unknownWithoutReason = await api('POST', '/api/v1/searches', 'port-officer', search({ result: 'both', detectingMethod: 'not-known' }));
    expect(unknownWithoutReason.json().errors).toContainEqual({ field: 'detectingMethodUnknownReason', message: 'Say why the method that found them is not known' });
    const nothingFoundWithMethod = await api('POST', '/api/v1/searches', 'port-officer', search({ detectingMethod: 'dog' }));
    expect(nothingFoundWithMethod.statusCode).toBe(422);

    const byDog = await recordSearch(search({ result: 'clandestine-entrants', detectingMethod: 'dog', tractorRegistration: 'DOG 1', trailerRegistration: undefined, trailerCountry: undefined }));
    const byDriver = await recordSearch(search({ result: 'clandestine-entrants', detectingMethod: 'driver-information', tractorRegistration: 'DRV 1', trailerRegistration: undefined, trailerCountry: undefined }));
    const unknown = await recordSearch(search({ result: 'not-secured', detectingMethod: 'not-known', detectingMethodUnknownReason: 'Found on arrival at the shed', tractorRegistration: 'UNK 1', trailerRegistration: undefined, trailerCountry: undefined }));
    const rows = rowsOf<{ id: string; detecting_method: string; detecting_method_unknown_reason: string | null }>(
      await t.database.db.execute(sql`select id, detecting_method, detecting_method_unknown_reason from searches where id in (${byDog}, ${byDriver}, ${unknown}) order by tractor_key`),
    );
    expect(rows.map((r) => [r.detecting_method, r.detecting_method_unknown_reason])).toEqual([
      ['dog', null],
      ['driver-information', null],
      ['not-known', 'Found on arrival at the shed'],
    ]);
  });

  it('is asked on the search form, beside the field when missing; the incident form reads the detection fields', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const form = await officer.get('/searches/new');
    expect(form.body).toContain('name="detectingMethod"');
    const [y, m, d] = D.split('-');
    const fields = { port: 'CQF', 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y!, time: '00:00', vehicleKind: 'hgv', tractorRegistration: 'FORM 1', tractorCountry: 'PL', selectionReason: 'intelligence', methods: ['dog', 'heartbeat'], searchedBy: 'border-force', result: 'clandestine-entrants' };
    const refused = await officer.post('/searches', fields);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('Choose the one method that found them');
    expect(refused.body).toContain('href="#detectingMethod"');
    const recorded = await officer.post('/searches', { ...fields, detectingMethod: 'heartbeat' });
    expect(recorded.statusCode, errorSummary(recorded.body)).toBe(303);
    expect(recorded.headers.location).toMatch(/^\/incidents\/new\?search=/);
    // The fields of the incident form's detection partial are read into the incident (detectionFromForm).
    const saved = await officer.post('/incidents', { kind: 'port', searchId: recorded.headers.location!.split('=')[1]!, offences: 'S32', tractorRegistration: 'FORM 1', detectingMethod: 'heartbeat', selectionReason: 'intelligence', action: 'save' });
    expect(saved.statusCode, errorSummary(saved.body)).toBe(303);
    const incident = await t.services.borderEvents.getIncident(saved.headers.location!.split('/')[2]!.split('?')[0]!);
    expect(incident?.data).toMatchObject({ detectingMethod: 'heartbeat', selectionReason: 'intelligence' });
  });
});

describe('the incident form’s detection partial (included in the vehicle step)', () => {
  it('asks for the one method that found them, why if not known, and how the vehicle was selected, with the saved answers chosen', async () => {
    const values = { kind: 'inland', detectingMethod: 'not-known', detectingMethodUnknownReason: 'Walked into the police station', selectionReason: 'intelligence' };
    const view = (t.app as unknown as { view(template: string, data: Record<string, unknown>): Promise<string> }).view.bind(t.app);
    const html = await view('intake/views/partials/detection-fields.njk', { values, detection: detectionOptions(values), fieldErrors: { detectingMethod: { text: 'Choose the method' } }, kind: 'inland', incidentId: crossing });
    expect(html).toMatch(/<input[^>]*id="detectingMethod-12"[^>]*value="not-known"[^>]*checked/);
    expect(html).toContain('Information from the driver');
    expect(html).toContain('Walked into the police station</textarea>');
    expect(html).toMatch(/value="intelligence"[^>]*checked/);
    expect(html).toContain('Choose the method');
    expect(html).toContain(`/incidents/${crossing}/earlier-crossing`);
  });
});

describe('a sent incident’s page', () => {
  it('shows the method that found them, how the vehicle was selected, the concealment and the risk to life, by name', async () => {
    const sent = await api('POST', '/api/v1/incidents', 'port-officer', {
      kind: 'port',
      offences: ['S32'],
      incidentDate: D,
      port: 'CQF',
      vehicleKind: 'hgv',
      tractorRegistration: 'SENT 123',
      tractorCountry: 'PL',
      clandestineEntrants: 1,
      concealment: ['load'],
      riskToLife: ['refrigerated'],
      detectingMethod: 'dog',
      selectionReason: 'hub-target',
      peopleFound: checkedPeople(1),
      responsiblePersons: [
        { role: 'driver', kind: 'person', name: 'Piotr Kowalski', nationality: 'PL' },
        { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', town: 'Łódź', country: 'PL' } },
      ],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const page = await officer.get(`/incidents/${sent.json().incidentId}`);
    expect(page.statusCode).toBe(200);
    const detection = page.body.slice(page.body.indexOf('How they were found'));
    for (const shown of ['Detection dog', 'Hub-generated target', 'In the load', 'Refrigerated load']) expect(detection).toContain(shown);
  });
});
