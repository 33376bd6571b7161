// How a Bulgarian or Ukrainian clerk writes a Cyrillic name in Latin letters: the national
// systems (Bulgarian Transliteration Act 2009; Ukrainian Cabinet resolution 55 of 2010), the
// ones printed in passports and used by both countries' registers. Written out here rather than
// taken from src/domain, so the benchmark does not test the matcher against itself.

const BULGARIAN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
};

const UKRAINIAN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y',
  і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu', я: 'ia',
};
const UKRAINIAN_INITIAL: Readonly<Record<string, string>> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/** Latin spelling of a Cyrillic text, in the national system of `country` (BG or UA). */
export function romanise(text: string, country: 'BG' | 'UA'): string {
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    let latin: string | undefined;
    if (country === 'BG') {
      // Word-final -ия is -ia (София → Sofia).
      if (lower === 'и' && chars[i + 1]?.toLowerCase() === 'я' && !isLetter(chars[i + 2])) {
        out += upper ? 'Ia' : 'ia';
        i++;
        continue;
      }
      latin = BULGARIAN[lower];
    } else {
      const initial = !isLetter(chars[i - 1]) && chars[i - 1] !== "'" && chars[i - 1] !== '’';
      if (lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') latin = 'gh';
      else latin = (initial ? UKRAINIAN_INITIAL[lower] : undefined) ?? UKRAINIAN[lower];
      if (ch === "'" || ch === '’') latin = '';
    }
    if (latin === undefined) {
      out += ch;
      continue;
    }
    // Capitals: the first letter up ("Ж" → "Zh"), or every letter when the word is in capitals.
    const nextUpper = chars[i + 1] !== undefined && chars[i + 1] !== chars[i + 1]?.toLowerCase();
    out += !upper ? latin : nextUpper ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}
