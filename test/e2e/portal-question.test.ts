import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { portalCase, signInForm } from '../support/portal.js';

/*
 * Issue #15 items 6 and 7 in Chromium, axe on every page: a person asks a question in Polish from the
 * portal; a caseworker answers it from /questions within the service level; the dashboard shows it
 * answered within the level; the person sees the answer; the contact and feedback pages.
 */

describe.skipIf(!chromiumAvailable)('a question from the portal in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('asked in Polish, answered from the queue within the service level, read by the person', async () => {
    const kase = await portalCase(b.t);
    const person = await b.context.browser()!.newContext({ bypassCSP: true });
    const page = await person.newPage();
    await page.goto(`${b.baseUrl}/portal?lang=pl`);
    for (const [name, value] of Object.entries(signInForm(kase.driver, 'dateOfBirth'))) await page.locator(`[name="${name}"]`).fill(value);
    await page.locator('form[action="/portal"] button[type="submit"], form[action="/portal"] .govuk-button').first().click();
    await page.waitForURL(/\/portal\/case/);
    await page.goto(`${b.baseUrl}/portal/questions/new`);
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('#answer-by').textContent()).toContain('10 dni roboczych');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Wyślij pytanie' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Wpisz swoje pytanie');
    await expectAccessible(page);
    await page.getByLabel('Twoje pytanie').fill('Czy mogę zapłacić w ratach?');
    await page.getByRole('button', { name: 'Wyślij pytanie' }).click();
    await page.waitForURL(/\/portal\/questions$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Twoje pytanie zostało wysłane');
    await expectAccessible(page);

    const staff = await b.context.newPage();
    await signIn(staff, b.baseUrl, 'caseworker-eo');
    await staff.goto(`${b.baseUrl}/questions?channel=portal`);
    await expectAccessible(staff);
    await staff.locator('#questions-queue a[href^="/questions/"]').first().click();
    await staff.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    await expectAccessible(staff);
    await staff.getByLabel('Answer', { exact: true }).fill('Tak, proszę złożyć wniosek o raty.');
    await staff.getByRole('button', { name: 'Send the answer' }).click();
    await staff.waitForLoadState('load');
    expect(await staff.locator('#question-standing').textContent()).toContain('Answered within the service level');

    const manager = await b.context.browser()!.newContext({ bypassCSP: true });
    const dash = await manager.newPage();
    await signIn(dash, b.baseUrl, 'manager');
    await dash.goto(`${b.baseUrl}/dashboard`);
    expect(await dash.locator('#questions-share-this-month').textContent()).toContain('100% answered within the service level');
    await expectAccessible(dash);

    await page.goto(`${b.baseUrl}/portal/questions`);
    expect(await page.locator('.portal-answer').textContent()).toContain('Tak, proszę złożyć wniosek o raty.');
    await expectAccessible(page);

    await page.goto(`${b.baseUrl}/contact`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'przekaż swoją opinię' }).click();
    await page.waitForURL(/\/feedback\?from=/);
    await expectAccessible(page);
    await page.getByLabel('Zadowolony(-a)', { exact: true }).check();
    await page.getByRole('button', { name: 'Wyślij opinię' }).click();
    await page.waitForURL(/\/feedback\/thank-you/);
    await expectAccessible(page);
  });
});
