import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary, step } from '../../../test/support/casework.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { missedInstalments } from '../../domain/liability/instalments.js';
import { outstandingPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import { VAL_BLOCKS } from '../../domain/liability/vehicle-action-list.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { executeCommand } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { assureMeansAssessment, recordMeansAssessment } from '../casework/means/means-commands.js';
import { vehicleActionList } from './val-query.js';
import { checkMissedInstalments } from '../finance/missed-instalments.js';

/*
 * The acceptance scenario of issue #7 (DOMAIN.md §6, figure 43 of the inspection report): one case
 * for every cause of the 415 wrong stops, each a different company and lorry, all imposed and past
 * their due date, and two cases genuinely overdue. Only the overdue lorries are on the Vehicle
 * Action List, each with why; a payment takes one off at once. Every case is built by the real
 * commands (`cases.act`, the means module's command), each dated on its day of the case's life.
 */

const DAY = 86_400_000;
/** Every case's incident happened this many days ago: imposed on day 44, payment due on day 104. */
const AGE = 120;

let t: TestApp;
let today: string;
let incidentDate: string;
const actors: Record<'caseworker' | 'assurer' | 'senior' | 'finance' | 'manager' | 'port', Actor> = {} as never;

/** A moment on day `n` of every case's life (noon UTC, so the UK date is the same). */
const on = (n: number) => new Date(Date.parse(`${addDays(incidentDate, n)}T12:00:00Z`));

interface Seeded {
  reference: string;
  registration: string;
  company: string;
  owner: string;
  driver: string;
}

/** Drivers' names unlike each other, so the register proposes no matches between them. */
const DRIVERS = [
  'Piotr Nowak', 'Ion Popescu', 'Jonas Petraitis', 'Hans Becker', 'Luca Bianchi', 'Miguel Santos', 'Ahmet Yilmaz', 'Georgi Dimitrov',
  'Tomas Novak', 'Erik Lindqvist', 'Pierre Dubois', 'Sean Murphy', 'Andrei Volkov', 'Janos Kovacs', 'Marek Zielinski', 'Olaf Hansen',
  'Dario Rossi', 'Kenan Aksoy', 'Vasile Munteanu', 'Aleksander Wojcik', 'Henrik Dahl', 'Mateus Costa', 'Stefan Ivanov', 'Yannick Moreau',
];

let seq = 0;

/**
 * An S31A case opened by the border for `company`'s lorry `registration`, walked to imposition on
 * day 44 like a caseworker would: both persons identified, the initial notice sent, the response
 * window closed, the recommendation drafted and assured, the penalty imposed.
 */
async function imposedCase(company: string, registration: string): Promise<Seeded> {
  seq += 1;
  const persons = [
    { role: 'driver', kind: 'person', name: DRIVERS[(seq - 1) % DRIVERS.length], language: 'en', address: { line1: `${seq} Harbour Street`, town: 'Dover', postcode: 'CT17 9AA', country: 'GB' } },
    { role: 'owner', kind: 'organisation', name: company, language: 'en', address: { line1: `${seq} Dock Road`, town: 'Rotterdam', postcode: '3011', country: 'NL' } },
  ];
  const reported = await t.services.borderEvents.report(
    {
      kind: 'port',
      offences: ['S31A'],
      incidentDate,
      port: 'CQF',
      vehicleKind: 'hgv',
      tractorRegistration: registration,
      tractorCountry: 'NL',
      requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
      responsiblePersons: persons,
    },
    { actor: actors.port, idempotencyKey: `figure-43-${registration}`, now: on(0) },
  );
  if (!reported.ok || !('value' in reported)) throw new Error(`incident for ${company} not recorded: ${JSON.stringify(reported)}`);
  const reference = reported.value.caseReference;
  const file = (await t.services.cases.caseFile(reference))!;
  for (const row of file.liabilities) {
    const registered = await t.services.parties.register(
      { kind: row.role === 'driver' ? 'person' : 'organisation', name: row.partyName, ...(row.role === 'driver' ? {} : { country: 'NL' }) },
      { actor: actors.caseworker, idempotencyKey: `figure-43-party-${row.id}`, now: on(1) },
    );
    if (!registered.ok) throw new Error(registered.message);
    const linked = await t.services.cases.confirmLiabilityParty({ reference, liabilityId: row.id, partyId: registered.value.partyId, how: 'created-new' }, { actor: actors.caseworker, now: on(1) });
    if (!linked.ok) throw new Error(linked.message);
  }
  const all = file.liabilities.map((row) => row.id);
  await act(reference, all, { type: 'checkNoticeDetails', checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] }, actors.assurer, 2);
  await act(reference, all, { type: 'sendInitialNotice' }, actors.caseworker, 2);
  await act(reference, all, { type: 'closeResponseWindow' }, actors.caseworker, 31);
  for (const row of file.liabilities) {
    const penaltyFacts = {
      offence: 'S31A',
      incidentDate,
      role: row.role,
      vehicleKind: 'goods',
      previousPenalties: [],
      ...(row.role === 'driver' ? {} : { cpasMember: false }),
      compliedWithRegulations: false,
    };
    await act(reference, [row.id], { type: 'draftRecommendation', penaltyFacts }, actors.caseworker, 34);
  }
  await act(reference, all, { type: 'approveRecommendation', checklist: ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] }, actors.assurer, 39);
  await act(reference, all, { type: 'imposePenalty' }, actors.caseworker, 44);
  const owner = file.liabilities.find((row) => row.role === 'owner')!.id;
  const driver = file.liabilities.find((row) => row.role === 'driver')!.id;
  return { reference, registration, company, owner, driver };
}

/** One casework step, on day `day` of the case (or at `now`), that must succeed. */
async function act(reference: string, liabilityIds: string[], action: Record<string, unknown> & { type: string }, actor: Actor, day: number | Date) {
  const outcome = await t.services.cases.act({ reference, liabilityIds, action }, { actor, now: typeof day === 'number' ? on(day) : day });
  if (!outcome.ok) throw new Error(`${reference} ${action.type}: ${outcome.message}`);
}

async function stateOf(reference: string, liabilityId: string): Promise<LiabilityState> {
  return (await t.services.cases.caseFile(reference))!.states.get(liabilityId)!;
}

/** A payment as the finance system shows it, recorded by a finance officer. */
function payment(amountPence: number, receivedOn: string, more: Record<string, unknown> = {}) {
  return { type: 'recordPayment', amountPence, receivedOn, method: 'bank-transfer', reference: `INV-${receivedOn}-${amountPence}-${seq}`, paidBy: 'recipient', ...more };
}

async function owed(seeded: Seeded, liabilityId = seeded.owner): Promise<number> {
  return outstandingPence(await stateOf(seeded.reference, liabilityId))!;
}

async function columns(liabilityId: string) {
  const result = (await t.database.db.execute(`select val_block, outstanding_pence, payment_due::text as payment_due, stage from liabilities where id = '${liabilityId}'` as never)) as unknown as {
    rows: { val_block: string | null; outstanding_pence: number | null; payment_due: string | null; stage: string }[];
  };
  return result.rows[0]!;
}

beforeAll(async () => {
  t = await createTestApp();
  today = ukDate(t.clock.now());
  incidentDate = addDays(today, -AGE);
  const users = await t.services.identity.listUsers();
  const user = (username: string): Actor => {
    const found = users.find((u) => u.username === username)!;
    return { id: found.id, name: found.displayName, roles: found.roles };
  };
  Object.assign(actors, {
    caseworker: user('caseworker-eo'),
    assurer: user('assurer-ho'),
    senior: user('senior-officer'),
    finance: user('finance-officer'),
    manager: user('manager'),
    port: user('port-officer'),
  });
});
afterAll(async () => t?.close());

describe('figure 43: every cause of a wrong stop keeps its lorry off the Vehicle Action List', () => {
  const causes: Record<string, Seeded & { block: string }> = {};
  const overdue: Seeded[] = [];

  beforeAll(async () => {
    const seed = async (cause: string, company: string, registration: string, block: string, then: (c: Seeded) => Promise<void>) => {
      const seeded = await imposedCase(company, registration);
      await then(seeded);
      causes[cause] = { ...seeded, block };
    };
    const f = actors.finance;
    await seed('paid in full', 'Kowalczyk Transport', 'FG01 PAY', VAL_BLOCKS.paid, async (c) => act(c.reference, [c.owner], payment(await owed(c), addDays(incidentDate, 50)), f, 50));
    await seed('instalment plan agreed', 'Danube Cargo', 'FG02 PLN', VAL_BLOCKS.instalmentPlan, async (c) => {
      await act(c.reference, [c.owner], { type: 'confirmPaymentDue' }, actors.caseworker, 73);
      const total = await owed(c);
      const schedule = [
        { dueOn: addDays(incidentDate, AGE + 30), amountPence: Math.floor(total / 2) },
        { dueOn: addDays(incidentDate, AGE + 60), amountPence: total - Math.floor(total / 2) },
      ];
      await act(c.reference, [c.owner], { type: 'agreeInstalments', schedule }, f, 80);
    });
    await seed('instalment plan requested', 'Alpine Logistik', 'FG03 REQ', VAL_BLOCKS.instalmentRequest, (c) =>
      act(c.reference, [c.owner], { type: 'requestInstalments', requestedOn: addDays(incidentDate, 90), proposal: '£200 a month for a year' }, actors.caseworker, 90),
    );
    await seed('means assessment awaiting a decision', 'Nordkap Frakt', 'FG04 MNS', VAL_BLOCKS.meansAssessment, async (c) => {
      const outcome = await executeCommand(
        t.database.db,
        recordMeansAssessment,
        {
          reference: c.reference,
          liabilityId: c.owner,
          assessmentId: crypto.randomUUID(),
          assessment: {
            kind: 'company',
            figures: { currency: 'EUR', turnover: '500000', balanceSheetTotal: '300000', headcount: 5, turnoverEuro: 500_000, balanceSheetTotalEuro: 300_000 },
            rate: null,
            decision: { band: 'micro', reason: 'Accounts for 2025 show a micro company' },
          },
        },
        { actor: actors.caseworker, now: on(95) },
      );
      if (!outcome.ok) throw new Error(outcome.message);
    });
    for (const [cause, company, registration, reason] of [
      ['case error', 'Iberica Camiones', 'FG05 ERR', 'case-error'],
      ['wrong company', 'Baltic Vezimai', 'FG06 CMP', 'wrong-company'],
      ['under review', 'Adriatic Prijevoz', 'FG07 REV', 'other'],
      ['wrong due date', 'Elbe Spedition', 'FG08 DUE', 'wrong-due-date'],
    ] as const) {
      const label = { 'case-error': 'case error', 'wrong-company': 'wrong company', other: 'another reason', 'wrong-due-date': 'wrong due date' }[reason];
      await seed(cause, company, registration, `${VAL_BLOCKS.review}: ${label}`, (c) =>
        act(c.reference, [c.owner], { type: 'startReview', reason, note: `Reported by the company: ${cause}` }, f, 106),
      );
    }
    await seed('cancelled', 'Vistula Ekspres', 'FG09 CAN', VAL_BLOCKS.cancelled, async (c) => {
      await act(c.reference, [c.owner], { type: 'recordObjection', receivedOn: addDays(incidentDate, 50), grounds: 'The lorry had been sold' }, actors.caseworker, 50);
      await act(c.reference, [c.owner], { type: 'determineObjection', outcome: 'cancel', reasons: 'Sold before the incident: not the owner' }, actors.assurer, 60);
      await act(c.reference, [c.owner], { type: 'assureObjectionDetermination', approve: true, checklist: ['dates', 'process', 'evidence', 'amount'] }, actors.senior, 60);
    });
    await seed('under appeal', 'Tagus Rodoviaria', 'FG10 APL', VAL_BLOCKS.appeal, (c) =>
      act(c.reference, [c.owner], { type: 'lodgeAppeal', lodgedOn: addDays(incidentDate, 65), court: 'Dover County Court' }, actors.caseworker, 65),
    );
    await seed('objection awaiting determination', 'Loire Routiers', 'FG11 OBJ', VAL_BLOCKS.objection, (c) =>
      act(c.reference, [c.owner], { type: 'recordObjection', receivedOn: addDays(incidentDate, 70), grounds: 'We checked the seals' }, actors.caseworker, 70),
    );

    // Genuinely overdue: one left at "imposed" (nobody confirmed payment was due), one recorded overdue and part paid.
    overdue.push(await imposedCase('Rhine Movers', 'FG12 OVD'));
    const partPaid = await imposedCase('Thames Haulage', 'FG13 OVD');
    await act(partPaid.reference, [partPaid.owner], { type: 'confirmPaymentDue' }, actors.caseworker, 73);
    await act(partPaid.reference, [partPaid.owner], { type: 'recordPaymentOverdue' }, f, 105);
    await act(partPaid.reference, [partPaid.owner], payment(50_000, addDays(incidentDate, 106)), f, 106);
    overdue.push(partPaid);
  }, 120_000);

  it('builds every cause of figure 43, each with the reason that keeps it off the list', async () => {
    expect(Object.keys(causes)).toHaveLength(11);
    expect(new Set(Object.values(causes).map((c) => c.company)).size).toBe(11);
    for (const [cause, seeded] of Object.entries(causes)) {
      const row = await columns(seeded.owner);
      expect(row.payment_due, cause).toBe(addDays(incidentDate, 104));
      expect(row.payment_due! < today, cause).toBe(true);
      expect({ cause, block: row.val_block }).toEqual({ cause, block: seeded.block });
    }
  });

  it('lists exactly the overdue lorries, each with its case, the amount outstanding and the due date', async () => {
    const list = await vehicleActionList(t.database.db, today);
    expect(list.map((entry) => entry.registration).sort()).toEqual(overdue.map((o) => o.registration).sort());
    for (const cause of Object.values(causes)) expect(list.find((entry) => entry.registration === cause.registration)).toBeUndefined();
    for (const o of overdue) {
      const entry = list.find((e) => e.registration === o.registration)!;
      expect(entry.caseRefs).toEqual([o.reference]);
      expect(entry.company).toBe(o.company);
      expect(entry.outstandingPence).toBe(await owed(o));
      expect(entry.dueDate).toBe(addDays(incidentDate, 104));
      expect(entry.reason).toContain(o.reference);
    }
    const partPaid = list.find((e) => e.registration === 'FG13 OVD')!;
    const rhine = list.find((e) => e.registration === 'FG12 OVD')!;
    expect(partPaid.outstandingPence).toBe(rhine.outstandingPence - 50_000);
  });

  it('takes a lorry off the list the moment its penalty is paid in full', async () => {
    const [first] = overdue;
    await act(first!.reference, [first!.owner], payment(await owed(first!), today), actors.finance, t.clock.now());
    const list = await vehicleActionList(t.database.db, today);
    expect(list.map((entry) => entry.registration)).toEqual(['FG13 OVD']);
    expect((await columns(first!.owner)).stage).toBe('paid');
  });

  it('never stops a company found not to be the owner for its driver’s unpaid penalty, but does the owner whose own penalty is under appeal', async () => {
    // Both drivers' penalties are unpaid past the due date; each company gets a second lorry in the register.
    for (const [cause, registration] of [['cancelled', 'FG09 REG'], ['under appeal', 'FG10 REG']] as const) {
      const file = (await t.services.cases.caseFile(causes[cause]!.reference))!;
      const partyId = file.liabilities.find((row) => row.id === causes[cause]!.owner)!.partyId!;
      const registered = await t.services.parties.registerVehicle({ registration, country: 'NL', kind: 'hgv-tractor', links: [{ partyId, role: 'owner' }] }, { actor: actors.caseworker });
      if (!registered.ok) throw new Error(registered.message);
    }
    const list = await vehicleActionList(t.database.db, today);
    expect(list.find((entry) => entry.registration === 'FG09 REG')).toBeUndefined();
    const appealed = list.find((entry) => entry.registration === 'FG10 REG')!;
    const driverName = (await t.services.cases.caseFile(causes['under appeal']!.reference))!.liabilities.find((row) => row.role === 'driver')!.partyName;
    expect(appealed.reason).toBe(`Driver’s penalty unpaid: ${driverName}, case ${causes['under appeal']!.reference}; Tagus Rodoviaria is jointly liable`);
    // Neither case's own lorry: the company's own penalty is cancelled or under appeal.
    expect(list.map((entry) => entry.registration)).not.toContain('FG09 CAN');
    expect(list.map((entry) => entry.registration)).not.toContain('FG10 APL');
  });
});

describe('payments', () => {
  it('detects an overpayment, sends it to a refund decision and writes the refund letter', async () => {
    const c = await imposedCase('Meuse Transporten', 'FG20 OVR');
    const total = await owed(c);
    await act(c.reference, [c.owner], payment(total + 12_345, addDays(incidentDate, 60)), actors.finance, 60);
    const overpaid = await stateOf(c.reference, c.owner);
    expect(overpaid.stage).toBe('paid');
    expect(overpaid.overpayment?.amountPence).toBe(12_345);
    expect(Number((await columns(c.owner)).outstanding_pence)).toBe(-12_345); // a bigint column: a string from node-postgres
    const refused = await t.services.cases.act({ reference: c.reference, liabilityIds: [c.owner], action: { type: 'closeCase' } }, { actor: actors.finance, now: on(61) });
    expect(refused.ok).toBe(false);
    await act(c.reference, [c.owner], { type: 'decideRefund', approve: true, reason: 'Paid more than the penalty' }, actors.assurer, 62);
    const refunded = await stateOf(c.reference, c.owner);
    expect(refunded.overpayment).toBeUndefined();
    expect(outstandingPence(refunded)).toBe(0);
    const letters = (await t.database.db.execute(`select form, title from case_letters where liability_id = '${c.owner}' order by created_at, id` as never)) as unknown as { rows: { form: string; title: string }[] };
    expect(letters.rows.map((r) => r.form)).toContain('REFUND');
  });

  it('turns a reduction after payment into a credit waiting for a refund decision', async () => {
    const c = await imposedCase('Oder Logistika', 'FG21 RED');
    await act(c.reference, [c.owner], payment(await owed(c), addDays(incidentDate, 46)), actors.finance, 46);
    await act(c.reference, [c.owner], { type: 'recordObjection', receivedOn: addDays(incidentDate, 50), grounds: 'We are a micro company' }, actors.caseworker, 50);
    const penaltyFacts = { offence: 'S31A', incidentDate, role: 'owner', vehicleKind: 'goods', previousPenalties: [], cpasMember: true, compliedWithRegulations: false };
    // Accredited before Cordon's records: an override of the register with its reason, assured by a Senior Officer.
    const cpas = { source: 'override', member: true, status: 'notMember', reference: null, reason: 'Accredited on the incident date (certificate sent)' } as const;
    await act(c.reference, [c.owner], { type: 'determineObjection', outcome: 'reduce', reasons: 'Accredited on the incident date', penaltyFacts, cpas }, actors.assurer, 60);
    await act(c.reference, [c.owner], { type: 'assureObjectionDetermination', approve: true, checklist: ['dates', 'process', 'evidence', 'amount'] }, actors.senior, 60);
    const reduced = await stateOf(c.reference, c.owner);
    expect(reduced.stage).toBe('objection-determined');
    expect(outstandingPence(reduced)).toBeLessThan(0);
    expect(reduced.overpayment?.amountPence).toBe(-outstandingPence(reduced)!);
    expect((await columns(c.owner)).val_block).toBe(VAL_BLOCKS.paid);
  });

  it('finds a missed instalment: the broken plan makes the penalty overdue and puts the lorry on the list', async () => {
    const c = await imposedCase('Sava Prevoz', 'FG22 MIS');
    await act(c.reference, [c.owner], { type: 'confirmPaymentDue' }, actors.caseworker, 73);
    const total = await owed(c);
    const schedule = [
      { dueOn: addDays(incidentDate, 100), amountPence: Math.floor(total / 2) },
      { dueOn: addDays(incidentDate, 160), amountPence: total - Math.floor(total / 2) },
    ];
    await act(c.reference, [c.owner], { type: 'agreeInstalments', schedule }, actors.finance, 80);
    await act(c.reference, [c.owner], payment(10_000, addDays(incidentDate, 99)), actors.finance, 99);
    expect(missedInstalments(await stateOf(c.reference, c.owner), today)).toEqual([schedule[0]]);
    // The plan counts as kept until the missed instalment is recorded: nobody has to notice it, the
    // scheduled check (the hourly `missed-instalments` job, run by one process) finds it and records the plan as broken.
    expect((await vehicleActionList(t.database.db, today)).map((e) => e.registration)).not.toContain('FG22 MIS');
    const run = await checkMissedInstalments(t.database.db, t.services.cases, t.clock.now());
    expect(run.broken.map((b) => b.reference)).toContain(c.reference);
    expect(run.failed).toEqual([]);
    const again = await checkMissedInstalments(t.database.db, t.services.cases, t.clock.now());
    expect(again.broken.map((b) => b.reference)).not.toContain(c.reference);
    const broken = await stateOf(c.reference, c.owner);
    expect(broken.stage).toBe('overdue');
    expect(broken.instalmentPlan?.broken?.missed).toEqual([schedule[0]]);
    const entry = (await vehicleActionList(t.database.db, today)).find((e) => e.registration === 'FG22 MIS');
    expect(entry?.outstandingPence).toBe(total - 10_000);
  });

  it('lifts the means block once the assessment is assured: the lorry goes on the list', async () => {
    const c = await imposedCase('Ebro Transportes', 'FG25 MNS');
    const assessmentId = crypto.randomUUID();
    const assessment = {
      kind: 'company',
      figures: { currency: 'EUR', turnover: '900000', balanceSheetTotal: '400000', headcount: 8, turnoverEuro: 900_000, balanceSheetTotalEuro: 400_000 },
      rate: null,
      decision: { band: 'micro', reason: 'Accounts for 2025' },
    };
    const recorded = await executeCommand(t.database.db, recordMeansAssessment, { reference: c.reference, liabilityId: c.owner, assessmentId, assessment }, { actor: actors.caseworker, now: on(100) });
    expect(recorded.ok).toBe(true);
    expect((await columns(c.owner)).val_block).toBe(VAL_BLOCKS.meansAssessment);
    expect((await vehicleActionList(t.database.db, today)).map((e) => e.registration)).not.toContain('FG25 MNS');
    const assured = await executeCommand(t.database.db, assureMeansAssessment, { reference: c.reference, liabilityId: c.owner, assessmentId, outcome: 'assure' }, { actor: actors.assurer, now: on(101) });
    expect(assured.ok).toBe(true);
    expect((await columns(c.owner)).val_block).toBeNull();
    expect((await vehicleActionList(t.database.db, today)).map((e) => e.registration)).toContain('FG25 MNS');
  });

  it('takes the employer’s payment against the driver’s penalty', async () => {
    const c = await imposedCase('Weser Fracht', 'FG23 EMP');
    const driverOwes = await owed(c, c.driver);
    await act(c.reference, [c.driver], payment(driverOwes, addDays(incidentDate, 70), { paidBy: 'employer', reference: 'WESER-FRACHT-DRIVER' }), actors.finance, 70);
    const driver = await stateOf(c.reference, c.driver);
    expect(driver.stage).toBe('paid');
    expect(driver.payments).toEqual([expect.objectContaining({ amountPence: driverOwes, paidBy: 'employer', reference: 'WESER-FRACHT-DRIVER' })]);
    // The company's own penalty is a separate debt: its lorry stays on the list until that is paid.
    expect((await vehicleActionList(t.database.db, today)).map((e) => e.registration)).toContain('FG23 EMP');
    const refused = await t.services.cases.act(
      { reference: c.reference, liabilityIds: [c.owner], action: payment(1_000, addDays(incidentDate, 70), { paidBy: 'employer' }) },
      { actor: actors.finance, now: on(70) },
    );
    expect(refused.ok ? '' : refused.message).toMatch(/An employer pays against a driver’s penalty/);
  });

  it('records a payment and a plan through the pages, with errors beside the fields and nothing saved on a mistake', async () => {
    const c = await imposedCase('Scheldt Vervoer', 'FG24 WEB');
    const finance = await WebClient.signedIn(t.app, 'finance-officer');
    const form = await finance.get(`/cases/${c.reference}/actions/recordPayment?liability=${c.owner}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Finance system invoice or receipt reference');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const base = { liabilityIds: c.owner, version, ...dateFields('receivedOn', today), method: 'bank-transfer', reference: 'INV-WEB-1', paidBy: 'recipient' };
    const wrong = await finance.post(`/cases/${c.reference}/actions/recordPayment`, { ...base, amount: 'lots' });
    expect(wrong.statusCode).toBe(422);
    expect(errorSummary(wrong.body)).toContain('The amount received must be an amount in pounds, like 1500 or 1500.50');
    expect((await stateOf(c.reference, c.owner)).payments).toEqual([]);
    const paid = await finance.post(`/cases/${c.reference}/actions/recordPayment`, { ...base, amount: '100.00' });
    expect(paid.statusCode, errorSummary(paid.body)).toBe(303);
    expect((await stateOf(c.reference, c.owner)).payments.map((p) => p.amountPence)).toEqual([10_000]);
    const page = await finance.get(`/cases/${c.reference}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Payments received');
    expect(page.body).toContain('INV-WEB-1');
    expect(page.body).toContain('the company’s vehicles are on the Vehicle Action List');
    expect(page.body).toContain('Payment received');

    const plan = await step(finance, c.reference, 'agreeInstalments', c.owner, { schedule: `${addDays(today, 30)} 100\nsoon 50` });
    expect(plan.statusCode).toBe(422);
    expect(errorSummary(plan.body)).toContain('line 2 (“soon 50”) does not start with a real date');
    const refused = await step(finance, c.reference, 'agreeInstalments', c.owner, { schedule: `${addDays(today, 30)} 100` });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toMatch(/You cannot agree payment by instalments at the stage “Penalty imposed”/);
  });
});
