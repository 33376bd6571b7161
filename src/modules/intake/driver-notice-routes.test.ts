import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';

let t: TestApp;
let incidentId: string;
let reference: string;

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/incidents',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'notice-1', ...bearer('port-officer') },
    payload: {
      kind: 'port',
      offences: ['S31A'],
      incidentDate: new Date().toISOString().slice(0, 10),
      port: 'CQF',
      vehicleKind: 'hgv',
      tractorRegistration: 'WGM 4521K',
      tractorCountry: 'PL',
      requirements: { 'seals-unique-numbers': 'not-met', 'final-check-before-control-zone': 'not-met', 'check-at-loading': 'met' },
      responsiblePersons: [
        { role: 'driver', kind: 'person', name: 'Łukasz Żółkiewski', language: 'pl', email: 'lukasz@example.com' },
        { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.' },
      ],
    },
  });
  expect(response.statusCode).toBe(201);
  ({ incidentId, caseReference: reference } = response.json());
});
afterAll(async () => t?.close());

describe('the written notice to the driver', () => {
  it('prints in English and Polish with the requirements not met and the case reference', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const pdf = await officer.get(`/incidents/${incidentId}/driver-notice.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = flattened((await extractPdf(new Uint8Array(pdf.rawPayload))).text);
    expect(text).toContain(reference);
    expect(text).toContain('Łukasz Żółkiewski');
    expect(text).toMatch(/Seals fitted/);
    expect(text).toMatch(/plomb/i); // the Polish page names the same requirement
  });

  it('is emailed to the driver through the outbox and recorded as given', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    await officer.get(`/incidents/${incidentId}`);
    const emailed = await officer.post(`/incidents/${incidentId}/driver-notice`, { method: 'email' });
    expect(emailed.statusCode).toBe(303);
    const [message] = t.outbox.list();
    expect(message).toMatchObject({ to: 'lukasz@example.com', reference });
    expect(message!.attachment).toMatch(/driver-notice-CEC/);
    await officer.post(`/incidents/${incidentId}/driver-notice`, { method: 'in-person' });
    const page = await officer.get(`/incidents/${incidentId}`);
    expect(page.body).toContain('emailed to lukasz@example.com');
    expect(page.body).toContain('given in person');
  });

  it('is not available before the referral is sent', async () => {
    const draft = await t.services.borderEvents.saveDraft({ incident: { kind: 'port', offences: ['S32'] } }, { actor: { id: 'o', name: 'O', roles: ['port-officer'] } });
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const pdf = await officer.get(`/incidents/${draft.ok ? draft.value.incidentId : ''}/driver-notice.pdf`);
    expect(pdf.statusCode).toBe(404);
  });
});

describe('the outbox page', () => {
  it('lists what would have been sent', async () => {
    const admin = await WebClient.signedIn(t.app, 'administrator');
    const page = await admin.get('/admin/outbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lukasz@example.com');
  });
});
