import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { formatPounds } from '../../src/domain/penalty/money.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import type { Actor } from '../../src/platform/events/event-store.js';

/*
 * Issue #13 item 4 in Chromium, with axe on every page: joint and several liability (seed 003 §8.4).
 * (a) The owner pays toward its driver's penalty: the finance officer records it on the driver's
 * penalty as the employer's; the payment is named as paying the driver's penalty, and both the
 * driver's and the owner's cards show it. (b) Another driver's penalty is left unpaid past its due
 * date: the employer's lorry from the register is on the Vehicle Action List, with the reason.
 */

describe.skipIf(!chromiumAvailable)('joint and several liability: the owner paying, and the driver not', () => {
  let b: Browser;
  let page: Page;
  let paidCase: ImposedCase;
  let unpaidCase: ImposedCase;
  let driverAmount: number;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    [paidCase, unpaidCase] = (await imposedCases(b.t, ['Trans-Pol Sp. z o.o.', 'Baltic Haulage UAB'], { key: 'e2e-joint' })) as [ImposedCase, ImposedCase];
    const users = await b.t.services.identity.listUsers();
    const actor = (username: string): Actor => {
      const found = users.find((u) => u.username === username)!;
      return { id: found.id, name: found.displayName, roles: found.roles };
    };
    driverAmount = (await b.t.services.cases.caseFile(paidCase.reference))!.states.get(paidCase.driver.id)!.penaltyNotice!.amountPence;
    // Case (b): Baltic Haulage has a lorry in the register and pays its own penalty; its driver does not.
    const file = (await b.t.services.cases.caseFile(unpaidCase.reference))!;
    const owner = file.liabilities.find((row) => row.role === 'owner')!;
    const registered = await b.t.services.parties.registerVehicle({ registration: 'LY 4410B', country: 'LT', kind: 'hgv-tractor', links: [{ partyId: owner.partyId!, role: 'owner' }] }, { actor: actor('caseworker-eo') });
    if (!registered.ok) throw new Error(registered.message);
    const own = await b.t.services.cases.act(
      {
        reference: unpaidCase.reference,
        liabilityIds: [owner.id],
        action: { type: 'recordPayment', amountPence: file.states.get(owner.id)!.penaltyNotice!.amountPence, receivedOn: ukDate(b.t.clock.now()), method: 'bank-transfer', reference: 'INV-BALTIC-OWN', paidBy: 'recipient' },
      },
      { actor: actor('finance-officer') },
    );
    if (!own.ok) throw new Error(own.message);
  }, 180_000);
  afterAll(async () => b?.close());

  it('(a) records the owner’s payment toward its driver’s penalty, named as such on both liabilities', async () => {
    await signIn(page, b.baseUrl, 'finance-officer');
    await page.goto(`${b.baseUrl}/cases/${paidCase.reference}/actions/recordPayment?liability=${paidCase.driver.id}`);
    await expectAccessible(page);
    expect(await page.locator('.govuk-caption-l').textContent()).toContain(`Driver: ${paidCase.driver.partyName}`);
    // The payment's target is a choice among the case's penalties, the driver's chosen.
    expect(await page.getByLabel(`${paidCase.driver.partyName} (driver, S31A)`).isChecked()).toBe(true);
    expect(await page.getByLabel('Trans-Pol Sp. z o.o. (owner, S31A)').isChecked()).toBe(false);
    await page.getByLabel('Amount received, in pounds').fill((driverAmount / 100).toFixed(2));
    const [year, month, day] = ukDate(b.t.clock.now()).split('-');
    await page.getByLabel('Day').fill(String(Number(day)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year!);
    await page.getByLabel('Bank transfer').check();
    await page.getByLabel('Finance system invoice or receipt reference').fill('INV-TRANSPOL-77');
    await page.getByLabel('The employer, against the driver’s penalty').check();
    await page.getByRole('button', { name: 'Record the payment' }).click();
    await page.waitForURL(new RegExp(`/cases/${paidCase.reference}`));
    await expectAccessible(page);

    const driverCard = (await page.locator(`#payments-${paidCase.driver.id}`).locator('xpath=..').textContent()) ?? '';
    expect(driverCard).toContain('Trans-Pol Sp. z o.o. (the employer) is jointly and severally liable for this penalty.');
    expect(driverCard).toContain(`Paid by the employer toward the driver’s penalty: ${paidCase.driver.partyName}’s penalty (driver, S31A) on ${paidCase.reference}`);
    expect(driverCard).toContain(`Trans-Pol Sp. z o.o. has paid ${formatPounds(driverAmount)} toward it.`);
    const ownerJoint = (await page.locator(`#joint-${paidCase.owner.id} ~ *`).allTextContents()).join(' ').replace(/\s+/g, ' ');
    expect(ownerJoint).toContain(`Also liable for the driver’s penalty: ${paidCase.driver.partyName}, £0 outstanding, paid`);
    expect(ownerJoint).toContain(`Paid ${formatPounds(driverAmount)} on`);
    expect(ownerJoint).toContain(`toward ${paidCase.driver.partyName}’s penalty (reference INV-TRANSPOL-77)`);
    // The owner is told the driver's penalty is paid: a letter to Trans-Pol waits to be posted.
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Your driver’s penalty: paid (JSL)');
  });

  it('(b) puts the employer’s registered lorry on the Vehicle Action List when its driver’s penalty is unpaid past the due date', async () => {
    b.t.clock.advanceDays(70); // past the payment due date on the notice (notice + 60 days)
    await signIn(page, b.baseUrl, 'port-officer');
    await page.goto(`${b.baseUrl}/vehicle-action-list`);
    await expectAccessible(page);
    const row = page.locator('tr', { hasText: 'LY 4410B' });
    await expect.poll(() => row.count()).toBe(1);
    const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Baltic Haulage UAB');
    expect(text).toContain(unpaidCase.reference);
    expect(text).toContain(`Driver’s penalty unpaid: ${unpaidCase.driver.partyName}, case ${unpaidCase.reference}; Baltic Haulage UAB is jointly liable`);
    // Trans-Pol's driver's penalty was paid by Trans-Pol: its lorry is listed, if at all, for its own penalty only.
    for (const other of await page.locator('tr', { hasText: paidCase.reference }).allTextContents()) expect(other).not.toContain('Driver’s penalty unpaid');
  });
});
