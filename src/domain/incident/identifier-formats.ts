/*
 * Pure: the written form of a postcode and of a VAT number in the countries hauliers come from, so a
 * referral with a mistyped one is refused at the border (with the field named) instead of the
 * initial notice coming back undelivered. Format checks only: a number of the right shape may still
 * not exist (VIES and the postal services are the authorities). A country not in a table is not
 * checked. Kept as data here, not an npm library: the domain imports nothing but zod
 * (`.dependency-cruiser.cjs`), and the intake README says which libraries were weighed.
 */

import { VEHICLE_COUNTRIES } from '../reference/ports.js';

const countryName = (code: string): string => VEHICLE_COUNTRIES[code] ?? code;

/** A country's postcode pattern (upper case, as typed) and an example for the message. */
interface PostcodeFormat {
  pattern: RegExp;
  example: string;
}

const postcode = (pattern: RegExp, example: string): PostcodeFormat => ({ pattern, example });

/** ISO 3166-1 alpha-2 → the postcode as it is written there (optional country prefix accepted where it is customary). */
export const POSTCODE_FORMATS: Readonly<Record<string, PostcodeFormat>> = {
  GB: postcode(/^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/, 'DY1 4QN'),
  IE: postcode(/^[AC-FHKNPRTV-Y]\d[\dW] ?[AC-FHKNPRTV-Y\d]{4}$/, 'D02 X285'),
  PL: postcode(/^\d{2}-\d{3}$/, '00-950'),
  RO: postcode(/^\d{6}$/, '010011'),
  BG: postcode(/^\d{4}$/, '1000'),
  LT: postcode(/^(LT-)?\d{5}$/, 'LT-01100'),
  LV: postcode(/^(LV-)?\d{4}$/, 'LV-1050'),
  EE: postcode(/^\d{5}$/, '10111'),
  HU: postcode(/^[1-9]\d{3}$/, '1051'),
  CZ: postcode(/^[1-7]\d{2} ?\d{2}$/, '110 00'),
  SK: postcode(/^[089]\d{2} ?\d{2}$/, '811 01'),
  SI: postcode(/^(SI-)?\d{4}$/, '1000'),
  HR: postcode(/^[1-5]\d{4}$/, '10000'),
  DE: postcode(/^\d{5}$/, '10115'),
  AT: postcode(/^[1-9]\d{3}$/, '1010'),
  CH: postcode(/^[1-9]\d{3}$/, '8001'),
  FR: postcode(/^\d{5}$/, '75008'),
  NL: postcode(/^[1-9]\d{3} ?[A-Z]{2}$/, '1012 AB'),
  BE: postcode(/^[1-9]\d{3}$/, '1000'),
  LU: postcode(/^(L-)?\d{4}$/, 'L-1111'),
  ES: postcode(/^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, '28001'),
  PT: postcode(/^\d{4}-\d{3}$/, '1000-001'),
  IT: postcode(/^\d{5}$/, '00184'),
  GR: postcode(/^\d{3} ?\d{2}$/, '105 57'),
  DK: postcode(/^\d{4}$/, '1050'),
  SE: postcode(/^[1-9]\d{2} ?\d{2}$/, '111 22'),
  NO: postcode(/^\d{4}$/, '0150'),
  FI: postcode(/^\d{5}$/, '00100'),
  UA: postcode(/^\d{5}$/, '01001'),
  MD: postcode(/^(MD-?)?\d{4}$/, 'MD-2001'),
  TR: postcode(/^(0[1-9]|[1-7]\d|8[01])\d{3}$/, '34000'),
  RS: postcode(/^\d{5}$/, '11000'),
  MK: postcode(/^\d{4}$/, '1000'),
  AL: postcode(/^\d{4}$/, '1001'),
  BA: postcode(/^\d{5}$/, '71000'),
  BY: postcode(/^\d{6}$/, '220030'),
};

/**
 * VAT numbers as VIES writes them, after the prefix (EL for Greece, XI for Northern Ireland), with
 * spaces, dots and dashes removed; plus the United Kingdom, Norway and Switzerland, whose numbers
 * hauliers quote on the same invoices.
 */
export const VAT_FORMATS: Readonly<Record<string, { pattern: RegExp; example: string }>> = {
  AT: { pattern: /^U\d{8}$/, example: 'ATU12345678' },
  BE: { pattern: /^[01]\d{9}$/, example: 'BE0123456789' },
  BG: { pattern: /^\d{9,10}$/, example: 'BG123456789' },
  CY: { pattern: /^\d{8}[A-Z]$/, example: 'CY12345678L' },
  CZ: { pattern: /^\d{8,10}$/, example: 'CZ12345678' },
  DE: { pattern: /^\d{9}$/, example: 'DE123456789' },
  DK: { pattern: /^\d{8}$/, example: 'DK12345678' },
  EE: { pattern: /^\d{9}$/, example: 'EE123456789' },
  EL: { pattern: /^\d{9}$/, example: 'EL123456789' },
  ES: { pattern: /^[A-Z\d]\d{7}[A-Z\d]$/, example: 'ESB12345678' },
  FI: { pattern: /^\d{8}$/, example: 'FI12345678' },
  FR: { pattern: /^[A-HJ-NP-Z\d]{2}\d{9}$/, example: 'FR12345678901' },
  HR: { pattern: /^\d{11}$/, example: 'HR12345678901' },
  HU: { pattern: /^\d{8}$/, example: 'HU12345678' },
  IE: { pattern: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, example: 'IE1234567T' },
  IT: { pattern: /^\d{11}$/, example: 'IT12345678901' },
  LT: { pattern: /^(\d{9}|\d{12})$/, example: 'LT123456789' },
  LU: { pattern: /^\d{8}$/, example: 'LU12345678' },
  LV: { pattern: /^\d{11}$/, example: 'LV12345678901' },
  MT: { pattern: /^\d{8}$/, example: 'MT12345678' },
  NL: { pattern: /^\d{9}B\d{2}$/, example: 'NL123456789B01' },
  PL: { pattern: /^\d{10}$/, example: 'PL1234567890' },
  PT: { pattern: /^\d{9}$/, example: 'PT123456789' },
  RO: { pattern: /^[1-9]\d{1,9}$/, example: 'RO1234567' },
  SE: { pattern: /^\d{10}01$/, example: 'SE123456789001' },
  SI: { pattern: /^\d{8}$/, example: 'SI12345678' },
  SK: { pattern: /^\d{10}$/, example: 'SK1234567890' },
  XI: { pattern: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: 'XI123456789' },
  GB: { pattern: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: 'GB123456789' },
  NO: { pattern: /^\d{9}(MVA)?$/, example: 'NO123456789MVA' },
  CHE: { pattern: /^\d{9}(MWST|TVA|IVA)?$/, example: 'CHE123456789' },
};

/** The VAT prefix of a country (Greece writes EL, Switzerland CHE). */
export function vatPrefixOf(country: string): string {
  return country === 'GR' ? 'EL' : country === 'CH' ? 'CHE' : country;
}

const countryOfPrefix = (prefix: string): string => (prefix === 'EL' ? 'GR' : prefix === 'CHE' ? 'CH' : prefix === 'XI' ? 'GB' : prefix);

/** Why this postcode cannot be one of `country`'s, or null (also for a country whose format is not kept). */
export function postcodeProblem(value: string, country: string): string | null {
  const format = POSTCODE_FORMATS[country.toUpperCase()];
  if (!format) return null;
  const written = value.trim().toUpperCase().replace(/\s+/g, ' ');
  if (format.pattern.test(written)) return null;
  return `Enter a postcode in the format used in ${countryName(country.toUpperCase())}, like ${format.example}`;
}

/**
 * Why this VAT number cannot be right, or null. Its country is its prefix when it has one,
 * else `country` (the document's, the address's or the vehicle's); a number whose prefix names
 * another country than the one given is refused, as it is probably the wrong company's.
 */
export function vatNumberProblem(value: string, country: string | undefined): string | null {
  const compact = value.toUpperCase().replace(/[\s.\-/]/g, '');
  const prefix = /^(CHE|[A-Z]{2})/.exec(compact)?.[0];
  const known = prefix && VAT_FORMATS[prefix] ? prefix : undefined;
  const expected = country ? vatPrefixOf(country.toUpperCase()) : undefined;
  if (known && expected && VAT_FORMATS[expected] && known !== expected && !(known === 'XI' && expected === 'GB')) {
    return `The VAT number starts ${known}, which is not ${countryName(country!.toUpperCase())}: check the number or its country`;
  }
  const vatPrefix = known ?? (expected && VAT_FORMATS[expected] ? expected : undefined);
  if (!vatPrefix) return null;
  const digits = known ? compact.slice(known.length) : compact;
  const format = VAT_FORMATS[vatPrefix]!;
  if (format.pattern.test(digits)) return null;
  return `Enter a VAT number in the format used in ${countryName(countryOfPrefix(vatPrefix))}, like ${format.example}`;
}
