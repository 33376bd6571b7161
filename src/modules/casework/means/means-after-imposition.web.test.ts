import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, step, type OpenedCase } from '../../../../test/support/casework.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { outstandingPence } from '../../../domain/liability/liability-state.js';

/*
 * Issue #13 items 5 and 6 through the pages: discretion approved by a Senior Officer before the
 * recommendation is assured, counted on the consistency view; a reduction on means after
 * imposition proposed, assured by a Higher Officer, with its letter; the driver's suggestion by
 * §10.87; and a request after the payment due date refused.
 */

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let assurer: WebClient;
let senior: WebClient;
const today = () => ukDate(t.clock.now());
const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
const driver = () => opened.liabilities.find((l) => l.role === 'driver')!;
const stateOf = async (id: string) => (await t.services.cases.caseFile(opened.reference))!.states.get(id)!;
const meansUrl = (id: string) => `/cases/${opened.reference}/liabilities/${id}/means`;
const amountBox = (body: string) => /name="amount"[^>]*value="([^"]*)"/.exec(body)?.[1] ?? /value="([^"]*)"[^>]*name="amount"/.exec(body)?.[1];

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  senior = await WebClient.signedIn(t.app, 'senior-officer');
  await identifyEveryone(caseworker, opened);
  for (const l of opened.liabilities) {
    await step(caseworker, opened.reference, 'sendInitialNotice', l.id);
    await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', today()));
  }
});
afterAll(async () => t?.close());

describe('discretion approved by a Senior Officer', () => {
  it('asks for a reason from the policy’s list, and “Other” in the officer’s words', async () => {
    const refused = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no', discretionPercent: '25', discretionReason: 'other' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('explain the reason in your own words');
    const noMeans = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, {
      compliedWithRegulations: 'no',
      postMeansDiscretionPercent: '10',
      postMeansDiscretionReason: 'public-interest',
    });
    expect(noMeans.statusCode).toBe(422);
    expect(errorSummary(noMeans.body)).toContain('Discretion after means testing needs an assured means assessment of this person');
    const page = await caseworker.get(`/cases/${opened.reference}/actions/draftRecommendation?liability=${owner().id}`);
    expect(page.body).toContain('Self-declaration');
    expect(page.body).toContain('Axle find');
  });

  it('holds the recommendation until a Senior Officer who sees the reason and the amount approves it', async () => {
    const drafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no', discretionPercent: '25', discretionReason: 'self-declaration' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const blocked = await step(assurer, opened.reference, 'approveRecommendation', owner().id);
    expect(blocked.statusCode).toBe(422);
    expect(errorSummary(blocked.body)).toContain('a Senior Officer who did not draft it must approve the discretion first');

    const page = await senior.get(`/cases/${opened.reference}/actions/approveDiscretion?liability=${owner().id}`);
    expect(page.statusCode).toBe(200);
    const recommendation = (await stateOf(owner().id)).recommendation!;
    const off = recommendation.discretion![0]!.reducedPence;
    expect(off).toBeGreaterThan(0);
    expect(page.body).toContain('The discretion you are approving');
    expect(page.body).toContain('Self-declaration');
    expect(page.body).toContain(`25% – £${(off / 100).toLocaleString('en-GB')} off`);
    expect(page.body).toMatch(/Drafted by[\s\S]*?<dd[^>]*>\s*[A-Z]/);

    expect((await step(senior, opened.reference, 'approveDiscretion', owner().id, { note: 'Reported to the police at Calais.' })).statusCode).toBe(303);
    expect((await stateOf(owner().id)).recommendation?.discretionApproval?.note).toBe('Reported to the police at Calais.');
    expect((await step(assurer, opened.reference, 'approveRecommendation', owner().id)).statusCode).toBe(303);
  });

  it('is counted on the consistency view by reason, officer and port, filtered by dates; caseworkers cannot see it', async () => {
    const view = await senior.get('/discretion');
    expect(view.statusCode).toBe(200);
    expect(view.body).toMatch(/id="discretion-total"><strong data-count="1"/);
    expect(view.body).toMatch(/id="by-reason"[\s\S]*?Self-declaration[\s\S]*?data-count="1"/);
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000);
    const later = await senior.get(`/discretion?from-day=${tomorrow.getUTCDate()}&from-month=${tomorrow.getUTCMonth() + 1}&from-year=${tomorrow.getUTCFullYear()}`);
    expect(later.body).toMatch(/id="discretion-total"><strong data-count="0"/);
    const bad = await senior.get('/discretion?from-day=31&from-month=2&from-year=2026');
    expect(bad.statusCode).toBe(422);
    expect((await caseworker.get('/discretion')).statusCode).toBe(403);
  });
});

describe('a reduction on means after imposition', () => {
  beforeAll(async () => {
    expect((await step(caseworker, opened.reference, 'draftRecommendation', driver().id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    expect((await step(assurer, opened.reference, 'approveRecommendation', driver().id)).statusCode).toBe(303);
    t.clock.advanceDays(45);
    const imposed = await step(caseworker, opened.reference, 'imposePenalty', [owner().id, driver().id]);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    // The company's means: a micro company, assured by a Higher Officer.
    const form = await caseworker.get(meansUrl(owner().id));
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const accounts = { kind: 'company', currency: 'EUR', turnover: '1,500,000', headcount: '8', intent: 'record', band: 'micro' };
    expect((await caseworker.post(meansUrl(owner().id), { version, ...accounts })).statusCode).toBe(303);
    const assurePage = await assurer.get(`${meansUrl(owner().id)}/assure`);
    const assessmentId = /name="assessmentId" value="([^"]+)"/.exec(assurePage.body)![1]!;
    const v2 = /name="version" value="(\d+)"/.exec(assurePage.body)![1]!;
    expect((await assurer.post(`${meansUrl(owner().id)}/assure`, { version: v2, assessmentId, outcome: 'assure' })).statusCode).toBe(303);
  });

  it('suggests the reduced amount on the proposal page; a Higher Officer assures it; the outstanding amount falls and the letter goes', async () => {
    const before = await stateOf(owner().id);
    const inForce = before.penaltyNotice!.amountPence;
    const page = await caseworker.get(`/cases/${opened.reference}/actions/proposeMeansReduction?liability=${owner().id}`);
    expect(page.body).toContain('Suggested amount');
    const suggested = Math.round(Number(amountBox(page.body)) * 100);
    expect(suggested).toBe(Math.floor((inForce * 25) / 100 / 100) * 100);

    const proposed = await step(caseworker, opened.reference, 'proposeMeansReduction', owner().id, {
      ...dateFields('requestedOn', today()),
      amount: (suggested / 100).toFixed(2),
      basis: 'company-band',
      reasons: 'Micro company: 8 staff, turnover €1.5m.',
    });
    expect(proposed.statusCode, errorSummary(proposed.body)).toBe(303);
    const own = await step(caseworker, opened.reference, 'decideMeansReduction', owner().id, { approve: 'yes', reason: 'Mine' });
    expect(own.statusCode).toBe(422);

    const decision = await assurer.get(`/cases/${opened.reference}/actions/decideMeansReduction?liability=${owner().id}`);
    expect(decision.body).toContain('The reduction proposed');
    expect(decision.body).toContain('Micro company: 8 staff');
    expect((await step(assurer, opened.reference, 'decideMeansReduction', owner().id, { approve: 'yes', reason: 'Accounts checked against the registry.' })).statusCode).toBe(303);

    const after = await stateOf(owner().id);
    expect(outstandingPence(after)).toBe(suggested);
    const letters = (await t.database.db.execute(`select form, title from case_letters where liability_id = '${owner().id}'` as never)) as unknown as { rows: { form: string; title: string }[] };
    expect(letters.rows.map((r) => r.form)).toContain('MEANS');
    const casePage = await assurer.get(`/cases/${opened.reference}`);
    expect(casePage.body).toContain('Means decision: penalty reduced (MEANS)');
    expect(casePage.body).toMatch(/Reduction on means to £[\d,]+ \(from £[\d,]+\), proposed by [^:]+:\s*<strong>assured<\/strong>/);
  });

  it('suggests the driver’s reduction by §10.87: the same as the company’s when it is the lower', async () => {
    const driverInForce = (await stateOf(driver().id)).penaltyNotice!.amountPence;
    const company = (await stateOf(owner().id)).meansReductions![0]!;
    const companyReduction = company.previousAmountPence - company.amountPence;
    const page = await caseworker.get(`/cases/${opened.reference}/actions/proposeMeansReduction?liability=${driver().id}`);
    expect(page.body).toContain('Reduced by the same amount as the company’s penalty');
    expect(Math.round(Number(amountBox(page.body)) * 100)).toBe(Math.max(0, driverInForce - companyReduction));
  });

  it('refuses a request received after the payment due date, saying the date and why, and changes nothing', async () => {
    t.clock.advanceDays(65);
    const refused = await step(caseworker, opened.reference, 'proposeMeansReduction', driver().id, {
      ...dateFields('requestedOn', today()),
      amount: '100.00',
      basis: 'individual-means',
      reasons: 'Payslips sent late.',
    });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/after the payment due date of \d{1,2} [A-Z][a-z]+ \d{4}\. Means testing must be asked for before the payment due date/);
    expect((await stateOf(driver().id)).meansReductions ?? []).toEqual([]);
  });
});
