import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases, ledgerFile, type ImposedCase } from '../support/finance.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #7: a finance officer imports the finance system's ledger file and clears the unmatched
 * queue, in Chromium, with axe on every page. Two cases are imposed first (through casework, with
 * the clock moved on); the file pays one by its reference, one by a garbled reference, and has two
 * lines nobody can place: one is assigned to its case by typing the reference, one set aside.
 */

describe.skipIf(!chromiumAvailable)('a finance officer imports a ledger file and clears the unmatched queue', () => {
  let b: Browser;
  let page: Page;
  let kases: ImposedCase[];

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    kases = await imposedCases(b.t, ['Alpha Haulage Sp. z o.o.', 'Beta Transport Ltd'], { key: 'e2e-ledger' });
  });
  afterAll(async () => b?.close());

  const payments = async (reference: string, liabilityId: string) => (await b.t.services.cases.caseFile(reference))!.states.get(liabilityId)!.payments.map((p) => p.amountPence);

  it('imports the file, shows its progress and result, and the queue is cleared onto the right cases', async () => {
    const [alpha, beta] = kases;
    const postedOn = ukDate(b.t.clock.now());
    const [, year, number] = beta!.reference.split('-');
    // Thirty small payments on Beta's driver make the import long enough to watch its progress.
    const filler = Array.from({ length: 30 }, (_, i) => [`T-FILL-${i}`, postedOn, '1.00', 'GBP', 'BACS', '', `${beta!.reference}-D`, '']);
    const file = ledgerFile([
      ['T-E2E-1', postedOn, '300.00', 'GBP', 'BACS', 'INV-E2E-1', `${alpha!.reference}-O`, 'Alpha Haulage Sp. z o.o.'],
      ['T-E2E-2', postedOn, '450.00', 'GBP', 'card', '', `Penalty cec ${year} ${Number(number)}`, 'BETA TRANSPORT LIMITED'],
      ['T-E2E-3', postedOn, '125.00', 'GBP', 'BACS', '', 'Invoice 77', 'Kowalski Transport'],
      ['T-E2E-4', postedOn, '9.99', 'GBP', 'cheque', '', 'Overpaid fees', 'Someone Else'],
      ...filler,
    ]);

    await signIn(page, b.baseUrl, 'finance-officer');
    // Finance lands on its own work: the payments waiting for a finance officer.
    expect(new URL(page.url()).pathname).toBe('/finance/unmatched');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Ledger imports' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);

    // Importing without a file says what to do.
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the ledger file to import');
    await expectAccessible(page);

    await page.getByLabel('Ledger file (CSV)').setInputFiles({ name: 'ledger-2026-03.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/finance\/ledger-imports\/[0-9a-f-]{36}$/);
    // The import works through the lines after the upload returns: the page shows how far it has got.
    expect(await page.locator('#import-progress').textContent()).toMatch(/\d+ of 34 lines done/);
    // Checked with its polling script held back, so the page cannot reload itself under axe.
    await page.route('**/progress.mjs', (route) => route.abort());
    await page.reload();
    await expectAccessible(page);
    await page.unroute('**/progress.mjs');
    await page.reload();
    // The page follows the import (the script polls, then shows the result).
    await page.getByText('Matched and recorded on a case').waitFor({ timeout: 60_000 });
    await expectAccessible(page);
    const summary = (await page.locator('.govuk-summary-list').textContent())!.replace(/\s+/g, ' ');
    expect(summary).toContain('Matched and recorded on a case 32');
    expect(summary).toContain('Waited for a finance officer 2');

    await page.getByRole('link', { name: 'go to the unmatched queue' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('caption').textContent()).toContain('2 payments wait');

    // The payment from Kowalski Transport: assigned by typing the case reference, then choosing whose penalty.
    await page.getByRole('link', { name: /Resolve the payment of £125 from Kowalski Transport/ }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByLabel('Another case', { exact: true }).check();
    await page.getByLabel('Case reference, for another case').fill(alpha!.reference.toLowerCase());
    await page.getByRole('button', { name: 'Record the payment on this penalty' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(`Choose whose penalty on ${alpha!.reference}`);
    await expectAccessible(page);
    await page.getByLabel(new RegExp(`${alpha!.reference} – Owner: Alpha Haulage`)).check();
    await page.getByRole('button', { name: 'Record the payment on this penalty' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('/finance/unmatched');
    await expectAccessible(page);

    // The other: set aside with the reason.
    await page.getByRole('link', { name: /Resolve the payment of £9.99 from Someone Else/ }).click();
    await page.waitForLoadState('load');
    await page.getByRole('button', { name: 'Set the payment aside' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter why the line is set aside');
    await expectAccessible(page);
    await page.getByLabel('Why is it set aside?').fill('Not a penalty payment: fees refunded to the payer by the finance team.');
    await page.getByRole('button', { name: 'Set the payment aside' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain('No payment is waiting.');
    await expectAccessible(page);

    // The payments are on the cases.
    expect(await payments(alpha!.reference, alpha!.owner.id)).toEqual([30000, 12500]);
    expect(await payments(beta!.reference, beta!.owner.id)).toEqual([45000]);
    expect(await payments(beta!.reference, beta!.driver.id)).toHaveLength(30);
    await page.goto(`${b.baseUrl}/cases/${alpha!.reference}`);
    await expectAccessible(page);
    expect(await page.locator(`#debt-${alpha!.owner.id}`).count()).toBe(1);

    // The list of imports has it, with nothing left waiting.
    await page.goto(`${b.baseUrl}/finance/ledger-imports`);
    await expectAccessible(page);
    const row = (await page.locator('tbody tr').first().textContent())!.replace(/\s+/g, ' ');
    expect(row).toContain('ledger-2026-03.csv');
    expect(row).toMatch(/34 32 0 0 Done/);
  });
});
