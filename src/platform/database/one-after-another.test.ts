import { describe, expect, it } from 'vitest';
import { oneAfterAnother } from './one-after-another.js';

/** A lazy query like drizzle's builders: it starts only when awaited. */
function lazy<T>(value: T, log: string[], name: string, ms: number) {
  return {
    then<R>(resolve: (v: T) => R, reject?: (e: unknown) => R) {
      log.push(`start ${name}`);
      return new Promise<T>((done) => setTimeout(() => { log.push(`end ${name}`); done(value); }, ms)).then(resolve, reject);
    },
  };
}

describe('oneAfterAnother', () => {
  it('answers in order and never starts a query before the one before it has finished', async () => {
    const log: string[] = [];
    const [a, b] = await oneAfterAnother([lazy(1, log, 'a', 20), lazy('two', log, 'b', 1)]);
    expect([a, b]).toEqual([1, 'two']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
