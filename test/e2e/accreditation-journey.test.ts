import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, expectAccessible, signIn, startBrowser, type Browser } from './browser.js';
import { checkNoticeDetails, dateFields, openCase, POLISH_DRIVER, step } from '../support/casework.js';
import { catalogueWords } from '../support/portal.js';
import { WebClient } from '../support/app.js';
import { minimalPdf } from '../../src/platform/files/test-fixtures.js';
import { ACCREDITATION_AREAS } from '../../src/domain/accreditation/areas.js';
import { checklistsRequired, decisionDays } from '../../src/modules/accreditation/apply-form.js';
import { addDays } from '../../src/domain/clock/calendar-date.js';
import { ukDate } from '../../src/domain/reference/uk-date.js';
import { formatDate } from '../../src/platform/i18n/format.js';
import { policyInForce } from '../../src/domain/policy/policy-in-force.js';
import { calculatePenalty } from '../../src/domain/penalty/calculate-penalty.js';
import { formatPercent, parsePounds, percentToBasisPoints, takePercentOff } from '../../src/domain/penalty/money.js';
import type { PenaltyCalculationInput } from '../../src/domain/penalty/penalty-input.js';

/*
 * Issue #16's first acceptance criterion in Chromium, axe on every page visited, in English and in
 * Polish (the applicant's pages in that language; the staff pages are English):
 *
 *   a company applies online (company details, operator licence, evidence with files in all five
 *   areas, driver checklists, check answers, declaration) → acknowledgement (reference, access
 *   code, decision due date) → an assessor records the checklist and asks for more information →
 *   the company answers on /accreditation/answer with its reference and access code and a document
 *   → the assessor marks every area met and accepts → the public register finds the company under
 *   another spelling → a later S32 incident names the company as the lorry's owner → the owner's
 *   recommendation, drafted on the case page without anyone answering the CPAS question, carries
 *   the 50 % CPAS reduction, checked against the calculator's rule.
 *
 * One browser, one app and one signed-in assessor serve both languages; each language is a
 * separate company and a whole journey. The application is made ten days before today (the
 * settable clock), so the incident (dated today: the border API checks incident dates against the
 * real date) comes after the membership began.
 *
 * The incident is recorded through the border API (`POST /api/v1/incidents`), which runs the same
 * commands as the officer's incident pages (`saveIncidentDraft` then `submitIncident`, intake
 * service `report`); border-incident.test.ts records one through those pages. The case steps
 * before the recommendation that are not this journey's subject (the second officer's notice
 * check, the initial notice, the response) are posted to their own case pages' routes through
 * `step()`; casework-journeys.test.ts takes them in a browser. The owner's identification in the
 * register and the recommendation are done in the browser.
 */

const LANGUAGES = ['en', 'pl'] as const;
type Language = (typeof LANGUAGES)[number];
const words = catalogueWords;

interface Applicant {
  name: string;
  /** The same company written differently (no diacritics, other punctuation and case): what a search types. */
  searchedAs: string;
  country: string;
  addressLine1: string;
  town: string;
  postcode: string;
  operatorLicence: string;
  contactName: string;
  email: string;
  phone: string;
  drivers: number;
  plate: string;
  answer: string;
  description: (area: string) => string;
}

const APPLICANTS: Record<Language, Applicant> = {
  en: {
    name: 'Kovács-Fuvar Kft.',
    searchedAs: 'KOVACS FUVAR kft',
    country: 'HU',
    addressLine1: 'Váci út 12',
    town: 'Budapest',
    postcode: '1132',
    operatorLicence: 'HU 0012345/2018',
    contactName: 'Éva Kovács',
    email: 'eva@kovacs-fuvar.example',
    phone: '+36 1 234 5678',
    drivers: 2,
    plate: 'ABC 123',
    answer: 'Our training register for 2026 is attached: every driver, the content and the test results.',
    description: (area) => `How we handle ${area}: written procedure, checked every quarter.`,
  },
  pl: {
    name: 'Wiśniewski-Trans Sp. z o.o.',
    searchedAs: 'wisniewski trans sp z o o',
    country: 'PL',
    addressLine1: 'ul. Piotrkowska 120',
    town: 'Łódź',
    postcode: '90-006',
    operatorLicence: 'PL 0098765/2020',
    contactName: 'Marek Wiśniewski',
    email: 'biuro@wisniewski-trans.example',
    phone: '+48 42 123 45 67',
    drivers: 12,
    plate: 'EL 4521K',
    answer: 'W załączeniu rejestr szkoleń kierowców za 2026 rok: każdy kierowca, program i wyniki testów.',
    description: (area) => `Jak postępujemy (${area}): pisemna procedura, sprawdzana co kwartał.`,
  },
};

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: minimalPdf(name) });
/** Clicks a button that sends a form and waits for the page that answers (which may have the same address). */
const submit = async (page: Page, button: Locator) => {
  await Promise.all([page.waitForEvent('load'), button.click()]);
};
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!chromiumAvailable)('CPAS accreditation: apply, assess, register, and the reduction on a later penalty', () => {
  let b: Browser;
  let assessor: Page;
  const today = () => ukDate(b.t.clock.now());

  beforeAll(async () => {
    b = await startBrowser();
    assessor = await b.context.newPage();
    await signIn(assessor, b.baseUrl, 'caseworker-eo');
  }, 60_000);
  afterAll(async () => {
    b?.t.clock.reset();
    await b?.close();
  });

  /**
   * The applicant's page: in its language, nothing left untranslated, no error, accessible. The
   * task list is visited after every section; axe checks it when first shown and when complete
   * (`axe: false` for the visits in between: the same page with one more section ticked).
   */
  async function applicantPageIs(page: Page, language: Language, path: RegExp, options: { axe?: boolean } = {}) {
    await page.waitForURL(path);
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    expect(await page.locator('[data-untranslated]').count(), `untranslated words on ${page.url()}`).toBe(0);
    expect(await page.locator('.govuk-error-summary').count(), await text(page.locator('main'))).toBe(0);
    if (options.axe !== false) await expectAccessible(page);
  }

  /** The assessor's application page after an action: its banner, no error, accessible. */
  async function bannerSays(page: Page, expected: string, axe = true) {
    expect(await page.locator('.govuk-error-summary').count(), await text(page.locator('main'))).toBe(0);
    expect(await text(page.locator('.govuk-notification-banner'))).toContain(expected);
    if (axe) await expectAccessible(page);
  }

  async function recordFinding(reference: string, area: string, outcome: 'met' | 'moreInformation', notes = '', axe = false) {
    const section = assessor.locator(`#area-${area}`);
    await section.locator(`input[name="outcome"][value="${outcome}"]`).check();
    await section.locator('textarea[name="notes"]').fill(notes);
    await submit(assessor, section.getByRole('button', { name: words('en', 'accreditation.assess.app.saveFinding') }));
    await bannerSays(assessor, words('en', 'accreditation.assess.done.assessed'), axe);
    expect(assessor.url()).toContain(`/accreditation/applications/${reference}`);
    expect(await assessor.locator(`#area-${area}`).getAttribute('data-outcome')).toBe(outcome);
  }

  for (const language of LANGUAGES) {
    it(`in ${language}: applied with evidence, asked for more, answered, accepted, listed, and a later S32 owner penalty halved without anyone typing it`, async () => {
      const company = APPLICANTS[language];
      const t = b.t;
      // Ten days ago: the membership begins then, the incident comes after it.
      t.clock.reset();
      t.clock.set(new Date(Date.now() - 10 * 86_400_000));
      const appliedOn = today();
      const versions = await t.services.policy.versions();

      // ---- The company applies online, in its language, in its own browser. ----
      const applicantContext = await b.context.browser()!.newContext({ bypassCSP: true });
      const applicant = await applicantContext.newPage();
      await applicant.goto(`${b.baseUrl}/accreditation/apply?lang=${language}`);
      await applicantPageIs(applicant, language, /\/accreditation\/apply\?lang=/);
      expect(await text(applicant.locator('h1'))).toBe(words(language, 'accreditation.apply.start.title'));
      await applicant.getByRole('button', { name: words(language, 'accreditation.apply.start.button') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/tasks$/);

      await applicant.getByRole('link', { name: words(language, 'accreditation.apply.company.title') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/company$/);
      const label = (key: Parameters<typeof words>[1]) => applicant.getByLabel(words(language, key), { exact: true });
      await label('accreditation.apply.company.name').fill(company.name);
      await applicant.locator('#country').selectOption(company.country);
      await applicant.locator('#addressLine1').fill(company.addressLine1);
      await label('accreditation.apply.company.town').fill(company.town);
      await label('accreditation.apply.company.postcode').fill(company.postcode);
      await applicant.locator('#operatorLicence').fill(company.operatorLicence);
      await label('accreditation.apply.company.contactName').fill(company.contactName);
      await applicant.locator('#email').fill(company.email);
      await applicant.locator('#phone').fill(company.phone);
      await applicant.locator('#numberOfDrivers').fill(String(company.drivers));
      await applicant.getByRole('button', { name: words(language, 'accreditation.apply.saveAndContinue') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/tasks$/, { axe: false });

      // Evidence in all five areas, each with a description and an uploaded file.
      for (const area of ACCREDITATION_AREAS) {
        await applicant.getByRole('link', { name: words(language, `accreditation.apply.area.${area}.title` as Parameters<typeof words>[1]), exact: true }).click();
        await applicantPageIs(applicant, language, new RegExp(`/accreditation/apply/evidence/${area}$`));
        await applicant.getByLabel(words(language, 'accreditation.apply.area.description')).fill(company.description(area));
        await applicant.locator('#files').setInputFiles(pdf(`${area}-evidence.pdf`));
        await applicant.getByRole('button', { name: words(language, 'accreditation.apply.saveAndContinue') }).click();
        await applicantPageIs(applicant, language, /\/accreditation\/apply\/tasks$/, { axe: false });
      }

      // As many completed driver checklists as the policy's table asks for this number of drivers.
      const required = checklistsRequired(versions, appliedOn, company.drivers)!;
      expect(required).toBeGreaterThan(0);
      await applicant.getByRole('link', { name: words(language, 'accreditation.apply.checklists.title') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/checklists$/);
      expect(await text(applicant.locator('#checklists-required'))).toContain(String(required));
      await applicant.locator('#files').setInputFiles(Array.from({ length: required }, (_, i) => pdf(`driver-checklist-${i + 1}.pdf`)));
      await applicant.getByRole('button', { name: words(language, 'accreditation.apply.saveAndContinue') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/tasks$/);

      await applicant.getByRole('link', { name: words(language, 'accreditation.apply.check.title') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/check$/);
      const check = await text(applicant.locator('main'));
      for (const expected of [company.name, company.operatorLicence, company.description('driverTraining'), 'securityDevices-evidence.pdf', `driver-checklist-${required}.pdf`]) expect(check).toContain(expected);
      await applicant.getByRole('button', { name: words(language, 'accreditation.apply.check.continue') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/declaration$/);
      await applicant.getByLabel(words(language, 'accreditation.apply.declaration.agree')).check();
      await submit(applicant, applicant.getByRole('button', { name: words(language, 'accreditation.apply.declaration.send') }));
      await applicantPageIs(applicant, language, /\/accreditation\/apply\/declaration$/);

      // The acknowledgement: reference, access code and the date a decision is due.
      expect(await text(applicant.locator('.govuk-panel__title'))).toBe(words(language, 'accreditation.apply.sent.title'));
      const reference = await text(applicant.locator('#application-reference'));
      const accessCode = await text(applicant.locator('#application-access-code'));
      expect(reference).toMatch(/^CPAS-\d{4}-\d{5}$/);
      expect(accessCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
      const dueOn = addDays(appliedOn, decisionDays(versions, appliedOn)!);
      expect(await text(applicant.locator('#decision-due'))).toContain(formatDate(language, dueOn));
      const received = (await t.services.accreditation.get(reference))!;
      expect(received).toMatchObject({ companyName: company.name, country: company.country, operatorLicence: company.operatorLicence, numberOfDrivers: company.drivers, language, channel: 'online', receivedOn: appliedOn, dueOn });
      expect(received.areas.map((a) => a.evidence.fileIds.length)).toEqual(ACCREDITATION_AREAS.map(() => 1));
      expect(received.driverChecklistFileIds).toHaveLength(required);

      // ---- The assessor: the queue, the checklist, a request for more information. ----
      await assessor.goto(`${b.baseUrl}/accreditation/applications`);
      await expectAccessible(assessor);
      await assessor.getByRole('link', { name: company.name, exact: true }).click();
      await assessor.waitForURL(new RegExp(`/accreditation/applications/${reference}$`));
      await expectAccessible(assessor);
      const evidence = await text(assessor.locator('#evidence').locator('xpath=..'));
      expect(evidence).toContain(company.description('securityDevices'));
      for (const area of ACCREDITATION_AREAS) {
        if (area === 'driverTraining') continue;
        await recordFinding(reference, area, 'met');
      }
      await recordFinding(reference, 'driverTraining', 'moreInformation', 'The training register and the test results are missing.', true);
      const request = assessor.locator(`form[action="/accreditation/applications/${reference}/request-information"]`);
      await request.locator('input[name="areas"][value="driverTraining"]').check();
      await request.getByLabel(words('en', 'accreditation.assess.app.requestMessage')).fill('Please send the training register with each driver’s test result.');
      await submit(assessor, request.getByRole('button', { name: words('en', 'accreditation.assess.app.requestSend') }));
      await bannerSays(assessor, words('en', 'accreditation.assess.done.requested'));
      expect(await assessor.locator('#accept').count()).toBe(0);

      // ---- The company answers with its reference and access code, and a document. ----
      await applicant.goto(`${b.baseUrl}/accreditation/answer`);
      await applicantPageIs(applicant, language, /\/accreditation\/answer$/);
      await applicant.getByLabel(words(language, 'accreditation.answer.reference')).fill(reference);
      await applicant.getByLabel(words(language, 'accreditation.answer.accessCode')).fill(accessCode);
      await applicant.getByLabel(words(language, 'accreditation.answer.text')).fill(company.answer);
      await applicant.locator('#files').setInputFiles(pdf('training-register-2026.pdf'));
      await submit(applicant, applicant.getByRole('button', { name: words(language, 'accreditation.answer.send') }));
      await applicantPageIs(applicant, language, /\/accreditation\/answer$/);
      expect(await text(applicant.locator('.govuk-panel'))).toContain(words(language, 'accreditation.answer.sent.title'));
      expect(await text(applicant.locator('.govuk-panel'))).toContain(reference);
      // Recorded on the same application, with the document the company uploaded.
      const answer = (await t.services.accreditation.get(reference))!.information.find((entry) => entry.kind === 'answer');
      expect(answer).toMatchObject({ text: company.answer });
      expect(answer!.fileIds).toHaveLength(1);

      // ---- The assessor sees the answer, marks the last area met and accepts. ----
      await assessor.reload();
      expect(await text(assessor.locator('main'))).toContain(company.answer);
      await expectAccessible(assessor);
      await recordFinding(reference, 'driverTraining', 'met');
      await submit(assessor, assessor.locator('#accept'));
      await bannerSays(assessor, words('en', 'accreditation.assess.done.accepted'));
      expect(await text(assessor.locator('#application-summary'))).toContain(formatDate('en', appliedOn));
      const membership = (await t.services.accreditation.memberships()).find((m) => m.reference === reference);
      expect(membership).toMatchObject({ memberFrom: appliedOn });

      // ---- The public register lists it, found under another spelling. ----
      await applicant.goto(`${b.baseUrl}/accreditation/members`);
      await applicantPageIs(applicant, language, /\/accreditation\/members$/);
      await applicant.getByLabel(words(language, 'accreditation.members.name'), { exact: true }).fill(company.searchedAs);
      await applicant.getByRole('button', { name: words(language, 'accreditation.members.search') }).click();
      await applicantPageIs(applicant, language, /\/accreditation\/members\?/);
      const listed = await applicant.locator('#members tbody tr').allTextContents();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toContain(company.name);
      expect(listed[0]).toContain(reference);
      expect(listed[0]).toContain(formatDate(language, appliedOn));
      await applicantContext.close();

      // ---- Ten days later, an S32 incident: two people in the load of the company's lorry. ----
      t.clock.reset();
      const owner = { role: 'owner', kind: 'organisation', name: company.name, language, address: { line1: company.addressLine1, town: company.town, postcode: company.postcode, country: company.country } };
      const opened = await openCase(t, { offences: ['S32'], clandestineEntrants: 2, requirements: undefined, concealment: ['load'], tractorRegistration: company.plate, tractorCountry: company.country, responsiblePersons: [POLISH_DRIVER, owner] }, `cpas-journey-${language}`);
      const ownerLiability = opened.liabilities.find((l) => l.role === 'owner')!;
      expect(ownerLiability.offence).toBe('S32');

      // The caseworker identifies the owner as the register's entry the acceptance resolved.
      await assessor.goto(`${b.baseUrl}/cases/${opened.reference}`);
      await expectAccessible(assessor);
      await submit(assessor, assessor.getByRole('button', { name: `This is them: ${company.name} for the owner`, exact: true }));
      const identified = (await t.services.cases.caseFile(opened.reference))!.liabilities.find((l) => l.id === ownerLiability.id)!;
      expect(await t.services.parties.identityMembers(identified.partyId!)).toContain(membership!.partyId);

      const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
      expect((await checkNoticeDetails(caseworker, opened.reference, ownerLiability.id)).statusCode).toBe(303);
      expect((await step(caseworker, opened.reference, 'sendInitialNotice', ownerLiability.id, {}, { checkFirst: false })).statusCode).toBe(303);
      expect((await step(caseworker, opened.reference, 'recordResponse', ownerLiability.id, { ...dateFields('receivedOn', today()), summary: 'The seals were intact at loading.' })).statusCode).toBe(303);

      // ---- The owner's recommendation, drafted on the case page; the CPAS question is never touched. ----
      await assessor.goto(`${b.baseUrl}/cases/${opened.reference}`);
      await expectAccessible(assessor);
      await assessor.getByRole('link', { name: 'Draft the recommendation for the owner, S32', exact: true }).click();
      await assessor.waitForURL(/\/actions\/draftRecommendation/);
      await expectAccessible(assessor);
      // Whether or not the form still shows the yes/no, nothing in it is chosen for the caseworker.
      expect(await assessor.locator('input[name="cpasMember"]:checked').count()).toBe(0);
      await assessor.getByRole('group', { name: /comply with the regulations/ }).getByLabel('No').check();
      await submit(assessor, assessor.locator('#action-form button[type=submit]'));
      expect(await assessor.locator('.govuk-error-summary').count(), await text(assessor.locator('main'))).toBe(0);
      expect(new URL(assessor.url()).pathname).toBe(`/cases/${opened.reference}`);
      await expectAccessible(assessor);

      // The amount on the page is the calculator's with the CPAS reduction of the policy (50 % for S32)…
      const card = assessor.locator('.govuk-summary-card', { hasText: `Owner: ${company.name}` });
      const summary = await text(card.locator('.govuk-details__summary-text', { hasText: 'Recommendation:' }));
      const shown = parsePounds(/Recommendation: (£[\d,.]+),/.exec(summary)?.[1] ?? '');
      expect(shown, summary).toBeDefined();
      const cpasRow = await text(card.locator('tr', { hasText: 'Member of the Civil Penalty Accreditation Scheme on the incident date' }));
      const incidentDate = (await t.services.cases.caseFile(opened.reference))!.kase.incidentDate;
      expect(incidentDate > appliedOn).toBe(true);
      const policy = policyInForce(versions, incidentDate);
      if (!policy.ok) throw new Error(policy.reasons.join(' '));
      const percent = policy.policyVersion.parameters.reductions.cpasMemberPercent.S32;
      expect(percent).toBe(50);
      expect(cpasRow).toContain(formatPercent(percentToBasisPoints(percent)!));
      const facts = (cpasMember: boolean): PenaltyCalculationInput => ({ offence: 'S32', incidentDate, role: 'owner', vehicleKind: 'goods', clandestineEntrants: 2, previousPenalties: [], cpasMember, compliedWithRegulations: false });
      const withCpas = calculatePenalty(facts(true), policy.policyVersion, today());
      const without = calculatePenalty(facts(false), policy.policyVersion, today());
      if (!withCpas.ok || !without.ok) throw new Error('the calculator refused the facts');
      expect(shown).toBe(withCpas.result.amountPence);
      // …which is the full amount less the policy's percentage, the only reduction on these facts.
      expect(shown).toBe(takePercentOff(without.result.amountPence, percentToBasisPoints(percent)!));
      // And the recorded recommendation says the same: nobody typed the membership, the register gave it.
      const recorded = (await t.services.cases.caseFile(opened.reference))!.states.get(ownerLiability.id)!.recommendation!;
      expect(recorded.amountPence).toBe(shown);
      expect(recorded.steps.map((s) => s.label)).toContain('Member of the Civil Penalty Accreditation Scheme on the incident date');
    }, 120_000);
  }
});
