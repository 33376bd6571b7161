import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { photoJpeg } from '../../src/platform/files/test-fixtures.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #14 item 4 in Chromium, axe on every page: a caseworker asks the officer who referred the
 * incident for a photograph by a due date; the officer finds it in their work and answers with text
 * and a photo; the caseworker sees the answer, the photo's thumbnail and that it came on time.
 */

async function switchUser(page: Page, b: Browser, username: string) {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
  await signIn(page, b.baseUrl, username);
}

describe.skipIf(!chromiumAvailable)('requests for information in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('a caseworker asks the referring officer for a photograph; the officer answers with text and a photo; the caseworker sees it on time', async () => {
    // The incident as the port officer's form sends it (the case it opens is referred by them).
    const officer = (await b.t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
    const sent = await b.t.services.borderEvents.report(
      {
        kind: 'port',
        offences: ['S31A'],
        incidentDate: ukDate(new Date()),
        port: 'CQF',
        vehicleKind: 'hgv',
        tractorRegistration: 'WGM 4521K',
        tractorCountry: 'PL',
        requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
        responsiblePersons: [
          { role: 'driver', kind: 'person', name: 'Piotr Kowalski', nationality: 'PL', language: 'pl' },
          { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' } },
        ],
      },
      { actor: { id: officer.id, name: officer.displayName, roles: officer.roles }, idempotencyKey: randomUUID() },
    );
    expect(sent.ok).toBe(true);
    const reference = (sent as { value: { caseReference: string } }).value.caseReference;

    const page = await b.context.newPage();
    await switchUser(page, b, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Request information from the referring officer' }).click();
    await page.waitForURL(new RegExp(`/cases/${reference}/information-requests/new$`));
    await expectAccessible(page);
    expect(await page.locator('#addressee').textContent()).toContain(officer.displayName);

    // Nothing chosen: the error is beside the list and in the summary.
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Choose at least one thing you need');
    expect(await page.locator('#items-error').textContent()).toContain('Choose at least one thing you need');
    await expectAccessible(page);

    await page.getByLabel('Photographs').check();
    await page.getByLabel('Anything more the officer needs to know (optional)').fill('A photograph of the broken seal on the rear doors.');
    // The due date is filled in: 10 working days from today.
    expect(await page.getByLabel('Year').inputValue()).toMatch(/^\d{4}$/);
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(new RegExp(`/cases/${reference}#information-requests$`));
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(`Request for information sent to ${officer.displayName}`);
    await expectAccessible(page);

    // The officer finds it from their home page.
    await switchUser(page, b, 'port-officer');
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await expectAccessible(page);
    await page.getByRole('link', { name: '1 request for information from the penalty team to answer' }).click();
    await page.waitForURL(/\/requests$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('A photograph of the broken seal on the rear doors.');
    await page.getByLabel('Your answer').fill('The seal was cut; photo attached.');
    await page.getByLabel('Photos or scans (optional)').setInputFiles({ name: 'seal.jpg', mimeType: 'image/jpeg', buffer: await photoJpeg() });
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(`Your answer has been sent to the penalty team for case ${reference}`);
    expect(await page.locator('main').textContent()).toContain('Answered on time');
    await expectAccessible(page);

    // The caseworker sees the answer, the thumbnail and that it came on time.
    await switchUser(page, b, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/requests`);
    await expectAccessible(page);
    expect(await page.locator('#information-requests').textContent()).toContain('Answered on time');
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    await expectAccessible(page);
    const section = page.locator('.information-request').first();
    expect(await section.textContent()).toContain('Answered on time');
    expect(await section.textContent()).toContain('The seal was cut; photo attached.');
    const thumbnail = section.getByRole('img', { name: 'Photo sent: seal.jpg' });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Information request answered');
    await page.close();
  });
});
