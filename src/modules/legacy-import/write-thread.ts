import { Worker, type MessagePort } from 'node:worker_threads';
import type { PlannedCase } from '../../domain/legacy-import/fold.js';
import type { CaseBatchResult, LegacyBatchWriter, PartyBatchResult, PartyToWrite, ResolvedParty } from './write.js';

/** A batch for a writing thread, and its answer. */
export type WriteRequest = { id: number; kind: 'parties'; batch: PartyToWrite[] } | { id: number; kind: 'cases'; cases: PlannedCase[]; parties: ResolvedParty[][] };
export type WriteAnswer = { id: number; result: PartyBatchResult | CaseBatchResult } | { id: number; error: { message: string; stack?: string } };

/**
 * A writer on a worker thread (node:worker_threads): the batches are posted to it, and it decides
 * their events, hashes and checks them, appends them and runs the projectors on its own
 * connections — the same batch functions (`writePartyBatch`, `writeCaseBatch`) as on this thread,
 * so one write path. The thread is started from `entry`, a script that opens the database and
 * calls `serveLegacyWrites` (src/cli/legacy-import-worker.ts); `workerData` is handed to it.
 * Its heap is its own: the collector there marks a batch, not the whole import plan held here.
 */
export function threadWriter(entry: URL, workerData: unknown, capacity: number): LegacyBatchWriter {
  // A larger young generation: a batch makes many short-lived objects (events, rows, JSON).
  const worker = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const answer of waiting.values()) answer.reject(error);
    waiting.clear();
  };
  worker.on('message', (answer: WriteAnswer) => {
    const pending = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (!pending) return;
    if ('error' in answer) pending.reject(Object.assign(new Error(answer.error.message), { stack: answer.error.stack }));
    else pending.resolve(answer.result as never);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`a legacy import writing thread stopped (exit code ${code})`)));
  const ask = <T>(request: WriteRequest): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      waiting.set(request.id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage(request);
    });
  };
  return {
    capacity,
    parties: (batch) => ask<PartyBatchResult>({ id: next++, kind: 'parties', batch }),
    cases: (cases, parties) => ask<CaseBatchResult>({ id: next++, kind: 'cases', cases, parties }),
    async close() {
      worker.postMessage('close');
      await new Promise<void>((resolve) => {
        if (worker.threadId < 0) resolve();
        else worker.once('exit', () => resolve());
      });
    },
  };
}

/**
 * The worker thread's side: answers each batch posted with the result of `writer` (a
 * `localWriter` on the thread's own connections), and on "close" closes and returns.
 */
export function serveLegacyWrites(port: MessagePort, writer: LegacyBatchWriter, close: () => Promise<void>): void {
  port.on('message', (request: WriteRequest | 'close') => {
    if (request === 'close') {
      void close().finally(() => port.close());
      return;
    }
    const done = request.kind === 'parties' ? writer.parties(request.batch) : writer.cases(request.cases, request.parties);
    done.then(
      (result) => port.postMessage({ id: request.id, result } satisfies WriteAnswer),
      (error: Error) => port.postMessage({ id: request.id, error: { message: error.message, stack: error.stack } } satisfies WriteAnswer),
    );
  });
}
