import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { ledgerFile } from '../../test/support/finance.js';
import { rowsOf } from '../platform/database/client.js';
import { executeCommand, type CommandContext } from '../platform/events/command.js';
import type { Actor } from '../platform/events/event-store.js';
import { screenshotPng } from '../platform/files/test-fixtures.js';
import { payloadSchema, STREAM_TYPES } from '../domain/events.js';
import { ukDate } from '../domain/reference/uk-date.js';
import { recordDriverNoticeGiven, recordPersonFound } from '../modules/intake/commands.js';
import { amendPersonFound, recordPersonFollowUp } from '../modules/intake/people-found-commands.js';
import { addCaseNote } from '../modules/casework/around/case-notes.js';
import { linkCase, unlinkCase } from '../modules/casework/around/case-links.js';
import { approveAddressChange, proposeAddressChange } from '../modules/correspondence/correspondence-commands.js';
import { assignmentCommands } from '../modules/casework/work/assignment.js';
import { recordDebtAcknowledgement, recordInsolvencyCheck } from '../modules/enforcement/debt-commands.js';
import { recordCheckReminderSent, recordMemberCheck } from '../modules/accreditation/assurance-commands.js';
import { raiseMembershipReview, REVIEW_RAISER } from '../modules/accreditation/review-commands.js';
import { seedDemo } from './demo-data.js';
import { ACCREDITATION_AREAS } from '../domain/accreditation/areas.js';
import { planImprovement } from '../modules/insight/improvements.js';
import { recordTodaysVehicleActionList } from '../modules/vehicle-action-list/val-record.js';
import { dataQualityMeasurer } from '../modules/insight/quality/measure.js';

/*
 * Walks a database after a realistic run of commands — the demo data (referrals, incidents from the
 * border worked through casework to every stage) and the steps the demo does not take (searches,
 * an incident kept back, the register, watchlists, a ledger file, notes, links, assignment, debt
 * and address changes) — and parses every stored event with the catalogue. The store checks each
 * event as it is appended; this checks what was stored, as a reader of the log finds it.
 */

let t: TestApp;
const actors = new Map<string, Actor>();
const as = (username: string, extra: Partial<CommandContext> = {}): CommandContext => ({ actor: actors.get(username)!, now: t.clock.now(), ...extra });
const ok = <T extends { ok: boolean }>(outcome: T, what: string): T & { ok: true } => {
  expect(outcome, what).toMatchObject({ ok: true });
  return outcome as T & { ok: true };
};

beforeAll(async () => {
  t = await createTestApp();
  for (const user of await t.services.identity.listUsers()) actors.set(user.username, { id: user.id, name: user.displayName, roles: user.roles });
  await seedDemo(t.services, { cases: 3, workedCases: 6, now: t.clock.now(), db: t.database.db, clock: t.clock });
  const today = ukDate(t.clock.now());
  const db = t.database.db;

  // Border: a search, and an incident kept back with a person found, evidence and a senior officer's approval.
  ok(
    await t.services.borderEvents.recordSearch(
      { searchedAt: t.clock.now().toISOString(), port: 'CQF', vehicleKind: 'hgv', tractorRegistration: 'WGM 4521K', tractorCountry: 'PL', selectionReason: 'random', methods: ['dog', 'heartbeat'], searchedBy: 'border-force', result: 'nothing-found' },
      as('port-officer'),
    ),
    'search',
  );
  const incident = { kind: 'port', offences: ['S32'], incidentDate: today, port: 'CQF', vehicleKind: 'hgv', tractorRegistration: 'WGM 4521K', tractorCountry: 'PL', clandestineEntrants: 1 };
  const draft = ok(await t.services.borderEvents.saveDraft({ incident }, as('port-officer')), 'draft');
  const incidentId = draft.value.incidentId;
  ok(await executeCommand(db, recordPersonFound, { incidentId, person: { apparentChild: false, potentialVictimOfTrafficking: true, nrmReferralReference: 'NRM-26-1', medicalNeed: false, checks: { identity: 'done-clear' } } }, as('port-officer')), 'person found');
  // The person changed while a draft, and the NRM's decision recorded when it comes back.
  const [personFound] = rowsOf<{ id: string }>(await db.execute(sql`select id from people_found where incident_id = ${incidentId}`));
  const changed = { apparentChild: false, potentialVictimOfTrafficking: true, nrmReferred: true, nrmReferralReference: 'NRM-26-1', claimedName: 'Amanuel Tesfay', claimedAge: 24, biometricsTaken: false };
  ok(await executeCommand(db, amendPersonFound, { incidentId, personId: personFound!.id, person: changed }, as('port-officer')), 'person changed');
  ok(await executeCommand(db, recordPersonFollowUp, { incidentId, personId: personFound!.id, nrmOutcome: { stage: 'reasonable-grounds', decision: 'positive', date: today } }, as('senior-officer')), 'NRM decision');
  ok(await t.services.borderEvents.saveDraft({ incidentId, incident: { ...incident, location: 'Lane 4' } }, as('port-officer')), 'draft saved');
  ok(await t.services.borderEvents.addEvidence(incidentId, [{ bytes: await screenshotPng(64, 48), filename: 'seal.png', mimetype: 'image/png' }], { kind: 'photo' }, as('port-officer')), 'evidence');
  ok(await t.services.borderEvents.decideNotToRefer({ incidentId, reasonCode: 'public-interest', reasonText: 'A convoy of aid, searched and cleared at the port.' }, as('port-officer')), 'not referred');
  ok(await t.services.borderEvents.approveNotReferring({ incidentId, approve: true, note: 'Agreed' }, as('senior-officer')), 'approved');
  const [sent] = rowsOf<{ id: string }>(await db.execute(sql`select id from incidents where status = 'submitted' limit 1`));
  ok(await executeCommand(db, recordDriverNoticeGiven, { incidentId: sent!.id, method: 'in-person', language: 'pl' }, as('port-officer')), 'driver notice');

  // The parties register.
  const register = async (body: Record<string, unknown>) => ok(await t.services.parties.register(body, as('caseworker-eo')), 'party').value.partyId;
  const alpha = await register({ kind: 'organisation', name: 'Alpha Haulage Sp. z o.o.', country: 'PL', identifiers: [{ kind: 'vat', value: 'PL5260001246' }], addresses: [{ line1: 'ul. Długa 5', town: 'Gdańsk', country: 'PL' }] });
  const beta = await register({ kind: 'organisation', name: 'Alpha Haulage', country: 'PL' });
  const driver = await register({ kind: 'person', name: 'Jan Nowak', dateOfBirth: '1980-01-31', nationality: 'PL', emails: ['jan@example.com'] });
  ok(await t.services.parties.merge({ survivorId: alpha, mergedId: beta, reason: 'Same VAT number' }, as('caseworker-eo')), 'merge');
  ok(await t.services.parties.unmerge({ partyId: beta, reason: 'Different companies after all' }, as('caseworker-eo')), 'unmerge');
  ok(await t.services.parties.rejectMatch({ partyId: alpha, otherId: beta, reason: 'Different companies', score: 0.81 }, as('caseworker-eo')), 'reject match');
  ok(await t.services.parties.registerVehicle({ registration: 'WGM 4521K', country: 'PL', kind: 'hgv-tractor', links: [{ partyId: alpha, role: 'owner' }] }, as('caseworker-eo')), 'vehicle');
  ok(await t.services.parties.linkEmployment({ personId: driver, organisationId: alpha, relationship: 'employee', validFrom: '2024-01-01' }, as('caseworker-eo')), 'employment');
  ok(await t.services.parties.recordAddress({ partyId: driver, address: { line1: 'ul. Morska 3', town: 'Gdynia', country: 'PL' } }, as('caseworker-eo')), 'party address');

  // Watchlists.
  const expiresAt = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const added = ok(await t.services.watchlist.add({ entries: [{ registration: 'WGM 4521K', country: 'PL', reason: 'Intelligence report 42', expiresAt }] }, as('senior-officer')), 'watchlist entry');
  ok(await t.services.watchlist.add({ entries: [{ registration: 'B 123 XYZ', reason: 'Report 43', expiresAt }, { registration: 'PB 4821 KA', country: 'BG', reason: 'Report 44', expiresAt }] }, as('administrator')), 'watchlist import');
  ok(await t.services.watchlist.remove(added.value.entries[0]!.id, as('senior-officer')), 'watchlist removal');

  // A ledger file whose one line matches nothing, set aside.
  const started = await t.services.ledger.startImport({ bytes: ledgerFile([['T-W1', today, '12.34', 'GBP', 'BACS', '', 'no such reference', 'Unknown payer']]), fileName: 'ledger.csv' }, actors.get('finance-officer')!);
  if (!started.ok) throw new Error(started.message);
  await t.services.ledger.waitFor(started.importId);
  const [waiting] = await t.services.ledger.waitingLines();
  await t.services.ledger.setAside(waiting!.id, 'Not a penalty payment', actors.get('finance-officer')!);

  // Around an open case (a finished one cannot be claimed): a note, a link, who has it, an address change, and the debt of an imposed penalty.
  const rows = rowsOf<{ id: string; reference: string; incident_date: string; offence: string }>(
    await db.execute(sql`select id, reference, incident_date::text, offence from cases where incident_id is not null and stage not in ('written-off', 'closed', 'not-referred') order by reference`),
  );
  const [first, second] = rows;
  const reference = first!.reference;
  ok(await executeCommand(db, addCaseNote, { reference, text: 'Rang the haulier: letters go to the Gdynia office.' }, as('caseworker-eo')), 'note');
  const target = { caseId: second!.id, reference: second!.reference, incidentDate: second!.incident_date, offences: second!.offence.split('+') };
  ok(await executeCommand(db, linkCase, { reference, reason: 'same-company', target }, as('caseworker-eo')), 'link');
  ok(await executeCommand(db, unlinkCase, { reference, linkedReference: second!.reference }, as('caseworker-eo')), 'unlink');
  const officers = [...actors.values()];
  const { claim, assign, unassign } = assignmentCommands({ names: new Map(officers.map((a) => [a.id, a.name])), assignable: new Set(officers.map((a) => a.id)) });
  ok(await executeCommand(db, claim, { reference }, as('caseworker-eo')), 'claim');
  ok(await executeCommand(db, assign, { reference, officerId: actors.get('assurer-ho')!.id }, as('manager')), 'assign');
  ok(await executeCommand(db, unassign, { reference }, as('manager')), 'unassign');
  const [person] = rowsOf<{ id: string }>(await db.execute(sql`select id from liabilities where case_id = ${first!.id} limit 1`));
  ok(await executeCommand(db, proposeAddressChange, { reference, liabilityId: person!.id, line1: 'ul. Portowa 1', town: 'Gdynia', postcode: '81-300', country: 'pl', reason: 'The company wrote with its new address.' }, as('caseworker-eo')), 'address proposed');
  const [proposal] = rowsOf<{ version: number }>(await db.execute(sql`select version from events where stream_id = ${`case-${first!.id}`} and type = 'AddressChangeProposed'`));
  ok(await executeCommand(db, approveAddressChange, { reference, liabilityId: person!.id, proposal: proposal!.version }, as('assurer-ho')), 'address approved');
  const [imposed] = rowsOf<{ id: string; reference: string }>(await db.execute(sql`select l.id, c.reference from liabilities l join cases c on c.id = l.case_id where l.imposed_on is not null limit 1`));
  if (imposed) {
    ok(await executeCommand(db, recordDebtAcknowledgement, { reference: imposed.reference, liabilityId: imposed.id, acknowledgedOn: today, note: 'Letter promising payment' }, as('finance-officer')), 'acknowledgement');
    ok(await executeCommand(db, recordInsolvencyCheck, { reference: imposed.reference, liabilityId: imposed.id, checkedOn: today, source: 'Companies House', finding: 'none' }, as('finance-officer')), 'insolvency check');
  }
  // A request for information to the officer who referred the case, answered; another withdrawn.
  const asked = ok(await t.services.informationRequests.ask(reference, { items: ['photographs', 'other'], otherDescription: 'The CMR', dueDate: today }, as('caseworker-eo')), 'information requested');
  const request = (await t.services.informationRequests.get(asked.value.requestId))!;
  const addressee = { id: request.addressedToId ?? actors.get('port-officer')!.id, name: request.addressedToName ?? 'Port officer', roles: ['port-officer'] };
  ok(await t.services.informationRequests.answer(request.id, 'Photos attached.', [{ bytes: await screenshotPng(64, 48), filename: 'cmr.png', mimetype: 'image/png' }], { actor: addressee, now: t.clock.now() }), 'information answered');
  const withdrawn = ok(await t.services.informationRequests.ask(reference, { items: ['statement'], dueDate: today }, as('caseworker-eo')), 'information requested again');
  ok(await t.services.informationRequests.withdraw({ requestId: withdrawn.value.requestId, reason: 'Found it on the file' }, as('caseworker-eo')), 'request withdrawn');
  // The public's side: a question logged from an email and answered, feedback, a card payment started.
  const question = ok(await t.services.questions.log({ channel: 'email', askerName: 'Piotr Kowalski', email: 'piotr@example.com', caseReference: reference, language: 'pl', text: 'Kiedy muszę zapłacić?' }, as('caseworker-eo')), 'question logged');
  ok(await t.services.questions.answer({ questionId: question.value.questionId, text: 'Do 4 grudnia 2026.', language: 'pl' }, as('caseworker-eo')), 'question answered');
  ok(await t.services.feedback.give({ satisfaction: 'satisfied', comments: 'Clear.', language: 'pl' }), 'feedback');
  // A planned improvement for the annual report (insight), entered by a manager.
  ok(await executeCommand(db, planImprovement, { improvementId: '5e1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4d', year: 2026, title: 'Publish the monthly detection analysis', owner: 'Analysis team', dueOn: '2027-03-31' }, as('manager')), 'improvement planned');
  // The day's data-quality counts (insight/quality), as the daily job records them.
  expect((await dataQualityMeasurer(db).measure({ now: t.clock.now() })).recorded, 'data quality measured').toBe(true);
  // A CPAS application asked for more information: its letter on the `accreditation-letter` stream (acc-assess).
  const cpasWithLetter = ok(await t.services.accreditation.submit({ language: 'pl', company: { name: 'Trans-Pol Sp. z o.o.', country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email: 'biuro@transpol.example', phone: null, numberOfDrivers: 4 }, areas: Object.fromEntries(['securityDevices', 'checkRecord', 'driverInstructions', 'driverTraining', 'driverPerformanceReview'].map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])), driverChecklists: { fileIds: ['c1', 'c2', 'c3'] }, declaration: true }, { channel: 'online' }), 'CPAS application');
  ok(await t.services.assess.requestInformation(cpasWithLetter.value.reference, { areas: ['driverTraining'], message: 'Please send the training register.' }, as('caseworker-eo')), 'CPAS information requested with a letter');
  const [owing] = rowsOf<{ id: string }>(await db.execute(sql`select id from liabilities where imposed_on is not null and outstanding_pence > 1000 limit 1`));
  const cardPayment = await t.services.cardPayments.start({
    liabilityId: owing!.id, payerLiabilityId: owing!.id, amountPence: 1000, description: 'Civil penalty', language: 'pl',
    returnUrlFor: (paymentId) => `http://localhost/portal/payments/${paymentId}/return`,
    actor: { id: `portal:${owing!.id}`, name: 'A person (online)', roles: ['portal-user'] },
  });
  expect(cardPayment, 'card payment started').toMatchObject({ ok: true });
  // A CPAS application: submitted, more information asked for and given by the applicant, each area assessed, accepted.
  const cpas = ok(
    await t.services.accreditation.submit(
      {
        language: 'pl',
        company: { name: 'Trans-Pol Sp. z o.o.', country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email: 'biuro@transpol.example', phone: null, numberOfDrivers: 4 },
        areas: Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, { description: `What we do: ${area}`, fileIds: [] }])),
        driverChecklists: { fileIds: ['checklist-1', 'checklist-2', 'checklist-3'] },
        declaration: true,
      },
      { channel: 'online' },
    ),
    'CPAS application',
  );
  const cpasReference = cpas.value.reference;
  ok(await t.services.accreditation.act(cpasReference, 'requestInformation', { areas: ['driverTraining'], message: 'Send the training register' }, as('caseworker-eo')), 'CPAS information requested');
  ok(await t.services.accreditation.act(cpasReference, 'provideInformation', { accessCode: cpas.value.accessCode, text: 'Attached', fileIds: [] }, { actor: { id: 'public', name: 'Applicant', roles: ['public'] } }), 'CPAS information provided');
  for (const area of ACCREDITATION_AREAS) ok(await t.services.accreditation.act(cpasReference, 'assessArea', { area, outcome: 'met', notes: '' }, as('caseworker-eo')), `CPAS ${area} assessed`);
  ok(await t.services.accreditation.act(cpasReference, 'accept', {}, as('caseworker-eo')), 'CPAS accepted');
  // A review of the member (acc-review): raised as the review check raises it, kept by a Senior Officer (with its letters).
  const cpasMember = (await t.services.accreditation.memberships()).find((m) => m.reference === cpasReference)!;
  const reviewId = '7a1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4c';
  ok(await executeCommand(db, raiseMembershipReview, { reviewId, partyId: cpasMember.partyId, trigger: { trigger: 'schemeNotFollowed', incidents: [reference], windowFrom: today, windowTo: today, requirements: ['seals-unique-numbers'] }, incidents: [{ caseReference: reference, date: today, offences: ['S31A'] }], statusOnIncidentDate: 'member' }, { actor: REVIEW_RAISER, now: t.clock.now() }), 'CPAS review raised');
  ok(await t.services.accreditationReviews.conclude(reviewId, { outcome: 'keep', notes: 'Seals now numbered' }, as('senior-officer')), 'CPAS review concluded');
  // Assurance of a CPAS member (acc-register): a visit with its findings (membership as the membership service would say).
  ok(await executeCommand(db, recordMemberCheck, { checkId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', partyId: 'party-cpas-member', kind: 'visit', date: today, findings: [{ area: 'securityDevices', result: 'met', notes: 'Seals numbered' }], outcome: 'satisfactory', membership: { memberOnDate: true, memberFrom: '2026-01-01' } }, as('caseworker-eo')), 'member check recorded');
  // The assurance team reminded of a member's check due (acc-loose), on its own `accreditation-check-reminder` stream.
  ok(await executeCommand(db, recordCheckReminderSent, { partyId: 'party-cpas-member', memberName: 'Trans-Pol Sp. z o.o.', reference: cpasReference, dueOn: today, to: 'assurance@example.gov.uk' }, as('administrator')), 'check reminder recorded');
  // The Vehicle Action List of the day, as its daily job records it (the `vehicle-action-list` stream).
  ok(await recordTodaysVehicleActionList(db, t.clock.now()), 'the Vehicle Action List of the day recorded');
  // Letters are emailed by jobs after the steps that made them (LetterEmailed, on the `letter` stream).
  await t.services.jobs.runUntilIdle();
  // A CPAS application's letter marked as posted in the postal outbox (acc-loose).
  const [cpasLetter] = await t.services.applicationLetters.postal().unposted();
  expect(cpasLetter, 'a CPAS letter waiting to be posted').toBeDefined();
  expect((await t.services.applicationLetters.postal().markPosted([cpasLetter!.id], as('caseworker-eo').actor)).posted).toBe(1);
}, 600_000);
afterAll(async () => t?.close());

describe('the events a realistic run records', () => {
  it('each parse with the catalogue of their stream', async () => {
    const stored = rowsOf<{ seq: number; stream_type: string; type: string; payload: unknown }>(await t.database.db.execute(sql`select seq, stream_type, type, payload from events order by seq`));
    const problems = stored.flatMap((event) => {
      const schema = payloadSchema(event.stream_type, event.type);
      if (!schema) return [`event ${event.seq}: '${event.type}' is not in the catalogue of the '${event.stream_type}' stream`];
      const parsed = schema.safeParse(event.payload);
      return parsed.success ? [] : [`event ${event.seq} ${event.stream_type} ${event.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
    });
    expect(problems).toEqual([]);
    expect(stored.length).toBeGreaterThan(100);
    // About half the catalogue's events; the rest are checked as their own tests append them.
    expect(new Set(stored.map((event) => `${event.stream_type} ${event.type}`)).size).toBeGreaterThanOrEqual(45);
  });

  it('come from every stream but the plate-check hits and the upgrade-only debt referrals', async () => {
    const streams = rowsOf<{ stream_type: string }>(await t.database.db.execute(sql`select distinct stream_type from events`)).map((row) => row.stream_type);
    // debt-referral holds only DebtReferralCarriedOver, written once by an upgrade (src/modules/finance/carry-over.test.ts).
    expect(streams.sort()).toEqual(STREAM_TYPES.filter((streamType) => streamType !== 'plate-check-hit' && streamType !== 'debt-referral').sort());
  });
});
