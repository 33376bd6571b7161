import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, signInAs, step, type OpenedCase } from '../../../test/support/casework.js';
import { ukDate } from '../../domain/reference/uk-date.js';

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let assurer: WebClient;
const today = () => ukDate(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
});
afterAll(async () => t?.close());

const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
const stageOf = async (id: string) => (await t.services.cases.caseFile(opened.reference))!.states.get(id)!.stage;

describe('an S31A case from the initial notice to a reduced penalty', () => {
  it('sends the initial notice as a letter in English and Polish, queued for posting', async () => {
    const response = await step(caseworker, opened.reference, 'sendInitialNotice', owner().id);
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('initial-notice-sent');
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('Initial notice sent: response window open');
  });

  it('refuses to draft while the person is not identified in the register, and says why', async () => {
    await step(caseworker, opened.reference, 'recordResponse', owner().id, { ...dateFields('receivedOn', today()), summary: 'Seals were fitted at loading.' });
    expect(await stageOf(owner().id)).toBe('response-window-closed');
    const refused = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no', cpasMember: 'no' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/register/i);
  });

  it('shows a field error for a date that is not real, and changes nothing', async () => {
    const response = await step(caseworker, opened.reference, 'recordResponse', owner().id, { 'receivedOn-day': '31', 'receivedOn-month': '2', 'receivedOn-year': '2026' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('must be a real date');
    expect(response.body).toContain('id="receivedOn-error"');
  });

  it('drafts, is returned by the assurer with reasons, is corrected and approved', async () => {
    await identifyEveryone(caseworker, opened);
    const drafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no', cpasMember: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('recommendation-drafted');

    const returned = await step(assurer, opened.reference, 'returnRecommendation', owner().id, { categories: ['compliance-not-considered'], text: 'The response says seals were fitted: consider compliance.' });
    expect(returned.statusCode, errorSummary(returned.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('returned-by-assurer');

    const redrafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no', cpasMember: 'yes' });
    expect(redrafted.statusCode, errorSummary(redrafted.body)).toBe(303);
    const approved = await step(assurer, opened.reference, 'approveRecommendation', owner().id);
    expect(approved.statusCode, errorSummary(approved.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('assured');
  });

  it('refuses to impose inside the response window, with the reason', async () => {
    const refused = await step(caseworker, opened.reference, 'imposePenalty', owner().id);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/response/i);
  });
});
