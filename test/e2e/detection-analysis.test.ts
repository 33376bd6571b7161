import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { generateDetectionRecords } from '../support/detection-records.js';

/*
 * Issue #17 item 2 in a browser: a manager opens the monthly detection analysis for a month of
 * generated records, follows a number to the records behind it and back, and the pages pass axe
 * (WCAG 2.2 AA) and fit a 375 px screen.
 */
describe.skipIf(!chromiumAvailable)('the monthly detection analysis, in a browser', () => {
  let b: Browser;
  const asOf = '2026-11-05T12:00:00.000Z';
  beforeAll(async () => {
    b = await startBrowser();
    const officer = (await b.t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
    await generateDetectionRecords(b.t.database.db, {
      seed: 3,
      from: new Date('2026-09-30T23:00:00Z'),
      to: new Date('2026-11-01T00:00:00Z'),
      count: 120,
      incidents: 20,
      fromDay: '2026-10-01',
      toDay: '2026-10-31',
      officerId: officer.id,
    });
  });
  afterAll(async () => b?.close());

  it('shows the tables, each number a link to the records it counts', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/reports/detection?month=2026-10&asOf=${encodeURIComponent(asOf)}`);
    expect(await page.locator('h1').innerText()).toBe('October 2026');
    await expectAccessible(page);
    const link = page.locator('table#selection a[data-figure="searches.selection.hub-target"]');
    const value = Number(await link.getAttribute('data-value'));
    expect(value).toBeGreaterThan(0);
    await link.click();
    await page.waitForURL(/\/reports\/detection\/2026-10\/figures\//);
    expect(await page.locator('tr[data-record]').count()).toBe(value);
    await expectAccessible(page);
    await page.locator('a.govuk-back-link').click();
    await page.waitForURL(/\/reports\/detection\?/);

    // A wrong month: the error summary and the message by the field, nothing else.
    await page.fill('#month', '2026-13');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.waitForURL(/month=2026-13/);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Give the month as year and month');
    await expectAccessible(page);
  });
});
