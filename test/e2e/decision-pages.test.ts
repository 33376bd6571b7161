import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { WebClient } from '../support/app.js';
import { dateFields, identifyEveryone, openCase, step } from '../support/casework.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #13 items 1 and 7 in Chromium, axe on every page: a second officer checks the name and
 * address before the initial notice, and an assurer approving a recommendation sees the person, the
 * amount and each calculation step, who drafted it and the checklist, and a banner confirms it. The
 * steps between (sending, the response, the draft) are taken behind the scenes by other officers.
 */

describe.skipIf(!chromiumAvailable)('decision pages in a browser', () => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
  });
  afterAll(async () => b?.close());

  const text = async () => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

  async function submit() {
    await page.locator('#action-form button[type=submit]').click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
  }

  it('checks the name and address, then approves a recommendation seeing what is approved', async () => {
    const opened = await openCase(b.t, {}, 'decision-pages');
    const owner = opened.liabilities.find((l) => l.role === 'owner')!;
    const caseworker = await WebClient.signedIn(b.t.app, 'caseworker-eo');
    await identifyEveryone(caseworker, opened);

    // The assurer checks the owner's name and address before the initial notice.
    await signIn(page, b.baseUrl, 'assurer-ho');
    await page.goto(`${b.baseUrl}/cases/${opened.reference}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Check the name and address before the initial notice for the owner, S31A', exact: true }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await text()).toContain('Trans-Pol Sp. z o.o., owner (S31A)');
    expect(await text()).toContain('the initial notice IS11E to Trans-Pol Sp. z o.o. in English and Polish, by post');
    await submit();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Tick every item of the name and address checklist');
    for (const box of await page.getByRole('group', { name: 'What have you checked?' }).getByRole('checkbox').all()) await box.check();
    await submit();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Name and address checked for Trans-Pol Sp. z o.o.');

    // Behind the scenes: the notice goes, the response comes back, a caseworker drafts the recommendation.
    const sent = await step(caseworker, opened.reference, 'sendInitialNotice', owner.id, {}, { checkFirst: false });
    expect(sent.statusCode).toBe(303);
    expect((await step(caseworker, opened.reference, 'recordResponse', owner.id, dateFields('receivedOn', ukDate(b.t.clock.now())))).statusCode).toBe(303);
    expect((await step(caseworker, opened.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    const steps = (await b.t.services.cases.caseFile(opened.reference))!.states.get(owner.id)!.recommendation!.steps;

    // The assurer opens the approval: the person, the amount, each step, who drafted it, the checklist.
    await page.goto(`${b.baseUrl}/cases/${opened.reference}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Approve the recommendation for the owner, S31A', exact: true }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    const approval = await text();
    expect(approval).toContain('Person Trans-Pol Sp. z o.o.');
    expect(approval).toContain('Role Owner');
    expect(approval).toMatch(/Amount recommended £[\d,]+/);
    for (const s of steps) expect(approval).toContain(s.label);
    expect(approval).toMatch(/Recommendation drafted by Demo Caseworker on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(approval).toMatch(/Name and address checked|Postal address/);
    expect(approval).toContain('the penalty notice IS1131A will go to Trans-Pol Sp. z o.o.');
    const checklist = page.getByRole('group', { name: 'What have you checked?' }).getByRole('checkbox');
    expect(await checklist.count()).toBe(5);
    await checklist.first().check();
    await submit();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Tick every item of the recommendation assurance checklist');
    for (const box of await checklist.all()) await box.check();
    await submit();
    expect(page.url()).toContain(`/cases/${opened.reference}`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Recommendation approved for Trans-Pol Sp. z o.o.');
    expect(await text()).toContain('Checked: the right person, with the name and address as on the documents');
  });
});
