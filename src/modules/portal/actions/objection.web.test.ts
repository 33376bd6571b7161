import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, step } from '../../../../test/support/casework.js';
import { accessCodeOf, portalCase, portalSignIn, type PortalCase } from '../../../../test/support/portal.js';
import { minimalPdf } from '../../../platform/files/test-fixtures.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { formatDate } from '../../../platform/i18n/format.js';

/* The objection page: a driver objects with a PDF, in English and in Polish; errors beside the field. */

let t: TestApp;
let kases: PortalCase[];

/** A portal case with both penalties imposed, and each person's newest access code (the penalty notice's). */
async function imposed(): Promise<PortalCase> {
  const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  const kase = await portalCase(t, { tractorRegistration: `WGM ${Math.floor(Math.random() * 9000) + 1000}K` }, { caseworker });
  for (const l of kase.opened.liabilities) {
    expect((await step(caseworker, kase.reference, 'recordResponse', l.id, dateFields('receivedOn', ukDate(t.clock.now())))).statusCode).toBe(303);
    const drafted = await step(caseworker, kase.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    expect((await step(assurer, kase.reference, 'approveRecommendation', l.id)).statusCode).toBe(303);
  }
  return kase;
}

beforeAll(async () => {
  t = await createTestApp();
  kases = [await imposed(), await imposed()];
  t.clock.advanceDays(45);
  const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  for (const kase of kases) {
    expect((await step(caseworker, kase.reference, 'imposePenalty', kase.opened.liabilities.map((l) => l.id))).statusCode).toBe(303);
    kase.driver.accessCode = await accessCodeOf(t, kase.driver.liabilityId);
  }
}, 240_000);
afterAll(async () => t?.close());

async function postObjection(client: WebClient, liabilityId: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----cordon-objection';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`)];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: `/portal/penalties/${liabilityId}/objection`,
    headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

describe('the objection page', () => {
  it('a driver objects in English with a PDF: the caseworkers’ objection, with its evidence', async () => {
    const kase = kases[0]!;
    const client = await portalSignIn(t, kase.driver, { language: 'en' });
    const page = await client.get(`/portal/penalties/${kase.driver.liabilityId}/objection`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Object to the penalty');
    expect(page.body).not.toContain('lateReason');

    const empty = await postObjection(client, kase.driver.liabilityId, { grounds: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Enter why you object to the penalty');
    expect(empty.body).toContain('govuk-error-summary');

    await client.get(`/portal/penalties/${kase.driver.liabilityId}/objection`);
    const sent = await postObjection(client, kase.driver.liabilityId, { grounds: 'The seals were checked at every stop.' }, { name: 'seal-log.pdf', bytes: minimalPdf('Seal log') });
    expect(sent.statusCode, sent.body.slice(0, 1500)).toBe(200);
    expect(sent.body).toContain('Objection sent');
    // The date they will hear by: objection determination days (70 in the default policy) from today.
    // (Calendar days from today's UK date: 70 times 24 hours from 23:30 in winter lands a day later in summer time.)
    const hearBy = formatDate('en', addDays(ukDate(t.clock.now()), 70));
    expect(sent.body).toContain(`write to you with the decision by ${hearBy}`);
    expect(sent.body).toContain('The seals were checked at every stop.');
    const file = await t.services.cases.caseFile(kase.reference);
    expect(file!.states.get(kase.driver.liabilityId)!.stage).toBe('objection-received');
    const documents = file!.events.find((e) => e.type === CASE_EVENT.ResponseDocumentsReceived && e.payload.about === 'objection')!;
    expect(documents.actorId).toBe(`portal:${kase.driver.liabilityId}`);
    // The caseworker sees it on the case.
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/cases/${kase.reference}`)).body).toContain('The seals were checked at every stop.');
  });

  it('in Polish, and never on someone else’s penalty', async () => {
    const kase = kases[1]!;
    const client = await portalSignIn(t, kase.driver, { language: 'pl' });
    expect((await client.get(`/portal/penalties/${kases[0]!.driver.liabilityId}/objection`)).statusCode).toBe(404);
    expect((await client.get(`/portal/penalties/${kase.owner.liabilityId}/objection`)).statusCode).toBe(404);
    const page = await client.get(`/portal/penalties/${kase.driver.liabilityId}/objection`);
    expect(page.body).toContain('Złóż sprzeciw wobec kary');
    const empty = await postObjection(client, kase.driver.liabilityId, { grounds: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Wpisz, dlaczego nie zgadzasz się z karą');
    await client.get(`/portal/penalties/${kase.driver.liabilityId}/objection`);
    const sent = await postObjection(client, kase.driver.liabilityId, { grounds: 'Plomby były sprawdzane.' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Sprzeciw wysłany');
  });
});
