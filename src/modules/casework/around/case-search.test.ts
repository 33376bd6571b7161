import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../../test/support/app.js';
import { caseSearchNameQuery, caseSearchNameRows } from './case-search-names.js';
import { caseSearchNames } from '../schema.js';
import { indexNamesOfEarlierCases } from '../projector.js';

/* The case search reads every name on a case with the parties register's normalisation. */

let t: TestApp;
const references: Record<string, string> = {};

async function refer(label: string, driverName: string, companyName: string) {
  const opened = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: { port: 'CAL', incidentDate: '2026-10-20', offence: 'S32', clandestineEntrants: 1, vehicleRegistration: `WGM ${4521 + Object.keys(references).length}K`, vehicleCountry: 'PL', driverName, companyName },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  references[label] = opened.json().reference;
}

const found = async (q: string) => (await t.services.cases.listCases({ q, pageSize: 200 })).rows.map((row) => row.reference);

beforeAll(async () => {
  t = await createTestApp();
  await refer('hyphen', 'Piotr Kowalski', 'Trans-Pol Sp. z o.o.');
  await refer('capitals', 'Jan Nowak', 'TRANS POL SP ZOO');
  await refer('glued', 'Tomasz Wójcik', 'Transpol');
  await refer('cyrillic', 'Георги Иванов', 'Транс-Пол ЕООД');
  await refer('other', 'Anna Kowalska', 'Baltic Haulage UAB');
});
afterAll(async () => t?.close());

describe('case search by the register’s normalisation, for people not linked to the register', () => {
  it('finds every spelling of Trans-Pol for "transpol" and for "Trans Pol"', async () => {
    const transPol = [references.hyphen, references.capitals, references.glued, references.cyrillic].sort();
    expect((await found('transpol')).sort()).toEqual(transPol);
    expect((await found('Trans Pol')).sort()).toEqual(transPol);
    expect((await found('Trans-Pol Sp. z o.o.')).sort()).toEqual(transPol);
  });

  it('finds a driver whatever the order of the words, and ignores diacritics and alphabets', async () => {
    expect(await found('Kowalski Piotr')).toEqual([references.hyphen]);
    expect(await found('wojcik')).toEqual([references.glued]);
    expect(await found('Georgi Ivanov')).toEqual([references.cyrillic]);
  });

  it('does not find a case by a name it does not have', async () => {
    expect(await found('Kowalski Jan')).toEqual([]);
    expect(await found('Zyxwvu Logistics')).toEqual([]);
  });
});

describe('cases opened before the index', () => {
  it('are indexed once at start-up, the same rows as the projector writes', async () => {
    const db = t.database.db;
    const before = await db.select().from(caseSearchNames);
    await db.delete(caseSearchNames);
    expect(await found('Kowalski Piotr')).toEqual([]);
    expect(await indexNamesOfEarlierCases(db, 2)).toBe(Object.keys(references).length);
    const key = (r: { caseId: string; key: string; words: string[] }) => `${r.caseId} ${r.key} ${[...r.words].sort().join(' ')}`;
    expect((await db.select().from(caseSearchNames)).map(key).sort()).toEqual(before.map(key).sort());
    expect(await found('Kowalski Piotr')).toEqual([references.hyphen]);
    expect(await indexNamesOfEarlierCases(db)).toBe(0);
  });
});

describe('the normalised forms', () => {
  it('keeps a company’s key without its legal form, and a transcribed umlaut as a key of its own', () => {
    const rows = caseSearchNameRows('c', [{ name: 'Müller Spedition GmbH', organisation: true }]);
    expect(rows.map((r) => r.key).sort()).toEqual(['muellerspedition', 'mullerspedition']);
    expect(rows[0]!.words).toEqual(expect.arrayContaining(['muller', 'spedition', 'gmbh']));
  });

  it('looks for nothing when the search has fewer than three letters and a single word', () => {
    expect(caseSearchNameQuery('ab')).toBeNull();
    expect(caseSearchNameQuery('--')).toBeNull();
  });
});
