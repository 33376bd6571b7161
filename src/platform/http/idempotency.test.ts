import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../database/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const referral = (registration: string) => ({
  port: 'DVR',
  incidentDate: '2026-09-02',
  offence: 'S31A',
  vehicleRegistration: registration,
  vehicleCountry: 'GB',
  driverName: 'David Smith',
  companyName: 'Smith Haulage Ltd',
});

function post(url: string, role: string, body: unknown, key?: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...bearer(role), ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: JSON.stringify(body),
  });
}

async function caseCount(): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases`))[0]!.n);
}

describe('Idempotency-Key on API writes', () => {
  it('is required on every write that is not idempotent by nature: 400 naming the header, nothing saved', async () => {
    const before = await caseCount();
    const writes: [string, string, unknown][] = [
      ['/api/v1/referrals', 'port-officer', referral('AB12 CDE')],
      ['/api/v1/searches', 'port-officer', {}],
      ['/api/v1/incidents', 'port-officer', {}],
      ['/api/v1/parties', 'caseworker-eo', { kind: 'person', name: 'Someone' }],
      ['/api/v1/watchlist-entries', 'senior-officer', {}],
      ['/api/v1/watchlist-entries/bulk', 'senior-officer', { entries: [] }],
      [`/api/v1/plate-check-hits/${randomUUID()}/outcome`, 'port-officer', { outcome: 'stopped' }],
      ['/api/v1/cases/CEC-2026-000001/actions/addCaseNote', 'caseworker-eo', { expectedVersion: 1, text: 'x' }],
    ];
    for (const [url, role, body] of writes) {
      for (const key of [undefined, '', 'has spaces']) {
        const response = await post(url, role, body, key);
        expect(response.statusCode, `${url} with key ${JSON.stringify(key)}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json().errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      }
    }
    expect(await caseCount()).toBe(before);
  });

  it('is not asked for by the writes that are idempotent by nature, which the OpenAPI document names with the reason', async () => {
    expect((await post('/api/v1/plate-checks', 'plate-reader', { registration: 'AB12CDE' })).statusCode).toBe(200);
    expect((await post('/api/v1/party-matches', 'caseworker-eo', { kind: 'person', name: 'Someone' })).statusCode).not.toBe(400);
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    const exempt: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, { parameters: { name: string; required: boolean }[]; 'x-idempotent'?: string }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (method === 'get') continue;
        const header = operation.parameters.find((p) => p.name === 'Idempotency-Key');
        if (operation['x-idempotent']) {
          exempt.push(`${method.toUpperCase()} ${path}`);
          expect(header).toBeUndefined();
        } else {
          expect(header?.required, `${method} ${path}`).toBe(true);
        }
      }
    }
    expect(exempt.sort()).toEqual([
      'DELETE /api/v1/watchlist-entries/{id}',
      // An uploaded file is kept by its content: the same bytes give the same fileId.
      'POST /api/v1/accreditation/files',
      'POST /api/v1/deadlines',
      'POST /api/v1/party-matches',
      'POST /api/v1/penalty-calculations',
      'POST /api/v1/plate-checks',
    ]);
  });

  it('is scoped to the client: another client’s request with the same key and body is its own, never answered with the first client’s case', async () => {
    const body = referral('WX21 ABC');
    const port = await post('/api/v1/referrals', 'port-officer', body, 'shared-key-1');
    expect(port.statusCode).toBe(201);
    const repeat = await post('/api/v1/referrals', 'port-officer', body, 'shared-key-1');
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().reference).toBe(port.json().reference);
    // The police officer happens to use the same key for the same referral: not the port officer's case.
    const police = await post('/api/v1/referrals', 'police-officer', { ...body, confirmDuplicate: true }, 'shared-key-1');
    expect(police.statusCode).toBe(201);
    expect(police.json().reference).not.toBe(port.json().reference);
    // And the same key with another body from another client is not a conflict with the first.
    const other = await post('/api/v1/referrals', 'police-officer', referral('YY21 ZZZ'), 'shared-key-2');
    const otherPort = await post('/api/v1/referrals', 'port-officer', referral('YY22 ZZZ'), 'shared-key-2');
    expect([other.statusCode, otherPort.statusCode]).toEqual([201, 201]);
  });

  it('scopes the keys of casework steps to the client too', async () => {
    const opened = await post('/api/v1/referrals', 'port-officer', referral('CD34 EFG'), randomUUID());
    const reference = opened.json().reference as string;
    const version = (await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: bearer('caseworker-eo') })).json().version as number;
    const first = await post(`/api/v1/cases/${reference}/actions/addCaseNote`, 'caseworker-eo', { expectedVersion: version, text: 'Called the haulier' }, 'note-key');
    expect(first.statusCode, first.body).toBe(200);
    const again = await post(`/api/v1/cases/${reference}/actions/addCaseNote`, 'caseworker-eo', { expectedVersion: version, text: 'Called the haulier' }, 'note-key');
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Another caseworker's identical request with the same key is not a replay of the first: it meets the version the first moved on.
    const other = await post(`/api/v1/cases/${reference}/actions/addCaseNote`, 'caseworker-ao', { expectedVersion: version, text: 'Called the haulier' }, 'note-key');
    expect(other.statusCode).toBe(409);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
  });
});
