import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { appendEvents, type NewEvent } from '../../platform/events/event-store.js';
import { BUSINESS_KEY_FIELDS, FAMILY_SOURCES } from './families.js';
import { payloadSchema } from '../../domain/events.js';
import { LIABILITY_EVENT } from '../../domain/liability/liability-events.js';
import { computeFigures } from './query.js';
import type { Family, FigureDefinition } from './figure.js';

/*
 * The business-date keys (families.ts) only narrow which rows a period reads, through the event
 * log's indexes: a period's rows must be the same with and without them. Records sit on both sides
 * of a year's edges, searches written in far-off offsets (a UK day a calendar day away from the
 * text), and each family's count for the year is compared with a count of its unnarrowed rows.
 */

let database: Database;
const officer = { id: 'bench-officer', name: 'Officer', roles: ['officer'] };
const asOf = new Date('2027-02-01T00:00:00Z');
const period = { from: '2026-01-01', until: '2027-01-01' };
let n = 0;

async function append(streamType: string, events: NewEvent[]) {
  n += 1;
  await database.db.transaction((tx) =>
    appendEvents(tx, { streamId: `${streamType}-${n}`, streamType, expectedVersion: 0, actor: officer, occurredAt: new Date('2027-01-20T10:00:00Z'), events }),
  );
}

const SEARCHED_AT = [
  '2025-12-31T23:30:00Z', // UK 2025-12-31: out
  '2026-01-01T00:00:00Z', // UK 2026-01-01: in
  '2025-12-31T20:30:00-10:00', // 06:30Z on 1 January: in, though its text says 31 December
  '2026-01-01T10:00:00+14:00', // 20:00Z on 31 December: out, though its text says 1 January
  '2026-12-31T23:59:59Z', // in
  '2027-01-01T09:00:00+14:00', // 19:00Z on 31 December 2026: in, though its text says 2027
  '2026-12-31T15:00:00-10:00', // 01:00Z on 1 January 2027: out
  '2026-07-01T00:30:00+01:00', // UK 2026-07-01 (23:30Z on 30 June): in
];
const DATES = ['2025-12-31', '2026-01-01', '2026-06-15', '2026-12-31', '2027-01-01'];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const searchedAt of SEARCHED_AT) {
    await append('search', [{ type: 'SearchRecorded', payload: { searchId: `s-${n}`, searchedAt, port: 'CQF', vehicleKind: 'hgv', selectionReason: 'random', methods: ['dog'], searchedBy: 'border-force', result: 'nothing-found' } }]);
  }
  for (const incidentDate of DATES) {
    await append('case', [
      { type: 'CaseOpened', payload: { caseId: `c-${n}`, reference: `CE-${n}`, offence: 'S32', incidentDate, port: 'CQF', clandestineEntrants: 2 } },
      { type: 'LiabilityOpened', payload: { liabilityId: `l-${n}`, role: 'driver', offence: 'S32', partyName: 'A Driver' } },
      { type: 'PenaltyImposed', payload: { by: 'o', on: '2027-01-20', liabilityId: `l-${n}`, noticeDate: incidentDate, amountPence: 100_000, aggregateSplitApprovedBy: null } },
      { type: 'PaymentReceived', payload: { by: 'o', on: '2027-01-20', liabilityId: `l-${n}`, amountPence: 100, receivedOn: incidentDate, method: 'card', reference: 'P', paidBy: 'recipient' } },
      { type: 'DiscretionApproved', payload: { by: 'o', on: incidentDate, liabilityId: `l-${n}`, author: 'a', amountPence: 10, items: [], note: null } },
    ]);
  }
});

afterAll(async () => {
  await database?.close();
});

/** The family's rows in the period, read without the key's narrowing. */
async function unnarrowed(family: Family): Promise<number> {
  const rows = rowsOf<{ n: string }>(
    await database.db.execute(sql`select count(*) as n from (${FAMILY_SOURCES[family].rows(asOf, false, period, false)}) r where r.day >= ${period.from}::date and r.day < ${period.until}::date`),
  );
  return Number(rows[0]!.n);
}

describe('business-date keys', () => {
  it('give each family the same rows in a period as reading every row does', async () => {
    const count = (family: Family): FigureDefinition => ({ name: family, label: family, unit: 'incidents', family, where: {}, measure: 'count' });
    const families: Family[] = ['searches', 'cases', 'liabilityEvents'];
    const values = await computeFigures(database.db, families.map(count), period, asOf);
    // Known: 5 searches in 2026 (UK days), 3 cases, and 3 × 3 liability steps.
    expect(families.map((f) => values.get(f))).toEqual([5, 3, 9]);
    for (const family of families) expect(values.get(family)).toBe(await unnarrowed(family));
  });
});

describe('the event types the figures count', () => {
  it('leave out only rows no figure counts: the same values as the family read whole, and only those types listed', async () => {
    const figures: FigureDefinition[] = [
      { name: 'imposed', label: 'imposed', unit: 'penalties', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PenaltyImposed] }, measure: 'count' },
      { name: 'paid', label: 'paid', unit: 'pence', family: 'liabilityEvents', where: { type: [LIABILITY_EVENT.PaymentReceived] }, measure: { sum: 'amount_pence' } },
    ];
    // computeFigures passes the two types (every figure selects on type); counted here from every row instead.
    const values = await computeFigures(database.db, figures, period, asOf);
    const whole = rowsOf<{ type: string; n: string; pence: string }>(
      await database.db.execute(sql`select r.type, count(*) as n, sum(r.amount_pence) as pence from (${FAMILY_SOURCES.liabilityEvents.rows(asOf, false, period)}) r
        where r.day >= ${period.from}::date and r.day < ${period.until}::date group by r.type`),
    );
    const of = (type: string) => whole.find((r) => r.type === type);
    expect([values.get('imposed'), values.get('paid')]).toEqual([Number(of(LIABILITY_EVENT.PenaltyImposed)!.n), Number(of(LIABILITY_EVENT.PaymentReceived)!.pence)]);
    expect([values.get('imposed'), values.get('paid')]).toEqual([3, 300]);
    expect(whole.map((r) => r.type).sort()).toEqual([LIABILITY_EVENT.DiscretionApproved, LIABILITY_EVENT.PaymentReceived, LIABILITY_EVENT.PenaltyImposed]);
    const only = rowsOf<{ type: string }>(
      await database.db.execute(sql`select distinct r.type from (${FAMILY_SOURCES.liabilityEvents.rows(asOf, false, period, undefined, [LIABILITY_EVENT.PaymentReceived, 'NotAStep'])}) r`),
    );
    expect(only.map((r) => r.type)).toEqual([LIABILITY_EVENT.PaymentReceived]);
    expect(rowsOf(await database.db.execute(sql`select * from (${FAMILY_SOURCES.liabilityEvents.rows(asOf, false, period, undefined, ['NotAStep'])}) r`))).toEqual([]);
  });
});

describe('the business-date key over the catalogue', () => {
  const fields = (streamType: string, type: string) => Object.keys((payloadSchema(streamType, type) as z.ZodObject).shape);
  const before = (field: (typeof BUSINESS_KEY_FIELDS)[number]) => BUSINESS_KEY_FIELDS.slice(0, BUSINESS_KEY_FIELDS.indexOf(field));

  it('is the search time for a search, the incident date for a case opened, and the step date for a liability step', () => {
    // The key is the first of these fields an event has: an event with an earlier one would be
    // indexed under that field's date and could be left out of a period it belongs to.
    expect(fields('search', 'SearchRecorded')).toContain('searchedAt');
    expect(fields('search', 'SearchRecorded').filter((f) => (before('searchedAt') as string[]).includes(f))).toEqual([]);
    expect(fields('case', 'CaseOpened')).toContain('incidentDate');
    expect(fields('case', 'CaseOpened').filter((f) => (before('incidentDate') as string[]).includes(f))).toEqual([]);
    // A step's `day` is coalesce(noticeDate, decidedOn, receivedOn, on): the key's first four, ending in `on`, which every step has.
    for (const type of Object.values(LIABILITY_EVENT)) expect(fields('case', type), type).toContain('on');
  });
});
