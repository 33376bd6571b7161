import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCountryCode } from './countries.js';
import { IDENTIFIER_KINDS, normaliseIdentifier } from './identifiers.js';

describe('VAT numbers', () => {
  it('strips spaces, dots and dashes and adds the country prefix', () => {
    expect(normaliseIdentifier('vat', 'PL', 'PL 123-456-78-90')).toBe('PL1234567890');
    expect(normaliseIdentifier('vat', 'PL', '123.456.78.90')).toBe('PL1234567890');
    expect(normaliseIdentifier('vat', 'RO', 'ro 12345678')).toBe('RO12345678');
  });
  it('writes Greece as EL, whether given GR or EL', () => {
    expect(normaliseIdentifier('vat', 'GR', '094259216')).toBe('EL094259216');
    expect(normaliseIdentifier('vat', 'GR', 'GR 094259216')).toBe('EL094259216');
    expect(normaliseIdentifier('vat', 'EL', 'EL094259216')).toBe('EL094259216');
  });
  it('keeps a prefix already present, even of another country', () => {
    expect(normaliseIdentifier('vat', 'PL', 'DE 123456789')).toBe('DE123456789');
  });
  it('leaves the number bare when neither it nor the party says the country', () => {
    expect(normaliseIdentifier('vat', null, '123 456 789')).toBe('123456789');
  });
  it('writes Swiss and Norwegian numbers without their tax suffix', () => {
    expect(normaliseIdentifier('vat', 'CH', 'CHE-123.456.789 MWST')).toBe('CHE123456789');
    expect(normaliseIdentifier('vat', 'CH', '123.456.789 TVA')).toBe('CHE123456789');
    expect(normaliseIdentifier('vat', 'NO', '923 609 016 MVA')).toBe('NO923609016');
  });
});

describe('company numbers', () => {
  it('pads Companies House numbers to eight characters', () => {
    expect(normaliseIdentifier('company-number', 'GB', '1234567')).toBe('01234567');
    expect(normaliseIdentifier('company-number', 'UK', 'sc 12345')).toBe('SC012345');
    expect(normaliseIdentifier('company-number', 'GB', '01234567')).toBe('01234567');
  });
  it('pads Ukrainian EDRPOU codes to eight digits', () => {
    expect(normaliseIdentifier('company-number', 'UA', '123456')).toBe('00123456');
  });
  it('keeps other registers’ numbers as written, without separators', () => {
    expect(normaliseIdentifier('company-number', 'PL', 'KRS 0000-123-456')).toBe('KRS0000123456');
    expect(normaliseIdentifier('company-number', 'BG', '131 468 980')).toBe('131468980');
  });
});

describe('licences and passports', () => {
  it('upper-cases and strips separators from operator licences', () => {
    expect(normaliseIdentifier('operator-licence', 'GB', 'ob 1234567')).toBe('OB1234567');
  });
  it('upper-cases and strips separators from driving licences', () => {
    expect(normaliseIdentifier('driving-licence', 'GB', 'MORGA 657054 SM9IJ')).toBe('MORGA657054SM9IJ');
  });
  it('reads Cyrillic capitals that look Latin as Latin in passport numbers', () => {
    expect(normaliseIdentifier('passport', 'UA', 'ВК 123-456')).toBe('BK123456');
    expect(normaliseIdentifier('passport', 'UA', 'BK123456')).toBe('BK123456');
  });
});

describe('identifiers in general', () => {
  it('gives an empty value when nothing identifying is left', () => {
    expect(normaliseIdentifier('passport', 'PL', ' - . ')).toBe('');
  });
  it('is idempotent for every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...IDENTIFIER_KINDS),
        fc.constantFrom('PL', 'GR', 'EL', 'GB', 'CH', 'NO', 'UA', 'RO', null),
        fc.string({ maxLength: 20 }),
        (kind, country, raw) => {
          const once = normaliseIdentifier(kind, country, raw);
          expect(normaliseIdentifier(kind, country, once)).toBe(once);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('country codes', () => {
  it('upper-cases ISO codes and accepts UK and EL', () => {
    expect(normaliseCountryCode(' pl ')).toBe('PL');
    expect(normaliseCountryCode('UK')).toBe('GB');
    expect(normaliseCountryCode('el')).toBe('GR');
  });
  it('refuses anything that is not two letters', () => {
    expect(normaliseCountryCode('POL')).toBeNull();
    expect(normaliseCountryCode('')).toBeNull();
    expect(normaliseCountryCode(undefined)).toBeNull();
  });
});
