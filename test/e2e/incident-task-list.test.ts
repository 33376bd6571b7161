import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';

describe.skipIf(!chromiumAvailable)('the incident form as a task list, in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('an officer starts an incident, saves the first step as a draft, signs out, finds it on their home page after signing in, finishes and sends it', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await expectAccessible(page);

    // The first step: vehicle and place. The draft is created when it is saved.
    await page.getByRole('button', { name: 'Record an incident' }).click();
    await page.waitForURL(/\/incidents\/new$/);
    await expectAccessible(page);
    await page.getByLabel('S31A – goods vehicle not adequately secured').check();
    await page.getByLabel('Port or control zone').selectOption('CQF');
    await page.getByLabel('Heavy goods vehicle').check();
    await page.getByLabel('Vehicle registration').fill('WGM 4521K');
    await page.getByLabel('Its country').selectOption('PL');
    await page.getByRole('button', { name: 'Save and return to the task list' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const draftUrl = page.url();
    expect(await page.locator('#confirmation').textContent()).toContain('Vehicle and place saved');
    expect(await page.locator('.govuk-task-list').textContent()).toMatch(/Vehicle and place\s*Completed/);
    await expectAccessible(page);

    // Signed out and in again: the draft is on the officer's home page, with how far it got.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, b.baseUrl, 'port-officer');
    expect(new URL(page.url()).pathname).toBe('/incidents');
    const drafts = page.locator('#drafts');
    expect(await drafts.textContent()).toContain('WGM 4521K');
    expect(await drafts.textContent()).toMatch(/1 of \d tasks complete/);
    await expectAccessible(page);
    await drafts.getByRole('link', { name: /^Continue/ }).first().click();
    await page.waitForURL(draftUrl);
    await expectAccessible(page);

    // The answers of the first step were kept.
    await page.getByRole('link', { name: 'Vehicle and place' }).click();
    await page.waitForURL(/\/vehicle$/);
    expect(await page.getByLabel('Vehicle registration').inputValue()).toBe('WGM 4521K');
    expect(await page.getByLabel('S31A – goods vehicle not adequately secured').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Back' }).click();
    await page.waitForURL(draftUrl);

    // Responsible persons, then on (Save and continue) to security findings, then evidence.
    await page.getByRole('link', { name: 'Responsible persons' }).click();
    await page.waitForURL(/\/responsible-persons$/);
    await expectAccessible(page);
    await page.locator('#p1_name').fill('Piotr Kowalski');
    await page.locator('#p1_docNumber').fill('EA1234567');
    await page.locator('#p2_name').fill('Trans-Pol Sp. z o.o.');
    await page.locator('#p2_address1').fill('ul. Długa 5');
    await page.locator('#p2_country').selectOption('PL');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/security$/);
    await expectAccessible(page);
    await page.locator('#req_seals-unique-numbers').selectOption('not-met');
    await page.getByLabel('Seal numbers').fill('PL-774411');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/evidence$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Check your answers, then send.
    await page.waitForURL(/\/check$/);
    await expectAccessible(page);
    const answers = (await page.locator('#answers').textContent()) ?? '';
    for (const expected of ['WGM 4521K', 'Piotr Kowalski', 'Trans-Pol Sp. z o.o.', 'PL-774411', 'Not met']) expect(answers).toContain(expected);
    expect(await page.getByText('Before you can send it').count()).toBe(0);
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForURL(draftUrl);
    const panel = (await page.locator('.govuk-panel').textContent()) ?? '';
    const reference = /CEC-\d{4}-\d{6}/.exec(panel)?.[0];
    if (!reference) throw new Error(`Not sent: ${await page.locator('main').textContent()}`);
    await expectAccessible(page);

    // Home: no longer a draft; the incident with its case.
    await page.goto(`${b.baseUrl}/incidents`);
    expect(await page.locator('#recorded').textContent()).toContain(reference);
    expect(await page.locator('#drafts').count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });
});
