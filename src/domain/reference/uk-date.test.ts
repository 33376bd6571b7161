import { describe, expect, it } from 'vitest';
import { ukDate, ukLocalToInstant, ukTime } from './uk-date.js';

describe('UK calendar dates and clock times', () => {
  it('gives the UK date, which differs from UTC late in a summer evening', () => {
    expect(ukDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(ukDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('turns a UK wall-clock time into an instant, in summer and winter', () => {
    expect(ukLocalToInstant('2026-07-01', '14:05')).toBe('2026-07-01T13:05:00.000Z');
    expect(ukLocalToInstant('2026-12-01', '14:05')).toBe('2026-12-01T14:05:00.000Z');
    expect(ukTime(new Date(ukLocalToInstant('2026-07-01', '00:30')!))).toBe('00:30');
  });

  it('refuses dates and times that are not real', () => {
    expect(ukLocalToInstant('2026-02-30', '10:00')).toBeNull();
    expect(ukLocalToInstant('2026-02-10', '25:00')).toBeNull();
  });
});
