import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { Actor } from '../../platform/events/event-store.js';
import { subjectAccessExport } from './subject-access.js';

let t: TestApp;
let baltic: ImposedCase;
let northern: ImposedCase;
let balticPartyId: string;
let northernPartyId: string;

const exportOf = async (partyId: string) => {
  const outcome = await subjectAccessExport(t.database.db, { parties: t.services.parties, readLog: t.services.personalDataReads, now: t.clock.now() }, partyId);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value;
};

beforeAll(async () => {
  t = await createTestApp();
  [baltic, northern] = (await imposedCases(t, ['Baltic Freight Sp. z o.o.', 'Northern Logistics Ltd'], { key: 'subject-access' })) as [ImposedCase, ImposedCase];
  const partyOf = async (kase: ImposedCase) => (await t.services.cases.getCase(kase.reference))!.liabilities.find((l) => l.id === kase.owner.id)!.partyId!;
  balticPartyId = await partyOf(baltic);
  northernPartyId = await partyOf(northern);
  expect(balticPartyId).not.toBe(northernPartyId);

  // Baltic pays part of its penalty; a note on each case names its company.
  const finance = (await t.services.identity.listUsers()).find((u) => u.username === 'finance-officer')!;
  const actor: Actor = { id: finance.id, name: finance.displayName, roles: finance.roles };
  const paid = await t.services.cases.act(
    { reference: baltic.reference, liabilityIds: [baltic.owner.id], action: { type: 'recordPayment', amountPence: 10_000, receivedOn: ukDate(t.clock.now()), method: 'bank-transfer', reference: 'INV-BALTIC-1', paidBy: 'recipient' } },
    { actor },
  );
  expect(paid.ok, paid.ok ? '' : paid.message).toBe(true);
  const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
  for (const [kase, text] of [
    [baltic, 'Phoned Baltic Freight about the notice; they will pay in two parts.'],
    [baltic, 'Vehicle photographs checked against the seal numbers.'],
    [northern, 'Northern Logistics asked for a copy of the penalty notice.'],
  ] as const) {
    await caseworker.get(`/cases/${kase.reference}/notes/new`);
    const version = String((await t.services.cases.getCase(kase.reference))!.version);
    expect((await caseworker.post(`/cases/${kase.reference}/notes`, { text, version })).statusCode).toBe(303);
  }
  // Someone opens Baltic's register entry.
  expect((await caseworker.get(`/parties/${balticPartyId}`)).statusCode).toBe(200);
}, 240_000);
afterAll(async () => t?.close());

describe('the subject access export', () => {
  it('holds the party’s record, their case, the letters sent to them, their payment, the note naming them and the reads of their record', async () => {
    const exported = await exportOf(balticPartyId);
    expect(exported.party.id).toBe(balticPartyId);
    expect(exported.party.displayName).toBe('Baltic Freight Sp. z o.o.');
    expect(exported.cases.map((c) => c.reference)).toEqual([baltic.reference]);
    expect(exported.cases[0]!.liabilities.map((l) => l.id)).toEqual([baltic.owner.id]);
    expect(exported.cases[0]!.liabilities[0]!.recordedAtTheBorder).toMatchObject({ name: 'Baltic Freight Sp. z o.o.', role: 'owner' });
    expect(exported.cases[0]!.events.map((e) => e.type)).toEqual(expect.arrayContaining(['InitialNoticeSent', 'PenaltyImposed', 'PaymentReceived']));

    expect(exported.letters.length).toBeGreaterThanOrEqual(2);
    for (const letter of exported.letters) {
      expect(letter.case).toBe(baltic.reference);
      expect(letter.recipientName).toBe('Baltic Freight Sp. z o.o.');
      expect(letter.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(exported.payments).toEqual([expect.objectContaining({ case: baltic.reference, type: 'PaymentReceived', payload: expect.objectContaining({ amountPence: 10_000, reference: 'INV-BALTIC-1' }) })]);
    expect(exported.notes.map((n) => n.text)).toEqual(['Phoned Baltic Freight about the notice; they will pay in two parts.']);
    expect(exported.reads.some((r) => r.route === 'GET /parties/:id' && r.recordId === balticPartyId)).toBe(true);
  });

  it('holds nothing of another party: not their case, letters, notes or the other person on the same case', async () => {
    const text = JSON.stringify(await exportOf(balticPartyId));
    expect(text).not.toContain(northern.reference);
    expect(text).not.toContain('Northern Logistics');
    expect(text).not.toContain(northernPartyId);
    // The driver on Baltic's own case is another person: their liability and name stay out.
    expect(text).not.toContain(baltic.driver.id);
    expect(text).not.toContain('Żółkiewski');

    const other = await exportOf(northernPartyId);
    expect(other.cases.map((c) => c.reference)).toEqual([northern.reference]);
    expect(other.letters.every((l) => l.case === northern.reference)).toBe(true);
    expect(other.payments).toEqual([]);
    expect(other.notes.map((n) => n.text)).toEqual(['Northern Logistics asked for a copy of the penalty notice.']);
  });

  it('answers a plain message for an id that is not a party', async () => {
    const missing = await subjectAccessExport(t.database.db, { parties: t.services.parties, readLog: t.services.personalDataReads, now: new Date() }, '0192f3a4-5b6c-7d8e-9f01-23456789abcd');
    expect(missing).toEqual({ ok: false, message: 'No party has the id 0192f3a4-5b6c-7d8e-9f01-23456789abcd.' });
    const malformed = await subjectAccessExport(t.database.db, { parties: t.services.parties, readLog: t.services.personalDataReads, now: new Date() }, 'Baltic');
    expect(malformed.ok).toBe(false);
  });
});
