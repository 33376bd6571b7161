import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';

describe.skipIf(!chromiumAvailable)('the thin slice in a browser: referral to case page', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
  });
  afterAll(async () => b?.close());

  it('a port officer records a referral, fixing an error first, and gets a case reference', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'port-officer');
    // An officer lands on their own records and drafts.
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await expectAccessible(page);
    await page.goto(`${b.baseUrl}/referrals/new`);
    await expectAccessible(page);

    await page.getByLabel('Port or control zone').selectOption('CQF');
    // The form has a second date (the driver's date of birth, in a closed section): the incident's is the one named.
    const incidentDate = page.getByRole('group', { name: 'Date of the incident' });
    await incidentDate.getByLabel('Day').fill('12');
    await incidentDate.getByLabel('Month').fill('10');
    await incidentDate.getByLabel('Year').fill('2026');
    await page.getByLabel('S31A – goods vehicle not adequately secured').check();
    await page.getByLabel('Number of clandestine entrants').fill('2');
    await page.getByLabel('Vehicle registration').fill('WGM 4521K');
    await page.getByLabel('Country of registration').selectOption('PL');
    await page.getByLabel('Driver’s full name').fill('Łukasz Zieliński');
    await page.getByLabel('Company that owns or hires the vehicle').fill('Łódź Trans Sp. z o.o.');
    await page.getByRole('button', { name: 'Send referral' }).click();

    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('has no clandestine entrant count');
    // The summary takes focus so a screen reader announces it; its link moves to the field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await expectAccessible(page);
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('clandestineEntrants');
    expect(await page.getByLabel('Driver’s full name').inputValue()).toBe('Łukasz Zieliński');

    await page.getByLabel('Number of clandestine entrants').fill('');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.waitForURL(/\/referrals\/CEC-\d{4}-\d{6}\/sent$/);
    await expectAccessible(page);
    const reference = /CEC-\d{4}-\d{6}/.exec(page.url())![0];
    expect(await page.locator('.govuk-panel').textContent()).toContain(reference);

    // Keyboard only: sign out with the button in the header.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in/);

    await signIn(page, b.baseUrl, 'caseworker-eo');
    // A caseworker lands on their work queue; finding any case is one link away.
    expect(new URL(page.url()).pathname).toBe('/work');
    await expectAccessible(page);
    await page.goto(`${b.baseUrl}/cases`);
    await page.getByLabel('Reference, registration, company or driver').fill(reference);
    await page.getByRole('button', { name: 'Find cases' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(new RegExp(`/cases/${reference}$`));
    await expectAccessible(page);
    const body = await page.locator('main').textContent();
    expect(body).toContain('Łódź Trans Sp. z o.o.');
    expect(body).toContain('S31A – goods vehicle not adequately secured');
    expect(body).toContain('Referral received');
    expect(body).toContain('Owner liability opened');
    await page.close();
  });

  it('an administrator adds a user and issues a token; pages refused to other roles say so', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'administrator');
    expect(page.url()).toContain('/admin/users');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter a username');
    await page.getByLabel('Username').fill('a.new.caseworker');
    await page.getByLabel('Full name').fill('Ana Novak');
    await page.getByLabel(/Caseworker \(EO\)/).check();
    await page.getByLabel('First password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('a.new.caseworker');

    await page.goto(`${b.baseUrl}/admin/tokens`);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Dover lane 3 camera');
    await page.getByLabel('Role').selectOption('plate-reader');
    await page.getByRole('button', { name: 'Issue token' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('.govuk-panel').textContent()).toMatch(/cordon_[\w-]{40,}/);

    await page.goto(`${b.baseUrl}/referrals/new`);
    expect(await page.locator('h1').textContent()).toBe('You cannot see this page');
    await expectAccessible(page);
    await page.goto(`${b.baseUrl}/nowhere`);
    await expectAccessible(page);
    await page.goto(`${b.baseUrl}/cookies`);
    await expectAccessible(page);
    await page.goto(`${b.baseUrl}/accessibility`);
    await expectAccessible(page);
    await page.close();
  });

  it('the 375 px check fails a page that scrolls sideways, naming what sticks out, and restores the viewport', async () => {
    const page = await b.context.newPage();
    const before = page.viewportSize();
    await page.setContent('<main style="margin:0"><p>fits</p><div id="too-wide" style="width:700px">a wide table</div></main>');
    await expect(expectFitsNarrowScreen(page)).rejects.toThrow(/div#too-wide "a wide table" \(right edge \d+ px/);
    expect(page.viewportSize()).toEqual(before);
    await page.close();
  });
});
