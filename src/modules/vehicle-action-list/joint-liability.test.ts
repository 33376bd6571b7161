import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import type { Actor } from '../../platform/events/event-store.js';
import { vehicleActionList } from './val-query.js';

/*
 * Joint and several liability on the Vehicle Action List (seed 003 §8.4, §9.54): a driver's penalty
 * unpaid after its due date puts the vehicles the register links to the driver's employer on the
 * list, with the reason; the employer is the register's when it records one; a policy parameter
 * turns it off. The case is walked to imposition through its pages, the register written by its commands.
 */

let t: TestApp;
let kase: ImposedCase;
const actors = {} as Record<'caseworker' | 'finance' | 'admin', Actor>;
let ownerPartyId: string;
let driverPartyId: string;

const today = () => ukDate(t.clock.now());

async function ok<T>(outcome: Promise<{ ok: true; value: T } | { ok: false; message: string }>): Promise<T> {
  const done = await outcome;
  if (!done.ok) throw new Error(done.message);
  return done.value;
}

beforeAll(async () => {
  t = await createTestApp();
  const users = await t.services.identity.listUsers();
  const user = (username: string): Actor => {
    const found = users.find((u) => u.username === username)!;
    return { id: found.id, name: found.displayName, roles: found.roles };
  };
  Object.assign(actors, { caseworker: user('caseworker-eo'), finance: user('finance-officer'), admin: user('administrator') });
  [kase] = (await imposedCases(t, ['Trans-Pol Sp. z o.o.'], { key: 'joint-val' })) as [ImposedCase];
  const file = (await t.services.cases.caseFile(kase.reference))!;
  ownerPartyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
  driverPartyId = file.liabilities.find((row) => row.role === 'driver')!.partyId!;
  await ok(t.services.parties.registerVehicle({ registration: 'WGM 7001K', country: 'PL', kind: 'hgv-tractor', links: [{ partyId: ownerPartyId, role: 'owner' }] }, { actor: actors.caseworker }));
  // The owner pays its own penalty: only the driver's is left unpaid.
  const owed = (await t.services.cases.caseFile(kase.reference))!.states.get(kase.owner.id)!;
  const amount = owed.penaltyNotice!.amountPence;
  const paid = await t.services.cases.act(
    { reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'recordPayment', amountPence: amount, receivedOn: today(), method: 'bank-transfer', reference: 'INV-OWN-1', paidBy: 'recipient' } },
    { actor: actors.finance },
  );
  if (!paid.ok) throw new Error(paid.message);
  t.clock.advanceDays(61);
}, 120_000);
afterAll(async () => t?.close());

describe('a driver’s unpaid penalty on the Vehicle Action List', () => {
  it('lists the employer’s registered lorry with the reason, but not the case’s own lorry once the owner has paid', async () => {
    const list = await vehicleActionList(t.database.db, today());
    const lorry = list.find((entry) => entry.registration === 'WGM 7001K');
    expect(lorry).toBeDefined();
    expect(lorry!.company).toBe('Trans-Pol Sp. z o.o.');
    expect(lorry!.caseRefs).toEqual([kase.reference]);
    expect(lorry!.driverPenalties).toEqual([{ driverName: kase.driver.partyName, caseRef: kase.reference }]);
    expect(lorry!.reason).toBe(`Driver’s penalty unpaid: ${kase.driver.partyName}, case ${kase.reference}; Trans-Pol Sp. z o.o. is jointly liable`);
    expect(lorry!.outstandingPence).toBeGreaterThan(0);
    expect(list.some((entry) => entry.registration === 'WGM 4521K')).toBe(false);
  });

  it('is not listed before the driver’s penalty is due', async () => {
    expect(await vehicleActionList(t.database.db, ukDate(new Date(t.clock.now().getTime() - 40 * 86_400_000)))).toEqual([]);
  });

  it('follows the register’s employment link to the driver’s real employer', async () => {
    const agency = await ok(t.services.parties.register({ kind: 'organisation', name: 'Kierowcy Agencja Sp. j.', country: 'PL' }, { actor: actors.caseworker }));
    await ok(t.services.parties.registerVehicle({ registration: 'WGM 7002K', country: 'PL', kind: 'hgv-tractor', links: [{ partyId: agency.partyId, role: 'operator' }] }, { actor: actors.caseworker }));
    await ok(t.services.parties.linkEmployment({ personId: driverPartyId, organisationId: agency.partyId, relationship: 'agency' }, { actor: actors.caseworker }));
    const list = await vehicleActionList(t.database.db, today());
    expect(list.map((entry) => entry.registration)).toEqual(['WGM 7002K']);
    expect(list[0]!.reason).toBe(`Driver’s penalty unpaid: ${kase.driver.partyName}, case ${kase.reference}; Kierowcy Agencja Sp. j. is jointly liable`);
    // The register names the employer on the case: it wins over another link.
    await ok(t.services.parties.linkEmployment({ personId: driverPartyId, organisationId: ownerPartyId, relationship: 'employee' }, { actor: actors.caseworker }));
    expect((await vehicleActionList(t.database.db, today())).map((entry) => entry.registration)).toEqual(['WGM 7001K']);
  });

  it('lists nothing for a driver’s penalty when the policy in force on the incident date says no', async () => {
    const incidentDate = (await t.services.cases.caseFile(kase.reference))!.kase.incidentDate;
    const published = await t.services.policy.publish(
      {
        version: '2026.77',
        effectiveFrom: incidentDate,
        reason: 'Test: a driver’s penalty does not list the employer’s vehicles',
        parameters: { ...POLICY_2023_1, jointLiability: { valIncludesEmployerVehiclesForDriverPenalty: false } },
      },
      { actor: actors.admin, now: new Date(`${incidentDate}T09:00:00Z`) },
    );
    expect(published.ok, JSON.stringify(published)).toBe(true);
    expect(await vehicleActionList(t.database.db, today())).toEqual([]);
  });

  it('tells the owner by letter when the driver’s penalty is imposed and when it is recorded overdue, in its own language too', async () => {
    for (const [type, actor] of [['confirmPaymentDue', actors.caseworker], ['recordPaymentOverdue', actors.finance]] as const) {
      const done = await t.services.cases.act({ reference: kase.reference, liabilityIds: [kase.driver.id], action: { type } }, { actor });
      if (!done.ok) throw new Error(done.message);
    }
    const file = (await t.services.cases.caseFile(kase.reference))!;
    const letters = file.events.filter((event) => event.type === 'LetterProduced' && event.payload.form === 'JSL');
    expect(letters.map((event) => [event.payload.liabilityId, event.payload.recipientName, event.payload.language, event.payload.title])).toEqual([
      [kase.owner.id, 'Trans-Pol Sp. z o.o.', 'pl', `Your driver’s penalty: imposed (JSL)`],
      [kase.owner.id, 'Trans-Pol Sp. z o.o.', 'pl', `Your driver’s penalty: overdue (JSL)`],
    ]);
  });
});

describe('the employer pays its driver’s penalty', () => {
  it('asks which one penalty a payment pays, naming each with what is owed, and refuses two at once', async () => {
    const finance = await WebClient.signedIn(t.app, 'finance-officer');
    const form = await finance.get(`/cases/${kase.reference}/actions/recordPayment?liability=${kase.driver.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Which penalty does this payment pay?');
    expect(form.body).toContain(`${kase.driver.partyName} (driver, S31A)`);
    expect(form.body).toContain('Trans-Pol Sp. z o.o. (owner, S31A)');
    expect(form.body).toMatch(new RegExp(`value="${kase.driver.id}" checked`));
    expect(form.body).toContain('Nothing owed'); // the owner paid its own
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const before = (await t.services.cases.caseFile(kase.reference))!.kase.version;
    const both = await finance.post(`/cases/${kase.reference}/actions/recordPayment`, {
      liabilityIds: [kase.driver.id, kase.owner.id], version, amount: '10.00', 'receivedOn-day': '1', 'receivedOn-month': '1', 'receivedOn-year': '2026', method: 'card', reference: 'INV-TWO', paidBy: 'employer',
    });
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('Choose the one penalty this payment pays');
    expect((await t.services.cases.caseFile(kase.reference))!.kase.version).toBe(before);
  });

  it('names the payment as the employer’s toward the driver’s penalty on both cards and tells the owner it is paid', async () => {
    const owing = (await t.services.cases.caseFile(kase.reference))!.states.get(kase.driver.id)!;
    const amount = owing.penaltyNotice!.amountPence;
    const paid = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [kase.driver.id], action: { type: 'recordPayment', amountPence: amount, receivedOn: today(), method: 'bank-transfer', reference: 'INV-EMPLOYER-1', paidBy: 'employer' } },
      { actor: actors.finance },
    );
    expect(paid.ok, JSON.stringify(paid)).toBe(true);
    const page = (await (await WebClient.signedIn(t.app, 'caseworker-eo')).get(`/cases/${kase.reference}`)).body;
    expect(page).toContain('Trans-Pol Sp. z o.o. (the employer) is jointly and severally liable for this penalty.');
    expect(page).toContain(`Paid by the employer toward the driver’s penalty: ${kase.driver.partyName}’s penalty (driver, S31A) on ${kase.reference}`);
    expect(page).toContain(`Also liable for the driver’s penalty: ${kase.driver.partyName}, £0 outstanding, paid`);
    expect(page).toMatch(new RegExp(`Paid £[\\d,.]+ on [^<]+ toward ${kase.driver.partyName}’s penalty \\(reference INV-EMPLOYER-1\\)`));
    const file = (await t.services.cases.caseFile(kase.reference))!;
    const titles = file.events.filter((event) => event.type === 'LetterProduced' && event.payload.form === 'JSL').map((event) => event.payload.title);
    expect(titles).toContain(`Your driver’s penalty: paid (JSL)`);
    // The owner asking (through finance or casework) learns the same: paid, and who is liable with the driver.
    const status = (await t.app.inject({ url: `/api/v1/cases/${kase.reference}/payment-status`, headers: bearer('finance-officer') })).json() as { liabilities: { role: string; status: string; jointlyLiableWith: string | null }[] };
    expect(status.liabilities.map((l) => [l.role, l.status, l.jointlyLiableWith])).toEqual([
      ['driver', 'paid', 'Trans-Pol Sp. z o.o.'],
      ['owner', 'paid', null],
    ]);
  });
});
