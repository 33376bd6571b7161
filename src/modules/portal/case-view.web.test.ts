import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { POLISH_DRIVER, POLISH_OWNER } from '../../../test/support/casework.js';
import { accessCodeOf, portalSignIn, type PortalPerson } from '../../../test/support/portal.js';

/* The portal's case overview, penalty page and letter PDFs, signed in as the letter's recipient. */

let t: TestApp;
let kase: ImposedCase;
let other: ImposedCase;
let driver: PortalPerson;
let owner: PortalPerson;

async function person(c: ImposedCase, role: 'driver' | 'owner'): Promise<PortalPerson> {
  const liability = role === 'driver' ? c.driver : c.owner;
  return {
    reference: c.reference,
    liabilityId: liability.id,
    role,
    partyName: liability.partyName,
    accessCode: await accessCodeOf(t, liability.id),
    postcode: role === 'driver' ? POLISH_DRIVER.address.postcode : POLISH_OWNER.address.postcode,
    dateOfBirth: role === 'driver' ? POLISH_DRIVER.dateOfBirth : null,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [kase, other] = (await imposedCases(t, ['Portalview Cargo Sp. z o.o.', 'Other Cargo Sp. z o.o.'], { key: 'portal-view' })) as [ImposedCase, ImposedCase];
  driver = await person(kase, 'driver');
  owner = await person(kase, 'owner');
}, 180_000);
afterAll(async () => t?.close());

const untranslated = (body: string) => [...body.matchAll(/data-untranslated="([^"]+)"/g)].map((match) => match[1]);

describe('the portal case pages', () => {
  for (const language of ['en', 'pl', 'ro'] as const) {
    it(`shows a driver its penalty in full, in ${language}, with no English fallback`, async () => {
      const client = await portalSignIn(t, driver, { language });
      const overview = await client.get('/portal/case');
      expect(overview.statusCode).toBe(200);
      expect(overview.body).toContain(`lang="${language}"`);
      expect(overview.body).toContain(`/portal/penalties/${driver.liabilityId}`);
      expect(overview.body).not.toContain(`/portal/penalties/${kase.owner.id}`);
      expect(untranslated(overview.body)).toEqual([]);

      const page = await client.get(`/portal/penalties/${driver.liabilityId}`);
      expect(page.statusCode, page.body.slice(0, 400)).toBe(200);
      expect(untranslated(page.body)).toEqual([]);
      expect(page.body).toContain('govuk-summary-list');
      expect(page.body).toContain('govuk-task-list');
      expect(page.body).toContain(`/portal/penalties/${driver.liabilityId}/objection`);
      expect(page.body).toContain(`/portal/penalties/${driver.liabilityId}/pay`);
      expect(page.body).toMatch(new RegExp(`/portal/penalties/${driver.liabilityId}/letters/[0-9a-f-]{36}`));
      expect(page.body).not.toContain('{');
      if (language === 'pl') {
        expect(page.body).toContain('Dlaczego nałożono karę');
        expect(page.body).toContain('Jak obliczono karę');
        expect(page.body).toContain('Kwota początkowa');
        expect(page.body).toMatch(/\d{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) \d{4}/);
      }
      if (language === 'en') {
        expect(page.body).toContain('Why you were given a penalty');
        expect(page.body).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
      }
    });
  }

  it('serves the person’s letter as a PDF; another case’s letter, another person’s and a guess are the same 404', async () => {
    const client = await portalSignIn(t, driver);
    const page = await client.get(`/portal/penalties/${driver.liabilityId}`);
    const href = /href="(\/portal\/penalties\/[^"]+\/letters\/[0-9a-f-]{36})"/.exec(page.body)![1]!;
    const pdf = await client.get(href);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    const otherCase = (await t.app.inject({ url: `/api/v1/cases/${other.reference}/letters`, headers: { authorization: 'Bearer cordon_demo_caseworker_eo_token' } })).json() as { letters: { id: string; recipient: { liabilityId: string } }[] };
    const otherLetter = otherCase.letters.find((letter) => letter.recipient.liabilityId === other.driver.id)!;
    const ownersLetter = ((await t.app.inject({ url: `/api/v1/cases/${kase.reference}/letters`, headers: { authorization: 'Bearer cordon_demo_caseworker_eo_token' } })).json() as { letters: { id: string; recipient: { liabilityId: string } }[] }).letters.find((letter) => letter.recipient.liabilityId === kase.owner.id)!;
    const guessed = await client.get(`/portal/penalties/${driver.liabilityId}/letters/00000000-0000-4000-8000-000000000000`);
    expect(guessed.statusCode).toBe(404);
    for (const url of [
      `/portal/penalties/${driver.liabilityId}/letters/${otherLetter.id}`,
      `/portal/penalties/${other.driver.id}/letters/${otherLetter.id}`,
      `/portal/penalties/${driver.liabilityId}/letters/${ownersLetter.id}`,
      `/portal/penalties/${kase.owner.id}/letters/${ownersLetter.id}`,
      `/portal/penalties/${driver.liabilityId}/letters/not-a-letter`,
      `/portal/penalties/${kase.owner.id}`,
      `/portal/penalties/${other.driver.id}`,
    ]) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(response.body)?.[1], url).toBe(/<h1[^>]*>([^<]*)<\/h1>/.exec(guessed.body)?.[1]);
    }
  });

  it('shows an owner its own and its driver’s penalty, and whether the driver has paid', async () => {
    const client = await portalSignIn(t, owner, { language: 'ro' });
    const overview = await client.get('/portal/case');
    expect(overview.body).toContain(`/portal/penalties/${kase.owner.id}`);
    expect(overview.body).toContain(`/portal/penalties/${kase.driver.id}`);
    expect(overview.body).toContain('Penalitățile șoferilor dumneavoastră');
    const page = await client.get(`/portal/penalties/${kase.owner.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Penalitatea șoferului dumneavoastră');
    expect(page.body).toContain('Neplătită');
    expect(untranslated(page.body)).toEqual([]);
    const driversPage = await client.get(`/portal/penalties/${kase.driver.id}`);
    expect(driversPage.statusCode).toBe(200);
  });

  it('sends a visitor without a session to sign in', async () => {
    const response = await new WebClient(t.app).get(`/portal/penalties/${driver.liabilityId}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/portal/);
  });
});
