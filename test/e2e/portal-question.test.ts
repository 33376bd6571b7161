import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { portalCase, signInForm, catalogueWords } from '../support/portal.js';

/*
 * Issue #15 items 6 and 7 in Chromium, axe on every page, in English, Polish and Romanian (one
 * journey, three people): a person asks a question from the portal in their language; a caseworker answers it from /questions within the service level; the dashboard shows it
 * answered within the level; the person sees the answer; the contact and feedback pages.
 */

const LANGUAGES = ['en', 'pl', 'ro'] as const;
const words = catalogueWords;
const QUESTIONS = { en: 'Can I pay in instalments?', pl: 'Czy mogę zapłacić w ratach?', ro: 'Pot plăti în rate?' } as const;
const ANSWERS = { en: 'Yes, please ask for instalments.', pl: 'Tak, proszę złożyć wniosek o raty.', ro: 'Da, vă rugăm să cereți plata în rate.' } as const;

describe.skipIf(!chromiumAvailable)('a question from the portal in a browser', () => {
  let b: Browser;
  // The caseworker who answers and the manager who watches the dashboard are signed in once for the
  // three journeys, and their (English) pages checked by axe once: only the person's pages, the
  // answer they read and the contact and feedback pages differ by language, and those are checked
  // in every language.
  let staff: Page;
  let dash: Page;
  let staffPagesChecked = false;
  beforeAll(async () => {
    b = await startBrowser();
    staff = await b.context.newPage();
    await signIn(staff, b.baseUrl, 'caseworker-eo');
    const manager = await b.context.browser()!.newContext({ bypassCSP: true });
    dash = await manager.newPage();
    await signIn(dash, b.baseUrl, 'manager');
  });
  afterAll(async () => {
    await dash?.context().close();
    await b?.close();
  });

  for (const language of LANGUAGES) {
    it(`asked in ${language}, answered from the queue within the service level, read by the person`, async () => {
      const kase = await portalCase(b.t);
      const person = await b.context.browser()!.newContext({ bypassCSP: true });
      const page = await person.newPage();
      await page.goto(`${b.baseUrl}/portal?lang=${language}`);
      for (const [name, value] of Object.entries(signInForm(kase.driver, 'dateOfBirth'))) await page.locator(`[name="${name}"]`).fill(value);
      await page.locator('form[action="/portal"] button[type="submit"], form[action="/portal"] .govuk-button').first().click();
      await page.waitForURL(/\/portal\/case/);
      await page.goto(`${b.baseUrl}/portal/questions/new`);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      expect(await page.locator('#answer-by').textContent()).toContain(words(language, 'questions.portal.new.serviceLevel'));
      await expectAccessible(page);
      await page.getByRole('button', { name: words(language, 'questions.portal.send') }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(words(language, 'questions.portal.error.text'));
      await expectAccessible(page);
      await page.getByLabel(words(language, 'questions.portal.text.label')).fill(QUESTIONS[language]);
      await page.getByRole('button', { name: words(language, 'questions.portal.send') }).click();
      await page.waitForURL(/\/portal\/questions$/);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(words(language, 'questions.portal.sent'));
      await expectAccessible(page);

      await staff.goto(`${b.baseUrl}/questions?channel=portal`);
      if (!staffPagesChecked) await expectAccessible(staff);
      await staff.locator('#questions-queue a[href^="/questions/"]').first().click();
      await staff.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
      if (!staffPagesChecked) await expectAccessible(staff);
      await staff.getByLabel('Answer', { exact: true }).fill(ANSWERS[language]);
      await staff.getByRole('button', { name: 'Send the answer' }).click();
      await staff.waitForLoadState('load');
      expect(await staff.locator('#question-standing').textContent()).toContain('Answered within the service level');

      await dash.goto(`${b.baseUrl}/dashboard`);
      expect(await dash.locator('#questions-share-this-month').textContent()).toContain('100% answered within the service level');
      if (!staffPagesChecked) await expectAccessible(dash);
      staffPagesChecked = true;

      await page.goto(`${b.baseUrl}/portal/questions`);
      expect(await page.locator('.portal-answer').textContent()).toContain(ANSWERS[language]);
      await expectAccessible(page);

      await page.goto(`${b.baseUrl}/contact`);
      await expectAccessible(page);
      await page.getByRole('link', { name: words(language, 'feedback.link.text') }).click();
      await page.waitForURL(/\/feedback\?from=/);
      await expectAccessible(page);
      await page.getByLabel(words(language, 'feedback.satisfaction.satisfied'), { exact: true }).check();
      await page.getByRole('button', { name: words(language, 'feedback.send') }).click();
      await page.waitForURL(/\/feedback\/thank-you/);
      expect(await page.locator('[data-untranslated]').count()).toBe(0);
      await expectAccessible(page);
      await person.close();
    });
  }
});
