import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';

/* GET /api/v1/cases/{reference}/letters: each letter's kind, language, date, recipient and PDF link. */

let t: TestApp;
let kase: ImposedCase;

beforeAll(async () => {
  t = await createTestApp();
  [kase] = (await imposedCases(t, ['Lettersapi Transport Sp. z o.o.'], { key: 'letters-api' })) as [ImposedCase];
}, 120_000);
afterAll(async () => t?.close());

interface LetterApi {
  id: string;
  kind: { code: string; name: string };
  language: string;
  date: string;
  recipient: { liabilityId: string | null; name: string; role: string | null };
  postedAt: string | null;
  emailedAt: string | null;
  pdf: string;
}

describe('the letters of a case on the API', () => {
  it('lists every letter with its kind, language, date, recipient and a PDF link that serves it', async () => {
    const response = await t.app.inject({ url: `/api/v1/cases/${kase.reference.toLowerCase()}/letters`, headers: bearer('caseworker-eo') });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { reference: string; letters: LetterApi[] };
    expect(body.reference).toBe(kase.reference);
    // An initial notice and a penalty notice to each of the driver and the owner (and the owner told of its joint liability).
    const codes = body.letters.map((letter) => `${letter.recipient.role}:${letter.kind.code}`);
    expect(codes).toEqual(expect.arrayContaining(['driver:IS11E', 'driver:IS1131A', 'owner:IS11E', 'owner:IS1131A']));
    expect(body.letters.every((letter) => letter.recipient.role !== null && letter.recipient.name !== '')).toBe(true);
    const driverNotice = body.letters.find((letter) => letter.recipient.role === 'driver' && letter.kind.code === 'IS11E')!;
    expect(driverNotice.recipient.liabilityId).toBe(kase.driver.id);
    expect(driverNotice.kind.name).not.toContain('IS11E');
    expect(driverNotice.kind.name.length).toBeGreaterThan(3);
    expect(driverNotice.language).toMatch(/^[a-z]{2}$/);
    expect(Number.isNaN(Date.parse(driverNotice.date))).toBe(false);
    expect(driverNotice.pdf).toBe(`/cases/${kase.reference}/letters/${driverNotice.id}.pdf`);
    // Oldest first: the initial notices before the penalty notices.
    const dates = body.letters.map((letter) => letter.date);
    expect(dates).toEqual([...dates].sort());
    expect(body.letters.findIndex((letter) => letter.kind.code === 'IS11E')).toBeLessThan(body.letters.findIndex((letter) => letter.kind.code === 'IS1131A'));

    const pdf = await t.app.inject({ url: driverNotice.pdf, headers: bearer('caseworker-eo') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers problem+json: 404 for an unknown case, 400 for a malformed reference', async () => {
    const unknown = await t.app.inject({ url: '/api/v1/cases/CEC-2026-999999/letters', headers: bearer('caseworker-eo') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    for (const bad of ['not-a-reference', 'CEC-2026-12345%00', '%F0%9F%98%80', `CEC-${'9'.repeat(60)}`]) {
      const response = await t.app.inject({ url: `/api/v1/cases/${bad}/letters`, headers: bearer('caseworker-eo') });
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('needs a case reader’s token', async () => {
    const anonymous = await t.app.inject({ url: `/api/v1/cases/${kase.reference}/letters` });
    expect(anonymous.statusCode).toBe(401);
  });
});
