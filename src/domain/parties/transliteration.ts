// Cyrillic and Greek to Latin. Input is expected lower-cased (folding lower-cases first), so the
// tables hold lower-case letters only. Each national system is written as overrides on a base
// table that covers every Cyrillic letter we know, so no letter is ever left behind whatever
// system is chosen. Conventions and their sources are listed in README.md.

export type CyrillicSystem = 'bg' | 'uk' | 'ru' | 'sr' | 'mk';

/** Used when a name holds no letter that tells the languages apart (see README.md for why). */
export const DEFAULT_CYRILLIC_SYSTEM: CyrillicSystem = 'bg';

const BASE: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
  ё: 'e', ы: 'y', э: 'e', і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
  ђ: 'dj', ћ: 'c', џ: 'dz', љ: 'lj', њ: 'nj', ј: 'j', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  ѣ: 'e', ѳ: 'f', ѵ: 'i', ѫ: 'a',
};

// Bulgarian: Streamlined System (Transliteration Act 2009). The base table is this system.
const BULGARIAN: Readonly<Record<string, string>> = {};

// Ukrainian: national system, Cabinet of Ministers resolution 55 of 27 January 2010. Letters
// with a different word-initial form are handled in UKRAINIAN_INITIAL.
const UKRAINIAN: Readonly<Record<string, string>> = {
  г: 'h', ґ: 'g', и: 'y', і: 'i', й: 'i', х: 'kh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
  є: 'ie', ї: 'i',
};
const UKRAINIAN_INITIAL: Readonly<Record<string, string>> = {
  є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya',
};

// Russian: ICAO Doc 9303, used in Russian passports since 2013.
const RUSSIAN: Readonly<Record<string, string>> = {
  ё: 'e', й: 'i', х: 'kh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

// Serbian: the official Latin alphabet (Gaj), written here already folded to ASCII the same way
// Latin-script Serbian and Croatian names are folded (š→s, č/ć→c, ž→z, dž→dz, đ→dj).
const SERBIAN: Readonly<Record<string, string>> = {
  ж: 'z', х: 'h', ц: 'c', ч: 'c', ш: 's', ђ: 'dj', ћ: 'c', џ: 'dz', љ: 'lj', њ: 'nj', ј: 'j',
};

// Macedonian: the official romanisation used on passports and road signs.
const MACEDONIAN: Readonly<Record<string, string>> = {
  ц: 'c', х: 'h', ѓ: 'gj', ќ: 'kj', ѕ: 'dz', џ: 'dzh', љ: 'lj', њ: 'nj', ј: 'j',
};

const SYSTEMS: Readonly<Record<CyrillicSystem, Readonly<Record<string, string>>>> = {
  bg: BULGARIAN, uk: UKRAINIAN, ru: RUSSIAN, sr: SERBIAN, mk: MACEDONIAN,
};

const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;
const CYRILLIC_LETTERS = /[\u0400-\u04ff]/gu;

export function containsCyrillic(text: string): boolean {
  return CYRILLIC_LETTER.test(text);
}

/**
 * Which national system a Cyrillic text is most likely written in, from letters that only one
 * language uses. Returns the default when nothing tells them apart.
 */
export function inferCyrillicSystem(text: string): CyrillicSystem {
  return distinctiveCyrillicSystem(text) ?? DEFAULT_CYRILLIC_SYSTEM;
}

/** The system the text's own letters call for, or null when no letter tells the languages apart. */
export function distinctiveCyrillicSystem(text: string): CyrillicSystem | null {
  const letters = new Set((text.toLowerCase().match(CYRILLIC_LETTERS) ?? []));
  const has = (chars: string): boolean => [...chars].some((c) => letters.has(c));
  if (has('ѓќѕ')) return 'mk';
  if (has('ђћ')) return 'sr';
  if (has('іїєґ')) return 'uk';
  if (has('ыэё')) return 'ru';
  if (has('љњџј')) return 'sr';
  return null;
}

// Countries whose passports and registers romanise Cyrillic by one of the systems above.
const SYSTEM_OF_COUNTRY: Readonly<Record<string, CyrillicSystem>> = {
  BG: 'bg', UA: 'uk', RU: 'ru', RS: 'sr', MK: 'mk',
};

/** The national system of a country that writes in Cyrillic (ISO 3166 alpha-2), or null. */
export function cyrillicSystemOfCountry(country: string | null | undefined): CyrillicSystem | null {
  return SYSTEM_OF_COUNTRY[country ?? ''] ?? null;
}

const isCyrillicLetter = (ch: string | undefined): boolean =>
  ch !== undefined && CYRILLIC_LETTER.test(ch);

// An apostrophe inside a Ukrainian word (п'ять) does not start a new word.
const isWordInterior = (ch: string | undefined): boolean =>
  isCyrillicLetter(ch) || (ch !== undefined && /['’ʼ`]/u.test(ch));

// A letter outside every table may be a tabled one with a mark (Moldovan ӂ is ж with a breve).
function withoutMarks(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  return BASE[base] ?? ch;
}

/** Transliterates the Cyrillic letters of a lower-case text; other characters pass through. */
export function transliterateCyrillic(text: string, system: CyrillicSystem): string {
  const table = SYSTEMS[system];
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (!isCyrillicLetter(ch)) {
      out += ch;
      continue;
    }
    const previous = chars[i - 1];
    const next = chars[i + 1];
    const wordInitial = !isWordInterior(previous);
    if (system === 'bg' && ch === 'и' && next === 'я' && !isCyrillicLetter(chars[i + 2])) {
      out += 'ia'; // Streamlined System: word-final -ия is ia (София → Sofia)
      i++;
      continue;
    }
    if (system === 'uk' && ch === 'г' && previous === 'з') {
      out += 'gh'; // зг is zgh, to tell it from ж (zh)
      continue;
    }
    const initial = system === 'uk' && wordInitial ? UKRAINIAN_INITIAL[ch] : undefined;
    out += initial ?? table[ch] ?? BASE[ch] ?? withoutMarks(ch);
  }
  return out;
}

// Greek: ELOT 743 (ISO 843 transcription), the system on Greek passports.
const GREEK: Readonly<Record<string, string>> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l',
  μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f',
  χ: 'ch', ψ: 'ps', ω: 'o', ϐ: 'v', ϑ: 'th', ϕ: 'f', ϰ: 'k', ϱ: 'r', ϲ: 's',
};
const GREEK_VOICELESS = new Set([...'θκξπστφχψς']);
const GREEK_LETTER = /[\u0370-\u03ff\u1f00-\u1fff]/u;

export function containsGreek(text: string): boolean {
  return GREEK_LETTER.test(text);
}

interface GreekLetter {
  readonly letter: string;
  readonly diaeresis: boolean;
}

/** Transliterates the Greek letters of a lower-case text; other characters pass through. */
export function transliterateGreek(text: string): string {
  // Accents are dropped, but a diaeresis must be seen: it stops αυ, ευ, ου being read as one sound.
  const items: (GreekLetter | string)[] = [];
  for (const ch of text.normalize('NFD')) {
    const last = items[items.length - 1];
    if (/\p{M}/u.test(ch) && typeof last === 'object') {
      if (ch === '\u0308') items[items.length - 1] = { letter: last.letter, diaeresis: true };
      continue;
    }
    items.push(GREEK[ch] === undefined ? ch : { letter: ch, diaeresis: false });
  }
  const letterAt = (i: number): string | undefined => {
    const item = items[i];
    return typeof item === 'object' ? item.letter : undefined;
  };
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as GreekLetter | string;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const ch = item.letter;
    const next = items[i + 1];
    const nextLetter = typeof next === 'object' ? next.letter : undefined;
    const nextPlain = typeof next === 'object' && !next.diaeresis;
    if ('αεη'.includes(ch) && nextLetter === 'υ' && nextPlain) {
      const after = letterAt(i + 2);
      const voiced = after !== undefined && !GREEK_VOICELESS.has(after);
      out += (GREEK[ch] as string) + (voiced ? 'v' : 'f');
      i++;
    } else if (ch === 'ο' && nextLetter === 'υ' && nextPlain) {
      out += 'ou';
      i++;
    } else if (ch === 'γ' && nextLetter !== undefined && 'γξχ'.includes(nextLetter)) {
      out += 'n';
    } else if (ch === 'μ' && nextLetter === 'π') {
      const atEdge = letterAt(i - 1) === undefined || letterAt(i + 2) === undefined;
      out += atEdge ? 'b' : 'mp';
      i++;
    } else {
      out += GREEK[ch] as string;
    }
  }
  return out;
}
