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
const driver = () => opened.liabilities.find((l) => l.role === 'driver')!;
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
    const refused = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' });
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
    const drafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('recommendation-drafted');

    const returned = await step(assurer, opened.reference, 'returnRecommendation', owner().id, { categories: ['compliance-not-considered'], text: 'The response says seals were fitted: consider compliance.' });
    expect(returned.statusCode, errorSummary(returned.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('returned-by-assurer');

    const redrafted = await step(caseworker, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' });
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

  it('imposes once the window has closed and every penalty of the incident is known; the notice is a bilingual PDF', async () => {
    // The driver's liability goes through the same steps, both at once where the step allows it.
    await step(caseworker, opened.reference, 'sendInitialNotice', driver().id);
    await step(caseworker, opened.reference, 'recordResponse', driver().id, dateFields('receivedOn', today()));
    expect((await step(caseworker, opened.reference, 'draftRecommendation', driver().id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    expect((await step(assurer, opened.reference, 'approveRecommendation', driver().id)).statusCode).toBe(303);

    // Operational practice: imposition from six weeks after the incident, once the response window has closed.
    t.clock.advanceDays(45);
    const imposed = await step(caseworker, opened.reference, 'imposePenalty', [owner().id, driver().id]);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    expect(await stageOf(owner().id)).toBe('imposed');
    const letters = await t.database.db.execute(`select form, language from case_letters order by created_at, id` as never);
    const forms = (letters as unknown as { rows: { form: string }[] }).rows.map((r) => r.form);
    expect(forms.filter((f) => f === 'IS11E')).toHaveLength(2);
    expect(forms.filter((f) => f === 'IS1131A')).toHaveLength(2);
  });

  it('records an objection and reduces the penalty with a fresh calculation', async () => {
    const before = (await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!;
    expect((await step(caseworker, opened.reference, 'recordObjection', owner().id, { ...dateFields('receivedOn', today()), grounds: 'We are accredited and checked the seals.' })).statusCode).toBe(303);
    const refused = await step(assurer, opened.reference, 'determineObjection', owner().id, { outcome: 'reduce', reasons: 'Same facts.', compliedWithRegulations: 'no' });
    expect(refused.statusCode).toBe(422);
    const reduced = await step(assurer, opened.reference, 'determineObjection', owner().id, {
      outcome: 'reduce',
      reasons: 'The seals were checked at loading; a further reduction is made for the evidence sent.',
      compliedWithRegulations: 'no',
      discretionPercent: '20',
      discretionReason: 'other',
      discretionExplanation: 'Evidence of checks sent',
    });
    expect(reduced.statusCode, errorSummary(reduced.body)).toBe(303);
    const drafted = (await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!;
    expect(drafted.stage).toBe('objection-received');
    expect(drafted.objection?.determination).toBeUndefined();
    // A Higher Officer who did not determine it assures it: not the assurer who did, and not without the checklist.
    const own = await step(assurer, opened.reference, 'assureObjectionDetermination', owner().id, { approve: 'yes' });
    expect(errorSummary(own.body)).toContain('You determined this objection, so you cannot assure it');
    const senior = await WebClient.signedIn(t.app, 'senior-officer');
    const unticked = await step(senior, opened.reference, 'assureObjectionDetermination', owner().id, { approve: 'yes', checklist: ['dates'] });
    expect(unticked.statusCode).toBe(422);
    expect(errorSummary(unticked.body)).toContain('Tick every item of the objection assurance checklist to approve the determination');
    expect((await step(senior, opened.reference, 'assureObjectionDetermination', owner().id, { approve: 'yes' })).statusCode).toBe(303);
    const after = (await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!;
    expect(after.stage).toBe('objection-determined');
    expect(after.objection?.determination?.amountPence).toBeLessThan(before.penaltyNotice!.amountPence);
  });
});

describe('guards that refuse', () => {
  it('refuses to impose after the last day to impose', async () => {
    const late = await openCase(t);
    const cw = await WebClient.signedIn(t.app, 'caseworker-eo');
    await identifyEveryone(cw, late);
    for (const l of late.liabilities) {
      await step(cw, late.reference, 'sendInitialNotice', l.id);
      await step(cw, late.reference, 'recordResponse', l.id, dateFields('receivedOn', today()));
      expect((await step(cw, late.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
      expect((await step(assurer, late.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
    }
    t.clock.advanceDays(200);
    const refused = await step(cw, late.reference, 'imposePenalty', late.liabilities[0]!.id);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/last day to impose/i);
    t.clock.advanceDays(-200);
  });

  it('refuses an assurer approving a recommendation they drafted', async () => {
    const own = await openCase(t);
    const both = await signInAs(t, 'eo-and-ho', ['caseworker-eo', 'assurer-ho'], 'Dual Role Officer');
    await identifyEveryone(both, own);
    const l = own.liabilities[0]!;
    await step(both, own.reference, 'sendInitialNotice', l.id);
    await step(both, own.reference, 'recordResponse', l.id, dateFields('receivedOn', today()));
    expect((await step(both, own.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    const refused = await step(both, own.reference, 'approveRecommendation', l.id);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/drafted|author|own/i);
  });

  it('refuses a step posted with a stale case version, and saves nothing', async () => {
    const stale = await openCase(t);
    const l = stale.liabilities[0]!;
    const page = await caseworker.get(`/cases/${stale.reference}/actions/sendInitialNotice?liability=${l.id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    await step(caseworker, stale.reference, 'sendInitialNotice', stale.liabilities[1]!.id);
    const conflict = await caseworker.post(`/cases/${stale.reference}/actions/sendInitialNotice`, { liabilityIds: l.id, version });
    expect(conflict.statusCode).toBe(422);
    expect(errorSummary(conflict.body)).toMatch(/Someone else changed this case/);
    expect((await t.services.cases.caseFile(stale.reference))!.states.get(l.id)!.stage).toBe('case-created');
  });
});
