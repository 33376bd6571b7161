import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { minimalPdf } from '../../platform/files/test-fixtures.js';
import { EVIDENCE_AREAS } from './apply-form.js';

/*
 * Apply online for CPAS (issue #16 item 1): the whole journey in English to an application recorded
 * by the application stream and its acknowledgement; the same pages in Polish from the catalogue;
 * bad input beside the field with nothing lost; save and return later; the checklists asked for
 * growing with the number of drivers (the policy table).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Received on 5 December 2026: with the policy's 30 days, a decision is due by 4 January 2027.
  t.clock.set(new Date('2026-12-05T10:00:00Z'));
});
afterAll(async () => t?.close());

const BASE = '/accreditation/apply';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');
const untranslated = (body: string) => [...body.matchAll(/data-untranslated="([^"]+)"/g)].map((match) => match[1]!);
const errorSummary = (body: string) => /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';

function outbox(): { to: string; subject: string; body: string }[] {
  const folder = t.outbox.folder;
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')));
}

/** A multipart form post (uploads) with the client's cookies and CSRF token. */
async function postFiles(client: WebClient, url: string, fields: Record<string, string | string[]>, files: { name: string; bytes: Buffer }[]) {
  const boundary = '----cordon-apply';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.csrfToken}\r\n`)];
  for (const [name, value] of Object.entries(fields)) {
    for (const one of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${one}\r\n`));
  }
  for (const file of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({ method: 'POST', url, headers: { cookie: client.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
}

const company = (over: Record<string, string> = {}) => ({
  name: 'Trans-Kowalski Sp. z o.o.',
  country: 'PL',
  addressLine1: 'ul. Marszałkowska 10',
  addressLine2: '',
  town: 'Warszawa',
  postcode: '00-590',
  operatorLicence: 'PL 0012345/2019',
  contactName: 'Anna Kowalska',
  email: 'anna@trans-kowalski.example',
  phone: '+48 22 123 45 67',
  numberOfDrivers: '2',
  ...over,
});

async function started(language?: string) {
  const client = new WebClient(t.app);
  const start = await client.get(language ? `${BASE}?lang=${language}` : BASE);
  expect(start.statusCode).toBe(200);
  const begun = await client.post(`${BASE}/start`, {});
  expect(begun.statusCode).toBe(303);
  expect(begun.headers.location).toBe(`${BASE}/tasks`);
  return { client, start };
}

async function fillEvidence(client: WebClient, checklists: number) {
  for (const area of EVIDENCE_AREAS) {
    await client.get(`${BASE}/evidence/${area}`);
    const sent = await postFiles(client, `${BASE}/evidence/${area}`, { description: `How we handle ${area}.` }, [{ name: `${area}.pdf`, bytes: minimalPdf(`Evidence ${area}`) }]);
    expect(sent.statusCode, errorSummary(sent.body)).toBe(303);
  }
  await client.get(`${BASE}/checklists`);
  const files = Array.from({ length: checklists }, (_, i) => ({ name: `checklist-${i + 1}.pdf`, bytes: minimalPdf(`Checklist ${i + 1}`) }));
  return postFiles(client, `${BASE}/checklists`, {}, files);
}

describe('apply online for CPAS', () => {
  it('a haulier applies in English: task list, evidence in five areas, checklists, check answers, declaration → recorded, acknowledged and emailed', async () => {
    const { client, start } = await started();
    expect(text(start.body)).toContain('within 30 days');
    expect(start.body).toContain('href="/accreditation/guidance"');
    const tasks = await client.get(`${BASE}/tasks`);
    expect(text(tasks.body)).toContain('Cannot start yet');

    await client.get(`${BASE}/company`);
    expect((await client.post(`${BASE}/company`, company())).statusCode).toBe(303);
    const short = await fillEvidence(client, 2);
    expect(short.statusCode).toBe(422);
    expect(errorSummary(short.body)).toContain('Add at least 3 completed checklists (you have added 2)');
    const enough = await postFiles(client, `${BASE}/checklists`, {}, [{ name: 'checklist-3.pdf', bytes: minimalPdf('Checklist 3') }]);
    expect(enough.statusCode, errorSummary(enough.body)).toBe(303);

    const check = await client.get(`${BASE}/check`);
    expect(check.statusCode).toBe(200);
    expect(text(check.body)).toContain('Trans-Kowalski Sp. z o.o.');
    expect(text(check.body)).toContain('Poland');
    expect(check.body).toContain('href="/accreditation/apply/company#name"');
    expect(check.body).toContain('href="/accreditation/apply/evidence/driverTraining"');
    expect(text(check.body)).toContain('checklist-3.pdf');

    await client.get(`${BASE}/declaration`);
    const refused = await client.post(`${BASE}/declaration`, {});
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('Confirm the declaration');
    const sent = await client.post(`${BASE}/declaration`, { declaration: 'yes' });
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    const reference = /id="application-reference">([^<]+)</.exec(sent.body)?.[1];
    expect(reference).toMatch(/^CPAS-2026-\d+$/);
    expect(text(sent.body)).toContain('We will send you a decision by 4 January 2027');

    const recorded = await t.services.accreditation.get(reference!);
    expect(recorded).toMatchObject({ companyName: 'Trans-Kowalski Sp. z o.o.', country: 'PL', operatorLicence: 'PL 0012345/2019', numberOfDrivers: 2, language: 'en', channel: 'online', receivedOn: '2026-12-05', dueOn: '2027-01-04' });
    expect(recorded?.driverChecklistFileIds).toHaveLength(3);
    expect(recorded?.areas.map((a) => a.evidence?.description)).toContain('How we handle driverTraining.');
    expect(sent.body).toContain('id="application-access-code"');
    const email = outbox().find((message) => message.subject.includes(reference!));
    expect(email?.to).toBe('anna@trans-kowalski.example');
    expect(email?.body).toContain('4 January 2027');
    // The draft is gone with the submission.
    expect((await client.get(`${BASE}/tasks`)).headers.location).toBe(BASE);
  });

  it('the same pages in Polish, every word from the catalogue', async () => {
    const { client, start } = await started('pl');
    expect(start.body).toContain('lang="pl"');
    expect(text(start.body)).toContain('Decyzję podejmujemy w ciągu 30 dni');
    const pages = [start, await client.get(`${BASE}/tasks`), await client.get(`${BASE}/company`)];
    const wrong = await client.post(`${BASE}/company`, company({ email: 'nie-email', numberOfDrivers: '12' }));
    expect(wrong.statusCode).toBe(422);
    expect(errorSummary(wrong.body)).toContain('Podaj adres e-mail w prawidłowym formacie');
    expect((await client.post(`${BASE}/company`, company({ numberOfDrivers: '12' }))).statusCode).toBe(303);
    pages.push(wrong, await client.get(`${BASE}/evidence/securityDevices`), await client.get(`${BASE}/checklists`), await client.get(`${BASE}/save`), await client.get(`${BASE}/return`));
    expect(text(pages[5]!.body)).toContain('Przy liczbie kierowców 12 dodaj co najmniej tyle wypełnionych list kontrolnych: 5');
    for (const page of pages) {
      expect(page.statusCode).toBeLessThan(500);
      expect(untranslated(page.body)).toEqual([]);
    }
  });

  it('bad input: a message beside the field and in the summary, the other answers kept, never a 500', async () => {
    const { client } = await started();
    await client.get(`${BASE}/company`);
    const bad = await client.post(`${BASE}/company`, company({ name: 'Trans\u0000Kowalski', contactName: 'Anna \uD800', numberOfDrivers: '9'.repeat(400), email: 'anna', country: 'XX' }));
    expect(bad.statusCode).toBe(422);
    const summary = errorSummary(bad.body);
    expect(summary).toContain('Enter this answer in ordinary letters');
    expect(summary).toContain('Enter the number of drivers as a whole number');
    expect(summary).toContain('Enter an email address in the correct format');
    expect(summary).toContain('Choose the country');
    expect(bad.body).toContain('href="#numberOfDrivers"');
    expect(bad.body).toContain('id="numberOfDrivers-error"');
    // The good answers are still there.
    expect(bad.body).toContain('value="ul. Marszałkowska 10"');
    expect(bad.body).toContain('value="PL 0012345/2019"');
    const empty = await postFiles(client, `${BASE}/evidence/checkRecord`, { description: 'We keep a log. \u0000' }, []);
    expect(empty.statusCode).toBe(422);
    expect(errorSummary(empty.body)).toContain('Add at least one file');
    expect(await client.get(`${BASE}/evidence/notAnArea`)).toMatchObject({ statusCode: 404 });
  });

  it('save and return later: a code shown and emailed restores the draft; a wrong code is refused', async () => {
    const { client } = await started();
    await client.get(`${BASE}/company`);
    expect((await client.post(`${BASE}/company`, company({ name: 'Saved Haulage SRL', country: 'RO', email: 'office@saved.example' }))).statusCode).toBe(303);
    const save = await client.get(`${BASE}/save`);
    expect(save.body).toContain('value="office@saved.example"');
    const saved = await client.post(`${BASE}/save`, { email: 'office@saved.example' });
    expect(saved.statusCode).toBe(200);
    const code = /id="return-code">([^<]+)</.exec(saved.body)?.[1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
    expect(text(saved.body)).toContain('We keep your answers until 3 February 2027');
    expect(outbox().some((message) => message.to === 'office@saved.example' && message.body.includes(code!))).toBe(true);

    const other = new WebClient(t.app);
    await other.get(`${BASE}/return`);
    const wrong = await other.post(`${BASE}/return`, { email: 'office@saved.example', code: code === 'AAAA-AAAA-AA' ? 'BBBB-BBBB-BB' : 'AAAA-AAAA-AA' });
    expect(wrong.statusCode).toBe(422);
    expect(errorSummary(wrong.body)).toContain('do not match a saved application');
    expect(wrong.body).not.toContain(code!);
    const back = await other.post(`${BASE}/return`, { email: 'Office@Saved.example', code: code!.toLowerCase() });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe(`${BASE}/tasks`);
    const restored = await other.get(`${BASE}/company`);
    expect(restored.body).toContain('value="Saved Haulage SRL"');
    // The first browser's cookie no longer opens the draft.
    expect((await client.get(`${BASE}/company`)).statusCode).toBe(303);

    // Wrong codes are counted per email: ten lock it, and then even the right code waits.
    const again = await other.post(`${BASE}/save`, { email: 'office@saved.example' });
    const newCode = /id="return-code">([^<]+)</.exec(again.body)?.[1];
    const guesser = new WebClient(t.app);
    await guesser.get(`${BASE}/return`);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await guesser.post(`${BASE}/return`, { email: 'office@saved.example', code: `ABCD-EFGH-${'23456789AB'[i]}${'23456789AB'[i]}` })).statusCode);
    expect(statuses.every((status) => status === 422)).toBe(true);
    const locked = await guesser.post(`${BASE}/return`, { email: 'office@saved.example', code: newCode! });
    expect(locked.statusCode).toBe(429);
    expect(errorSummary(locked.body)).toContain('Too many wrong codes');
  });

  it('the checklists asked for grow with the number of drivers (the policy table); a draft expires', async () => {
    const { client } = await started();
    const required = async (drivers: string) => {
      await client.get(`${BASE}/company`);
      expect((await client.post(`${BASE}/company`, company({ numberOfDrivers: drivers }))).statusCode).toBe(303);
      return Number(/at least (\d+) completed checklists/.exec(text((await client.get(`${BASE}/checklists`)).body))?.[1]);
    };
    const few = await required('2');
    const many = await required('300');
    expect(few).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(few);
    // A draft is kept 60 days after its last change, then it is gone.
    t.clock.advanceDays(59);
    expect((await client.get(`${BASE}/tasks`)).statusCode).toBe(200);
    t.clock.advanceDays(2);
    expect((await client.get(`${BASE}/tasks`)).headers.location).toBe(BASE);
  });
});

describe('answering a request for more information online', () => {
  it('with the reference and access code, in Polish: a wrong code refused alike, the answer and its document recorded on the application', async () => {
    const submitted = await t.services.accreditation.submit(
      {
        language: 'pl',
        company: { name: 'Odpowiedz Trans Sp. z o.o.', country: 'PL', addressLines: ['ul. Długa 7', 'Łódź'], postcode: '90-002', operatorLicence: 'PL/0043/2020', contactName: 'Ewa Nowak', email: 'ewa@odpowiedz.example', phone: null, numberOfDrivers: 4 },
        areas: Object.fromEntries(EVIDENCE_AREAS.map((area) => [area, { description: `Jak robimy: ${area}`, fileIds: [] }])),
        driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
        declaration: true,
      },
      { channel: 'online' },
    );
    if (!submitted.ok) throw new Error(JSON.stringify(submitted));
    const { reference, accessCode } = submitted.value;
    const eo = (await t.services.identity.listUsers()).find((u) => u.username === 'caseworker-eo')!;
    const asked = await t.services.accreditation.act(reference, 'requestInformation', { areas: ['driverTraining'], message: 'Prosimy o rejestr szkoleń kierowców.' }, { actor: { id: eo.id, name: eo.displayName, roles: eo.roles } });
    expect(asked.ok).toBe(true);

    const client = new WebClient(t.app);
    const form = await client.get(`/accreditation/answer?lang=pl&reference=${reference}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<html lang="pl"');
    expect(form.body).toContain(`value="${reference}"`);
    expect(form.body.match(/data-untranslated/g) ?? []).toEqual([]);

    const empty = await postFiles(client, '/accreditation/answer', { reference: '', accessCode: '', text: '' }, []);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Wpisz numer referencyjny wniosku');
    expect(empty.body).toContain('Wpisz kod dostępu');
    for (const wrong of [{ reference, accessCode: 'ABCD-EFGH' }, { reference: 'CPAS-2026-99999', accessCode }]) {
      const refused = await postFiles(client, '/accreditation/answer', { ...wrong, text: 'Odpowiedź' }, []);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('nie pasują do siebie');
    }
    expect((await t.services.accreditation.get(reference))!.openSteps).toContain('provideInformation');

    const sent = await postFiles(client, '/accreditation/answer', { reference, accessCode, text: 'W załączeniu rejestr szkoleń.' }, [{ name: 'rejestr.pdf', bytes: minimalPdf('Rejestr szkoleń') }]);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Odpowiedź wysłana');
    const application = (await t.services.accreditation.get(reference))!;
    expect(application.openSteps).not.toContain('provideInformation');
    expect(JSON.stringify(application)).toContain('W załączeniu rejestr szkoleń.');

    // Nothing more is asked for: a second answer is refused in words, not a 500.
    const again = await postFiles(client, '/accreditation/answer', { reference, accessCode, text: 'Jeszcze raz' }, []);
    expect(again.statusCode).toBe(422);
  });
});
