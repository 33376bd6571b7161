import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { portalCase, portalSignIn, signInForm, accessCodeOf, type PortalCase } from '../../../test/support/portal.js';
import { POLISH_DRIVER, POLISH_OWNER, step } from '../../../test/support/casework.js';
import { normaliseAccessCode, ACCESS_CODE_ALPHABET } from '../correspondence/access-codes.js';

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
    const before = await accessCodeOf(t, other.owner.liabilityId);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const resent = await step(caseworker, other.reference, 'sendInitialNotice', other.owner.liabilityId, { resend: 'yes' });
    // Whether or not this case allows re-sending now, the code only changes with a new letter.
    const after = await accessCodeOf(t, other.owner.liabilityId);
    if (resent.statusCode === 303) {
      expect(after).not.toBe(before);
      const old = await refusal({ ...signInForm(other.owner), accessCode: before });
      expect(old.status).toBe(422);
      expect(old.body).toContain(NO_MATCH);
      const client = await portalSignIn(t, { ...other.owner, accessCode: after });
      expect((await client.get('/portal/case')).statusCode).toBe(200);
    } else {
      expect(after).toBe(before);
    }
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
