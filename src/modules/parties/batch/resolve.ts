import {
  comparePrepared,
  COMPARISON_THRESHOLDS,
  oneTypoApart,
  prepareParty,
  type PartyRecord,
  type PreparedParty,
} from '../../../domain/parties/comparison.js';
import { DEFAULT_MATCH_WEIGHTS, type MatchWeights } from '../../../domain/parties/match-weights.js';
import { namesShareKey } from '../../../domain/parties/names.js';
import { scoreComparison } from '../../../domain/parties/scoring.js';
import { trigrams } from '../../../domain/parties/similarity.js';
import { BLOCK_TYPES, blockingKeys, blockSortKey, type BlockType, type BlockTypeCode } from './blocking.js';
import { UnionFind } from './union-find.js';
import { ScoringThread } from './scoring-thread.js';

export interface ResolutionOptions {
  readonly weights?: MatchWeights;
  /** A pair whose total weight reaches this is joined (default: the weights' match threshold). */
  readonly threshold?: number;
  /** A block with more members than this is compared by sorted neighbourhood, not pair by pair. */
  readonly maxBlockSize?: number;
  /** In a block too big to compare pair by pair, each record meets this many after it. */
  readonly window?: number;
  /** No merge may make a cluster bigger than this (guards against chains of near-matches). */
  readonly maxClusterSize?: number;
  /** Called now and then with the share of the work done, from 0 to 1. */
  readonly onProgress?: (fractionDone: number) => void;
}

export interface ResolverOptions {
  /**
   * Threads that score pairs: 1 (default) scores on this thread only; 2 adds a worker thread
   * that normalises its own copy of the records and scores half the pairs or so.
   */
  readonly threads?: number;
}

/** Pairs in a batch for the scoring thread: big enough to be worth a message, small enough to share. */
const BATCH_PAIRS = 4096;

export const RESOLUTION_DEFAULTS = {
  maxBlockSize: 64,
  window: 12,
  maxClusterSize: 1000,
} as const;

export interface ResolutionStatistics {
  readonly records: number;
  readonly clusters: number;
  /** Candidate pairs met in blocks, before any was skipped. */
  readonly candidatePairs: number;
  /** Pairs met in a fuzzy block that share a name key, so their name block had them. */
  readonly sameNamePairs: number;
  /** Pairs skipped because their names were too far apart for their block. */
  readonly prefilteredPairs: number;
  /** Pairs whose names were too far apart by trigrams but are one typo apart, so went forward. */
  readonly typoPairs: number;
  /** Pairs scored by the Fellegi–Sunter comparison. */
  readonly comparedPairs: number;
  /** The same, by the block type the pair was first met in. */
  readonly comparedByBlock: Readonly<Record<BlockTypeCode, number>>;
  /** Pairs that reached the threshold. */
  readonly matchedPairs: number;
  /** Matches not merged because the cluster would have grown past maxClusterSize. */
  readonly refusedMerges: number;
  /** Blocks bigger than maxBlockSize, compared by sorted neighbourhood. */
  readonly windowedBlocks: number;
  readonly largestCluster: number;
}

export interface Resolution {
  /** Cluster number of each record, numbered 0, 1, 2… in order of first appearance. */
  readonly clusterOf: Int32Array;
  readonly statistics: ResolutionStatistics;
}

/**
 * Batch entity resolution held in memory: records are normalised once as they are added; then
 * candidate pairs are found by blocking (blocking.ts), scored with the domain's Fellegi–Sunter
 * comparison, and every pair reaching the threshold is joined by union-find.
 */
export class PartyResolver {
  private readonly parties: PreparedParty[] = [];
  /** The trigrams of each name's core, and of its default-system reading when it has one. */
  private readonly nameTrigrams: Int32Array[] = [];
  private readonly defaultSystemTrigrams: (Int32Array | null)[] = [];
  /** The trigrams of each address, once asked for. */
  private readonly addressTrigrams: (Int32Array | null)[] = [];
  /**
   * Each name's words for the typo guard, end to end in one pool: at a record's offset, the
   * number of words and the key's length in characters, then for each word, in ascending order
   * of hash, its hash and the set of its letters as a bit mask (letterMask). The default-system
   * reading has its own offset, or -1.
   */
  private readonly words = new Int32List();
  private readonly nameWordsAt = new Int32List();
  private readonly defaultSystemWordsAt = new Int32List();
  private readonly thread: ScoringThread | null;

  constructor(options: ResolverOptions = {}) {
    this.thread = (options.threads ?? 1) > 1 ? new ScoringThread() : null;
  }

  get size(): number {
    return this.parties.length;
  }

  add(record: PartyRecord): void {
    this.thread?.add(record);
    const prepared = prepareParty(record);
    this.parties.push(prepared);
    this.nameTrigrams.push(trigramCodes(prepared.name.core));
    const other = prepared.nameByDefaultSystem;
    this.defaultSystemTrigrams.push(other === null ? null : trigramCodes(other.core));
    this.addressTrigrams.push(null); // worked out when first needed: few pairs ask
    this.nameWordsAt.push(this.addWords(prepared.name));
    this.defaultSystemWordsAt.push(other === null ? -1 : this.addWords(other));
  }

  /** Resolves the records added so far; the scoring thread, if any, is stopped afterwards. */
  async resolve(options: ResolutionOptions = {}): Promise<Resolution> {
    try {
      return await this.resolveRecords(options);
    } finally {
      await this.close();
    }
  }

  /** Stops the scoring thread, if any, without resolving (when reading the input failed). */
  async close(): Promise<void> {
    await this.thread?.close();
  }

  private async resolveRecords(options: ResolutionOptions): Promise<Resolution> {
    const weights = options.weights ?? DEFAULT_MATCH_WEIGHTS;
    const threshold = options.threshold ?? weights.thresholds.match;
    const maxBlockSize = options.maxBlockSize ?? RESOLUTION_DEFAULTS.maxBlockSize;
    const window = options.window ?? RESOLUTION_DEFAULTS.window;
    const maxClusterSize = options.maxClusterSize ?? RESOLUTION_DEFAULTS.maxClusterSize;
    const count = this.parties.length;
    const clusters = new UnionFind(count);
    const compared = new PairSet(count);
    const stats = {
      candidatePairs: 0,
      sameNamePairs: 0,
      prefilteredPairs: 0,
      typoPairs: 0,
      comparedPairs: 0,
      matchedPairs: 0,
      refusedMerges: 0,
      windowedBlocks: 0,
    };
    const comparedByBlock = Object.fromEntries(BLOCK_TYPES.map((t) => [t.code, 0])) as Record<BlockTypeCode, number>;

    // A pair that reached the threshold: joined, unless that would make too big a cluster.
    const join = (a: number, b: number): void => {
      stats.matchedPairs++;
      const rootA = clusters.find(a);
      const rootB = clusters.find(b);
      if (rootA === rootB) return;
      if (clusters.sizeOf(rootA) + clusters.sizeOf(rootB) > maxClusterSize) {
        stats.refusedMerges++;
        return;
      }
      clusters.unionRoots(rootA, rootB);
    };

    // With a scoring thread, pairs wait in batches. Each batch goes to the thread if it is
    // free and is scored here otherwise, so both threads stay busy whichever is slower; the
    // thread's answers are joined as they come. The clusters are the connected components
    // of the matching pairs whichever thread scored them.
    const thread = this.thread;
    let waiting: number[] = [];
    let inFlight: Promise<void> | null = null;
    let answered: Int32Array | null = null;
    let failure: Error | null = null;
    const joinAnswered = (): void => {
      if (failure !== null) throw failure;
      if (answered === null) return;
      for (let i = 0; i < answered.length; i += 2) join(answered[i] as number, answered[i + 1] as number);
      answered = null;
    };
    const dispatch = async (final = false): Promise<void> => {
      if (thread === null || waiting.length === 0) return;
      await new Promise<void>((resolve) => setImmediate(resolve)); // let an answer in
      joinAnswered();
      if (inFlight === null) {
        const pairs = Int32Array.from(waiting);
        waiting = [];
        inFlight = thread.score(pairs, weights, threshold).then(
          (answer) => {
            answered = answer;
            inFlight = null;
          },
          (error: unknown) => {
            failure = error instanceof Error ? error : new Error(String(error));
            inFlight = null;
          },
        );
        return;
      }
      // The thread is busy. This thread also finds the pairs, so it lets work pile up a little
      // before scoring a batch itself.
      if (!final && waiting.length < BATCH_PAIRS * 8) return;
      const batch = waiting.splice(0, BATCH_PAIRS * 2);
      for (let i = 0; i < batch.length; i += 2) {
        const a = batch[i] as number;
        const b = batch[i + 1] as number;
        if (this.matches(a, b, weights, threshold)) join(a, b);
      }
    };

    const consider = (a: number, b: number, type: BlockType): void => {
      stats.candidatePairs++;
      const rootA = clusters.find(a);
      const rootB = clusters.find(b);
      if (rootA === rootB || !compared.add(a, b)) return;
      // Below the medium level a name counts against the pair, so in a fuzzy block such a pair
      // goes forward only if the names are one typo apart (the domain's `typo` level, which
      // trigrams undervalue in short names), or if it was born on the same day and lives at
      // the same address (together enough for a match).
      if (type.fuzzy && this.nameSimilarity(a, b) < COMPARISON_THRESHOLDS.nameMedium) {
        if (this.oneTypoApart(a, b)) stats.typoPairs++;
        else if (!(type.code === 'birth' && this.sameAddress(a, b))) {
          stats.prefilteredPairs++;
          return;
        }
      }
      // Two records with the same name met in their name block, which compared them if any
      // block could (the biggest name blocks line namesakes up by date of birth).
      if (type.fuzzy && this.shareNameKey(a, b)) {
        stats.sameNamePairs++;
        return;
      }
      stats.comparedPairs++;
      comparedByBlock[type.code]++;
      if (thread !== null) {
        waiting.push(a, b);
        return;
      }
      if (this.matches(a, b, weights, threshold)) join(a, b);
    };

    for (const [typeIndex, type] of BLOCK_TYPES.entries()) {
      const blocks = this.buildBlocks(type);
      let done = 0;
      for (const { key, members } of blocks) {
        done++;
        if (done % 4096 === 0) options.onProgress?.((typeIndex + done / blocks.length) / BLOCK_TYPES.length);
        if (members.length <= maxBlockSize) {
          for (let i = 0; i < members.length; i++) {
            for (let j = i + 1; j < members.length; j++) consider(members[i] as number, members[j] as number, type);
          }
          if (waiting.length >= BATCH_PAIRS * 2) await dispatch();
          continue;
        }
        stats.windowedBlocks++;
        const sorted = Array.from(members, (member) => ({ member, sortKey: blockSortKey(this.parties[member] as PreparedParty, type, key) }));
        sorted.sort((x, y) => compareStrings(x.sortKey, y.sortKey));
        for (let i = 0; i < sorted.length; i++) {
          const last = Math.min(sorted.length - 1, i + window);
          const a = (sorted[i] as { member: number }).member;
          for (let j = i + 1; j <= last; j++) consider(a, (sorted[j] as { member: number }).member, type);
        }
        if (waiting.length >= BATCH_PAIRS * 2) await dispatch();
      }
      options.onProgress?.((typeIndex + 1) / BLOCK_TYPES.length);
    }
    while (waiting.length > 0) await dispatch(true);
    while (inFlight !== null) await inFlight;
    joinAnswered();

    const { setOf, setCount } = clusters.numberSets();
    let largestCluster = 0;
    for (let i = 0; i < count; i++) largestCluster = Math.max(largestCluster, clusters.sizeOf(clusters.find(i)));
    return {
      clusterOf: setOf,
      statistics: { records: count, clusters: setCount, ...stats, comparedByBlock, largestCluster },
    };
  }

  private matches(a: number, b: number, weights: MatchWeights, threshold: number): boolean {
    const comparison = comparePrepared(this.parties[a] as PreparedParty, this.parties[b] as PreparedParty);
    return scoreComparison(comparison, weights).totalWeight >= threshold;
  }

  // The pre-filter's estimate of two names' trigram similarity, over both readings of a
  // Cyrillic name whose country chose its transliteration (as the comparison does).
  private nameSimilarity(a: number, b: number): number {
    const nameA = this.nameTrigrams[a] as Int32Array;
    const nameB = this.nameTrigrams[b] as Int32Array;
    const similarity = sortedSimilarity(nameA, nameB);
    const otherA = this.defaultSystemTrigrams[a] ?? null;
    const otherB = this.defaultSystemTrigrams[b] ?? null;
    if (otherA === null && otherB === null) return similarity;
    return Math.max(similarity, sortedSimilarity(otherA ?? nameA, otherB ?? nameB));
  }

  // The domain's oneTypoApart over both readings of a Cyrillic name, as the comparison reads
  // them; asked of every pair the trigram estimate would drop (3.4 million at 100,000 rows),
  // so a cheap guard on the words' hashes goes first.
  private oneTypoApart(a: number, b: number): boolean {
    const partyA = this.parties[a] as PreparedParty;
    const partyB = this.parties[b] as PreparedParty;
    const wordsA = this.nameWordsAt.at(a);
    const wordsB = this.nameWordsAt.at(b);
    if (this.mayBeOneTypoApart(wordsA, wordsB) && oneTypoApart(partyA.name.tokens, partyB.name.tokens)) return true;
    const otherA = this.defaultSystemWordsAt.at(a);
    const otherB = this.defaultSystemWordsAt.at(b);
    if (otherA === -1 && otherB === -1) return false;
    return (
      this.mayBeOneTypoApart(otherA === -1 ? wordsA : otherA, otherB === -1 ? wordsB : otherB) &&
      oneTypoApart((partyA.nameByDefaultSystem ?? partyA.name).tokens, (partyB.nameByDefaultSystem ?? partyB.name).tokens)
    );
  }

  // The guard: oneTypoApart needs as many words on each side, keys at most one letter apart
  // in length, every word but one the same, and that one's letters the same but for one
  // added, one dropped, or one of each. Never false when oneTypoApart holds (bar a collision
  // of two words' 32-bit hashes, or a letter outside the Basic Multilingual Plane).
  private mayBeOneTypoApart(at: number, bt: number): boolean {
    const words = this.words.data;
    const count = words[at] as number;
    if (count === 0 || count !== words[bt]) return false;
    const lengthA = words[at + 1] as number;
    const lengthB = words[bt + 1] as number;
    if (lengthA - lengthB > 1 || lengthB - lengthA > 1) return false;
    let i = at + 2;
    let j = bt + 2;
    const endA = i + 2 * count;
    const endB = j + 2 * count;
    // With as many words on each side, as many are left over on one side as on the other.
    let onlyA = -1;
    let onlyB = -1;
    while (i < endA && j < endB) {
      const x = words[i] as number;
      const y = words[j] as number;
      if (x === y) {
        i += 2;
        j += 2;
      } else if (x < y) {
        if (onlyA !== -1) return false;
        onlyA = i;
        i += 2;
      } else {
        if (onlyB !== -1) return false;
        onlyB = j;
        j += 2;
      }
    }
    if (i < endA) {
      if (onlyA !== -1 || i + 2 < endA) return false;
      onlyA = i;
    }
    if (j < endB) {
      if (onlyB !== -1 || j + 2 < endB) return false;
      onlyB = j;
    }
    if (onlyA === -1 || onlyB === -1) return true; // the same words: a collision; let the domain say
    return bitCount((words[onlyA + 1] as number) ^ (words[onlyB + 1] as number)) <= 2;
  }

  // Appends a name's words to the pool for the guard and returns where they start.
  private addWords(name: PreparedParty['name']): number {
    const at = this.words.length;
    let length = 0;
    for (const _ of name.key) length++;
    const words = name.tokens.map((word) => ({ hash: hashText(word), letters: letterMask(word) }));
    words.sort((x, y) => x.hash - y.hash);
    this.words.push(words.length);
    this.words.push(length);
    for (const { hash, letters } of words) {
      this.words.push(hash);
      this.words.push(letters);
    }
    return at;
  }

  // namesShareKey over both readings of a Cyrillic name; asked only of pairs past the pre-filter.
  private shareNameKey(a: number, b: number): boolean {
    const partyA = this.parties[a] as PreparedParty;
    const partyB = this.parties[b] as PreparedParty;
    if (namesShareKey(partyA.name, partyB.name)) return true;
    if (partyA.nameByDefaultSystem === null && partyB.nameByDefaultSystem === null) return false;
    return namesShareKey(partyA.nameByDefaultSystem ?? partyA.name, partyB.nameByDefaultSystem ?? partyB.name);
  }

  // The pre-filter's view of the address level: the same postcode, or streets similar enough
  // for at least a partial agreement.
  private sameAddress(a: number, b: number): boolean {
    const postcodeA = (this.parties[a] as PreparedParty).postcode;
    if (postcodeA !== null && postcodeA === (this.parties[b] as PreparedParty).postcode) return true;
    const addressA = this.addressTrigramsOf(a);
    const addressB = this.addressTrigramsOf(b);
    return addressA !== null && addressB !== null && sortedSimilarity(addressA, addressB) >= COMPARISON_THRESHOLDS.addressSimilar;
  }

  private addressTrigramsOf(record: number): Int32Array | null {
    const cached = this.addressTrigrams[record] ?? null;
    if (cached !== null) return cached;
    const address = (this.parties[record] as PreparedParty).address;
    if (address === null) return null;
    const codes = trigramCodes(address.folded);
    this.addressTrigrams[record] = codes;
    return codes;
  }

  // Blocks of two or more records, as arrays of record numbers. Keys are held in one Map per
  // block type, with the members chained through typed arrays, so a million records need no
  // million small arrays until a block is read.
  private buildBlocks(type: BlockType): { key: string; members: Int32Array }[] {
    const head = new Map<string, number>();
    let entryRecord = new Int32Array(Math.max(16, this.parties.length));
    let entryNext = new Int32Array(entryRecord.length);
    let entries = 0;
    for (let record = 0; record < this.parties.length; record++) {
      for (const key of blockingKeys(this.parties[record] as PreparedParty, type.code)) {
        if (entries === entryRecord.length) {
          entryRecord = grow(entryRecord);
          entryNext = grow(entryNext);
        }
        entryRecord[entries] = record;
        entryNext[entries] = head.get(key) ?? -1;
        head.set(key, entries);
        entries++;
      }
    }
    const blocks: { key: string; members: Int32Array }[] = [];
    for (const [key, first] of head) {
      if (entryNext[first] === -1) continue;
      const members: number[] = [];
      for (let entry = first; entry !== -1; entry = entryNext[entry] as number) {
        members.push(entryRecord[entry] as number);
      }
      // Chained newest first; input order keeps the sorted neighbourhood stable.
      blocks.push({ key, members: Int32Array.from(members.reverse()) });
    }
    return blocks;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// The trigrams of a name as sorted 32-bit hashes: a cheap estimate of pg_trgm similarity for
// deciding which pairs are worth a full comparison (the comparison itself uses the domain's).
function trigramCodes(text: string): Int32Array {
  const codes = new Set<number>();
  for (const trigram of trigrams(text)) {
    codes.add(hashText(trigram));
  }
  return Int32Array.from(codes).sort();
}

// The letters a word uses, as a 32-bit set (a letter's code modulo 32: a–z are bits 1–26).
// One slip adds a letter to the set, drops one, or both; a swap changes nothing.
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask;
}

function bitCount(value: number): number {
  let n = value - ((value >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

// FNV-1a over UTF-16 code units, as a signed 32-bit number.
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** A growable list of 32-bit integers in one typed array. */
class Int32List {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.data = grow(this.data);
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index] as number;
  }
}

function sortedSimilarity(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * The pairs already compared, so a pair met in several blocks is scored once. An open-addressed
 * hash set in a Float64Array; when it fills up it is emptied, which costs only repeated work.
 */
class PairSet {
  private slots: Float64Array;
  private used = 0;

  constructor(private readonly records: number) {
    this.slots = new Float64Array(1 << 22).fill(-1);
  }

  /** Adds the pair; false when it was already there. */
  add(a: number, b: number): boolean {
    const [low, high] = a < b ? [a, b] : [b, a];
    const pair = low * this.records + high;
    const mask = this.slots.length - 1;
    let slot = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) & mask;
    for (;;) {
      const value = this.slots[slot] as number;
      if (value === pair) return false;
      if (value === -1) break;
      slot = (slot + 1) & mask;
    }
    if (this.used >= this.slots.length * 0.6) {
      // Grow to 2^25 slots (256 MB), then start again rather than grow further.
      if (this.slots.length < 1 << 25) this.rehash(this.slots.length * 2);
      else this.clear();
      return this.add(a, b);
    }
    this.slots[slot] = pair;
    this.used++;
    return true;
  }

  private clear(): void {
    this.slots.fill(-1);
    this.used = 0;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Float64Array(size).fill(-1);
    this.used = 0;
    const mask = size - 1;
    for (const pair of old) {
      if (pair === -1) continue;
      const low = Math.floor(pair / this.records);
      const high = pair - low * this.records;
      let slot = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = pair;
      this.used++;
    }
  }
}
