import type { PreparedParty } from '../../../domain/parties/comparison.js';

/**
 * The kinds of blocking key, strongest first. Pairs are looked for block type by block type in
 * this order, so the links that are surest are made first and pairs already joined are not
 * compared again. `fuzzy` blocks hold records whose names may differ, so their pairs are
 * compared only when the names are similar enough to be a match, or (people born on the same
 * day) when their addresses are (README.md).
 */
export const BLOCK_TYPES = [
  { code: 'identifier', fuzzy: false, order: 'key' },
  { code: 'name', fuzzy: false, order: 'details' },
  { code: 'words', fuzzy: false, order: 'details' },
  { code: 'birth', fuzzy: true, order: 'key' },
  { code: 'token', fuzzy: true, order: 'other-words' },
  { code: 'prefix', fuzzy: true, order: 'key' },
  { code: 'suffix', fuzzy: true, order: 'reversed-key' },
] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export type BlockTypeCode = BlockType['code'];

/** Shortest word that gets a block of its own: shorter ones are initials and noise. */
const TOKEN_MIN_LENGTH = 3;
/**
 * Lengths of the prefixes and suffixes of a name key used as blocks. Fixed lengths, so keys
 * one letter longer or shorter (a letter missed or doubled) still share them; two lengths, so
 * one typo leaves a long key's 6-letter front or back intact and a short key's 3-letter one.
 */
const AFFIX_LENGTHS = [3, 6] as const;

/**
 * The keys one record is filed under for one block type. Every key but the identifier's
 * carries the party's kind: a person and an organisation are compared only when they share
 * an identifier.
 */
export function blockingKeys(party: PreparedParty, type: BlockTypeCode): string[] {
  const kind = party.kind === 'person' ? 'p' : 'o';
  const { key, alternativeKey, tokens } = party.name;
  switch (type) {
    case 'identifier':
      return party.identifiers.map((identifier) => identifier.value);
    case 'name': {
      // The Cyrillic name read by the default system too, when the country chose another.
      const other = party.nameByDefaultSystem;
      const keys = new Set([key, alternativeKey, other?.key ?? '', other?.alternativeKey ?? '']);
      keys.delete('');
      return [...keys].map((k) => kind + k);
    }
    case 'words': {
      // Word order ("Kowalski Jan", "Trans Kowalski"): the words in alphabetical order. Also
      // all the folded words, legal form included, as the comparison reads them: initials
      // that spell a designator are taken for one only at the end, so "Impex D.D. S.R.L."
      // (core "impex") and "D.D. Impex S.R.L." (core "dd impex") share only "dd impex srl".
      const keys = new Set<string>();
      for (const name of [party.name, party.nameByDefaultSystem]) {
        if (name === null) continue;
        if (name.tokens.length > 1) keys.add(kind + [...name.tokens].sort().join(' '));
        const words = name.folded.split(' ');
        if (words.length > 1) keys.add(kind + words.sort().join(' '));
      }
      return [...keys];
    }
    case 'birth': {
      const date = party.dateOfBirth;
      if (party.kind !== 'person' || date === null) return [];
      return [`${date.year}-${date.month}-${date.day}`];
    }
    case 'token':
      // A typo changes one word: the others still meet. A one-word name is its name key.
      return tokens.length > 1
        ? [...new Set(tokens.filter((token) => token.length >= TOKEN_MIN_LENGTH))].map((t) => kind + t)
        : [];
    case 'prefix':
    case 'suffix':
      // One typo leaves either the front or the back of the key intact. A key no longer than
      // the affix is its own name block.
      return AFFIX_LENGTHS.filter((length) => key.length > length).map(
        (length) => `${kind}${length}${type === 'prefix' ? key.slice(0, length) : key.slice(-length)}`,
      );
  }
}

/**
 * What a block's members are sorted by when the block is too big to compare every pair: the
 * records most likely to match end up next to each other, and each is compared with the
 * records within a window after it (the sorted-neighbourhood method). `blockKey` is the key
 * the block was built on.
 */
export function blockSortKey(party: PreparedParty, type: BlockType, blockKey: string): string {
  switch (type.order) {
    case 'key':
      return party.name.key;
    case 'reversed-key':
      return [...party.name.key].reverse().join('');
    case 'other-words': {
      // Everyone in the block shares one word: line them up by the rest of the name, so
      // "Matei Logistic" meets "Logistci Matei" among a thousand other Mateis.
      const shared = blockKey.slice(1);
      return party.name.tokens.filter((token) => token !== shared).sort().join(' ');
    }
    case 'details': {
      // Everyone in the block has the same name: line up the ones born on the same day,
      // then the ones from the same country and postcode.
      const date = party.dateOfBirth;
      const born = date === null ? '~' : `${date.year}-${date.month}-${date.day}`;
      return `${born}|${party.country ?? '~'}|${party.postcode ?? '~'}`;
    }
  }
}
