import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAs } from '../../../test/support/casework.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { LiabilityApi } from './case-api-view.js';

/* An S31A case worked through the JSON API alone, each step with the demo API token of its role. */

let t: TestApp;
const today = () => ukDate(t.clock.now());
/** The referral's incident date: today by the real clock, which the referral checks against. */
const incidentDate = ukDate(new Date());

/** The demo API token of a role: `cordon_demo_<role with underscores>_token`. */
const token = (role: string) => ({ authorization: `Bearer cordon_demo_${role.replace(/-/g, '_')}_token` });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface CaseApi {
  reference: string;
  version: number;
  stage: string;
  liabilities: LiabilityApi[];
}

async function post(url: string, role: string | Record<string, string>, body: unknown, key: string | null = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(typeof role === 'string' ? token(role) : role), ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function read(reference: string, role = 'caseworker-eo'): Promise<CaseApi> {
  const response = await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: token(role) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as CaseApi;
}

/** A step on one responsible person, at the case's current version. */
async function act(reference: string, liabilityId: string, action: string, role: string, fields: Record<string, unknown> = {}, key?: string) {
  const { version } = await read(reference);
  return post(`/api/v1/cases/${reference}/liabilities/${liabilityId}/actions/${action}`, role, { expectedVersion: version, ...fields }, key);
}

async function caseAct(reference: string, action: string, role: string, fields: Record<string, unknown> = {}) {
  const { version } = await read(reference);
  return post(`/api/v1/cases/${reference}/actions/${action}`, role, { expectedVersion: version, ...fields });
}

/** A referral through the API, each person identified in the register with their address (two officers). */
async function referredCase(name: string): Promise<{ reference: string; owner: string; driver: string }> {
  const referral = await post('/api/v1/referrals', 'port-officer', {
    port: 'CQF',
    incidentDate,
    offence: 'S31A',
    vehicleRegistration: 'WGM 4521K',
    vehicleCountry: 'PL',
    driverName: `${name} Kowalski`,
    companyName: `${name} Trans Sp. z o.o.`,
    // Each test refers the same vehicle on the same day: another incident each time.
    confirmDuplicate: true,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const { reference } = referral.json() as { reference: string };
  const kase = await read(reference);
  const owner = kase.liabilities.find((l) => l.role === 'owner')!.id;
  const driver = kase.liabilities.find((l) => l.role === 'driver')!.id;
  return { reference, owner, driver };
}

async function identify(reference: string, liabilityId: string, party: { kind: 'person' | 'organisation'; name: string }) {
  const registered = await post('/api/v1/parties', 'caseworker-eo', { ...party, country: 'PL' });
  expect(registered.statusCode, registered.body).toBe(201);
  const confirmed = await caseAct(reference, 'confirmLiabilityParty', 'caseworker-eo', { liabilityId, partyId: registered.json().partyId });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  const proposed = await caseAct(reference, 'proposeAddressChange', 'caseworker-eo', {
    liabilityId,
    line1: 'ul. Długa 5',
    town: 'Łódź',
    postcode: '90-001',
    country: 'PL',
    reason: 'Given on the questionnaire sent with the referral',
  });
  expect(proposed.statusCode, proposed.body).toBe(200);
  const approved = await caseAct(reference, 'approveAddressChange', 'assurer-ho', { liabilityId });
  expect(approved.statusCode, approved.body).toBe(200);
}

const refusedOf = (liability: LiabilityApi, action: string) => liability.actions.refused.find((a) => a.action === action);
const openOf = (liability: LiabilityApi) => liability.actions.open.map((a) => a.action);
const deadline = (liability: LiabilityApi, name: string) => liability.deadlines.find((d) => d.name === name);

describe('an S31A case worked through the API alone, each step by its own role', () => {
  let kase: { reference: string; owner: string; driver: string };
  const liability = async (id: string, role = 'caseworker-eo') => (await read(kase.reference, role)).liabilities.find((l) => l.id === id)!;

  it('opens the case from a referral and shows its deadlines and the steps waiting on facts', async () => {
    kase = await referredCase('Journey');
    const read1 = await read(kase.reference);
    expect(read1.version).toBeGreaterThan(0);
    const owner = read1.liabilities.find((l) => l.id === kase.owner)!;
    expect(owner).toMatchObject({ stage: 'case-created', offence: 'S31A', amounts: { calculated: null, imposed: null, paid: null, outstanding: null } });
    expect(deadline(owner, 'lastDayToImpose')).toMatchObject({ date: addDays(incidentDate, 179), daysLeft: 179 });
    expect(deadline(owner, 'lastDayToImpose')!.rule).toMatch(/180 days/);
    expect(deadline(owner, 'earliestImposition')).toMatchObject({ date: addDays(incidentDate, 42), label: 'Earliest day to impose' });
    expect(refusedOf(owner, 'sendInitialNotice')?.reasons).toEqual([
      'There is no postal address for this person. Record their address in the parties register before sending the initial notice.',
    ]);
  });

  it('identifies each person in the register and records their address, a second officer approving it', async () => {
    await identify(kase.reference, kase.owner, { kind: 'organisation', name: 'Journey Trans Sp. z o.o.' });
    await identify(kase.reference, kase.driver, { kind: 'person', name: 'Journey Kowalski' });
    const identified = await liability(kase.owner);
    expect(openOf(identified)).toContain('checkNoticeDetails');
    expect(refusedOf(identified, 'sendInitialNotice')?.reasons).toEqual([
      'A second officer must check the name and address (and tick the checklist) before the initial notice is sent.',
    ]);
  });

  it('has a second officer check the name and address, with every item of the checklist, before the notice', async () => {
    const partly = await act(kase.reference, kase.owner, 'checkNoticeDetails', 'assurer-ho', { checklist: ['language'] });
    expect(partly.statusCode).toBe(422);
    expect(partly.json().errors).toEqual([{ field: 'checklist', message: 'Tick every item of the name and address checklist once you have checked it' }]);
    for (const id of [kase.owner, kase.driver]) {
      const checked = await act(kase.reference, id, 'checkNoticeDetails', 'caseworker-ao', { checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] });
      expect(checked.statusCode, checked.body).toBe(200);
      expect(checked.json().stages[id]).toBe('case-created');
    }
    expect(openOf(await liability(kase.owner))).toContain('sendInitialNotice');
    const own = await act(kase.reference, kase.owner, 'sendInitialNotice', 'caseworker-ao');
    expect(own.statusCode).toBe(422);
    expect(own.json().errors[0].message).toBe('You checked the name and address, so another officer must send the initial notice.');
  });

  it('sends the initial notice, opening the 28-day response window', async () => {
    for (const id of [kase.owner, kase.driver]) {
      const sent = await act(kase.reference, id, 'sendInitialNotice', 'caseworker-eo');
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json().stages[id]).toBe('initial-notice-sent');
    }
    const owner = await liability(kase.owner);
    expect(owner.stage).toBe('initial-notice-sent');
    expect(deadline(owner, 'initialNoticeResponseDue')).toMatchObject({ date: addDays(today(), 28), daysLeft: 28, label: 'Response to the initial notice due' });
  });

  it('records the response to the initial notice', async () => {
    for (const id of [kase.owner, kase.driver]) {
      const recorded = await act(kase.reference, id, 'recordResponse', 'caseworker-eo', { receivedOn: today(), summary: 'Seals were fitted at loading.' });
      expect(recorded.statusCode, recorded.body).toBe(200);
    }
    expect((await liability(kase.owner)).stage).toBe('response-window-closed');
  });

  it('drafts the recommendation as a caseworker: the calculator’s amount is shown', async () => {
    const owner = await act(kase.reference, kase.owner, 'draftRecommendation', 'caseworker-eo', { compliedWithRegulations: false });
    expect(owner.statusCode, owner.body).toBe(200);
    const driver = await act(kase.reference, kase.driver, 'draftRecommendation', 'caseworker-eo', { compliedWithRegulations: false });
    expect(driver.statusCode, driver.body).toBe(200);
    const drafted = await liability(kase.owner, 'assurer-ho');
    expect(drafted).toMatchObject({ stage: 'recommendation-drafted', amounts: { calculated: 150_000, imposed: null } });
    expect(openOf(drafted)).toEqual(expect.arrayContaining(['approveRecommendation', 'returnRecommendation']));
  });

  it('is assured by another officer (assurer HO)', async () => {
    for (const id of [kase.owner, kase.driver]) {
      const unticked = await act(kase.reference, id, 'approveRecommendation', 'assurer-ho');
      expect(unticked.statusCode).toBe(422);
      const approved = await act(kase.reference, id, 'approveRecommendation', 'assurer-ho', { checklist: ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    expect((await liability(kase.owner)).stage).toBe('assured');
  });

  it('refuses to impose inside the response window, with the reason the case page gives', async () => {
    const due = addDays(today(), 28);
    const before = await read(kase.reference);
    const refused = await act(kase.reference, kase.owner, 'imposePenalty', 'caseworker-eo');
    expect(refused.statusCode).toBe(422);
    const messages = (refused.json().errors as { message: string }[]).map((e) => e.message);
    expect(messages).toContain(`The response window for the initial notice is open until ${due}; impose from ${addDays(due, 1)}.`);
    expect(messages.some((m) => m.startsWith('Operational practice') && m.includes(`allows imposition from ${addDays(incidentDate, 42)}`))).toBe(true);
    // The same reasons stand beside the step in the case as read.
    const owner = (await read(kase.reference)).liabilities.find((l) => l.id === kase.owner)!;
    expect(refusedOf(owner, 'imposePenalty')?.reasons).toEqual(messages);
    expect((await read(kase.reference)).version).toBe(before.version);
  });

  it('imposes once the clock allows: the amounts and the new deadlines show', async () => {
    t.clock.advanceDays(45);
    for (const id of [kase.owner, kase.driver]) {
      const imposed = await act(kase.reference, id, 'imposePenalty', 'caseworker-eo');
      expect(imposed.statusCode, imposed.body).toBe(200);
    }
    const owner = await liability(kase.owner);
    expect(owner).toMatchObject({ stage: 'imposed', amounts: { calculated: 150_000, imposed: 150_000, paid: 0, outstanding: 150_000 } });
    expect(deadline(owner, 'objectionDue')).toMatchObject({ date: addDays(today(), 28), daysLeft: 28 });
    expect(deadline(owner, 'paymentDue')).toMatchObject({ date: addDays(today(), 60), daysLeft: 60 });
    expect(openOf(owner)).toContain('recordObjection');
    expect(refusedOf(owner, 'imposePenalty')).toBeUndefined();
    expect((await read(kase.reference)).stage).toBe('imposed');
  });

  it('records a payment as finance: what is paid and outstanding follows', async () => {
    const paid = await act(kase.reference, kase.owner, 'recordPayment', 'finance-officer', { amountPence: 50_000, receivedOn: today(), method: 'card', reference: 'INV-1', paidBy: 'recipient' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await liability(kase.owner, 'finance-officer')).amounts).toEqual({ calculated: 150_000, imposed: 150_000, paid: 50_000, outstanding: 100_000 });
  });
});

describe('what the API refuses', () => {
  let kase: { reference: string; owner: string; driver: string };
  beforeAll(async () => {
    kase = await referredCase('Refusals');
  });
  const url = (action: string, id = kase.owner) => `/api/v1/cases/${kase.reference}/liabilities/${id}/actions/${action}`;

  it('answers a stale expectedVersion with 409 and changes nothing', async () => {
    const before = await read(kase.reference);
    const response = await post(url('recordNoticeSentToWrongAddress'), 'caseworker-eo', { expectedVersion: before.version - 1, reason: 'Returned by the post office' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/Someone else changed this case/);
    const after = await read(kase.reference);
    expect(after.version).toBe(before.version);
    expect(after.liabilities).toEqual(before.liabilities);
  });

  it('refuses (422, never 500) a claim by an API token: a case is held by an officer, not a token', async () => {
    const { version } = await read(kase.reference);
    const response = await post(`/api/v1/cases/${kase.reference}/actions/claimCase`, 'caseworker-eo', { expectedVersion: version });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().detail).toMatch(/^Only an officer who works cases/);
    expect((await read(kase.reference)).version).toBe(version);
  });

  it('requires an Idempotency-Key (400)', async () => {
    const { version } = await read(kase.reference);
    const response = await post(`/api/v1/cases/${kase.reference}/actions/addCaseNote`, 'caseworker-eo', { expectedVersion: version, text: 'A note' }, null);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ title: 'Idempotency-Key required', errors: [{ field: 'Idempotency-Key' }] });
    expect((await read(kase.reference)).version).toBe(version);
  });

  it('replays the same answer for a repeated key, and refuses the key with another body', async () => {
    const { version } = await read(kase.reference);
    const key = randomUUID();
    const body = { expectedVersion: version, text: 'Called the haulier: the address is being checked.' };
    const first = await post(`/api/v1/cases/${kase.reference}/actions/addCaseNote`, 'caseworker-eo', body, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ reference: kase.reference, version: version + 1 });
    const again = await post(`/api/v1/cases/${kase.reference}/actions/addCaseNote`, 'caseworker-eo', body, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await read(kase.reference)).version).toBe(version + 1);
    const other = await post(`/api/v1/cases/${kase.reference}/actions/addCaseNote`, 'caseworker-eo', { ...body, text: 'Another note' }, key);
    expect(other.statusCode).toBe(409);
  });

  it('refuses the proposer approving their own address change (422, the page’s words); another officer approves it', async () => {
    const proposed = await caseAct(kase.reference, 'proposeAddressChange', 'caseworker-eo', { liabilityId: kase.driver, line1: 'ul. Krótka 1', town: 'Kraków', country: 'PL', reason: 'Phoned in' });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const own = await caseAct(kase.reference, 'approveAddressChange', 'caseworker-eo', { liabilityId: kase.driver });
    expect(own.statusCode).toBe(422);
    expect(own.json().errors[0].message).toBe(
      'You proposed this address change, so you cannot approve it. A different officer (caseworker EO, assurer, senior officer or manager) must approve it.',
    );
    expect((await caseAct(kase.reference, 'approveAddressChange', 'manager', { liabilityId: kase.driver })).statusCode).toBe(200);
    const again = await caseAct(kase.reference, 'approveAddressChange', 'manager', { liabilityId: kase.owner });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ field: 'liabilityId', message: 'No address change has been proposed for this person.' }]);
  });

  it('replays a liability step for a repeated key without taking it twice', async () => {
    // The driver has the address approved just above, so the initial notice can go.
    const key = randomUUID();
    expect((await act(kase.reference, kase.driver, 'checkNoticeDetails', 'assurer-ho', { checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] })).statusCode).toBe(200);
    const first = await act(kase.reference, kase.driver, 'sendInitialNotice', 'caseworker-eo', {}, key);
    expect(first.statusCode, first.body).toBe(200);
    const { version } = first.json() as { version: number };
    const again = await post(url('sendInitialNotice', kase.driver), 'caseworker-eo', { expectedVersion: version - 1 }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((await read(kase.reference)).version).toBe(version);
    const letters = await t.database.db.execute(`select count(*)::int as n from case_letters where liability_id = '${kase.driver}'` as never);
    expect((letters as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('gives 403 to a role that may not take the step, and 404 for an unknown case, person or step', async () => {
    const { version } = await read(kase.reference);
    for (const role of ['finance-officer', 'analyst', 'port-officer']) {
      expect((await post(url('sendInitialNotice'), role, { expectedVersion: version })).statusCode, role).toBe(403);
    }
    expect((await post(url('approveRecommendation'), 'caseworker-eo', { expectedVersion: version })).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/${kase.reference}/actions/recordAggregateSplit`, 'caseworker-eo', { expectedVersion: version, offence: 'S31A', amountsPence: {} })).statusCode).toBe(403);
    expect((await post(`/api/v1/cases/CEC-1999-000001/liabilities/${kase.owner}/actions/sendInitialNotice`, 'caseworker-eo', { expectedVersion: version })).statusCode).toBe(404);
    expect((await post(url('sendInitialNotice', randomUUID()), 'caseworker-eo', { expectedVersion: version })).statusCode).toBe(404);
    expect((await post(url('sendInitialNotice', 'not-an-id'), 'caseworker-eo', { expectedVersion: version })).statusCode).toBe(404);
    const unknown = await post(url('sendEverything'), 'caseworker-eo', { expectedVersion: version });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().title).toBe('Not found');
    expect((await post(`/api/v1/cases/${kase.reference}/actions/recordResponseDocuments`, 'caseworker-eo', { expectedVersion: version })).statusCode).toBe(404);
    // A case-level step on no case: the step's command finds no case (nothing read before it).
    for (const [action, body] of [['addCaseNote', { text: 'A note' }], ['markLettersPosted', { letterIds: [randomUUID()] }]] as const) {
      const noCase = await post(`/api/v1/cases/CEC-1999-000001/actions/${action}`, 'caseworker-eo', { expectedVersion: 1, ...body });
      expect(noCase.statusCode, `${action}: ${noCase.body}`).toBe(404);
      expect(noCase.json().title).toBe('Case not found');
    }
  });

  it('refuses (422) an assurer approving a recommendation they drafted themselves', async () => {
    const own = await referredCase('Ownwork');
    await identify(own.reference, own.owner, { kind: 'organisation', name: 'Ownwork Trans Sp. z o.o.' });
    const both = await signInAs(t, 'api-eo-and-ho', ['caseworker-eo', 'assurer-ho'], 'Dual Role Officer');
    const session = { cookie: both.cookieHeader() };
    const step = async (action: string, fields: Record<string, unknown> = {}) =>
      post(`/api/v1/cases/${own.reference}/liabilities/${own.owner}/actions/${action}`, session, { expectedVersion: (await read(own.reference)).version, ...fields });
    expect((await act(own.reference, own.owner, 'checkNoticeDetails', 'assurer-ho', { checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] })).statusCode).toBe(200);
    expect((await step('sendInitialNotice')).statusCode).toBe(200);
    expect((await step('recordResponse', { receivedOn: today() })).statusCode).toBe(200);
    expect((await step('draftRecommendation', { compliedWithRegulations: false })).statusCode).toBe(200);
    const refused = await step('approveRecommendation', { checklist: ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { message: string }) => e.message).join(' ')).toMatch(/drafted/i);
    expect((await read(own.reference)).liabilities.find((l) => l.id === own.owner)!.stage).toBe('recommendation-drafted');
  });

  it('refuses a role the state machine does not name with the page’s wording, before anything else', async () => {
    const response = await act(kase.reference, kase.owner, 'confirmPaymentDue', 'caseworker-eo');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toMatch(/^You cannot confirm the penalty stands and payment is due at the stage “Case created”/);
  });

  const bad: [string, string, Record<string, unknown>, string][] = [
    ['a NUL byte', 'recordNoticeSentToWrongAddress', { reason: 'Returned\u0000' }, 'reason'],
    ['a lone surrogate', 'recordNoticeSentToWrongAddress', { reason: '\ud800' }, 'reason'],
    ['a lone surrogate in a key', 'recordNoticeSentToWrongAddress', { reason: 'ok', '\ud800': 1 }, '\ud800'],
    ['1e308 pence', 'recordPayment', { amountPence: 1e308, receivedOn: '2026-01-01', method: 'card', reference: 'X', paidBy: 'recipient' }, 'amountPence'],
    ['more pence than any penalty', 'recordPayment', { amountPence: 10_000_000_000, receivedOn: '2026-01-01', method: 'card', reference: 'X', paidBy: 'recipient' }, 'amountPence'],
    ['an impossible date', 'recordResponse', { receivedOn: '2026-02-30' }, 'receivedOn'],
    ['a date that is not a date', 'recordResponse', { receivedOn: 20260201 }, 'receivedOn'],
    ['an array for a string', 'recordNoticeSentToWrongAddress', { reason: ['a', 'b'] }, 'reason'],
    ['an object for a boolean', 'draftRecommendation', { compliedWithRegulations: { yes: true } }, 'compliedWithRegulations'],
    ['an unknown field', 'sendInitialNotice', { sendTwice: true }, '(body)'],
  ];
  for (const [what, action, fields, field] of bad) {
    it(`answers ${what} with a field error, never a 500`, async () => {
      const { version } = await read(kase.reference);
      const response = await post(url(action), action === 'recordPayment' ? 'finance-officer' : 'caseworker-eo', { expectedVersion: version, ...fields });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const errors = response.json().errors as { field: string; message: string }[];
      expect(errors.map((e) => e.field)).toContain(field);
      expect((await read(kase.reference)).version).toBe(version);
    });
  }

  it('answers bad bodies and versions on case-level steps with 400 or 422, never a 500', async () => {
    const { version } = await read(kase.reference);
    const note = `/api/v1/cases/${kase.reference}/actions/addCaseNote`;
    const cases: [unknown, number][] = [
      [{ expectedVersion: version, text: 'A\u0000B' }, 422],
      [{ expectedVersion: version, text: '\udc00' }, 422],
      [{ expectedVersion: 1e308, text: 'A note' }, 422],
      [{ expectedVersion: '3', text: 'A note' }, 422],
      [{ text: 'A note' }, 422],
      [[], 422],
      ['"just a string"', 422],
      ['{"expectedVersion": 1, "text": ', 400],
      [{ expectedVersion: version, letterIds: ['x'] }, 422],
    ];
    for (const [body, status] of cases) {
      const response = await post(note, 'caseworker-eo', body);
      expect(response.statusCode, `${JSON.stringify(body)} → ${response.body}`).toBe(status);
    }
    const weird = await post(`/api/v1/cases/CEC-%00/actions/addCaseNote`, 'caseworker-eo', { expectedVersion: version, text: 'x' });
    expect(weird.statusCode).toBe(400); // a NUL in the path is refused before any route (query-string.ts)
    const breach = await post(`/api/v1/cases/${kase.reference}/actions/recordDataBreach`, 'caseworker-eo', {
      expectedVersion: version,
      letterId: randomUUID(),
      foundOn: '2026-02-30',
      disclosed: 'x',
      riskLevel: 'high',
      riskReasons: 'x',
      actionsTaken: 'x',
    });
    expect(breach.statusCode).toBe(422);
    expect(breach.json().errors.map((e: { field: string }) => e.field)).toContain('foundOn');
    expect((await read(kase.reference)).version).toBe(version);
  });
});

describe('the OpenAPI document', () => {
  it('describes the body of every step', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    const paths = Object.keys(doc.paths);
    const steps = paths.filter((p) => p.includes('/actions/'));
    const { LIABILITY_ACTION_TYPES } = await import('../../domain/liability/transitions.js');
    for (const type of LIABILITY_ACTION_TYPES) {
      const operation = doc.paths[`/api/v1/cases/{reference}/liabilities/{liabilityId}/actions/${type}`]?.post;
      expect(operation, type).toBeDefined();
      const schema = operation.requestBody.content['application/json'].schema;
      expect(schema.required, type).toContain('expectedVersion');
      expect(operation.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key').required).toBe(true);
    }
    const record = doc.paths['/api/v1/cases/{reference}/liabilities/{liabilityId}/actions/recordPayment'].post;
    expect(record.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['amountPence', 'receivedOn', 'method', 'reference', 'paidBy']));
    expect(record['x-roles']).toEqual(['finance-officer', 'senior-officer']);
    for (const action of ['addCaseNote', 'confirmLiabilityParty', 'proposeAddressChange', 'approveAddressChange', 'claimCase', 'recordMeansAssessment', 'recordDetention']) {
      expect(doc.paths[`/api/v1/cases/{reference}/actions/${action}`]?.post?.requestBody, action).toBeDefined();
    }
    expect(steps.length).toBeGreaterThanOrEqual(LIABILITY_ACTION_TYPES.length + 20);
    const read = doc.paths['/api/v1/cases/{reference}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(read.properties.liabilities.items.properties)).toEqual(expect.arrayContaining(['stage', 'amounts', 'deadlines', 'actions']));
  });
});
