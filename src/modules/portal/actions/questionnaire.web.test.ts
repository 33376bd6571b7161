import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { portalCase, portalSignIn, type PortalCase } from '../../../../test/support/portal.js';
import { errorSummary } from '../../../../test/support/casework.js';
import { minimalPdf } from '../../../platform/files/test-fixtures.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/* The questionnaire page: a company answers in English with a document; a driver in Polish; bad input; another's penalty. */

let t: TestApp;
let kase: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  kase = await portalCase(t, { tractorRegistration: `WGQ ${Math.floor(Math.random() * 9000) + 1000}M` });
}, 240_000);
afterAll(async () => t?.close());

async function postAnswers(client: WebClient, liabilityId: string, fields: Record<string, string>, files: { name: string; bytes: Buffer }[] = []) {
  const boundary = '----cordon-questionnaire';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`)];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: `/portal/penalties/${liabilityId}/questionnaire`,
    headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

describe('the questionnaire page', () => {
  it('a company answers in English with a document; bad input keeps the entries; the caseworker sees the response', async () => {
    const client = await portalSignIn(t, kase.owner, { language: 'en' });
    const penalty = await client.get(`/portal/penalties/${kase.owner.liabilityId}`);
    expect(penalty.body).toContain(`/portal/penalties/${kase.owner.liabilityId}/questionnaire`);
    const page = await client.get(`/portal/penalties/${kase.owner.liabilityId}/questionnaire`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Answer the questionnaire');
    expect(page.body).toContain('What instructions, training and checklists do you give your drivers');
    expect(page.body).toContain('send your latest accounts');
    expect(page.body).not.toContain('Who were you driving for?');

    const empty = await postAnswers(client, kase.owner.liabilityId, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Answer at least one question');
    const nul = await postAnswers(client, kase.owner.liabilityId, { sealNumbers: 'GB-1', records: 'bad \u0000' });
    expect(nul.statusCode).toBe(422);
    expect(nul.body).toContain('The text contains characters that cannot be read');
    expect(nul.body).toContain('GB-1');
    const huge = await postAnswers(client, kase.owner.liabilityId, { sealNumbers: 'GB-2', records: 'x'.repeat(6000) });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('5,000 characters or fewer');
    expect(huge.body).toContain('GB-2');

    await client.get(`/portal/penalties/${kase.owner.liabilityId}/questionnaire`);
    const sent = await postAnswers(client, kase.owner.liabilityId, { sealNumbers: 'GB-778812, fitted at Rotterdam', driverInstructions: 'Written checklist before every crossing' }, [
      { name: 'seal-record.pdf', bytes: minimalPdf('Seals') },
      { name: 'checklist.pdf', bytes: minimalPdf('Checklist') },
    ]);
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Answers sent');
    expect(sent.body).toContain('seal-record.pdf');
    expect(sent.body).toContain('What happens next');
    const file = await t.services.cases.caseFile(kase.reference);
    const response = file!.events.find((e) => e.type === CASE_EVENT.InitialNoticeResponseRecorded)!;
    expect(response.actorId).toBe(`portal:${kase.owner.liabilityId}`);
    expect(String(response.payload.summary)).toContain('GB-778812, fitted at Rotterdam');

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = (await caseworker.get(`/cases/${kase.reference}`)).body;
    expect(casePage).toContain('Response to the initial notice recorded');
    expect(casePage).toContain('seal-record.pdf');
  });

  it('a driver answers in Polish; not on another’s penalty', async () => {
    const client = await portalSignIn(t, kase.driver, { language: 'pl' });
    expect((await client.get(`/portal/penalties/${kase.owner.liabilityId}/questionnaire`)).statusCode).toBe(404);
    // A form token from the person's own page (tokens are bound to the portal session), posted to another's penalty.
    await client.get(`/portal/penalties/${kase.driver.liabilityId}/questionnaire`);
    expect((await postAnswers(client, kase.owner.liabilityId, { anythingElse: 'x' })).statusCode).toBe(404);
    const page = await client.get(`/portal/penalties/${kase.driver.liabilityId}/questionnaire`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wypełnij kwestionariusz');
    expect(page.body).not.toContain('data-untranslated');
    expect(page.body).toContain('name="employer"');
    await client.get(`/portal/penalties/${kase.driver.liabilityId}/questionnaire`);
    const sent = await postAnswers(client, kase.driver.liabilityId, { employer: 'Trans-Pol Sp. z o.o., Łódź' }, [{ name: 'zdjęcie.pdf', bytes: minimalPdf('Photo') }]);
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Odpowiedzi wysłane');
  });
});
