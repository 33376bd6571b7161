import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';

describe.skipIf(!chromiumAvailable)('an administrator in a browser: a user and a token switched off', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('disables a user, changes roles and revokes a token, each confirmed and each page accessible', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'administrator');
    await page.goto(`${b.baseUrl}/admin/users`);
    await page.getByRole('link', { name: 'analyst', exact: true }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]+$/);
    await expectAccessible(page);

    await page.getByRole('link', { name: /Disable account/ }).click();
    await page.waitForURL(/\/disable$/);
    await expectAccessible(page);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Analyst');
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.waitForURL(/done=disabled$/);
    await expectAccessible(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('account has been disabled');

    await page.getByRole('link', { name: /Change roles/ }).click();
    await page.waitForURL(/\/roles$/);
    await expectAccessible(page);
    await page.getByRole('checkbox', { name: 'Manager (manager)' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/New roles\s*Manager\s*Analyst/);
    await page.getByRole('button', { name: 'Change roles' }).click();
    await page.waitForURL(/done=roles$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('roles have been changed');

    await page.goto(`${b.baseUrl}/admin/tokens`);
    await page.getByRole('link', { name: /^Revoke/ }).first().click();
    await page.waitForURL(/\/revoke$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await page.waitForURL(/revoked=/);
    await expectAccessible(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been revoked');
  });
});
