import { describe, expect, it } from 'vitest';
import { formatPounds, parsePounds, percentToBasisPoints, roundDownToWholePound, takePercentOff } from './money.js';
import { discretion, penaltyFor, s32Facts } from './penalty-factories.js';
import { recomputeFromSteps, stepRule } from './penalty-steps.js';

describe('recomputeFromSteps', () => {
  const result = penaltyFor(
    s32Facts({ role: 'owner', clandestineEntrants: 3, cpasMember: true, discretion: [discretion(12.5)], means: { kind: 'individual', assessedAmountPence: 555_555 } }),
  );

  it('redoes a calculation from the rules of its steps alone', () => {
    const recomputed = recomputeFromSteps(result.steps);
    expect(recomputed).toEqual({ ok: true, amountPence: result.amountPence, amountsPence: result.steps.map((step) => step.amountPence) });
  });

  it('exposes a step whose rule was altered after the calculation', () => {
    const tampered = result.steps.map((step, index) => (index === 1 ? { ...step, rule: stepRule.reductionOfStart(2_500, 2_500, 10_000) } : step));
    const recomputed = recomputeFromSteps(tampered);
    expect(recomputed.ok && recomputed.amountsPence[1]).not.toBe(result.steps[1]?.amountPence);
  });

  it('rejects a rule outside its vocabulary, naming the step', () => {
    const outcome = recomputeFromSteps([...result.steps, { label: 'Friendly discount', rule: 'knock a bit off', amountPence: 0 }]);
    expect(outcome).toEqual({ ok: false, problem: expect.stringContaining('Friendly discount') as unknown as string });
  });

  it('needs a starting level first', () => {
    expect(recomputeFromSteps([{ label: 'x', rule: '50% off the amount so far', amountPence: 0 }]).ok).toBe(false);
    expect(recomputeFromSteps([]).ok).toBe(false);
  });

  it('reads singular and plural entrant counts', () => {
    expect(recomputeFromSteps([{ label: 'start', rule: stepRule.start(600_000, 1), amountPence: 600_000 }])).toMatchObject({ amountPence: 600_000 });
    expect(stepRule.start(600_000, 1)).toBe('£6,000 × 1 clandestine entrant');
  });
});

describe('money', () => {
  it('formats and parses pounds with thousands separators and pence', () => {
    for (const pence of [0, 5, 100, 150_000, 100_020, 123_456_789]) expect(parsePounds(formatPounds(pence))).toBe(pence);
    expect(formatPounds(1_200_000)).toBe('£12,000');
    expect(formatPounds(100_020)).toBe('£1,000.20');
  });

  it('holds percentages with up to two decimals exactly', () => {
    expect(percentToBasisPoints(12.5)).toBe(1_250);
    expect(percentToBasisPoints(33.33)).toBe(3_333);
    expect(percentToBasisPoints(0.07)).toBe(7);
    expect(percentToBasisPoints(12.345)).toBeUndefined();
    expect(percentToBasisPoints(Number.NaN)).toBeUndefined();
  });

  it('rounds a percentage off down to the penny, exactly even for very large amounts', () => {
    expect(takePercentOff(100_001, 5_000)).toBe(50_000);
    expect(takePercentOff(9_007_199_254_740_000, 5_000)).toBe(4_503_599_627_370_000);
  });

  it('rounds down to a whole pound', () => {
    expect(roundDownToWholePound(184_399)).toBe(184_300);
    expect(roundDownToWholePound(99)).toBe(0);
  });
});
