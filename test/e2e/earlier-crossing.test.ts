import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { bearer } from '../support/app.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';

/* Issue #14 item 3 in a browser: a police officer confirms an inland detection's earlier crossing; a manager sees the failure. */
describe.skipIf(!chromiumAvailable)('the earlier crossing of an inland detection, in a browser', () => {
  let b: Browser;
  let incidentId: string;
  const D = ukDate(new Date());
  beforeAll(async () => {
    b = await startBrowser();
    const searched = await b.t.app.inject({
      method: 'POST',
      url: '/api/v1/searches',
      headers: { ...bearer('port-officer'), 'content-type': 'application/json', 'idempotency-key': 'e2e-crossing' },
      payload: JSON.stringify({ searchedAt: `${addDays(D, -1)}T12:00:00Z`, port: 'CQF', lane: '7', vehicleKind: 'hgv', tractorRegistration: 'WGM 4521K', tractorCountry: 'PL', selectionReason: 'officer-selected', methods: ['dog'], searchedBy: 'border-force', result: 'nothing-found' }),
    });
    expect(searched.statusCode, searched.body).toBe(201);
    const police = (await b.t.services.identity.listUsers()).find((u) => u.username === 'police-officer')!;
    const saved = await b.t.services.borderEvents.saveDraft(
      { incident: { kind: 'inland', offences: ['S32'], incidentDate: D, estimatedArrivalDate: D, location: 'Lorry park, Ashford', vehicleKind: 'hgv', tractorRegistration: 'WGM4521K', tractorCountry: 'PL', clandestineEntrants: 2 } },
      { actor: { id: police.id, name: police.displayName, roles: police.roles } },
    );
    if (!saved.ok) throw new Error(saved.message);
    incidentId = saved.value.incidentId;
  });
  afterAll(async () => b?.close());

  it('the officer confirms the crossing found; a manager sees it counted as a failure', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'police-officer');
    await page.goto(`${b.baseUrl}/incidents/${incidentId}/earlier-crossing`);
    await expectAccessible(page);
    await page.getByRole('button', { name: /This is the crossing/ }).click();
    await page.waitForURL(/earlier-crossing$/);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Crossing confirmed');
    await expectAccessible(page);
    await page.close();

    const manager = await b.context.newPage();
    await b.context.clearCookies();
    await signIn(manager, b.baseUrl, 'manager');
    await manager.goto(`${b.baseUrl}/searches/failures?from=${addDays(D, -7)}&to=${D}`);
    expect(await manager.locator('h2').first().innerText()).toContain('1 failure');
    await expectAccessible(manager);
  });
});
