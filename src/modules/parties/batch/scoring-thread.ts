import { Worker } from 'node:worker_threads';
import type { PartyRecord } from '../../../domain/parties/comparison.js';
import type { MatchWeights } from '../../../domain/parties/match-weights.js';
import type { ScoringAnswer, ScoringRequest } from './score-worker.js';

/** Records are sent to the thread in chunks of this many. */
const CHUNK = 4096;

/** The resolver's second thread (score-worker.ts): one request at a time, answered in order. */
export class ScoringThread {
  private readonly worker = new Worker(new URL('./score-worker-entry.js', import.meta.url));
  private pending: PartyRecord[] = [];
  private answer: { resolve: (pairs: ScoringAnswer) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (pairs: ScoringAnswer) => {
      const waiting = this.answer;
      this.answer = null;
      waiting?.resolve(pairs);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`the scoring thread stopped with exit code ${code}`));
    });
  }

  add(record: PartyRecord): void {
    this.pending.push(record);
    if (this.pending.length >= CHUNK) this.flush();
  }

  /** The pairs (flattened [a, b, …]) that reach the threshold. */
  score(pairs: Int32Array, weights: MatchWeights, threshold: number): Promise<ScoringAnswer> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.answer !== null) return Promise.reject(new Error('the scoring thread is already busy'));
    this.flush();
    return new Promise((resolve, reject) => {
      this.answer = { resolve, reject };
      this.post({ type: 'score', pairs, weights, threshold }, [pairs.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.post({ type: 'add', records: this.pending });
    this.pending = [];
  }

  private post(request: ScoringRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private fail(error: Error): void {
    this.failure = error;
    const waiting = this.answer;
    this.answer = null;
    waiting?.reject(error);
  }
}
