import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { photoJpeg } from '../../src/platform/files/test-fixtures.js';

describe.skipIf(!chromiumAvailable)('border events in a browser', () => {
  let b: Browser;
  let photos: string[];
  beforeAll(async () => {
    b = await startBrowser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-photos-'));
    photos = [path.join(dir, 'rear-doors.jpg'), path.join(dir, 'cut-tilt.jpg')];
    fs.writeFileSync(photos[0]!, await photoJpeg({ width: 800, height: 600 }));
    fs.writeFileSync(photos[1]!, await photoJpeg({ width: 640, height: 480 }));
  });
  afterAll(async () => b?.close());

  it('a port officer records an S31A and an S32 incident from one vehicle with two responsible persons and photos; a caseworker sees both liabilities, the details and the evidence', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');

    // An officer lands on their records and drafts; the search first: it carries the place and the vehicle into the incident.
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Record a search' }).first().click();
    await page.waitForURL(/\/searches\/new/);
    await expectAccessible(page);
    await page.getByLabel('Port or control zone').selectOption('CQF');
    await page.getByLabel('Heavy goods vehicle').check();
    await page.getByLabel('Vehicle registration').fill('WGM 4521K');
    await page.getByLabel('Its country').selectOption('PL');
    await page.getByLabel('Hub-generated target').check();
    await page.getByRole('checkbox', { name: 'Passive millimetre-wave scanner' }).check();
    await page.getByLabel('Clandestine entrants found and vehicle not secured').check();
    await page.getByRole('radio', { name: 'Passive millimetre-wave scanner' }).check();
    await page.getByRole('button', { name: 'Save search' }).click();
    await page.waitForURL(/\/incidents\/new\?search=/);
    await expectAccessible(page);

    // The incident's first step, vehicle and place, filled from the search.
    expect(await page.getByLabel('S32 – clandestine entrants found').isChecked()).toBe(true);
    expect(await page.getByLabel('S31A – goods vehicle not adequately secured').isChecked()).toBe(true);
    await page.getByLabel('Number of clandestine entrants').fill('2');
    await page.getByLabel('In the load').check();
    await page.getByRole('button', { name: 'Save and return to the task list' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const taskList = page.url();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Security findings' }).click();
    await page.waitForURL(/\/security$/);
    await page.locator('#req_seals-unique-numbers').selectOption('not-met');
    await page.locator('#req_final-check-before-control-zone').selectOption('not-met');
    await page.locator('#req_check-at-loading').selectOption('met');
    await page.getByLabel('Seal numbers').fill('PL-774411\nPL-774412');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save and return to the task list' }).click();
    await page.waitForURL(taskList);

    await page.getByRole('link', { name: 'Responsible persons' }).click();
    await page.waitForURL(/\/responsible-persons$/);
    await page.locator('#p1_name').fill('Piotr Kowalski');
    await page.locator('#p1_docNumber').fill('EA1234567');
    await page.locator('#p1_language').selectOption('pl');
    await page.locator('#p2_name').fill('Trans-Pol Sp. z o.o.');
    await page.locator('#p2_address1').fill('ul. Długa 5');
    await page.locator('#p2_town').fill('Łódź');
    await page.locator('#p2_country').selectOption('PL');
    await page.locator('#p2_email').fill('biuro@transpol.example');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save and return to the task list' }).click();
    await page.waitForURL(taskList);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.waitForURL(/\/evidence$/);
    await page.getByLabel('Upload photos or scans').setInputFiles(photos);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.waitForURL(/uploaded=2/);
    expect(await page.locator('img.cordon-thumbnail').count()).toBe(2);
    await expectAccessible(page);

    // Two entrants counted, no one recorded: the reason is given on the people-found page.
    const incidentUrl = page.url().split('?')[0]!.replace(/\/evidence$/, '');
    await page.goto(`${incidentUrl}/people`);
    await page.getByLabel('Why the number of people recorded differs from the entrants counted').fill('Both ran away before they could be recorded');
    await page.getByRole('button', { name: 'Save the reason' }).click();
    await page.goto(`${incidentUrl}/check`);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForLoadState('load');
    const panel = await page.locator('.govuk-panel').textContent();
    const reference = /CEC-\d{4}-\d{6}/.exec(panel ?? '')?.[0];
    if (!reference) throw new Error(`Not sent: ${await page.locator('main').textContent()}`);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, b.baseUrl, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    await expectAccessible(page);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('S31A+S32');
    for (const expected of ['Driver: Piotr Kowalski', 'Owner: Trans-Pol Sp. z o.o.', 'ul. Długa 5', 'Łódź', 'EA1234567', 'PL-774411', 'rear-doors.jpg', 'cut-tilt.jpg', 'Not met']) {
      expect(main).toContain(expected);
    }
    // Two persons × two offences.
    expect(await page.locator('.govuk-summary-card__title', { hasText: /^(Driver|Owner):/ }).count()).toBe(4);
    expect(main).toMatch(/S31A liability/);
    expect(main).toMatch(/S32 liability/);
    const thumbnails = page.locator('img.cordon-thumbnail');
    expect(await thumbnails.count()).toBe(2);
    expect(await thumbnails.first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });

  it('the inland form saves a partial record but refuses to send it, listing what is missing with links to the steps', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'police-officer');
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await page.getByRole('button', { name: 'Record an inland detection' }).click();
    await page.waitForURL(/\/incidents\/new\?kind=inland/);
    await expectAccessible(page);
    await page.getByLabel('S32 – clandestine entrants found').check();
    await page.getByLabel('Where the people were found').fill('M20 junction 8, Maidstone services');
    await page.getByRole('button', { name: 'Save and return to the task list' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Check your answers and send' }).click();
    await page.waitForURL(/\/check$/);
    // What is missing is listed before sending, each linked to its step; sending is refused with the same list.
    expect(await page.locator('#problems').textContent()).toContain('Enter the date of the vehicle’s crossing');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForLoadState('load');
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? '';
    for (const missing of [
      'Enter how many clandestine entrants were found',
      'Choose the kind of vehicle',
      'Enter the registration of the vehicle or of its trailer',
      'Add the driver, or say the trailer was unaccompanied',
      'Enter the estimated date the people arrived in the UK',
      'Say whether you are satisfied they entered concealed in this vehicle in the last 72 hours',
      'Enter the date of the vehicle’s crossing',
    ]) {
      expect(summary).toContain(missing);
    }
    await expectAccessible(page);
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the estimated date the people arrived in the UK' }).click();
    await page.waitForURL(/\/vehicle#estimatedArrivalDate-day$/);
    expect(await page.getByLabel('Where the people were found').inputValue()).toBe('M20 junction 8, Maidstone services');
    await expectAccessible(page);
    await page.close();
  });
});
