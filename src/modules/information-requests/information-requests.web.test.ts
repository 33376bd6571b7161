import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields } from '../../../test/support/casework.js';
import type { Actor } from '../../platform/events/event-store.js';
import { photoJpeg } from '../../platform/files/test-fixtures.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * Requests for information from a caseworker to the officer who referred the incident: asked on the
 * case page, seen in the officer's work, answered with text and files, lateness and withdrawal, and
 * the API. Each test pins the clock to noon UTC (days are then added without crossing midnight).
 */

let t: TestApp;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  t = await createTestApp();
  for (const user of await t.services.identity.listUsers()) actors.set(user.username, { id: user.id, name: user.displayName, roles: user.roles });
});
afterAll(async () => t?.close());
beforeEach(() => {
  t.clock.reset();
  t.clock.set(new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`));
});

const today = () => ukDate(t.clock.now());

/** An S31A incident sent by the signed-in port officer (as the web form does): the case it opened. */
async function caseReferredByPortOfficer(): Promise<string> {
  const outcome = await t.services.borderEvents.report(
    {
      kind: 'port',
      offences: ['S31A'],
      incidentDate: today(),
      port: 'CQF',
      vehicleKind: 'hgv',
      tractorRegistration: 'WGM 4521K',
      tractorCountry: 'PL',
      requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
      responsiblePersons: [
        { role: 'driver', kind: 'person', name: 'Piotr Kowalski', nationality: 'PL', language: 'pl' },
        { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' } },
      ],
    },
    { actor: actors.get('port-officer')!, idempotencyKey: randomUUID(), now: t.clock.now() },
  );
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
  return (outcome as { value: { caseReference: string } }).value.caseReference;
}

/** A minimal referral through the API (no officer recorded as referring it): requests go to its port. */
async function caseReferredThroughTheApi(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: JSON.stringify({ port: 'DVR', incidentDate: today(), offence: 'S31A', vehicleRegistration: `PO${Math.floor(Math.random() * 1e5)}`, vehicleCountry: 'PL', driverName: 'Jan Nowak', companyName: 'Łódź Trans Sp. z o.o.' }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { reference: string }).reference;
}

async function ask(client: WebClient, reference: string, form: Record<string, string | string[]>) {
  const page = await client.get(`/cases/${reference}/information-requests/new`);
  expect(page.statusCode, page.body).toBe(200);
  const requestId = /name="requestId" value="([^"]+)"/.exec(page.body)![1]!;
  return client.post(`/cases/${reference}/information-requests`, { requestId, ...form });
}

async function requestsOnCase(reference: string) {
  const response = await t.app.inject({ url: `/api/v1/cases/${reference}/information-requests`, headers: bearer('caseworker-eo') });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { requests: { id: string; status: string; standing: string; overdue: boolean; version: number; addressedTo: Record<string, string>; answers: { daysLate: number; files: unknown[] }[] }[] }).requests;
}

/** Posts an answer as the officer's browser would: multipart, with the CSRF token of the request's page. */
async function answer(client: WebClient, requestId: string, text: string, files: { name: string; type: string; bytes: Buffer }[] = [], version?: string) {
  const page = await client.get(`/requests/${requestId}`);
  const shownVersion = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '1';
  const boundary = '----cordon-information-request';
  const field = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const body = Buffer.concat([
    field('_csrf', client.csrfToken),
    field('version', version ?? shownVersion),
    field('text', text),
    ...files.flatMap((f) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n')]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `/requests/${requestId}/answer`, headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

describe('asking the referring officer', () => {
  it('addresses the officer who sent the incident; they see it on their home page and list, and answer with text and a photo', async () => {
    const reference = await caseReferredByPortOfficer();
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const form = await caseworker.get(`/cases/${reference}/information-requests/new`);
    expect(form.body).toContain('The request goes to Demo Border Force port officer');
    // The due date suggested is 10 working days away.
    expect(form.body).toMatch(/name="dueDate-year"[^>]*value="\d{4}"/);

    const sent = await ask(caseworker, reference, { items: ['photographs', 'notebook-entries'], details: 'The photos of the seals.', ...dateFields('dueDate', addDays(today(), 5)) });
    expect(sent.statusCode, sent.body).toBe(303);
    expect(sent.headers.location).toBe(`/cases/${reference}#information-requests`);
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.body).toContain('Request for information sent to Demo Border Force port officer');
    expect(casePage.body).toContain('To Demo Border Force port officer');
    expect(casePage.body).toContain('Due in 5 days');
    // On the case timeline.
    expect(casePage.body).toContain('Information requested');

    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const home = await officer.get('/incidents');
    expect(home.body).toContain('1 request for information from the penalty team to answer');
    const list = await officer.get('/requests');
    expect(list.body).toContain(reference);
    const [request] = await requestsOnCase(reference);
    expect(request!.addressedTo).toMatchObject({ kind: 'officer', officerId: actors.get('port-officer')!.id });

    const answered = await answer(officer, request!.id, 'Photos of the seals attached.', [{ name: 'seal.jpg', type: 'image/jpeg', bytes: await photoJpeg() }]);
    expect(answered.statusCode, answered.body).toBe(303);
    expect(answered.headers.location).toBe(`/requests/${request!.id}`);
    expect((await officer.get('/incidents')).body).not.toContain('for information from the penalty team to answer');

    const after = await caseworker.get(`/cases/${reference}`);
    expect(after.body).toContain('Answered on time');
    expect(after.body).toContain('Photos of the seals attached.');
    const thumbnail = /src="(\/information-requests\/files\/[0-9a-f]{64}\/thumbnail)"/.exec(after.body)?.[1];
    expect(thumbnail).toBeDefined();
    const image = await caseworker.get(thumbnail!);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(after.body).toContain('Information request answered');
  });

  it('refuses a due date in the past, an impossible date, no items, “something else” undescribed, and NUL bytes', async () => {
    const reference = await caseReferredByPortOfficer();
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const past = await ask(caseworker, reference, { items: 'photographs', ...dateFields('dueDate', addDays(today(), -1)) });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('The date it is due must be today or in the future');
    expect(past.body).toContain('govuk-error-summary');

    const impossible = await ask(caseworker, reference, { items: 'photographs', 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2030' });
    expect(impossible.statusCode).toBe(422);
    expect(impossible.body).toContain('The date it is due must be a real date');

    const none = await ask(caseworker, reference, dateFields('dueDate', addDays(today(), 3)));
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose at least one thing you need');

    const other = await ask(caseworker, reference, { items: 'other', ...dateFields('dueDate', addDays(today(), 3)) });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('Describe the something else you need');

    const unknown = await ask(caseworker, reference, { items: 'the-lorry', ...dateFields('dueDate', addDays(today(), 3)) });
    expect(unknown.statusCode).toBe(422);

    const nul = await ask(caseworker, reference, { items: 'statement', details: 'a\u0000b', ...dateFields('dueDate', addDays(today(), 3)) });
    expect(nul.statusCode).toBe(422);

    const huge = await ask(caseworker, reference, { items: 'statement', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '99999999999' });
    expect(huge.statusCode).toBe(422);
    expect(await requestsOnCase(reference)).toEqual([]);
  });

  it('lets no other officer see or answer a request addressed to an officer; a port’s request any officer answers', async () => {
    const reference = await caseReferredByPortOfficer();
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await ask(caseworker, reference, { items: 'statement', ...dateFields('dueDate', addDays(today(), 3)) })).statusCode).toBe(303);
    const [request] = await requestsOnCase(reference);
    const police = await WebClient.signedIn(t.app, 'police-officer');
    expect((await police.get(`/requests/${request!.id}`)).statusCode).toBe(404);
    expect((await police.get('/requests')).body).not.toContain(reference);
    expect((await answer(police, request!.id, 'Not mine to answer', [], '1')).statusCode).toBe(404);
    expect((await requestsOnCase(reference))[0]!.answers).toEqual([]);

    const portCase = await caseReferredThroughTheApi();
    const form = await caseworker.get(`/cases/${portCase}/information-requests/new`);
    expect(form.statusCode, form.body.slice(0, 3000)).toBe(200);
    expect(/The request goes to [^<]*/.exec(form.body)?.[0]).toBe('The request goes to every officer at Dover (no officer is recorded as referring this case). They see it in their work and answer with text, photos or scans, which are kept on this case.');
    expect((await ask(caseworker, portCase, { items: 'driver-documents', ...dateFields('dueDate', addDays(today(), 3)) })).statusCode).toBe(303);
    const [portRequest] = await requestsOnCase(portCase);
    expect(portRequest!.addressedTo).toEqual({ kind: 'port', portCode: 'DVR' });
    expect((await police.get('/requests')).body).toContain(portCase);
    expect((await answer(police, portRequest!.id, 'The driver’s passport number is EA1234567.')).statusCode).toBe(303);
    expect((await requestsOnCase(portCase))[0]!.status).toBe('answered');
  });

  it('answers 404 for an unknown case, request or file', async () => {
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get('/cases/CEC-2026-999999/information-requests/new')).statusCode).toBe(404);
    expect((await caseworker.post('/cases/CEC-2026-999999/information-requests', { items: 'statement', ...dateFields('dueDate', addDays(today(), 3)) })).statusCode).toBe(404);
    expect((await caseworker.get('/requests/not-a-request')).statusCode).toBe(404);
    expect((await caseworker.get(`/requests/${randomUUID()}`)).statusCode).toBe(404);
    expect((await caseworker.post(`/information-requests/${randomUUID()}/withdraw`, { version: '1' })).statusCode).toBe(404);
    expect((await caseworker.get(`/information-requests/files/${'a'.repeat(64)}/thumbnail`)).statusCode).toBe(404);
    expect((await caseworker.get('/information-requests/files/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/cases/CEC-2026-999999/information-requests', headers: bearer('caseworker-eo') })).statusCode).toBe(404);
  });
});

describe('lateness and withdrawal', () => {
  it('flags an open request past its due date as overdue, and an answer after it as late by the days since', async () => {
    const reference = await caseReferredByPortOfficer();
    let caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await ask(caseworker, reference, { items: 'inland-script', ...dateFields('dueDate', addDays(today(), 1)) })).statusCode).toBe(303);
    expect((await ask(caseworker, reference, { items: 'security-checklist', ...dateFields('dueDate', addDays(today(), 1)) })).statusCode).toBe(303);
    t.clock.advanceDays(4);
    caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await caseworker.get(`/cases/${reference}`);
    expect(page.body).toContain('2 overdue');
    expect(page.body).toContain('Overdue by 3 days');
    expect((await caseworker.get('/requests')).body).toContain('Overdue by 3 days');

    const officer = await WebClient.signedIn(t.app, 'port-officer');
    // Earlier tests' requests to the same demo officer count too: the page shows what the query counts, these two among the overdue.
    const counts = await t.services.informationRequests.openCountFor(actors.get('port-officer')!);
    expect(counts.overdue).toBeGreaterThanOrEqual(2);
    expect((await officer.get('/incidents')).body).toMatch(new RegExp(`${counts.open} requests for information from the penalty team to answer.*${counts.overdue} overdue`, 's'));
    const [first] = await requestsOnCase(reference);
    expect((await answer(officer, first!.id, 'The checklist was not signed.')).statusCode).toBe(303);
    const after = await requestsOnCase(reference);
    expect(after.find((r) => r.id === first!.id)).toMatchObject({ status: 'answered', standing: 'Answered 3 days late', overdue: false });
    expect(after.find((r) => r.id !== first!.id)).toMatchObject({ status: 'open', standing: 'Overdue by 3 days', overdue: true });
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.body).toContain('Answered 3 days late');
    expect(casePage.body).toContain('1 overdue');
  });

  it('a further answer is added, never replacing the first; a withdrawn request takes no answer; a stale version is a conflict', async () => {
    const reference = await caseReferredByPortOfficer();
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await ask(caseworker, reference, { items: 'statement', ...dateFields('dueDate', addDays(today(), 2)) })).statusCode).toBe(303);
    expect((await ask(caseworker, reference, { items: 'photographs', ...dateFields('dueDate', addDays(today(), 2)) })).statusCode).toBe(303);
    const [newer, older] = await requestsOnCase(reference);
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await answer(officer, older!.id, 'First answer.')).statusCode).toBe(303);
    expect((await answer(officer, older!.id, 'A further answer.')).statusCode).toBe(303);
    // An answer given with the version of the page before the first answer: someone else changed it.
    expect((await answer(officer, older!.id, 'Stale.', [], '1')).statusCode).toBe(409);
    expect((await requestsOnCase(reference)).find((r) => r.id === older!.id)!.answers).toHaveLength(2);
    // Answered: it cannot be withdrawn.
    await caseworker.get(`/cases/${reference}`);
    expect((await caseworker.post(`/information-requests/${older!.id}/withdraw`, { version: '3' })).statusCode).toBe(422);

    expect((await caseworker.post(`/information-requests/${newer!.id}/withdraw`, { version: '0' })).statusCode).toBe(409);
    const withdrawn = await caseworker.post(`/information-requests/${newer!.id}/withdraw`, { version: String(newer!.version) });
    expect(withdrawn.statusCode).toBe(303);
    expect((await caseworker.get(`/cases/${reference}`)).body).toContain('Request for information withdrawn');
    const refused = await answer(officer, newer!.id, 'Too late.', [], String(newer!.version + 1));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('This request was withdrawn by the penalty team');
    expect((await requestsOnCase(reference)).find((r) => r.id === newer!.id)).toMatchObject({ status: 'withdrawn', answers: [] });
  });
});

describe('the API', () => {
  it('creates a request once per Idempotency-Key and lists it; refuses a past due date and a missing key', async () => {
    const reference = await caseReferredByPortOfficer();
    const post = (body: unknown, key: string | null = randomUUID(), role = 'caseworker-eo') =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${reference}/information-requests`, headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...bearer(role) }, payload: JSON.stringify(body) });
    const body = { items: ['photographs'], dueDate: addDays(today(), 7) };
    const key = randomUUID();
    const first = await post(body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(body, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await requestsOnCase(reference)).toHaveLength(1);
    expect((await post(body, null)).statusCode).toBe(400);
    const past = await post({ items: ['photographs'], dueDate: addDays(today(), -3) });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('today or in the future');
    expect((await post({ items: [], dueDate: addDays(today(), 3) })).statusCode).toBe(422);
    expect((await post(body, randomUUID(), 'port-officer')).statusCode).toBe(403);
  });
});
