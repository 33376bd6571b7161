import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, step } from '../../../../test/support/casework.js';
import { accessCodeOf, portalCase, portalSignIn, type PortalCase } from '../../../../test/support/portal.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { ukDate } from '../../../domain/reference/uk-date.js';

/* The instalments page: a driver proposes a monthly plan (errors beside the fields first), in English; the page in Polish. */

let t: TestApp;
let kase: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  kase = await portalCase(t, { tractorRegistration: `WGM ${Math.floor(Math.random() * 9000) + 1000}N` }, { caseworker });
  for (const l of kase.opened.liabilities) {
    expect((await step(caseworker, kase.reference, 'recordResponse', l.id, dateFields('receivedOn', ukDate(t.clock.now())))).statusCode).toBe(303);
    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect((await step(assurer, kase.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
  }
  t.clock.advanceDays(45);
  expect((await step(caseworker, kase.reference, 'imposePenalty', kase.opened.liabilities.map((l) => l.id))).statusCode).toBe(303);
  kase.driver.accessCode = await accessCodeOf(t, kase.driver.liabilityId);
}, 240_000);
afterAll(async () => t?.close());

const parts = (date: string) => {
  const [y, m, d] = date.split('-');
  return { 'firstPaymentDate-day': String(Number(d)), 'firstPaymentDate-month': String(Number(m)), 'firstPaymentDate-year': y! };
};

describe('the instalments page', () => {
  it('a driver proposes a monthly plan: the caseworkers’ instalment request, for finance', async () => {
    const client = await portalSignIn(t, kase.driver, { language: 'en' });
    const url = `/portal/penalties/${kase.driver.liabilityId}/instalments`;
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ask to pay in instalments');
    expect(page.body).toMatch(/You owe £\d/);

    const bad = await client.post(url, { monthlyAmount: '12,34.5', 'firstPaymentDate-day': '31', 'firstPaymentDate-month': '2', 'firstPaymentDate-year': '2027' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter the amount you can pay each month, in pounds and pence');
    expect(bad.body).toContain('Enter a real date for the first payment');
    expect(bad.body).toContain('value="12,34.5"');
    const huge = await client.post(url, { monthlyAmount: '99999999999999999999', ...parts(ukDate(t.clock.now())) });
    expect(huge.statusCode).toBe(422);

    const sent = await client.post(url, { monthlyAmount: '100', ...parts(ukDate(t.clock.now())) });
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Instalment plan proposed');
    expect(sent.body).toMatch(/You proposed £100(\.00)? a month from \d{1,2} \w+ \d{4}: \d+ payments/);
    const file = await t.services.cases.caseFile(kase.reference);
    const requested = file!.events.find((e) => e.type === CASE_EVENT.InstalmentsRequested && e.payload.liabilityId === kase.driver.liabilityId)!;
    expect(requested.actorId).toBe(`portal:${kase.driver.liabilityId}`);
    expect(String(requested.payload.proposal)).toMatch(/^Proposed online: £100(\.00)? a month/);
  });

  it('in Polish, never on another’s penalty', async () => {
    const client = await portalSignIn(t, kase.driver, { language: 'pl' });
    expect((await client.get(`/portal/penalties/${kase.owner.liabilityId}/instalments`)).statusCode).toBe(404);
    const page = await client.get(`/portal/penalties/${kase.driver.liabilityId}/instalments`);
    expect(page.body).toContain('Poproś o rozłożenie płatności na raty');
    expect(page.body).not.toContain('data-untranslated');
  });
});
