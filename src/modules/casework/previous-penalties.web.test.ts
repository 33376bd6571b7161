import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from '../../../test/support/casework.js';
import { ukDate } from '../../domain/reference/uk-date.js';

let t: TestApp;
let caseworker: WebClient;
let assurer: WebClient;
beforeAll(async () => {
  t = await createTestApp();
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
});
afterAll(async () => t?.close());

async function toDraft(opened: OpenedCase) {
  for (const l of opened.liabilities) {
    await step(caseworker, opened.reference, 'sendInitialNotice', l.id);
    await step(caseworker, opened.reference, 'recordResponse', l.id, dateFields('receivedOn', ukDate(t.clock.now())));
  }
}
const ownerOf = (opened: OpenedCase) => opened.liabilities.find((l) => l.role === 'owner')!;

describe('previous penalties over the resolved identity', () => {
  it('waits for a possible register match to be decided, then counts the earlier penalty of the merged identity', async () => {
    // An earlier case against the company, imposed.
    const hundredDaysAgo = new Date(Date.now() - 100 * 86_400_000);
    t.clock.set(hundredDaysAgo);
    const first = await openCase(t, { incidentDate: ukDate(hundredDaysAgo) });
    await identifyEveryone(caseworker, first);
    await toDraft(first);
    for (const l of first.liabilities) {
      expect((await step(caseworker, first.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
      expect((await step(assurer, first.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
    }
    t.clock.advanceDays(45);
    expect((await step(caseworker, first.reference, 'imposePenalty', first.liabilities.map((l) => l.id))).statusCode).toBe(303);
    t.clock.reset();
    const firstAmount = (await t.services.cases.caseFile(first.reference))!.states.get(ownerOf(first).id)!.penaltyNotice!.amountPence;

    // The same company, spelt another way, on a later incident: registered as a new entry by mistake.
    const second = await openCase(t, { responsiblePersons: [{ ...POLISH_DRIVER, name: 'Marek Nowak', dateOfBirth: '1975-01-01' }, { ...POLISH_OWNER, name: 'TRANS POL SP ZOO' }] });
    await identifyEveryone(caseworker, second, { alwaysNewEntries: true });
    await toDraft(second);
    const owner = ownerOf(second);
    const blocked = await step(caseworker, second.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
    expect(blocked.statusCode).toBe(422);
    expect(errorSummary(blocked.body)).toContain('possible match in the parties register');

    const warned = await caseworker.get(`/cases/${second.reference}`);
    expect(warned.body).toContain('other register entry looks like the same company');

    // The caseworker confirms they are one company: the two entries are merged.
    const file = (await t.services.cases.caseFile(second.reference))!;
    const firstFile = (await t.services.cases.caseFile(first.reference))!;
    const earlierParty = firstFile.liabilities.find((l) => l.role === 'owner')!.partyId!;
    const laterParty = file.liabilities.find((l) => l.id === owner.id)!.partyId!;
    const merged = await t.services.parties.merge({ survivorId: earlierParty, mergedId: laterParty, reason: 'Same company: same address and owner' }, { actor: { id: 'test-caseworker', name: 'Test', roles: ['caseworker-eo'] } });
    expect(merged.ok).toBe(true);

    const drafted = await step(caseworker, second.reference, 'draftRecommendation', owner.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const recommendation = (await t.services.cases.caseFile(second.reference))!.states.get(owner.id)!.recommendation!;
    expect(recommendation.amountPence).toBeGreaterThan(firstAmount);
    expect(recommendation.steps[0]!.label).toMatch(/1 previous/);
    const page = await caseworker.get(`/cases/${second.reference}`);
    expect(page.body).toContain('Previous penalties found in the register');
    expect(page.body).toContain(first.reference);
    expect(page.body).not.toContain('other register entry looks like');
  });
});
