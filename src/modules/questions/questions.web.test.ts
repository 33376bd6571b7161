import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, openCase } from '../../../test/support/casework.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { answerDueBy } from '../../domain/questions/decisions.js';

/*
 * The questions queue (issue #15 item 6) through the staff pages: logging an email or phone
 * question, the queue and its filters, overdue, answering (emailed with the words around it in the
 * asker's language), closing, stale forms, the case page, the dashboard figure; and the contact page.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => {
  t.clock.reset();
  t.clock.set(new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`));
});

const today = () => ukDate(t.clock.now());
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function outboxMessages(): { to: string; subject: string; body: string }[] {
  const folder = t.outbox.folder;
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')));
}

async function logQuestion(client: WebClient, fields: Record<string, string>) {
  await client.get('/questions/new');
  return client.post('/questions', { channel: 'email', askerName: 'Jan Kowalski', email: 'jan@example.com', language: 'pl', text: 'Kiedy mam zapłacić karę?', ...dateFields('askedOn', today()), ...fields });
}

describe('questions received by email or phone', () => {
  it('logs a Polish question on a case, queues it with its date, answers it in Polish and emails the answer with Polish words around it', async () => {
    const opened = await openCase(t);
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const logged = await logQuestion(eo, { caseReference: opened.reference });
    expect(logged.statusCode, logged.body).toBe(303);
    const url = logged.headers.location as string;
    const page = await eo.get(url);
    expect(page.statusCode).toBe(200);
    const due = answerDueBy(today(), 10);
    expect(text(page.body)).toContain('Question logged: to be answered by');
    expect(page.body).toContain('Kiedy mam zapłacić karę?');

    const queue = await eo.get('/questions');
    expect(queue.body).toContain(url);
    expect(text(queue.body)).toContain('Jan Kowalski');
    const casePage = await eo.get(`/cases/${opened.reference}`);
    expect(casePage.body).toContain('id="questions"');
    expect(casePage.body).toContain(url);

    expect((await eo.post(`${url}/assign`, { version: '1' })).statusCode).toBe(303);
    expect(text((await eo.get(url)).body)).toMatch(/Assigned to\s+\S/);
    // A stale form (the version before the assignment) is a conflict, and nothing is answered.
    expect((await eo.post(`${url}/answer`, { version: '1', language: 'pl', answer: 'Do 1 lutego.' })).statusCode).toBe(409);
    const before = outboxMessages().length;
    const answered = await eo.post(`${url}/answer`, { version: '2', language: 'pl', answer: 'Proszę zapłacić do 1 lutego.' });
    expect(answered.statusCode, answered.body).toBe(303);
    const shown = await eo.get(url);
    expect(text(shown.body)).toContain('Answer sent to jan@example.com');
    expect(text(shown.body)).toContain('Answered within the service level');
    const sent = outboxMessages().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('jan@example.com');
    expect(sent[0]!.subject).toBe(`Odpowiedź na pytanie dotyczące kary ${opened.reference}`);
    expect(sent[0]!.body).toContain('Nasza odpowiedź:');
    expect(sent[0]!.body).toContain('Proszę zapłacić do 1 lutego.');
    expect(due >= today()).toBe(true);
    // Answered once: a second answer is refused.
    expect((await eo.post(`${url}/answer`, { version: '3', language: 'pl', answer: 'Again' })).statusCode).toBe(422);

    const manager = await WebClient.signedIn(t.app, 'manager');
    const dashboard = await manager.get('/dashboard');
    expect(dashboard.statusCode).toBe(200);
    expect(text(dashboard.body)).toMatch(/This month \d+% answered within the service level/);
  });

  it('a question received long ago and still open is overdue, flagged in the queue; answering it late counts as late', async () => {
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const logged = await logQuestion(eo, { channel: 'phone', email: '', phone: '07700 900123', askerName: 'Ion Popescu', language: 'ro', ...dateFields('askedOn', addDays(today(), -30)) });
    expect(logged.statusCode, logged.body).toBe(303);
    const url = logged.headers.location as string;
    const queue = await eo.get('/questions?channel=phone');
    expect(queue.body).toMatch(/question-row--overdue[\s\S]*Ion Popescu/);
    expect(text(queue.body)).toMatch(/Overdue by \d+ working days?/);
    const answered = await eo.post(`${url}/answer`, { version: '1', language: 'en', answer: 'We called back.', note: 'Answered by phone in English' });
    expect(answered.statusCode).toBe(303);
    // No email address: nothing emailed.
    const shown = text((await eo.get(url)).body);
    expect(shown).toContain('Answer recorded');
    expect(shown).toContain('Answered late');
    expect(shown).toContain('in English');
    expect(text((await eo.get('/questions?status=answered&channel=phone')).body)).toContain('Ion Popescu');
  });

  it('refuses bad entries beside their fields and keeps what was typed', async () => {
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const missing = await logQuestion(eo, { channel: '', text: 'Keep me', askerName: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Select how the question was received');
    expect(missing.body).toContain('Keep me');
    const noName = await logQuestion(eo, { askerName: ' ', email: 'nope' });
    expect(noName.statusCode).toBe(422);
    expect(text(noName.body)).toContain('Enter the name of the person asking');
    expect(text(noName.body)).toContain('Enter an email address in the correct format');
    const impossible = await logQuestion(eo, { 'askedOn-day': '31', 'askedOn-month': '2', 'askedOn-year': '2026' });
    expect(impossible.statusCode).toBe(422);
    expect(text(impossible.body)).toContain('must be a real date');
    const future = await logQuestion(eo, dateFields('askedOn', addDays(today(), 5)));
    expect(future.statusCode).toBe(422);
    expect(text(future.body)).toContain('today or in the past');
    const unknownCase = await logQuestion(eo, { caseReference: 'CP-NOPE-1' });
    expect(unknownCase.statusCode).toBe(422);
    expect(text(unknownCase.body)).toContain('There is no case with that reference');
    const badLanguage = await logQuestion(eo, { language: 'xx' });
    expect(badLanguage.statusCode).toBe(422);
    const nul = await logQuestion(eo, { text: 'a\u0000b' });
    expect(nul.statusCode).toBeLessThan(500);
    expect((await eo.get('/questions?status=open&status=closed')).statusCode).toBe(400);
    expect((await eo.get('/questions?channel=x')).statusCode).toBe(200);
    expect((await eo.get('/questions/not-a-uuid')).statusCode).toBe(404);
    expect((await eo.get('/questions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('closing needs a reason; only the penalty team sees the queue', async () => {
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const url = (await logQuestion(eo, {})).headers.location as string;
    expect((await eo.post(`${url}/close`, { version: '1', reason: ' ' })).statusCode).toBe(422);
    expect((await eo.post(`${url}/close`, { version: '1', reason: 'Duplicate of an earlier email' })).statusCode).toBe(303);
    expect(text((await eo.get(url)).body)).toContain('Duplicate of an earlier email');
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get('/questions')).statusCode).toBe(403);
  });
});

describe('the contact page', () => {
  it('is public, in the language asked for, with the service level of the policy in force', async () => {
    const visitor = new WebClient(t.app);
    const english = await visitor.get('/contact');
    expect(english.statusCode).toBe(200);
    expect(text(english.body)).toContain('We answer within 10 working days of receiving your question.');
    const polish = await visitor.get('/contact?lang=pl');
    expect(polish.body).toContain('lang="pl"');
    expect(text(polish.body)).toContain('Odpowiadamy w ciągu 10 dni roboczych od otrzymania pytania.');
    const romanian = await new WebClient(t.app).get('/contact?lang=ro');
    expect(text(romanian.body)).toContain('Răspundem în 10 zile lucrătoare');
  });
});
