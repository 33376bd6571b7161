import { registrationKey } from '../../domain/incident/registration.js';

/*
 * The matcher's index: pure data structures, no I/O. A layer holds the vehicles of one list (the
 * Vehicle Action List, or the watchlist) keyed by normalised registration, and — for the readings a
 * number-plate reader confuses (0/O, 1/I, 8/B, 5/S, 2/Z) — by "confusion key", the registration with
 * each confusable letter written as its digit. An entry whose key has no confusable letter *is* its
 * own confusion key, so it is only stored once: a tolerant look-up reads both maps under the read's
 * confusion key, and the two never hold the same entry.
 */

export type ListName = 'VAL' | 'watchlist';
export type Certainty = 'exact' | 'possible';

/** One vehicle on a list, as the matcher keeps it (kept small: a million of them live in memory). */
export class ListedVehicle {
  constructor(
    readonly list: ListName,
    /** `registrationKey` of the listed registration. */
    readonly key: string,
    readonly country: string | null,
    readonly reason: string,
    readonly caseRefs: readonly string[],
    readonly company: string | null,
    /** The watchlist entry's id (null on the VAL). */
    readonly entryId: string | null,
    /** When a watchlist entry stops matching (ms since the epoch); Infinity on the VAL. */
    readonly expiresAtMs: number,
  ) {}
}

export interface PlateMatch {
  list: ListName;
  certainty: Certainty;
  reason: string;
  caseRefs: string[];
  company: string | null;
  /** The listed registration (normalised) and its country, so a "possible" match can be checked by eye. */
  registration: string;
  country: string | null;
  watchlistEntryId?: string;
}

export interface PlateRead {
  /** `registrationKey` of what the reader saw. */
  key: string;
  /** Normalised country code, or null when the reader did not say. */
  country: string | null;
}

const CONFUSABLE: Readonly<Record<string, string>> = { O: '0', I: '1', B: '8', S: '5', Z: '2' };

/**
 * The confusion key of a registration that is already a `registrationKey` (capitals and digits):
 * the same as the domain's `plateConfusionKey`, without normalising again — it runs for every one of
 * a million entries when the index is built.
 */
export function confusionKeyOf(key: string): string {
  return key.replace(/[OIBSZ]/g, (ch) => CONFUSABLE[ch]!);
}

const NO_CASES: readonly string[] = Object.freeze([]);
const NONE = -1;
const LIVE = 1;
const UUID_ID = 2;
const OTHER_ID = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hex8 = (word: number) => word.toString(16).padStart(8, '0');

/**
 * The vehicles of one list, by registration key and by confusion key.
 *
 * Stored column by column in typed arrays (id as four 32-bit words, country and reason as indexes
 * into small tables, expiry as a float), with the two maps pointing at the first slot of a chain.
 * A million entries are then about a million small strings (the keys) and a few large arrays instead
 * of millions of objects: the garbage collector, which walks every live object, no longer stalls the
 * checks for hundreds of milliseconds. An entry object is made only when a read matches it.
 */
export class ListLayer {
  private used = 0;
  private count = 0;
  private capacity: number;
  private keys: string[] = [];
  private flags: Uint8Array;
  private idWords: Uint32Array;
  private countries: Uint16Array;
  private reasons: Uint32Array;
  private expires: Float64Array;
  private nextByKey: Int32Array;
  private nextByConfusion: Int32Array;
  private readonly byKey = new Map<string, number>();
  private readonly byConfusion = new Map<string, number>();
  private readonly countryTable: string[] = [];
  private readonly countryIndex = new Map<string, number>();
  private readonly reasonTable: string[] = [];
  private readonly reasonIndex = new Map<string, number>();
  private readonly otherIds = new Map<number, string>();
  private readonly details = new Map<number, { caseRefs: readonly string[]; company: string | null }>();

  constructor(
    readonly list: ListName = 'watchlist',
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.flags = new Uint8Array(this.capacity);
    this.idWords = new Uint32Array(this.capacity * 4);
    this.countries = new Uint16Array(this.capacity);
    this.reasons = new Uint32Array(this.capacity);
    this.expires = new Float64Array(this.capacity);
    this.nextByKey = new Int32Array(this.capacity);
    this.nextByConfusion = new Int32Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  add(entry: ListedVehicle): void {
    if (entry.list !== this.list) throw new Error(`A ${entry.list} entry cannot go in the ${this.list} layer`);
    const company = entry.company;
    this.insert(entry.key, entry.country, entry.reason, entry.entryId, entry.expiresAtMs, entry.caseRefs.length || company !== null ? { caseRefs: entry.caseRefs, company } : undefined);
  }

  /** Adds one entry without making an object for it (the watchlist's million at a reload). */
  insert(key: string, country: string | null, reason: string, entryId: string | null, expiresAtMs: number, details?: { caseRefs: readonly string[]; company: string | null }): void {
    if (entryId !== null && this.find(key, entryId) !== NONE) return;
    if (this.used === this.capacity) this.grow();
    const slot = this.used++;
    this.keys.push(key);
    let flags = LIVE;
    if (entryId !== null) {
      if (UUID.test(entryId)) {
        const hex = entryId.replace(/-/g, '');
        for (let word = 0; word < 4; word++) this.idWords[slot * 4 + word] = parseInt(hex.slice(word * 8, word * 8 + 8), 16);
        flags |= UUID_ID;
      } else {
        this.otherIds.set(slot, entryId);
        flags |= OTHER_ID;
      }
    }
    this.flags[slot] = flags;
    this.countries[slot] = country === null ? 0 : this.code(this.countryTable, this.countryIndex, country) + 1;
    this.reasons[slot] = this.code(this.reasonTable, this.reasonIndex, reason);
    this.expires[slot] = expiresAtMs;
    if (details) this.details.set(slot, details);
    this.link(this.byKey, this.nextByKey, key, slot);
    const confusion = confusionKeyOf(key);
    if (confusion !== key) this.link(this.byConfusion, this.nextByConfusion, confusion, slot);
    this.count += 1;
  }

  /** Removes the watchlist entry with this id, listed under this registration key. */
  removeEntry(key: string, entryId: string): boolean {
    const slot = this.find(key, entryId);
    if (slot === NONE) return false;
    this.unlink(this.byKey, this.nextByKey, key, slot);
    const confusion = confusionKeyOf(key);
    if (confusion !== key) this.unlink(this.byConfusion, this.nextByConfusion, confusion, slot);
    this.flags[slot] = 0;
    this.otherIds.delete(slot);
    this.details.delete(slot);
    this.count -= 1;
    return true;
  }

  /** Entries listed under exactly this key. */
  *exact(key: string): Iterable<ListedVehicle> {
    for (let slot = this.byKey.get(key) ?? NONE; slot !== NONE; slot = this.nextByKey[slot]!) yield this.entryAt(slot);
  }

  /** Entries whose registration differs from the read only by confusable characters (the read's own key included). */
  *confusable(key: string): Iterable<ListedVehicle> {
    const confusion = confusionKeyOf(key);
    yield* this.exact(confusion);
    for (let slot = this.byConfusion.get(confusion) ?? NONE; slot !== NONE; slot = this.nextByConfusion[slot]!) yield this.entryAt(slot);
  }

  private entryAt(slot: number): ListedVehicle {
    const country = this.countries[slot]!;
    const details = this.details.get(slot);
    return new ListedVehicle(
      this.list,
      this.keys[slot]!,
      country === 0 ? null : this.countryTable[country - 1]!,
      this.reasonTable[this.reasons[slot]!]!,
      details?.caseRefs ?? NO_CASES,
      details?.company ?? null,
      this.idAt(slot),
      this.expires[slot]!,
    );
  }

  private idAt(slot: number): string | null {
    const flags = this.flags[slot]!;
    if (flags & OTHER_ID) return this.otherIds.get(slot) ?? null;
    if (!(flags & UUID_ID)) return null;
    const hex = hex8(this.idWords[slot * 4]!) + hex8(this.idWords[slot * 4 + 1]!) + hex8(this.idWords[slot * 4 + 2]!) + hex8(this.idWords[slot * 4 + 3]!);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private find(key: string, entryId: string): number {
    for (let slot = this.byKey.get(key) ?? NONE; slot !== NONE; slot = this.nextByKey[slot]!) if (this.idAt(slot) === entryId) return slot;
    return NONE;
  }

  /** Appends the slot to the end of the key's chain, so entries come back in the order they were added. */
  private link(map: Map<string, number>, next: Int32Array, key: string, slot: number): void {
    next[slot] = NONE;
    let last = map.get(key);
    if (last === undefined) {
      map.set(key, slot);
      return;
    }
    while (next[last]! !== NONE) last = next[last]!;
    next[last] = slot;
  }

  private unlink(map: Map<string, number>, next: Int32Array, key: string, slot: number): void {
    let previous = NONE;
    for (let at = map.get(key) ?? NONE; at !== NONE; previous = at, at = next[at]!) {
      if (at !== slot) continue;
      if (previous !== NONE) next[previous] = next[at]!;
      else if (next[at]! === NONE) map.delete(key);
      else map.set(key, next[at]!);
      return;
    }
  }

  /** Small tables (countries, reasons shared by an import) are shared; past 50,000 distinct texts each is kept as it comes. */
  private code(table: string[], index: Map<string, number>, text: string): number {
    const known = index.get(text);
    if (known !== undefined) return known;
    table.push(text);
    if (index.size < 50_000) index.set(text, table.length - 1);
    return table.length - 1;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(array: T, make: (n: number) => T, per = 1): T => {
      const bigger = make(capacity * per);
      bigger.set(array);
      return bigger;
    };
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.idWords = grown(this.idWords, (n) => new Uint32Array(n), 4);
    this.countries = grown(this.countries, (n) => new Uint16Array(n));
    this.reasons = grown(this.reasons, (n) => new Uint32Array(n));
    this.expires = grown(this.expires, (n) => new Float64Array(n));
    this.nextByKey = grown(this.nextByKey, (n) => new Int32Array(n));
    this.nextByConfusion = grown(this.nextByConfusion, (n) => new Int32Array(n));
    this.capacity = capacity;
  }
}

export function watchlistVehicle(row: { id: string; key: string; country: string | null; reason: string; expiresAtMs: number }): ListedVehicle {
  return new ListedVehicle('watchlist', row.key, row.country, row.reason, NO_CASES, null, row.id, row.expiresAtMs);
}

export function valVehicle(row: { registrationKey: string; country: string | null; reason: string; caseRefs: readonly string[]; company: string }): ListedVehicle {
  return new ListedVehicle('VAL', row.registrationKey, row.country, row.reason, row.caseRefs, row.company, null, Number.POSITIVE_INFINITY);
}

/**
 * What one read matches in the given layers at `nowMs`. Without tolerance only the same registration
 * matches. With tolerance, a registration that differs only by confusable characters matches as
 * "possible". A listed country that differs from the country the reader gave also makes a match
 * "possible" (readers often misread the country; the officer decides). Expired entries never match.
 */
export function matchRead(layers: readonly ListLayer[], read: PlateRead, options: { tolerance: boolean; nowMs: number }): PlateMatch[] {
  const matches: PlateMatch[] = [];
  for (const layer of layers) {
    const candidates = options.tolerance ? layer.confusable(read.key) : layer.exact(read.key);
    for (const entry of candidates) {
      if (entry.expiresAtMs <= options.nowMs) continue;
      const countryDiffers = read.country !== null && entry.country !== null && read.country !== entry.country;
      const certainty: Certainty = entry.key === read.key && !countryDiffers ? 'exact' : 'possible';
      const notes: string[] = [];
      if (entry.key !== read.key) notes.push(`listed as ${entry.key}, read as ${read.key}`);
      if (countryDiffers) notes.push(`listed for ${entry.country}, read as ${read.country}`);
      matches.push({
        list: entry.list,
        certainty,
        reason: notes.length ? `${entry.reason} (${notes.join('; ')})` : entry.reason,
        caseRefs: [...entry.caseRefs],
        company: entry.company,
        registration: entry.key,
        country: entry.country,
        ...(entry.entryId !== null ? { watchlistEntryId: entry.entryId } : {}),
      });
    }
  }
  // Exact before possible, the VAL before the watchlist: what an officer should act on first.
  return matches.sort((a, b) => (a.certainty === b.certainty ? (a.list === b.list ? 0 : a.list === 'VAL' ? -1 : 1) : a.certainty === 'exact' ? -1 : 1));
}

const PLAIN_ASCII = /^[A-Za-z0-9 .\-]*$/;

/**
 * `registrationKey`, with a short cut for what readers nearly always send (ASCII letters, digits,
 * spaces, dots and dashes): the same answer without four Unicode normalisations per read.
 */
export function readKey(raw: string): string {
  return PLAIN_ASCII.test(raw) ? raw.replace(/[ .\-]/g, '').toUpperCase() : registrationKey(raw);
}

/** The read as the index compares it. */
export function plateRead(registration: string, country: string | null | undefined): PlateRead {
  return { key: readKey(registration), country: country ?? null };
}
