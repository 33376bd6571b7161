import { addDays, calendarDate, dayOfWeek, daysInMonth, isWeekend, type CalendarDate } from './calendar-date.js';

/*
 * UK bank holidays from the rules that make them: the Banking and Financial Dealings Act 1971
 * (schedule 1), the annual royal proclamations (2 January and St Andrew's Day in Scotland, New
 * Year's Day and the May holidays by proclamation, Battle of the Boyne in Northern Ireland), the
 * St Andrew's Day Bank Holiday (Scotland) Act 2007, the substitute-day convention (a holiday
 * falling at the weekend moves to the next weekday that is not already a holiday) and the Easter
 * computus. One-off days proclaimed so far are listed in PROCLAIMED_CHANGES.
 *
 * bank-holidays.json is the record used at run time; this module produced its future years and
 * its test checks every year of the file against these rules, so a typing slip in the data shows.
 * It also answers for years outside the file (best effort: future one-off days are unknowable).
 */

export const JURISDICTIONS = ['england-wales', 'scotland', 'northern-ireland'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export interface BankHoliday {
  date: CalendarDate;
  title: string;
  /** A fixed-date holiday moved off a weekend ("Substitute day" on GOV.UK). */
  substituteDay: boolean;
}

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
}

function firstMonday(year: number, month: number): CalendarDate {
  const first = calendarDate(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): CalendarDate {
  const last = calendarDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

interface ProclaimedChange {
  jurisdictions: readonly Jurisdiction[];
  /** The rule-made holiday this replaces (moved), if any. */
  replaces?: CalendarDate;
  holiday: BankHoliday;
}

const ALL: readonly Jurisdiction[] = JURISDICTIONS;

/** One-off changes by proclamation, as listed by GOV.UK. */
export const PROCLAIMED_CHANGES: readonly ProclaimedChange[] = [
  { jurisdictions: ALL, replaces: '2020-05-04', holiday: { date: '2020-05-08', title: 'Early May bank holiday (VE day)', substituteDay: false } },
  { jurisdictions: ALL, replaces: '2022-05-30', holiday: { date: '2022-06-02', title: 'Spring bank holiday', substituteDay: false } },
  { jurisdictions: ALL, holiday: { date: '2022-06-03', title: 'Platinum Jubilee bank holiday', substituteDay: false } },
  { jurisdictions: ALL, holiday: { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II', substituteDay: false } },
  { jurisdictions: ALL, holiday: { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III', substituteDay: false } },
  { jurisdictions: ['scotland'], holiday: { date: '2026-06-15', title: 'World Cup bank holiday', substituteDay: false } },
];

interface FixedHoliday {
  month: number;
  day: number;
  title: string;
}

function fixedHolidaysFor(jurisdiction: Jurisdiction): FixedHoliday[] {
  const newYear: FixedHoliday = { month: 1, day: 1, title: 'New Year’s Day' };
  const christmas: FixedHoliday[] = [
    { month: 12, day: 25, title: 'Christmas Day' },
    { month: 12, day: 26, title: 'Boxing Day' },
  ];
  switch (jurisdiction) {
    case 'england-wales':
      return [newYear, ...christmas];
    case 'scotland':
      return [newYear, { month: 1, day: 2, title: '2nd January' }, { month: 11, day: 30, title: 'St Andrew’s Day' }, ...christmas];
    case 'northern-ireland':
      return [
        newYear,
        { month: 3, day: 17, title: 'St Patrick’s Day' },
        { month: 7, day: 12, title: 'Battle of the Boyne (Orangemen’s Day)' },
        ...christmas,
      ];
  }
}

function movableHolidaysFor(jurisdiction: Jurisdiction, year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const holidays: Omit<BankHoliday, 'substituteDay'>[] = [{ date: addDays(easter, -2), title: 'Good Friday' }];
  if (jurisdiction !== 'scotland') holidays.push({ date: addDays(easter, 1), title: 'Easter Monday' });
  holidays.push(
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    {
      date: jurisdiction === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8),
      title: 'Summer bank holiday',
    },
  );
  return holidays.map((holiday) => ({ ...holiday, substituteDay: false }));
}

/** Every bank holiday of one year in one jurisdiction, by rule and known proclamation, in date order. */
export function bankHolidaysByRule(year: number, jurisdiction: Jurisdiction): BankHoliday[] {
  const changes = PROCLAIMED_CHANGES.filter(
    (change) => change.jurisdictions.includes(jurisdiction) && change.holiday.date.startsWith(`${year}-`),
  );
  const replaced = new Set(changes.flatMap((change) => (change.replaces ? [change.replaces] : [])));

  const placed: BankHoliday[] = movableHolidaysFor(jurisdiction, year).filter((holiday) => !replaced.has(holiday.date));
  placed.push(...changes.map((change) => change.holiday));
  const taken = new Set(placed.map((holiday) => holiday.date));

  // Fixed dates on a weekday keep their day; the weekend ones then take the next free weekday, in order.
  const fixed = fixedHolidaysFor(jurisdiction).map((holiday) => ({
    title: holiday.title,
    date: calendarDate(year, holiday.month, holiday.day),
  }));
  // GOV.UK keeps Scotland's New Year pair in order: when 1 January is a Sunday, New Year's Day
  // moves to Monday 2 January and "2nd January" to Tuesday 3 January.
  const newYearPairDisplaced = jurisdiction === 'scotland' && dayOfWeek(calendarDate(year, 1, 1)) === 0;
  const displaced = (holiday: { date: CalendarDate }) =>
    isWeekend(holiday.date) || (newYearPairDisplaced && holiday.date === calendarDate(year, 1, 2));
  for (const holiday of fixed) {
    if (!displaced(holiday)) {
      placed.push({ ...holiday, substituteDay: false });
      taken.add(holiday.date);
    }
  }
  for (const holiday of fixed) {
    if (!displaced(holiday)) continue;
    let substitute = addDays(holiday.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    placed.push({ date: substitute, title: holiday.title, substituteDay: true });
    taken.add(substitute);
  }
  return placed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
