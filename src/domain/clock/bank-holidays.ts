import { z } from 'zod';
import bankHolidayData from './bank-holidays.json' with { type: 'json' };
import { bankHolidaysByRule, JURISDICTIONS, type BankHoliday, type Jurisdiction } from './bank-holiday-rules.js';
import { isCalendarDate, isWeekend, yearOf, type CalendarDate } from './calendar-date.js';

export { JURISDICTIONS, type Jurisdiction, type BankHoliday } from './bank-holiday-rules.js';

export const DEFAULT_JURISDICTION: Jurisdiction = 'england-wales';

export const JURISDICTION_NAMES: Record<Jurisdiction, string> = {
  'england-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

const holidaySchema = z.strictObject({
  date: z.string().refine(isCalendarDate),
  title: z.string().min(1),
  substituteDay: z.boolean(),
});
const yearsSchema = z.strictObject({ from: z.number().int(), to: z.number().int() });

export const bankHolidayCalendarSchema = z.strictObject({
  source: z.string().min(1),
  sourceUrl: z.string().min(1),
  publishedYears: yearsSchema,
  computedYears: yearsSchema,
  divisions: z.strictObject({
    'england-wales': z.array(holidaySchema),
    scotland: z.array(holidaySchema),
    'northern-ireland': z.array(holidaySchema),
  }),
});

export type BankHolidayCalendar = z.infer<typeof bankHolidayCalendarSchema>;

/** The calendars kept as data (see its `source`). Parsed once so a damaged file fails loudly at start-up. */
export const BANK_HOLIDAY_CALENDAR: BankHolidayCalendar = bankHolidayCalendarSchema.parse(bankHolidayData);

const FIRST_YEAR = BANK_HOLIDAY_CALENDAR.publishedYears.from;
const LAST_YEAR = BANK_HOLIDAY_CALENDAR.computedYears.to;

const byJurisdiction = new Map<Jurisdiction, Map<CalendarDate, BankHoliday>>(
  JURISDICTIONS.map((jurisdiction) => [
    jurisdiction,
    new Map(BANK_HOLIDAY_CALENDAR.divisions[jurisdiction].map((holiday) => [holiday.date, holiday])),
  ]),
);

export function coveredByCalendarData(date: CalendarDate): boolean {
  const year = yearOf(date);
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/**
 * The bank holiday on `date` in `jurisdiction`, if any. Inside the years the data file covers the
 * file decides; outside them the statutory rules answer (no one-off days can be known there).
 */
export function bankHolidayOn(date: CalendarDate, jurisdiction: Jurisdiction): BankHoliday | undefined {
  if (coveredByCalendarData(date)) return byJurisdiction.get(jurisdiction)?.get(date);
  return bankHolidaysByRule(yearOf(date), jurisdiction).find((holiday) => holiday.date === date);
}

export type NonWorkingReason =
  | { kind: 'weekend' }
  | { kind: 'bank-holiday'; holiday: BankHoliday };

/** Why `date` is not a working day in `jurisdiction`, or undefined when it is one. */
export function nonWorkingReason(date: CalendarDate, jurisdiction: Jurisdiction): NonWorkingReason | undefined {
  if (isWeekend(date)) return { kind: 'weekend' };
  const holiday = bankHolidayOn(date, jurisdiction);
  return holiday ? { kind: 'bank-holiday', holiday } : undefined;
}

export function isNonWorkingDay(date: CalendarDate, jurisdiction: Jurisdiction): boolean {
  return nonWorkingReason(date, jurisdiction) !== undefined;
}
