import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, normalisePostcode } from './addresses.js';

describe('normalising an address', () => {
  it('folds case, diacritics and punctuation into tokens', () => {
    expect(normaliseAddress('Łąkowa 12/3, Łódź')).toEqual({
      folded: 'lakowa 12 3 lodz',
      tokens: ['lakowa', '12', '3', 'lodz'],
    });
  });
  it('expands ul. to ulica', () => {
    expect(normaliseAddress('ul. Długa 5', 'PL').folded).toBe('ulica dluga 5');
    expect(normaliseAddress('ulica Długa 5', 'PL').folded).toBe('ulica dluga 5');
  });
  it('expands ул. to ulitsa in a Bulgarian address', () => {
    expect(normaliseAddress('ул. Витоша 1', 'BG').folded).toBe('ulitsa vitosha 1');
  });
  it('expands str. to strada in Romania and strasse in Germany', () => {
    expect(normaliseAddress('Str. Mihai Viteazu nr. 3', 'RO').folded).toBe('strada mihai viteazu 3');
    expect(normaliseAddress('Goethe Str. 3', 'DE').folded).toBe('goethe strasse 3');
  });
  it('expands a German street name ending in str.', () => {
    expect(normaliseAddress('Hauptstr. 5', 'DE').folded).toBe(normaliseAddress('Hauptstraße 5', 'DE').folded);
  });
  it('expands al., os. and bd.', () => {
    expect(normaliseAddress('al. Jerozolimskie 1, os. Słoneczne', 'PL').folded).toBe(
      'aleja jerozolimskie 1 osiedle sloneczne',
    );
    expect(normaliseAddress('Bd. Unirii 4', 'RO').folded).toBe('bulevardul unirii 4');
  });
  it('is idempotent', () => {
    const country = fc.constantFrom('PL', 'DE', 'RO', 'BG', null);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), country, (raw, code) => {
        const once = normaliseAddress(raw, code).folded;
        expect(normaliseAddress(once, code).folded).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normalising a postcode', () => {
  it('upper-cases and strips spaces and dashes', () => {
    expect(normalisePostcode('sw1a 1aa')).toBe('SW1A1AA');
    expect(normalisePostcode('00-950', 'PL')).toBe('00950');
  });
  it('drops the country written in front', () => {
    expect(normalisePostcode('PL-00-950', 'PL')).toBe('00950');
    expect(normalisePostcode('BG-1000', 'BG')).toBe('1000');
  });
  it('keeps letters that belong to the postcode', () => {
    expect(normalisePostcode('GB1 2AB', 'GB')).toBe('GB12AB');
  });
});
