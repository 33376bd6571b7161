import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../../platform/database/client.js';

let t: TestApp;
let officer: WebClient;
beforeAll(async () => {
  t = await createTestApp();
  officer = await WebClient.signedIn(t.app, 'port-officer');
});
afterAll(async () => t?.close());

const form = {
  port: 'CAL',
  'incidentDate-day': '3',
  'incidentDate-month': '10',
  'incidentDate-year': '2026',
  offence: 'S31A',
  clandestineEntrants: '',
  vehicleRegistration: 'CA 1234 BX',
  vehicleCountry: 'BG',
  driverName: 'Георги Иванов',
  companyName: 'ТРАНС ЕООД',
};

async function caseCount(): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases`))[0]!.n);
}

describe('the referral form', () => {
  it('opens a case and shows its reference; a caseworker then finds it with its timeline', async () => {
    const page = await officer.get('/referrals/new');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
    const sent = await officer.post('/referrals', { ...form, idempotencyKey: key });
    expect(sent.statusCode).toBe(303);
    const confirmation = await officer.get(sent.headers.location as string);
    const reference = /CEC-\d{4}-\d{6}/.exec(confirmation.body)![0];

    // Pressing "Send" twice sends the same idempotency key: no second case.
    const before = await caseCount();
    const again = await officer.post('/referrals', { ...form, idempotencyKey: key });
    expect(again.headers.location).toBe(sent.headers.location);
    expect(await caseCount()).toBe(before);

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-ao');
    const list = await caseworker.get(`/cases?q=${reference}`);
    expect(list.body).toContain(reference);
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toContain('Георги Иванов');
    expect(casePage.body).toContain('Referral received');
    expect(casePage.body).toContain('Driver liability opened');
    expect(casePage.body).toContain('Send the initial notice');
  });

  it('asks whether a referral like an open case (same vehicle, date, port) is a different incident, naming the case, and opens it when confirmed', async () => {
    const first = await officer.post('/referrals', { ...form, vehicleRegistration: 'CA 7777 BX', idempotencyKey: 'web-duplicate-1' });
    expect(first.statusCode).toBe(303);
    const reference = /CEC-\d{4}-\d{6}/.exec(first.headers.location as string)![0];
    const before = await caseCount();
    const again = await officer.post('/referrals', { ...form, vehicleRegistration: 'CA7777BX', idempotencyKey: 'web-duplicate-2' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('govuk-error-summary');
    expect(again.body).toContain(`Case ${reference} is already open for this vehicle, date and port`);
    expect(again.body).toContain('name="confirmDuplicate"');
    expect(again.body).toContain('href="#confirmDuplicate"');
    expect(await caseCount()).toBe(before);
    const confirmed = await officer.post('/referrals', { ...form, vehicleRegistration: 'CA7777BX', idempotencyKey: 'web-duplicate-2', confirmDuplicate: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).not.toContain(reference);
    expect(await caseCount()).toBe(before + 1);
  });

  it('shows a GOV.UK error summary linked to each field, keeps what was typed and saves nothing', async () => {
    const before = await caseCount();
    const response = await officer.post('/referrals', {
      ...form,
      port: '',
      'incidentDate-day': '31',
      'incidentDate-month': '2',
      clandestineEntrants: '4',
      vehicleRegistration: '###',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#port"');
    expect(response.body).toContain('href="#incidentDate-day"');
    expect(response.body).toContain('Choose the port or control zone from the list');
    expect(response.body).toContain('Enter a real date');
    expect(response.body).toMatch(/<title>Error: /);
    expect(response.body).toContain('value="ТРАНС ЕООД"');
    expect(await caseCount()).toBe(before);
  });

  it('says an S31A incident has no clandestine entrant count', async () => {
    const response = await officer.post('/referrals', { ...form, clandestineEntrants: '2' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('An S31A incident (vehicle not secured) has no clandestine entrant count');
  });

  it('refuses a future date and a non-number entrant count with plain messages', async () => {
    const future = await officer.post('/referrals', { ...form, 'incidentDate-year': '2099' });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('The date of the incident must be today or in the past');
    const words = await officer.post('/referrals', { ...form, offence: 'S32', clandestineEntrants: 'three' });
    expect(words.statusCode).toBe(422);
    expect(words.body).toContain('Enter the number of clandestine entrants as a whole number');
  });

  it('refuses a form sent without the CSRF token', async () => {
    const before = await caseCount();
    const response = await officer.post('/referrals', form, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The form has expired');
    expect(await caseCount()).toBe(before);
  });
});

describe('sign-in', () => {
  it('refuses a wrong password with a message next to the field', async () => {
    const client = new WebClient(t.app);
    await client.get('/sign-in');
    const response = await client.post('/sign-in', { username: 'port-officer', password: 'wrong-password-here' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('The username or password is not right');
  });

  it('signs out, after which pages need signing in again', async () => {
    const client = await WebClient.signedIn(t.app, 'analyst');
    expect((await client.get('/cases')).statusCode).toBe(200);
    await client.post('/sign-out', {});
    expect((await client.get('/cases')).statusCode).toBe(302);
  });

  it('sets security headers and marks the session cookie HttpOnly', async () => {
    const client = new WebClient(t.app);
    const page = await client.get('/sign-in');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const response = await client.post('/sign-in', { username: 'manager', password: 'cordon-demo-password' });
    expect(String(response.headers['set-cookie'])).toMatch(/cordon_session=[^;]+;.*HttpOnly/);
  });
});
