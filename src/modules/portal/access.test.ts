import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { portalCase, portalSignIn, signInForm, accessCodeOf, type PortalCase } from '../../../test/support/portal.js';
import { POLISH_DRIVER, POLISH_OWNER } from '../../../test/support/casework.js';
import { randomUUID } from 'node:crypto';
import { normaliseAccessCode, ACCESS_CODE_ALPHABET, issueAccessCode } from '../correspondence/access-codes.js';
import { caseIdOfReference } from '../casework/queries.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { languageOf } from '../correspondence/case-letters.js';
import { requirePortalSession, portalActor, portalSessionStore, type PortalSession } from './session.js';

let t: TestApp;
let kase: PortalCase;
let other: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  kase = await portalCase(t);
  other = await portalCase(t, {
    tractorRegistration: 'WGM 7777K',
    responsiblePersons: [
      { ...POLISH_DRIVER, name: 'Jan Nowak', dateOfBirth: '1975-06-01', email: 'jan@example.com', address: { line1: 'ul. Polna 3', town: 'Kraków', postcode: '31-200', country: 'PL' } },
      { ...POLISH_OWNER, name: 'Baltic Haulage UAB', address: { line1: 'Gedimino pr. 1', town: 'Vilnius', postcode: 'LT-01103', country: 'LT' } },
    ],
  });
}, 180_000);
afterAll(async () => t?.close());

const caseIdOf = async (reference: string) => (await caseIdOfReference(t.database.db, reference))!;

const NO_MATCH = 'The details you entered do not match a letter we sent';

async function refusal(form: Record<string, string>) {
  const client = new WebClient(t.app);
  await client.get('/portal');
  const response = await client.post('/portal', form);
  return { status: response.statusCode, body: response.body, cookie: response.cookies.find((c) => c.name === 'cordon_portal') };
}

describe('access codes on letters', () => {
  it('are printed on each letter, readable (no 0/O/1/I), grouped XXXX-XXXX-XX, different for each person', () => {
    for (const code of [kase.driver.accessCode, kase.owner.accessCode]) {
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
      expect(code).not.toMatch(/[01OI]/);
      expect(normaliseAccessCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    }
    expect(ACCESS_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(kase.driver.accessCode).not.toBe(kase.owner.accessCode);
  });
});

describe('signing in with a letter', () => {
  it('signs the driver in with the postcode and shows only their own penalty', async () => {
    const driver = await portalSignIn(t, kase.driver);
    const page = await driver.get('/portal/case');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/portal/penalties/${kase.driver.liabilityId}`);
    expect(page.body).not.toContain(`/portal/penalties/${kase.owner.liabilityId}`);
  });

  it('signs the driver in with the date of birth too', async () => {
    const driver = await portalSignIn(t, kase.driver, { by: 'dateOfBirth' });
    expect((await driver.get('/portal/case')).statusCode).toBe(200);
  });

  it('shows the owner its own penalty and its driver’s', async () => {
    const owner = await portalSignIn(t, kase.owner);
    const page = await owner.get('/portal/case');
    expect(page.body).toContain(`/portal/penalties/${kase.owner.liabilityId}`);
    expect(page.body).toContain(`/portal/penalties/${kase.driver.liabilityId}`);
  });

  it('refuses every wrong detail with the same answer', async () => {
    const answers = [
      await refusal({ ...signInForm(kase.driver), accessCode: 'ABCD-EFGH-JK' }), // wrong code
      await refusal({ ...signInForm(kase.driver), reference: other.reference }), // another case's reference, a good code
      await refusal({ ...signInForm(kase.driver), reference: 'CEC-2099-999999' }), // a guessed reference
      await refusal({ ...signInForm(kase.driver), postcode: '99-999' }), // wrong postcode
      await refusal({ ...signInForm(other.driver), accessCode: kase.driver.accessCode }), // a code from another case
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.body).toContain(NO_MATCH);
      expect(answer.cookie).toBeUndefined();
      expect(answer.body).not.toContain(kase.driver.accessCode);
    }
  });

  it('refuses a code from a letter that a newer letter to the person superseded', async () => {
    const before = other.owner.accessCode;
    // What keep() does for every letter it produces: a new code for the person, their older ones revoked.
    const after = await issueAccessCode(t.database.db, { caseId: await caseIdOf(other.reference), liabilityId: other.owner.liabilityId, letterId: randomUUID(), now: t.clock.now() });
    expect(after).not.toBe(before);
    const old = await refusal({ ...signInForm(other.owner), accessCode: before });
    expect(old.status).toBe(422);
    expect(old.body).toContain(NO_MATCH);
    const client = await portalSignIn(t, { ...other.owner, accessCode: after });
    expect((await client.get('/portal/case')).statusCode).toBe(200);
  });

  it('asks for what is missing beside the field, keeping what was typed', async () => {
    const client = new WebClient(t.app);
    await client.get('/portal');
    const response = await client.post('/portal', { reference: kase.reference, accessCode: '' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Enter the access code from your letter');
    expect(response.body).toContain('Enter your postcode or your date of birth');
    expect(response.body).toContain(`value="${kase.reference}"`);
  });

  it('sends a person who is not signed in to the sign-in page', async () => {
    const response = await new WebClient(t.app).get('/portal/case');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/portal?expired=1');
  });

  it('signs out', async () => {
    const driver = await portalSignIn(t, kase.driver);
    expect((await driver.get('/portal/sign-out')).statusCode).toBe(200);
    expect((await driver.get('/portal/case')).statusCode).toBe(303);
  });
});

describe('locking a reference after 20 wrong tries', () => {
  it('refuses the 21st, even with the right details, alike for a case that does not exist; it opens again after 30 minutes', async () => {
    const locked = await portalCase(t, {
      tractorRegistration: 'WGM 8888K',
      responsiblePersons: [
        { ...POLISH_DRIVER, name: 'Adam Lis', dateOfBirth: '1970-01-05', email: 'adam@example.com', address: { line1: 'ul. Lipowa 8', town: 'Lublin', postcode: '20-001', country: 'PL' } },
        { ...POLISH_OWNER, name: 'Lis Transport Sp. z o.o.', address: { line1: 'ul. Kwiatowa 2', town: 'Lublin', postcode: '20-002', country: 'PL' } },
      ],
    });
    const guessed = 'CEC-2099-123456';
    for (let i = 0; i < 20; i++) {
      expect((await refusal({ ...signInForm(locked.driver), accessCode: 'ABCD-EFGH-JK' })).status).toBe(422);
      expect((await refusal({ ...signInForm(locked.driver), reference: guessed })).status).toBe(422);
    }
    const right = await refusal(signInForm(locked.driver));
    const none = await refusal({ ...signInForm(locked.driver), reference: guessed });
    for (const answer of [right, none]) {
      expect(answer.status).toBe(429);
      expect(answer.body).toContain('too many attempts to sign in with this case reference');
      expect(answer.cookie).toBeUndefined();
    }
    // Another case is not locked by it.
    expect((await (await portalSignIn(t, kase.owner)).get('/portal/case')).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000));
    const client = await portalSignIn(t, locked.driver);
    expect((await client.get('/portal/case')).statusCode).toBe(200);
  }, 120_000);
});

describe('the portal session', () => {
  it('ends after 20 minutes without a request, and each request moves it on', async () => {
    const driver = await portalSignIn(t, kase.driver);
    const move = (minutes: number) => t.clock.set(new Date(t.clock.now().getTime() + minutes * 60_000));
    move(15);
    expect((await driver.get('/portal/case')).statusCode).toBe(200);
    move(15);
    expect((await driver.get('/portal/case')).statusCode).toBe(200);
    move(21);
    const expired = await driver.get('/portal/case');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/portal?expired=1');
    expect((await driver.get('/portal?expired=1')).body).toContain('Sign in again to see your case');
  });

  it('binds a public form to the portal session: a token shown to one person is refused with another’s session, in the reader’s language', async () => {
    const driver = await portalSignIn(t, kase.driver);
    await driver.get('/portal/questions/new');
    const owner = await portalSignIn(t, kase.owner, { language: 'pl' });
    const portalCookieOf = (client: WebClient) => /cordon_portal=([^;]+)/.exec(client.cookieHeader())![1]!;
    // The driver's CSRF cookie and token, with the owner's session.
    const mixed = driver.cookieHeader().replace(/cordon_portal=[^;]+/, `cordon_portal=${portalCookieOf(owner)}`);
    const payload = new URLSearchParams({ _csrf: driver.csrfToken, text: 'Czy mogę zapłacić później?' }).toString();
    const refused = await t.app.inject({ method: 'POST', url: '/portal/questions', headers: { cookie: mixed, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<html lang="pl"');
    expect(refused.body).toContain('Formularz wygasł');
    expect(refused.body.match(/data-untranslated/g) ?? []).toEqual([]);
    // The same token with its own session is taken.
    expect((await driver.post('/portal/questions', { text: 'Can I pay later?' })).statusCode).toBe(303);
  });

  it('answers too many sign-in tries from one address with the public page, in the reader’s language', async () => {
    const limited = await createTestApp({ signInRateLimitPerMinute: 2 });
    try {
      const client = new WebClient(limited.app);
      await client.get('/portal?lang=ro');
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await client.post('/portal?lang=ro', { reference: 'CEC-2099-000001', accessCode: 'ABCD-EFGH-JK', postcode: 'X' }));
      const last = answers.at(-1)!;
      expect(last.statusCode).toBe(429);
      expect(last.body).toContain('<html lang="ro"');
      expect(last.body).toContain('Prea multe încercări');
      expect(last.body).toMatch(/Așteptați \d+ secunde/);
    } finally {
      await limited.close();
    }
  }, 60_000);

  it('refuses a form posted without its CSRF token', async () => {
    const client = new WebClient(t.app);
    await client.get('/portal');
    const response = await client.post('/portal', signInForm(kase.driver), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.find((c) => c.name === 'cordon_portal')).toBeUndefined();
  });

  it('answers NUL bytes, lone surrogates, repeated and huge fields with the form again, never a 500', async () => {
    for (const form of [
      { ...signInForm(kase.driver), reference: `${kase.reference}\u0000` },
      { ...signInForm(kase.driver), accessCode: '\uD800ABCD' },
      { ...signInForm(kase.driver), postcode: 'x'.repeat(100_000) },
      { ...signInForm(kase.driver), reference: [kase.reference, kase.reference] },
      { ...signInForm(kase.driver), 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1981', postcode: '' },
      { ...signInForm(kase.driver), 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '99999999999999999999' },
    ]) {
      const client = new WebClient(t.app);
      await client.get('/portal');
      const response = await client.post('/portal', form);
      expect([400, 422]).toContain(response.statusCode);
      expect(response.cookies.find((c) => c.name === 'cordon_portal')).toBeUndefined();
    }
  });

  it('keeps a driver out of the owner’s penalty (the same 404 as a guessed one), lets the owner into its driver’s', async () => {
    const session = (liabilityId: string, visible: string[]): PortalSession => ({
      sessionId: 's', caseId: 'c', caseReference: kase.reference, liabilityId, visibleLiabilityIds: visible, partyRole: 'driver', personName: 'P', language: 'en',
    });
    const driverSession = (await sessionOf(kase.driver))!;
    const ownerSession = (await sessionOf(kase.owner))!;
    expect(driverSession.visibleLiabilityIds).toEqual([kase.driver.liabilityId]);
    expect(ownerSession.visibleLiabilityIds.sort()).toEqual([kase.driver.liabilityId, kase.owner.liabilityId].sort());
    const outcome = async (s: PortalSession | null, liabilityId: string) => {
      let sent: { status?: number; template?: string; location?: string } = {};
      const reply = {
        code(status: number) { sent.status = status; return reply; },
        page: async (template: string) => { sent.template = template; return reply; },
        redirect: (location: string, status: number) => { sent = { status, location }; return reply; },
      };
      await requirePortalSession({ portal: s, params: { liabilityId } } as never, reply as never);
      return sent;
    };
    expect(await outcome(driverSession, kase.owner.liabilityId)).toEqual({ status: 404, template: 'portal/views/not-found.njk' });
    expect(await outcome(driverSession, randomUUID())).toEqual({ status: 404, template: 'portal/views/not-found.njk' });
    expect(await outcome(ownerSession, kase.driver.liabilityId)).toEqual({});
    expect(await outcome(session(kase.driver.liabilityId, [kase.driver.liabilityId]), kase.driver.liabilityId)).toEqual({});
    expect(await outcome(null, kase.driver.liabilityId)).toEqual({ status: 303, location: '/portal?expired=1' });
    expect(portalActor(ownerSession)).toEqual({ id: `portal:${kase.owner.liabilityId}`, name: `${kase.owner.partyName} (online)`, roles: ['portal-user'] });
  });
});

/** The session a signed-in client's cookie opens (through the app's own hook). */
async function sessionOf(person: PortalCase['driver']): Promise<PortalSession | null> {
  const client = await portalSignIn(t, person);
  const store = portalSessionStore(t.database.db, { clock: t.clock });
  const token = /cordon_portal=([^;]+)/.exec(client.cookieHeader())?.[1];
  return token ? store.resume(token) : null;
}

describe('the portal’s words', () => {
  it('come from the catalogues in English, Polish and Romanian: nothing untranslated, <html lang> and the switcher true', async () => {
    for (const language of ['en', 'pl', 'ro'] as const) {
      const visitor = new WebClient(t.app);
      const signIn = await visitor.get(`/portal?lang=${language}`);
      const refused = await visitor.post('/portal', { ...signInForm(kase.driver), accessCode: 'ABCD-EFGH-JK' });
      const missing = await (async () => { await visitor.get('/portal'); return visitor.post('/portal', { reference: '' }); })();
      const person = await portalSignIn(t, kase.owner, { language });
      const overview = await person.get('/portal/case');
      const signedOut = await person.get('/portal/sign-out');
      for (const [name, page] of Object.entries({ signIn, refused, missing, overview, signedOut })) {
        expect(page.body, `${name} in ${language}`).toContain(`<html lang="${language}"`);
        expect(page.body.match(/data-untranslated/g) ?? [], `${name} in ${language}`).toEqual([]);
        expect(page.body).toMatch(new RegExp(`href="/portal[^"]*\\?lang=${language}" lang="${language}" hreflang="${language}" aria-current="true"`));
      }
      expect(overview.body).toContain(language === 'en' ? 'Sign out' : language === 'pl' ? 'Wyloguj się' : 'Deconectați-vă');
    }
  }, 120_000);
});

describe('the language a person chooses', () => {
  it('is remembered on their case: their next visit opens in it, their letters follow it, the caseworker sees it', async () => {
    const liabilityId = other.driver.liabilityId;
    const liability = async () => (await t.services.cases.caseFile(other.reference))!.liabilities.find((l) => l.id === liabilityId)!;
    const chosen = async () =>
      (await t.services.cases.caseFile(other.reference))!.events.filter((e) => e.type === CASE_EVENT.PreferredLanguageChosen && e.payload.liabilityId === liabilityId);
    expect((await liability()).language).not.toBe('ro');

    // Chosen on the sign-in page.
    const person = await portalSignIn(t, other.driver, { language: 'ro' });
    expect((await liability()).language).toBe('ro');
    // Another browser, no language asked for: after signing in, the pages are in Romanian.
    const elsewhere = new WebClient(t.app);
    expect((await elsewhere.get('/portal')).body).toContain('<html lang="en"');
    expect((await elsewhere.post('/portal', signInForm(other.driver))).statusCode).toBe(303);
    expect((await elsewhere.get('/portal/case')).body).toContain('<html lang="ro"');

    // Switched while signed in; the same choice again records nothing more.
    await person.get('/portal/case?lang=lt');
    await person.get('/portal/case?lang=lt');
    expect((await liability()).language).toBe('lt');
    // The letters module takes a letter's language from the liability: the next one is in Lithuanian.
    expect(languageOf(await liability())).toBe('lt');
    const events = await chosen();
    expect(events.map((e) => e.payload.language)).toEqual(['ro', 'lt']);
    expect(events.every((e) => e.actorId === `portal:${liabilityId}`)).toBe(true);

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const casePage = await caseworker.get(`/cases/${other.reference}`);
    expect(casePage.body).toContain('Language chosen online');
    expect(casePage.body).toContain('Letters and pages in Lithuanian');
  }, 120_000);
});
