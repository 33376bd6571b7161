import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCREDITATION_AREAS } from '../../src/domain/accreditation/areas.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { executeCommand } from '../../src/platform/events/command.js';
import { raiseMembershipReview, REVIEW_RAISER } from '../../src/modules/accreditation/review-commands.js';
import { reviewIdFor } from '../../src/modules/accreditation/review-service.js';
import { chromiumAvailable, expectAccessible, expectFitsNarrowScreen, signIn, startBrowser, type Browser } from './browser.js';

/*
 * Issue 16 item 3 in a browser: a Senior Officer finds the review from the navigation, reads what
 * is decided on, forgets the reasons (error summary, focus on the field), then removes the member
 * with reasons using the keyboard; every page passes axe and fits a 375 px screen.
 */
describe.skipIf(!chromiumAvailable)('CPAS reviews in a browser', () => {
  let b: Browser;
  let reviewId: string;

  beforeAll(async () => {
    b = await startBrowser();
    const assessor = { id: 'eo', name: 'Assessor', roles: ['caseworker-eo'] };
    const submitted = await b.t.services.accreditation.submit(
      {
        language: 'pl',
        company: { name: 'Wisła Cargo Sp. z o.o.', country: 'PL', addressLines: ['ul. Morska 1', 'Gdańsk'], postcode: '80-001', operatorLicence: 'PL/77/2021', contactName: 'Ewa Lis', email: 'biuro@wisla.example', phone: null, numberOfDrivers: 5 },
        areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `How we do ${a}`, fileIds: [] }])),
        driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
        declaration: true,
      },
      { channel: 'api' },
    );
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    for (const area of ACCREDITATION_AREAS) await b.t.services.accreditation.act(submitted.value.reference, 'assessArea', { area, outcome: 'met' }, { actor: assessor });
    await b.t.services.accreditation.act(submitted.value.reference, 'accept', {}, { actor: assessor });
    const member = (await b.t.services.accreditation.memberships()).find((m) => m.reference === submitted.value.reference)!;
    const today = ukDate(b.t.clock.now());
    const references = ['CEC-2026-000801', 'CEC-2026-000802', 'CEC-2026-000803'];
    const trigger = { trigger: 's32Incidents' as const, incidents: references, windowFrom: addDays(today, -200), windowTo: addDays(today, 165) };
    reviewId = reviewIdFor(member.partyId, trigger);
    const incidents = references.map((caseReference, i) => ({ caseReference, date: addDays(today, -200 + i * 90), offences: ['S32' as const] }));
    const raised = await executeCommand(b.t.database.db, raiseMembershipReview, { reviewId, partyId: member.partyId, trigger, incidents, statusOnIncidentDate: 'member' }, { actor: REVIEW_RAISER, now: b.t.clock.now() });
    expect(raised.ok).toBe(true);
  });
  afterAll(async () => b?.close());

  it('a Senior Officer removes a member on review', async () => {
    const page = await b.context.newPage();
    await signIn(page, b.baseUrl, 'senior-officer');
    await page.getByRole('link', { name: 'CPAS reviews' }).click();
    await page.waitForURL(/\/accreditation\/reviews$/);
    await expectAccessible(page);
    await expectFitsNarrowScreen(page);

    await page.getByRole('link', { name: 'Wisła Cargo Sp. z o.o.' }).click();
    await page.waitForURL(new RegExp(`/accreditation/reviews/${reviewId}$`));
    await expectAccessible(page);
    await expectFitsNarrowScreen(page);
    expect(await page.locator('#membership-history').textContent()).toContain('Member');

    await page.getByLabel('Remove from the scheme').check();
    await page.getByRole('button', { name: 'Conclude the review' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter the reasons for removing the member');
    await expectAccessible(page);

    await page.getByLabel('Reasons for removal').focus();
    await page.keyboard.type('Three S32 incidents in seven months; seals not used.');
    await page.getByRole('button', { name: 'Conclude the review' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/accreditation/reviews/${reviewId}$`));
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('the member is removed from the scheme from today');
    await expectAccessible(page);
    await expectFitsNarrowScreen(page);
    expect(await page.locator('#conclusion').count()).toBe(1);
  }, 120_000);
});
