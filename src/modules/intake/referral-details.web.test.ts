import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/* The quick referral form's optional details of the driver and the company (issue #14 item 6). */

let t: TestApp;
let officer: WebClient;
beforeAll(async () => {
  t = await createTestApp();
  officer = await WebClient.signedIn(t.app, 'port-officer');
});
afterAll(async () => t?.close());

const [year, month, day] = addDays(ukDate(new Date()), -2).split('-');
const form = {
  port: 'CAL',
  'incidentDate-day': String(Number(day)),
  'incidentDate-month': String(Number(month)),
  'incidentDate-year': year!,
  offence: 'S31A',
  clandestineEntrants: '',
  vehicleRegistration: 'CB 4821 KT',
  vehicleCountry: 'BG',
  driverName: 'Стоян Петров',
  companyName: 'Балкан Карго ООД',
  'driverDateOfBirth-day': '14',
  'driverDateOfBirth-month': '3',
  'driverDateOfBirth-year': '1981',
  'driverAddress-line1': 'ул. Шипка 7',
  'driverAddress-town': 'Пловдив',
  'driverAddress-postcode': '4000',
  'driverAddress-country': 'BG',
  'driverDocument-kind': 'driving-licence',
  'driverDocument-number': '281734551',
  'companyAddress-line1': 'бул. Европа 101',
  'companyAddress-town': 'Русе',
  'companyAddress-postcode': '7000',
  'companyAddress-country': 'BG',
  companyVat: 'BG 204 556 781',
  companyNumber: '204556781',
};

describe('the referral form with the responsible persons’ details', () => {
  it('keeps the short form short: the details sit in closed "Add the …" sections', async () => {
    const page = await officer.get('/referrals/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<details class="govuk-details"\s*>/);
    expect(page.body).not.toMatch(/<details class="govuk-details"[^>]*open/);
    expect(page.body).toContain('Add the driver’s date of birth, address and document');
    expect(page.body).toContain('Add the company’s address, VAT number and company number');
    expect(page.body).toContain('name="companyAddress-postcode"');
  });

  it('refuses a bad postcode and VAT number beside their fields, keeping every value and opening the sections', async () => {
    const refused = await officer.post('/referrals', { ...form, 'companyAddress-postcode': '70000', companyVat: 'BG12', idempotencyKey: 'details-refused-1' });
    expect(refused.statusCode).toBe(422);
    const body = refused.body;
    // In the summary, linking to each field, and beside it.
    expect(body).toContain('href="#companyAddress-postcode"');
    expect(body).toContain('href="#companyVat"');
    expect(body).toMatch(/id="companyAddress-postcode-error"[\s\S]*?Enter a postcode in the format used in Bulgaria, like 1000/);
    expect(body).toMatch(/id="companyVat-error"[\s\S]*?Enter a VAT number in the format used in Bulgaria/);
    // What the officer typed is all still there, and the sections holding it are open.
    expect(body).toContain('value="70000"');
    expect(body).toContain('value="BG12"');
    expect(body).toContain('value="ул. Шипка 7"');
    expect(body).toContain('value="281734551"');
    expect(body).toMatch(/<option value="driving-licence" selected/);
    expect(body).toMatch(/<option value="BG" selected>Bulgaria<\/option>/);
    expect(body.match(/<details class="govuk-details" open/g)?.length).toBe(2);
  });

  it('refuses a date of birth in the future beside the date input', async () => {
    const nextYear = String(Number(year) + 1);
    const refused = await officer.post('/referrals', { ...form, 'driverDateOfBirth-year': nextYear, idempotencyKey: 'details-refused-2' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#driverDateOfBirth-day"');
    expect(refused.body).toMatch(/id="driverDateOfBirth-error"[\s\S]*?The driver’s date of birth must be in the past/);
    expect(refused.body).toContain(`value="${nextYear}"`);
  });

  it('opens a case with the driver’s and the company’s addresses on it', async () => {
    const sent = await officer.post('/referrals', { ...form, idempotencyKey: 'details-sent-1' });
    expect(sent.statusCode).toBe(303);
    const reference = /CEC-\d{4}-\d{6}/.exec(sent.headers.location as string)![0];
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = await caseworker.get(`/cases/${reference}`);
    expect(casePage.body).toContain('ул. Шипка 7, 4000 Пловдив, BG');
    expect(casePage.body).toContain('бул. Европа 101, 7000 Русе, BG');
    // As referred: the driver's date of birth and licence, the company's VAT number, for the officer who checks the name and address.
    const referred = casePage.body.slice(casePage.body.indexOf('id="referred-persons"'), casePage.body.indexOf('id="responsible-persons"')).replace(/<[^>]+>/g, '');
    expect(referred).toContain('Стоян Петров, born 14 March 1981, Driving licence 281734551, ул. Шипка 7, Пловдив 4000, Bulgaria');
    expect(referred).toContain('Company: Балкан Карго ООД, VAT number BG 204 556 781, Company number 204556781');
    // The register entry made from the case has the driver's date of birth and licence.
    const driverCard = casePage.body.slice(casePage.body.indexOf('Driver: Стоян Петров'));
    const liabilityId = /\/liabilities\/([0-9a-f-]{36})\/new-party/.exec(driverCard)![1]!;
    expect((await caseworker.post(`/cases/${reference}/liabilities/${liabilityId}/new-party`, {})).statusCode).toBe(303);
    const after = await caseworker.get(`/cases/${reference}`);
    const partyId = /href="\/parties\/([0-9a-f-]{36})">view Стоян Петров/.exec(after.body)![1]!;
    const party = await caseworker.get(`/parties/${partyId}`);
    expect(party.body).toContain('281734551');
    expect(party.body).toContain('14 March 1981');
    expect(party.body).toContain('ул. Шипка 7');
  });
});
