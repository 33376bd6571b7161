import {
  containsCyrillic,
  containsGreek,
  inferCyrillicSystem,
  transliterateCyrillic,
  transliterateGreek,
  type CyrillicSystem,
} from './transliteration.js';

export interface FoldOptions {
  /** Transliterate Cyrillic with this system instead of inferring it from the letters. */
  readonly cyrillicSystem?: CyrillicSystem;
  /**
   * Write ä ö ü ø å as ae oe ue oe aa, and Hungarian ő ű as oe ue (German and Scandinavian
   * practice) instead of dropping the marks. Used for the alternative match key, so "Müller"
   * meets both "Muller" and "Mueller", and "Szűcs" both "Szucs" and "Szuecs".
   */
  readonly transcribeUmlauts?: boolean;
}

// Letters that are not a base letter plus a combining mark, so NFD alone cannot fold them.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l', đ: 'dj', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd', ħ: 'h',
  ŧ: 't', ŋ: 'n', ə: 'e', ĸ: 'k',
};
// Hungarian ő and ű are long ö and ü, and are transcribed the same way (Szűcs → Szuecs).
const UMLAUT_TRANSCRIPTIONS: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa', ő: 'oe', ű: 'ue',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');
const UMLAUT_PATTERN = /[äöüøåőű]/gu;
// Apostrophes join (O'Brien → obrien); every other non-letter, non-digit separates words.
const APOSTROPHES = /['’ʼ`´ʻ‘]/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
// Capitalised words written together ("ПоліщукЯрошчук", "KowalskiNowak"): two or more runs of a
// capital and at least two small letters, and nothing else, in one run of letters.
const LETTER_RUN = /\p{L}+/gu;
const GLUED_WORDS = /^(?:\p{Lu}\p{Ll}{2,}){2,}$/u;
const CAPITALISED_WORD = /\p{Lu}\p{Ll}{2,}/gu;

/**
 * Separates capitalised words written together, in the original script and before anything is
 * lower-cased or transliterated, so "ПоліщукЯрошчук" is read as "Поліщук Ярошчук" (as the
 * hyphenated "Поліщук-Ярошчук" is) and Ukrainian я is "ya" at the start of the second word in
 * both. Only a run made wholly of capitalised parts of three letters or more is split: text in
 * capitals, in small letters or in random case is left alone, and so are McDonald, DeVries and
 * GmbH, whose first or last part is shorter (MacDonald becomes "Mac Donald"; its key, which
 * ignores spaces, is unchanged).
 */
export function splitGluedWords(text: string): string {
  return text.replace(LETTER_RUN, (run) =>
    GLUED_WORDS.test(run) ? (run.match(CAPITALISED_WORD) ?? [run]).join(' ') : run,
  );
}

/**
 * Folds text to lower-case words of ASCII letters and digits separated by single spaces:
 * NFKC, capitalised words written together separated (splitGluedWords), lower case, Cyrillic
 * and Greek transliterated, diacritics and special letters folded, "&" read as "and",
 * apostrophes dropped, every other punctuation mark a word break.
 * Letters of scripts without a table here (Arabic, Georgian, CJK...) are kept, lower-cased.
 * Idempotent: folding folded text changes nothing.
 */
export function foldText(text: string, options: FoldOptions = {}): string {
  let folded = splitGluedWords(text.normalize('NFKC')).toLowerCase();
  if (containsCyrillic(folded)) {
    folded = transliterateCyrillic(folded, options.cyrillicSystem ?? inferCyrillicSystem(folded));
  }
  if (containsGreek(folded)) folded = transliterateGreek(folded);
  if (options.transcribeUmlauts === true) {
    folded = folded.replace(UMLAUT_PATTERN, (ch) => UMLAUT_TRANSCRIPTIONS[ch] ?? ch);
  }
  folded = folded
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_PATTERN, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .replace(/&/gu, ' and ')
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim()
    .normalize('NFC');
  return folded;
}

/** The words of a folded text. */
export function foldedWords(text: string, options: FoldOptions = {}): string[] {
  const folded = foldText(text, options);
  return folded === '' ? [] : folded.split(' ');
}
