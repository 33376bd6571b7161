import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import { readStream } from '../../platform/events/event-store.js';
import { partiesService, type PartiesService } from './service.js';

const caseworker: Actor = { id: 'cw', name: 'Case Worker', roles: ['caseworker-eo'] };
let database: Database;
let parties: PartiesService;
const ids: Record<string, string> = {};

async function register(label: string, input: Record<string, unknown>) {
  const outcome = await parties.register(input, { actor: caseworker });
  if (!outcome.ok) throw new Error(`${label}: ${outcome.message} ${JSON.stringify('errors' in outcome ? outcome.errors : '')}`);
  ids[label] = outcome.value.partyId;
  return outcome.value.partyId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  parties = partiesService(database.db);
  await register('abc', { kind: 'organisation', name: 'ABC SP ZOO', country: 'PL', identifiers: [{ kind: 'vat', value: 'PL 123-456-78-90' }] });
  await register('lodz', { kind: 'organisation', name: 'LODZ TRANS', country: 'PL' });
  await register('trans', { kind: 'organisation', name: 'Trans EOOD', country: 'BG', addresses: [{ line1: 'ul. Vitosha 1', town: 'Sofia', postcode: '1000', country: 'BG' }] });
  await register('other', { kind: 'organisation', name: 'Baltic Haulage UAB', country: 'LT' });
  await register('ivanov', { kind: 'person', name: 'Georgi Ivanov', country: 'BG', dateOfBirth: '1980-04-02' });
  const vehicle = await parties.registerVehicle({ registration: 'ab12cde', country: 'GB', kind: 'hgv-tractor', links: [{ partyId: ids.abc!, role: 'owner' }] }, { actor: caseworker });
  expect(vehicle.ok).toBe(true);
});
afterAll(async () => database?.close());

describe('staff search uses the normalised forms', () => {
  const cases: [string, string][] = [
    ['A.B.C. Sp. z o.o.', 'abc'],
    ['Łódź Trans', 'lodz'],
    ['ТРАНС ЕООД', 'trans'],
    ['AB-12 CDE', 'abc'],
    ['1980-04-02', 'ivanov'],
    ['Георги Иванов', 'ivanov'],
  ];
  for (const [query, expected] of cases) {
    it(`"${query}" finds ${expected}`, async () => {
      const found = await parties.search(query);
      expect(found.map((p) => p.id)).toContain(ids[expected]);
      expect(found[0]?.id).toBe(ids[expected]);
    });
  }

  it('finds nothing for a name no party has', async () => {
    expect(await parties.search('Zyxwvu Logistics')).toEqual([]);
  });
});

describe('matching proposes existing parties with each field’s contribution', () => {
  it('proposes ABC SP ZOO for “A.B.C. Sp. z o.o.” with the same VAT number as a match', async () => {
    const proposals = await parties.findMatches({ kind: 'organisation', name: 'A.B.C. Sp. z o.o.', country: 'PL', identifiers: [{ kind: 'vat', value: 'PL1234567890' }] });
    expect(proposals[0]).toMatchObject({ partyId: ids.abc, score: { classification: 'match' } });
    const fields = proposals[0]!.score.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['organisationName', 'identifier', 'country']));
    expect(proposals[0]!.score.fields.find((f) => f.field === 'identifier')!.weight).toBeGreaterThan(0);
    expect(proposals.map((p) => p.partyId)).not.toContain(ids.other);
  });

  it('proposes the Bulgarian company for a Cyrillic spelling', async () => {
    const proposals = await parties.findMatches({ kind: 'organisation', name: 'ТРАНС ЕООД', country: 'BG' });
    expect(proposals[0]?.partyId).toBe(ids.trans);
  });
});

describe('merge and unmerge', () => {
  it('merges two entries into one identity and unmerging restores both as they were', async () => {
    const duplicate = await register('abc2', { kind: 'organisation', name: 'A.B.C. Spółka z o.o.', country: 'PL' });
    const merged = await parties.merge({ survivorId: ids.abc, mergedId: duplicate, reason: 'Same VAT number on the referral' }, { actor: caseworker });
    expect(merged.ok).toBe(true);
    expect(await parties.resolvedPartyId(duplicate)).toBe(ids.abc);
    expect((await parties.identityMembers(ids.abc!)).sort()).toEqual([ids.abc, duplicate].sort());
    // A merged identity is proposed once, under its survivor.
    const proposals = await parties.findMatches({ kind: 'organisation', name: 'ABC Spolka z o.o.', country: 'PL' });
    expect(proposals.filter((p) => p.partyId === ids.abc)).toHaveLength(1);
    expect(proposals.map((p) => p.partyId)).not.toContain(duplicate);

    const unmerged = await parties.unmerge({ partyId: duplicate, reason: 'Different company after all' }, { actor: caseworker });
    expect(unmerged.ok).toBe(true);
    expect(await parties.resolvedPartyId(duplicate)).toBe(duplicate);
    expect(await parties.identityMembers(ids.abc!)).toEqual([ids.abc]);
    const party = await parties.getParty(duplicate);
    expect(party!.names.map((n) => n.name)).toEqual(['A.B.C. Spółka z o.o.']);
    expect((await readStream(database.db, `party-${duplicate}`)).map((e) => e.type)).toEqual(['PartyRegistered', 'PartyMerged', 'PartyUnmerged']);
  });

  it('refuses to merge a person into an organisation, or a party into itself', async () => {
    const mixed = await parties.merge({ survivorId: ids.abc, mergedId: ids.ivanov, reason: 'test' }, { actor: caseworker });
    expect(mixed).toMatchObject({ ok: false, message: 'A person and an organisation cannot be merged' });
    const self = await parties.merge({ survivorId: ids.lodz, mergedId: ids.lodz, reason: 'test' }, { actor: caseworker });
    expect(self.ok).toBe(false);
  });

  it('does not propose a pair a caseworker said are not the same', async () => {
    const lookalike = await register('lodz2', { kind: 'organisation', name: 'Lodz-Trans', country: 'PL' });
    const before = await parties.findMatches({ kind: 'organisation', name: 'Lodz-Trans', country: 'PL' }, { excludePartyId: lookalike });
    expect(before.map((p) => p.partyId)).toContain(ids.lodz);
    const rejected = await parties.rejectMatch({ partyId: lookalike, otherId: ids.lodz, reason: 'Different operator licence' }, { actor: caseworker });
    expect(rejected.ok).toBe(true);
    const after = await parties.findMatches({ kind: 'organisation', name: 'Lodz-Trans', country: 'PL' }, { excludePartyId: lookalike });
    expect(after.map((p) => p.partyId)).not.toContain(ids.lodz);
  });

  it('refuses an organisation with a date of birth and a malformed email, saving nothing', async () => {
    const outcome = await parties.register({ kind: 'organisation', name: 'X Ltd', dateOfBirth: '1990-01-01', emails: ['not-an-email'] }, { actor: caseworker });
    expect(outcome.ok).toBe(false);
  });
});

describe('former names', () => {
  it('keeps a renamed company’s old name with its dates, and finds the company by it', async () => {
    const id = await register('renamed', { kind: 'organisation', name: 'Nordic Freight UAB', country: 'LT', formerNames: [{ name: 'Vilniaus Krovinys UAB', validFrom: '2015-01-01', validTo: '2022-06-30' }] });
    const party = await parties.getParty(id);
    expect(party!.names.find((n) => n.name === 'Vilniaus Krovinys UAB')).toMatchObject({ validFrom: '2015-01-01', validTo: '2022-06-30' });
    expect((await parties.search('Vilniaus Krovinys')).map((p) => p.id)).toContain(id);
    const backwards = await parties.register({ kind: 'organisation', name: 'X UAB', formerNames: [{ name: 'Y UAB', validFrom: '2022-01-01', validTo: '2020-01-01' }] }, { actor: caseworker });
    expect(backwards).toMatchObject({ ok: false, message: 'A former name cannot stop being used before it started' });
  });
});
