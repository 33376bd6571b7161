import { describe, expect, it } from 'vitest';
import { parseAsOf, parseYear, SETTLE_MS, valueOf, type FigureDefinition } from './figure.js';

const NOW = new Date('2027-01-05T09:00:30.750Z');

describe('parseAsOf', () => {
  it('defaults to a minute before now, to the whole second', () => {
    expect(parseAsOf(undefined, NOW)).toEqual({ ok: true, asOf: new Date('2027-01-05T08:59:30.000Z') });
    expect(parseAsOf('', NOW)).toEqual({ ok: true, asOf: new Date('2027-01-05T08:59:30.000Z') });
  });

  it('takes an instant with its offset, rounded down to the second, so the recorded asOf selects the same events', () => {
    expect(parseAsOf('2026-12-31T23:59:59.999Z', NOW)).toEqual({ ok: true, asOf: new Date('2026-12-31T23:59:59.000Z') });
    expect(parseAsOf('2027-01-01T00:30:00+01:00', NOW)).toEqual({ ok: true, asOf: new Date('2026-12-31T23:30:00.000Z') });
    const recorded = (parseAsOf('2026-06-01T12:00:00.123Z', NOW) as { asOf: Date }).asOf.toISOString();
    expect(parseAsOf(recorded, NOW)).toEqual(parseAsOf('2026-06-01T12:00:00.123Z', NOW));
  });

  it('refuses an instant less than a minute ago or in the future: events could still arrive before it', () => {
    expect(parseAsOf(new Date(NOW.getTime() - SETTLE_MS + 1000).toISOString(), NOW)).toMatchObject({ ok: false });
    expect(parseAsOf('2030-01-01T00:00:00Z', NOW)).toMatchObject({ ok: false });
    expect(parseAsOf(new Date(NOW.getTime() - SETTLE_MS).toISOString(), NOW)).toMatchObject({ ok: true });
  });

  it('refuses what is not a date and time with an offset', () => {
    for (const bad of ['2026-12-31', '2026-12-31T23:59:59', 'yesterday', '2026-13-45T99:00:00Z', '2026-02-30T10:00:00Z x']) {
      expect(parseAsOf(bad, NOW), bad).toMatchObject({ ok: false });
    }
    expect(parseAsOf(['2026-12-31T23:59:59Z'], NOW)).toMatchObject({ ok: false });
  });
});

describe('parseYear', () => {
  it('takes four digits from 2000 to 2100', () => {
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear(2026)).toBe(2026);
    for (const bad of ['1999', '2101', '20x6', '26', '', undefined, ['2026']]) expect(parseYear(bad)).toBeNull();
  });
});

describe('valueOf', () => {
  const count: FigureDefinition = { name: 'a.count', label: 'x', unit: 'penalties', family: 'liabilityEvents', where: {}, measure: 'count' };
  const sum: FigureDefinition = { ...count, name: 'a.sum', unit: 'pence', measure: { sum: 'amount_pence' } };
  it('counts the records, or sums the measured column', () => {
    const records = [{ amount_pence: 150_000 }, { amount_pence: 75_050 }, { amount_pence: null }];
    expect(valueOf(count, records)).toBe(3);
    expect(valueOf(sum, records)).toBe(225_050);
  });
});
