import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, startBrowser, type Browser } from './browser.js';
import { portalCase, type PortalCase } from '../support/portal.js';

/*
 * Issue #15 items 1–2 in Chromium, axe and 375 px on every page: a person signs in to the portal
 * with the details printed on their letter, in English and then in Polish (chosen with the
 * language switcher), and signs out.
 */
describe.skipIf(!chromiumAvailable)('signing in to the portal with a letter', () => {
  let b: Browser;
  let page: Page;
  let kase: PortalCase;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    kase = await portalCase(b.t);
  }, 180_000);
  afterAll(async () => b?.close());

  it('in English: a wrong code is refused beside the form, the letter’s code opens the case', async () => {
    await page.goto(`${b.baseUrl}/portal?lang=en`);
    await expectAccessible(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByLabel('Case reference').fill(kase.reference);
    await page.getByLabel('Access code').fill('ABCD-EFGH-JK');
    await page.getByLabel('Postcode').fill(kase.driver.postcode);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The details you entered do not match a letter we sent');
    await expectAccessible(page);
    await page.getByLabel('Access code').fill(kase.driver.accessCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${b.baseUrl}/portal/case`);
    expect(await page.locator('#confirmation').textContent()).toContain('You are signed in');
    expect(await page.locator('main').textContent()).toContain(kase.driver.partyName);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Sign out' }).click();
    expect(await page.locator('h1').textContent()).toContain('You have signed out');
    await expectAccessible(page);
  }, 120_000);

  it('in Polish: the switcher changes the page’s language, and the date of birth confirms who it is', async () => {
    await page.goto(`${b.baseUrl}/portal`);
    await page.getByRole('link', { name: 'polski' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    expect(await page.locator('h1').textContent()).toContain('Zobacz swoją sprawę');
    await expectAccessible(page);
    const [year, month, day] = kase.driver.dateOfBirth!.split('-');
    await page.getByLabel('Numer sprawy').fill(kase.reference);
    await page.getByLabel('Kod dostępu').fill(kase.driver.accessCode.toLowerCase());
    await page.getByLabel('Dzień').fill(String(Number(day)));
    await page.getByLabel('Miesiąc').fill(String(Number(month)));
    await page.getByLabel('Rok').fill(year!);
    await page.getByRole('button', { name: 'Dalej' }).click();
    await page.waitForURL(`${b.baseUrl}/portal/case`);
    expect(await page.getAttribute('html', 'lang')).toBe('pl');
    expect(await page.locator('#confirmation').textContent()).toContain('Zalogowano');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Wyloguj się' }).click();
    expect(await page.locator('h1').textContent()).toContain('Wylogowano');
  }, 120_000);
});
