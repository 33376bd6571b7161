import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { POLISH_OWNER } from '../support/casework.js';
import { accessCodeOf } from '../support/portal.js';

/*
 * Issue #15's acceptance: every public page passes axe (and fits a 375 px screen: expectAccessible
 * checks both) in English, Polish and Romanian, with no message left in English on the way.
 * The owner of an imposed penalty signs in, so every page of theirs (and of their driver's penalty)
 * is open to them.
 */

const LANGUAGES = ['en', 'pl', 'ro'] as const;

describe.skipIf(!chromiumAvailable)('every public page in three languages, in a browser', () => {
  let b: Browser;
  let kase: ImposedCase;
  beforeAll(async () => {
    b = await startBrowser();
    [kase] = (await imposedCases(b.t, ['Everypage Trans S.R.L.'], { key: 'e2e-portal-every-page' })) as [ImposedCase];
  }, 180_000);
  afterAll(async () => b?.close());

  it('passes axe on each page in English, Polish and Romanian', async () => {
    const page = await b.context.newPage();
    const visit = async (path: string, language: string) => {
      const response = await page.goto(`${b.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${language}`);
      expect(response?.status(), `${language} ${path}`).toBeLessThan(400);
      expect(await page.locator('html').getAttribute('lang'), `${language} ${path}`).toBe(language);
      expect(await page.locator('[data-untranslated]').count(), `${language} ${path}`).toBe(0);
      await expectAccessible(page);
    };
    for (const language of LANGUAGES) for (const path of ['/portal', '/contact', '/feedback']) await visit(path, language);

    const code = await accessCodeOf(b.t, kase.owner.id);
    await page.goto(`${b.baseUrl}/portal?lang=en`);
    await page.fill('#reference', kase.reference);
    await page.fill('#accessCode', code);
    await page.fill('#postcode', POLISH_OWNER.address.postcode);
    await page.locator('form button.govuk-button').first().click();
    await page.waitForURL(/\/portal\/case/);

    const owner = kase.owner.id;
    const signedIn = [
      '/portal/case',
      `/portal/penalties/${owner}`,
      `/portal/penalties/${kase.driver.id}`,
      `/portal/penalties/${owner}/pay`,
      `/portal/penalties/${owner}/bank-transfer`,
      `/portal/penalties/${owner}/objection`,
      `/portal/penalties/${owner}/means`,
      `/portal/penalties/${owner}/instalments`,
      `/portal/penalties/${owner}/contact-details`,
      `/portal/penalties/${owner}/questionnaire`,
      '/portal/questions',
      '/portal/questions/new',
    ];
    for (const language of LANGUAGES) for (const path of signedIn) await visit(path, language);
    await page.close();
  }, 300_000);
});
