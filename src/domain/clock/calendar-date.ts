import { z } from 'zod';

/**
 * A legal deadline is a calendar date, not an instant: 'YYYY-MM-DD', no time zone.
 * Arithmetic runs on UTC midnights so that daylight saving never shifts a day.
 */
export type CalendarDate = string;

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MILLISECONDS_PER_DAY = 86_400_000;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function partsOf(value: string): DateParts | undefined {
  const match = CALENDAR_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function requireParts(date: CalendarDate): DateParts {
  const parts = partsOf(date);
  // Callers validate user input first; reaching this is a programming error, not a user's.
  if (!parts) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return parts;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function toEpochDay({ year, month, day }: DateParts): number {
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return Math.round(instant.getTime() / MILLISECONDS_PER_DAY);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const instant = new Date(epochDay * MILLISECONDS_PER_DAY);
  return formatParts({
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
  });
}

function formatParts({ year, month, day }: DateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a real date written 'YYYY-MM-DD' ('2023-02-30' is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && partsOf(value) !== undefined;
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const date = formatParts({ year, month, day });
  requireParts(date);
  return date;
}

export function yearOf(date: CalendarDate): number {
  return requireParts(date).year;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(requireParts(date)) + days);
}

/**
 * Calendar months forward (or back, when negative). When the month reached has no
 * corresponding day, the period ends on that month's last day (the corresponding-date
 * rule of Dodds v Walker): 31 May + 3 months = 31 Aug; 30 Nov + 3 months = 28/29 Feb.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = requireParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatParts({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Years forward or back by the same corresponding-date rule: 29 Feb 2024 − 5 years = 28 Feb 2019. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(requireParts(to)) - toEpochDay(requireParts(from));
}

/** Zero-padded ISO dates order correctly as strings. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) > 0;
}

export function earlierOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return isBefore(b, a) ? b : a;
}

export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return isAfter(b, a) ? b : a;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(requireParts(date)) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: CalendarDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** '26 August 2024', the GOV.UK style for dates in letters and explanations. */
export function formatLongDate(date: CalendarDate): string {
  const { year, month, day } = requireParts(date);
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}

export function weekdayName(date: CalendarDate): string {
  return WEEKDAY_NAMES[dayOfWeek(date)] ?? '';
}

/** The UK calendar date at an instant (Europe/London), for deriving "today". */
export function calendarDateInLondon(instant: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Shared input schema: format checked by pattern (visible in OpenAPI), reality by refinement. */
export function calendarDateSchema(field: string) {
  return z
    .string({ error: `${field} must be a date written YYYY-MM-DD` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field} must be a date written YYYY-MM-DD` })
    .refine((value) => isCalendarDate(value), { error: `${field} is not a real date` });
}
