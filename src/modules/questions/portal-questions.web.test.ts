import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { portalCase, portalSignIn } from '../../../test/support/portal.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { answerDueBy } from '../../domain/questions/decisions.js';
import { formatDate } from '../../platform/i18n/format.js';

/* A signed-in person asks a question in Polish on the portal; a caseworker answers it from /questions; the person sees the answer. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('questions on the portal', () => {
  it('asks in Polish with the date of the answer, the caseworker answers within the service level, the person reads it', async () => {
    const kase = await portalCase(t);
    const person = await portalSignIn(t, kase.driver, { language: 'pl', by: 'dateOfBirth' });
    const due = formatDate('pl', answerDueBy(ukDate(t.clock.now()), 10));
    const form = await person.get('/portal/questions/new');
    expect(form.statusCode, form.body).toBe(200);
    expect(form.body).toContain('lang="pl"');
    expect(text(form.body)).toContain(`Odpowiadamy w ciągu 10 dni roboczych. Jeśli zadasz pytanie dziś, odpowiemy do ${due}.`);

    const empty = await person.post('/portal/questions', { text: ' ', email: '' });
    expect(empty.statusCode).toBe(422);
    expect(text(empty.body)).toContain('Wpisz swoje pytanie');
    const badEmail = await person.post('/portal/questions', { text: 'Pytanie', email: 'nie-adres' });
    expect(badEmail.statusCode).toBe(422);
    expect(text(badEmail.body)).toContain('Wpisz adres e-mail w prawidłowym formacie');
    expect(badEmail.body).toContain('Pytanie');

    await person.get('/portal/questions/new');
    const asked = await person.post('/portal/questions', { text: 'Czy mogę zapłacić w ratach?', email: 'jan@example.com' });
    expect(asked.statusCode, asked.body).toBe(303);
    expect(asked.headers.location).toBe('/portal/questions');
    const list = await person.get('/portal/questions');
    expect(text(list.body)).toContain(`Twoje pytanie zostało wysłane. Odpowiemy do ${due}.`);
    expect(text(list.body)).toContain('Czy mogę zapłacić w ratach?');
    expect(text(list.body)).toContain('Oczekuje na odpowiedź');

    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const queue = await eo.get('/questions?channel=portal');
    const id = /href="\/questions\/([0-9a-f-]{36})"/.exec(queue.body)?.[1];
    expect(id).toBeTruthy();
    const page = await eo.get(`/questions/${id}`);
    expect(text(page.body)).toContain('Czy mogę zapłacić w ratach?');
    expect(text(page.body)).toContain(kase.reference);
    expect((await eo.post(`/questions/${id}/answer`, { version: '1', language: 'pl', answer: 'Tak, proszę złożyć wniosek o raty.' })).statusCode).toBe(303);

    const after = await person.get('/portal/questions');
    expect(text(after.body)).toContain('Tak, proszę złożyć wniosek o raty.');
    expect(text(after.body)).toContain('Odpowiedziano');

    // Not signed in: back to the sign-in page.
    const stranger = new WebClient(t.app);
    expect((await stranger.get('/portal/questions')).statusCode).toBe(303);
    expect((await stranger.get('/portal/questions/new')).statusCode).toBe(303);
  });
});
