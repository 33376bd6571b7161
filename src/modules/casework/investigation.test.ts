import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields } from '../../../test/support/casework.js';

let t: TestApp;
let reference: string;
beforeAll(async () => {
  t = await createTestApp();
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: { port: 'CAL', incidentDate: '2026-10-20', offence: 'S32', clandestineEntrants: 4, vehicleRegistration: 'B 123 XYZ', vehicleCountry: 'RO', driverName: 'Ion Popescu', companyName: 'Carpatica Cargo S.R.L.' },
  });
  reference = opened.json().reference;
});
afterAll(async () => t?.close());

describe('criminal investigation referral', () => {
  it('shows the deadlines, waits while referred, and returns to the queue when declined', async () => {
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const page = await caseworker.get(`/cases/${reference}`);
    expect(page.body).toContain('Last day to impose the penalty');
    expect(page.body).toContain('17 April 2027'); // 2026-10-20 + 179 days

    const refused = await caseworker.post(`/cases/${reference}/criminal-investigation`, { date: '2026-10-01', team: 'Organised Immigration Crime' });
    expect(decodeURIComponent(String(refused.headers.location))).toContain('is before the incident');

    // The form asks for the date with the GOV.UK date input: an impossible date is refused, nothing changes.
    expect(page.body).toContain('name="date-day"');
    const impossible = await caseworker.post(`/cases/${reference}/criminal-investigation`, { 'date-day': '31', 'date-month': '9', 'date-year': '2026', team: 'Organised Immigration Crime' });
    expect(decodeURIComponent(String(impossible.headers.location))).toContain('The date must be a real date');
    expect((await t.services.cases.getCase(reference))!.stage).toBe('case-created');

    const referred = await caseworker.post(`/cases/${reference}/criminal-investigation`, { ...dateFields('date', '2026-10-25'), team: 'Organised Immigration Crime', investigationReference: 'OIC-77' });
    expect(referred.statusCode).toBe(303);
    const waiting = await caseworker.get(`/cases/${reference}`);
    expect(waiting.body).toContain('Referred for criminal investigation');
    expect(waiting.body).toContain('Last day to impose the penalty'); // the clock stays on the page
    expect((await t.services.cases.getCase(reference))!.stage).toBe('criminal-investigation');

    await caseworker.post(`/cases/${reference}/criminal-investigation`, { outcome: 'declined', date: '2026-11-02' });
    const back = await t.services.cases.getCase(reference);
    expect(back!.stage).toBe('case-created');
    expect(back!.timeline.map((e) => e.title)).toEqual(expect.arrayContaining(['Referred for criminal investigation', 'Criminal investigation declined']));
  });
});
