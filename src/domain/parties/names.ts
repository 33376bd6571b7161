import { foldedWords, type FoldOptions } from './folding.js';
import { isSingleLetter, splitLegalForm } from './legal-forms.js';
import { inferCyrillicSystem, type CyrillicSystem } from './transliteration.js';

export interface NormalisedName {
  /** As given, NFKC-normalised, spacing collapsed: for showing, never for matching. */
  readonly display: string;
  /** Every word, folded to lower-case ASCII and separated by single spaces. */
  readonly folded: string;
  /** The name without its legal form, runs of single letters joined ("A B C" → "abc"). */
  readonly core: string;
  /** The usual spelling of the legal form found, e.g. "Sp. z o.o.", or null. */
  readonly legalForm: string | null;
  /** Its canonical code, e.g. "SP-ZOO", or null. */
  readonly legalFormCode: string | null;
  /** The words of the core. */
  readonly tokens: readonly string[];
  /**
   * Blocking key: the core with its spaces removed, so spacing and punctuation cannot keep
   * two spellings apart ("Trans-Pol", "TransPol", "Trans Pol" → "transpol"). Word order is
   * left to trigram similarity, which ignores it.
   */
  readonly key: string;
  /** The key with ä ö ü ø å written ae oe ue oe aa; equal to key when the name has none. */
  readonly alternativeKey: string;
}

export interface NameOptions {
  /** Transliterate Cyrillic with this system rather than inferring it from the letters. */
  readonly cyrillicSystem?: CyrillicSystem;
  /** Recognise and separate legal-form designators (default true; false for people). */
  readonly legalForms?: boolean;
}

/** Normalises a person's or organisation's name for matching and search. */
export function normaliseName(raw: string, options: NameOptions = {}): NormalisedName {
  const display = raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  // The whole name chooses the Cyrillic system, so every word is read the same way.
  const cyrillicSystem = options.cyrillicSystem ?? inferCyrillicSystem(display);
  const words = chunkedWords(display, { cyrillicSystem });
  // Transcribing umlauts changes letters, never word breaks, so both word lists line up.
  const alternativeWords = chunkedWords(display, { cyrillicSystem, transcribeUmlauts: true });
  const split =
    options.legalForms === false
      ? { start: 0, end: words.length, legalForm: null }
      : splitLegalForm(words);
  const tokens = joinSingleLetters(words.slice(split.start, split.end));
  const alternativeTokens = joinSingleLetters(alternativeWords.slice(split.start, split.end));
  return {
    display,
    folded: words.join(' '),
    core: tokens.join(' '),
    legalForm: split.legalForm?.label ?? null,
    legalFormCode: split.legalForm?.code ?? null,
    tokens,
    key: tokens.join(''),
    alternativeKey: alternativeTokens.join(''),
  };
}

/** True when two names share a blocking key, counting the alternative keys. */
export function namesShareKey(
  a: Pick<NormalisedName, 'key' | 'alternativeKey'>,
  b: Pick<NormalisedName, 'key' | 'alternativeKey'>,
): boolean {
  if (a.key === '' || b.key === '') return false;
  const keysOfB = new Set([b.key, b.alternativeKey]);
  return keysOfB.has(a.key) || keysOfB.has(a.alternativeKey);
}

// Folds each space-separated chunk on its own and joins the single letters inside it, so a
// dotted abbreviation stays one word ("A.B.C." → abc, "o.o." → oo, "A/S" → as) while spaced
// letters ("Sp z o o") stay apart until the legal form has been found.
function chunkedWords(display: string, options: FoldOptions): string[] {
  return display.split(' ').flatMap((chunk) => joinSingleLetters(foldedWords(chunk, options)));
}

// Runs of two or more single letters become one word ("a b c" → "abc").
function joinSingleLetters(words: readonly string[]): string[] {
  const joined: string[] = [];
  let run = '';
  for (const word of words) {
    if (isSingleLetter(word)) {
      run += word;
      continue;
    }
    if (run !== '') joined.push(run);
    run = '';
    joined.push(word);
  }
  if (run !== '') joined.push(run);
  return joined;
}
