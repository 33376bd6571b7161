import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { dateFields, identifyEveryone, openCase, step, type OpenedCase } from '../support/casework.js';
import { WebClient } from '../support/app.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { outstandingPence } from '../../src/domain/liability/liability-state.js';

/*
 * Issue #13 items 5 and 6 in Chromium, axe on every page: (b) discretion in a recommendation, seen
 * and approved by a Senior Officer who did not draft it, then counted on the consistency view; (a) a
 * reduction on means after imposition, proposed from the assured assessment, assured by a Higher
 * Officer, the amount outstanding lowered and the means decision letter listed on the case.
 */

async function switchUser(page: Page, b: Browser, username: string) {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
  await signIn(page, b.baseUrl, username);
}

async function visit(page: Page, url: string) {
  await page.goto(url);
  await expectAccessible(page);
}

/** Follows a step's link on the case page, checks the page, fills and submits its form, and expects the case page back. */
async function takeStep(page: Page, b: Browser, reference: string, link: string, fill: (page: Page) => Promise<void> = async () => {}) {
  await visit(page, `${b.baseUrl}/cases/${reference}`);
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
  await fill(page);
  await page.locator('#action-form button[type=submit]').click();
  await page.waitForLoadState('load');
  const problem = page.locator('.govuk-error-summary');
  expect(await problem.count(), (await problem.count()) ? ((await problem.textContent()) ?? '') : '').toBe(0);
  expect(page.url()).toContain(`/cases/${reference}`);
}

async function fillDate(page: Page, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.getByLabel('Day').fill(String(Number(day)));
  await page.getByLabel('Month').fill(String(Number(month)));
  await page.getByLabel('Year').fill(year!);
}

describe.skipIf(!chromiumAvailable)('means after imposition and codified discretion in a browser', () => {
  let b: Browser;
  let page: Page;
  let opened: OpenedCase;
  const today = () => ukDate(b.t.clock.now());
  const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
  const driver = () => opened.liabilities.find((l) => l.role === 'driver')!;
  const ownerState = async () => (await b.t.services.cases.caseFile(opened.reference))!.states.get(owner().id)!;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    page.setDefaultTimeout(15_000);
    opened = await openCase(b.t, {}, 'means-and-discretion');
  });
  afterAll(async () => b?.close());

  it('(b) a discretion drafted by a caseworker is approved by a Senior Officer who sees its reason and amount, and the consistency view counts it', async () => {
    // Setting the case up to the recommendation is not what this journey is about: done through the forms without the browser.
    const caseworker = await WebClient.signedIn(b.t.app, 'caseworker-eo');
    const assurer = await WebClient.signedIn(b.t.app, 'assurer-ho');
    await identifyEveryone(caseworker, opened);
    for (const l of opened.liabilities) {
      expect((await step(caseworker, opened.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
      expect((await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
    }
    // Every penalty of the incident must be known before any is imposed: the driver's too.
    expect((await step(caseworker, opened.reference, 'draftRecommendation', driver().id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    expect((await step(assurer, opened.reference, 'approveRecommendation', driver().id)).statusCode).toBe(303);

    await switchUser(page, b, 'caseworker-eo');
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the owner, S31A', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      // CPAS membership is the register's answer (not a member), not a question.
      await p.getByLabel('Discretionary reduction, percent (optional)').fill('25');
      await p.getByRole('group', { name: 'Reason for the discretionary reduction (optional)', exact: true }).getByLabel('Self-declaration').check();
    });
    const off = (await ownerState()).recommendation!.discretion![0]!.reducedPence;

    await switchUser(page, b, 'senior-officer');
    await takeStep(page, b, opened.reference, 'Approve the discretion in the recommendation for the owner, S31A', async (p) => {
      const summary = p.locator('.govuk-summary-list:not(#cpas-register .govuk-summary-list)');
      await expect.poll(() => summary.textContent()).toContain('Self-declaration');
      expect(await summary.textContent()).toContain(`25% – £${(off / 100).toLocaleString('en-GB')} off`);
      await p.getByLabel('Note (optional)').fill('The driver called the police at Calais.');
    });
    expect((await ownerState()).recommendation?.discretionApproval).toBeDefined();

    await switchUser(page, b, 'assurer-ho');
    await takeStep(page, b, opened.reference, 'Approve the recommendation for the owner, S31A', async (p) => {
      // The assurance checklist: every item ticked once checked.
      for (const item of await p.getByRole('group', { name: 'What have you checked?' }).getByRole('checkbox').all()) await item.check();
    });

    await switchUser(page, b, 'manager');
    await visit(page, `${b.baseUrl}/discretion`);
    expect(await page.locator('#discretion-total [data-count]').getAttribute('data-count')).toBe('1');
    const byReason = page.locator('#by-reason');
    expect(await byReason.textContent()).toContain('Self-declaration');
    expect(await byReason.locator('[data-count]').first().getAttribute('data-count')).toBe('1');
    expect(await page.locator('#by-port').textContent()).toMatch(/Coquelles|Calais|Dover|Dunkerque|Folkestone/);
  });

  it('(a) a reduction on means after imposition: proposed, assured by a Higher Officer, the amount outstanding lowered and the letter listed', async () => {
    // Imposed, and the company's means assessment (its pages are tested in means.web.test.ts) assured by a Higher Officer.
    b.t.clock.advanceDays(45);
    const caseworker = await WebClient.signedIn(b.t.app, 'caseworker-eo');
    expect((await step(caseworker, opened.reference, 'imposePenalty', owner().id)).statusCode).toBe(303);
    const imposed = (await ownerState()).penaltyNotice!.amountPence;
    const meansUrl = `/cases/${opened.reference}/liabilities/${owner().id}/means`;
    const form = await caseworker.get(meansUrl);
    const recorded = await caseworker.post(meansUrl, { version: /name="version" value="(\d+)"/.exec(form.body)![1]!, kind: 'company', currency: 'EUR', turnover: '1500000', headcount: '8', intent: 'record', band: 'micro' });
    expect(recorded.statusCode).toBe(303);
    const assurer = await WebClient.signedIn(b.t.app, 'assurer-ho');
    const assurePage = await assurer.get(`${meansUrl}/assure`);
    const assessmentId = /name="assessmentId" value="([^"]+)"/.exec(assurePage.body)![1]!;
    const version = /name="version" value="(\d+)"/.exec(assurePage.body)![1]!;
    expect((await assurer.post(`${meansUrl}/assure`, { version, assessmentId, outcome: 'assure' })).statusCode).toBe(303);

    await switchUser(page, b, 'caseworker-eo');
    await takeStep(page, b, opened.reference, 'Propose a reduction on means for the owner, S31A', async (p) => {
      expect(await p.locator('.govuk-summary-list').textContent()).toContain('Suggested amount');
      await fillDate(p, today());
      await p.getByLabel('Reasons, from the means assessment').fill('Micro company: 8 staff, turnover €1.5m.');
    });
    const proposed = (await ownerState()).meansReductions![0]!.amountPence;
    expect(proposed).toBeLessThan(imposed);

    await switchUser(page, b, 'assurer-ho');
    await takeStep(page, b, opened.reference, 'Assure or refuse the reduction on means for the owner, S31A', async (p) => {
      expect(await p.locator('.govuk-summary-list').textContent()).toContain('Micro company: 8 staff');
      await p.getByLabel('Yes, assure the reduction').check();
      await p.getByLabel('Reasons for the decision').fill('Accounts checked against the company registry.');
    });
    expect(outstandingPence(await ownerState())).toBe(proposed);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Decision on the reduction on means recorded for');
    const body = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(body).toMatch(/Reduction on means to £[\d,]+ \(from £[\d,]+\), proposed by .+ assured/);
    expect(body).toContain('Means decision: penalty reduced (MEANS)');
    await expectAccessible(page);
    b.t.clock.advanceDays(-45);
  });
});
