import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { jobs } from '../../platform/jobs/schema.js';
import { events } from '../../platform/events/schema.js';
import { OutboxMailer, type Email, type Mailer } from '../../platform/notify/mailer.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';
import { accreditationLetters } from './assess-schema.js';
import { ACCREDITATION_LETTER_JOB } from './letter-job.js';

/*
 * A CPAS application's letters in the postal outbox and its decision emails through the job
 * queue: each step that calls for a letter (submission → acknowledgement, request for information,
 * acceptance or refusal) queues one job in its own transaction; the job makes the letter once (to
 * the company's address, English then the application's language), lists it in
 * correspondence's outbox with the case letters (printed in the bundle, marked as posted once,
 * shown on the application page), and emails a decision with the PDF — tried again after a
 * failed send, never twice after it was recorded.
 */

/** The outbox folder, with a switch that makes the next sends fail (Notify down). */
class FlakyMailer implements Mailer {
  readonly channel = 'outbox' as const;
  failures = 0;
  constructor(readonly inner: OutboxMailer) {}
  async send(email: Email) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('Notify is not answering');
    }
    return this.inner.send(email);
  }
}

let t: TestApp;
let mailer: FlakyMailer;
let eo: WebClient;
let so: WebClient;
const refs: Record<string, string> = {};

const EO = { id: 'eo-letters', name: 'Assessor', roles: ['caseworker-eo'] };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');
const pdfText = async (hash: string) => flattened((await extractPdf((await t.services.files.get(hash))!)).text);
/** What was emailed, in sending order. */
const emails = (): { to: string; subject: string; body: string; attachment: string | null }[] =>
  fs.existsSync(mailer.inner.folder)
    ? fs.readdirSync(mailer.inner.folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(mailer.inner.folder, f), 'utf8')))
    : [];
const lettersOf = (reference: string) => t.database.db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, reference));

async function submit(name: string, email: string, language = 'pl') {
  const outcome = await t.services.accreditation.submit(
    {
      language,
      company: { name, country: 'PL', addressLines: ['ul. Portowa 9', 'Gdańsk'], postcode: '80-001', operatorLicence: `PL/${name.length}/2021`, contactName: 'Marta Wiśniewska', email, phone: null, numberOfDrivers: 4 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, { description: `Tak to robimy: ${area}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
      declaration: true,
    },
    { channel: 'online' },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value;
}

async function version(client: WebClient, reference: string) {
  return /name="version" value="(\d+)"/.exec((await client.get(`/accreditation/applications/${reference}`)).body)![1]!;
}

async function assessAll(reference: string, outcome: (area: string) => 'met' | 'notMet') {
  for (const area of ACCREDITATION_AREAS) {
    const done = await t.services.accreditation.act(reference, 'assessArea', { area, outcome: outcome(area), notes: outcome(area) === 'met' ? '' : 'Brak rejestru szkoleń' }, { actor: EO });
    expect(done.ok).toBe(true);
  }
}

beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cpas-letters-'));
  mailer = new FlakyMailer(new OutboxMailer(folder));
  t = await createTestApp({ mailer });
  t.clock.freeze(new Date('2026-12-04T09:30:00Z'));
  eo = await WebClient.signedIn(t.app, 'caseworker-eo');
  so = await WebClient.signedIn(t.app, 'senior-officer');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(mailer.inner.folder, { recursive: true, force: true });
});

describe('an application’s letters in the postal outbox', () => {
  it('acknowledges a submission by letter: one job in the submission’s transaction, the letter made once, to the company’s address, in English then Polish', async () => {
    const submitted = await submit('Bałtyk Cargo Sp. z o.o.', 'biuro@baltyk.example');
    refs.ack = submitted.reference;
    const queued = await t.database.db.select().from(jobs).where(and(eq(jobs.kind, ACCREDITATION_LETTER_JOB), eq(jobs.uniqueKey, `${ACCREDITATION_LETTER_JOB}:${submitted.reference}:1`)));
    expect(queued).toHaveLength(1);
    expect(await lettersOf(submitted.reference)).toEqual([]);

    await t.services.jobs.runUntilIdle();
    await t.services.jobs.runUntilIdle();
    const [letter, ...more] = await lettersOf(submitted.reference);
    expect(more).toEqual([]);
    expect([letter!.kind, letter!.form, letter!.language, letter!.emailedTo, letter!.postedOn]).toEqual(['acknowledgement', 'CPAS-ACK', 'pl', null, null]);
    const words = await pdfText(letter!.fileHash);
    expect(words).toContain('we have received your application');
    expect(words).toContain('otrzymaliśmy Państwa wniosek');
    expect(words).toContain(submitted.reference);
    expect(words).toContain(submitted.accessCode);
    expect(words).toContain('We will decide your application by 3 January 2027');
    expect(words).toContain('3 stycznia 2027');
    expect(words).toContain('ul. Portowa 9');
    expect(words).toContain('80-001');
    // The acknowledgement email went at submission (the core service's, with the access code), once: the letter is for the post.
    expect(emails().filter((m) => m.to === 'biuro@baltyk.example')).toHaveLength(1);
  });

  it('lists the letter in the outbox beside the case letters, prints it in the bundle, marks it posted once, and shows it on the application page', async () => {
    const [letter] = await lettersOf(refs.ack!);
    const outbox = await eo.get('/letters/outbox');
    expect(outbox.statusCode).toBe(200);
    const row = new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?value="${letter!.id}"[\\s\\S]*?</tr>`).exec(outbox.body)?.[0] ?? '';
    expect(row).toContain(`href="/accreditation/applications/${refs.ack}"`);
    expect(text(row)).toContain('Bałtyk Cargo Sp. z o.o.');
    expect(text(row)).toContain('ul. Portowa 9, Gdańsk, 80-001, Poland');
    expect(text(row)).toContain('Form CPAS-ACK, English and Polish');
    expect(row).toContain(`href="/accreditation/applications/${refs.ack}/letters/${letter!.id}.pdf"`);

    const upTo = /print\.pdf\?upTo=([^"]+)"/.exec(outbox.body)![1]!;
    const bundle = await eo.get(`/letters/outbox/print.pdf?upTo=${upTo}`);
    expect(bundle.statusCode).toBe(200);
    expect(flattened((await extractPdf(bundle.rawPayload)).text)).toContain('otrzymaliśmy Państwa wniosek');
    const confirm = await eo.get(`/letters/outbox/mark-all-posted?upTo=${upTo}`);
    expect(confirm.body).toContain(`value="${letter!.id}"`);

    const before = text((await eo.get(`/accreditation/applications/${refs.ack}`)).body);
    expect(before).toContain('waiting in the postal outbox');
    const posted = await eo.post('/letters/outbox', { single: letter!.id });
    expect([posted.statusCode, posted.headers.location]).toEqual([303, '/letters/outbox?posted=1']);
    expect((await eo.get('/letters/outbox')).body).not.toContain(`value="${letter!.id}"`);
    expect(text((await eo.get(`/accreditation/applications/${refs.ack}`)).body)).toContain('posted on 4 December 2026');
    const [row2] = await lettersOf(refs.ack!);
    expect([row2!.postedOn, row2!.postedByName]).toEqual(['2026-12-04', expect.any(String)]);
    // Marking it again (an old page) is refused on the page, and records nothing more.
    const again = await eo.post('/letters/outbox', { letterIds: [letter!.id] });
    expect(again.statusCode).toBe(422);
    expect(text(again.body)).toContain('already been marked as posted');
    const stream = await t.database.db.select().from(events).where(eq(events.streamId, `accreditation-letter-${letter!.id}`));
    expect(stream.map((e) => e.type)).toEqual(['AccreditationLetterProduced', 'AccreditationLetterPosted']);
    // Who may post letters is the outbox's rule: a Senior Officer may not.
    expect((await so.post('/letters/outbox', { single: letter!.id })).statusCode).toBe(403);
  });

  it('puts the request for information in the outbox too (emailed once, by the core service), made by the page at once and not again by its job', async () => {
    refs.request = (await submit('Wisła Trans', 'wisla@example.pl')).reference;
    await t.services.jobs.runUntilIdle();
    const before = emails().length;
    const requested = await eo.post(`/accreditation/applications/${refs.request}/request-information`, { version: await version(eo, refs.request), areas: ['driverTraining'], message: 'Prosimy o rejestr szkoleń.' });
    expect(requested.statusCode, requested.body).toBe(303);
    expect((await lettersOf(refs.request)).map((l) => l.kind).sort()).toEqual(['acknowledgement', 'informationRequest']);
    await t.services.jobs.runUntilIdle();
    const letters = await lettersOf(refs.request);
    expect(letters.map((l) => l.kind).sort()).toEqual(['acknowledgement', 'informationRequest']);
    expect(emails().slice(before).map((m) => m.to)).toEqual(['wisla@example.pl']);
    const request = letters.find((l) => l.kind === 'informationRequest')!;
    expect(request.emailedTo).toBeNull();
    expect((await eo.get('/letters/outbox')).body).toContain(`value="${request.id}"`);
    expect(await pdfText(request.fileHash)).toContain('Prosimy o rejestr szkoleń.');
  });
});

describe('decision emails through the job queue', () => {
  it('a decision taken without the page (API, or a crash before the letter) is made and emailed by its job, once, with the PDF', async () => {
    refs.accepted = (await submit('Odra Logistics', 'odra@example.pl')).reference;
    await assessAll(refs.accepted, () => 'met');
    await t.services.jobs.runUntilIdle();
    const before = emails().length;
    const accepted = await t.services.accreditation.act(refs.accepted, 'accept', {}, { actor: EO });
    expect(accepted.ok).toBe(true);
    // Nothing is made or sent until the job runs: the job is what carries it across a crash.
    expect((await lettersOf(refs.accepted)).map((l) => l.kind)).toEqual(['acknowledgement']);
    expect(emails().length).toBe(before);
    await t.services.jobs.runUntilIdle();
    await t.services.jobs.runUntilIdle();
    const decision = (await lettersOf(refs.accepted)).find((l) => l.kind === 'accepted')!;
    expect([decision.form, decision.emailedTo, decision.emailedOn]).toEqual(['CPAS-ACCEPTED', 'odra@example.pl', '2026-12-04']);
    const sent = emails().slice(before);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([['odra@example.pl', `Wniosek o akredytację ${refs.accepted}: przyjęty`]]);
    expect(sent[0]!.attachment).toMatch(new RegExp(`-${refs.accepted}-CPAS-ACCEPTED\\.pdf$`));
    expect(await pdfText(decision.fileHash)).toContain('is a member of the Civil Penalty Accreditation Scheme from 4 December 2026');
    expect((await eo.get('/letters/outbox')).body).toContain(`value="${decision.id}"`);
  });

  it('a send that fails is tried again after a delay, and the refusal letter is emailed once it succeeds; the page says the email is being sent meanwhile', async () => {
    refs.refused = (await submit('Narew Przewozy', 'narew@example.pl')).reference;
    await assessAll(refs.refused, (area) => (area === 'driverTraining' ? 'notMet' : 'met'));
    await t.services.jobs.runUntilIdle();
    expect((await t.services.accreditation.act(refs.refused, 'proposeRefusal', { summary: null }, { actor: EO })).ok).toBe(true);
    const before = emails().length;
    mailer.failures = 1;
    const approved = await so.post(`/accreditation/applications/${refs.refused}/approve-refusal`, { version: await version(so, refs.refused) });
    expect(approved.statusCode, approved.body).toBe(303);
    expect(text((await so.get(`/accreditation/applications/${refs.refused}`)).body)).toContain('Refusal approved: the decision letter is emailed to narew@example.pl and waits in the postal outbox');
    expect(await t.services.jobs.runUntilIdle()).toMatchObject({ retried: 1 });
    const page = text((await so.get(`/accreditation/applications/${refs.refused}`)).body);
    expect(page).toContain('email being sent');
    expect(emails().length).toBe(before);
    const [job] = (await t.services.jobs.waiting()).filter((j) => j.kind === ACCREDITATION_LETTER_JOB);
    expect(job?.lastError).toContain('Notify is not answering');

    t.clock.freeze(new Date(t.clock.now().getTime() + 60_000));
    expect(await t.services.jobs.runUntilIdle()).toMatchObject({ done: 1 });
    const letters = (await lettersOf(refs.refused)).filter((l) => l.kind === 'refused');
    expect(letters).toHaveLength(1);
    expect(letters[0]!.emailedTo).toBe('narew@example.pl');
    expect(emails().slice(before).map((m) => m.subject)).toEqual([`Wniosek o akredytację ${refs.refused}: odrzucony`]);
    expect(await pdfText(letters[0]!.fileHash)).toContain('Brak rejestru szkoleń');
    expect(text((await so.get(`/accreditation/applications/${refs.refused}`)).body)).toContain('emailed to narew@example.pl');
    // A job run again (a retry after the record) sends nothing twice.
    await t.services.applicationLetters.jobKind().run({ reference: refs.refused, version: (await t.services.accreditation.get(refs.refused))!.version, letter: 'refused' }, { now: t.clock.now(), attempt: 2, jobId: 'again' });
    expect(emails().length).toBe(before + 1);
  });
});
