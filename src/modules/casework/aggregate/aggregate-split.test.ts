import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step } from '../../../../test/support/casework.js';
import { ukDate } from '../../../domain/reference/uk-date.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('the aggregate maximum split by a senior officer', () => {
  it('refuses imposition above the maximum until a senior officer splits it, then imposes each share', async () => {
    const hirer = { role: 'hirer', kind: 'organisation', name: 'Hire-Truck S.R.L.', language: 'ro', address: { line1: 'Strada Mare 3', town: 'Iași', postcode: '700001', country: 'RO' } };
    const opened = await openCase(t, { offences: ['S32'], clandestineEntrants: 2, requirements: undefined, concealment: ['load'], responsiblePersons: [POLISH_DRIVER, POLISH_OWNER, hirer] });
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
    const senior = await WebClient.signedIn(t.app, 'senior-officer');
    await identifyEveryone(caseworker, opened);
    const today = ukDate(t.clock.now());
    for (const l of opened.liabilities) {
      await step(caseworker, opened.reference, 'sendInitialNotice', l.id);
      await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', today));
      const drafted = await step(caseworker, opened.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
      expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
      expect((await step(assurer, opened.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
    }
    t.clock.advanceDays(45);
    const ids = opened.liabilities.map((l) => l.id);
    const refused = await step(caseworker, opened.reference, 'imposePenalty', ids);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('above the aggregate maximum of £24,000');

    const page = await senior.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('Aggregate maximum exceeded');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const tooMuch = await senior.post(`/cases/${opened.reference}/aggregate-split`, { version, offence: 'S32', ...Object.fromEntries(ids.map((id) => [`share-${id}`, '9000'])) });
    expect(decodeURIComponent(String(tooMuch.headers.location))).toContain('more than the maximum');

    const shares = ['12000', '6000', '6000'];
    const split = await senior.post(`/cases/${opened.reference}/aggregate-split`, { version, offence: 'S32', ...Object.fromEntries(ids.map((id, i) => [`share-${id}`, shares[i]!])) });
    expect(String(split.headers.location)).not.toContain('error');
    const imposed = await step(caseworker, opened.reference, 'imposePenalty', ids);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    const file = (await t.services.cases.caseFile(opened.reference))!;
    expect(ids.map((id) => file.states.get(id)!.penaltyNotice!.amountPence)).toEqual([1_200_000, 600_000, 600_000]);
  });
});
