import { z } from 'zod';
import { addDays, isCalendarDate, type CalendarDate } from './calendar-date.js';
import { ukDate } from '../reference/uk-date.js';

/*
 * The dates a person can mean. A real date is not enough: 1900-01-01 for an incident, 9999-01-01
 * for a deadline or a party born in 2030 are typing mistakes, and are refused with a message that
 * says what range is accepted. The ranges (one place, reused by every schema that reads such a date):
 *
 * - scheme dates (an incident, a referral, a notice, a payment): from 1 January 2000 — the civil
 *   penalty of the Immigration and Asylum Act 1999 began in 2000, so nothing of the scheme is older —
 *   to today, or, where a date may be ahead (a calculation for a notice still to be sent, a hearing),
 *   to today plus FUTURE_MARGIN_DAYS;
 * - step dates in casework, which the casework clock may move past the real one: from 1 January 2000
 *   to the end of LATEST_STEP_YEAR (no clock is read);
 * - dates of birth: not in the future and not more than OLDEST_AGE_YEARS years ago.
 */

export const EARLIEST_SCHEME_DATE: CalendarDate = '2000-01-01';
/** How far ahead of today a forward-looking date may be (a calculator's notice date). */
export const FUTURE_MARGIN_DAYS = 366;
/** The last year a casework step may be dated in. */
export const LATEST_STEP_YEAR = 2100;
export const OLDEST_AGE_YEARS = 120;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "4 December 2026". */
export function spokenDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Today's UK calendar date, read when a schema checks a value (the schemas are built once). */
export type Today = () => CalendarDate;
const realToday: Today = () => ukDate(new Date());

/** Why a date is outside [earliest, latest], in words, or null. */
export function outOfRange(label: string, date: CalendarDate, earliest: CalendarDate, latest: CalendarDate): string | null {
  if (date < earliest) return `${label} must be on or after ${spokenDate(earliest)}`;
  if (date > latest) return `${label} must be on or before ${spokenDate(latest)}`;
  return null;
}

/** Why a date of birth cannot be right, or null: in the future, or more than 120 years ago. */
export function birthDateProblem(label: string, date: CalendarDate, today: CalendarDate): string | null {
  if (date > today) return `${label} must be in the past`;
  const [year, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  const earliest = `${String(year - OLDEST_AGE_YEARS).padStart(4, '0')}${rest === '-02-29' ? '-03-01' : rest}`;
  if (date < earliest) return `${label} must be no more than ${OLDEST_AGE_YEARS} years ago (on or after ${spokenDate(earliest)})`;
  return null;
}

const shapeMessage = (label: string) => `${label} must be a real date written YYYY-MM-DD, like 2026-03-27`;

function realDate(label: string, missing?: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined && missing ? missing : shapeMessage(label)) })
    .refine(isCalendarDate, shapeMessage(label))
    .meta({ format: 'date' });
}

/**
 * The range check of a scheme date, to add to any date schema (`.superRefine(inSchemeRange(...))`):
 * from 1 January 2000 to today (`ahead: true`: to today plus FUTURE_MARGIN_DAYS).
 */
export function inSchemeRange(label: string, options: { ahead?: boolean; today?: Today; earliestOnly?: boolean } = {}) {
  const today = options.today ?? realToday;
  return (value: string, context: z.RefinementCtx) => {
    if (!isCalendarDate(value)) return;
    // `earliestOnly`: the caller refuses a future date itself, in its own words (a referral's "today or in the past").
    const latest = options.earliestOnly ? '9999-12-31' : options.ahead ? addDays(today(), FUTURE_MARGIN_DAYS) : today();
    const problem = outOfRange(label, value, EARLIEST_SCHEME_DATE, latest);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}

/** A date of the scheme: real, and in the range of `inSchemeRange`, each refusal saying which range. */
export function schemeDateSchema(label: string, options: { ahead?: boolean; missing?: string; today?: Today } = {}) {
  return realDate(label, options.missing).superRefine(inSchemeRange(label, options));
}

/** The range check of a date of birth, to add to any date schema: in the past, at most 120 years ago. */
export function bornInRange(label: string, options: { today?: Today } = {}) {
  const today = options.today ?? realToday;
  return (value: string, context: z.RefinementCtx) => {
    if (!isCalendarDate(value)) return;
    const problem = birthDateProblem(label, value, today());
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}

/** A casework step's date: real, from 1 January 2000 to 31 December 2100 (no clock is read). */
export function stepDateProblem(label: string, date: CalendarDate): string | null {
  return outOfRange(label, date, EARLIEST_SCHEME_DATE, `${LATEST_STEP_YEAR}-12-31`);
}

/** A date of birth: real, in the past, at most 120 years ago. */
export function birthDateSchema(label: string, options: { missing?: string; today?: Today } = {}) {
  return realDate(label, options.missing).superRefine(bornInRange(label, options));
}

/** The most clandestine entrants one incident (and one S32 calculation) may record. */
export const MAX_CLANDESTINE_ENTRANTS = 500;
