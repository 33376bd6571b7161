import { parentPort } from 'node:worker_threads';
import { comparePrepared, prepareParty, type PartyRecord, type PreparedParty } from '../../../domain/parties/comparison.js';
import type { MatchWeights } from '../../../domain/parties/match-weights.js';
import { scoreComparison } from '../../../domain/parties/scoring.js';

/** What the resolver sends its scoring thread. */
export type ScoringRequest =
  | { readonly type: 'add'; readonly records: readonly PartyRecord[] }
  | { readonly type: 'score'; readonly pairs: Int32Array; readonly weights: MatchWeights; readonly threshold: number };

/** The pairs of a `score` request that reached the threshold, as [a, b, a, b, …]. */
export type ScoringAnswer = Int32Array;

// The thread keeps its own normalised copy of every record (normalising is cheaper than
// copying normalised records between threads) and scores the pairs it is sent.
const parties: PreparedParty[] = [];
const port = parentPort;
if (port === null) throw new Error('score-worker.ts runs as a worker thread only');

port.on('message', (request: ScoringRequest) => {
  if (request.type === 'add') {
    for (const record of request.records) parties.push(prepareParty(record));
    return;
  }
  const { pairs, weights, threshold } = request;
  const matched: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const a = pairs[i] as number;
    const b = pairs[i + 1] as number;
    const score = scoreComparison(comparePrepared(parties[a] as PreparedParty, parties[b] as PreparedParty), weights);
    if (score.totalWeight >= threshold) matched.push(a, b);
  }
  const answer: ScoringAnswer = Int32Array.from(matched);
  port.postMessage(answer, [answer.buffer as ArrayBuffer]);
});
