import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, step, type OpenedCase } from '../../../../test/support/casework.js';
import { ukDate } from '../../../domain/reference/uk-date.js';

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

/** The three calendar months before this one, as GOV.UK month inputs. */
function lastThreeMonths(amount: string): Record<string, string> {
  const [year, month] = today().split('-').map(Number) as [number, number];
  const fields: Record<string, string> = {};
  for (let n = 1; n <= 3; n += 1) {
    const index = year * 12 + (month - 1) - (4 - n);
    Object.assign(fields, { [`payslip${n}-month`]: String((index % 12) + 1), [`payslip${n}-year`]: String(Math.floor(index / 12)), [`payslip${n}Amount`]: amount });
  }
  return fields;
}

async function postMeans(client: WebClient, id: string, form: Record<string, string>) {
  const page = await client.get(meansUrl(id));
  expect(page.statusCode).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
  return client.post(meansUrl(id), { version, ...form });
}

async function assure(client: WebClient, id: string, form: Record<string, string>) {
  const page = await client.get(`${meansUrl(id)}/assure`);
  expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
  const assessmentId = /name="assessmentId" value="([^"]+)"/.exec(page.body)![1]!;
  return client.post(`${meansUrl(id)}/assure`, { version, assessmentId, ...form });
}

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

describe('means testing a company', () => {
  const accounts = () => ({ kind: 'company', currency: 'PLN', turnover: '8,000,000', headcount: '8', eurosPerUnit: '0.2315', rateSource: 'ECB reference rate', ...dateFields('rateDate', today()) });

  it('converts the accounts with the officer’s rate and suggests the band, with the rule it used', async () => {
    const shown = await postMeans(caseworker, owner().id, { ...accounts(), intent: 'calculate' });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Suggested: Micro company');
    expect(shown.body).toContain('fewer than 10 staff and turnover at most €2000000');
    expect(shown.body).toMatch(/<input[^>]+value="micro" checked/);
  });

  it('asks for a reason when the decision differs from the suggestion, and records nothing', async () => {
    const refused = await postMeans(caseworker, owner().id, { ...accounts(), intent: 'record', band: 'small' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('Enter why your decision differs from the suggestion');
    expect((await t.services.cases.caseFile(opened.reference))!.events.some((e) => e.type === 'MeansAssessmentRecorded')).toBe(false);
  });

  it('records the decision with the figures in euros, the rate and its date', async () => {
    const recorded = await postMeans(caseworker, owner().id, { ...accounts(), intent: 'record', band: 'micro' });
    expect(recorded.statusCode, errorSummary(recorded.body)).toBe(303);
    const event = (await t.services.cases.caseFile(opened.reference))!.events.find((e) => e.type === 'MeansAssessmentRecorded')!;
    expect(event.payload).toMatchObject({
      liabilityId: owner().id,
      kind: 'company',
      inputs: { currency: 'PLN', turnover: '8000000', turnoverEuro: 1_852_000, headcount: 8 },
      rate: { eurosPerUnit: '0.2315', source: 'ECB reference rate', date: today() },
      suggestion: { band: 'micro' },
      decision: { band: 'micro', reason: null },
    });
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('No assured means assessment: the calculation makes no means reduction.');
    expect(page.body).toContain('PLN 8,000,000 = €1,852,000');
  });

  it('is not used by the calculation until assured; once assured, the redrafted recommendation is reduced', async () => {
    const drafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect((await stateOf(owner().id)).recommendation!.amountPence).toBe(150_000);
    await step(assurer, opened.reference, 'returnRecommendation', owner().id, { categories: ['wrong-amount'], text: 'Wait for the means assessment to be assured.' });

    const assured = await assure(assurer, owner().id, { outcome: 'assure' });
    expect(assured.statusCode, errorSummary(assured.body)).toBe(303);
    const redrafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' });
    expect(redrafted.statusCode, errorSummary(redrafted.body)).toBe(303);
    expect((await stateOf(owner().id)).recommendation!.amountPence).toBe(37_500);
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('The calculation uses the assured assessment: <strong>Micro company</strong>');
    expect(page.body).toContain('Owner: Trans-Pol Sp. z o.o. – £375, calculated under policy');
  });
});

describe('means testing an individual', () => {
  it('suggests two weeks’ gross income from three months’ payslips', async () => {
    const shown = await postMeans(assurer, driver().id, { kind: 'individual', ...lastThreeMonths('2,000'), intent: 'calculate' });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Suggested: £923.07');
    expect(shown.body).toContain('value="923.07"');
    const recorded = await postMeans(assurer, driver().id, { kind: 'individual', ...lastThreeMonths('2,000'), intent: 'record', assessedAmount: '923.07' });
    expect(recorded.statusCode, errorSummary(recorded.body)).toBe(303);
  });

  it('refuses the assessor assuring their own assessment, and an assurance return without a reason', async () => {
    const own = await assure(assurer, driver().id, { outcome: 'assure' });
    expect(own.statusCode).toBe(422);
    expect(errorSummary(own.body)).toContain('You recorded this means assessment, so another officer must assure it');
    const noReason = await assure(senior, driver().id, { outcome: 'return' });
    expect(noReason.statusCode).toBe(422);
    expect(errorSummary(noReason.body)).toContain('Enter why the assessment is returned');
    expect((await caseworker.post(`${meansUrl(driver().id)}/assure`, { outcome: 'assure' })).statusCode).toBe(403);
  });

  it('uses the assured amount in place of a higher penalty', async () => {
    expect((await assure(senior, driver().id, { outcome: 'assure' })).statusCode).toBe(303);
    const drafted = await step(caseworker, opened.reference, 'draftRecommendation', driver().id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect((await stateOf(driver().id)).recommendation!.amountPence).toBe(92_300);
  });
});
