// ISO 3166-1 alpha-2 codes, with the two spellings people use that ISO does not: UK for the
// United Kingdom and EL (the EU's own code) for Greece.
const ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** An upper-case ISO 3166-1 alpha-2 code, or null when the text is not two letters. */
export function normaliseCountryCode(raw: string | null | undefined): string | null {
  const code = (raw ?? '').normalize('NFKC').trim().toUpperCase();
  if (!/^[A-Z]{2}$/u.test(code)) return null;
  return ALIASES[code] ?? code;
}
