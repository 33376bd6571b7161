import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, FULL_CHECKLISTS, identifyEveryone, openCase, step, type OpenedCase } from '../../../../test/support/casework.js';
import { ukDate } from '../../../domain/reference/uk-date.js';

/*
 * Decision pages show what is decided above the button (issue #13 item 1), and the assurance steps
 * of item 7 on the pages: the second officer's check before the initial notice, the assurer's
 * checklist, the banner after the decision.
 */

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let assurer: WebClient;
const today = () => ukDate(t.clock.now());
const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
/** The page's words, without tags, entities as characters. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  await identifyEveryone(caseworker, opened);
});
afterAll(async () => t?.close());

describe('the check of the name and address before the initial notice', () => {
  it('refuses to send the notice before a second officer has checked it, and shows the check on its page', async () => {
    const refused = await step(caseworker, opened.reference, 'sendInitialNotice', owner().id, {}, { checkFirst: false });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('A second officer must check the name and address');

    const page = words((await caseworker.get(`/cases/${opened.reference}/actions/checkNoticeDetails?liability=${owner().id}`)).body);
    expect(page).toContain('Trans-Pol Sp. z o.o., owner (S31A)');
    expect(page).toContain('ul. Długa 5');
    expect(page).toContain('English and Polish');
    expect(page).toMatch(/Last day to send the initial notice: \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(page).toContain('the initial notice IS11E to Trans-Pol Sp. z o.o. in English and Polish, by post');
    expect(page).toContain('The name is spelled exactly as on the documents seen at the border');

    const unticked = await step(caseworker, opened.reference, 'checkNoticeDetails', owner().id, { checklist: ['language'] });
    expect(unticked.statusCode).toBe(422);
    expect(errorSummary(unticked.body)).toContain('Tick every item of the name and address checklist');
    const checked = await step(caseworker, opened.reference, 'checkNoticeDetails', owner().id);
    expect(checked.statusCode).toBe(303);
    const banner = words((await caseworker.get(String(checked.headers.location))).body);
    expect(banner).toContain('Name and address checked for Trans-Pol Sp. z o.o.: another officer can now send the initial notice');

    const own = await step(caseworker, opened.reference, 'sendInitialNotice', owner().id, {}, { checkFirst: false });
    expect(errorSummary(own.body)).toContain('You checked the name and address, so another officer must send the initial notice.');
  });
});

describe('approving a recommendation', () => {
  it('shows the person, the amount and each step, who drafted it and the checklist; the approval needs every item and ends with a banner', async () => {
    // The owner's details were checked by the EO above, so another officer sends the owner's notice.
    const other = await WebClient.signedIn(t.app, 'caseworker-ao');
    for (const l of opened.liabilities) {
      const sent = await step(other, opened.reference, 'sendInitialNotice', l.id, {}, { checkFirst: l.id !== owner().id });
      expect(sent.statusCode, errorSummary(sent.body)).toBe(303);
      expect((await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
    }
    expect((await step(other, opened.reference, 'draftRecommendation', owner().id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);

    const page = words((await assurer.get(`/cases/${opened.reference}/actions/approveRecommendation?liability=${owner().id}`)).body);
    expect(page).toContain('Trans-Pol Sp. z o.o., owner (S31A)');
    expect(page).toMatch(/Amount recommended £[\d,]+/);
    const state = (await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!;
    for (const s of state.recommendation!.steps) expect(page).toContain(s.label);
    expect(page).toMatch(/Recommendation drafted by Demo Caseworker on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(page).toMatch(/Name and address|Postal address ul\. Długa 5/);
    expect(page).toMatch(/Last day to impose the penalty: \d{1,2} [A-Z][a-z]+ \d{4} \(in \d+ days\)/);
    expect(page).toContain('the penalty notice IS1131A will go to Trans-Pol Sp. z o.o. in English and Polish, by post');
    for (const item of ['Previous penalties in the five years before the incident were looked for in the register', 'The amount follows the calculation steps']) expect(page).toContain(item);

    const unticked = await step(assurer, opened.reference, 'approveRecommendation', owner().id, { checklist: FULL_CHECKLISTS.approveRecommendation!.slice(1) });
    expect(unticked.statusCode).toBe(422);
    expect(errorSummary(unticked.body)).toContain('Tick every item of the recommendation assurance checklist');
    expect((await t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!.stage).toBe('recommendation-drafted');

    const approved = await step(assurer, opened.reference, 'approveRecommendation', owner().id);
    expect(approved.statusCode).toBe(303);
    const casePage = (await assurer.get(String(approved.headers.location))).body;
    expect(casePage).toContain('govuk-notification-banner--success');
    expect(words(casePage)).toContain('Recommendation approved for Trans-Pol Sp. z o.o.: a caseworker can now impose the penalty');
    expect(words(casePage)).toContain('Checked: the right person, with the name and address as on the documents');

    const impose = words((await caseworker.get(`/cases/${opened.reference}/actions/imposePenalty?liability=${owner().id}`)).body);
    expect(impose).toMatch(/Recommendation assured by Demo Assurer on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(impose).toContain('The assurer checked');
    expect(impose).toMatch(/The penalty notice IS1131A for £[\d,]+, dated today and showing each calculation step, will be sent to Trans-Pol Sp. z o.o. in English and Polish, by post/);
  });
});
