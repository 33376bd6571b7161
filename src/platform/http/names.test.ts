import { describe, expect, it } from 'vitest';
import { countryName, identifierKindName, legalFormName, named, plateMatchName } from './names.js';

describe('names, not codes', () => {
  it('names countries, including the codes people write that ISO does not', () => {
    expect(countryName('PL')).toBe('Poland');
    expect(countryName('pl')).toBe('Poland');
    expect(countryName('UK')).toBe('United Kingdom');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('EL')).toBe('Greece');
    expect(countryName('XK')).toBe('Kosovo');
    expect(countryName('Poland')).toBe('Poland');
    expect(countryName('QQ')).toBe('QQ');
    expect(countryName(null)).toBe('');
  });

  it('names legal forms, identifier kinds and plate-check matches', () => {
    expect(legalFormName('SP-ZOO')).toBe('Sp. z o.o.');
    expect(legalFormName('NOT-A-FORM')).toBe('NOT-A-FORM');
    expect(identifierKindName('company-number')).toBe('Company number');
    expect(identifierKindName('vat')).toBe('VAT number');
    expect(identifierKindName('other')).toBe('Other identifier');
    expect(plateMatchName({ list: 'watchlist', certainty: 'exact' })).toBe('Exact match on the watchlist');
    expect(plateMatchName({ list: 'VAL', certainty: 'possible' })).toBe('Possible match on the Vehicle Action List');
  });

  it('is one filter for the views, which refuses a kind it does not know', () => {
    expect(named('PL', 'country')).toBe('Poland');
    expect(named('SP-ZOO', 'legalForm')).toBe('Sp. z o.o.');
    expect(() => named('PL', 'planet')).toThrow(/No names for "planet"/);
  });
});
