import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { derivedId, nameRows } from './rows.js';

describe('the ids of the register’s rows', () => {
  const source = { streamId: 'party-6a0d1c1e-8b7a-4c53-9f6e-2b2f1a0c9d11', version: 1 };

  it('are the same on every replay and differ by stream, version, part and place', () => {
    expect(derivedId(source, 'name', 0)).toBe(derivedId({ ...source }, 'name', 0));
    const ids = [derivedId(source, 'name', 0), derivedId(source, 'name', 1), derivedId(source, 'identifier', 0), derivedId({ ...source, version: 2 }, 'name', 0), derivedId({ ...source, streamId: 'party-x' }, 'name', 0)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are UUIDs of version 8, told apart from the random ones (version 4) earlier code gave', () => {
    expect(derivedId(source, 'contact', 3)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUUID()[14]).toBe('4');
  });
});

describe('a party’s names in the search index', () => {
  it('adds each word once, of two letters or more, across all its names', () => {
    const { rows, tokens } = nameRows('p', 'organisation', [{ name: 'Trans-Pol Sp. z o.o.', validFrom: null, validTo: null }, { name: 'Trans-Pol Kowalski S.C.', validFrom: '2010-01-01', validTo: '2019-12-31' }], { streamId: 'party-p', version: 1 });
    expect(tokens).toEqual(['trans', 'pol', 'kowalski']);
    expect(rows.map((r) => [r.core, r.validTo])).toEqual([['trans pol', null], ['trans pol kowalski', '2019-12-31']]);
  });
});
