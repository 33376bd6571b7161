import { addYears, type CalendarDate } from '../clock/calendar-date.js';
import type { PolicyParameters } from './policy-parameters.js';

/** The first day a record must have reached to be within the schedule: a record dated before it is past its retention period. */
export interface RetentionCutoffs {
  /** A case closed before this date has been kept its years after closure. */
  closedCasesBefore: CalendarDate;
  /** A search where nothing was found, made before this date. */
  searchesWithoutDetectionBefore: CalendarDate;
  /** A read of a person's record logged before this date. */
  personalDataReadsBefore: CalendarDate;
}

/** "Kept N years after D": past on `today` when D + N years is before today, i.e. D is before today − N years. */
export function retentionCutoffs(schedule: PolicyParameters['retention'], today: CalendarDate): RetentionCutoffs {
  return {
    closedCasesBefore: addYears(today, -schedule.closedCaseYears),
    searchesWithoutDetectionBefore: addYears(today, -schedule.searchWithoutDetectionYears),
    personalDataReadsBefore: addYears(today, -schedule.personalDataReadYears),
  };
}
