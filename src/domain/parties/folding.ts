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

/**
 * Folds text to lower-case words of ASCII letters and digits separated by single spaces:
 * NFKC, lower case, Cyrillic and Greek transliterated, diacritics and special letters folded,
 * "&" read as "and", apostrophes dropped, every other punctuation mark a word break.
 * Letters of scripts without a table here (Arabic, Georgian, CJK...) are kept, lower-cased.
 * Idempotent: folding folded text changes nothing.
 */
export function foldText(text: string, options: FoldOptions = {}): string {
  let folded = text.normalize('NFKC').toLowerCase();
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
