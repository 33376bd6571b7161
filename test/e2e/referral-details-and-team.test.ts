import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/* Issue #14: the quick referral's details of each responsible person (item 6), and the managers' team view (item 1). */

describe.skipIf(!chromiumAvailable)('referral details and the team view in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('a port officer adds the company’s address with the keyboard, fixes its postcode and sends the referral', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');
    await page.goto(`${b.baseUrl}/referrals/new`);
    await expectAccessible(page);
    const [year, month, day] = addDays(ukDate(new Date()), -1).split('-');
    await page.getByLabel('Port or control zone').selectOption('DVR');
    const incidentDate = page.getByRole('group', { name: 'Date of the incident' });
    await incidentDate.getByLabel('Day').fill(String(Number(day)));
    await incidentDate.getByLabel('Month').fill(String(Number(month)));
    await incidentDate.getByLabel('Year').fill(year!);
    await page.getByLabel('S31A – goods vehicle not adequately secured').check();
    await page.getByLabel('Vehicle registration').fill('PO 5521 KL');
    await page.getByLabel('Country of registration').selectOption('PL');
    await page.getByLabel('Driver’s full name').fill('Marek Nowicki');
    await page.getByLabel('Company that owns or hires the vehicle').fill('Nowicki Logistyka Sp. z o.o.');

    // The company's details open from their summary with the keyboard (no script needed: <details>).
    await page.locator('summary', { hasText: 'Add the company’s address, VAT number and company number' }).focus();
    await page.keyboard.press('Enter');
    const company = page.getByRole('group', { name: 'Company’s address' });
    await company.getByLabel('Address line 1').fill('ul. Portowa 3');
    await company.getByLabel('Town or city').fill('Szczecin');
    await company.getByLabel('Postcode').fill('70653');
    await company.getByLabel('Country').selectOption('PL');
    await page.getByLabel('VAT number').fill('PL 851 123 45 67');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send referral' }).click();

    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Enter a postcode in the format used in Poland, like 00-950');
    await expectAccessible(page);
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('companyAddress-postcode');
    expect(await page.getByLabel('VAT number').inputValue()).toBe('PL 851 123 45 67');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('70-653');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForURL(/\/referrals\/CEC-\d{4}-\d{6}\/sent$/);
    const reference = /CEC-\d{4}-\d{6}/.exec(page.url())![0];

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, b.baseUrl, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    expect(await page.locator('body').textContent()).toContain('ul. Portowa 3, 70-653 Szczecin, PL');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('a manager reads the team view by port and shift, on a phone-sized screen, without a mouse', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.getByRole('link', { name: 'Team at the border' }).first().click();
    await page.waitForURL(/\/incidents\/team$/);
    await expectAccessible(page);
    expect(await page.getByRole('heading', { name: /^All ports: / }).count()).toBe(1);
    // Choose Dover and show its shifts, with the keyboard.
    await page.getByLabel('Port').focus();
    await page.getByLabel('Port').selectOption('DVR');
    await page.getByRole('button', { name: 'Show the shifts' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/port=DVR/);
    await expectAccessible(page);
    expect(await page.getByRole('heading', { name: /^Dover: / }).count()).toBe(1);
    for (const name of ['Early shift, 06:00 to 14:00', 'Late shift, 14:00 to 22:00', 'Night shift, 22:00 to 06:00']) {
      expect(await page.getByRole('heading', { name }).count()).toBe(1);
    }
    // An impossible date: the page says why beside the date, with a 400.
    const refused = await page.goto(`${b.baseUrl}/incidents/team?date-day=30&date-month=2&date-year=2026`);
    expect(refused?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The date must be a real date');
    await expectAccessible(page);
  });
});
