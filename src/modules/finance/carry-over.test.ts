import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, ledgerFile, type ImposedCase } from '../../../test/support/finance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { LEDGER_IMPORT_EVENT } from '../../domain/payments/events.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import type { Db } from '../../platform/database/client.js';
import { carryOverLedgerRows } from './carry-over.js';
import { carryOverDebtReferrals } from '../enforcement/carry-over.js';

/** Both upgrade steps of what `payments` was: finance's ledger rows and enforcement's referrals. */
const carryOverPaymentsRows = async (db: Db, now: Date) => ({ ...(await carryOverLedgerRows(db, now)), ...(await carryOverDebtReferrals(db, now)) });

/*
 * A database made before ledger lines were events and referrals carried the file's hash: made here
 * with today's commands, then the log put back as it was (the lines' events removed, the hash and
 * the case id taken out of their events, an import marked failed without an event). The upgrade step
 * carries the rows over once, and the log then rebuilds them exactly.
 */

let t: TestApp;
let kases: ImposedCase[];
const finance = { id: 'finance-carry-over', name: 'Fiona Finance', roles: ['finance-officer'] };
const today = () => ukDate(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  kases = await imposedCases(t, ['Alpha Haulage Sp. z o.o.', 'Beta Transport Ltd'], { key: 'payments-carry-over' });
  const [a, b] = kases;
  const ledger = t.services.ledger;
  const file = ledgerFile([
    ['C-1', today(), '500.00', 'GBP', 'BACS', 'INV-1', `${a!.reference}-O`, 'Alpha Haulage'],
    ['C-2', today(), '75.00', 'GBP', 'BACS', '', 'Donation', 'Nobody In Particular'],
    ['C-3', today(), '12.00', 'GBP', 'BACS', '', 'Refund please', 'Someone Else'],
  ]);
  const started = await ledger.startImport({ bytes: file, fileName: 'ledger.csv' }, finance);
  await ledger.waitFor((started as { importId: string }).importId);
  const [donation, refund] = await ledger.waitingLines();
  expect((await ledger.assign(donation!.id, { reference: b!.reference, liabilityId: b!.owner.id, paidBy: 'other' }, finance)).ok).toBe(true);
  expect((await ledger.setAside(refund!.id, 'Not a penalty payment', finance)).ok).toBe(true);
  t.clock.advanceDays(61);
  expect((await t.services.debt.createReferral([a!.owner.id], finance)).ok).toBe(true);

  // The log as an earlier version left it.
  const db = t.database.db;
  await db.execute(sql`delete from events where type = ${LEDGER_IMPORT_EVENT.LedgerLineRecorded}`);
  await db.execute(sql`update events set payload = payload - 'caseId' where type = ${LEDGER_IMPORT_EVENT.LedgerLineAssigned}`);
  await db.execute(sql`update events set payload = payload - 'fileHash' where type = ${CASE_EVENT.DebtReferredToAgency}`);
  await db.execute(sql`update ledger_imports set status = 'failed'`);
});
afterAll(async () => t?.close());

describe('carrying the payments rows over onto the log', () => {
  it('records each row the log lacks once, after which the log rebuilds every row exactly', async () => {
    const before = await rebuildProjections(t.database.db, projectors);
    expect(before.differences.map((d) => d.table).sort()).toEqual(['debt_referrals', 'ledger_imports', 'ledger_lines', 'ledger_lines', 'ledger_lines']);

    expect(await carryOverPaymentsRows(t.database.db, t.clock.now())).toEqual({ lines: 3, imports: 1, referrals: 1 });
    const after = await rebuildProjections(t.database.db, projectors);
    expect(after.differences).toEqual([]);
    expect(after.tables.find((table) => table.name === 'ledger_lines')).toEqual({ name: 'ledger_lines', live: 3, rebuilt: 3 });

    expect(await carryOverPaymentsRows(t.database.db, t.clock.now())).toEqual({ lines: 0, imports: 0, referrals: 0 });
  });

  it('leaves a database made by today’s commands alone', async () => {
    const [, b] = kases;
    const file = ledgerFile([['C-9', today(), '20.00', 'GBP', 'BACS', '', `${b!.reference}-O`, 'Beta Transport']]);
    const started = await t.services.ledger.startImport({ bytes: file, fileName: 'later.csv' }, finance);
    await t.services.ledger.waitFor((started as { importId: string }).importId);
    expect((await t.services.debt.createReferral([b!.driver.id], finance)).ok).toBe(true);
    expect(await carryOverPaymentsRows(t.database.db, t.clock.now())).toEqual({ lines: 0, imports: 0, referrals: 0 });
    expect((await rebuildProjections(t.database.db, projectors)).differences).toEqual([]);
  });
});
