import { addDays, type CalendarDate } from '../clock/calendar-date.js';
import { ukDate, ukLocalToInstant, ukTime } from '../reference/uk-date.js';

/*
 * Pure: the shifts border officers work, in UK time (Europe/London, so BST in summer). A night shift
 * runs past midnight: it belongs to the day it started, so "the night shift of 4 December" is
 * 22:00 on 4 December to 06:00 on 5 December, and a day's three shifts run from 06:00 that day to
 * 06:00 the next.
 */

export const SHIFTS = {
  early: { name: 'Early shift', starts: '06:00', ends: '14:00' },
  late: { name: 'Late shift', starts: '14:00', ends: '22:00' },
  night: { name: 'Night shift', starts: '22:00', ends: '06:00' },
} as const;

export type Shift = keyof typeof SHIFTS;
export const SHIFT_ORDER: readonly Shift[] = ['early', 'late', 'night'];

/** When a shift day begins (UK time): the early shift's start. */
export const SHIFT_DAY_STARTS = SHIFTS.early.starts;

/** The shift an instant falls in, and the day that shift belongs to (a night shift's is the day it began). */
export function shiftOf(instant: Date): { shift: Shift; day: CalendarDate } {
  const date = ukDate(instant);
  const time = ukTime(instant);
  if (time < SHIFTS.early.starts) return { shift: 'night', day: addDays(date, -1) };
  if (time < SHIFTS.late.starts) return { shift: 'early', day: date };
  if (time < SHIFTS.night.starts) return { shift: 'late', day: date };
  return { shift: 'night', day: date };
}

/** The instants a shift day spans: from 06:00 UK time on `day` to 06:00 UK time the next day (23, 24 or 25 hours). */
export function shiftDayInstants(day: CalendarDate): { from: Date; to: Date } {
  return { from: new Date(ukLocalToInstant(day, SHIFT_DAY_STARTS)!), to: new Date(ukLocalToInstant(addDays(day, 1), SHIFT_DAY_STARTS)!) };
}
