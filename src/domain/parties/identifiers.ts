import { normaliseCountryCode } from './countries.js';
import { latinCapitalsAndDigits } from './lookalikes.js';

export const IDENTIFIER_KINDS = [
  'vat',
  'company-number',
  'operator-licence',
  'driving-licence',
  'passport',
  'other',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

// VAT prefixes as VIES writes them: ISO codes except Greece (EL) and Northern Ireland (XI),
// plus the non-EU prefixes hauliers quote on invoices.
const VAT_PREFIXES = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE',
  'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI', 'GB', 'NO',
  'CHE', 'EU',
]);
const vatPrefixFor = (country: string): string =>
  country === 'GR' ? 'EL' : country === 'CH' ? 'CHE' : country;

/**
 * Normalises an identifier for comparison: upper case, look-alike Cyrillic and Greek capitals
 * read as Latin, spaces, dots, dashes, slashes and other separators removed, then the rule of
 * its kind and country (README.md). Returns '' when nothing identifying is left.
 * Idempotent.
 */
export function normaliseIdentifier(
  kind: IdentifierKind,
  country: string | null | undefined,
  raw: string,
): string {
  const value = latinCapitalsAndDigits(raw);
  const countryCode = normaliseCountryCode(country);
  if (value === '') return '';
  switch (kind) {
    case 'vat':
      return normaliseVatNumber(value, countryCode);
    case 'company-number':
      return normaliseCompanyNumber(value, countryCode);
    case 'operator-licence':
    case 'driving-licence':
    case 'passport':
    case 'other':
      return value;
  }
}

// Always written with its prefix (PL 123-456-78-90 → PL1234567890), because the same digits
// can be a VAT number in two countries. Greece is EL; a number already carrying a prefix keeps
// it; Norwegian MVA and Swiss MWST/TVA/IVA suffixes are dropped.
function normaliseVatNumber(value: string, country: string | null): string {
  let vat = value;
  if (vat.startsWith('GR')) vat = `EL${vat.slice(2)}`;
  if (vat.startsWith('CHE') || country === 'CH') vat = vat.replace(/(MWST|TVA|IVA)$/u, '');
  if (vat.startsWith('NO') || country === 'NO') vat = vat.replace(/MVA$/u, '');
  if (country === null || hasVatPrefix(vat)) return vat;
  const prefix = vatPrefixFor(country);
  return vat.startsWith(prefix) ? vat : `${prefix}${vat}`;
}

const hasVatPrefix = (vat: string): boolean =>
  VAT_PREFIXES.has(vat.slice(0, 3)) || VAT_PREFIXES.has(vat.slice(0, 2));

// Companies House numbers are eight characters, written without their leading zeros as often
// as with them (1234567 → 01234567, SC12345 → SC012345). Ukrainian EDRPOU codes likewise
// have eight digits. Elsewhere the register's number is kept as written.
function normaliseCompanyNumber(value: string, country: string | null): string {
  if (country === 'GB') {
    const match = /^([A-Z]{2})?(\d{1,8})$/u.exec(value);
    if (match === null) return value;
    const prefix = match[1] ?? '';
    return prefix + (match[2] ?? '').padStart(8 - prefix.length, '0');
  }
  if (country === 'UA' && /^\d{1,8}$/u.test(value)) return value.padStart(8, '0');
  return value;
}
