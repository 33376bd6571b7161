import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { dateFields, errorSummary } from '../../../test/support/casework.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { addDays, addYears } from '../../domain/clock/calendar-date.js';
import { readCsv } from '../../domain/payments/csv.js';
import { DCA_COLUMNS } from '../../domain/payments/debt-referral.js';
import { ukDate } from '../../domain/reference/uk-date.js';

let t: TestApp;
let kases: ImposedCase[];
let finance: WebClient;
const today = () => ukDate(t.clock.now());
const financeActor = { id: 'finance-test', name: 'Fiona Finance', roles: ['finance-officer'] };

beforeAll(async () => {
  t = await createTestApp();
  // Noon UTC: whole days added from late evening would cross midnight in the UK once summer time starts.
  t.clock.set(new Date(`${ukDate(new Date())}T12:00:00Z`));
  kases = await imposedCases(t, ['Delta Freight Sp. z o.o.', 'Epsilon Cargo Ltd'], { key: 'debt-web' });
  finance = await WebClient.signedIn(t.app, 'finance-officer');
  // A part payment on the first owner's penalty, then the due date (notice + 60 days) passes.
  const [a] = kases;
  const paid = await t.services.cases.act(
    { reference: a!.reference, liabilityIds: [a!.owner.id], action: { type: 'recordPayment', amountPence: 20000, receivedOn: today(), method: 'bank-transfer', reference: 'INV-D1', paidBy: 'recipient' } },
    { actor: financeActor, now: t.clock.now() },
  );
  expect(paid.ok, JSON.stringify(paid)).toBe(true);
  t.clock.advanceDays(61);
});
afterAll(async () => t?.close());

const file = async (reference: string) => (await t.services.cases.caseFile(reference))!;
const row = async (reference: string, liabilityId: string) => (await file(reference)).liabilities.find((l) => l.id === liabilityId)!;

describe('the overdue list and the debt collection agency', () => {
  it('lists penalties past their due date with money owed, with days overdue', async () => {
    const page = await finance.get('/finance/overdue');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('4 overdue penalties');
    const [a, b] = kases;
    expect(page.body).toContain(`/cases/${a!.reference}#debt-${a!.owner.id}`);
    expect(page.body).toContain(`/cases/${b!.reference}#debt-${b!.driver.id}`);
    const owner = await row(a!.reference, a!.owner.id);
    expect(owner.outstandingPence).toBe(owner.amountPence! - 20000);
    const entries = await t.services.debt.overdue(today());
    expect(entries.map((e) => e.daysOverdue)).toEqual([1, 1, 1, 1]);
  });

  it('refuses a referral with nothing selected', async () => {
    await finance.get('/finance/overdue');
    const response = await finance.post('/finance/debt-referrals', {});
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain('Select at least one penalty to refer');
  });

  let batchUrl: string;
  it('writes a referral file with the fields the agency needs, and records each referral with the file’s hash', async () => {
    const [a, b] = kases;
    await finance.get('/finance/overdue');
    const response = await finance.post('/finance/debt-referrals', { liabilityIds: [a!.owner.id, b!.owner.id] });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    batchUrl = response.headers.location as string;
    const download = await finance.get(`${batchUrl}/file.csv`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    const bytes = download.rawPayload;
    const { records, problems } = readCsv(bytes.toString('utf8'));
    expect(problems).toEqual([]);
    expect(records[0]!.fields).toEqual([...DCA_COLUMNS]);
    const lines = records.slice(1).map((r) => Object.fromEntries(DCA_COLUMNS.map((c, i) => [c, r.fields[i]])));
    const delta = lines.find((l) => l.case_reference === a!.reference)!;
    const owner = await row(a!.reference, a!.owner.id);
    expect(delta).toMatchObject({
      debtor_name: 'Delta Freight Sp. z o.o.',
      debtor_role: 'owner',
      payment_reference: `${a!.reference}-O`,
      country: 'PL',
      language: 'pl',
      vehicle_registration: 'WGM 4521K',
      penalty_amount: (owner.amountPence! / 100).toFixed(2),
      outstanding_amount: ((owner.amountPence! - 20000) / 100).toFixed(2),
      due_date: owner.paymentDue,
      last_payment_date: addDays(today(), -61),
    });
    expect(delta.address_line_1).toBe('ul. Długa 5');
    expect(lines).toHaveLength(2);
    const referrals = await t.services.debt.referralsOfLiabilities([a!.owner.id, b!.owner.id]);
    expect(referrals).toHaveLength(2);
    expect(new Set(referrals.map((r) => r.fileHash))).toEqual(new Set([createHash('sha256').update(bytes).digest('hex')]));
    expect((await finance.get('/finance/overdue')).body.match(/Not referred/g)).toHaveLength(2);
  });

  it('records what the agency reported for a penalty', async () => {
    const [a] = kases;
    const referral = (await t.services.debt.referralsOfLiabilities([a!.owner.id]))[0]!;
    const form = await finance.get(`${batchUrl}/outcomes/${referral.id}`);
    expect(form.statusCode).toBe(200);
    const bad = await finance.post(`${batchUrl}/outcomes/${referral.id}`, { outcome: 'part-collected', ...dateFields('outcomeOn', addDays(today(), 3)) });
    expect(bad.statusCode).toBe(422);
    expect(errorSummary(bad.body)).toContain('cannot be in the future');
    const good = await finance.post(`${batchUrl}/outcomes/${referral.id}`, { outcome: 'part-collected', note: 'Debtor paying monthly to the agency.', ...dateFields('outcomeOn', today()) });
    expect(good.statusCode, errorSummary(good.body)).toBe(303);
    expect((await finance.get(batchUrl)).body).toContain('Part collected');
    const casePage = await finance.get(`/cases/${a!.reference}`);
    expect(casePage.body).toContain('Part collected');
  });
});

describe('acknowledgements, insolvency checks and limitation', () => {
  let acknowledgedOn: string;
  it('records a written acknowledgement, which moves the limitation date', async () => {
    t.clock.advanceDays(30);
    const [a] = kases;
    acknowledgedOn = today();
    const path = `/cases/${a!.reference}/liabilities/${a!.owner.id}/debt/acknowledgement`;
    expect((await finance.get(path)).statusCode).toBe(200);
    const response = await finance.post(path, { ...dateFields('acknowledgedOn', acknowledgedOn), note: 'Letter accepting the debt.' });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const state = (await file(a!.reference)).states.get(a!.owner.id)!;
    expect(state.payment.lastAcknowledgementOn).toBe(acknowledgedOn);
    const page = await finance.get(`/cases/${a!.reference}`);
    expect(page.body).toContain('Written acknowledgement');
    expect(page.body).toContain('the last written acknowledgement');
  });

  it('records an insolvency check on the case page', async () => {
    const [, b] = kases;
    const path = `/cases/${b!.reference}/liabilities/${b!.owner.id}/debt/insolvency-check`;
    await finance.get(path);
    const missing = await finance.post(path, dateFields('checkedOn', today()));
    expect(missing.statusCode).toBe(422);
    expect(errorSummary(missing.body)).toContain('Choose what the check found');
    const response = await finance.post(path, { ...dateFields('checkedOn', today()), source: 'Companies House', finding: 'in-administration', note: 'Administrators appointed.' });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const page = await finance.get(`/cases/${b!.reference}`);
    expect(page.body).toContain('Companies House: <strong>In administration</strong>');
  });

  it('lists debts at limitation with a link to propose write-off, from the later of due date, payment and acknowledgement', async () => {
    const [a, b] = kases;
    const due = (await row(b!.reference, b!.owner.id)).paymentDue!;
    const untilLimitationPassed = (Date.parse(addDays(addYears(due, 6), 1)) - Date.parse(today())) / 86_400_000;
    t.clock.advanceDays(untilLimitationPassed);
    const page = await finance.get('/finance/limitation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/cases/${b!.reference}/actions/proposeWriteOff?liability=${b!.owner.id}`);
    // The first owner acknowledged the debt 30 days after it fell due: not yet at limitation.
    expect(page.body).not.toContain(`proposeWriteOff?liability=${a!.owner.id}`);
    const entries = await t.services.debt.atLimitation(today());
    expect(entries.find((e) => e.liabilityId === a!.driver.id)?.limitation.date).toBe(addYears(due, 6));
    const proposal = await finance.get(`/cases/${b!.reference}/actions/proposeWriteOff?liability=${b!.owner.id}`);
    expect(proposal.statusCode).toBe(200);
    t.clock.advanceDays(-untilLimitationPassed);
  });
});

describe('detention', () => {
  it('records a detained vehicle; costs accrue each day and sale is possible from day 85', async () => {
    const [, b] = kases;
    const startedOn = addDays(today(), -2);
    await finance.get(`/cases/${b!.reference}/detentions/new`);
    const refused = await finance.post(`/cases/${b!.reference}/detentions`, { liabilityId: b!.owner.id, registration: 'WGM 4522K', place: 'Dover compound', ...dateFields('startedOn', startedOn), dailyCost: 'lots' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('The daily cost must be an amount in pounds');
    const response = await finance.post(`/cases/${b!.reference}/detentions`, { liabilityId: b!.owner.id, registration: 'WGM 4522K', place: 'Dover compound', ...dateFields('startedOn', startedOn), dailyCost: '45.00' });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const page = await finance.get(`/cases/${b!.reference}`);
    expect(page.body).toContain('£135');
    expect(page.body).toContain('3 days × £45');
    const list = await finance.get('/finance/detentions');
    expect(list.body).toContain('WGM 4522K');
    expect(list.body).toContain('1 vehicle is');
  });

  it('refuses a sale before the sale date, and on release charges the costs to the debt', async () => {
    const [, b] = kases;
    const { detentionsOf } = await import('./detention-commands.js');
    const detention = detentionsOf(await file(b!.reference))[0]!;
    const endPath = `/cases/${b!.reference}/detentions/${detention.detentionId}/end`;
    await finance.get(endPath);
    const sold = await finance.post(endPath, { how: 'sold', ...dateFields('endedOn', today()) });
    expect(sold.statusCode).toBe(422);
    expect(errorSummary(sold.body)).toContain(`may not be sold before ${addDays(detention.startedOn, 84)}`);
    const before = (await row(b!.reference, b!.owner.id)).outstandingPence!;
    const released = await finance.post(endPath, { how: 'court-order', ...dateFields('endedOn', today()) });
    expect(released.statusCode, errorSummary(released.body)).toBe(303);
    const after = await row(b!.reference, b!.owner.id);
    expect(after.outstandingPence).toBe(before + 3 * 4500);
    const kase = await file(b!.reference);
    expect(kase.events.filter((e) => e.type === 'DetentionCostsCharged').map((e) => e.payload.amountPence)).toEqual([13500]);
    const casePage = (await finance.get(`/cases/${b!.reference}`)).body;
    expect(casePage).toContain('Released by court order');
    expect(casePage).toContain('Detention costs added to the debt');
  });
});
