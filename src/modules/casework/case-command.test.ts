import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { readStream } from '../../platform/events/event-store.js';
import { policyVersionsIn } from './case-clock.js';
import { loadCase } from './case-command.js';
import { cases, liabilities } from './schema.js';

/* A step's one-statement load gives exactly what reading the case, its liabilities, its stream and the policies one by one gives. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('reads the case, its liabilities, its stream and the policy versions in one statement, as separate reads would', async () => {
  const headers = (role: string) => ({ 'content-type': 'application/json', authorization: `Bearer cordon_demo_${role.replace(/-/g, '_')}_token`, 'idempotency-key': randomUUID() });
  const referral = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: headers('port-officer'),
    payload: { port: 'CQF', incidentDate: ukDate(new Date()), offence: 'S31A', vehicleRegistration: 'WGM 4521K', vehicleCountry: 'PL', driverName: 'Jan Kowalski', companyName: 'Kowalski Trans Sp. z o.o.' },
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const { reference } = referral.json() as { reference: string };
  const { version } = (await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: headers('caseworker-eo') })).json() as { version: number };
  const note = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${reference}/actions/addCaseNote`, headers: headers('caseworker-eo'), payload: { text: 'Spoke to the haulier', expectedVersion: version } });
  expect(note.statusCode, note.body).toBe(200);

  const db = t.database.db;
  const [kase] = await db.select().from(cases).where(eq(cases.reference, reference));
  const rows = await db.select().from(liabilities).where(eq(liabilities.caseId, kase!.id)).orderBy(asc(liabilities.role), asc(liabilities.offence));
  const stream = await readStream(db, `case-${kase!.id}`);
  expect(rows.length).toBeGreaterThan(0);
  expect(stream.length).toBeGreaterThan(1);

  const loaded = await loadCase(db, reference.toLowerCase());
  expect(loaded).toEqual({ kase, rows, stream, versions: await policyVersionsIn(db) });
  expect(await loadCase(db, 'CEC-1999-000001')).toBeNull();
});
