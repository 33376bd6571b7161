import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { errorSummary } from '../../../../test/support/casework.js';
import { portalCase, portalSignIn, type PortalCase } from '../../../../test/support/portal.js';
import { CASE_EVENT } from '../../../domain/case/events.js';

/* The contact details page: a new email and telephone recorded at once, a new address proposed for a second officer. */

let t: TestApp;
let kase: PortalCase;

beforeAll(async () => {
  t = await createTestApp();
  kase = await portalCase(t, { tractorRegistration: `WGM ${Math.floor(Math.random() * 9000) + 1000}C` });
}, 240_000);
afterAll(async () => t?.close());

describe('the contact details page', () => {
  it('a driver gives a new email, telephone and address; errors beside the fields first', async () => {
    const client = await portalSignIn(t, kase.driver, { language: 'ro' });
    const url = `/portal/penalties/${kase.driver.liabilityId}/contact-details`;
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Modificați datele de contact');
    expect(page.body).not.toContain('data-untranslated');
    expect((await client.get(`/portal/penalties/${kase.owner.liabilityId}/contact-details`)).statusCode).toBe(404);

    const bad = await client.post(url, { email: 'not-an-email', phone: '', line1: '', town: 'Cluj-Napoca' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Introduceți o adresă de e-mail în formatul corect');
    expect(bad.body).toContain('Introduceți primul rând al adresei');
    expect(bad.body).toContain('value="Cluj-Napoca"');

    const sent = await client.post(url, { email: 'ion@example.ro', phone: '+40 21 123 45 67', line1: 'Str. Lungă 3', town: 'Cluj-Napoca', postcode: '400001', country: 'ro' });
    expect(sent.statusCode, errorSummary(sent.body)).toBe(200);
    expect(sent.body).toContain('Datele de contact au fost trimise');
    const file = await t.services.cases.caseFile(kase.reference);
    const changed = file!.events.find((e) => e.type === CASE_EVENT.ContactDetailsChanged)!;
    expect(changed.payload).toMatchObject({ liabilityId: kase.driver.liabilityId, email: 'ion@example.ro', phone: '+40 21 123 45 67' });
    expect(file!.events.some((e) => e.type === CASE_EVENT.AddressChangeProposed)).toBe(true);
  });
});
