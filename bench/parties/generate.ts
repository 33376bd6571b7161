// Labelled synthetic haulage companies and drivers for the entity-resolution benchmark. Each
// entity (one company or one driver) gets a register record, written as its register or
// passport writes it, and 0–7 more records derived from it by named corruptions, the way the
// same party reaches the Border Force from a CMR note, a stop list, a driver's statement and a
// caseworker's typing. Every difference from the register record is named in `classes`, so
// misses can be counted per class. Deterministic for a given seed.

import { COUNTRIES, type CountryData } from './countries.js';
import { romanise } from './transliterate.js';

export const CORRUPTION_CLASSES = [
  'punctuation',
  'case',
  'diacritics',
  'alphabet',
  'legal-form',
  'word-order',
  'typo',
  'changed-address',
  'missing-fields',
] as const;
export type CorruptionClass = (typeof CORRUPTION_CLASSES)[number];

export interface GeneratedParty {
  readonly id: string;
  readonly kind: 'person' | 'organisation';
  readonly name: string;
  readonly country: string;
  readonly address: string;
  readonly postcode: string;
  readonly dateOfBirth: string;
  readonly identifier: string;
  /** Ground truth: records with the same entity are the same party. */
  readonly entity: number;
  /** The corruptions that made this record differ from its entity's register record. */
  readonly classes: readonly CorruptionClass[];
}

export interface GenerationOptions {
  readonly rows: number;
  readonly seed?: number;
  /** Share of entities that are companies (the rest are drivers). */
  readonly companyShare?: number;
}

/** mulberry32: a small, fast, seedable generator, so a seed always gives the same file. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Address {
  readonly street: string;
  readonly number: number;
  readonly place: string;
  readonly postcode: string;
}

interface Company {
  readonly kind: 'organisation';
  readonly country: CountryData;
  /** The name without its legal form, word by word. */
  readonly words: readonly string[];
  readonly legalForm: readonly string[];
  readonly legalFormFirst: boolean;
  readonly identifier: readonly string[] | null;
  readonly address: Address | null;
}

interface Driver {
  readonly kind: 'person';
  readonly country: CountryData;
  readonly firstName: string;
  readonly surname: string;
  readonly dateOfBirth: string | null;
  readonly identifier: string | null;
  readonly address: Address | null;
}

type Entity = Company | Driver;

/** Records per entity: most parties appear once or twice, a few many times. */
const RECORDS_PER_ENTITY: readonly [number, number][] = [
  [1, 0.35], [2, 0.25], [3, 0.15], [4, 0.1], [5, 0.07], [6, 0.04], [7, 0.02], [8, 0.02],
];
/** Corruptions per derived record: some are exact repeats, most differ in one way. */
const CLASSES_PER_RECORD: readonly [number, number][] = [[0, 0.12], [1, 0.55], [2, 0.25], [3, 0.08]];

export function generateParties(options: GenerationOptions): GeneratedParty[] {
  const random = seededRandom(options.seed ?? 20260814);
  const companyShare = options.companyShare ?? 0.45;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = (table: readonly [number, number][]): number => {
    let x = random();
    for (const [value, p] of table) {
      if ((x -= p) < 0) return value;
    }
    return (table[table.length - 1] as [number, number])[0];
  };
  const usedCompanyNames = new Set<string>();

  const surname = (country: CountryData): string => {
    if (random() < 1 / 3) return pick(country.surnames);
    const [stems, endings] = country.surnameParts;
    return pick(stems) + pick(endings);
  };

  const newAddress = (country: CountryData): Address => ({
    street: pick(country.streets),
    number: 1 + Math.floor(random() * 240),
    place: pick(country.places),
    postcode: country.postcode(random),
  });

  const companyWords = (country: CountryData): string[] => {
    const coined = () => pick(country.stems) + pick([...country.stems, ...country.trade.filter((t) => !t.includes(' '))]).toLowerCase();
    const initials = () =>
      Array.from({ length: 2 + Math.floor(random() * 2) }, () => (country.script === 'cyrillic' ? pick([...'АБВГДЕКМНПРСТ']) : String.fromCharCode(65 + Math.floor(random() * 26))))
        .map((letter) => `${letter}.`)
        .join('');
    const pattern = random();
    if (pattern < 0.2) return [surname(country), pick(country.trade)];
    if (pattern < 0.28) return [pick(country.trade), surname(country)];
    if (pattern < 0.4) return [pick(country.firstNames), surname(country), pick(country.trade)];
    if (pattern < 0.5) return [pick(country.places), pick(country.trade)];
    if (pattern < 0.62) return [coined()];
    if (pattern < 0.74) return [coined(), pick(country.trade)];
    if (pattern < 0.8) return [`${surname(country)}-${surname(country)}`];
    if (pattern < 0.88) return [initials(), pick(country.trade)];
    return [surname(country), pick(country.trade), pick(country.places)];
  };

  const newCompany = (country: CountryData): Company => {
    let words = companyWords(country);
    // A register holds one company per name: a taken name gets a place or a number, as
    // companies registering a name already taken do.
    // Registers also refuse a name that only reorders one already taken.
    const registerKey = (w: readonly string[]) => country.code + w.flatMap((x) => x.toLowerCase().split(/[\s-]+/u)).sort().join(' ');
    for (let attempt = 0; usedCompanyNames.has(registerKey(words)); attempt++) {
      words = attempt < 5 ? companyWords(country) : [...words, attempt < 8 ? pick(country.places) : String(1 + Math.floor(random() * 2030))];
    }
    usedCompanyNames.add(registerKey(words));
    const legalForm = random() < 0.75 ? (country.legalForms[0] as readonly string[]) : pick(country.legalForms);
    return {
      kind: 'organisation',
      country,
      words: words.flatMap((w) => w.split(' ')),
      legalForm,
      legalFormFirst: random() < (country.legalFormFirst ?? 0),
      identifier: random() < 0.6 ? country.companyId(random).written : null,
      address: random() < 0.85 ? newAddress(country) : null,
    };
  };

  const newDriver = (country: CountryData): Driver => {
    const year = 1958 + Math.floor(random() * 46);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    // A driver is identified from a passport: a date of birth, or failing that its number.
    const dateOfBirth = random() < 0.97 ? `${year}-${pad(month)}-${pad(day)}` : null;
    return {
      kind: 'person',
      country,
      firstName: pick(country.firstNames),
      surname: surname(country),
      dateOfBirth,
      identifier: dateOfBirth === null || random() < 0.5 ? country.personId(random) : null,
      address: random() < 0.35 ? newAddress(country) : null,
    };
  };

  const applicable = (entity: Entity): CorruptionClass[] =>
    CORRUPTION_CLASSES.filter((c) => {
      if (c === 'alphabet') return entity.country.script === 'cyrillic';
      if (c === 'diacritics') return entity.country.script === 'latin' && hasDiacritics(entity);
      if (c === 'legal-form') return entity.kind === 'organisation';
      if (c === 'word-order') return entity.kind === 'person' || entity.words.length > 1;
      if (c === 'changed-address') return entity.address !== null;
      return true;
    });

  const render = (entity: Entity, classes: ReadonlySet<CorruptionClass>): Omit<GeneratedParty, 'id' | 'entity' | 'classes'> => {
    const has = (c: CorruptionClass) => classes.has(c);
    let nameWords: string[];
    let legalForm = '';
    let legalFormFirst = false;
    if (entity.kind === 'organisation') {
      nameWords = [...entity.words];
      legalForm = entity.legalForm[0] as string;
      legalFormFirst = entity.legalFormFirst;
      if (has('legal-form')) {
        const choice = random();
        if (choice < 0.25) legalForm = '';
        else if (choice < 0.4 && entity.country.legalFormFirst !== undefined) legalFormFirst = !legalFormFirst;
        else legalForm = pick(entity.legalForm.slice(1));
        // Romanian companies were registered as "S.C. … S.R.L." until 2011 and many still write it.
        if (entity.country.code === 'RO' && choice > 0.8 && legalForm !== '') legalForm = `S.C.|${legalForm}`;
      }
    } else {
      nameWords = entity.country.familyNameFirst ? [entity.surname, entity.firstName] : [entity.firstName, entity.surname];
    }
    if (has('word-order')) {
      if (entity.kind === 'person') nameWords.reverse();
      else nameWords.push(nameWords.shift() as string);
    }
    if (has('typo')) {
      const candidates = nameWords.map((w, i) => [w, i] as const).filter(([w]) => [...w].length >= 4);
      const [word, index] = candidates.length > 0 ? pick(candidates) : [nameWords[0] as string, 0];
      nameWords[index] = typo(word, random);
    }
    let properName = nameWords.join(' ');
    // Punctuation goes into the name itself; the legal form's own dots are the legal-form class.
    if (has('punctuation')) properName = punctuate(properName, entity.kind, random);
    let name: string;
    if (legalForm.startsWith('S.C.|')) name = `S.C. ${properName} ${legalForm.slice(5)}`;
    else if (legalForm === '') name = properName;
    else name = legalFormFirst ? `${legalForm} ${quoteName(properName, entity.country)}` : `${properName}${has('punctuation') && random() < 0.3 ? ',' : ''} ${legalForm}`;

    let address = entity.address;
    if (has('changed-address') && address !== null) {
      let moved = newAddress(entity.country);
      while (moved.street === address.street && moved.place === address.place) moved = newAddress(entity.country);
      address = moved;
    }
    let addressText = address === null ? '' : entity.country.address(address.street, address.number, address.place);
    let postcode = address?.postcode ?? '';

    if (has('alphabet')) {
      const code = entity.country.code as 'BG' | 'UA';
      // Latin legal forms are written as the companies write them (EOOD, TOV), not letter by letter.
      const latinForm = entity.kind === 'organisation' ? entity.legalForm.find((f) => /^[A-Za-z.]+$/u.test(f)) : undefined;
      if (latinForm !== undefined && legalForm !== '') name = name.replace(legalForm.replace(/^S\.C\.\|/u, ''), latinForm);
      name = romanise(name, code);
      addressText = romanise(addressText, code).replace('№', 'No.');
    }
    if (has('diacritics')) {
      const style = random();
      name = style < 0.7 ? stripMarks(name) : style < 0.85 ? germanStyle(name) : stripMarksOfOneWord(name, random);
      if (random() < 0.7) addressText = stripMarks(addressText);
    }
    if (has('case')) {
      const style = random();
      const change = (text: string) => (style < 0.65 ? text.toUpperCase() : style < 0.85 ? text.toLowerCase() : randomCase(text, random));
      name = change(name);
      if (random() < 0.5) addressText = change(addressText);
    }
    let country = entity.country.code;
    let identifier =
      entity.kind === 'organisation'
        ? (entity.identifier?.[0] ?? '')
        : (entity.identifier ?? '');
    if (has('punctuation') && entity.kind === 'organisation' && entity.identifier !== null) identifier = pick(entity.identifier.slice(1));
    let dateOfBirth = entity.kind === 'person' ? (entity.dateOfBirth ?? '') : '';
    if (has('missing-fields')) {
      // One field lost, sometimes two or three; but a record never loses its anchor: a driver
      // keeps a date of birth or a document number (a referral takes them from the passport),
      // a company its country or its VAT number. Without one, no record can be told from a
      // namesake's, and no matcher should join it.
      const present = [
        country !== '' && 'country',
        addressText !== '' && 'address',
        identifier !== '' && 'identifier',
        dateOfBirth !== '' && 'dateOfBirth',
      ].filter((f): f is string => f !== false);
      const wanted = Math.min(present.length, random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3);
      const drop = new Set<string>();
      while (drop.size < wanted) drop.add(pick(present));
      const anchors = entity.kind === 'person' ? ['dateOfBirth', 'identifier'] : ['country', 'identifier'];
      const keptAnchor = anchors.filter((f) => present.includes(f) && !drop.has(f));
      const anchorsPresent = anchors.filter((f) => present.includes(f));
      if (keptAnchor.length === 0 && anchorsPresent.length > 0) drop.delete(pick(anchorsPresent));
      if (drop.has('country')) country = '';
      if (drop.has('address')) {
        addressText = '';
        postcode = random() < 0.5 ? '' : postcode;
      }
      if (drop.has('identifier')) identifier = '';
      if (drop.has('dateOfBirth')) dateOfBirth = '';
    }
    return { kind: entity.kind, name, country, address: addressText, postcode, dateOfBirth, identifier };
  };

  const records: Omit<GeneratedParty, 'id'>[] = [];
  for (let entityNumber = 0; records.length < options.rows; entityNumber++) {
    const country = pick(COUNTRIES);
    const entity = random() < companyShare ? newCompany(country) : newDriver(country);
    const count = Math.min(weighted(RECORDS_PER_ENTITY), options.rows - records.length);
    const possible = applicable(entity);
    for (let i = 0; i < count; i++) {
      const classes = new Set<CorruptionClass>();
      const wanted = i === 0 ? 0 : weighted(CLASSES_PER_RECORD);
      while (classes.size < Math.min(wanted, possible.length)) classes.add(pick(possible));
      // A record from a missing field or a case change alone may render identically; the
      // classes still say what was done to it.
      records.push({ ...render(entity, classes), entity: entityNumber, classes: CORRUPTION_CLASSES.filter((c) => classes.has(c)) });
    }
  }
  // Shuffled, so nothing in the file's order tells which records belong together.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j] as Omit<GeneratedParty, 'id'>, records[i] as Omit<GeneratedParty, 'id'>];
  }
  return records.map((record, index) => ({ id: `R${index + 1}`, ...record }));
}

const pad = (n: number): string => String(n).padStart(2, '0');

function hasDiacritics(entity: Entity): boolean {
  const text = entity.kind === 'organisation' ? entity.words.join(' ') : `${entity.firstName} ${entity.surname}`;
  return stripMarks(text) !== text;
}

const SPECIAL: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', ı: 'i', İ: 'I', đ: 'd', Đ: 'D', ß: 'ss' };

/** What a keyboard without the national layout writes: Łódź → Lodz, Şahin → Sahin. */
export function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁıİđĐß]/gu, (ch) => SPECIAL[ch] ?? ch)
    .normalize('NFC');
}

// German practice for Hungarian and Turkish names met in Germany: ö → oe, ü → ue.
function germanStyle(text: string): string {
  return stripMarks(text.replace(/[öő]/gu, 'oe').replace(/[üű]/gu, 'ue').replace(/[ÖŐ]/gu, 'Oe').replace(/[ÜŰ]/gu, 'Ue').replace(/ä/gu, 'ae'));
}

function stripMarksOfOneWord(text: string, random: () => number): string {
  const words = text.split(' ');
  const marked = words.map((w, i) => [w, i] as const).filter(([w]) => stripMarks(w) !== w);
  if (marked.length === 0) return text;
  const [word, index] = marked[Math.floor(random() * marked.length)] as readonly [string, number];
  words[index] = stripMarks(word);
  return words.join(' ');
}

// The name in quotes where the country writes them ("UAB „Vežėjas“", "ТОВ «Захід»").
function quoteName(name: string, country: CountryData): string {
  if (country.code === 'LT' || country.code === 'BG') return `„${name}“`;
  if (country.code === 'UA') return `«${name}»`;
  return name;
}

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** One slip of the keyboard: a neighbouring key, a missed, doubled or swapped letter. */
export function typo(word: string, random: () => number): string {
  const chars = [...word];
  if (chars.length < 2) return word;
  const at = 1 + Math.floor(random() * (chars.length - 1)); // the first letter is usually right
  const kind = random();
  if (kind < 0.3) {
    const ch = chars[at] as string;
    chars[at] = neighbourKey(ch, random);
  } else if (kind < 0.55) chars.splice(at, 1);
  else if (kind < 0.75) chars.splice(at, 0, chars[at] as string);
  else {
    const j = at === chars.length - 1 ? at - 1 : at;
    [chars[j], chars[j + 1]] = [chars[j + 1] as string, chars[j] as string];
  }
  return chars.join('');
}

function neighbourKey(ch: string, random: () => number): string {
  const lower = ch.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(lower);
    if (i === -1) continue;
    const options = [row[i - 1], row[i + 1]].filter((c): c is string => c !== undefined);
    const key = options[Math.floor(random() * options.length)] as string;
    return ch === lower ? key : key.toUpperCase();
  }
  // Not a Latin letter (Cyrillic, or marked): a neighbouring letter of its alphabet.
  const code = ch.codePointAt(0) as number;
  return String.fromCodePoint(code + (random() < 0.5 ? 1 : -1));
}

// Punctuation as forms, keyboards and OCR leave it: full stops, commas, hyphens, quotes,
// apostrophes and stray spacing (the inspection found searches failing on a full stop).
function punctuate(name: string, kind: 'person' | 'organisation', random: () => number): string {
  const choice = random();
  if (kind === 'person') {
    if (choice < 0.25) return name.replace(/'/gu, random() < 0.5 ? '' : '’').replace(' ', '  ');
    if (choice < 0.5) return `"${name}"`;
    if (choice < 0.75) return name.replace(' ', random() < 0.5 ? '-' : ', ');
    return `${name}${random() < 0.5 ? '.' : ','}`;
  }
  if (choice < 0.2) return name.replace(/-/gu, ' ').replace(/ (?=\S+$)/u, ', ');
  if (choice < 0.4) return name.replace(/ /u, '-');
  if (choice < 0.55) return `"${name}"`;
  if (choice < 0.75) return name.replace(/\./gu, '').replace(/-/gu, '');
  if (choice < 0.9) return name.replace(/ /u, '. ');
  return name.replace(/\s+/gu, '  ').replace(/,/gu, ' ,');
}

function randomCase(text: string, random: () => number): string {
  return [...text].map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');
}
