import { describe, expect, it } from 'vitest';
import { postcodeProblem, vatNumberProblem } from './identifier-formats.js';

describe('postcodes by country', () => {
  it.each([
    ['GB', 'DY1 4QN'], ['GB', 'sw1a1aa'], ['PL', '00-950'], ['RO', '010011'], ['BG', '1000'], ['LT', 'LT-01100'], ['LT', '01100'],
    ['HU', '1051'], ['CZ', '110 00'], ['SK', '81101'], ['DE', '10115'], ['FR', '75008'], ['NL', '1012 ab'], ['BE', '1000'],
    ['ES', '28001'], ['IT', '00184'], ['UA', '01001'], ['TR', '34000'], ['IE', 'D02 X285'], ['PT', '1000-001'],
  ])('accepts %s %s', (country, postcode) => {
    expect(postcodeProblem(postcode, country)).toBeNull();
  });

  it.each([
    ['GB', '12345'], ['PL', '00950'], ['RO', '01001'], ['BG', '10000'], ['HU', '0123'], ['CZ', '11000 1'], ['DE', '1011'],
    ['NL', '0123 AB'], ['ES', '99001'], ['IT', 'A0184'], ['UA', '0100'], ['TR', '99000'], ['FR', '750 08'],
  ])('refuses %s %s, saying the format with an example', (country, postcode) => {
    expect(postcodeProblem(postcode, country)).toMatch(/^Enter a postcode in the format used in .+, like .+/);
  });

  it('names the country in words, and leaves a country whose format it does not keep unchecked', () => {
    expect(postcodeProblem('81350', 'PL')).toBe('Enter a postcode in the format used in Poland, like 00-950');
    expect(postcodeProblem('anything', 'ZZ')).toBeNull();
  });
});

describe('VAT numbers by country', () => {
  it.each([
    ['PL5861044231', 'PL'], ['586-104-42-31', 'PL'], ['DE123456789', undefined], ['NL123456789B01', 'NL'], ['FR12345678901', 'FR'],
    ['ATU12345678', 'AT'], ['ESB12345678', 'ES'], ['EL123456789', 'GR'], ['123456789', 'GR'], ['RO1234567', 'RO'], ['GB123456789', 'GB'],
    ['XI123456789', 'GB'], ['BE0123456789', 'BE'], ['LT123456789012', 'LT'], ['HU12345678', 'HU'], ['CZ12345678', 'CZ'], ['SK1234567890', 'SK'],
    ['CHE123456789MWST', 'CH'], ['IT12345678901', 'IT'], ['BG204556781', 'BG'],
  ])('accepts %s (%s)', (number, country) => {
    expect(vatNumberProblem(number, country)).toBeNull();
  });

  it.each([
    ['PL12345', 'PL'], ['12345', 'PL'], ['DE12345678', undefined], ['NL123456789', 'NL'], ['ATU1234567', 'AT'], ['BE2123456789', 'BE'], ['SE1234567890', 'SE'],
  ])('refuses %s (%s)', (number, country) => {
    expect(vatNumberProblem(number, country)).toMatch(/^Enter a VAT number in the format used in /);
  });

  it('refuses a number whose prefix is another country than the one given', () => {
    expect(vatNumberProblem('DE123456789', 'PL')).toBe('The VAT number starts DE, which is not Poland: check the number or its country');
  });

  it('leaves a number unchecked when neither its prefix nor its country has a kept format', () => {
    expect(vatNumberProblem('12345', 'UA')).toBeNull();
    expect(vatNumberProblem('12345', undefined)).toBeNull();
  });
});
