import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { attempt, liabilityAt, OFFICERS, payment, refusal } from '../../domain/liability/liability-factories.js';
import { OVERPAYMENT_MARGIN_PENCE } from '../../domain/liability/payment.js';
import { scheduleProblems } from '../../domain/liability/instalments.js';
import { CONTROL_CHARACTER_MESSAGE, LONE_SURROGATE_MESSAGE } from '../events/readable-input.js';
import { REPEATED_PARAMETER_MESSAGE } from './query-string.js';
import { databaseDataError } from './server.js';

/*
 * The seven causes of a 500 found by fuzzing (issue #12), each refused at its root with a 4xx that
 * says what is wrong, and nothing changed: text the database cannot keep, a query parameter sent
 * twice or unreadable, a search for something that looks like a date, dates no one can mean, money
 * past any column, and, behind them all, the database's own data errors answered as the sender's.
 */

let t: TestApp;
const today = ukDate(new Date());
let reference: string;
let liabilityIds: string[];

function api(method: 'GET' | 'POST', url: string, role: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(role), ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }) },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const referral = (fields: Record<string, unknown> = {}) => ({
  port: 'CQF',
  incidentDate: today,
  offence: 'S31A',
  vehicleRegistration: 'WGM 4521K',
  vehicleCountry: 'PL',
  driverName: 'Piotr Kowalski',
  companyName: 'Trans-Pol Sp. z o.o.',
  ...fields,
});

async function caseCount(): Promise<number> {
  const rows = await t.database.db.execute(sql`select count(*)::int as n from cases`);
  return Number((rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n);
}

beforeAll(async () => {
  t = await createTestApp();
  const created = await api('POST', '/api/v1/referrals', 'port-officer', referral());
  expect(created.statusCode, created.body).toBe(201);
  reference = (created.json() as { reference: string }).reference;
  const kase = (await api('GET', `/api/v1/cases/${reference}`, 'caseworker-eo')).json() as { liabilities: { id: string }[] };
  liabilityIds = kase.liabilities.map((l) => l.id);
}, 120_000);
afterAll(async () => t?.close());

describe('1. text with a NUL character or half a surrogate pair', () => {
  it.each([
    ['a NUL', 'abc\u0000def', CONTROL_CHARACTER_MESSAGE],
    ['a lone surrogate', 'abc\ud800', LONE_SURROGATE_MESSAGE],
  ])('is refused on the API with the field named, and no case is opened (%s)', async (_what, driverName, message) => {
    const before = await caseCount();
    const response = await api('POST', '/api/v1/referrals', 'port-officer', referral({ driverName }));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ errors: [{ field: 'driverName', message }] });
    expect(await caseCount()).toBe(before);
  });

  it('is refused by executeCommand whatever the schema, for an API token’s name and a party’s', async () => {
    const token = await api('POST', '/api/v1/parties', 'caseworker-eo', { kind: 'person', name: 'Jan\u0000Novák', country: 'CZ' });
    expect(token.statusCode).toBe(422);
    expect(token.json().errors).toEqual([{ field: 'name', message: CONTROL_CHARACTER_MESSAGE }]);
    // The command's own check, reached without the API's: the service refuses and writes nothing.
    const outcome = await t.services.identity.issueApiToken({ name: 'Reader \ud800', role: 'analyst' }, { actor: { id: 'test', name: 'Test', roles: ['administrator'] } } as never);
    expect(outcome).toMatchObject({ ok: false, kind: 'invalid', errors: [{ field: 'name', message: LONE_SURROGATE_MESSAGE }] });
  });

  it('is shown next to the field of a web form, not as a 500', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    await officer.get('/referrals/new');
    const before = await caseCount();
    const [year, month, day] = today.split('-');
    const response = await officer.post('/referrals', {
      port: 'CQF',
      'incidentDate-day': day!,
      'incidentDate-month': month!,
      'incidentDate-year': year!,
      offence: 'S31A',
      vehicleRegistration: 'WGM 4521K',
      vehicleCountry: 'PL',
      driverName: 'abc\u0000def',
      companyName: 'Trans-Pol Sp. z o.o.',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#driverName"');
    expect(response.body).toContain('Remove the control character');
    expect(await caseCount()).toBe(before);
  });
});

describe('2. query strings and paths', () => {
  it('refuses a parameter sent twice with 400, naming it (API and web)', async () => {
    const onApi = await api('GET', '/api/v1/cases?q=a&q=b', 'caseworker-eo');
    expect(onApi.statusCode).toBe(400);
    expect(onApi.headers['content-type']).toContain('application/problem+json');
    expect(onApi.json().errors).toEqual([{ field: 'q', message: REPEATED_PARAMETER_MESSAGE }]);
    const plates = await api('GET', '/api/v1/vehicle-action-list?registration=a&registration=b', 'port-officer');
    expect(plates.statusCode).toBe(400);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const onWeb = await caseworker.get('/cases?q=a&q=b');
    expect(onWeb.statusCode).toBe(400);
    expect(onWeb.body).toContain('Send each of these parameters once: q');
  });

  it('still reads a list parameter sent once per value (a step for several responsible people)', async () => {
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await caseworker.get(`/cases/${reference}/actions/sendInitialNotice?liability=${liabilityIds[0]}&liability=${liabilityIds[1]}`);
    expect(page.statusCode).toBe(200);
  });

  it('refuses a NUL in a path or a query with 400', async () => {
    expect((await api('GET', '/api/v1/cases/%00', 'caseworker-eo')).statusCode).toBe(400);
    expect((await api('GET', '/api/v1/cases?q=a%00b', 'caseworker-eo')).statusCode).toBe(400);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get('/cases/%00/assign')).statusCode).toBe(400);
    expect((await caseworker.get('/parties?q=%00')).statusCode).toBe(400);
  });
});

describe('3. search text that looks like a date but is not one', () => {
  it.each(['2026-02-30', '9999-99-99', '0000-01-01'])('is searched as text: %s', async (q) => {
    expect((await api('GET', `/api/v1/cases?q=${q}`, 'caseworker-eo')).statusCode).toBe(200);
    expect((await api('GET', `/api/v1/parties?q=${q}`, 'caseworker-eo')).statusCode).toBe(200);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/cases?q=${q}`)).statusCode).toBe(200);
    expect((await caseworker.get(`/parties?q=${q}`)).statusCode).toBe(200);
    expect((await caseworker.get(`/work/cases?q=${q}`)).statusCode).toBe(200);
  });

  it('refuses an impossible date of birth for party matching with a field message', async () => {
    const response = await api('POST', '/api/v1/party-matches', 'caseworker-eo', { kind: 'person', name: 'Jan Novák', dateOfBirth: '2026-02-30' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'dateOfBirth', message: 'The date of birth must be a real date written YYYY-MM-DD, like 2026-03-27' }]);
  });
});

describe('4. dates outside the range anyone can mean', () => {
  it('refuses a deadline calculation for the year 9999', async () => {
    const response = await api('POST', '/api/v1/deadlines', 'caseworker-eo', { incidentDate: '9999-01-01' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'incidentDate', message: expect.stringMatching(/^incidentDate must be on or before \d{1,2} [A-Z][a-z]+ \d{4}$/) }]);
  });

  it('refuses a referral dated 1900-01-01, and opens no case', async () => {
    const before = await caseCount();
    const response = await api('POST', '/api/v1/referrals', 'port-officer', referral({ offence: 'S32', clandestineEntrants: 1, incidentDate: '1900-01-01' }));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'incidentDate', message: 'The date of the incident must be on or after 1 January 2000' }]);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a party born in the future or more than 120 years ago', async () => {
    const future = await api('POST', '/api/v1/parties', 'caseworker-eo', { kind: 'person', name: 'Jan Novák', dateOfBirth: '2030-01-01' });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ field: 'dateOfBirth', message: 'The date of birth must be in the past' }]);
    const ancient = await api('POST', '/api/v1/parties', 'caseworker-eo', { kind: 'person', name: 'Jan Novák', dateOfBirth: '1850-01-01' });
    expect(ancient.statusCode).toBe(422);
    expect(ancient.json().errors[0].message).toMatch(/^The date of birth must be no more than 120 years ago/);
    const plausible = await api('POST', '/api/v1/parties', 'caseworker-eo', { kind: 'person', name: 'Jan Novák', dateOfBirth: '1970-05-01' });
    expect(plausible.statusCode).toBe(201);
  });

  it('refuses a casework step dated in the year 9999', async () => {
    const { version } = (await api('GET', `/api/v1/cases/${reference}`, 'caseworker-eo')).json() as { version: number };
    const response = await api('POST', `/api/v1/cases/${reference}/actions/scheduleAppealHearing`, 'caseworker-eo', { expectedVersion: version, liabilityId: liabilityIds[0], hearingOn: '9999-01-01', court: 'County Court at Canterbury', type: 'final' });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json().errors)).toContain('must be on or before 31 December 2100');
  });
});

describe('5. money', () => {
  it('keeps what is owed in columns that cannot overflow', async () => {
    const rows = await t.database.db.execute(sql`
      select table_name, column_name, data_type from information_schema.columns
      where (table_name, column_name) in (('liabilities', 'amount_pence'), ('liabilities', 'outstanding_pence'), ('debt_referrals', 'amount_pence'))
      order by table_name, column_name`);
    const list = ((rows as unknown as { rows?: unknown[] }).rows ?? rows) as { data_type: string }[];
    expect(list.map((r) => r.data_type)).toEqual(['bigint', 'bigint', 'bigint']);
  });

  it('refuses £99,999,999,999,999.99 typed in the payment form with the largest amount accepted, not "more than £0"', async () => {
    const finance = await WebClient.signedIn(t.app, 'finance-officer');
    await finance.get(`/cases/${reference}/actions/recordPayment?liability=${liabilityIds[0]}`);
    const [year, month, day] = today.split('-');
    const response = await finance.post(`/cases/${reference}/actions/recordPayment`, {
      liabilityIds: liabilityIds[0]!,
      amount: '99999999999999.99',
      'receivedOn-day': day!,
      'receivedOn-month': month!,
      'receivedOn-year': year!,
      method: 'bank-transfer',
      reference: 'INV-1',
      paidBy: 'recipient',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/The amount received must be £[\d,]+ or less/);
    expect(response.body).not.toContain('more than £0');
  });

  it('refuses an API payment past the ceiling with the largest amount accepted', async () => {
    const { version } = (await api('GET', `/api/v1/cases/${reference}`, 'caseworker-eo')).json() as { version: number };
    const response = await api('POST', `/api/v1/cases/${reference}/liabilities/${liabilityIds[0]}/actions/recordPayment`, 'finance-officer', {
      expectedVersion: version,
      amountPence: 2_148_000_000,
      receivedOn: today,
      method: 'bank-transfer',
      reference: 'INV-1',
      paidBy: 'recipient',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'amountPence', message: expect.stringMatching(/^The amount received must be £[\d,]+ or less$/) }]);
  });

  it('refuses a payment more than £20,000 beyond what is owed, saying how much is accepted', () => {
    const { state } = liabilityAt('payment-due'); // £1,500 owed
    const largest = 150_000 + OVERPAYMENT_MARGIN_PENCE;
    expect(refusal(state, payment(state, 2_148_000_000, '2025-06-01'), OFFICERS.finance, '2025-06-01')).toEqual([
      'The amount paid must be £21,500 or less: £1,500 is owed, and a payment can be at most £20,000 more than that (an overpayment is refunded). Check the amount; money for another penalty is recorded on that penalty.',
    ]);
    expect(attempt(state, payment(state, largest, '2025-06-01'), OFFICERS.finance, '2025-06-01').ok).toBe(true);
    expect(scheduleProblems([{ dueOn: addDays(today, 1), amountPence: 1e18 }], 150_000, today)).toEqual(['Instalment 1: the amount must be £1,500 or less, what is owed.']);
  });

  it('refuses a penalty calculation for 1,000,000,000 entrants', async () => {
    const response = await api('POST', '/api/v1/penalty-calculations', 'caseworker-eo', { offence: 'S32', incidentDate: today, role: 'driver', clandestineEntrants: 1_000_000_000 });
    expect(response.statusCode).toBe(422);
    expect(JSON.stringify(response.json())).toContain('clandestineEntrants must be 500 or fewer');
  });
});

describe('6. what the database refuses as data', () => {
  it.each([
    ['numeric out of range', sql`select ${'99999999999'}::int as n`, '22003'],
    ['an impossible date', sql`select ${'2026-02-30'}::date as d`, '22008'],
    ['an unreadable date', sql`select ${'not a date'}::date as d`, '22007'],
  ])('is named as the sender’s mistake (%s), so the server answers 400', async (_what, query, code) => {
    const error = await t.database.db.execute(query).then(
      () => null,
      (e: unknown) => e,
    );
    expect(databaseDataError(error)).toBe(code);
  });

  it('leaves every other error a 500', () => {
    expect(databaseDataError(new Error('boom'))).toBeNull();
    expect(databaseDataError({ code: '23505' })).toBeNull();
    expect(databaseDataError({ cause: { code: '22021' } })).toBe('22021');
  });
});
