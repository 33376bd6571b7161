import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { openCase } from '../support/casework.js';
import { dataQualityMeasurer } from '../../src/modules/insight/quality/measure.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #17 item 5 in Chromium, axe on every page: an analyst opens the data-quality report from
 * the navigation, sees the day's measurement in the table beside the chart, follows the count of
 * suspected duplicate cases to the two cases the border sent twice, and a bad page number is
 * answered with the error summary. Every page fits a 375 px screen.
 */

describe.skipIf(!chromiumAvailable)('the data-quality report in a browser', () => {
  let b: Browser;
  const references: string[] = [];
  beforeAll(async () => {
    b = await startBrowser();
    // The border sends the same lorry on the same day twice: two cases, suspected duplicates.
    const day = ukDate(new Date());
    for (const key of ['dq-e2e-1', 'dq-e2e-2']) references.push((await openCase(b.t, { incidentDate: day, tractorRegistration: 'DQ 1234' }, key)).reference);
    await dataQualityMeasurer(b.t.database.db).measure({ now: b.t.clock.now() });
  });
  afterAll(async () => b?.close());

  it('shows the counts with links to the records, the counts over time, and each record with the page where it is put right', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'analyst');
    await page.goto(`${b.baseUrl}/cases`);
    await page.getByRole('link', { name: 'Data quality' }).first().click();
    await page.waitForURL(/\/reports\/data-quality$/);
    await expectAccessible(page);
    expect(await page.locator('tr[data-check="duplicate-case"] a').getAttribute('data-count')).toBe('2');
    expect(await page.locator('#measurements tr[data-measured]').count()).toBe(1);
    expect(await page.locator('svg.cordon-chart').getAttribute('aria-hidden')).toBe('true');

    await page.locator('tr[data-check="duplicate-case"] a').click();
    await page.waitForURL(/\/reports\/data-quality\/duplicate-case$/);
    await expectAccessible(page);
    for (const reference of references) expect(await page.locator(`#findings a[href="/cases/${reference}"]`).count()).toBe(1);
    expect(await page.locator('#findings').textContent()).toContain('has the same vehicle (DQ 1234)');

    // Follow a finding to the case page, where it is put right.
    await page.locator(`#findings a[href="/cases/${references[0]}"]`).click();
    await page.waitForURL(new RegExp(`/cases/${references[0]}$`));
    expect(await page.locator('h1').textContent()).toContain(references[0]);

    // A page that does not exist: the error summary, the page still accessible.
    const refused = await page.goto(`${b.baseUrl}/reports/data-quality/duplicate-case?page=0`);
    expect(refused?.status()).toBe(400);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Give the page as a whole number');
    await expectAccessible(page);

    await page.goto(`${b.baseUrl}/reports/data-quality`);
    await expectFitsNarrowScreen(page);
  });
});
