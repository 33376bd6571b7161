import { JURISDICTION_NAMES, nonWorkingReason, type Jurisdiction } from './bank-holidays.js';
import { formatLongDate, weekdayName, type CalendarDate } from './calendar-date.js';

/** A date derived from recorded facts, the rule that produced it, and whether it is a non-working day. */
export interface Deadline<Name extends string = string> {
  name: Name;
  date: CalendarDate;
  rule: string;
  nonWorkingDay: boolean;
}

/**
 * Deadlines never move for weekends or bank holidays; the rule says why a flagged date is a
 * non-working day so nobody has to look it up.
 */
export function deadline<Name extends string>(
  name: Name,
  date: CalendarDate,
  rule: string,
  jurisdiction: Jurisdiction,
): Deadline<Name> {
  const reason = nonWorkingReason(date, jurisdiction);
  if (!reason) return { name, date, rule, nonWorkingDay: false };
  const why =
    reason.kind === 'weekend'
      ? `a ${weekdayName(date)}`
      : `a bank holiday in ${JURISDICTION_NAMES[jurisdiction]} (${reason.holiday.title}${reason.holiday.substituteDay ? ', substitute day' : ''})`;
  return {
    name,
    date,
    rule: `${rule}. ${formatLongDate(date)} is ${why}: the date does not move`,
    nonWorkingDay: true,
  };
}
