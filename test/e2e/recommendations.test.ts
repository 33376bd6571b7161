import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';
import { SYSTEM_ACTOR } from '../../src/modules/identity/service.js';
import { seedRecommendationId } from '../../src/modules/recommendations/service.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #17 item 6 in Chromium, axe on every page: a manager finds their overdue recommendation in
 * the register, tries to close another with no evidence (refused, the message beside the evidence),
 * records evidence, closes it with a later check date, and finds it among those not yet checked.
 */

describe.skipIf(!chromiumAvailable)('the recommendations register in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
    await b.t.services.recommendations.preload({ actor: SYSTEM_ACTOR });
  });
  afterAll(async () => b?.close());

  it('shows a manager what is overdue, and closes a recommendation only on evidence with a later check', async () => {
    const manager = (await b.t.services.identity.listUsers()).find((u) => u.username === 'manager')!;
    const as = { actor: { id: manager.id, name: manager.displayName, roles: manager.roles } };
    const today = ukDate(new Date());
    const overdueId = seedRecommendationId('clandestine-entrants-2025', '6d');
    expect((await b.t.services.recommendations.assignOwner(overdueId, { ownerId: manager.id, dueDate: addDays(today, -5) }, as)).ok).toBe(true);

    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/recommendations`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'My recommendations overdue' }).click();
    await page.waitForURL(/view=overdue/);
    await expectAccessible(page);
    const row = page.locator(`tr[data-id="${overdueId}"]`);
    expect(await row.locator('[data-overdue]').textContent()).toContain('Days overdue: 5');

    // Close 6b with no evidence: refused, the message in the summary and beside the evidence.
    const id = seedRecommendationId('clandestine-entrants-2025', '6b');
    await page.goto(`${b.baseUrl}/recommendations/${id}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Close the recommendation' }).click();
    await page.waitForURL(new RegExp(`/recommendations/${id}/close$`));
    await expectAccessible(page);
    const later = addDays(today, 180).split('-');
    await page.getByLabel('Day').fill(String(Number(later[2])));
    await page.getByLabel('Month').fill(String(Number(later[1])));
    await page.getByLabel('Year').fill(later[0]!);
    await page.getByRole('button', { name: 'Close the recommendation' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Record evidence that it has been done before closing the recommendation');
    expect(await page.locator('#evidence-error').textContent()).toContain('Record evidence that it has been done before closing the recommendation');
    await expectAccessible(page);

    // Record the evidence, then close.
    await page.locator('#evidence-needed').getByRole('link', { name: 'Record evidence' }).click();
    await page.waitForURL(new RegExp(`/recommendations/${id}/evidence/new$`));
    await expectAccessible(page);
    await page.getByLabel('What shows it has been done').fill('Written notice given to every driver stopped, with the date the notice of liability will come.');
    await page.getByLabel('Link (optional)').fill('/incidents');
    await page.getByRole('button', { name: 'Record the evidence' }).click();
    await page.waitForURL(new RegExp(`/recommendations/${id}$`));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Evidence recorded for recommendation 6b');
    await page.getByRole('button', { name: 'Close the recommendation' }).click();
    await page.waitForURL(new RegExp(`/recommendations/${id}/close$`));
    await page.getByLabel('Day').fill(String(Number(later[2])));
    await page.getByLabel('Month').fill(String(Number(later[1])));
    await page.getByLabel('Year').fill(later[0]!);
    await page.getByRole('button', { name: 'Close the recommendation' }).click();
    await page.waitForURL(new RegExp(`/recommendations/${id}$`));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Recommendation 6b closed');
    expect(await page.locator('#status').textContent()).toContain('Closed, not yet checked');
    await expectAccessible(page);

    await page.goto(`${b.baseUrl}/recommendations?view=unverified`);
    expect(await page.locator(`tr[data-id="${id}"]`).count()).toBe(1);
    await expectAccessible(page);

    // At a phone's width the register still fits (no sideways scroll).
    await page.goto(`${b.baseUrl}/recommendations`);
    await expectFitsNarrowScreen(page);
  });
});
