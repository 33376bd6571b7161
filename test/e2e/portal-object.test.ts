import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { POLISH_DRIVER } from '../support/casework.js';
import { accessCodeOf } from '../support/portal.js';
import { minimalPdf } from '../../src/platform/files/test-fixtures.js';
import en from '../../locales/en.json' with { type: 'json' };
import pl from '../../locales/pl.json' with { type: 'json' };
import ro from '../../locales/ro.json' with { type: 'json' };

/*
 * Issue #15 item 4 in Chromium, axe on every page: a driver signs in with the code from their
 * letter, reads why they were penalised, and objects with a PDF — in English, Polish and Romanian
 * (one journey, three drivers); a caseworker then sees each objection on the case.
 */

const WORDS = { en, pl, ro } as const;
const GROUNDS = { en: 'The seals were checked at every stop.', pl: 'Plomby były sprawdzane na każdym postoju.', ro: 'Sigiliile au fost verificate la fiecare oprire.' } as const;

describe.skipIf(!chromiumAvailable)('objecting online in a browser', () => {
  let b: Browser;
  let kases: ImposedCase[];
  beforeAll(async () => {
    b = await startBrowser();
    kases = await imposedCases(b.t, ['Objecta Trans Sp. z o.o.', 'Obiect Trans SRL', 'Sprzeciw Sp. z o.o.'], { key: 'portal-object-e2e' });
  }, 240_000);
  afterAll(async () => b?.close());

  for (const [index, language] of (['en', 'pl', 'ro'] as const).entries()) {
    it(`a driver objects with a PDF, in ${language}; the caseworker sees it`, async () => {
      const kase = kases[index]!;
      const words = WORDS[language];
      const code = await accessCodeOf(b.t, kase.driver.id);
      const page = await b.context.newPage();
      await page.context().clearCookies();
      await page.goto(`${b.baseUrl}/portal?lang=${language}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await expectAccessible(page);
      await page.fill('#reference', kase.reference);
      await page.fill('#accessCode', code);
      await page.fill('#postcode', index === 0 ? POLISH_DRIVER.address.postcode : `4${index}-200`);
      await page.locator('form button.govuk-button').first().click();
      await page.waitForURL(/\/portal\/case/);

      // Why: the penalty page.
      await page.goto(`${b.baseUrl}/portal/penalties/${kase.driver.id}`);
      await expectAccessible(page);
      expect(await page.locator('h2#why').count()).toBe(1);

      await page.goto(`${b.baseUrl}/portal/penalties/${kase.driver.id}/objection`);
      await expectAccessible(page);
      await expectFitsNarrowScreen(page);
      expect(await page.locator('h1').textContent()).toContain(words['portal.actions.object.title']);
      // Nothing written: the error beside the field, axe still clean.
      await page.locator('form button.govuk-button').click();
      await page.waitForLoadState('load');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(words['portal.actions.object.error.grounds']);
      await expectAccessible(page);

      await page.fill('#grounds', GROUNDS[language]);
      if (await page.locator('#lateReason').count()) await page.fill('#lateReason', 'Late');
      await page.setInputFiles('#files', { name: 'seal-log.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Seal log') });
      await page.locator('form button.govuk-button').click();
      await page.waitForLoadState('load');
      expect(await page.locator('.govuk-panel__title').textContent()).toContain(words['portal.actions.object.sentTitle']);
      expect(await page.locator('[data-untranslated]').count()).toBe(0);
      await expectAccessible(page);
      await page.close();

      // The caseworker sees the objection and its evidence on the case.
      const staffPage = await b.context.newPage();
      await signIn(staffPage, b.baseUrl, 'caseworker-eo');
      await staffPage.goto(`${b.baseUrl}/cases/${kase.reference}`);
      const body = await staffPage.locator('main').textContent();
      expect(body).toContain(GROUNDS[language]);
      expect(body).toContain('seal-log.pdf');
      await staffPage.close();
    }, 240_000);
  }
});
