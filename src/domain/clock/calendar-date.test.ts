import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  calendarDateInLondon,
  calendarDateSchema,
  dayOfWeek,
  daysBetween,
  earlierOf,
  formatLongDate,
  isCalendarDate,
  isWeekend,
  laterOf,
} from './calendar-date.js';

describe('isCalendarDate', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    for (const date of ['2023-02-13', '2024-02-29', '2000-02-29', '1999-12-31', '2030-01-01']) expect(isCalendarDate(date)).toBe(true);
  });

  it('refuses dates that do not exist or are written another way', () => {
    for (const date of ['2023-02-30', '2023-02-29', '1900-02-29', '2023-13-01', '2023-04-31', '2023-00-10', '2023-2-3', '13/02/2023', '2023-02-13T00:00:00Z', '']) {
      expect(isCalendarDate(date)).toBe(false);
    }
    expect(isCalendarDate(20230213)).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('crosses month ends, year ends and leap days', () => {
    expect(addDays('2023-02-13', 179)).toBe('2023-08-11');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('is not moved by British Summer Time changes', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-10-26', 2)).toBe('2024-10-28');
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('round-trips any number of days', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: -20_000, max: 20_000 }), (start, offset) => {
        const from = addDays('2000-01-01', start);
        expect(daysBetween(from, addDays(from, offset))).toBe(offset);
        expect(isCalendarDate(addDays(from, offset))).toBe(true);
      }),
    );
  });
});

describe('months and years', () => {
  it('ends on the corresponding date, or the last day of a shorter month', () => {
    expect(addMonths('2024-05-31', 3)).toBe('2024-08-31');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });

  it('takes 29 February back five years to 28 February', () => {
    expect(addYears('2024-02-29', -5)).toBe('2019-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-06-10', -5)).toBe('2020-06-10');
  });
});

describe('weekdays', () => {
  it('knows the day of the week', () => {
    expect(dayOfWeek('2024-08-26')).toBe(1);
    expect(dayOfWeek('2023-02-13')).toBe(1);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(isWeekend('2024-07-28')).toBe(true);
    expect(isWeekend('2024-07-27')).toBe(true);
    expect(isWeekend('2024-07-29')).toBe(false);
  });

  it('orders dates', () => {
    expect(earlierOf('2024-03-03', '2024-03-01')).toBe('2024-03-01');
    expect(laterOf('2024-03-03', '2024-03-01')).toBe('2024-03-03');
  });

  it('writes dates the GOV.UK way', () => {
    expect(formatLongDate('2024-08-26')).toBe('26 August 2024');
  });
});

describe('today in the UK', () => {
  it('uses London time, so late evening UTC in summer is already the next day', () => {
    expect(calendarDateInLondon(new Date('2024-07-31T23:30:00Z'))).toBe('2024-08-01');
    expect(calendarDateInLondon(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
  });
});

describe('calendarDateSchema', () => {
  it('names the field in its messages', () => {
    const schema = calendarDateSchema('penaltyNoticeDate');
    expect(schema.safeParse('2024-02-30').error?.issues[0]?.message).toBe('penaltyNoticeDate is not a real date');
    expect(schema.safeParse('30/02/2024').error?.issues[0]?.message).toBe('penaltyNoticeDate must be a date written YYYY-MM-DD');
    expect(schema.safeParse('2024-02-29').success).toBe(true);
  });
});
