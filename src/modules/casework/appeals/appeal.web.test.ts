import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, signInAs, step, type OpenedCase } from '../../../../test/support/casework.js';
import { ukDate } from '../../../domain/reference/uk-date.js';

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let manager: WebClient;
let reviewer: WebClient;
const today = () => ukDate(t.clock.now());
const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
const appealUrl = (page: string) => `/cases/${opened.reference}/liabilities/${owner().id}/appeal/${page}`;
const userId = async (username: string) => (await t.services.identity.listUsers()).find((u) => u.username === username)!.id;

async function prepare(client: WebClient, page: string, form: Record<string, string | string[]>) {
  const shown = await client.get(appealUrl(page));
  expect(shown.statusCode).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(shown.body)![1]!;
  return client.post(appealUrl(page), { version, ...form });
}

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  manager = await WebClient.signedIn(t.app, 'manager');
  const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  await identifyEveryone(caseworker, opened);
  for (const l of opened.liabilities) {
    await step(caseworker, opened.reference, 'sendInitialNotice', l.id);
    await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', today()));
    await step(caseworker, opened.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
    await step(assurer, opened.reference, 'approveRecommendation', l.id);
  }
  t.clock.advanceDays(45);
  const imposed = await step(caseworker, opened.reference, 'imposePenalty', opened.liabilities.map((l) => l.id));
  expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
  const lodged = await step(caseworker, opened.reference, 'lodgeAppeal', owner().id, { ...dateFields('lodgedOn', today()), court: 'County Court at Canterbury' });
  expect(lodged.statusCode, errorSummary(lodged.body)).toBe(303);
});
afterAll(async () => t?.close());

describe('allocating the appeal', () => {
  it('refuses an officer who has acted on the case, naming them', async () => {
    const refused = await step(manager, opened.reference, 'allocateAppeal', owner().id, { officerId: await userId('caseworker-eo') });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/has acted on this case before/);
    expect(errorSummary(refused.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('allocates to an officer with no earlier involvement', async () => {
    reviewer = await signInAs(t, 'appeal-reviewer', ['caseworker-eo'], 'Asha Reviewer');
    const page = await manager.get(`/cases/${opened.reference}/actions/allocateAppeal?liability=${owner().id}`);
    expect(page.body).toMatch(/<option value="[^"]+" disabled>[^<]*has acted on this case/);
    const allocated = await step(manager, opened.reference, 'allocateAppeal', owner().id, { officerId: await userId('appeal-reviewer') });
    expect(allocated.statusCode, errorSummary(allocated.body)).toBe(303);
    expect((await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!.appeal!.allocatedTo).toBe(await userId('appeal-reviewer'));
  });
});

describe('preparing the appeal', () => {
  it('lets the allocated officer record a hearing, change it, tick the bundle and record a witness statement', async () => {
    const hearing = await prepare(reviewer, 'hearing', { ...dateFields('hearingOn', '2031-03-14'), court: 'County Court at Canterbury', type: 'directions' });
    expect(hearing.statusCode, errorSummary(hearing.body)).toBe(303);
    const hearingId = /hearing\?hearing=([0-9a-f-]+)/.exec((await reviewer.get(`/cases/${opened.reference}`)).body)![1]!;
    const changeForm = await reviewer.get(`${appealUrl('hearing')}?hearing=${hearingId}`);
    expect(changeForm.body).toContain('value="County Court at Canterbury"');
    const changed = await prepare(reviewer, 'hearing', { hearingId, ...dateFields('hearingOn', '2031-04-02'), court: 'County Court at Canterbury', type: 'final' });
    expect(changed.statusCode, errorSummary(changed.body)).toBe(303);

    const ticked = await prepare(reviewer, 'bundle', { items: ['penalty-notice', 'calculation'] });
    expect(ticked.statusCode, errorSummary(ticked.body)).toBe(303);
    const statement = await prepare(reviewer, 'witness-statement', { madeBy: 'Officer J Smith, Coquelles', ...dateFields('madeOn', today()), text: 'I searched the vehicle.\nThe seals were intact.' });
    expect(statement.statusCode, errorSummary(statement.body)).toBe(303);

    const page = (await reviewer.get(`/cases/${opened.reference}`)).body;
    expect(page).toContain('<strong>Final hearing</strong>: 2 April 2031, County Court at Canterbury');
    expect(page).not.toContain('<strong>Directions hearing</strong>');
    expect(page).toContain('Directions hearing on 14 March 2031 at County Court at Canterbury.');
    expect(page).toContain('Court bundle: 2 of 7 documents ticked.');
    expect(page).toMatch(/Penalty notice: <strong>in the bundle<\/strong> \(ticked by Asha Reviewer/);
    expect(page).toContain('I searched the vehicle.<br />\nThe seals were intact.');
    expect(page).toContain('Appeal hearing recorded');
    expect(page).toContain('Court bundle: document ticked');
  });

  it('records unticking as a change of its own', async () => {
    const unticked = await prepare(reviewer, 'bundle', { items: ['penalty-notice'] });
    expect(unticked.statusCode).toBe(303);
    const events = (await t.services.cases.caseFile(opened.reference))!.events.filter((e) => e.type === 'AppealBundleItemChecked');
    expect(events.map((e) => [e.payload.item, e.payload.checked])).toEqual([['penalty-notice', true], ['calculation', true], ['calculation', false]]);
  });

  it('refuses another officer, and changes nothing', async () => {
    const before = (await t.services.cases.caseFile(opened.reference))!.events.length;
    const refused = await prepare(caseworker, 'hearing', { ...dateFields('hearingOn', '2031-05-01'), court: 'Somewhere', type: 'final' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('Only the officer the appeal is allocated to, or a manager, can prepare it');
    expect((await prepare(caseworker, 'bundle', { items: ['skeleton-argument'] })).statusCode).toBe(422);
    expect((await t.services.cases.caseFile(opened.reference))!.events.length).toBe(before);
    expect((await caseworker.get(`/cases/${opened.reference}`)).body).not.toContain('Record a hearing date');
  });

  it('lets a manager prepare it too', async () => {
    const ticked = await prepare(manager, 'bundle', { items: ['penalty-notice', 'skeleton-argument'] });
    expect(ticked.statusCode, errorSummary(ticked.body)).toBe(303);
  });
});
