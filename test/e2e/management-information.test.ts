import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases } from '../support/finance.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #17 item 1 in a browser: a manager opens the management information dashboard (charts drawn
 * on the server, a table beside each, every number a link), reaches a number's link with the
 * keyboard alone and follows it to the records behind it. The dashboard and the records page pass
 * axe (WCAG 2.2 AA) and fit a 375 px screen.
 */
describe.skipIf(!chromiumAvailable)('the management information dashboard, in a browser', () => {
  let b: Browser;
  let query: string;
  beforeAll(async () => {
    b = await startBrowser();
    const today = ukDate(new Date());
    b.t.clock.set(new Date(`${today}T12:00:00Z`));
    await imposedCases(b.t, ['=Nasty Freight Ltd', 'Vistula Transport Sp. z o.o.'], { key: 'mi-e2e' });
    // The penalties were imposed 45 days on: the clock stays there, two minutes past, so an asOf of a minute ago follows every event.
    b.t.clock.set(new Date(b.t.clock.now().getTime() + 120_000));
    query = `from=${addDays(today, -30)}&to=${addDays(today, 60)}`;
  }, 240_000);
  afterAll(async () => b?.close());

  it('shows each chart with its table, and a keyboard reaches a number and opens the records behind it', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/reports/management?${query}`);
    expect(await page.locator('h1').innerText()).toBe('Management information');
    expect(await page.locator('svg.cordon-bar-chart').count()).toBeGreaterThan(5);
    await expectAccessible(page);

    const imposed = page.locator('tr[data-figure="mi.penalties.imposed"] a');
    expect(await imposed.getAttribute('data-value')).toBe('4');
    // Tab from the top of the page until a figure's link has focus, then Enter.
    await page.locator('body').focus();
    let focused = '';
    for (let i = 0; i < 120 && !focused; i += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.matches('a[data-value]') ? (document.activeElement as HTMLAnchorElement).href : ''));
    }
    expect(focused).toContain('/reports/management/figures/');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/management\/figures\//);
    expect(await page.locator('h1').innerText()).toContain('Cases opened');
    expect(await page.locator('tr[data-record]').count()).toBe(2);
    await expectAccessible(page);

    await page.goto(`${b.baseUrl}/reports/management/figures/mi.penalties.imposed?${query}`);
    expect(await page.locator('tr[data-record]').count()).toBe(4);
    await expectAccessible(page);
  });

  it('shows the error summary for a period the wrong way round', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'analyst');
    await page.goto(`${b.baseUrl}/reports/management?from=2026-05-01&to=2026-04-01`);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('must be the same as or after the first day');
    await expectAccessible(page);
  });
});
