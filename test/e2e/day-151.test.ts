import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { POLISH_DRIVER, POLISH_OWNER } from '../support/casework.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/*
 * Issue #13, item 2 and 3 in Chromium, with axe on every page: a case whose incident was 160 days
 * ago and whose initial notice never went out is past day 151 (the last day to send it). Its case
 * page offers write-off as the next step, and the write-off can be proposed; the queue flags it;
 * the manager's dashboard counts it missed.
 */

async function switchUser(page: Page, b: Browser, username: string) {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
  await signIn(page, b.baseUrl, username);
}

const mainText = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

describe.skipIf(!chromiumAvailable)('a case past day 151 with no initial notice', () => {
  let b: Browser;
  let page: Page;
  let reference: string;

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
    // Reported at the border 160 days ago (back-dated, as the demo data does); nothing sent since.
    const today = ukDate(b.t.clock.now());
    const incidentDate = addDays(today, -160);
    const portOfficer = (await b.t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
    const reported = await b.t.services.borderEvents.report(
      {
        kind: 'port',
        offences: ['S31A'],
        incidentDate,
        port: 'CQF',
        vehicleKind: 'hgv',
        tractorRegistration: 'DAY 151',
        tractorCountry: 'PL',
        requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
        responsiblePersons: [POLISH_DRIVER, POLISH_OWNER],
      },
      { actor: { id: portOfficer.id, name: portOfficer.displayName, roles: portOfficer.roles }, idempotencyKey: 'e2e-day-151', now: new Date(`${incidentDate}T10:00:00Z`) },
    );
    if (!reported.ok || !('value' in reported)) throw new Error('the back-dated incident was not recorded');
    reference = reported.value.caseReference;
  });
  afterAll(async () => b?.close());

  it('offers write-off as the next step, is flagged in the queue and counted missed on the dashboard', async () => {
    await switchUser(page, b, 'caseworker-eo');

    // The queue: flagged as day 151 missed, with what to do.
    await page.goto(`${b.baseUrl}/work/available`);
    await expectAccessible(page);
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.cordon-day-151').textContent()).toContain('Day 151 missed: propose write-off');
    await page.goto(`${b.baseUrl}/work/deadline?within=notice-missed`);
    await expectAccessible(page);
    expect(await page.locator(`tr[data-reference="${reference}"]`).count()).toBe(1);

    // The case page: the next step is write-off, not "Send the initial notice"; the deadlines say why in plain English.
    await page.goto(`${b.baseUrl}/cases/${reference}`);
    await expectAccessible(page);
    let text = await mainText(page);
    expect(text).toContain('Next step: Propose write-off (deadline missed)');
    expect(text).not.toContain('Next step: Send the initial notice');
    expect(text).toMatch(/Last day to send the initial notice ?The last day is \d{1,2} \w+ \d{4}: day 151, counting the day the vehicle arrived \(\d{1,2} \w+ \d{4}\) as day 1/);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    // The rules allow it: propose the write-off for the deadline missed.
    await page.getByRole('link', { name: /^Propose write-off/ }).first().click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByLabel('Deadline missed').check();
    await page.getByLabel('Explanation').fill('The initial notice was not sent by day 151.');
    await page.getByRole('button', { name: 'Propose the write-off' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    text = await mainText(page);
    expect(text).toContain('Write-off proposed');
    expect(text).toContain('The initial notice was not sent by day 151.');

    // The dashboard counts it among the missed, with the reason.
    await switchUser(page, b, 'manager');
    await page.goto(`${b.baseUrl}/dashboard`);
    await expectAccessible(page);
    const missed = page.locator('#missed + table');
    expect(Number(await missed.locator('caption').getAttribute('data-total'))).toBeGreaterThanOrEqual(1);
    const missedRow = missed.locator('tr', { hasText: reference });
    expect(await missedRow.count()).toBe(1);
    expect(((await missedRow.textContent()) ?? '').replace(/\s+/g, ' ')).toMatch(/Initial notice not sent by day 151|Deadline missed/);
    expect(Number(await page.locator('#notice-missed').textContent().then((t) => /\d+/.exec(t ?? '')?.[0]))).toBeGreaterThanOrEqual(1);
  });
});
