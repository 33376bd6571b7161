import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { bearer } from '../support/app.js';

/*
 * Issue #7 in Chromium, with axe on every page: a penalty imposed and left unpaid past its due date
 * puts the company's lorry on the Vehicle Action List; a port officer sees why it is there, a
 * number-plate camera's check hits it, and the officer records what happened (an error needs a
 * reason).
 */

describe.skipIf(!chromiumAvailable)('the Vehicle Action List and a plate-check hit at the port', () => {
  let b: Browser;
  let page: Page;
  let kase: ImposedCase;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    [kase] = (await imposedCases(b.t, ['Gamma Spedition Sp. z o.o.'], { key: 'e2e-val' })) as [ImposedCase];
    b.t.clock.advanceDays(70); // past the payment due date on the notice (notice + 60 days)
  });
  afterAll(async () => b?.close());

  it('lists the unpaid lorry with why, answers a plate check, and records the officer’s outcome', async () => {
    await signIn(page, b.baseUrl, 'port-officer');
    await page.goto(`${b.baseUrl}/vehicle-action-list`);
    await expectAccessible(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('WGM 4521K');
    expect(text).toContain(kase.reference);
    expect(text).toContain('Gamma Spedition');

    // Within a second of the list changing, the matcher answers from memory.
    await expect
      .poll(async () => {
        const check = await b.t.app.inject({ method: 'POST', url: '/api/v1/plate-checks', headers: { 'content-type': 'application/json', ...bearer('plate-reader') }, payload: JSON.stringify({ registration: 'wgm4521k', location: 'Dover Eastern Docks', readerId: 'lane-3' }) });
        return check.json().hit as boolean;
      }, { timeout: 3000, interval: 100 })
      .toBe(true);

    await expect.poll(async () => {
      await page.goto(`${b.baseUrl}/plate-check-hits`);
      return page.getByRole('link', { name: /WGM ?4521K/i }).count();
    }, { timeout: 5000, interval: 250 }).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: /WGM ?4521K/i }).first().click();
    await page.waitForLoadState('load');
    await expectAccessible(page);

    await page.getByLabel('Stopped in error').check();
    await page.getByRole('button', { name: 'Record what happened' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Say why the vehicle was stopped in error');
    await expectAccessible(page);

    await page.getByLabel('Stopped in error').check();
    await page.getByLabel('Reason or note').fill('The driver showed a receipt: paid yesterday at the bank.');
    await page.getByRole('button', { name: 'Record what happened' }).click();
    await page.waitForURL(/\/plate-check-hits\?recorded=/);
    await expectAccessible(page);
  });
});
