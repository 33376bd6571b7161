import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../../platform/database/client.js';

const valid = {
  port: 'CQF',
  incidentDate: '2026-10-01',
  offence: 'S32',
  clandestineEntrants: 2,
  vehicleRegistration: 'WGM 4521K',
  vehicleCountry: 'PL',
  driverName: 'Piotr Kowalski',
  companyName: 'Trans-Pol Sp. z o.o.',
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function postReferral(body: unknown, headers: Record<string, string> = {}, role = 'port-officer') {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function caseCount(): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases`))[0]!.n);
}

describe('POST /api/v1/referrals', () => {
  it('opens a case with a reference, a driver liability and an owner liability', async () => {
    const response = await postReferral(valid, { 'idempotency-key': 'first-case' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.reference).toMatch(/^CEC-\d{4}-\d{6}$/);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${body.reference}`, headers: bearer('caseworker-eo') });
    expect(read.statusCode).toBe(200);
    const kase = read.json();
    expect(kase.liabilities.map((l: { role: string }) => l.role).sort()).toEqual(['driver', 'owner']);
    expect(kase.timeline.map((e: { title: string }) => e.title)).toContain('Referral received');
  });

  it('gives exactly one case for 100 concurrent requests with one Idempotency-Key', async () => {
    const before = await caseCount();
    const responses = await Promise.all(Array.from({ length: 100 }, () => postReferral({ ...valid, vehicleRegistration: 'WGM 1002K' }, { 'idempotency-key': 'same-key-100' })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(99);
    expect(new Set(responses.map((r) => r.json().reference)).size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
  });

  it('gives 1,000 distinct references with no gaps for 1,000 concurrent referrals', async () => {
    const before = await caseCount();
    const responses = await Promise.all(
      // The same vehicle, date and port each time: confirmed as different incidents.
      Array.from({ length: 1000 }, (_, i) => postReferral({ ...valid, driverName: `Driver ${i}`, confirmDuplicate: true }, { 'idempotency-key': `distinct-${i}` })),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const numbers = responses.map((r) => Number(r.json().reference.slice(-6))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(1000);
    expect(numbers[999]! - numbers[0]!).toBe(999);
    expect(numbers[0]).toBe(before + 1);
    expect(await caseCount()).toBe(before + 1000);
  });

  it('refuses the same Idempotency-Key with a different body, changing nothing', async () => {
    expect((await postReferral({ ...valid, confirmDuplicate: true }, { 'idempotency-key': 'reused-key' })).statusCode).toBe(201);
    const before = await caseCount();
    const response = await postReferral({ ...valid, driverName: 'Someone Else', confirmDuplicate: true }, { 'idempotency-key': 'reused-key' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toContain('Idempotency-Key');
    expect(await caseCount()).toBe(before);
  });

  it('answers 409 naming the open case for a referral of the same vehicle, date and port, and opens it when confirmed', async () => {
    const first = await postReferral({ ...valid, vehicleRegistration: 'PO 77123', incidentDate: '2026-10-05' });
    expect(first.statusCode).toBe(201);
    const reference = first.json().reference as string;
    const before = await caseCount();
    // The same facts, the registration typed differently, by another officer: refused, naming the case.
    const again = await postReferral({ ...valid, vehicleRegistration: 'po77123', incidentDate: '2026-10-05', driverName: 'P. Kowalski' }, {}, 'police-officer');
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ status: 409, caseReference: reference, case: `/api/v1/cases/${reference}`, errors: [{ field: 'confirmDuplicate' }] });
    expect(again.json().detail).toContain(reference);
    expect(await caseCount()).toBe(before);
    // Another date, or another port, is another incident.
    expect((await postReferral({ ...valid, vehicleRegistration: 'PO 77123', incidentDate: '2026-10-06' })).statusCode).toBe(201);
    expect((await postReferral({ ...valid, vehicleRegistration: 'PO 77123', incidentDate: '2026-10-05', port: 'CAL' })).statusCode).toBe(201);
    // Confirmed as a different incident: a second case.
    const confirmed = await postReferral({ ...valid, vehicleRegistration: 'PO 77123', incidentDate: '2026-10-05', confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().reference).not.toBe(reference);
    // The first request repeated with its key is still its own answer, not a 409.
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    const schema = doc.paths['/api/v1/referrals'].post.requestBody.content['application/json'].schema;
    expect(schema.properties.confirmDuplicate.type).toBe('boolean');
    expect(schema.properties.confirmDuplicate.description).toContain('409');
  });

  it('replays a repeated referral with its key (200, the same case) rather than calling it a duplicate of itself', async () => {
    const body = { ...valid, vehicleRegistration: 'PO 77999', incidentDate: '2026-10-07' };
    const first = await postReferral(body, { 'idempotency-key': 'repeat-not-duplicate' });
    const repeat = await postReferral(body, { 'idempotency-key': 'repeat-not-duplicate' });
    expect([first.statusCode, repeat.statusCode]).toEqual([201, 200]);
    expect(repeat.json().reference).toBe(first.json().reference);
  });

  const malformed: [string, unknown, string][] = [
    ['missing fields', { offence: 'S32' }, 'port'],
    ['a future date', { ...valid, incidentDate: '2099-01-01' }, 'incidentDate'],
    ['an impossible date', { ...valid, incidentDate: '2026-02-30' }, 'incidentDate'],
    ['an impossible registration', { ...valid, vehicleRegistration: '!!!***' }, 'vehicleRegistration'],
    ['S31A with a clandestine entrant count', { ...valid, offence: 'S31A', clandestineEntrants: 1 }, 'clandestineEntrants'],
    ['S32 with no clandestine entrant count', { ...valid, clandestineEntrants: undefined }, 'clandestineEntrants'],
    ['an unknown port', { ...valid, port: 'ZZZ' }, 'port'],
    ['a negative entrant count', { ...valid, clandestineEntrants: -3 }, 'clandestineEntrants'],
    ['an unknown field', { ...valid, extra: 'x' }, '(body)'],
  ];
  for (const [name, body, field] of malformed) {
    it(`refuses ${name} with 422 and a field error, changing nothing`, async () => {
      const before = await caseCount();
      const response = await postReferral(body);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await caseCount()).toBe(before);
    });
  }

  it('refuses 1 MB of junk with 400, not 500', async () => {
    const response = await postReferral('x'.repeat(1_000_000));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('(body)');
  });

  it('refuses more than 1 MB with 413', async () => {
    const response = await postReferral('x'.repeat(2_000_000));
    expect(response.statusCode).toBe(413);
  });

  it('refuses the wrong content type with 400 and says which', async () => {
    const response = await postReferral('port=CQF', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('Content-Type');
    const text = await postReferral('hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(400);
  });

  it('refuses an empty body and a JSON array with field errors', async () => {
    expect((await postReferral('')).statusCode).toBe(400);
    expect((await postReferral('[]')).statusCode).toBe(422);
    expect((await postReferral('null')).statusCode).toBe(422);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const response = await postReferral(valid, { 'idempotency-key': 'has spaces and ünïcode' });
    expect(response.statusCode).toBe(400);
  });

  it('asks for a token without one (401) and refuses a caseworker’s token (403)', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/referrals', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(valid) });
    expect(anonymous.statusCode).toBe(401);
    expect((await postReferral(valid, {}, 'caseworker-eo')).statusCode).toBe(403);
    const wrongToken = await postReferral(valid, { authorization: 'Bearer not-a-token' });
    expect(wrongToken.statusCode).toBe(401);
  });
});
