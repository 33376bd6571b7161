import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { improvementsService } from '../../src/modules/insight/improvements.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #17 item 3 in Chromium, axe (WCAG 2.2 AA) and a 375 px screen on every page, worked with the
 * keyboard: a manager opens the annual report, follows a figure to its records, gives a feedback
 * comment a theme (first without choosing one: the error by the radios), and changes a planned
 * improvement (first with no title: the error by the field), ending back on the report with a banner.
 */

describe.skipIf(!chromiumAvailable)('the annual report in a browser', () => {
  let b: Browser;
  let improvementId: string;
  const year = () => Number(ukDate(b.t.clock.now()).slice(0, 4));

  beforeAll(async () => {
    b = await startBrowser();
    for (const comments of ['The letter came only in English', 'Paying by card was easy']) {
      expect((await b.t.services.feedback.give({ satisfaction: 'satisfied', comments, from: null, language: 'en' })).ok).toBe(true);
    }
    const manager = (await b.t.services.identity.listUsers()).find((u) => u.username === 'manager')!;
    const planned = await improvementsService(b.t.database.db).plan(
      { year: year(), title: 'Publish the annual report on GOV.UK', owner: 'Civil Penalty team manager', dueOn: `${year() + 1}-03-31` },
      { actor: { id: manager.id, name: manager.displayName, roles: manager.roles }, now: b.t.clock.now() },
    );
    expect(planned.ok).toBe(true);
    improvementId = planned.ok ? planned.value.improvementId : '';
    // The report counts what was recorded at least a minute ago.
    b.t.clock.set(new Date(Date.now() + 120_000));
  });
  afterAll(async () => b?.close());

  it('shows the report and a figure’s records, reached with the keyboard', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/reports/annual?year=${year()}`);
    await expectAccessible(page);
    expect(await page.locator('#section-deterrence caption').innerText()).toContain('Deterrence');
    expect(await page.locator('tr[data-figure="feedback.theme.unthemed"] a').getAttribute('data-value')).toBe('2');
    expect(await page.locator('[data-improvement]').innerText()).toContain('Planned');
    // A rate with nothing below the line says so in words.
    expect(await page.locator('tr[data-figure="deterrence.companies.afterRate"] a').innerText()).toContain('no rate');

    const link = page.locator('tr[data-figure="feedback.total"] a');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/annual\/\d{4}\/figures\/feedback\.total/);
    expect(await page.locator('tr[data-record]').count()).toBe(2);
    await expectAccessible(page);
  });

  it('gives a feedback comment a theme, with the error beside the choices when none is chosen', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'analyst');
    await page.goto(`${b.baseUrl}/reports/annual/feedback-themes`);
    await expectAccessible(page);
    const first = page.locator('[data-feedback]').first();
    expect(await first.innerText()).toContain('The letter came only in English');

    // No choice: the error summary links to the radios, the message is beside them.
    await first.getByRole('button', { name: 'Save the theme' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Choose what the comment is mainly about');
    const feedbackId = await page.locator('[data-feedback]').first().getAttribute('data-feedback');
    expect(await page.locator(`#theme-${feedbackId}-error`).innerText()).toContain('Choose what the comment is mainly about');
    await expectAccessible(page);

    // Choose with the keyboard: Space on the radio wanted, Enter on the button.
    const again = page.locator('[data-feedback]').first();
    await again.getByLabel('Letters').focus();
    await page.keyboard.press('Space');
    expect(await again.getByLabel('Letters').isChecked()).toBe(true);
    await again.getByRole('button', { name: 'Save the theme' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/annual\/feedback-themes$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Theme saved: Letters');
    expect(await page.locator('[data-feedback]').count()).toBe(1);
    await expectAccessible(page);
  });

  it('changes a planned improvement, with the error beside the field when it has no title', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/reports/annual/improvements/${improvementId}`);
    await expectAccessible(page);
    await page.getByLabel('What will be improved').fill('');
    await page.getByRole('button', { name: 'Save the changes' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter what will be improved');
    expect(await page.locator('#title-error').innerText()).toContain('Enter what will be improved');
    await expectAccessible(page);

    await page.getByLabel('What will be improved').fill('Publish the annual report on GOV.UK by March');
    await page.getByRole('button', { name: 'Save the changes' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/annual\?year=\d{4}/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Planned improvement changed');
    await expectAccessible(page);
    await expectFitsNarrowScreen(page);
  });
});
