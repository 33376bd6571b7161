import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { POLISH_DRIVER, POLISH_OWNER } from '../support/casework.js';

/*
 * People found in a browser (issue #14 item 2): an S32 incident is sent only when the people recorded
 * match the entrants counted or a reason is given, and a child's handover is the officers' to see,
 * never a caseworker's. The draft is made through the service; the people-found pages and the
 * sending are the browser's.
 */

const today = new Date().toISOString().slice(0, 10);
const [year, month, day] = today.split('-') as [string, string, string];

/** Sends the incident from its check-your-answers page; the page then shows the result. */
async function sendIncident(page: Page, baseUrl: string, incidentId: string) {
  await page.goto(`${baseUrl}/incidents/${incidentId}/check`);
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.waitForLoadState('load');
}

async function fillDate(page: Page, prefix: string) {
  await page.locator(`#${prefix}-day`).fill(String(Number(day)));
  await page.locator(`#${prefix}-month`).fill(String(Number(month)));
  await page.locator(`#${prefix}-year`).fill(year);
}

/** Fills the person form with the minimum checks (no match on each database check, biometrics taken today). */
async function fillPerson(page: Page, name: string, age: string) {
  await page.getByLabel('Claimed name').fill(name);
  await page.getByLabel('Claimed nationality').fill('ER');
  await page.getByLabel('Claimed age in years (if no date of birth is given)').fill(age);
  await page.locator('#sex-2').check();
  await page.locator('#identityEstablished-2').check();
  await page.locator('#biometricsTaken').check();
  await fillDate(page, 'biometricsDate');
  for (const check of ['identity', 'security', 'immigrationHistory', 'policeNationalComputer']) await page.locator(`#check_${check}`).check();
}

describe.skipIf(!chromiumAvailable)('people found in a browser', () => {
  let b: Browser;
  let officer: { id: string; name: string; roles: string[] };
  beforeAll(async () => {
    b = await startBrowser();
    const user = (await b.t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
    officer = { id: user.id, name: user.displayName, roles: user.roles };
  });
  afterAll(async () => b?.close());

  async function draft(entrants: number): Promise<string> {
    const incident = { kind: 'port', offences: ['S32'], incidentDate: today, port: 'CQF', vehicleKind: 'hgv', tractorRegistration: 'WGM 4521K', tractorCountry: 'PL', clandestineEntrants: entrants, concealment: ['load'], responsiblePersons: [POLISH_DRIVER, POLISH_OWNER] };
    const saved = await b.t.services.borderEvents.saveDraft({ incident }, { actor: officer });
    if (!saved.ok) throw new Error(saved.message);
    return saved.value.incidentId;
  }

  it('an S32 incident with three entrants and two people recorded is sent only once the reason for the difference is given', async () => {
    const incidentId = await draft(3);
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');
    await page.goto(`${b.baseUrl}/incidents/${incidentId}/people`);
    await expectAccessible(page);
    for (const [name, age] of [['Amanuel Tesfay', '24'], ['Dawit Kidane', '31']] as const) {
      await page.getByRole('button', { name: 'Add a person' }).click();
      await page.waitForURL(/\/people\/new$/);
      await expectAccessible(page);
      await fillPerson(page, name, age);
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.waitForURL(/\/people$/);
    }
    await expectAccessible(page);
    expect(await page.locator('.govuk-summary-card__title').allTextContents()).toEqual(['Person 1: Amanuel Tesfay', 'Person 2: Dawit Kidane']);

    await sendIncident(page, b.baseUrl, incidentId);
    const message = '3 entrants were counted but 2 people are recorded: record the third person, or give the reason';
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(message);
    await expectAccessible(page);
    expect(await page.locator('.govuk-panel').count()).toBe(0);

    await page.goto(`${b.baseUrl}/incidents/${incidentId}/people`);
    expect(await page.locator('#peopleFoundDifferenceReason-error').textContent()).toContain(message);
    await expectAccessible(page);
    await page.getByLabel('Why the number of people recorded differs from the entrants counted').fill('One ran away before he could be recorded');
    await page.getByRole('button', { name: 'Save the reason' }).click();
    await page.waitForURL(/\/people$/);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Reason for the difference saved');
    expect(await page.locator('#peopleFoundDifferenceReason-error').count()).toBe(0);
    await expectAccessible(page);

    await sendIncident(page, b.baseUrl, incidentId);
    expect(await page.locator('.govuk-panel').textContent()).toMatch(/CEC-\d{4}-\d{6}/);
    await expectAccessible(page);
    await page.close();
  });

  it('a child’s handover to a local authority is recorded and shown to the officer, and not shown to a caseworker looking at the case or the incident', async () => {
    const incidentId = await draft(1);
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');
    await page.goto(`${b.baseUrl}/incidents/${incidentId}/people/new`);
    await fillPerson(page, 'Yonas Haile', '15');
    await page.getByLabel('Appears to be a child').check();
    await page.getByLabel('Referred for a Merton-compliant age assessment').check();
    await page.getByLabel('Local authority the child was handed to').fill('Kent County Council');
    await fillDate(page, 'handoverDate');
    await page.getByLabel('Time of the handover').fill('00:01');
    await page.getByLabel('Name of the social worker who received the child').fill('Sam Okafor');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.waitForURL(/\/people$/);
    const card = (await page.locator('.govuk-summary-card').textContent()) ?? '';
    expect(card).toContain('Kent County Council');
    expect(card).toContain('received by Sam Okafor');
    expect(card).toContain('Referred for a Merton-compliant age assessment');
    await expectAccessible(page);

    await sendIncident(page, b.baseUrl, incidentId);
    const reference = /CEC-\d{4}-\d{6}/.exec((await page.locator('.govuk-panel').textContent()) ?? '')?.[0];
    if (!reference) throw new Error(`Not sent: ${await page.locator('main').textContent()}`);
    await page.goto(`${b.baseUrl}/incidents/${incidentId}/people`);
    expect(await page.locator('main').textContent()).toContain('Sam Okafor');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, b.baseUrl, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    await expectAccessible(page);
    const casePage = (await page.locator('main').textContent()) ?? '';
    expect(casePage).toContain(reference);
    for (const hidden of ['Sam Okafor', 'Kent County Council', 'Yonas Haile']) expect(casePage).not.toContain(hidden);
    for (const url of [`/incidents/${incidentId}`, `/incidents/${incidentId}/people`]) {
      const response = await page.goto(`${b.baseUrl}${url}`);
      expect(response?.status(), url).toBe(403);
      expect(await page.locator('main').textContent()).not.toContain('Sam Okafor');
      await expectAccessible(page);
    }
    await page.close();
  });
});
