import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, startBrowser, type Browser } from './browser.js';
import { imposedCases } from '../support/finance.js';
import { POLISH_DRIVER } from '../support/casework.js';
import { accessCodeOf } from '../support/portal.js';

/*
 * Issue #15 item 3 in Chromium, axe on every page: a driver signs in with the code from their
 * letter, reads why they were penalised (the reasons and the calculation steps), opens a letter's
 * PDF; then reads the same page in Polish.
 */

describe.skipIf(!chromiumAvailable)('the portal case pages in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  }, 120_000);
  afterAll(async () => b?.close());

  it('a driver signs in, reads why they were penalised and how it was worked out, opens a letter, and reads it all in Polish', async () => {
    const [kase] = await imposedCases(b.t, ['Browserview Trans Sp. z o.o.'], { key: 'portal-e2e' });
    const code = await accessCodeOf(b.t, kase!.driver.id);

    const page = await b.context.newPage();
    await page.goto(`${b.baseUrl}/portal?lang=en`);
    await expectAccessible(page);
    await page.fill('#reference', kase!.reference);
    await page.fill('#accessCode', code);
    await page.fill('#postcode', POLISH_DRIVER.address.postcode);
    await page.locator('form button.govuk-button').first().click();
    await page.waitForURL(/\/portal\/case/);
    await expectAccessible(page);

    await page.locator(`a[href="/portal/penalties/${kase!.driver.id}"]`).first().click();
    await page.waitForURL(new RegExp(`/portal/penalties/${kase!.driver.id}$`));
    await expectAccessible(page);
    expect(await page.locator('h2#why').textContent()).toContain('Why you were given a penalty');
    expect(await page.locator('h2#calculation').textContent()).toContain('How the penalty was worked out');
    const steps = page.locator('h2#calculation + .govuk-table tbody tr');
    expect(await steps.count()).toBeGreaterThan(0);
    expect(await steps.first().textContent()).toContain('Starting level');
    expect(await page.locator('.govuk-task-list').textContent()).toContain('Object to the penalty');

    // The letter's PDF, with the browser's own session.
    const href = await page.locator('#letters + .govuk-list a').first().getAttribute('href');
    const pdf = await page.request.get(`${b.baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // In Polish: the language chosen on the page is kept.
    await page.goto(`${b.baseUrl}/portal/penalties/${kase!.driver.id}?lang=pl`);
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    await expectAccessible(page);
    expect(await page.locator('h2#why').textContent()).toContain('Dlaczego nałożono karę');
    expect(await steps.first().textContent()).toContain('Kwota początkowa');
    expect(await page.locator('[data-untranslated]').count()).toBe(0);
    await page.close();
  }, 240_000);
});
