import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { safeFrom } from './service.js';

/* Feedback on the service (issue #15 item 7): the public form, where it came from, the managers' list and the report's counts. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('feedback', () => {
  it('only keeps a path on this service as where it came from', () => {
    expect(safeFrom('/portal/case')).toBe('/portal/case');
    expect(safeFrom('//evil.example/x')).toBeNull();
    expect(safeFrom('https://evil.example')).toBeNull();
    expect(safeFrom('/a b')).toBeNull();
    expect(safeFrom('/x'.repeat(300))).toBeNull();
    expect(safeFrom(['/a'])).toBeNull();
  });

  it('a visitor gives feedback in Polish from a page; a manager sees it counted by satisfaction and month with the comment', async () => {
    const visitor = new WebClient(t.app);
    const form = await visitor.get('/feedback?from=/contact&lang=pl');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('lang="pl"');
    expect(form.body).toContain('Bardzo zadowolony(-a)');
    expect(form.body).toContain('name="from" value="/contact"');

    const empty = await visitor.post('/feedback', { from: '/contact', comments: 'Zachowaj to' });
    expect(empty.statusCode).toBe(422);
    expect(text(empty.body)).toContain('Wybierz, jak oceniasz usługę');
    expect(empty.body).toContain('Zachowaj to');

    const tooLong = await visitor.post('/feedback', { satisfaction: 'satisfied', comments: 'x'.repeat(1201) });
    expect(tooLong.statusCode).toBe(422);
    expect(text(tooLong.body)).toContain('1200');

    const unknown = await visitor.post('/feedback', { satisfaction: 'ecstatic' });
    expect(unknown.statusCode).toBe(422);
    const nul = await visitor.post('/feedback', { satisfaction: 'satisfied', comments: 'a\u0000b' });
    expect(nul.statusCode).toBeLessThan(500);

    const given = await visitor.post('/feedback', { satisfaction: 'very-satisfied', comments: 'Bardzo przejrzysta strona', from: '/contact' });
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe('/feedback/thank-you?from=%2Fcontact');
    const thanks = await visitor.get(given.headers.location as string);
    expect(text(thanks.body)).toContain('Dziękujemy za opinię');
    expect(thanks.body).toContain('href="/contact"');
    expect((await visitor.post('/feedback', { satisfaction: 'dissatisfied', from: '//evil.example' })).headers.location).toBe('/feedback/thank-you');

    const manager = await WebClient.signedIn(t.app, 'manager');
    const list = await manager.get('/feedback/responses');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/data-satisfaction="very-satisfied"[^>]*>1</);
    expect(list.body).toMatch(/data-satisfaction="dissatisfied"[^>]*>1</);
    expect(text(list.body)).toContain('Bardzo przejrzysta strona');
    expect(text(list.body)).toContain('from /contact');

    const report = await t.services.feedback.report(`${ukDate(new Date()).slice(0, 4)}-01-01`, ukDate(new Date()));
    expect(report.total).toBe(2);
    expect(report.satisfiedPercent).toBe(50);
    expect(report.byMonth).toHaveLength(1);
    expect(report.comments).toEqual([expect.objectContaining({ comments: 'Bardzo przejrzysta strona', language: 'pl', from: '/contact' })]);

    expect((await (await WebClient.signedIn(t.app, 'caseworker-eo')).get('/feedback/responses')).statusCode).toBe(403);
  });
});
