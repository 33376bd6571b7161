import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { openCase as openCaseAtTheBorder } from '../../../test/support/casework.js';
import { readStream } from '../../platform/events/event-store.js';
import { cases, liabilities } from '../casework/schema.js';
import { casesProjector } from '../casework/projector.js';

/*
 * Issue #11: one decision and one code path open a case, whichever door the referral came through,
 * and the case's read rows are written from its opening events alone (so they can be rebuilt).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const OPENING = ['ReferralReceived', 'IncidentReferred', 'CaseOpened', 'LiabilityOpened'];

async function referral(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': `referral-${Math.random()}`, ...bearer('port-officer') },
    payload: JSON.stringify({ port: 'CQF', incidentDate: '2026-10-01', offence: 'S32', clandestineEntrants: 2, vehicleRegistration: 'WGM 4521K', vehicleCountry: 'PL', driverName: 'Piotr Kowalski', companyName: 'Trans-Pol Sp. z o.o.', confirmDuplicate: true }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().reference as string;
}

async function rowsOf(reference: string) {
  const db = t.database.db;
  const [kase] = await db.select().from(cases).where(eq(cases.reference, reference));
  const people = await db.select().from(liabilities).where(eq(liabilities.caseId, kase!.id)).orderBy(asc(liabilities.id));
  return { kase: kase!, people };
}

/** Deletes the case's read rows and has the cases projector write them again from its opening events only. */
async function rebuildFromTheLog(reference: string) {
  const { kase } = await rowsOf(reference);
  const opening = (await readStream(t.database.db, `case-${kase.id}`)).filter((event) => OPENING.includes(event.type));
  await t.database.db.transaction(async (tx) => {
    await tx.delete(liabilities).where(eq(liabilities.caseId, kase.id));
    await tx.delete(cases).where(eq(cases.id, kase.id));
    for (const event of opening) await casesProjector.apply(tx, event);
  });
}

describe('opening a case', () => {
  it('from a minimal referral: the case stream holds every fact of the rows, which rebuild from it exactly', async () => {
    const reference = await referral();
    const before = await rowsOf(reference);
    const events = await readStream(t.database.db, `case-${before.kase.id}`);
    expect(events.map((e) => e.type)).toEqual(['ReferralReceived', 'CaseOpened', 'LiabilityOpened', 'LiabilityOpened']);
    expect(events[1]!.payload).toMatchObject({ reference, vehicleRegistration: 'WGM 4521K', vehicleCountry: 'PL', driverName: 'Piotr Kowalski', companyName: 'Trans-Pol Sp. z o.o.', referredBy: before.kase.referredBy, selfDeclared: false });
    expect(events[1]!.payload).not.toHaveProperty('lorryDrop');
    await rebuildFromTheLog(reference);
    expect(await rowsOf(reference)).toEqual(before);
  });

  it('from an incident sent by the border: its sending on the incident stream, the opening on the case stream, rows rebuilt exactly', async () => {
    const opened = await openCaseAtTheBorder(t, { selfDeclaration: { when: '09:40', where: 'Lane 7', toWhom: 'the search officer' } });
    const before = await rowsOf(opened.reference);
    expect(before.kase).toMatchObject({ incidentId: opened.incidentId, selfDeclared: true, referredBy: expect.any(String) });
    expect(before.people.map((p) => p.language).sort()).toEqual(['pl', 'pl']);
    const incident = await readStream(t.database.db, `incident-${opened.incidentId}`);
    expect(incident.map((e) => e.type)).toEqual(['IncidentDraftStarted', 'IncidentSubmitted']);
    const events = await readStream(t.database.db, `case-${before.kase.id}`);
    expect(events.map((e) => e.type)).toEqual(['IncidentReferred', 'CaseOpened', 'LiabilityOpened', 'LiabilityOpened']);
    expect(events.find((e) => e.type === 'LiabilityOpened' && e.payload.role === 'driver')!.payload).toMatchObject({
      personIndex: 0,
      addressLines: ['ul. Świętokrzyska 12/4', '00-116 Warszawa', 'PL'],
      email: 'lukasz@example.com',
      language: 'pl',
    });
    await rebuildFromTheLog(opened.reference);
    expect(await rowsOf(opened.reference)).toEqual(before);
  });

  it('numbers cases from both doors from the one gap-free counter', async () => {
    const first = await referral();
    const second = (await openCaseAtTheBorder(t)).reference;
    const third = await referral();
    const numbers = [first, second, third].map((reference) => Number(reference.slice(-6)));
    expect(numbers).toEqual([numbers[0]!, numbers[0]! + 1, numbers[0]! + 2]);
  });
});
