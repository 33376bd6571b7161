import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

const recorder = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } };
};

describe('the progress bar', () => {
  it('writes a line at each quarter of each phase when standard error is not a terminal', () => {
    const { written, stream } = recorder(false);
    const bar = progressBar(stream);
    for (let i = 0; i <= 100; i++) bar.update('Reading', i / 100);
    bar.update('Matching', 0.5);
    bar.finish();
    expect(written).toEqual(['Reading: 0%\n', 'Reading: 25%\n', 'Reading: 50%\n', 'Reading: 75%\n', 'Reading: 100%\n', 'Matching: 50%\n']);
  });

  it('redraws one line on a terminal, at most every 100 ms, and ends it', () => {
    const { written, stream } = recorder(true);
    let clock = 0;
    const bar = progressBar(stream, () => clock);
    bar.update('Matching', 0.1);
    clock = 50;
    bar.update('Matching', 0.2);
    clock = 200;
    bar.update('Matching', 1);
    bar.finish();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\rMatching {3}\[#{3}\.{27}\] {2}10%$/u);
    expect(written[1]).toContain('100%');
    expect(written[2]).toBe('\n');
  });
});
