import { formatCaseReference } from '../liability/case-reference.js';
import type { Offence, Role } from '../penalty/penalty-input.js';

/*
 * The reference a payer quotes. It is the case reference, CEC-YYYY-NNNNNN, optionally followed by a
 * liability suffix naming whose penalty is paid, when a case has more than one:
 *
 *   CEC-2026-000123-O      the owner's penalty         -D driver, -O owner, -H hirer, -T trailer operator
 *   CEC-2026-000123-D32    the driver's S32 penalty    (offence 31A or 32 after the letter, when a person has both)
 *
 * Payers and banks garble references: spaces for hyphens, no hyphens, lower case, leading zeros
 * dropped, the letter O for a zero. `referencesIn` finds well-written references first and, only
 * when there are none, reads garbled ones.
 */

export const ROLE_SUFFIXES: Readonly<Record<Role, string>> = { driver: 'D', owner: 'O', hirer: 'H', operator: 'T' };
const ROLE_OF_SUFFIX: Readonly<Record<string, Role>> = { D: 'driver', O: 'owner', H: 'hirer', T: 'operator' };

export interface QuotedReference {
  /** The case reference, written properly (CEC-2026-000123). */
  caseReference: string;
  /** The person the suffix names, if there was one. */
  role?: Role;
  offence?: Offence;
  /** 'exact': written as printed; 'garbled': read from a reference written differently. */
  how: 'exact' | 'garbled';
  /** As the payer wrote it. */
  quoted: string;
}

/** The reference to quote for one liability: the case reference and the person's suffix. */
export function paymentReference(caseReference: string, role: Role, offence?: Offence): string {
  return `${caseReference}-${ROLE_SUFFIXES[role]}${offence ? offence.slice(1) : ''}`;
}

const EXACT = /(?<![A-Z0-9])CEC-(\d{4})-(\d{6})(?:-([DOHT])(31A|32)?)?(?![A-Z0-9])/g;

function suffixFacts(letter: string | undefined, offence: string | undefined): Pick<QuotedReference, 'role' | 'offence'> {
  const role = letter ? ROLE_OF_SUFFIX[letter] : undefined;
  return { ...(role ? { role } : {}), ...(role && offence ? { offence: `S${offence}` as Offence } : {}) };
}

function unique(references: QuotedReference[]): QuotedReference[] {
  const seen = new Set<string>();
  return references.filter((reference) => {
    const key = `${reference.caseReference}|${reference.role ?? ''}|${reference.offence ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** References written as printed (any case). */
export function exactReferencesIn(text: string): QuotedReference[] {
  const upper = text.toUpperCase();
  return unique(
    [...upper.matchAll(EXACT)].map((match) => ({
      caseReference: `CEC-${match[1]}-${match[2]}`,
      ...suffixFacts(match[3], match[4]),
      how: 'exact' as const,
      quoted: match[0],
    })),
  );
}

const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = { O: '0', Q: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2' };
// "CEC" and its one-letter slips ("CE", "EC", "CC"), then at most a few separators before the year.
const GARBLED = /(?<![A-Z])(?:CEC|CE|EC|CC)[\s\-_./:#]*((?:19|20|2O|2o)[0-9OIL]{2})[\s\-_./:#]*([0-9OQDILSBZ]{1,8}(?: \d{1,6})?)(?:[\s\-_./:#]*([DOHT])(31A|32)?)?(?![A-Z0-9])/gi;

/**
 * References written differently from the printed form: "CEC 2026 123", "cec2026000123",
 * "CEC/2026/000123 O", "CEC-2O26-000123". The number may have lost its leading zeros; a letter that
 * looks like a digit is read as the digit when digits surround it.
 */
export function garbledReferencesIn(text: string): QuotedReference[] {
  const found: QuotedReference[] = [];
  for (const match of text.matchAll(GARBLED)) {
    const year = digitsOf(match[1]!.toUpperCase());
    let numberText = match[2]!.toUpperCase().replace(' ', '');
    let letter = match[3]?.toUpperCase();
    let offence = match[4]?.toUpperCase();
    // A trailing role letter can be swallowed by the number ("123O"): give it back when it is last.
    if (!letter && /[DOHT]$/.test(numberText) && numberText.length > 1) {
      letter = numberText.slice(-1);
      numberText = numberText.slice(0, -1);
      offence = undefined;
    }
    // Letters read as digits only among real digits, and at most one of them: "SOLD" is a word.
    const lookalikes = [...numberText].filter((char) => !/\d/.test(char)).length;
    if (lookalikes > 1 || lookalikes === numberText.length) continue;
    const digits = digitsOf(numberText);
    if (year === null || digits === null || digits.length > 6) continue;
    const number = Number(digits);
    if (number === 0) continue;
    found.push({
      caseReference: formatCaseReference(Number(year), number),
      ...suffixFacts(letter, offence),
      how: 'garbled',
      quoted: match[0].trim(),
    });
  }
  return unique(found);
}

function digitsOf(text: string): string | null {
  let out = '';
  for (const char of text) {
    if (/\d/.test(char)) out += char;
    else if (DIGIT_LOOKALIKES[char]) out += DIGIT_LOOKALIKES[char];
    else return null;
  }
  return out;
}

/** Well-written references if there are any, otherwise garbled ones. */
export function referencesIn(text: string): QuotedReference[] {
  const exact = exactReferencesIn(text);
  return exact.length ? exact : garbledReferencesIn(text);
}

/**
 * Case references one slip away from this one: a digit of the number changed, two neighbouring
 * digits swapped, or the year one out. Only for the fuzzy fallback, which needs another clue too.
 */
export function nearbyReferences(caseReference: string): string[] {
  const match = /^CEC-(\d{4})-(\d{6})$/.exec(caseReference);
  if (!match) return [];
  const year = match[1]!;
  const digits = match[2]!;
  const out = new Set<string>();
  for (let i = 0; i < 6; i += 1) {
    for (let d = 0; d <= 9; d += 1) {
      if (String(d) !== digits[i]) out.add(`CEC-${year}-${digits.slice(0, i)}${d}${digits.slice(i + 1)}`);
    }
    if (i < 5 && digits[i] !== digits[i + 1]) out.add(`CEC-${year}-${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`);
  }
  for (const delta of [-1, 1]) out.add(`CEC-${Number(year) + delta}-${digits}`);
  out.delete(caseReference);
  return [...out].filter((reference) => !/-000000$/.test(reference));
}
