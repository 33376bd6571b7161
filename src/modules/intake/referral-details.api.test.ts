import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * Issue #14 item 6: a referral that carries each responsible person's address and identifiers, so
 * the case is not stuck until someone types them again. Acceptance: POST /api/v1/referrals with an
 * address for the company opens a case whose company has that address in the register and whose
 * next step is the initial notice.
 */

// A few days ago, so the statutory clock is running but no deadline has passed whatever the day.
const incidentDate = addDays(ukDate(new Date()), -3);
let plate = 0;
/** A referral of its own vehicle each time (never taken for a duplicate of another test's). */
const referral = (more: Record<string, unknown> = {}) => ({
  port: 'CQF',
  incidentDate,
  offence: 'S32',
  clandestineEntrants: 2,
  vehicleRegistration: `WGM ${4600 + ++plate}K`,
  vehicleCountry: 'PL',
  driverName: 'Zbigniew Wiśniewski',
  companyName: 'Wisła-Trans Sp. z o.o.',
  ...more,
});
const companyAddress = { line1: 'ul. Portowa 12', town: 'Gdynia', postcode: '81-350', country: 'PL' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

function postReferral(body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: JSON.stringify(body),
  });
}

const fieldsOf = (response: { json(): { errors?: { field: string; message: string }[] } }) => (response.json().errors ?? []).map((e) => e.field);

describe('POST /api/v1/referrals with addresses and identifiers', () => {
  it('opens a case whose company has the address in the register, and whose next step is the initial notice', async () => {
    const sent = await postReferral(referral({ companyAddress, companyDocuments: [{ kind: 'vat', number: 'PL 586-10-44-231' }] }));
    expect(sent.statusCode).toBe(201);
    const { reference } = sent.json() as { reference: string };

    // The case: the company's address is on its liability, so nothing is left to retype before the notice.
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.body).toContain('ul. Portowa 12');
    const companyOf = async () => {
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: bearer('caseworker-eo') });
      expect(read.statusCode).toBe(200);
      return (read.json().liabilities as { role: string; nextStep: string }[]).find((l) => l.role === 'owner')!;
    };
    // As for an incident sent by the border: the caseworker first says who the company is in the register.
    expect((await companyOf()).nextStep).toMatch(/register .*then send the initial notice/);

    // The register: the company's entry, made from the case, has the address and the VAT number the referral carried.
    const liabilityId = /\/liabilities\/([0-9a-f-]{36})\/new-party/.exec(casePage.body.slice(casePage.body.indexOf('Owner: Wisła-Trans')))![1]!;
    const made = await caseworker.post(`/cases/${reference}/liabilities/${liabilityId}/new-party`, {});
    expect(made.statusCode).toBe(303);
    const found = await t.app.inject({ method: 'GET', url: `/api/v1/parties?q=${encodeURIComponent('Wisła-Trans')}`, headers: bearer('caseworker-eo') });
    const party = (found.json().parties as { id: string; kind: string }[]).find((p) => p.kind === 'organisation')!;
    const partyPage = await caseworker.get(`/parties/${party.id}`);
    expect(partyPage.statusCode).toBe(200);
    expect(partyPage.body).toContain('ul. Portowa 12');
    expect(partyPage.body).toContain('81-350');
    expect(partyPage.body).toMatch(/PL\s*5861044231|586-10-44-231/);

    // With the company identified and its address known, the next step is the initial notice (after the second officer's check).
    const notice = 'Send the initial notice and questionnaire — first, a second officer checks the name and address against the documents';
    expect((await companyOf()).nextStep).toMatch(new RegExp(`^${notice}`));
    const after = await caseworker.get(`/cases/${reference}`);
    const companySection = after.body.slice(after.body.indexOf(`id="liability-${liabilityId}"`));
    expect(companySection).toContain(notice);
  });

  it('keeps the driver’s date of birth, passport and address for the register', async () => {
    const driverAddress = { line1: 'ul. Długa 5', town: 'Kraków', postcode: '31-147', country: 'PL' };
    const sent = await postReferral(
      referral({ driverName: 'Tadeusz Kościuszko-Nowak', driverDateOfBirth: '1979-06-21', driverAddress, driverDocuments: [{ kind: 'passport', number: 'EA1234567', country: 'PL' }] }),
    );
    expect(sent.statusCode).toBe(201);
    const { reference } = sent.json() as { reference: string };
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = await caseworker.get(`/cases/${reference}`);
    const liabilityId = /\/liabilities\/([0-9a-f-]{36})\/new-party/.exec(casePage.body.slice(casePage.body.indexOf('Driver: Tadeusz Kościuszko-Nowak')))![1]!;
    expect((await caseworker.post(`/cases/${reference}/liabilities/${liabilityId}/new-party`, {})).statusCode).toBe(303);
    const found = await t.app.inject({ method: 'GET', url: `/api/v1/parties?q=${encodeURIComponent('Kościuszko-Nowak')}`, headers: bearer('caseworker-eo') });
    const party = (found.json().parties as { id: string; dateOfBirth: string | null }[])[0]!;
    expect(party.dateOfBirth).toBe('1979-06-21');
    const partyPage = await caseworker.get(`/parties/${party.id}`);
    expect(partyPage.body).toContain('ul. Długa 5');
    expect(partyPage.body).toContain('EA1234567');
  });

  it('refuses a postcode not in Poland’s format with 422 naming companyAddress.postcode, opening nothing', async () => {
    const sent = await postReferral(referral({ companyAddress: { ...companyAddress, postcode: '81350' } }));
    expect(sent.statusCode).toBe(422);
    expect(sent.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(sent)).toEqual(['companyAddress.postcode']);
    expect(sent.json().errors[0].message).toBe('Enter a postcode in the format used in Poland, like 00-950');
  });

  it('refuses a VAT number not in its country’s format, and one whose prefix is another country’s', async () => {
    const short = await postReferral(referral({ companyAddress, companyDocuments: [{ kind: 'vat', number: 'PL12345' }] }));
    expect(short.statusCode).toBe(422);
    expect(fieldsOf(short)).toEqual(['companyDocuments.0.number']);
    expect(short.json().errors[0].message).toContain('Poland');
    const german = await postReferral(referral({ companyAddress, companyDocuments: [{ kind: 'company-number', number: '0000123456' }, { kind: 'vat', number: 'DE12345678' }] }));
    expect(fieldsOf(german)).toEqual(['companyDocuments.1.number']);
    expect(german.json().errors[0].message).toMatch(/starts DE, which is not Poland/);
  });

  it('refuses a driver’s date of birth in the future, or not a real date, naming driverDateOfBirth', async () => {
    const future = await postReferral(referral({ driverDateOfBirth: addDays(ukDate(new Date()), 2) }));
    expect(future.statusCode).toBe(422);
    expect(fieldsOf(future)).toEqual(['driverDateOfBirth']);
    expect(future.json().errors[0].message).toBe('The driver’s date of birth must be in the past');
    const impossible = await postReferral(referral({ driverDateOfBirth: '1980-02-30' }));
    expect(fieldsOf(impossible)).toEqual(['driverDateOfBirth']);
  });

  it('refuses a passport given for the company and an address without its country, naming each field', async () => {
    const sent = await postReferral(referral({ companyDocuments: [{ kind: 'passport', number: 'AB123' }], driverAddress: { line1: 'ul. Krótka 1' } }));
    expect(sent.statusCode).toBe(422);
    expect(fieldsOf(sent)).toEqual(['driverAddress.country']);
    const passport = await postReferral(referral({ companyDocuments: [{ kind: 'passport', number: 'AB123' }] }));
    expect(fieldsOf(passport)).toEqual(['companyDocuments.0.kind']);
  });

  it('describes the new fields in the OpenAPI document, in the incidents API’s shapes', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    const properties = doc.paths['/api/v1/referrals'].post.requestBody.content['application/json'].schema.properties;
    expect(Object.keys(properties.companyAddress.properties)).toEqual(['line1', 'line2', 'town', 'region', 'postcode', 'country']);
    expect(properties.driverDocuments.items.properties.kind.enum).toContain('passport');
    expect(properties.driverDateOfBirth.description).toContain('YYYY-MM-DD');
  });
});
