import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRegistrationFormat,
  normaliseRegistration,
  plateConfusionKey,
  plateConfusionVariants,
} from './registrations.js';

describe('normalising a registration', () => {
  it('finds "ab12cde" from "AB-12 CDE" (the search example)', () => {
    expect(normaliseRegistration('AB-12 CDE')).toBe('AB12CDE');
    expect(normaliseRegistration('ab12cde')).toBe(normaliseRegistration('AB-12 CDE'));
  });
  it('strips spaces, dashes, dots and other separators', () => {
    expect(normaliseRegistration(' WX.123·AB / 7 ')).toBe('WX123AB7');
  });
  it('reads Cyrillic letters that look Latin as Latin, so a Bulgarian plate typed in Cyrillic matches', () => {
    expect(normaliseRegistration('СА 1234 ВХ')).toBe('CA1234BX');
    expect(normaliseRegistration('АВЕКМНОРСТУХ')).toBe('ABEKMHOPCTYX');
    expect(normaliseRegistration('ра 1234 кх')).toBe('PA1234KX');
  });
  it('reads Greek letters that look Latin as Latin', () => {
    expect(normaliseRegistration('ΙΚΤ-1234')).toBe('IKT1234');
  });
  it('drops diacritics', () => {
    expect(normaliseRegistration('MÜ-AB 123')).toBe('MUAB123');
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (raw) => {
        const once = normaliseRegistration(raw);
        expect(normaliseRegistration(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checking a registration', () => {
  it('accepts a foreign registration of letters and digits', () => {
    expect(checkRegistrationFormat('WGM 12345', 'PL')).toEqual({ ok: true, registration: 'WGM12345' });
    expect(checkRegistrationFormat('СА 1234 ВХ')).toEqual({ ok: true, registration: 'CA1234BX' });
  });
  it('refuses an empty registration', () => {
    expect(checkRegistrationFormat('   ')).toMatchObject({ ok: false, message: 'Enter the vehicle registration' });
  });
  it('refuses a registration with neither a letter nor a digit', () => {
    expect(checkRegistrationFormat('--.')).toMatchObject({
      ok: false,
      message: 'Vehicle registration must include letters or numbers',
    });
  });
  it('refuses a registration longer than 15 characters', () => {
    expect(checkRegistrationFormat('AB12CDEFGH123456')).toMatchObject({
      ok: false,
      message: 'Vehicle registration must be 15 characters or fewer',
    });
    expect(checkRegistrationFormat('AB12CDEFGH12345').ok).toBe(true);
  });
  it('refuses letters no plate can carry, naming them', () => {
    expect(checkRegistrationFormat('СБ 1234 ДЖ')).toMatchObject({
      ok: false,
      message: 'Vehicle registration must only include letters A to Z and numbers 0 to 9 (it includes Б Д Ж)',
    });
  });
  it.each(['AB12 CDE', 'A123 BCD', 'ABC 123D', 'ABC 1234', '1234 AB', 'AB 1', 'LSZ 1234'])(
    'accepts the UK registration %s',
    (registration) => {
      expect(checkRegistrationFormat(registration, 'GB').ok).toBe(true);
    },
  );
  it.each(['AB12CDEF', 'ABCDEFG', '12AB34', 'WGM12345'])('refuses %s as a UK registration', (registration) => {
    expect(checkRegistrationFormat(registration, 'UK')).toMatchObject({
      ok: false,
      message:
        'Enter a UK vehicle registration in a UK format, like AB12 CDE, ' +
        'or choose the country the vehicle is registered in',
    });
  });
});

describe('plate reader confusions', () => {
  it('gives plates that differ only by 0/O, 1/I, 8/B, 5/S, 2/Z one key', () => {
    expect(plateConfusionKey('AB12 CDE')).toBe(plateConfusionKey('A812CDE'));
    expect(plateConfusionKey('SO10 ZIB')).toBe(plateConfusionKey('5010 2I8'));
    expect(plateConfusionKey('SO10ZIB')).toBe('5010218');
  });
  it('keeps plates apart that differ otherwise', () => {
    expect(plateConfusionKey('AB12CDE')).not.toBe(plateConfusionKey('AB12CDF'));
  });
  it('lists every confused reading, the plate itself first', () => {
    expect(plateConfusionVariants('B0X')).toEqual(['B0X', 'BOX', '80X', '8OX']);
  });
  it('lists at most the limit asked for', () => {
    expect(plateConfusionVariants('OOOOOOOO', 10)).toHaveLength(10);
    expect(plateConfusionVariants('OOOOOOOO')).toHaveLength(64);
  });
  it('gives every reading the same key', () => {
    const readings = plateConfusionVariants('SB12OIZ');
    expect(new Set(readings.map(plateConfusionKey)).size).toBe(1);
  });
});
