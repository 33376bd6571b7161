import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { POLISH_OWNER } from '../support/casework.js';
import { accessCodeOf, catalogueWords } from '../support/portal.js';
import { minimalPdf } from '../../src/platform/files/test-fixtures.js';

/*
 * Issue #15 item 4 in Chromium, axe on every page, in English, Polish and Romanian (one journey,
 * three companies): a company (the owner) signs in, asks for a means test and uploads its accounts
 * (in Polish: a translation is flagged); a caseworker sees it.
 */

const LANGUAGES = ['en', 'pl', 'ro'] as const;
const words = catalogueWords;
const STATEMENTS = { en: 'Two lorries, a small firm; the work stopped in the winter.', pl: 'Dwie ciężarówki, mała firma; zimą praca stanęła.', ro: 'Două camioane, o firmă mică; iarna munca s-a oprit.' } as const;
const postcodeOf = (index: number) => (index ? `3${index}-100` : POLISH_OWNER.address.postcode);

describe.skipIf(!chromiumAvailable)('asking for a means test in a browser', () => {
  let b: Browser;
  let kases: ImposedCase[];
  beforeAll(async () => {
    b = await startBrowser();
    kases = await imposedCases(b.t, ['Means Trans Sp. z o.o.', 'Srodki Trans Sp. z o.o.', 'Mijloace Trans SRL'], { key: 'portal-means-e2e' });
  }, 240_000);
  afterAll(async () => b?.close());

  for (const [index, language] of LANGUAGES.entries()) {
    it(`a company asks for a means test with its accounts in ${language}; a caseworker sees the request`, async () => {
      const kase = kases[index]!;
      const code = await accessCodeOf(b.t, kase.owner.id);
      const page = await b.context.newPage();
      await page.context().clearCookies();
      await page.goto(`${b.baseUrl}/portal?lang=${language}`);
      await page.fill('#reference', kase.reference);
      await page.fill('#accessCode', code);
      await page.fill('#postcode', postcodeOf(index));
      await page.locator('form button.govuk-button').first().click();
      await page.waitForURL(/\/portal\/case/);

      await page.goto(`${b.baseUrl}/portal/penalties/${kase.owner.id}/means`);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await expectAccessible(page);
      await expectFitsNarrowScreen(page);
      expect(await page.locator('h1').textContent()).toContain(words(language, 'portal.actions.means.title'));
      expect(await page.locator('main').textContent()).toContain(words(language, 'portal.actions.means.company.management'));

      // Nothing chosen: errors beside the fields.
      await page.locator('form button.govuk-button').click();
      await page.waitForLoadState('load');
      const summary = await page.locator('.govuk-error-summary').textContent();
      expect(summary).toContain(words(language, 'portal.actions.means.error.language'));
      expect(summary).toContain(words(language, 'portal.actions.means.error.files'));
      await expectAccessible(page);

      await page.setInputFiles('#files', [
        { name: 'accounts-2025.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Accounts 2025') },
        { name: 'management-accounts.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Management accounts') },
      ]);
      await page.selectOption('#documentLanguage', 'pl');
      await page.fill('#statement', STATEMENTS[language]);
      await page.locator('form button.govuk-button').click();
      await page.waitForLoadState('load');
      expect(await page.locator('.govuk-panel__title').textContent()).toContain(words(language, 'portal.actions.means.sentTitle'));
      expect(await page.locator('main').textContent()).toContain(words(language, 'portal.actions.means.translation'));
      expect(await page.locator('[data-untranslated]').count()).toBe(0);
      await expectAccessible(page);
      await page.close();

      const staff = await b.context.newPage();
      await staff.context().clearCookies();
      await signIn(staff, b.baseUrl, 'caseworker-eo');
      await staff.goto(`${b.baseUrl}/cases/${kase.reference}`);
      const body = await staff.locator('main').textContent();
      expect(body).toContain('Means test asked for online');
      expect(body).toContain(STATEMENTS[language]);
      expect(body).toContain('accounts-2025.pdf');
      expect(body).toContain('translation needed');
      await staff.close();
    }, 240_000);
  }
});
