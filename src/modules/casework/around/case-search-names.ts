import { normaliseName } from '../../../domain/parties/names.js';

/*
 * Pure: the rows of `case_search_names` for the names on a case, and the normalised forms of a
 * search, both by the parties register's normaliser (src/domain/parties), so the case search is as
 * tolerant as the register's: punctuation, spacing, diacritics, alphabets and word order.
 */

export interface NameOnCase {
  name: string;
  /** A company's legal form ("Sp. z o.o.", "GmbH") is left out of its key; a person's name has none. */
  organisation: boolean;
}

export interface CaseSearchNameRow {
  caseId: string;
  key: string;
  words: string[];
}

/** One row per distinct key of the case's names, the first name's words (the umlaut-transcribed spelling is a key of its own). */
export function caseSearchNameRows(caseId: string, names: readonly NameOnCase[]): CaseSearchNameRow[] {
  const rows = new Map<string, CaseSearchNameRow>();
  for (const { name, organisation } of names) {
    if (!name.trim()) continue;
    const n = normaliseName(name, { legalForms: organisation });
    // The full folded words too (legal form included), so a search naming the legal form still finds it.
    const words = [...new Set([...n.tokens, ...n.folded.split(' ')].filter(Boolean))];
    for (const key of new Set([n.key, n.alternativeKey])) {
      if (!key) continue;
      // The first name with a key keeps it, as the projector's insert-or-skip does name by name.
      if (!rows.has(key)) rows.set(key, { caseId, key, words });
    }
  }
  return [...rows.values()];
}

/** The shortest run of letters a search looks for inside names: shorter runs match almost everything. */
const SHORTEST_KEY = 3;

/**
 * What a search box's text looks for in the names on cases: its words run together (found inside a
 * name's key) and its words (all of them among a name's words, in any order). Read as a company's
 * name and as a person's, since a search does not say which it is. Null when it has no letters to
 * look for.
 */
export function caseSearchNameQuery(q: string): { keys: string[]; wordSets: string[][] } | null {
  const forms = [normaliseName(q, { legalForms: true }), normaliseName(q, { legalForms: false })];
  const keys = [...new Set(forms.flatMap((n) => [n.key, n.alternativeKey]).filter((k) => k.length >= SHORTEST_KEY))];
  const wordSets = forms
    .map((n) => [...new Set(n.tokens)])
    .filter((words) => words.length >= 2)
    .filter((words, i, all) => all.findIndex((other) => other.join(' ') === words.join(' ')) === i);
  if (!keys.length && !wordSets.length) return null;
  return { keys, wordSets };
}
