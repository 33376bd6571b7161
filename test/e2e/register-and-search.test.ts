import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bearer } from '../support/app.js';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';

/*
 * Issue 13, item 8: the case search finds people not yet in the register by the register's
 * normalisation; a case from a quick referral gets its address through the register and can send
 * its initial notice; the party page lists the party's cases.
 */
describe.skipIf(!chromiumAvailable)('the register and the case search in a browser', () => {
  let b: Browser;
  const references: string[] = [];

  beforeAll(async () => {
    b = await startBrowser();
    const referrals = [
      ['Piotr Kowalski', 'Trans-Pol Sp. z o.o.', 'WGM 4521K'],
      ['Jan Nowak', 'TRANS POL SP ZOO', 'WGM 4522K'],
      ['Tomasz Wójcik', 'Transpol', 'WGM 4523K'],
      ['Anna Kowalska', 'Baltic Haulage UAB', 'LT 555 AB'],
    ];
    for (const [driverName, companyName, vehicleRegistration] of referrals) {
      const opened = await b.t.app.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
        payload: { port: 'CAL', incidentDate: '2026-10-20', offence: 'S32', clandestineEntrants: 1, vehicleRegistration, vehicleCountry: 'PL', driverName, companyName },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      references.push(opened.json().reference);
    }
  });
  afterAll(async () => b?.close());

  async function search(page: Page, q: string): Promise<string[]> {
    await page.getByLabel('Reference, registration, company or driver').fill(q);
    await page.getByRole('button', { name: 'Find cases' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    const body = (await page.locator('main').textContent()) ?? '';
    return references.filter((reference) => body.includes(reference));
  }

  it('finds cases by any spelling, records a stuck case’s address in the register, and lists the party’s cases', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases`);
    await expectAccessible(page);

    // Nobody here is in the register yet: the names on the cases are searched as the register would.
    expect(await search(page, 'transpol')).toEqual(references.slice(0, 3));
    expect(await search(page, 'Trans Pol')).toEqual(references.slice(0, 3));
    expect(await search(page, 'Kowalski Piotr')).toEqual([references[0]]);

    // The first case came from a quick referral: no address, so the initial notice cannot go.
    const reference = references[0]!;
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(new RegExp(`/cases/${reference}$`));
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('Record their address in the parties register before sending the initial notice');

    await page.getByRole('button', { name: /create a new register entry for the owner/ }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('New register entry made for');

    await page.getByRole('link', { name: /Record their address in the parties register \(owner\)/ }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    // The first line missing: the error sits beside the field, and the summary links to it.
    await page.getByLabel('Town or city').fill('Gdańsk');
    await page.getByRole('button', { name: 'Record the address' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('#line1-error').textContent()).toContain('Enter the first line of the address');
    await page.getByLabel('Address line 1').fill('ul. Długa 5');
    await page.getByLabel('Postcode (optional)').fill('80-827');
    await page.getByLabel('Country').selectOption({ label: 'Poland' });
    await page.getByRole('button', { name: 'Record the address' }).click();
    await page.waitForURL(new RegExp(`/cases/${reference}(#.*)?$`));
    await expectAccessible(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Address recorded in the register');
    // The owner's initial notice can be sent now.
    expect(await page.getByRole('link', { name: /initial notice.*for the owner/i }).count()).toBeGreaterThan(0);

    // The party page: the case with the role and stage, the address in words, the history as sentences.
    await page.getByRole('link', { name: /view Trans-Pol Sp\. z o\.o\./ }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    const party = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(party).toContain(`${reference}: Owner, S32`);
    expect(party).toContain('ul. Długa 5, 80-827 Gdańsk, Poland');
    expect(party).toContain('Legal form Sp. z o.o.');
    expect(party).toContain('Registered as an organisation named Trans-Pol Sp. z o.o.');
    expect(party).not.toMatch(/PartyRegistered|PartyDetailsAdded|SP-ZOO/);
    await page.close();
  });
});
