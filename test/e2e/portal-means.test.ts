import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases } from '../support/finance.js';
import { POLISH_OWNER } from '../support/casework.js';
import { accessCodeOf } from '../support/portal.js';
import { minimalPdf } from '../../src/platform/files/test-fixtures.js';

/*
 * Issue #15 item 4 in Chromium, axe on every page: a company (the owner) signs in, asks for a
 * means test and uploads its accounts (in Polish: a translation is flagged); a caseworker sees it.
 */

describe.skipIf(!chromiumAvailable)('asking for a means test in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  }, 120_000);
  afterAll(async () => b?.close());

  it('a company asks for a means test with its accounts; a caseworker sees the request', async () => {
    const [kase] = await imposedCases(b.t, ['Means Trans Sp. z o.o.'], { key: 'portal-means-e2e' });
    const code = await accessCodeOf(b.t, kase!.owner.id);
    const page = await b.context.newPage();
    await page.goto(`${b.baseUrl}/portal?lang=en`);
    await page.fill('#reference', kase!.reference);
    await page.fill('#accessCode', code);
    await page.fill('#postcode', POLISH_OWNER.address.postcode);
    await page.locator('form button.govuk-button').first().click();
    await page.waitForURL(/\/portal\/case/);

    await page.goto(`${b.baseUrl}/portal/penalties/${kase!.owner.id}/means`);
    await expectAccessible(page);
    await expectFitsNarrowScreen(page);
    expect(await page.locator('h1').textContent()).toContain('Ask for a means test');
    expect(await page.locator('main').textContent()).toContain('management accounts');

    // Nothing chosen: errors beside the fields.
    await page.locator('form button.govuk-button').click();
    await page.waitForLoadState('load');
    const summary = await page.locator('.govuk-error-summary').textContent();
    expect(summary).toContain('Select the language the documents are in');
    expect(summary).toContain('Upload at least one document');
    await expectAccessible(page);

    await page.setInputFiles('#files', [
      { name: 'accounts-2025.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Accounts 2025') },
      { name: 'management-accounts.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Management accounts') },
    ]);
    await page.selectOption('#documentLanguage', 'pl');
    await page.fill('#statement', 'Two lorries, a small firm; the work stopped in the winter.');
    await page.locator('form button.govuk-button').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-panel__title').textContent()).toContain('Means test requested');
    expect(await page.locator('main').textContent()).toContain('we will have them translated first');
    await expectAccessible(page);

    await page.context().clearCookies();
    await signIn(page, b.baseUrl, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases/${kase!.reference}`);
    const body = await page.locator('main').textContent();
    expect(body).toContain('Means test asked for online');
    expect(body).toContain('accounts-2025.pdf');
    expect(body).toContain('translation needed');
    await page.close();
  }, 240_000);
});
