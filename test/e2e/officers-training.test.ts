import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-data.js';
import { SYSTEM_ACTOR } from '../../src/modules/identity/service.js';
import { addDays, addMonths } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { formatDate } from '../../src/platform/http/dates.js';

describe.skipIf(!chromiumAvailable)('officers’ training in a browser', () => {
  let b: Browser;
  beforeAll(async () => {
    b = await startBrowser();
    b.t.clock.set(new Date(`${ukDate(new Date())}T12:00:00Z`));
  });
  afterAll(async () => b?.close());

  it('a manager records an officer’s ticket, fixing an error first; the officer sees the alert; the manager’s view lists them by port', async () => {
    const today = ukDate(b.t.clock.now());
    const added = await b.t.services.identity.addUser({ username: 'tess-ticket', displayName: 'Tess Ticket', roles: ['port-officer'], password: DEMO_PASSWORD }, { actor: SYSTEM_ACTOR });
    if (!added.ok) throw new Error(added.message);

    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'manager');
    await page.goto(`${b.baseUrl}/training`);
    await expectAccessible(page);
    await page.locator('#officers a', { hasText: 'Tess Ticket' }).click();
    await page.waitForURL(/\/training\/officers\//);
    await expectAccessible(page);

    const expiresOn = addDays(today, 10);
    const passedOn = addMonths(expiresOn, -12);
    const [py, pm, pd] = passedOn.split('-');
    await page.getByLabel('Home port').selectOption('CAL');
    await page.getByLabel('Level 3').check();
    const passed = page.getByRole('group', { name: 'Passed on' });
    await passed.getByLabel('Day').fill('31');
    await passed.getByLabel('Month').fill('2');
    await passed.getByLabel('Year').fill(py!);
    await page.getByRole('button', { name: 'Save training' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('The date the training was passed must be a real date');
    await expectAccessible(page);

    await passed.getByLabel('Day').fill(String(Number(pd)));
    await passed.getByLabel('Month').fill(String(Number(pm)));
    await page.getByRole('button', { name: 'Save training' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner--success').textContent()).toContain('Training recorded for Tess Ticket.');
    await expectAccessible(page);

    await page.goto(`${b.baseUrl}/training`);
    expect(await page.locator('[data-port-officers="CAL"]').textContent()).toContain('Tess Ticket');
    await expectAccessible(page);

    // The officer, on the same browser once the manager's cookies are gone.
    await b.context.clearCookies();
    const officerPage = await b.context.newPage();
    await signIn(officerPage, b.baseUrl, 'tess-ticket');
    expect(new URL(officerPage.url()).pathname).toBe('/incidents');
    expect(await officerPage.locator('#training-alerts').textContent()).toContain(`Your Public and Personal Safety Training expires on ${formatDate(expiresOn)}: book a refresher.`);
    await expectAccessible(officerPage);
  });
});
