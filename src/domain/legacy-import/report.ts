import type { CalendarDate } from '../clock/calendar-date.js';
import type { Stage } from '../liability/stages.js';
import type { RejectionKind } from './values.js';

/** A row refused, with its file, its line (the header is line 1) and why, in words and as a code. */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
  kind: RejectionKind;
}

/** An incident in a port's log that no case of the database stands for. */
export interface LogIncidentMissing {
  file: string;
  line: number;
  /** The log's CECPT Ref, or null when it was left blank (matched by date and vehicle then). */
  ref: string | null;
  date: CalendarDate;
  vehicleReg: string;
}

/** A case of the database that no port's log mentions, by its reference or by date and vehicle. */
export interface DatabaseIncidentMissing {
  ref: string;
  incidentDate: CalendarDate;
  port: string;
  vehicleReg: string;
}

/** A case whose last day for a penalty notice (incident + 179 days) has passed without one. */
export interface CaseForReview {
  ref: string;
  incidentDate: CalendarDate;
  lastDayForNotice: CalendarDate;
}

/**
 * The reconciliation report of issue #18, plus `casesForReview` (cases past their 180 days
 * without a penalty notice). `rows` counts the database file's rows: read = imported + rejected +
 * duplicates. `parties` is what the register would hold if each normalised name (with the date of
 * birth, for a person) were one party; the write path resolves them through the register itself.
 */
export interface ReconciliationReport {
  rows: { read: number; imported: number; rejected: number; duplicates: number };
  cases: { created: number };
  liabilities: { created: number; byStage: Partial<Record<Stage, number>> };
  s31aEntrantsCorrected: number;
  /** `matched` (the write path only): parties the register already had an entry for; `created` is then the entries it made. */
  parties: { created: number; mergedVariants: number; matched?: number };
  money: { imposedPence: number; paidPence: number; outstandingPence: number };
  objections: { attached: number; unmatched: number };
  appeals: { attached: number; unmatched: number };
  portLogs: { incidentsMissingFromDatabase: LogIncidentMissing[]; databaseIncidentsMissingFromLogs: DatabaseIncidentMissing[] };
  casesForReview: CaseForReview[];
  rejected: RejectedRow[];
}
