import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { signInAs } from '../../../test/support/casework.js';
import { rowsOf } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * Issue #11: `cases`, `liabilities`, `case_links`, `officer_notifications` and `case_letters` are what the case streams' events make. After
 * cases opened and worked through the API (parties confirmed, an address approved, initial notices
 * sent with their letters, one posted, a note, a link both ways, assignments, a message to an officer and its reading), replaying the log gives the live rows
 * exactly; a row edited by hand is reported.
 */

let t: TestApp;
const token = (role: string) => ({ authorization: `Bearer cordon_demo_${role.replace(/-/g, '_')}_token` });

async function post(url: string, role: string, body: unknown) {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...token(role), 'idempotency-key': randomUUID() }, payload: JSON.stringify(body) });
}

async function read(reference: string) {
  const response = await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: token('caseworker-eo') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { version: number; liabilities: { id: string; role: string }[] };
}

async function caseAct(reference: string, action: string, role: string, fields: Record<string, unknown> = {}) {
  const response = await post(`/api/v1/cases/${reference}/actions/${action}`, role, { expectedVersion: (await read(reference)).version, ...fields });
  expect(response.statusCode, response.body).toBe(200);
}

async function act(reference: string, liabilityId: string, action: string, role: string, fields: Record<string, unknown> = {}) {
  const response = await post(`/api/v1/cases/${reference}/liabilities/${liabilityId}/actions/${action}`, role, { expectedVersion: (await read(reference)).version, ...fields });
  expect(response.statusCode, response.body).toBe(200);
}

async function referral(offence: 'S31A' | 'S32'): Promise<string> {
  const response = await post('/api/v1/referrals', 'port-officer', {
    port: 'CQF',
    incidentDate: ukDate(new Date()),
    offence,
    ...(offence === 'S32' ? { clandestineEntrants: 2 } : {}),
    vehicleRegistration: 'WGM 4521K',
    vehicleCountry: 'PL',
    driverName: 'Piotr Kowalski',
    companyName: 'Trans-Pol Sp. z o.o.',
    confirmDuplicate: true,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { reference: string }).reference;
}

let first: string;
let second: string;

beforeAll(async () => {
  t = await createTestApp();
  first = await referral('S31A');
  second = await referral('S32');
  for (const { id, role } of (await read(first)).liabilities) {
    const party = await post('/api/v1/parties', 'caseworker-eo', { kind: role === 'driver' ? 'person' : 'organisation', name: `${role} of ${first}`, country: 'PL' });
    expect(party.statusCode, party.body).toBe(201);
    await caseAct(first, 'confirmLiabilityParty', 'caseworker-eo', { liabilityId: id, partyId: party.json().partyId });
    await caseAct(first, 'proposeAddressChange', 'caseworker-eo', { liabilityId: id, line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL', reason: 'From the questionnaire' });
    await caseAct(first, 'approveAddressChange', 'assurer-ho', { liabilityId: id });
    await act(first, id, 'checkNoticeDetails', 'assurer-ho', { checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] });
    await act(first, id, 'sendInitialNotice', 'caseworker-eo');
  }
  await caseAct(first, 'addCaseNote', 'caseworker-eo', { text: 'Called the haulier.' });
  const [letter] = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from case_letters order by id limit 1`));
  await caseAct(first, 'markLettersPosted', 'caseworker-ao', { letterIds: [letter!.id] });
  await caseAct(first, 'linkCase', 'caseworker-eo', { linkedReference: second, reason: 'same-incident' });
  const officer = await signInAs(t, 'projector-officer', ['caseworker-ao'], 'Pat Projector');
  const [ao] = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from users where username = 'projector-officer'`));
  await caseAct(first, 'assignCase', 'manager', { officerId: ao!.id });
  await caseAct(second, 'assignCase', 'manager', { officerId: ao!.id });
  // Taken off the officer's list by someone else: a message for them, which they read.
  await caseAct(second, 'unassignCase', 'manager');
  await caseAct(second, 'assignCase', 'manager', { officerId: ao!.id });
  await caseAct(first, 'unassignCase', 'manager');
  const [message] = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from officer_notifications order by created_at limit 1`));
  const marked = await officer.post(`/work/notifications/${message!.id}/read`, {});
  expect(marked.statusCode, marked.body).toBe(303);
});
afterAll(async () => t?.close());

describe('the cases projector', () => {
  it('makes exactly the live cases, liabilities and case links from the events', async () => {
    const [live] = rowsOf<{ stage: string; links: string | number; assigned: string | number; messages: string | number; unread: string | number; letters: string | number; posted: string | number }>(
      await t.database.db.execute(sql`select (select stage from cases where reference = ${first}) as stage, (select count(*) from case_links) as links,
        (select count(*) from case_letters) as letters, (select count(*) from case_letters where posted_at is not null) as posted,
        (select count(*) from cases where assigned_to is not null) as assigned,
        (select count(*) from officer_notifications) as messages, (select count(*) from officer_notifications where read_at is null) as unread`),
    );
    expect(live).toMatchObject({ stage: 'initial-notice-sent' });
    expect([live!.links, live!.assigned, live!.messages, live!.unread, live!.letters, live!.posted].map(Number)).toEqual([2, 1, 2, 1, 2, 1]);
    const report = await rebuildProjections(t.database.db, projectors);
    expect(report.differences).toEqual([]);
    for (const name of ['cases', 'liabilities', 'case_links', 'officer_notifications', 'case_letters']) expect(report.tables.find((table) => table.name === name)!.live).toBeGreaterThan(0);
  });

  it('reports a hand-edited row of each of its tables', async () => {
    const db = t.database.db;
    await db.execute(sql`update cases set stage = 'imposed' where reference = ${first}`);
    await db.execute(sql`update liabilities set outstanding_pence = 1 where id = (select id from liabilities order by id limit 1)`);
    await db.execute(sql`update case_links set reason = 'other' where case_id = (select id from cases where reference = ${second})`);
    await db.execute(sql`update officer_notifications set read_at = null`);
    await db.execute(sql`update case_letters set recipient_name = 'Someone Else' where id = (select id from case_letters order by id limit 1)`);
    const report = await rebuildProjections(db, projectors);
    expect(report.differences.map((d) => d.table).sort()).toEqual(['case_letters', 'case_links', 'cases', 'liabilities', 'officer_notifications']);
    expect(report.differences.find((d) => d.table === 'case_letters')!.problem).toMatch(/^differs in recipient_name \(live "Someone Else", from the events "[^"]+"\)$/);
    expect(report.differences.find((d) => d.table === 'officer_notifications')!.problem).toMatch(/^differs in read_at \(live null, from the events "[^"]+"\)$/);
    expect(report.differences.find((d) => d.table === 'cases')!.problem).toMatch(/^differs in stage \(live "imposed", from the events "initial-notice-sent"\)$/);
    expect(report.differences.find((d) => d.table === 'liabilities')!.problem).toMatch(/^differs in outstanding_pence \(live 1, from the events null\)$/);
    expect(report.differences.find((d) => d.table === 'case_links')!.problem).toMatch(/^differs in reason \(live "other", from the events "same-incident"\)$/);
  });
});
