import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, step } from '../../../test/support/casework.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { addDays } from '../../domain/clock/calendar-date.js';

let t: TestApp;
const today = () => ukDate(t.clock.now());

/** A case whose owner's penalty is imposed, past due and unpaid, written straight into the read tables. */
async function overdueCase(registration: string, company: string, liability: { outstandingPence?: number; paymentDue?: string; valBlock?: string | null } = {}) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: { port: 'DVR', incidentDate: '2026-09-01', offence: 'S31A', vehicleRegistration: registration, vehicleCountry: 'GB', driverName: 'David Smith', companyName: company },
  });
  expect(response.statusCode, response.body).toBe(201);
  const reference = response.json().reference as string;
  await t.database.db.execute(sql`
    update liabilities set stage = 'payment-due', amount_pence = 150000, imposed_on = '2026-08-02',
      outstanding_pence = ${liability.outstandingPence ?? 150000}, payment_due = ${liability.paymentDue ?? addDays(today(), -10)}, val_block = ${liability.valBlock ?? null}
    where role = 'owner' and case_id = (select id from cases where reference = ${reference})`);
  return reference;
}

let listed: string;
let withObjection: string;
let notYetDue: string;
let awkward: string;
let formula: string;

beforeAll(async () => {
  t = await createTestApp();
  listed = await overdueCase('AB12 CDE', 'Smith Haulage Ltd', { outstandingPence: 123456 });
  withObjection = await overdueCase('XY34 ZZZ', 'Objecting Freight Ltd', { valBlock: 'Objection awaiting determination' });
  notYetDue = await overdueCase('CD56 EFG', 'Early Logistics Ltd', { paymentDue: addDays(today(), 5) });
  awkward = await overdueCase('EF78 GHJ', 'Łódź "Trans", Sp. z o.o.');
  formula = await overdueCase('GH90 JKL', '=HYPERLINK("http://example.com")');
});
afterAll(async () => t?.close());

describe('the Vehicle Action List page', () => {
  it('lists each overdue vehicle with its company, cases linked, amount outstanding and due date — and nothing that stands in the way', async () => {
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await caseworker.get('/vehicle-action-list');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AB12 CDE');
    expect(page.body).toContain('Smith Haulage Ltd');
    expect(page.body).toContain(`<a class="govuk-link" href="/cases/${listed}">${listed}</a>`);
    expect(page.body).toContain('£1,234.56');
    expect(page.body).not.toContain('XY34 ZZZ');
    expect(page.body).not.toContain('CD56 EFG');
    expect(page.body).toContain('3 vehicles');
    expect(page.body).not.toContain(withObjection);
    expect(page.body).not.toContain(notYetDue);
  });

  it('finds a vehicle by part of its registration, however it is typed', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const page = await officer.get('/vehicle-action-list?q=ab-12');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AB12 CDE');
    expect(page.body).not.toContain('EF78 GHJ');
    expect(page.body).toContain('1 of 3 vehicles match');
    // A port officer does not read cases: the references are shown without links.
    expect(page.body).toContain(listed);
    expect(page.body).not.toContain(`href="/cases/${listed}"`);
  });

  it('exports the list as a UTF-8 CSV file with quoting and no formulas', async () => {
    const finance = await WebClient.signedIn(t.app, 'finance-officer');
    const response = await finance.get('/vehicle-action-list.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="vehicle-action-list-${today()}.csv"`);
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.body).toContain('\r\n');
    expect(response.body).toContain('"Łódź ""Trans"", Sp. z o.o."');
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Registration)).toEqual(['AB12 CDE', 'EF78 GHJ', 'GH90 JKL']);
    const smith = rows.find((r) => r.Registration === 'AB12 CDE')!;
    expect(smith).toMatchObject({ Country: 'GB', Company: 'Smith Haulage Ltd', 'Case references': listed, 'Amount outstanding (GBP)': '1234.56', 'Payment due': addDays(today(), -10) });
    expect(smith['Why listed']).toContain('owes £1,234.56');
    expect(rows.find((r) => r.Registration === 'EF78 GHJ')!.Company).toBe('Łódź "Trans", Sp. z o.o.');
    expect(rows.find((r) => r.Registration === 'GH90 JKL')!.Company).toBe(`'=HYPERLINK("http://example.com")`);
    expect(response.body).toContain(formula);
    expect(response.body).toContain(awkward);

    const filtered = parse((await finance.get('/vehicle-action-list.csv?q=GH90')).rawPayload, { bom: true, columns: true }) as unknown[];
    expect(filtered).toHaveLength(1);
  });

  it('answers the same list on the API, to plate readers too, and only to the roles that need it', async () => {
    const response = await t.app.inject({ url: '/api/v1/vehicle-action-list', headers: bearer('plate-reader') });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.date).toBe(today());
    expect(body.count).toBe(3);
    expect(body.entries.find((e: { registrationKey: string }) => e.registrationKey === 'AB12CDE')).toMatchObject({
      company: 'Smith Haulage Ltd',
      caseRefs: [listed],
      outstandingPence: 123456,
      dueDate: addDays(today(), -10),
    });
    const one = (await t.app.inject({ url: '/api/v1/vehicle-action-list?registration=gh90', headers: bearer('port-officer') })).json();
    expect(one.entries.map((e: { registration: string }) => e.registration)).toEqual(['GH90 JKL']);
    expect((await t.app.inject({ url: '/api/v1/vehicle-action-list', headers: bearer('analyst') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/vehicle-action-list', headers: bearer('police-officer') })).statusCode).toBe(403);
    // A number-plate reader cannot sign in to pages; its API token is refused the pages too.
    expect((await t.app.inject({ url: '/vehicle-action-list', headers: bearer('plate-reader') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/vehicle-action-list.csv', headers: bearer('plate-reader') })).statusCode).toBe(403);
  });

  it('takes a vehicle off the list as soon as nothing is outstanding', async () => {
    await t.database.db.execute(sql`update liabilities set outstanding_pence = 0 where case_id = (select id from cases where reference = ${formula}) and role = 'owner'`);
    const body = (await t.app.inject({ url: '/api/v1/vehicle-action-list', headers: bearer('port-officer') })).json();
    expect(body.entries.map((e: { registration: string }) => e.registration)).not.toContain('GH90 JKL');
  });
});

describe('whether a penalty is paid', () => {
  it('answers per liability: role, amount, paid, outstanding, due date and status', async () => {
    const opened = await openCase(t, { tractorRegistration: 'WGM 7777P' });
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
    await identifyEveryone(caseworker, opened);
    const ids = opened.liabilities.map((l) => l.id);
    for (const id of ids) {
      expect((await step(caseworker, opened.reference, 'sendInitialNotice', id)).statusCode).toBe(303);
      expect((await step(caseworker, opened.reference, 'recordResponse', id, dateFields('receivedOn', today()))).statusCode).toBe(303);
      const drafted = await step(caseworker, opened.reference, 'draftRecommendation', id, { compliedWithRegulations: 'no' });
      expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
      expect((await step(assurer, opened.reference, 'approveRecommendation', id)).statusCode).toBe(303);
    }
    const before = (await t.app.inject({ url: `/api/v1/cases/${opened.reference}/payment-status`, headers: bearer('finance-officer') })).json();
    expect(before.liabilities.map((l: { status: string; amount: unknown }) => [l.status, l.amount])).toEqual([
      ['not-imposed', null],
      ['not-imposed', null],
    ]);

    t.clock.advanceDays(45);
    const imposed = await step(caseworker, opened.reference, 'imposePenalty', ids);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    const response = await t.app.inject({ url: `/api/v1/cases/${opened.reference}/payment-status`, headers: bearer('finance-officer') });
    expect(response.statusCode).toBe(200);
    const driver = response.json().liabilities.find((l: { role: string }) => l.role === 'driver');
    expect(driver).toMatchObject({ role: 'driver', name: 'Łukasz Żółkiewski', amount: 150000, paid: 0, outstanding: 150000, dueDate: addDays(today(), 60), status: 'unpaid', overdue: false });

    // The owner pays part of the driver's penalty (joint and several): it counts on the driver's.
    const paid = await t.services.cases.act(
      {
        reference: opened.reference,
        liabilityIds: [driver.liabilityId],
        action: { type: 'recordPayment', amountPence: 50000, receivedOn: today(), method: 'bank-transfer', reference: 'INV-001', paidBy: 'employer' },
      },
      { actor: { id: 'finance', name: 'Finance officer', roles: ['finance-officer'] } },
    );
    expect(paid.ok, JSON.stringify(paid)).toBe(true);
    const after = (await t.app.inject({ url: `/api/v1/cases/${opened.reference}/payment-status`, headers: bearer('caseworker-ao') })).json();
    expect(after.liabilities.find((l: { role: string }) => l.role === 'driver')).toMatchObject({ paid: 50000, outstanding: 100000, status: 'part-paid' });
    t.clock.reset();
  });

  it('answers 404 for an unknown case and 403 to roles that do not need it', async () => {
    expect((await t.app.inject({ url: '/api/v1/cases/CEC-2026-999999/payment-status', headers: bearer('finance-officer') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/cases/${listed}/payment-status`, headers: bearer('port-officer') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/cases/${listed}/payment-status`, headers: bearer('plate-reader') })).statusCode).toBe(403);
  });
});
