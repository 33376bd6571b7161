import {
  FIELD_LEVELS,
  MATCH_FIELDS,
  type ComparisonVector,
  type FieldProbabilities,
  type LevelProbabilities,
} from './match-weights.js';

export interface EmParameters {
  /** The share of compared pairs that are the same party (λ). */
  readonly matchProportion: number;
  readonly fields: FieldProbabilities;
}

export interface EmOptions {
  readonly maxIterations?: number;
  /** Stop when no probability moves by more than this in an iteration. */
  readonly tolerance?: number;
}

export interface EmResult extends EmParameters {
  readonly iterations: number;
  readonly converged: boolean;
}

// Keeps every probability positive, so no level's weight becomes infinite.
const FLOOR = 1e-6;

type Table = Record<string, Record<string, LevelProbabilities>>;

/**
 * Estimates m, u and λ from unlabelled comparison vectors by expectation–maximisation
 * (Winkler 1988), assuming fields independent given match status. Missing fields are left out
 * of both steps. Start from sensible values (DEFAULT_MATCH_WEIGHTS): EM finds a local optimum
 * and, started far off, can swap the roles of m and u.
 */
export function estimateWeightsByEM(
  vectors: readonly ComparisonVector[],
  initial: EmParameters,
  options: EmOptions = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let table = initial.fields as unknown as Table;
  let matchProportion = initial.matchProportion;
  if (vectors.length === 0) return { ...initial, iterations: 0, converged: true };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const mCounts = emptyCounts();
    const uCounts = emptyCounts();
    let matchSum = 0;
    for (const vector of vectors) {
      const g = matchProbability(vector, table, matchProportion);
      matchSum += g;
      for (const field of MATCH_FIELDS) {
        const level = vector[field];
        if (level === 'missing') continue;
        add(mCounts, field, level, g);
        add(uCounts, field, level, 1 - g);
      }
    }
    const next = maximise(table, mCounts, uCounts);
    const nextProportion = clamp(matchSum / vectors.length);
    const change = Math.max(Math.abs(nextProportion - matchProportion), largestChange(table, next));
    table = next;
    matchProportion = nextProportion;
    if (change < tolerance) return result(table, matchProportion, iteration, true);
  }
  return result(table, matchProportion, maxIterations, false);
}

function matchProbability(vector: ComparisonVector, table: Table, matchProportion: number): number {
  let logMatch = Math.log(matchProportion);
  let logNonMatch = Math.log(1 - matchProportion);
  for (const field of MATCH_FIELDS) {
    const level = vector[field];
    if (level === 'missing') continue;
    const probabilities = table[field]?.[level];
    if (probabilities === undefined) throw new Error(`Unknown level ${level} for field ${field}`);
    logMatch += Math.log(probabilities.m);
    logNonMatch += Math.log(probabilities.u);
  }
  return 1 / (1 + Math.exp(logNonMatch - logMatch));
}

type Counts = Record<string, Record<string, number>>;

function emptyCounts(): Counts {
  const counts: Counts = {};
  for (const field of MATCH_FIELDS) {
    counts[field] = Object.fromEntries(FIELD_LEVELS[field].map((level) => [level, 0]));
  }
  return counts;
}

function add(counts: Counts, field: string, level: string, amount: number): void {
  const levels = counts[field];
  if (levels !== undefined) levels[level] = (levels[level] ?? 0) + amount;
}

// A field never observed keeps its previous probabilities.
function maximise(previous: Table, mCounts: Counts, uCounts: Counts): Table {
  const next: Table = {};
  for (const field of MATCH_FIELDS) {
    const levels = FIELD_LEVELS[field] as readonly string[];
    const old = previous[field] ?? {};
    const m = normalise(levels, mCounts[field] ?? {}, (level) => old[level]?.m ?? 0);
    const u = normalise(levels, uCounts[field] ?? {}, (level) => old[level]?.u ?? 0);
    next[field] = Object.fromEntries(
      levels.map((level) => [level, { m: m[level] ?? FLOOR, u: u[level] ?? FLOOR }]),
    );
  }
  return next;
}

function normalise(
  levels: readonly string[],
  counts: Readonly<Record<string, number>>,
  fallback: (level: string) => number,
): Record<string, number> {
  const total = levels.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
  if (total === 0) return Object.fromEntries(levels.map((level) => [level, fallback(level)]));
  const raw = levels.map((level) => Math.max(FLOOR, (counts[level] ?? 0) / total));
  const sum = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(levels.map((level, i) => [level, (raw[i] ?? FLOOR) / sum]));
}

function largestChange(a: Table, b: Table): number {
  let largest = 0;
  for (const field of MATCH_FIELDS) {
    for (const level of FIELD_LEVELS[field] as readonly string[]) {
      const x = a[field]?.[level];
      const y = b[field]?.[level];
      if (x === undefined || y === undefined) continue;
      largest = Math.max(largest, Math.abs(x.m - y.m), Math.abs(x.u - y.u));
    }
  }
  return largest;
}

const clamp = (p: number): number => Math.min(1 - FLOOR, Math.max(FLOOR, p));

function result(
  table: Table,
  matchProportion: number,
  iterations: number,
  converged: boolean,
): EmResult {
  return { matchProportion, fields: table as unknown as FieldProbabilities, iterations, converged };
}
