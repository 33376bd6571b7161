import { describe, expect, it } from 'vitest';
import { ukDate, ukTime } from '../domain/reference/uk-date.js';
import { SettableClock } from './clock.js';

describe('SettableClock.advanceDays', () => {
  it('moves by UK calendar days and keeps the UK clock time across the change to summer time', () => {
    const clock = new SettableClock();
    clock.freeze(new Date('2026-12-05T23:17:00Z'));
    clock.advanceDays(133);
    expect(ukDate(clock.now())).toBe('2027-04-17');
    expect(ukTime(clock.now())).toBe('23:17');
    expect(clock.now().toISOString()).toBe('2027-04-17T22:17:00.000Z');
  });

  it('and back across the change to winter time', () => {
    const clock = new SettableClock();
    clock.freeze(new Date('2027-10-30T23:30:00Z')); // 00:30 BST on 31 October
    expect(ukDate(clock.now())).toBe('2027-10-31');
    clock.advanceDays(1);
    expect(ukDate(clock.now())).toBe('2027-11-01');
    expect(ukTime(clock.now())).toBe('00:30');
  });

  it('moves by exactly 24 hours a day when no clock change lies between', () => {
    const clock = new SettableClock();
    clock.freeze(new Date('2026-06-01T12:00:00Z'));
    clock.advanceDays(10);
    expect(clock.now().toISOString()).toBe('2026-06-11T12:00:00.000Z');
    clock.advanceDays(-10);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('moves the running clock the same way', () => {
    const clock = new SettableClock();
    clock.set(new Date('2026-12-05T23:17:00Z'));
    clock.advanceDays(133);
    expect(ukDate(clock.now())).toBe('2027-04-17');
  });
});
