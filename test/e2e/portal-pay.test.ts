import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, NARROW_SCREEN, startBrowser, type Browser } from './browser.js';
import { imposedCases, type ImposedCase } from '../support/finance.js';
import { bearer } from '../support/app.js';
import { POLISH_OWNER } from '../support/casework.js';
import { accessCodeOf, catalogueWords } from '../support/portal.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { vehicleActionList } from '../../src/modules/vehicle-action-list/val-query.js';

/*
 * Issue #15 item 5 in Chromium, axe on every page, in English, Polish and Romanian (one journey,
 * three owners): an owner that has paid its own penalty sees its driver's unpaid one (which keeps
 * its lorry on the Vehicle Action List), pays it with the fake provider, gets the receipt, and the
 * lorry leaves the list and plate checks at once. The owner signs in on the portal's sign-in page
 * with the code from its letter.
 */

const LANGUAGES = ['en', 'pl', 'ro'] as const;
/** The words of a message in a language, up to its first placeholder. */
const words = catalogueWords;
const PLATES = ['WGM 7301K', 'WGM 7302K', 'WGM 7303K'] as const;
const postcodeOf = (index: number) => (index ? `3${index}-100` : POLISH_OWNER.address.postcode);

describe.skipIf(!chromiumAvailable)('an owner pays its driver’s penalty online', () => {
  let b: Browser;
  let kases: ImposedCase[];

  beforeAll(async () => {
    b = await startBrowser();
    const t = b.t;
    kases = await imposedCases(t, ['Rotrans Logistic S.R.L.', 'Payline Trans Sp. z o.o.', 'Plata Cargo S.R.L.'], { key: 'e2e-portal-pay' });
    const finance = (await t.services.identity.listUsers()).find((u) => u.username === 'finance-officer')!;
    for (const [index, kase] of kases.entries()) {
      const file = (await t.services.cases.caseFile(kase.reference))!;
      const ownerPartyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
      const vehicle = await t.services.parties.registerVehicle({ registration: PLATES[index]!, country: 'PL', kind: 'hgv-tractor', links: [{ partyId: ownerPartyId, role: 'owner' }] }, { actor: { id: finance.id, name: finance.displayName, roles: ['caseworker-eo'] } });
      expect(vehicle.ok).toBe(true);
      const amount = file.states.get(kase.owner.id)!.penaltyNotice!.amountPence;
      const paid = await t.services.cases.act(
        { reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'recordPayment', amountPence: amount, receivedOn: ukDate(t.clock.now()), method: 'bank-transfer', reference: `INV-${index}`, paidBy: 'recipient' } },
        { actor: { id: finance.id, name: finance.displayName, roles: finance.roles } },
      );
      expect(paid.ok).toBe(true);
    }
    t.clock.advanceDays(61);
  }, 240_000);
  afterAll(async () => {
    await b?.close();
  });

  const listed = async (plate: string) => (await vehicleActionList(b.t.database.db, ukDate(b.t.clock.now()))).some((entry) => entry.registration === plate);
  const plateHit = (plate: string) => async () =>
    (await b.t.app.inject({ method: 'POST', url: '/api/v1/plate-checks', headers: { 'content-type': 'application/json', ...bearer('plate-reader') }, payload: JSON.stringify({ registration: plate.replace(' ', '') }) })).json().hit as boolean;

  for (const [index, language] of LANGUAGES.entries()) {
    it(`pays with the fake provider in ${language}, shows the receipt, and the lorry leaves the Vehicle Action List`, async () => {
      const kase = kases[index]!;
      const plate = PLATES[index]!;
      expect(await listed(plate)).toBe(true);
      await expect.poll(plateHit(plate), { timeout: 3000, interval: 100 }).toBe(true);

      const page = await b.context.newPage();
      await page.context().clearCookies();
      await page.setViewportSize(NARROW_SCREEN);
      // The owner signs in, in its language, with the code from its newest letter.
      await page.goto(`${b.baseUrl}/portal?lang=${language}`);
      await page.fill('#reference', kase.reference);
      await page.fill('#accessCode', await accessCodeOf(b.t, kase.owner.id));
      await page.fill('#postcode', postcodeOf(index));
      await page.locator('form button.govuk-button').first().click();
      await page.waitForURL(/\/portal\/case/);
      await page.goto(`${b.baseUrl}/portal/penalties/${kase.owner.id}/pay`);
      // Its own penalty is paid; its driver's is offered.
      expect(await page.locator('main').textContent()).toContain(kase.driver.partyName);
      await expectAccessible(page);
      await page.getByRole('link', { name: new RegExp(kase.driver.partyName) }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await expectAccessible(page);
      await expectFitsNarrowScreen(page);

      // Part of it, with an amount that is not one: the error beside the field, what was typed kept.
      await page.getByLabel(words(language, 'portal.pay.payPart'), { exact: true }).check();
      await page.getByLabel(words(language, 'portal.pay.amountLabel')).fill('12,34.5');
      await page.getByRole('button', { name: words(language, 'portal.pay.continue') }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(words(language, 'portal.pay.error.amountFormat'));
      expect(await page.getByLabel(words(language, 'portal.pay.amountLabel')).inputValue()).toBe('12,34.5');
      await expectAccessible(page);

      await page.getByLabel(new RegExp(words(language, 'portal.pay.payAll'))).check();
      await page.getByRole('button', { name: words(language, 'portal.pay.continue') }).click();
      await page.waitForLoadState('load');
      // The fake provider's own page (the provider's words, not ours).
      expect(await page.locator('h1').textContent()).toContain('Test payment page, no real money');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Pay (test: succeed)' }).click();
      await page.waitForLoadState('load');

      expect(page.url()).toMatch(/\/portal\/payments\/[0-9a-f-]{36}\/receipt$/);
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      const receipt = (await page.locator('main').textContent()) ?? '';
      expect(receipt).toContain(words(language, 'portal.pay.receipt.title'));
      expect(receipt).toContain(`${kase.reference}-D`);
      expect(await page.locator('[data-untranslated]').count()).toBe(0);
      await expectAccessible(page);
      await expectFitsNarrowScreen(page);

      // Reloading the receipt, or going back to the return page, records nothing more.
      await page.goto(page.url().replace('/receipt', '/return'));
      await page.waitForLoadState('load');
      const payments = (await b.t.services.cases.caseFile(kase.reference))!.states.get(kase.driver.id)!.payments.filter((p) => p.method === 'card');
      expect(payments).toHaveLength(1);
      expect(payments[0]!.paidBy).toBe('employer');

      expect(await listed(plate)).toBe(false);
      await expect.poll(plateHit(plate), { timeout: 1000, interval: 50 }).toBe(false);
      await page.close();
    }, 240_000);
  }
});
