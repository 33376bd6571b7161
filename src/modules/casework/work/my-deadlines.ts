import { addDays } from '../../../domain/clock/calendar-date.js';
import { NOT_YET_IMPOSED, warningStatus } from './queue-filters.js';

export interface AssignedCaseDates {
  reference: string;
  companyName: string;
  stage: string;
  lastDayToImpose: string | null;
  /** Day 151, while someone on the case still waits for the initial notice. */
  lastDayToSendInitialNotice: string | null;
  objectionDeterminationDue: string | null;
}

export interface MyDeadline {
  reference: string;
  companyName: string;
  what: string;
  date: string;
  daysLeft: number;
  passed: boolean;
  tag: 'red' | 'orange' | null;
}

/** How many days ahead a caseworker's own deadlines are listed. */
export const MY_DEADLINES_AHEAD = 14;

/**
 * The deadlines a caseworker must act on, from the dates of the cases assigned to them: due within
 * two weeks, or missed (and so still to be dealt with: write-off or a late decision), soonest first.
 */
export function myDeadlineEntries(rows: readonly AssignedCaseDates[], today: string): MyDeadline[] {
  const until = addDays(today, MY_DEADLINES_AHEAD);
  const entries: MyDeadline[] = [];
  const add = (row: AssignedCaseDates, what: string, date: string | null) => {
    const status = warningStatus(date, today);
    if (!status || date! > until) return;
    entries.push({ reference: row.reference, companyName: row.companyName, what, date: date!, daysLeft: status.daysLeft, passed: status.passed, tag: status.tag });
  };
  for (const row of rows) {
    add(row, 'Last day to send the initial notice (day 151)', row.lastDayToSendInitialNotice);
    if ((NOT_YET_IMPOSED as readonly string[]).includes(row.stage)) add(row, 'Last day to impose the penalty', row.lastDayToImpose);
    add(row, 'Objection to be decided by', row.objectionDeterminationDue);
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
}
