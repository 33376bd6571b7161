import { CORRUPTION_CLASSES, type CorruptionClass, type GeneratedParty } from './generate.js';

export interface ClassMisses {
  /** True pairs where either record carries the class. */
  readonly pairs: number;
  /** Of those, pairs put in different clusters. */
  readonly misses: number;
  /** True pairs whose only difference is this class (all other classes absent from both). */
  readonly solePairs: number;
  readonly soleMisses: number;
}

export interface Evaluation {
  readonly records: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly bcubedPrecision: number;
  readonly bcubedRecall: number;
  readonly bcubedF1: number;
  /** Missed true pairs where neither record was corrupted (exact repeats). */
  readonly uncorruptedMisses: number;
  readonly byClass: Readonly<Record<CorruptionClass, ClassMisses>>;
}

const pairsIn = (n: number): number => (n * (n - 1)) / 2;
const harmonic = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Pairwise precision, recall and F1 (over all pairs of records), B-cubed precision, recall and
 * F1 (per record, averaged), and the true pairs missed, per corruption class.
 * `clusterOf` gives the predicted cluster of each record, in the order of `records`.
 */
export function evaluateClusters(records: readonly GeneratedParty[], clusterOf: ArrayLike<number | string>): Evaluation {
  const cellSize = new Map<string, number>();
  const entitySize = new Map<number, number>();
  const clusterSize = new Map<number | string, number>();
  records.forEach((record, i) => {
    const cluster = clusterOf[i] as number | string;
    const cell = `${record.entity}|${cluster}`;
    cellSize.set(cell, (cellSize.get(cell) ?? 0) + 1);
    entitySize.set(record.entity, (entitySize.get(record.entity) ?? 0) + 1);
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
  });
  let truePositives = 0;
  for (const n of cellSize.values()) truePositives += pairsIn(n);
  let truePairs = 0;
  for (const n of entitySize.values()) truePairs += pairsIn(n);
  let predictedPairs = 0;
  for (const n of clusterSize.values()) predictedPairs += pairsIn(n);

  let bcubedPrecision = 0;
  let bcubedRecall = 0;
  records.forEach((record, i) => {
    const cluster = clusterOf[i] as number | string;
    const shared = cellSize.get(`${record.entity}|${cluster}`) as number;
    bcubedPrecision += shared / (clusterSize.get(cluster) as number);
    bcubedRecall += shared / (entitySize.get(record.entity) as number);
  });
  bcubedPrecision /= records.length;
  bcubedRecall /= records.length;

  const byClass = Object.fromEntries(
    CORRUPTION_CLASSES.map((c) => [c, { pairs: 0, misses: 0, solePairs: 0, soleMisses: 0 }]),
  ) as Record<CorruptionClass, { pairs: number; misses: number; solePairs: number; soleMisses: number }>;
  let uncorruptedMisses = 0;
  const byEntity = new Map<number, number[]>();
  records.forEach((record, i) => {
    const members = byEntity.get(record.entity);
    if (members === undefined) byEntity.set(record.entity, [i]);
    else members.push(i);
  });
  for (const members of byEntity.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x] as number;
        const b = members[y] as number;
        const missed = clusterOf[a] !== clusterOf[b];
        const classes = new Set([...(records[a] as GeneratedParty).classes, ...(records[b] as GeneratedParty).classes]);
        if (classes.size === 0 && missed) uncorruptedMisses++;
        for (const c of classes) {
          const tally = byClass[c];
          tally.pairs++;
          if (missed) tally.misses++;
          if (classes.size === 1) {
            tally.solePairs++;
            if (missed) tally.soleMisses++;
          }
        }
      }
    }
  }

  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return {
    records: records.length,
    truePairs,
    predictedPairs,
    truePositives,
    precision,
    recall,
    f1: harmonic(precision, recall),
    bcubedPrecision,
    bcubedRecall,
    bcubedF1: harmonic(bcubedPrecision, bcubedRecall),
    uncorruptedMisses,
    byClass,
  };
}
