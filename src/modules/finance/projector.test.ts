import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, ledgerFile, type ImposedCase } from '../../../test/support/finance.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { executeCommand } from '../../platform/events/command.js';
import { rowsOf } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { endDetention, recordDetention } from '../enforcement/detention-commands.js';
import { recordDebtAcknowledgement } from '../enforcement/debt-commands.js';

/*
 * The payments tables are what the events make: after a ledger import (matched, waiting, a line
 * assigned, one set aside, one refused by its case), a referral to the agency and its outcome, and a
 * detention started and ended, replaying the log rebuilds every row exactly; a hand-edited row of
 * each table is named.
 */

let t: TestApp;
let kases: ImposedCase[];
const finance = { id: 'finance-projector', name: 'Fiona Finance', roles: ['finance-officer'] };
const today = () => ukDate(t.clock.now());
const rows = async <R>(query: ReturnType<typeof sql>) => rowsOf<R>(await t.database.db.execute(query));

beforeAll(async () => {
  t = await createTestApp();
  kases = await imposedCases(t, ['Alpha Haulage Sp. z o.o.', 'Beta Transport Ltd', 'Gamma Logistics GmbH'], { key: 'payments-projector' });
  const [a, b, c] = kases;
  const ledger = t.services.ledger;

  // A ledger import: matched by reference, matched by a garbled reference, unmatched, ambiguous, a bad line.
  const [, year, number] = b!.reference.split('-');
  const file = ledgerFile([
    ['P-1', today(), '500.00', 'GBP', 'BACS', 'INV-1', `${a!.reference}-O`, 'Alpha Haulage'],
    ['P-2', today(), '250.00', 'GBP', 'card', '', `cec ${year} ${Number(number)}`, 'BETA TRANSPORT LIMITED'],
    ['P-3', today(), 'abc', 'GBP', 'BACS', '', '', ''],
    ['P-4', today(), '75.00', 'GBP', 'BACS', '', 'Donation', 'Nobody In Particular'],
    ['P-5', today(), '10.00', 'GBP', 'CHQ', '', c!.reference, 'A Friend'],
    ['P-6', today(), '12.00', 'GBP', 'BACS', '', 'Refund please', 'Someone Else'],
  ]);
  const started = await ledger.startImport({ bytes: file, fileName: 'ledger.csv' }, finance);
  expect(started.ok).toBe(true);
  await ledger.waitFor((started as { importId: string }).importId);
  const waiting = await ledger.waitingLines();
  expect(waiting).toHaveLength(3);
  const friend = waiting.find((line) => line.payerName === 'A Friend')!;
  expect(await ledger.assign(friend.id, { reference: c!.reference, liabilityId: c!.owner.id, paidBy: 'other' }, finance)).toMatchObject({ ok: true });
  const refund = waiting.find((line) => line.payerName === 'Someone Else')!;
  expect((await ledger.setAside(refund.id, 'Not a penalty payment', finance)).ok).toBe(true);

  // The penalties fall due; two are referred to the agency, which reports on one.
  t.clock.advanceDays(61);
  const referred = await t.services.debt.createReferral([a!.owner.id, b!.driver.id], finance);
  expect(referred.ok, JSON.stringify(referred)).toBe(true);
  const [referral] = await t.services.debt.referralsOfLiabilities([a!.owner.id]);
  expect((await t.services.debt.recordOutcome(referral!.id, { outcome: 'part-collected', outcomeOn: today(), note: 'Paying monthly.' }, finance)).ok).toBe(true);
  const acknowledged = await executeCommand(t.database.db, recordDebtAcknowledgement, { reference: b!.reference, liabilityId: b!.owner.id, acknowledgedOn: today() }, { actor: finance, now: t.clock.now() });
  expect(acknowledged.ok).toBe(true);

  // Two vehicles detained; one released by court order, its costs charged.
  for (const [detentionId, registration] of [['0190a000-0000-7000-8000-000000000001', 'WGM 4522K'], ['0190a000-0000-7000-8000-000000000002', 'WGM 9999K']] as const) {
    const detained = await executeCommand(
      t.database.db,
      recordDetention,
      { reference: b!.reference, detentionId, liabilityId: b!.owner.id, registration: ` ${registration.toLowerCase()} `, place: 'Dover compound', startedOn: addDays(today(), -2), dailyCostPence: 4500 },
      { actor: finance, now: t.clock.now() },
    );
    expect(detained.ok, JSON.stringify(detained)).toBe(true);
  }
  const ended = await executeCommand(
    t.database.db,
    endDetention,
    { reference: b!.reference, detentionId: '0190a000-0000-7000-8000-000000000001', how: 'court-order', endedOn: today() },
    { actor: finance, now: t.clock.now() },
  );
  expect(ended.ok, JSON.stringify(ended)).toBe(true);
});
afterAll(async () => t?.close());

describe('the payments projector', () => {
  it('rebuilds the ledger, referrals and detentions exactly from the events', async () => {
    const report = await rebuildProjections(t.database.db, projectors);
    expect(report.differences).toEqual([]);
    const counts = Object.fromEntries(report.tables.map((table) => [table.name, [table.live, table.rebuilt]]));
    expect(counts).toMatchObject({ ledger_imports: [1, 1], ledger_lines: [5, 5], debt_referrals: [2, 2], detentions: [2, 2] });
    const [line] = await rows<{ status: string; resolved_by: string }>(sql`select status, resolved_by from ledger_lines where payer_name = 'A Friend'`);
    expect(line).toEqual({ status: 'resolved', resolved_by: finance.id });
    const [counted] = await rows<{ matched: number; waiting: number; rejected: number; status: string }>(sql`select matched, waiting, rejected, status from ledger_imports`);
    expect(counted).toEqual({ matched: 2, waiting: 3, rejected: 1, status: 'done' });
  });

  it('names a hand-edited row of each of its tables', async () => {
    await t.database.db.execute(sql`update ledger_imports set matched = matched + 1`);
    await t.database.db.execute(sql`update ledger_lines set payer_name = 'Edited' where payer_name = 'Nobody In Particular'`);
    await t.database.db.execute(sql`update debt_referrals set outcome = 'collected' where outcome is not null`);
    await t.database.db.execute(sql`update detentions set ended_on = null, ended_how = null where ended_on is not null`);
    const report = await rebuildProjections(t.database.db, projectors);
    const problems = report.differences.map((d) => `${d.table}: ${d.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ledger_imports: differs in matched \(live 3, from the events 2\)$/),
        expect.stringMatching(/^ledger_lines: differs in payer_name \(live "Edited", from the events "Nobody In Particular"\)$/),
        expect.stringMatching(/^debt_referrals: differs in outcome \(live "collected", from the events "part-collected"\)$/),
        expect.stringMatching(/^detentions: differs in .*ended_how \(live null, from the events "court-order"\)/),
      ]),
    );
    expect(report.differences).toHaveLength(4);
  });
});
