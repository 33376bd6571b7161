import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDate } from '../../domain/reference/uk-date.js';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from '../../../test/support/casework.js';
import { imposedCases } from '../../../test/support/finance.js';
import { acceptedIntoScheme } from '../../../test/support/accreditation.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';

/*
 * The calculator reads membership (issue #16 §4), through the pages on a settable clock: a member's
 * owner recommendation shows "member" read-only and gets the 50 % reduction without anyone typing
 * it; an incident during a suspension gets none; a non-member's none; an override of the register
 * needs a reason (the message beside the field) and then waits for a Senior Officer who did not
 * draft it, who sees the override with its reason — a caseworker cannot confirm it.
 */

let t: TestApp;
let caseworker: WebClient;
let assurer: WebClient;
let senior: WebClient;
beforeAll(async () => {
  t = await createTestApp();
  // Every date stays in the past: the border refuses incidents dated after the real today.
  t.clock.set(new Date(Date.now() - 250 * 86_400_000));
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  senior = await WebClient.signedIn(t.app, 'senior-officer');
});
afterAll(async () => t?.close());

const today = () => ukDate(t.clock.now());
const MEMBER = 'Trans-Pol Sp. z o.o.';
const CPAS_STEP = 'Member of the Civil Penalty Accreditation Scheme on the incident date';
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/&mdash;|—/g, '—').replace(/\s+/g, ' ');
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An incident today for the company, worked to the point of drafting (people identified in the register, response recorded). */
async function readyToDraft(ownerName: string, key: string): Promise<{ kase: OpenedCase; owner: OpenedCase['liabilities'][number] }> {
  const kase = await openCase(t, { incidentDate: today(), responsiblePersons: [POLISH_DRIVER, { ...POLISH_OWNER, name: ownerName }] }, `${key}-${Math.random()}`);
  await identifyEveryone(caseworker, kase);
  const owner = kase.liabilities.find((l) => l.role === 'owner')!;
  expect((await step(caseworker, kase.reference, 'sendInitialNotice', owner.id)).statusCode).toBe(303);
  expect((await step(caseworker, kase.reference, 'recordResponse', owner.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
  return { kase, owner };
}

const recommendationOf = async (reference: string, liabilityId: string) => (await t.services.cases.caseFile(reference))!.states.get(liabilityId)!.recommendation!;

/** The calculation's CPAS step and the amount before it (the step takes half off). */
function cpasStep(steps: readonly { label: string; amountPence: number }[]) {
  const index = steps.findIndex((s) => s.label === CPAS_STEP);
  return index < 0 ? null : { before: steps[index - 1]!.amountPence, after: steps[index]!.amountPence };
}

describe('the penalty calculator reads CPAS membership from the register', () => {
  let memberCase: { kase: OpenedCase; owner: OpenedCase['liabilities'][number] };

  it('a member on the incident date: "member" shown read-only, no question asked, and the 50% reduction', async () => {
    // The company's earlier penalty (imposed, due in 60 days) and its acceptance into the scheme, by the real commands.
    const [earlier] = await imposedCases(t, [MEMBER], { key: 'cpas-member' });
    const partyId = (await t.services.cases.caseFile(earlier!.reference))!.liabilities.find((row) => row.role === 'owner')!.partyId!;
    await acceptedIntoScheme(t, MEMBER, partyId);
    const membershipReference = (await t.services.accreditationMembership.membershipOn(partyId, today())).reference;
    expect(membershipReference).toBeTruthy();

    memberCase = await readyToDraft(MEMBER, 'cpas-member-incident');
    const { kase, owner } = memberCase;
    const form = await caseworker.get(`/cases/${kase.reference}/actions/draftRecommendation?liability=${owner.id}`);
    const text = words(form.body);
    expect(text).toContain(`Member of the accreditation scheme on ${longDate(today())} Yes — member`);
    expect(text).toContain(`Membership reference ${membershipReference}`);
    expect(form.body).not.toContain('name="cpasMember"');
    // The override is a secondary control, closed.
    expect(form.body).toMatch(/<details class="govuk-details" id="cpasOverride-details">/);

    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const recommendation = await recommendationOf(kase.reference, owner.id);
    expect(recommendation.cpas).toEqual({ source: 'register', member: true, status: 'member', reference: membershipReference });
    const reduction = cpasStep(recommendation.steps);
    expect(reduction).not.toBeNull();
    expect(reduction!.after).toBe(reduction!.before / 2);
    expect(recommendation.amountPence).toBe(reduction!.after);
    // No override: an assurer approves it as any recommendation.
    expect((await step(assurer, kase.reference, 'approveRecommendation', owner.id)).statusCode).toBe(303);
  });

  it('an incident during a suspension gets no reduction, and the page says "suspended"', async () => {
    // The earlier penalty falls due 60 days after its notice; the day after, the member is suspended.
    const file = (await t.services.cases.caseFile(memberCase.kase.reference))!;
    const partyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
    t.clock.advanceDays(61);
    expect((await t.services.accreditationMembership.membershipOn(partyId, today())).status).toBe('suspended');

    const { kase, owner } = await readyToDraft(MEMBER, 'cpas-suspended-incident');
    const form = words((await caseworker.get(`/cases/${kase.reference}/actions/draftRecommendation?liability=${owner.id}`)).body);
    expect(form).toContain(`Member of the accreditation scheme on ${longDate(today())} No — suspended`);
    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const recommendation = await recommendationOf(kase.reference, owner.id);
    expect(recommendation.cpas).toMatchObject({ source: 'register', member: false, status: 'suspended' });
    expect(cpasStep(recommendation.steps)).toBeNull();
  });

  it('a company not in the scheme gets no reduction, and the page says "not a member"', async () => {
    const { kase, owner } = await readyToDraft('Carpatica Cargo S.R.L.', 'cpas-non-member');
    const form = words((await caseworker.get(`/cases/${kase.reference}/actions/draftRecommendation?liability=${owner.id}`)).body);
    expect(form).toContain(`Member of the accreditation scheme on ${longDate(today())} No — not a member`);
    expect(form).not.toContain('Membership reference');
    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const recommendation = await recommendationOf(kase.reference, owner.id);
    expect(recommendation.cpas).toEqual({ source: 'register', member: false, status: 'notMember', reference: null });
    expect(cpasStep(recommendation.steps)).toBeNull();
  });

  it('an override: refused without a reason (beside the field); with one it waits for a Senior Officer who sees it and confirms it', async () => {
    const { kase, owner } = await readyToDraft('Baltic Haulage UAB', 'cpas-override');

    const noReason = await step(caseworker, kase.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no', cpasOverride: 'yes' });
    expect(noReason.statusCode).toBe(422);
    expect(errorSummary(noReason.body)).toContain('Enter why the register is wrong for this incident');
    expect(noReason.body).toContain('id="cpasOverrideReason-error"');
    expect(noReason.body).toMatch(/<details class="govuk-details" id="cpasOverride-details" open>/);
    expect((await t.services.cases.caseFile(kase.reference))!.states.get(owner.id)!.stage).toBe('response-window-closed');

    const reason = 'Accredited since 2019 (certificate CPAS/2019/118 seen); the membership predates Cordon’s register.';
    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no', cpasOverride: 'yes', cpasOverrideReason: reason });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const recommendation = await recommendationOf(kase.reference, owner.id);
    expect(recommendation.cpas).toEqual({ source: 'override', member: true, status: 'notMember', reference: null, reason });
    expect(cpasStep(recommendation.steps)).not.toBeNull();

    // The assurer sees the override with its reason, and cannot approve before a Senior Officer confirms it.
    const checkPage = words((await assurer.get(`/cases/${kase.reference}/actions/approveRecommendation?liability=${owner.id}`)).body);
    expect(checkPage).toContain('The recommendation overrides the register');
    expect(checkPage).toContain(reason.replace(/’/g, "'"));
    const early = await step(assurer, kase.reference, 'approveRecommendation', owner.id);
    expect(early.statusCode).toBe(422);
    expect(errorSummary(early.body)).toContain('overrides the accreditation register');

    // A caseworker cannot confirm it.
    const byCaseworker = await step(caseworker, kase.reference, 'confirmCpasOverride', owner.id);
    expect(byCaseworker.statusCode).toBe(422);
    expect(errorSummary(byCaseworker.body)).toContain('Only a senior officer (SO) may confirm the override of the accreditation register');

    // The Senior Officer sees the override highlighted with the reason, and confirms it.
    const confirmPage = await senior.get(`/cases/${kase.reference}/actions/confirmCpasOverride?liability=${owner.id}`);
    const confirmWords = words(confirmPage.body);
    expect(confirmPage.body).toContain('id="cpas-override"');
    expect(confirmWords).toContain('Treated as a member on the incident date: the 50% reduction applies.');
    expect(confirmWords).toContain(`Reason: ${reason.replace(/’/g, "'")}`);
    expect(confirmWords).toContain(`Member of the accreditation scheme on ${longDate(today())} No — not a member`);
    const confirmed = await step(senior, kase.reference, 'confirmCpasOverride', owner.id, { note: 'Certificate checked against the 2019 paper list.' });
    expect(confirmed.statusCode, errorSummary(confirmed.body)).toBe(303);
    const after = await recommendationOf(kase.reference, owner.id);
    expect(after.cpasOverrideConfirmation?.note).toBe('Certificate checked against the 2019 paper list.');

    const casePage = words((await assurer.get(`/cases/${kase.reference}`)).body);
    expect(casePage).toContain('Override of the accreditation register confirmed by a Senior Officer');
    expect((await step(assurer, kase.reference, 'approveRecommendation', owner.id)).statusCode).toBe(303);
  });

  it('the member’s penalty notice prints the reduction the register gave', async () => {
    const { kase, owner } = memberCase;
    const driver = kase.liabilities.find((l) => l.role === 'driver')!;
    expect((await step(caseworker, kase.reference, 'sendInitialNotice', driver.id)).statusCode).toBe(303);
    expect((await step(caseworker, kase.reference, 'recordResponse', driver.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
    expect((await step(caseworker, kase.reference, 'draftRecommendation', driver.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    expect((await step(assurer, kase.reference, 'approveRecommendation', driver.id)).statusCode).toBe(303);
    // The driver's initial notice went today: its 28-day response window runs before anyone is imposed.
    t.clock.advanceDays(29);
    const imposed = await step(caseworker, kase.reference, 'imposePenalty', [owner.id, driver.id]);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    const amount = (await recommendationOf(kase.reference, owner.id)).amountPence;
    const page = (await caseworker.get(`/cases/${kase.reference}`)).body;
    const links = [...new Set([...page.matchAll(/href="(\/cases\/[^"]+\/letters\/[^"]+\.pdf)"/g)].map((m) => m[1]!))];
    const texts = await Promise.all(links.map(async (link) => flattened((await extractPdf((await caseworker.get(link)).rawPayload)).text)));
    const notice = texts.find((text) => text.includes('Member of the Civil Penalty Accreditation Scheme on the incident date'));
    expect(notice, `letters: ${links.join(', ')}`).toBeDefined();
    expect(notice).toContain(`£${(amount / 100).toLocaleString('en-GB')}`);
  });
});
