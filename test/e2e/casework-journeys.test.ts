import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { checkNoticeDetails, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from '../support/casework.js';
import { WebClient } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/cli/demo-data.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { acceptedIntoScheme } from '../support/accreditation.js';

/*
 * The casework journeys of issue #6 in Chromium, with axe on every page visited. Cases arrive the
 * way the border sends them (the incidents API); everything after that is done on the pages, by
 * several officers, with the casework clock moved on where the law makes people wait.
 */

async function switchUser(page: Page, b: Browser, username: string) {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.count()) {
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }
  await signIn(page, b.baseUrl, username);
}

async function openCasePage(page: Page, b: Browser, reference: string) {
  await page.goto(`${b.baseUrl}/cases/${reference}`);
  await expectAccessible(page);
}

/** Follows a step's link on the case page, fills its form, submits it and checks where it lands. */
async function takeStep(page: Page, b: Browser, reference: string, link: string, fill: (page: Page) => Promise<void> = async () => {}, expectRefusal?: RegExp) {
  await openCasePage(page, b, reference);
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
  await fill(page);
  await page.locator('#action-form button[type=submit]').click();
  await page.waitForLoadState('load');
  if (expectRefusal) {
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toMatch(expectRefusal);
    await expectAccessible(page);
    return;
  }
  const problem = page.locator('.govuk-error-summary');
  const problems = await problem.count();
  expect(problems, problems ? ((await problem.textContent()) ?? '') : '').toBe(0);
  expect(page.url()).toContain(`/cases/${reference}`);
}

/** Ticks every item of an assurance checklist on the page. */
async function tickAll(page: Page) {
  for (const box of await page.getByRole('group', { name: 'What have you checked?' }).getByRole('checkbox').all()) await box.check();
}

/** A second officer (the assurer HO) checks the name and address before the notice, behind the scenes (decision-pages.test.ts does it on the page). */
async function noticeChecked(b: Browser, reference: string, liabilityIds: string[]) {
  const checked = await checkNoticeDetails(await WebClient.signedIn(b.t.app, 'caseworker-ao'), reference, liabilityIds);
  expect(checked.statusCode).toBe(303);
}

async function fillDate(page: Page, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.getByLabel('Day').fill(String(Number(day)));
  await page.getByLabel('Month').fill(String(Number(month)));
  await page.getByLabel('Year').fill(year!);
}

async function identify(page: Page, b: Browser, opened: OpenedCase) {
  for (const l of opened.liabilities) {
    await openCasePage(page, b, opened.reference);
    // The register's proposal when it has one (the same company from an earlier journey), else a new entry.
    const proposal = page.getByRole('button', { name: new RegExp(`^This is them: .* for the ${l.role}$`) });
    if (await proposal.count()) await proposal.first().click();
    else await page.getByRole('button', { name: new RegExp(`create a new register entry for the ${l.role}`) }).first().click();
    await page.waitForLoadState('load');
  }
}

describe.skipIf(!chromiumAvailable)('casework journeys in a browser', () => {
  let b: Browser;
  let page: Page;
  const today = () => ukDate(b.t.clock.now());

  beforeAll(async () => {
    b = await startBrowser();
    page = await b.context.newPage();
  });
  afterAll(async () => b?.close());

  it('(a) S31A: initial notice, response, recommendation returned by the assurer, corrected, approved, imposed, objection and reduction', async () => {
    const opened = await openCase(b.t, {}, 'journey-a');
    await switchUser(page, b, 'caseworker-eo');
    await identify(page, b, opened);
    await noticeChecked(b, opened.reference, opened.liabilities.map((l) => l.id));
    for (const role of ['driver', 'owner']) {
      await takeStep(page, b, opened.reference, `Send the initial notice for the ${role}, S31A`);
      await takeStep(page, b, opened.reference, `Record the response to the initial notice for the ${role}, S31A`, async (p) => {
        await fillDate(p, today());
        await p.getByLabel('What the response says').fill('Seals were fitted at loading; photographs attached.');
      });
    }
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the driver, S31A', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
    });
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the owner, S31A', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      // CPAS membership is not asked: the register's answer on the incident date is shown read-only.
      expect(await p.locator('body').textContent()).toMatch(/Member of the accreditation scheme on [\s\S]*?No/);
    });

    await switchUser(page, b, 'assurer-ho');
    await takeStep(page, b, opened.reference, 'Return the recommendation with reasons for the owner, S31A', async (p) => {
      await p.getByLabel('Compliance not considered').check();
      await p.getByLabel('What must be corrected').fill('The company says it is accredited: check the scheme register.');
    });
    await openCasePage(page, b, opened.reference);
    expect(await page.locator('body').textContent()).toContain('Compliance not considered');
    await takeStep(page, b, opened.reference, 'Approve the recommendation for the driver, S31A', tickAll);

    await switchUser(page, b, 'caseworker-eo');
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the owner, S31A', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      // The register does not hold the membership: an override of it, with the reason, for a Senior Officer.
      await p.getByText('The register is wrong for this incident').first().click();
      await p.getByLabel('A member: apply the 50% reduction').check();
      await p.getByLabel('Why the register is wrong for this incident').fill('Accredited in 2019, before Cordon’s records: certificate seen on the file.');
    });
    await switchUser(page, b, 'senior-officer');
    await takeStep(page, b, opened.reference, 'Confirm the override of the accreditation register for the owner, S31A', async (p) => {
      expect(await p.locator('body').textContent()).toContain('Accredited in 2019, before Cordon’s records');
    });
    await switchUser(page, b, 'assurer-ho');
    await takeStep(page, b, opened.reference, 'Approve the recommendation for the owner, S31A', tickAll);

    await switchUser(page, b, 'caseworker-eo');
    // Inside the response window the step is shown, not offered, with the guard's reason.
    await openCasePage(page, b, opened.reference);
    expect(await page.getByText(/Impose the penalty: not yet\..*imposition from/).count()).toBeGreaterThan(0);
    b.t.clock.advanceDays(45);
    await takeStep(page, b, opened.reference, 'Impose the penalty for the owner, S31A');
    await takeStep(page, b, opened.reference, 'Impose the penalty for the driver, S31A');
    await openCasePage(page, b, opened.reference);
    expect(await page.locator('body').textContent()).toContain('Penalty imposed');

    await takeStep(page, b, opened.reference, 'Record an objection for the owner, S31A', async (p) => {
      await fillDate(p, today());
      await p.getByLabel('Grounds of the objection').fill('We are accredited and the seals were checked.');
    });
    await switchUser(page, b, 'assurer-ho');
    await takeStep(page, b, opened.reference, 'Determine the objection for the owner, S31A', async (p) => {
      await p.getByLabel('Reduce the penalty (IS11B/C)').check();
      await p.getByLabel('Reasons given to the objector').fill('Evidence of checks at loading was provided.');
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      // The recommendation's override, confirmed by a Senior Officer, stays in force: nothing to answer here.
      await p.getByLabel('Discretionary reduction, percent (optional)').fill('20');
      // Discretion reasons are the policy's list; "Other" in the officer's words.
      await p.getByRole('group', { name: 'Reason for the discretionary reduction (optional)', exact: true }).getByLabel('Other').check();
      await p.getByLabel('Explain the reason (needed for “Other”)').fill('Evidence of checks at loading');
    });
    const owner = opened.liabilities.find((l) => l.role === 'owner')!;
    // A Higher Officer who did not determine it assures the determination (decision-pages.test.ts does it on the page).
    expect((await step(await WebClient.signedIn(b.t.app, 'senior-officer'), opened.reference, 'assureObjectionDetermination', owner.id, { approve: 'yes' })).statusCode).toBe(303);
    const file = (await b.t.services.cases.caseFile(opened.reference))!;
    const state = file.states.get(owner.id)!;
    expect(state.stage).toBe('objection-determined');
    expect(state.objection!.determination!.amountPence).toBeLessThan(state.penaltyNotice!.amountPence);
    b.t.clock.advanceDays(-45);
  }, 240_000); // the longest journey: about 100 s on a busy 2-core machine, so more than the e2e default of 120 s

  it('(b) S32 with two clandestine entrants and an accredited (CPAS) owner', async () => {
    const opened = await openCase(b.t, { offences: ['S32'], clandestineEntrants: 2, requirements: undefined, concealment: ['load'], responsiblePersons: [POLISH_DRIVER, { ...POLISH_OWNER, name: 'Accredited Haulage Sp. z o.o.' }] }, 'journey-b');
    await switchUser(page, b, 'caseworker-ao');
    await identify(page, b, opened);
    // The owner, as identified in the register, is accepted into the accreditation scheme on the incident day
    // by the real commands (accreditation-journey.test.ts applies and is assessed through the pages).
    const ownerParty = (await b.t.services.cases.caseFile(opened.reference))!.liabilities.find((row) => row.role === 'owner')!.partyId!;
    await acceptedIntoScheme(b.t, 'Accredited Haulage Sp. z o.o.', ownerParty, 'biuro@accredited.example');
    await noticeChecked(b, opened.reference, opened.liabilities.map((l) => l.id));
    for (const role of ['driver', 'owner']) {
      await takeStep(page, b, opened.reference, `Send the initial notice for the ${role}, S32`);
    }
    b.t.clock.advanceDays(30);
    for (const role of ['driver', 'owner']) {
      await takeStep(page, b, opened.reference, `Close the response window: no response by the due date for the ${role}, S32`);
    }
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the driver, S32', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
    });
    await takeStep(page, b, opened.reference, 'Draft the recommendation for the owner, S32', async (p) => {
      await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      // Nobody answers the CPAS question: the register's answer is shown.
      expect(await p.locator('body').textContent()).toMatch(/Member of the accreditation scheme on [\s\S]*?Yes/);
    });
    await openCasePage(page, b, opened.reference);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Recommendation: £12,000,'); // driver: £6,000 × 2 entrants
    expect(text).toContain('Recommendation: £6,000,'); // accredited owner: half
    await switchUser(page, b, 'assurer-ho');
    for (const role of ['driver', 'owner']) await takeStep(page, b, opened.reference, `Approve the recommendation for the ${role}, S32`, tickAll);
    b.t.clock.advanceDays(15);
    await switchUser(page, b, 'caseworker-ao');
    for (const role of ['driver', 'owner']) await takeStep(page, b, opened.reference, `Impose the penalty for the ${role}, S32`);
    const file = (await b.t.services.cases.caseFile(opened.reference))!;
    expect(opened.liabilities.map((l) => file.states.get(l.id)!.penaltyNotice?.amountPence).sort((x, y) => x! - y!)).toEqual([600_000, 1_200_000]);
    b.t.clock.advanceDays(-45);
  });

  it('(c) an appeal is allocated only to an officer with no earlier involvement in the case', async () => {
    const opened = await openCase(b.t, {}, 'journey-c');
    const svc = b.t.services;
    const admin = { id: 'test', name: 'Test', roles: ['administrator'] };
    const added = await svc.identity.addUser({ username: 'appeals-officer', displayName: 'Aisha Appeals', roles: ['caseworker-eo'], password: DEMO_PASSWORD }, { actor: admin });
    expect(added.ok).toBe(true);
    await switchUser(page, b, 'caseworker-eo');
    await identify(page, b, opened);
    await noticeChecked(b, opened.reference, opened.liabilities.map((l) => l.id));
    for (const l of opened.liabilities) {
      await takeStep(page, b, opened.reference, `Send the initial notice for the ${l.role}, S31A`);
      await takeStep(page, b, opened.reference, `Record the response to the initial notice for the ${l.role}, S31A`, async (p) => fillDate(p, today()));
      await takeStep(page, b, opened.reference, `Draft the recommendation for the ${l.role}, S31A`, async (p) => {
        await p.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      });
    }
    await switchUser(page, b, 'assurer-ho');
    for (const l of opened.liabilities) await takeStep(page, b, opened.reference, `Approve the recommendation for the ${l.role}, S31A`, tickAll);
    b.t.clock.advanceDays(45);
    await switchUser(page, b, 'caseworker-eo');
    for (const l of opened.liabilities) await takeStep(page, b, opened.reference, `Impose the penalty for the ${l.role}, S31A`);
    await takeStep(page, b, opened.reference, 'Record an appeal to the court for the owner, S31A', async (p) => {
      await fillDate(p, today());
      await p.getByLabel('Court').fill('County Court at Canterbury');
      await p.getByLabel('Claim number').fill('K00CT123');
    });

    await switchUser(page, b, 'manager');
    await openCasePage(page, b, opened.reference);
    await page.getByRole('link', { name: 'Allocate the appeal for the owner, S31A', exact: true }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    // Officers who have acted on the case are listed but cannot be chosen.
    const involved = page.locator('option', { hasText: 'has acted on this case' });
    expect(await involved.count()).toBeGreaterThanOrEqual(2);
    expect(await involved.first().isDisabled()).toBe(true);
    await page.getByLabel('Officer').selectOption({ label: 'Aisha Appeals' });
    await page.locator('#action-form button[type=submit]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await openCasePage(page, b, opened.reference);
    expect(await page.locator('body').textContent()).toContain('Allocated to: Aisha Appeals');

    await switchUser(page, b, 'appeals-officer');
    await takeStep(page, b, opened.reference, 'Record the court’s decision for the owner, S31A', async (p) => {
      await p.getByLabel('Appeal dismissed: the penalty stands').check();
      await fillDate(p, today());
    });
    const file = (await svc.cases.caseFile(opened.reference))!;
    const owner = opened.liabilities.find((l) => l.role === 'owner')!;
    expect(file.states.get(owner.id)!.stage).toBe('appeal-decided');
    b.t.clock.advanceDays(-45);
  });

  it('the work queues and the manager’s dashboard are accessible, and a dashboard number opens the cases behind it', async () => {
    await switchUser(page, b, 'caseworker-eo');
    await page.goto(`${b.baseUrl}/work`);
    await expectAccessible(page);
    await switchUser(page, b, 'manager');
    await page.goto(`${b.baseUrl}/dashboard`);
    await expectAccessible(page);
    // A count link reads "3" with hidden words after it for screen readers ("cases at stage … aged …").
    const firstNumber = page.locator('main table a').filter({ hasText: /^\s*[1-9]/ }).first();
    const shown = Number(/^\s*([\d,]+)/.exec((await firstNumber.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    await firstNumber.click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.locator('caption[data-total]').getAttribute('data-total')).toBe(String(shown));
  });
});
