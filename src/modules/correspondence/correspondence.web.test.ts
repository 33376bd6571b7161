import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, step, type OpenedCase } from '../../../test/support/casework.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { minimalPdf } from '../../platform/files/test-fixtures.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';
import { liabilities } from '../casework/schema.js';
import { caseLetters } from './schema.js';

let t: TestApp;
let opened: OpenedCase;
let caseworker: WebClient;
let assurer: WebClient;
let manager: WebClient;
const today = () => ukDate(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  opened = await openCase(t);
  caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  manager = await WebClient.signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

const driver = () => opened.liabilities.find((l) => l.role === 'driver')!;
const owner = () => opened.liabilities.find((l) => l.role === 'owner')!;
const caseFile = async (reference = opened.reference) => (await t.services.cases.caseFile(reference))!;
const lettersOf = (liabilityId: string) => t.database.db.select().from(caseLetters).where(eq(caseLetters.liabilityId, liabilityId)).orderBy(caseLetters.createdAt, caseLetters.id);
const eventsOf = async (type: string, reference = opened.reference) => (await caseFile(reference)).events.filter((event) => event.type === type);

/** Posts a multipart form (a file upload) as the browser would, with the CSRF token from the last page. */
async function upload(client: WebClient, url: string, fields: Record<string, string>, files: { name: string; bytes: Buffer; type: string }[]) {
  const form = new FormData();
  form.append('_csrf', client.csrfToken);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://x/', { method: 'POST', body: form });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': request.headers.get('content-type')!, cookie: client.cookieHeader() },
    payload: Buffer.from(await request.arrayBuffer()),
  });
}

describe('letters on the case page', () => {
  it('lists the initial notice with its form, languages, recipient and status, and serves its PDF', async () => {
    expect((await step(caseworker, opened.reference, 'sendInitialNotice', driver().id)).statusCode).toBe(303);
    const [letter] = await lettersOf(driver().id);
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('id="letters"');
    expect(page.body).toContain('Initial notice (IS11E)');
    expect(page.body).toContain('Form IS11E, English and Polish');
    expect(page.body).toContain('ul. Świętokrzyska 12/4');
    expect(page.body).toContain('Waiting to be posted');
    expect(page.body).toContain(`/cases/${opened.reference}/letters/${letter!.id}.pdf`);

    const pdf = await caseworker.get(`/cases/${opened.reference}/letters/${letter!.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(flattened((await extractPdf(pdf.rawPayload)).text)).toContain('Form IS11E');
  });

  it('serves no letter of another case, no unknown letter, and none to a role that may not read cases', async () => {
    const [letter] = await lettersOf(driver().id);
    const other = await openCase(t);
    expect((await caseworker.get(`/cases/${other.reference}/letters/${letter!.id}.pdf`)).statusCode).toBe(404);
    expect((await caseworker.get(`/cases/${opened.reference}/letters/00000000-0000-4000-8000-000000000000.pdf`)).statusCode).toBe(404);
    const portOfficer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await portOfficer.get(`/cases/${opened.reference}/letters/${letter!.id}.pdf`)).statusCode).toBe(403);
  });
});

describe('the postal outbox', () => {
  it('lists unposted letters oldest first and marks one as posted, with a LetterPosted event', async () => {
    await step(caseworker, opened.reference, 'sendInitialNotice', owner().id);
    const [driverLetter] = await lettersOf(driver().id);
    const [ownerLetter] = await lettersOf(owner().id);
    const outbox = await caseworker.get('/letters/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body.indexOf(driverLetter!.id)).toBeGreaterThan(-1);
    expect(outbox.body.indexOf(driverLetter!.id)).toBeLessThan(outbox.body.indexOf(ownerLetter!.id));

    const posted = await caseworker.post('/letters/outbox', { single: driverLetter!.id });
    expect(posted.statusCode).toBe(303);
    expect((await lettersOf(driver().id))[0]!.postedAt).not.toBeNull();
    expect((await lettersOf(owner().id))[0]!.postedAt).toBeNull();
    const events = await eventsOf('LetterPosted');
    expect(events.map((event) => event.payload.letterId)).toEqual([driverLetter!.id]);
    const after = await caseworker.get('/letters/outbox?posted=1');
    expect(after.body).toContain('1 letter marked as posted');
    expect(after.body).not.toContain(`value="${driverLetter!.id}"`);
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toMatch(/Posted \d/);
  });

  it('marks the selected letters of several cases as posted at once', async () => {
    const second = await openCase(t);
    await step(caseworker, second.reference, 'sendInitialNotice', second.liabilities[0]!.id);
    const ids = [(await lettersOf(owner().id))[0]!.id, (await lettersOf(second.liabilities[0]!.id))[0]!.id];
    await caseworker.get('/letters/outbox');
    const response = await caseworker.post('/letters/outbox', { letterIds: ids });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/letters/outbox?posted=2');
    expect((await eventsOf('LetterPosted')).length).toBe(2);
    expect((await eventsOf('LetterPosted', second.reference)).length).toBe(1);
  });

  it('refuses a letter already posted and an empty selection, changing nothing', async () => {
    const [letter] = await lettersOf(driver().id);
    await caseworker.get('/letters/outbox');
    const again = await caseworker.post('/letters/outbox', { letterIds: [letter!.id] });
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toMatch(/already been marked as posted/);
    const none = await caseworker.post('/letters/outbox', {});
    expect(none.statusCode).toBe(422);
    expect(errorSummary(none.body)).toMatch(/Select at least one letter/);
    expect((await eventsOf('LetterPosted')).length).toBe(2);
  });

  it('is not open to assurers or analysts', async () => {
    expect((await assurer.get('/letters/outbox')).statusCode).toBe(403);
    expect((await (await WebClient.signedIn(t.app, 'analyst')).get('/letters/outbox')).statusCode).toBe(403);
  });
});

describe('documents received with the response', () => {
  it('keeps uploaded documents with the person and serves them from the case', async () => {
    const page = await caseworker.get(`/cases/${opened.reference}/response-documents/new?liability=${driver().id}`);
    expect(page.statusCode).toBe(200);
    const response = await upload(
      caseworker,
      `/cases/${opened.reference}/response-documents`,
      { liabilityId: driver().id, ...dateFields('receivedOn', today()), description: 'Seal log and checklist' },
      [{ name: 'seal-log.pdf', bytes: minimalPdf('Seal log'), type: 'application/pdf' }],
    );
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const [event] = await eventsOf('ResponseDocumentsReceived');
    const files = event!.payload.files as { hash: string; originalName: string; mediaType: string; size: number }[];
    expect(event!.payload).toMatchObject({ liabilityId: driver().id, receivedOn: today(), description: 'Seal log and checklist' });
    expect(files).toMatchObject([{ originalName: 'seal-log.pdf', mediaType: 'application/pdf' }]);

    const casePage = await caseworker.get(`/cases/${opened.reference}`);
    expect(casePage.body).toContain('Documents received with the response');
    expect(casePage.body).toContain(`/cases/${opened.reference}/response-documents/${files[0]!.hash}`);
    const download = await caseworker.get(`/cases/${opened.reference}/response-documents/${files[0]!.hash}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('seal-log.pdf');
    expect((await caseworker.get(`/cases/${opened.reference}/response-documents/${'a'.repeat(64)}`)).statusCode).toBe(404);
  });

  it('shows field errors for a missing date, description and file, and saves nothing', async () => {
    await caseworker.get(`/cases/${opened.reference}/response-documents/new?liability=${driver().id}`);
    const response = await upload(caseworker, `/cases/${opened.reference}/response-documents`, { liabilityId: driver().id }, []);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="receivedOn-error"');
    expect(response.body).toContain('id="description-error"');
    expect(response.body).toContain('id="file-error"');
    expect((await eventsOf('ResponseDocumentsReceived')).length).toBe(1);
  });

  it('refuses documents for a person no initial notice was sent to', async () => {
    const fresh = await openCase(t);
    const l = fresh.liabilities[0]!;
    await caseworker.get(`/cases/${fresh.reference}/response-documents/new?liability=${l.id}`);
    const response = await upload(
      caseworker,
      `/cases/${fresh.reference}/response-documents`,
      { liabilityId: l.id, ...dateFields('receivedOn', today()), description: 'Letter' },
      [{ name: 'letter.pdf', bytes: minimalPdf('Letter'), type: 'application/pdf' }],
    );
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toMatch(/No initial notice has been sent/);
    expect((await eventsOf('ResponseDocumentsReceived', fresh.reference)).length).toBe(0);
  });
});

describe('evidence sent with an objection', () => {
  it('is refused before an objection is recorded', async () => {
    const fresh = await openCase(t);
    const l = fresh.liabilities[0]!;
    await caseworker.get(`/cases/${fresh.reference}/response-documents/new?liability=${l.id}&about=objection`);
    const response = await upload(
      caseworker,
      `/cases/${fresh.reference}/response-documents`,
      { liabilityId: l.id, about: 'objection', ...dateFields('receivedOn', today()), description: 'Accreditation certificate' },
      [{ name: 'certificate.pdf', bytes: minimalPdf('Certificate'), type: 'application/pdf' }],
    );
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toMatch(/No objection has been recorded/);
    expect((await eventsOf('ResponseDocumentsReceived', fresh.reference)).length).toBe(0);
  });
});

describe('a notice sent to the wrong address: four-eyes address change, then the re-sent notice', () => {
  const newAddress = { line1: 'ul. Piotrkowska 100', line2: 'lok. 7', town: 'Łódź', postcode: '90-004', country: 'pl' };

  it('refuses to re-send while the address is still the wrong one', async () => {
    const recorded = await step(caseworker, opened.reference, 'recordNoticeSentToWrongAddress', driver().id, { reason: 'Returned by Poczta Polska: addressee moved.' });
    expect(recorded.statusCode, errorSummary(recorded.body)).toBe(303);
    const refused = await step(caseworker, opened.reference, 'resendInitialNotice', driver().id);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/still the one the notice went to wrongly/);
  });

  it('shows field errors for an address without a town or a two-letter country, and saves nothing', async () => {
    await caseworker.get(`/cases/${opened.reference}/address-change?liability=${driver().id}`);
    const response = await caseworker.post(`/cases/${opened.reference}/address-change`, { liabilityId: driver().id, line1: 'ul. Piotrkowska 100', country: 'Poland', reason: 'New address' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="town-error"');
    expect(response.body).toContain('Enter the country as a two-letter code');
    expect((await eventsOf('AddressChangeProposed')).length).toBe(0);
  });

  it('takes a proposed address, and only one waiting change per person', async () => {
    await caseworker.get(`/cases/${opened.reference}/address-change?liability=${driver().id}`);
    const proposed = await caseworker.post(`/cases/${opened.reference}/address-change`, { liabilityId: driver().id, ...newAddress, reason: 'The driver phoned with his new address.' });
    expect(proposed.statusCode, errorSummary(proposed.body)).toBe(303);
    const [event] = await eventsOf('AddressChangeProposed');
    expect(event!.payload.addressLines).toEqual(['ul. Piotrkowska 100', 'lok. 7', '90-004 Łódź', 'PL']);
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('Change waiting for approval');

    await caseworker.get(`/cases/${opened.reference}/address-change?liability=${driver().id}`);
    const second = await caseworker.post(`/cases/${opened.reference}/address-change`, { liabilityId: driver().id, ...newAddress, line1: 'ul. Inna 1', reason: 'Another' });
    expect(second.statusCode).toBe(422);
    expect(errorSummary(second.body)).toMatch(/already waiting for approval/);
    expect((await eventsOf('AddressChangeProposed')).length).toBe(1);
  });

  it('refuses the proposer approving their own change, with the reason, and keeps the old address', async () => {
    const page = await caseworker.get(`/cases/${opened.reference}/address-change/decision?liability=${driver().id}`);
    expect(page.body).toContain('You proposed this change, so you cannot approve it');
    const proposal = /name="proposal" value="(\d+)"/.exec(page.body)![1]!;
    const refused = await caseworker.post(`/cases/${opened.reference}/address-change/decision`, { liabilityId: driver().id, proposal, decision: 'approve' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/You proposed this address change, so you cannot approve it/);
    const [row] = await t.database.db.select().from(liabilities).where(eq(liabilities.id, driver().id));
    expect(row!.addressLines).toEqual(['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'PL']);
    expect((await eventsOf('AddressChangeApproved')).length).toBe(0);
  });

  it('takes a different officer’s approval, after which the re-sent notice is a second IS11E letter to the new address', async () => {
    const page = await assurer.get(`/cases/${opened.reference}/address-change/decision?liability=${driver().id}`);
    const proposal = /name="proposal" value="(\d+)"/.exec(page.body)![1]!;
    const approved = await assurer.post(`/cases/${opened.reference}/address-change/decision`, { liabilityId: driver().id, proposal, decision: 'approve', version: /name="version" value="(\d+)"/.exec(page.body)![1]! });
    expect(approved.statusCode, errorSummary(approved.body)).toBe(303);
    const [row] = await t.database.db.select().from(liabilities).where(eq(liabilities.id, driver().id));
    expect(row!.addressLines).toEqual(['ul. Piotrkowska 100', 'lok. 7', '90-004 Łódź', 'PL']);

    const resent = await step(caseworker, opened.reference, 'resendInitialNotice', driver().id);
    expect(resent.statusCode, errorSummary(resent.body)).toBe(303);
    const letters = await lettersOf(driver().id);
    expect(letters.map((letter) => letter.form)).toEqual(['IS11E', 'IS11E']);
    expect(letters[0]!.addressLines).toEqual(['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'PL']);
    expect(letters[1]!.addressLines).toEqual(['ul. Piotrkowska 100', 'lok. 7', '90-004 Łódź', 'PL']);
    expect(letters[1]!.title).toContain('re-sent');
    expect((await caseFile()).states.get(driver().id)!.stage).toBe('initial-notice-sent');

    const casePage = await caseworker.get(`/cases/${opened.reference}`);
    expect(casePage.body).toContain('Wrong address');
    expect(casePage.body).toContain('Address change approved');
    expect(casePage.body).toContain('Initial notice re-sent');
  });
});

describe('a data breach recorded against the letter that went to the wrong address', () => {
  const breach = {
    disclosed: 'The driver’s name, address and the incident details, opened by the new occupant.',
    riskReasons: 'Identity details and an allegation of an offence.',
    actionsTaken: 'Asked the occupant to destroy the letter; address corrected; notice re-sent.',
    lettersSent: 'Apology to the driver\nLetter to the occupant asking for destruction',
  };
  const breachUrl = async () => `/cases/${opened.reference}/letters/${(await lettersOf(driver().id))[0]!.id}/data-breach`;

  it('shows a field error when the risk level is missing, and saves nothing', async () => {
    const url = await breachUrl();
    await caseworker.get(url);
    const response = await caseworker.post(url, { ...dateFields('foundOn', today()), ...breach, icoMustBeTold: 'yes' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="riskLevel-error"');
    expect(errorSummary(response.body)).toMatch(/Select the risk to the people whose information was disclosed/);
    expect(response.body).toContain('Apology to the driver');
    expect((await eventsOf('DataBreachRecorded')).length).toBe(0);
  });

  it('refuses “the ICO need not be told” for a high risk', async () => {
    const url = await breachUrl();
    await caseworker.get(url);
    const response = await caseworker.post(url, { ...dateFields('foundOn', today()), ...breach, riskLevel: 'high', icoMustBeTold: 'no' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="icoMustBeTold-error"');
    expect((await eventsOf('DataBreachRecorded')).length).toBe(0);
  });

  it('records a high-risk breach, says the ICO must be told, and lists it for managers', async () => {
    const url = await breachUrl();
    await caseworker.get(url);
    const response = await caseworker.post(url, { ...dateFields('foundOn', today()), ...breach, riskLevel: 'high' });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const [event] = await eventsOf('DataBreachRecorded');
    expect(event!.payload).toMatchObject({ riskLevel: 'high', icoMustBeTold: true, lettersSent: ['Apology to the driver', 'Letter to the occupant asking for destruction'] });
    const page = await caseworker.get(`/cases/${opened.reference}`);
    expect(page.body).toContain('Data breach: high risk');
    expect(page.body).toContain('The ICO must be told');
    const list = await manager.get('/letters/data-breaches');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(opened.reference);
    expect(list.body).toContain('Must be told');
    expect((await caseworker.get('/letters/data-breaches')).statusCode).toBe(403);
  });
});

describe('the letter that tells the objector the decision', () => {
  it('produces an IS11C letter with the fresh calculation when a penalty is reduced on objection', async () => {
    const single = await openCase(t);
    const l = single.liabilities.find((person) => person.role === 'owner')!;
    await identifyEveryone(caseworker, single);
    // Every responsible person needs a recommendation before any penalty of the incident is imposed.
    for (const person of single.liabilities) {
      await step(caseworker, single.reference, 'sendInitialNotice', person.id);
      await step(caseworker, single.reference, 'recordResponse', person.id, dateFields('receivedOn', today()));
      const facts: Record<string, string> = person.role === 'owner' ? { compliedWithRegulations: 'no' } : { compliedWithRegulations: 'no' };
      expect((await step(caseworker, single.reference, 'draftRecommendation', person.id, facts)).statusCode).toBe(303);
      expect((await step(assurer, single.reference, 'approveRecommendation', person.id)).statusCode).toBe(303);
    }
    t.clock.advanceDays(43);
    const imposed = await step(caseworker, single.reference, 'imposePenalty', l.id);
    expect(imposed.statusCode, errorSummary(imposed.body)).toBe(303);
    await step(caseworker, single.reference, 'recordObjection', l.id, { ...dateFields('receivedOn', today()), grounds: 'We were accredited.' });
    // The objector's evidence is kept with the case for whoever determines it.
    await caseworker.get(`/cases/${single.reference}/response-documents/new?liability=${l.id}&about=objection`);
    const evidence = await upload(
      caseworker,
      `/cases/${single.reference}/response-documents`,
      { liabilityId: l.id, about: 'objection', ...dateFields('receivedOn', today()), description: 'Accreditation certificate' },
      [{ name: 'certificate.pdf', bytes: minimalPdf('Certificate'), type: 'application/pdf' }],
    );
    expect(evidence.statusCode, errorSummary(evidence.body)).toBe(303);
    expect((await eventsOf('ResponseDocumentsReceived', single.reference)).map((event) => event.payload.about)).toEqual(['objection']);
    const withEvidence = (await caseworker.get(`/cases/${single.reference}`)).body;
    expect(withEvidence.slice(withEvidence.indexOf('Accreditation certificate') - 300, withEvidence.indexOf('Accreditation certificate') + 50)).toContain('with the objection');
    const reduced = await step(assurer, single.reference, 'determineObjection', l.id, {
      outcome: 'reduce',
      reasons: 'The company was an accredited member on the incident date.',
      compliedWithRegulations: 'no',
      // Membership from before Cordon's records: the register does not show it, so the determination overrides it with the reason.
      cpasOverride: 'yes',
      cpasOverrideReason: 'Accredited since 2019 (certificate sent with the objection); the membership predates Cordon’s register.',
    });
    expect(reduced.statusCode, errorSummary(reduced.body)).toBe(303);
    // The determination takes effect, and its letter goes, only when a Higher Officer assures it.
    const unassured = await t.database.db.select().from(caseLetters).where(and(eq(caseLetters.liabilityId, l.id), eq(caseLetters.form, 'IS11C')));
    expect(unassured).toHaveLength(0);
    const senior = await WebClient.signedIn(t.app, 'senior-officer');
    const assured = await step(senior, single.reference, 'assureObjectionDetermination', l.id, { approve: 'yes' });
    expect(assured.statusCode, errorSummary(assured.body)).toBe(303);

    const letters = await t.database.db.select().from(caseLetters).where(and(eq(caseLetters.liabilityId, l.id), eq(caseLetters.form, 'IS11C')));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.title).toBe('Objection decision: penalty reduced (IS11C)');
    const pdf = await caseworker.get(`/cases/${single.reference}/letters/${letters[0]!.id}.pdf`);
    const text = flattened((await extractPdf(pdf.rawPayload)).text);
    expect(text).toContain('We have decided to reduce the penalty from £1,500 to £750.');
    expect(text).toContain('Member of the Civil Penalty Accreditation Scheme on the incident date');
    expect(text).toContain('New penalty £750');
    expect(text).toContain('The company was an accredited member on the incident date.');
    expect(text).toContain('Decyzja w sprawie sprzeciwu: kara obniżona');
    expect(text).toMatch(/You must appeal by \d{1,2} \w+ \d{4}\./);

    const page = await caseworker.get(`/cases/${single.reference}`);
    expect(page.body).toContain('Objection determined');
    expect(page.body).toContain('Objection decision: penalty reduced (IS11C)');
  });
});
