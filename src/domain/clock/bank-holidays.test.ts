import { describe, expect, it } from 'vitest';
import { bankHolidaysByRule, easterSunday, JURISDICTIONS } from './bank-holiday-rules.js';
import { BANK_HOLIDAY_CALENDAR, bankHolidayOn, isNonWorkingDay } from './bank-holidays.js';

describe('bank-holiday data file', () => {
  it('names its source and covers 2018 to 2030', () => {
    expect(BANK_HOLIDAY_CALENDAR.source).toContain('GOV.UK');
    expect(BANK_HOLIDAY_CALENDAR.source).toContain('computed');
    expect(BANK_HOLIDAY_CALENDAR.publishedYears.from).toBe(2018);
    expect(BANK_HOLIDAY_CALENDAR.computedYears.to).toBe(2030);
  });

  it.each(JURISDICTIONS)('agrees, year by year, with the statutory rules and proclamations for %s', (jurisdiction) => {
    for (let year = 2018; year <= 2030; year += 1) {
      const inFile = BANK_HOLIDAY_CALENDAR.divisions[jurisdiction].filter((holiday) => holiday.date.startsWith(`${year}-`));
      expect(inFile, `${jurisdiction} ${year}`).toEqual(bankHolidaysByRule(year, jurisdiction));
    }
  });

  it('lists dates in order without repeats', () => {
    for (const jurisdiction of JURISDICTIONS) {
      const dates = BANK_HOLIDAY_CALENDAR.divisions[jurisdiction].map((holiday) => holiday.date);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });
});

describe('known bank holidays', () => {
  const holidayIn = (date: string, jurisdiction: (typeof JURISDICTIONS)[number]) => bankHolidayOn(date, jurisdiction)?.title;

  it('moved the 2020 Early May bank holiday to VE day, Friday 8 May, everywhere', () => {
    for (const jurisdiction of JURISDICTIONS) {
      expect(holidayIn('2020-05-08', jurisdiction)).toBe('Early May bank holiday (VE day)');
      expect(holidayIn('2020-05-04', jurisdiction)).toBeUndefined();
    }
  });

  it('had the Platinum Jubilee on 2–3 June 2022 instead of 30 May, and the State Funeral on 19 September 2022', () => {
    for (const jurisdiction of JURISDICTIONS) {
      expect(holidayIn('2022-06-02', jurisdiction)).toBe('Spring bank holiday');
      expect(holidayIn('2022-06-03', jurisdiction)).toBe('Platinum Jubilee bank holiday');
      expect(holidayIn('2022-05-30', jurisdiction)).toBeUndefined();
      expect(holidayIn('2022-09-19', jurisdiction)).toContain('State Funeral');
    }
  });

  it('had the Coronation bank holiday on 8 May 2023', () => {
    for (const jurisdiction of JURISDICTIONS) expect(holidayIn('2023-05-08', jurisdiction)).toContain('coronation');
  });

  it('has Scotland-only holidays: 2 January, St Andrew’s Day, August’s first Monday, the 2026 World Cup day', () => {
    expect(holidayIn('2025-01-02', 'scotland')).toBe('2nd January');
    expect(holidayIn('2025-01-02', 'england-wales')).toBeUndefined();
    expect(holidayIn('2024-12-02', 'scotland')).toBe('St Andrew’s Day');
    expect(holidayIn('2024-08-05', 'scotland')).toBe('Summer bank holiday');
    expect(holidayIn('2024-08-26', 'scotland')).toBeUndefined();
    expect(holidayIn('2026-06-15', 'scotland')).toBe('World Cup bank holiday');
    expect(holidayIn('2026-06-15', 'england-wales')).toBeUndefined();
  });

  it('has Northern Ireland’s St Patrick’s Day and Battle of the Boyne, with substitute days', () => {
    expect(holidayIn('2024-03-18', 'northern-ireland')).toBe('St Patrick’s Day');
    expect(holidayIn('2025-07-14', 'northern-ireland')).toBe('Battle of the Boyne (Orangemen’s Day)');
    expect(holidayIn('2024-03-18', 'england-wales')).toBeUndefined();
  });

  it('moves Christmas and Boxing Day off a weekend', () => {
    expect(holidayIn('2021-12-27', 'england-wales')).toBe('Christmas Day');
    expect(holidayIn('2021-12-28', 'england-wales')).toBe('Boxing Day');
    expect(holidayIn('2022-12-26', 'england-wales')).toBe('Boxing Day');
    expect(holidayIn('2022-12-27', 'england-wales')).toBe('Christmas Day');
    expect(bankHolidayOn('2022-12-27', 'england-wales')?.substituteDay).toBe(true);
  });

  it('has no Easter Monday in Scotland', () => {
    expect(holidayIn('2024-04-01', 'england-wales')).toBe('Easter Monday');
    expect(holidayIn('2024-04-01', 'scotland')).toBeUndefined();
  });
});

describe('Easter', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2029)).toBe('2029-04-01');
    expect(easterSunday(2030)).toBe('2030-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
});

describe('non-working days', () => {
  it('are weekends and the jurisdiction’s bank holidays', () => {
    expect(isNonWorkingDay('2024-08-26', 'england-wales')).toBe(true);
    expect(isNonWorkingDay('2024-08-26', 'scotland')).toBe(false);
    expect(isNonWorkingDay('2024-08-24', 'scotland')).toBe(true);
    expect(isNonWorkingDay('2024-08-27', 'england-wales')).toBe(false);
  });

  it('fall back to the statutory rules outside the years of the data file', () => {
    expect(isNonWorkingDay('2031-12-25', 'england-wales')).toBe(true);
    expect(isNonWorkingDay('2031-08-25', 'england-wales')).toBe(true);
    expect(isNonWorkingDay('2031-08-26', 'england-wales')).toBe(false);
  });
});
