// String similarity measures. trigramSimilarity follows PostgreSQL's pg_trgm so that a score
// computed here and one computed by the database for the same two strings agree.

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * The set of trigrams pg_trgm extracts: lower case, non-alphanumerics separate words, each word
 * padded with two spaces in front and one behind, every run of three characters taken once.
 */
export function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(WORD_SEPARATORS)) {
    if (word === '') continue;
    const padded = [...`  ${word} `];
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3).join(''));
  }
  return result;
}

/**
 * pg_trgm's similarity(): shared trigrams over all distinct trigrams of both strings,
 * 0 when either has none.
 */
export function trigramSimilarity(a: string, b: string): number {
  return setSimilarity(trigrams(a), trigrams(b));
}

/** Jaccard index of two sets, 0 when either is empty (pg_trgm's convention). */
export function setSimilarity<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Jaro similarity, over code points. Two empty strings are identical (1). */
export function jaro(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0 && t.length === 0) return 1;
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Array<boolean>(s.length).fill(false);
  const tMatched = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(t.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (tMatched[j] === true || s[i] !== t[j]) continue;
      sMatched[i] = true;
      tMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    if (sMatched[i] !== true) continue;
    while (tMatched[j] !== true) j++;
    if (s[i] !== t[j]) transpositions++;
    j++;
  }
  const m = matches;
  return (m / s.length + m / t.length + (m - transpositions / 2) / m) / 3;
}

/**
 * Jaro–Winkler similarity: Jaro raised for a shared prefix of up to four characters
 * (scaling factor 0.1), applied only when Jaro exceeds 0.7 as in Winkler's original.
 */
export function jaroWinkler(a: string, b: string): number {
  const similarity = jaro(a, b);
  if (similarity <= 0.7) return similarity;
  const s = [...a];
  const t = [...b];
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && s[prefix] === t[prefix]) prefix++;
  return similarity + prefix * 0.1 * (1 - similarity);
}

/** Shared tokens over all distinct tokens (Jaccard); word order and repeats do not count. */
export function tokenSetSimilarity(a: readonly string[], b: readonly string[]): number {
  return setSimilarity(new Set(a), new Set(b));
}

/**
 * Shared tokens over the distinct tokens of the shorter list: 1 when one name's words are all
 * in the other ("Trans" and "Trans Logistic").
 */
export function tokenContainment(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const token of setA) if (setB.has(token)) shared++;
  return shared / Math.min(setA.size, setB.size);
}

/**
 * Symmetric Monge–Elkan similarity: each token paired with its most similar token on the other
 * side by Jaro–Winkler, averaged both ways. Tolerates a typo in each word and any word order.
 */
export function softTokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const oneWay = (from: readonly string[], to: readonly string[]): number =>
    from.reduce((sum, x) => sum + Math.max(...to.map((y) => jaroWinkler(x, y))), 0) / from.length;
  return (oneWay(a, b) + oneWay(b, a)) / 2;
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form, over code points: the
 * fewest letters substituted, inserted or deleted, or pairs of neighbouring letters swapped,
 * that turn one string into the other ("mrak" → "mark" is 1, "petrov" → "popov" 3), with no
 * substring edited twice. One keyboard slip is a distance of 1.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  // Three rows of the dynamic-programming table: two back (for swaps), one back, and this one.
  let beforePrevious = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      }
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[t.length] as number;
}
