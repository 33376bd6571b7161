import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { errorSummary } from '../../../test/support/casework.js';
import { imposedCases, ledgerFile, uploadLedger, type ImposedCase } from '../../../test/support/finance.js';
import { rowsOf } from '../../platform/database/client.js';

let t: TestApp;
let kases: ImposedCase[];
let finance: WebClient;
let postedOn: string;

beforeAll(async () => {
  t = await createTestApp();
  kases = await imposedCases(t, ['Alpha Haulage Sp. z o.o.', 'Beta Transport Ltd', 'Gamma Logistics GmbH'], { key: 'ledger-web' });
  finance = await WebClient.signedIn(t.app, 'finance-officer');
  postedOn = new Date(t.clock.now().getTime()).toISOString().slice(0, 10);
});
afterAll(async () => t?.close());

const paymentsOn = async (reference: string, liabilityId: string) =>
  (await t.services.cases.caseFile(reference))!.states.get(liabilityId)!.payments.map((p) => ({ amountPence: p.amountPence, reference: p.reference, paidBy: p.paidBy }));
const count = async (table: string) => Number(rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

function garbled(reference: string): string {
  const [, year, number] = reference.split('-');
  return `cec ${year} ${Number(number)}`;
}

async function importFile(bytes: Buffer, name = 'ledger.csv') {
  const response = await uploadLedger(t, finance, bytes, name);
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  const importId = /ledger-imports\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
  await t.services.ledger.waitFor(importId);
  return { importId, location: response.headers.location as string };
}

let firstFile: Buffer;
let firstImport: string;

describe('importing the finance system’s ledger', () => {
  it('records matched payments on their cases, leaves the rest waiting and reports bad lines by number', async () => {
    const [a, b, c] = kases;
    firstFile = ledgerFile([
      ['T-1', postedOn, '500.00', 'GBP', 'BACS', 'INV-1', `${a!.reference}-O`, 'Alpha Haulage'],
      ['T-2', postedOn, '250.00', 'GBP', 'card', '', garbled(b!.reference), 'BETA TRANSPORT LIMITED'],
      ['T-3', postedOn, 'abc', 'GBP', 'BACS', '', '', ''],
      ['T-4', postedOn, '75.00', 'GBP', 'BACS', '', 'Donation', 'Nobody In Particular'],
      ['T-5', postedOn, '10.00', 'GBP', 'CHQ', '', c!.reference, 'A Friend'],
    ]);
    const { importId } = await importFile(firstFile);
    firstImport = importId;
    expect(await paymentsOn(a!.reference, a!.owner.id)).toEqual([{ amountPence: 50000, reference: 'INV-1', paidBy: 'recipient' }]);
    expect(await paymentsOn(b!.reference, b!.owner.id)).toEqual([{ amountPence: 25000, reference: 'T-2', paidBy: 'recipient' }]);
    expect(await paymentsOn(c!.reference, c!.owner.id)).toEqual([]);

    const page = await finance.get(`/finance/ledger-imports/${importId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Matched and recorded on a case\s*<\/dt>\s*<dd[^>]*>\s*2\s*</);
    expect(page.body).toContain('amount &quot;abc&quot; is not pounds with two decimals');
    // Each recorded payment names the penalty it paid: person, role and offence beside the case.
    expect(page.body).toContain(`${a!.reference}</a>: pays Alpha Haulage Sp. z o.o.’s penalty (owner, S31A)`);
    expect(page.body).toMatch(/<td class="govuk-table__cell"[^>]*>4<\/td><td class="govuk-table__cell"[^>]*>amount/);
    const waiting = await t.services.ledger.waitingLines();
    expect(waiting.map((l) => [l.payerName, l.waitingReason])).toEqual([
      ['Nobody In Particular', 'unmatched'],
      ['A Friend', 'ambiguous'],
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const lines = await count('ledger_lines');
    const events = await count('events');
    const response = await uploadLedger(t, finance, firstFile, 'ledger-again.csv');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/finance/ledger-imports/${firstImport}?repeated=1`);
    expect(await count('ledger_lines')).toBe(lines);
    expect(await count('events')).toBe(events);
    expect(await count('ledger_imports')).toBe(1);
    expect(await paymentsOn(kases[0]!.reference, kases[0]!.owner.id)).toHaveLength(1);
    const page = await finance.get(response.headers.location as string);
    expect(page.body).toContain('This file was imported before');
  });

  it('records only the new lines of a file that repeats lines already imported', async () => {
    const [a] = kases;
    const { importId } = await importFile(
      ledgerFile([
        ['T-1', postedOn, '500.00', 'GBP', 'BACS', 'INV-1', `${a!.reference}-O`, 'Alpha Haulage'],
        ['T-6', postedOn, '100.00', 'GBP', 'BACS', 'INV-1', 'second payment', 'Alpha Haulage'],
      ]),
      'ledger-2.csv',
    );
    // T-1 is not recorded twice; T-6 quotes no reference but the invoice INV-1 was paid against this penalty before.
    expect((await paymentsOn(a!.reference, a!.owner.id)).map((p) => p.amountPence)).toEqual([50000, 10000]);
    const progress = (await finance.get(`/finance/ledger-imports/${importId}/progress`)).json();
    expect(progress).toMatchObject({ status: 'done', total: 2, done: 2, matched: 1, alreadyImported: 1, waiting: 0, rejected: 0 });
  });

  it('works through a long file after the upload returns, showing lines done of the total (with a refresh link for no JavaScript)', async () => {
    const [, b] = kases;
    const lines = Array.from({ length: 15 }, (_, i) => [`T-LONG-${i}`, postedOn, '1.00', 'GBP', 'BACS', '', `${b!.reference}-D`, '']);
    const response = await uploadLedger(t, finance, ledgerFile(lines), 'long.csv');
    expect(response.statusCode).toBe(303);
    const page = await finance.get(response.headers.location as string);
    expect(page.body).toMatch(/<span data-progress-field="done">\d+<\/span> of <span data-progress-field="total">15<\/span> lines done/);
    expect(page.body).toContain('Refresh to see progress');
    const importId = /ledger-imports\/([0-9a-f-]{36})/.exec(response.headers.location as string)![1]!;
    await t.services.ledger.waitFor(importId);
    expect((await finance.get(`/finance/ledger-imports/${importId}/progress`)).json()).toMatchObject({ status: 'done', done: 15, total: 15, matched: 15 });
    expect(await paymentsOn(b!.reference, b!.driver.id)).toHaveLength(15);
  });

  it('finishes an import that stopped part-way when the same file is uploaded again, recording no payment twice', async () => {
    const [a] = kases;
    const file = ledgerFile([
      ['T-R1', postedOn, '1.00', 'GBP', 'BACS', '', `${a!.reference}-D`, ''],
      ['T-R2', postedOn, '2.00', 'GBP', 'BACS', '', `${a!.reference}-D`, ''],
    ]);
    const { importId } = await importFile(file, 'resume.csv');
    // As if the service had stopped after recording both payments but before recording the second line.
    await t.database.db.execute(sql`delete from ledger_lines where line_key = 'transaction:T-R2'`);
    await t.database.db.execute(sql`update ledger_imports set status = 'failed', matched = 1 where id = ${importId}`);
    const again = await uploadLedger(t, finance, file, 'resume.csv');
    expect(again.headers.location).toBe(`/finance/ledger-imports/${importId}?repeated=1`);
    await t.services.ledger.waitFor(importId);
    expect((await t.services.ledger.getImport(importId))!.progress).toMatchObject({ status: 'done', matched: 2, done: 2 });
    expect((await paymentsOn(a!.reference, a!.driver.id)).map((p) => p.amountPence)).toEqual([100, 200]);
  });

  it('refuses a file that is not a ledger export, importing nothing', async () => {
    const response = await uploadLedger(t, finance, Buffer.from('name,amount\nx,1\n'), 'wrong.csv');
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('transaction_id');
    expect(await count('ledger_imports')).toBe(4);
  });
});

describe('the unmatched queue', () => {
  it('lists each waiting payment with its candidates', async () => {
    const page = await finance.get('/finance/unmatched');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 payments wait');
    expect(page.body).toContain(`<a class="govuk-link" href="/cases/${kases[2]!.reference}">${kases[2]!.reference}</a>: reference ${kases[2]!.reference} quoted; owner Gamma Logistics GmbH`);
    const ambiguous = (await t.services.ledger.waitingLines()).find((l) => l.waitingReason === 'ambiguous')!;
    const line = await finance.get(`/finance/unmatched/${ambiguous.id}`);
    expect(line.body).toContain(`${kases[2]!.reference} – Owner: Gamma Logistics GmbH`);
    expect(line.body).toContain(`${kases[2]!.reference} – Driver:`);
  });

  it('assigns a payment to a typed case reference, asking whose penalty when the case has several, and records it', async () => {
    const [, , c] = kases;
    const unmatched = (await t.services.ledger.waitingLines()).find((l) => l.waitingReason === 'unmatched')!;
    await finance.get(`/finance/unmatched/${unmatched.id}`);
    const typed = await finance.post(`/finance/unmatched/${unmatched.id}/assign`, { choice: 'other', reference: c!.reference.toLowerCase() });
    expect(typed.statusCode).toBe(422);
    expect(errorSummary(typed.body)).toContain(`Choose whose penalty on ${c!.reference}`);
    const chosen = await finance.post(`/finance/unmatched/${unmatched.id}/assign`, { choice: c!.owner.id, paidBy: 'other' });
    expect(chosen.statusCode, errorSummary(chosen.body)).toBe(303);
    expect(await paymentsOn(c!.reference, c!.owner.id)).toEqual([{ amountPence: 7500, reference: 'T-4', paidBy: 'other' }]);
    expect((await t.services.ledger.line(unmatched.id))!.status).toBe('resolved');
    // Assigning again changes nothing.
    const again = await finance.post(`/finance/unmatched/${unmatched.id}/assign`, { choice: c!.owner.id });
    expect(again.statusCode).toBe(422);
    expect(await paymentsOn(c!.reference, c!.owner.id)).toHaveLength(1);
  });

  it('sets a payment aside only with a reason', async () => {
    const ambiguous = (await t.services.ledger.waitingLines()).find((l) => l.waitingReason === 'ambiguous')!;
    await finance.get(`/finance/unmatched/${ambiguous.id}`);
    const empty = await finance.post(`/finance/unmatched/${ambiguous.id}/set-aside`, { reason: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(errorSummary(empty.body)).toContain('Enter why the line is set aside');
    const setAside = await finance.post(`/finance/unmatched/${ambiguous.id}/set-aside`, { reason: 'Not a penalty payment: refund requested by the payer.' });
    expect(setAside.statusCode).toBe(303);
    expect(await t.services.ledger.waitingLines()).toEqual([]);
    const page = await finance.get(`/finance/unmatched/${ambiguous.id}`);
    expect(page.body).toContain('refund requested by the payer');
  });

  it('lets a manager see the queue but not change it', async () => {
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get('/finance/unmatched')).statusCode).toBe(200);
    expect((await manager.get('/finance/ledger-imports')).body).not.toContain('Import the file');
    const line = (await t.services.ledger.linesOfImport(firstImport))[0]!;
    expect((await manager.post(`/finance/unmatched/${line.id}/set-aside`, { reason: 'x' })).statusCode).toBe(403);
  });
});
