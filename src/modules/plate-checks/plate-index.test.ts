import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plateConfusionKey } from '../../domain/parties/registrations.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { confusionKeyOf, ListLayer, matchRead, plateRead, readKey, valVehicle, watchlistVehicle } from './plate-index.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const LATER = NOW + 86_400_000;

function watch(id: string, registration: string, country: string | null = 'PL', expiresAtMs = LATER) {
  return watchlistVehicle({ id, key: plateRead(registration, null).key, country, reason: `Intelligence ${id}`, expiresAtMs });
}

function layerOf(...entries: ReturnType<typeof watch>[]) {
  const layer = new ListLayer();
  for (const entry of entries) layer.add(entry);
  return layer;
}

const check = (layer: ListLayer, registration: string, options: { tolerance?: boolean; country?: string | null; nowMs?: number } = {}) =>
  matchRead([layer], plateRead(registration, options.country ?? null), { tolerance: options.tolerance ?? false, nowMs: options.nowMs ?? NOW });

describe('the plate index', () => {
  it('matches the same registration however it is written, as exact', () => {
    const layer = layerOf(watch('w1', 'WGM 4521K'));
    expect(check(layer, 'wgm-4521k')).toEqual([
      { list: 'watchlist', certainty: 'exact', reason: 'Intelligence w1', caseRefs: [], company: null, registration: 'WGM4521K', country: 'PL', watchlistEntryId: 'w1' },
    ]);
    expect(check(layer, 'WGM 4521X')).toEqual([]);
  });

  it('finds reader confusions only when asked, as possible, and the exact one as exact', () => {
    const layer = layerOf(watch('w1', 'AB12 CDE'), watch('w2', 'A812 CDE'), watch('w3', 'XY99 ZZZ'));
    expect(check(layer, 'A812CDE').map((m) => m.watchlistEntryId)).toEqual(['w2']);
    const tolerant = check(layer, 'A812CDE', { tolerance: true });
    expect(tolerant.map((m) => [m.watchlistEntryId, m.certainty])).toEqual([
      ['w2', 'exact'],
      ['w1', 'possible'],
    ]);
    expect(tolerant[1]!.reason).toContain('listed as AB12CDE, read as A812CDE');
    // Every confusable pair, both ways: 0/O, 1/I, 8/B, 5/S, 2/Z.
    const all = layerOf(watch('w4', 'OIBSZ'));
    expect(check(all, '01852', { tolerance: true }).map((m) => m.certainty)).toEqual(['possible']);
    const digits = layerOf(watch('w5', '01852'));
    expect(check(digits, 'OIBSZ', { tolerance: true }).map((m) => m.certainty)).toEqual(['possible']);
    expect(check(digits, 'OIBSZ')).toEqual([]);
  });

  it('makes a match possible, not exact, when the listed country differs from the one read', () => {
    const layer = layerOf(watch('w1', 'WGM4521K', 'PL'), watch('w2', 'KR 12345', null));
    expect(check(layer, 'WGM4521K', { country: 'PL' })[0]!.certainty).toBe('exact');
    const other = check(layer, 'WGM4521K', { country: 'LT' });
    expect(other[0]!.certainty).toBe('possible');
    expect(other[0]!.reason).toContain('listed for PL, read as LT');
    expect(check(layer, 'KR12345', { country: 'DE' })[0]!.certainty).toBe('exact');
  });

  it('never matches an expired entry', () => {
    const layer = layerOf(watch('w1', 'WGM4521K', 'PL', NOW + 1000));
    expect(check(layer, 'WGM4521K')).toHaveLength(1);
    expect(check(layer, 'WGM4521K', { nowMs: NOW + 1000 })).toEqual([]);
  });

  it('removes an entry by id, leaving others with the same registration', () => {
    const layer = layerOf(watch('w1', 'SB12 CDE'), watch('w2', 'SB12 CDE'), watch('w3', 'SB12 CDE'));
    expect(layer.size).toBe(3);
    expect(layer.removeEntry('SB12CDE', 'w2')).toBe(true);
    expect(layer.removeEntry('SB12CDE', 'w2')).toBe(false);
    expect(check(layer, 'SB12CDE').map((m) => m.watchlistEntryId)).toEqual(['w1', 'w3']);
    expect(check(layer, '5812CDE', { tolerance: true }).map((m) => m.watchlistEntryId)).toEqual(['w1', 'w3']);
    layer.removeEntry('SB12CDE', 'w1');
    layer.removeEntry('SB12CDE', 'w3');
    expect(layer.size).toBe(0);
    expect(check(layer, '5812CDE', { tolerance: true })).toEqual([]);
  });

  it('keeps database ids (UUIDs) compactly and gives them back as they were', () => {
    const ids = Array.from({ length: 3000 }, () => crypto.randomUUID());
    const layer = new ListLayer('watchlist', 16);
    ids.forEach((id, i) => layer.add(watchlistVehicle({ id, key: `UU${i % 1000}`, country: i % 2 ? 'PL' : null, reason: `r${i % 7}`, expiresAtMs: LATER })));
    expect(layer.size).toBe(3000);
    expect(check(layer, 'UU5').map((m) => m.watchlistEntryId)).toEqual([ids[5], ids[1005], ids[2005]]);
    expect(check(layer, 'UU5').map((m) => [m.country, m.reason])).toEqual([
      ['PL', 'r5'],
      ['PL', 'r4'],
      ['PL', 'r3'],
    ]);
    expect(layer.removeEntry('UU5', ids[1005]!)).toBe(true);
    expect(check(layer, 'UU5').map((m) => m.watchlistEntryId)).toEqual([ids[5], ids[2005]]);
    expect(() => layer.add(valVehicle({ registrationKey: 'X1', country: null, reason: 'r', caseRefs: [], company: 'C' }))).toThrow();
  });

  it('adds the same watchlist entry only once', () => {
    const layer = layerOf(watch('w1', 'WGM4521K'), watch('w1', 'WGM4521K'));
    expect(layer.size).toBe(1);
  });

  it('answers VAL matches before watchlist ones, with the cases and company', () => {
    const val = new ListLayer('VAL');
    val.add(valVehicle({ registrationKey: 'WGM4521K', country: 'PL', reason: 'Trans-Pol owes £1,500.00', caseRefs: ['CEC-2026-000001'], company: 'Trans-Pol' }));
    const matches = matchRead([layerOf(watch('w1', 'WGM4521K')), val], plateRead('WGM4521K', 'PL'), { tolerance: false, nowMs: NOW });
    expect(matches.map((m) => m.list)).toEqual(['VAL', 'watchlist']);
    expect(matches[0]).toMatchObject({ caseRefs: ['CEC-2026-000001'], company: 'Trans-Pol', certainty: 'exact' });
  });

  it('reads a registration exactly as registrationKey does, short cut or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z0-9 .-]{0,20}$/), fc.string({ maxLength: 20 }), fc.constantFrom('СА 1234 ВХ', 'MÜ-AB 12', 'ab·12', 'Ωmega 1')), (raw) => {
        expect(readKey(raw)).toBe(registrationKey(raw));
      }),
    );
  });

  it('computes the same confusion key as the domain for any normalised registration', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,15}$/), (key) => {
        expect(confusionKeyOf(key)).toBe(plateConfusionKey(key));
      }),
    );
  });

  it('finds, with tolerance, exactly the listed registrations that differ from the read only by confusions', () => {
    const alphabet = fc.constantFrom(...'0O1I8B5S2ZAXK7'.split(''));
    fc.assert(
      fc.property(fc.array(fc.array(alphabet, { minLength: 3, maxLength: 5 }).map((chars) => chars.join('')), { minLength: 1, maxLength: 30 }), fc.array(alphabet, { minLength: 3, maxLength: 5 }).map((chars) => chars.join('')), (listed, read) => {
        const layer = layerOf(...listed.map((registration, i) => watch(`w${i}`, registration)));
        const found = check(layer, read, { tolerance: true }).map((m) => m.watchlistEntryId).sort();
        const expected = listed.flatMap((registration, i) => (plateConfusionKey(registration) === plateConfusionKey(read) ? [`w${i}`] : [])).sort();
        expect(found).toEqual(expected);
      }),
    );
  });
});
