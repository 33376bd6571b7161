// Cyrillic and Greek capitals drawn like Latin ones. Number plates in Bulgaria, Ukraine, Greece
// and elsewhere use only these, and identifiers copied from documents often mix the alphabets.
const LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y',
  Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P',
  Τ: 'T', Υ: 'Y', Χ: 'X',
};
const LOOKALIKE_PATTERN = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');
// Latin capitals that NFD cannot take apart.
const SPECIAL_CAPITALS: Readonly<Record<string, string>> = { Ł: 'L', Đ: 'D', Ø: 'O', Ħ: 'H' };
const SPECIAL_PATTERN = /[ŁĐØĦ]/gu;

/**
 * Upper-cases, reads look-alike Cyrillic and Greek capitals as Latin, drops diacritics and
 * removes everything but letters and digits. Letters of other alphabets are kept, so a
 * caller can tell the text holds something no plate or identifier can.
 */
export function latinCapitalsAndDigits(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(LOOKALIKE_PATTERN, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(SPECIAL_PATTERN, (ch) => SPECIAL_CAPITALS[ch] ?? ch)
    .normalize('NFC');
}
