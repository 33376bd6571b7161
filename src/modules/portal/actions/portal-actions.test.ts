import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { identifyEveryone, openCase, step } from '../../../../test/support/casework.js';
import { imposedCases, type ImposedCase } from '../../../../test/support/finance.js';
import { minimalPdf } from '../../../platform/files/test-fixtures.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import type { ActingPerson } from './portal-actions.js';

/*
 * The portal's actions at the command level (real PGlite): each lands as the caseworkers' own
 * command and events, under the person's portal actor, on their own penalty only.
 */

let t: TestApp;
let cases: ImposedCase[];

beforeAll(async () => {
  t = await createTestApp();
  cases = await imposedCases(t, ['Trans-Pol Sp. z o.o.', 'Carpatica Cargo S.R.L.', 'Balt Logistics SIA', 'Danube Freight SRL']);
}, 240_000);
afterAll(async () => t?.close());

const personOf = (kase: ImposedCase, role: 'driver' | 'owner'): ActingPerson => ({ caseReference: kase.reference, liabilityId: kase[role].id, personName: kase[role].partyName });
const pdf = (name = 'evidence.pdf') => ({ bytes: minimalPdf(name), declaredName: name, declaredType: 'application/pdf' });

async function eventsOf(reference: string) {
  const file = await t.services.cases.caseFile(reference);
  return file!.events;
}

describe('portal actions', () => {
  it('an objection before the deadline is the caseworkers’ recordObjection under the portal actor, with its evidence', async () => {
    const kase = cases[0]!;
    const person = personOf(kase, 'driver');
    const missing = await t.services.portalActions.object(person, { grounds: '  ', uploads: [] });
    expect(missing).toMatchObject({ ok: false, problems: [{ field: 'grounds', code: 'grounds-missing' }] });

    const outcome = await t.services.portalActions.object(person, { grounds: 'The seals were checked at every stop.', uploads: [pdf('seal-log.pdf')] });
    expect(outcome).toMatchObject({ ok: true, late: false });
    const events = await eventsOf(kase.reference);
    const objection = events.find((e) => e.type === CASE_EVENT.ObjectionReceived)!;
    expect(objection.actorId).toBe(`portal:${kase.driver.id}`);
    expect(objection.actorName).toBe(`${kase.driver.partyName} (online)`);
    expect(objection.payload).toMatchObject({ liabilityId: kase.driver.id, late: false, grounds: 'The seals were checked at every stop.' });
    const documents = events.find((e) => e.type === CASE_EVENT.ResponseDocumentsReceived)!;
    expect(documents.payload).toMatchObject({ about: 'objection', files: [{ originalName: 'seal-log.pdf', mediaType: 'application/pdf' }] });
    const file = await t.services.cases.caseFile(kase.reference);
    expect(file!.states.get(kase.driver.id)!.stage).toBe('objection-received');

    // A second objection is refused by the domain, as it would be for a caseworker.
    const again = await t.services.portalActions.object(person, { grounds: 'Again', uploads: [] });
    expect(again.ok).toBe(false);
  });

  it('a person cannot act on a penalty that is not their own, nor run a caseworker command', async () => {
    const kase = cases[1]!;
    // The owner's session naming the driver's liability but acting as the owner: refused as not found.
    const { executeCommand } = await import('../../../platform/events/command.js');
    const { portalRecordResponseDocuments } = await import('./portal-commands.js');
    const refused = await executeCommand(
      t.database.db,
      portalRecordResponseDocuments,
      { reference: kase.reference, liabilityId: kase.driver.id, receivedOn: ukDate(t.clock.now()), about: 'response', description: 'x', files: [{ hash: 'a'.repeat(64), originalName: 'a.pdf', mediaType: 'application/pdf', size: 1 }] },
      { actor: { id: `portal:${kase.owner.id}`, name: 'Owner (online)', roles: ['portal-user'] } },
    );
    expect(refused).toMatchObject({ ok: false, kind: 'refused', message: 'not-yours' });
    // The portal role cannot run a caseworker step through the ordinary command.
    const staffStep = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'recordObjection', receivedOn: ukDate(t.clock.now()), grounds: 'x' } },
      { actor: { id: `portal:${kase.owner.id}`, name: 'Owner (online)', roles: ['portal-user'] } },
    );
    expect(staffStep).toMatchObject({ ok: false, kind: 'forbidden' });
    // Through the portal's step, only the portal's actions.
    const { portalLiabilityStep } = await import('./portal-commands.js');
    const write = await t.services.cases.actAs(
      portalLiabilityStep,
      { reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'confirmPaymentDue' } },
      { actor: { id: `portal:${kase.owner.id}`, name: 'Owner (online)', roles: ['portal-user'] } },
    );
    expect(write).toMatchObject({ ok: false, kind: 'refused', message: 'not-yours' });
  });

  it('instalments proposed online are the caseworkers’ requestInstalments, checked against the limits', async () => {
    const kase = cases[1]!;
    const person = personOf(kase, 'owner');
    const owed = (await t.services.portalActions.owed(person))!;
    expect(owed).toBeGreaterThan(0);
    const today = ukDate(t.clock.now());
    const tooBig = await t.services.portalActions.proposeInstalments(person, { monthlyPence: owed, firstOn: today });
    expect(tooBig).toMatchObject({ ok: false, problems: [{ field: 'monthlyAmount', code: 'amount-too-large' }] });
    const tooSmall = await t.services.portalActions.proposeInstalments(person, { monthlyPence: 1, firstOn: '2020-01-01' });
    expect(tooSmall).toMatchObject({ ok: false, problems: [{ code: 'too-many-months', params: { maxMonths: 120 } }, { code: 'date-in-past' }] });
    const badDate = await t.services.portalActions.proposeInstalments(person, { monthlyPence: 10_000, firstOn: '2026-02-30' });
    expect(badDate).toMatchObject({ ok: false, problems: [{ field: 'firstPaymentDate', code: 'date-invalid' }] });

    const outcome = await t.services.portalActions.proposeInstalments(person, { monthlyPence: Math.ceil(owed / 4), firstOn: today });
    expect(outcome).toMatchObject({ ok: true, instalments: 4 });
    const requested = (await eventsOf(kase.reference)).find((e) => e.type === CASE_EVENT.InstalmentsRequested)!;
    expect(requested.actorId).toBe(`portal:${kase.owner.id}`);
    expect(String(requested.payload.proposal)).toMatch(/^Proposed online: £[\d,.]+ a month from \d{4}-\d\d-\d\d, 4 instalments/);
    // A second request while the first waits is refused, as for a caseworker.
    expect((await t.services.portalActions.proposeInstalments(person, { monthlyPence: Math.ceil(owed / 4), firstOn: today })).ok).toBe(false);
  });

  it('a company asks for a means test with its accounts; a translation is flagged when they are not in English', async () => {
    const kase = cases[2]!;
    const person = personOf(kase, 'owner');
    expect(await t.services.portalActions.applicantOf(person)).toBe('company');
    expect(await t.services.portalActions.applicantOf(personOf(kase, 'driver'))).toBe('person');
    const none = await t.services.portalActions.requestMeansTest(person, { statement: '', documentLanguage: '', uploads: [] });
    expect(none).toMatchObject({ ok: false, problems: [{ field: 'documentLanguage', code: 'language-missing' }, { field: 'files', code: 'means-no-files' }] });
    const notAFile = await t.services.portalActions.requestMeansTest(person, { statement: '', documentLanguage: 'pl', uploads: [{ bytes: Buffer.from('hello'), declaredName: 'a.txt' }] });
    expect(notAFile).toMatchObject({ ok: false, problems: [{ field: 'files', code: 'upload' }] });

    const outcome = await t.services.portalActions.requestMeansTest(person, { statement: 'Two lorries, a small firm.', documentLanguage: 'pl', uploads: [pdf('accounts-2025.pdf')] });
    expect(outcome).toEqual({ ok: true });
    const requested = (await eventsOf(kase.reference)).find((e) => e.type === CASE_EVENT.MeansTestRequested)!;
    expect(requested.actorId).toBe(`portal:${kase.owner.id}`);
    expect(requested.payload).toMatchObject({ applicant: 'company', documentLanguage: 'pl', translationNeeded: true, files: [{ originalName: 'accounts-2025.pdf' }] });
    const again = await t.services.portalActions.requestMeansTest(person, { statement: '', documentLanguage: 'en', uploads: [pdf('more.pdf')] });
    expect(again).toMatchObject({ ok: false, problems: [{ code: 'means-pending' }] });
  });

  it('a new address waits for a second officer; email and telephone are recorded at once', async () => {
    const kase = cases[2]!;
    const person = personOf(kase, 'driver');
    const outcome = await t.services.portalActions.changeContactDetails(person, {
      address: { line1: 'ul. Nowa 3', town: 'Poznań', postcode: '60-001', country: 'PL' },
      email: 'nowy@example.com',
      phone: '+48 600 100 200',
    });
    expect(outcome).toEqual({ ok: true, addressPending: true });
    const events = await eventsOf(kase.reference);
    const proposed = events.find((e) => e.type === CASE_EVENT.AddressChangeProposed)!;
    expect(proposed.actorId).toBe(`portal:${kase.driver.id}`);
    expect(proposed.payload).toMatchObject({ liabilityId: kase.driver.id, addressLines: expect.arrayContaining(['ul. Nowa 3']) });
    expect(events.find((e) => e.type === CASE_EVENT.ContactDetailsChanged)!.payload).toMatchObject({ email: 'nowy@example.com', phone: '+48 600 100 200' });
    // Letters are emailed to the address given last.
    expect((await t.services.cases.caseFile(kase.reference))!.liabilities.find((l) => l.id === kase.driver.id)!.email).toBe('nowy@example.com');
    // The second officer approves it with the existing command.
    const officer = await WebClient.signedIn(t.app, 'assurer-ho');
    const page = await officer.get(`/cases/${kase.reference}`);
    expect(page.body).toContain('ul. Nowa 3');
  });

  it('after the deadline the person must say why it is late; it is recorded late, for a caseworker to decide', async () => {
    const kase = cases[3]!;
    t.clock.advanceDays(40);
    const person = personOf(kase, 'owner');
    expect(await t.services.portalActions.objectionDeadline(person)).toMatchObject({ late: true });
    const noReason = await t.services.portalActions.object(person, { grounds: 'We were not the owner.', uploads: [] });
    expect(noReason).toMatchObject({ ok: false, problems: [{ field: 'lateReason', code: 'late-reason-missing' }] });
    const outcome = await t.services.portalActions.object(person, { grounds: 'We were not the owner.', lateReason: 'The letter went to our old office.', uploads: [] });
    expect(outcome).toMatchObject({ ok: true, late: true });
    const objection = (await eventsOf(kase.reference)).find((e) => e.type === CASE_EVENT.ObjectionReceived)!;
    expect(objection.payload).toMatchObject({ late: true, lateReason: 'The letter went to our old office.' });
    // The caseworker's decision on it is the existing one.
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const decided = await step(caseworker, kase.reference, 'decideLateObjection', kase.owner.id, { accept: 'yes', reason: 'The letter went astray.' });
    expect(decided.statusCode).toBe(303);
  });

  it('the questionnaire’s answers are the response to the initial notice, with the documents', async () => {
    const opened = await openCase(t, { tractorRegistration: 'WGM 9911K' });
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    await identifyEveryone(caseworker, opened);
    const driver = opened.liabilities.find((l) => l.role === 'driver')!;
    expect((await step(caseworker, opened.reference, 'sendInitialNotice', driver.id)).statusCode).toBe(303);
    const person = { caseReference: opened.reference, liabilityId: driver.id, personName: driver.partyName };
    const questions = (await t.services.portalActions.questionsFor(person))!;
    expect(questions).toContain('employer');
    expect(questions).toContain('meansIndividual');
    const empty = await t.services.portalActions.answerQuestionnaire(person, { answers: {}, uploads: [] });
    expect(empty).toMatchObject({ ok: false, problems: [{ code: 'answer-missing' }] });
    const outcome = await t.services.portalActions.answerQuestionnaire(person, { answers: { employer: 'Trans-Pol Sp. z o.o., Łódź', sealNumbers: 'PL-12345' }, uploads: [pdf('cmr.pdf')] });
    expect(outcome).toEqual({ ok: true });
    const events = await eventsOf(opened.reference);
    const response = events.find((e) => e.type === CASE_EVENT.InitialNoticeResponseRecorded)!;
    expect(response.actorId).toBe(`portal:${driver.id}`);
    expect(String(response.payload.summary)).toContain('Trans-Pol Sp. z o.o., Łódź');
    expect(events.find((e) => e.type === CASE_EVENT.ResponseDocumentsReceived)!.payload).toMatchObject({ about: 'response' });
  });
});
