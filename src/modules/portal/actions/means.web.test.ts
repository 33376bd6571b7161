import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { portalCase, portalSignIn, type PortalCase } from '../../../../test/support/portal.js';
import { errorSummary } from '../../../../test/support/casework.js';
import { minimalPdf } from '../../../platform/files/test-fixtures.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/* The means test page: a company asks with its accounts (Polish documents: a translation flagged); a driver sees a person's list, in Romanian. */

let t: TestApp;
let kase: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  kase = await portalCase(t, { tractorRegistration: `WGM ${Math.floor(Math.random() * 9000) + 1000}M` });
}, 240_000);
afterAll(async () => t?.close());

async function postMeans(client: WebClient, liabilityId: string, fields: Record<string, string>, files: { name: string; bytes: Buffer }[] = []) {
  const boundary = '----cordon-means';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`)];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url: `/portal/penalties/${liabilityId}/means`,
    headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

describe('the means test page', () => {
  it('a company asks with two documents in Polish: a translation is flagged and the caseworker sees it', async () => {
    const client = await portalSignIn(t, kase.owner, { language: 'en' });
    const page = await client.get(`/portal/penalties/${kase.owner.liabilityId}/means`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ask for a means test');
    expect(page.body).toContain('management accounts');
    expect(page.body).not.toContain('payslips');
    expect(page.body).toMatch(/<option value="pl"[^>]*lang="pl"[^>]*>polski<\/option>/);
    expect(page.body).toContain('Another language');

    const empty = await postMeans(client, kase.owner.liabilityId, { documentLanguage: '', statement: 'Small firm' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Select the language the documents are in');
    expect(empty.body).toContain('Upload at least one document');
    expect(empty.body).toContain('Small firm');
    const odd = await postMeans(client, kase.owner.liabilityId, { documentLanguage: 'pl', statement: 'bad \u0000' }, [{ name: 'a.pdf', bytes: minimalPdf('A') }]);
    expect(odd.statusCode).toBe(422);

    await client.get(`/portal/penalties/${kase.owner.liabilityId}/means`);
    const sent = await postMeans(client, kase.owner.liabilityId, { documentLanguage: 'pl', statement: 'Two lorries, a small firm.' }, [
      { name: 'accounts-2025.pdf', bytes: minimalPdf('Accounts') },
      { name: 'bank-october.pdf', bytes: minimalPdf('Bank') },
    ]);
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Means test requested');
    expect(sent.body).toContain('accounts-2025.pdf');
    expect(sent.body).toContain('we will have them translated first');
    const file = await t.services.cases.caseFile(kase.reference);
    const asked = file!.events.find((e) => e.type === CASE_EVENT.MeansTestRequested)!;
    expect(asked.payload).toMatchObject({ liabilityId: kase.owner.liabilityId, applicant: 'company', documentLanguage: 'pl', translationNeeded: true });
    expect(asked.actorId).toBe(`portal:${kase.owner.liabilityId}`);

    // Asking twice: the error beside the form, not a 500.
    await client.get(`/portal/penalties/${kase.owner.liabilityId}/means`);
    const again = await postMeans(client, kase.owner.liabilityId, { documentLanguage: 'en' }, [{ name: 'more.pdf', bytes: minimalPdf('More') }]);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('You have already asked for a means test');

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = (await caseworker.get(`/cases/${kase.reference}`)).body;
    expect(casePage).toContain('Means test asked for online');
    expect(casePage).toContain('translation needed');
  });

  it('a driver, in Romanian, is asked for payslips and benefit letters; not on another’s penalty', async () => {
    const client = await portalSignIn(t, kase.driver, { language: 'ro' });
    expect((await client.get(`/portal/penalties/${kase.owner.liabilityId}/means`)).statusCode).toBe(404);
    const page = await client.get(`/portal/penalties/${kase.driver.liabilityId}/means`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Solicitați o evaluare a situației financiare');
    expect(page.body).toContain('fluturași de salariu');
    expect(page.body).not.toContain('data-untranslated');
    await client.get(`/portal/penalties/${kase.driver.liabilityId}/means`);
    const sent = await postMeans(client, kase.driver.liabilityId, { documentLanguage: 'other' }, [{ name: 'payslip.pdf', bytes: minimalPdf('Payslip') }]);
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Cererea de evaluare a situației financiare a fost trimisă');
  });
});
