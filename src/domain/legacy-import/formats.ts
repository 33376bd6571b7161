import type { Stage } from '../liability/stages.js';

/**
 * The legacy record's four kinds of file (issue #18), as exported from the team's Access database
 * and the ports' and objection/appeal Excel workbooks. Headers are checked exactly.
 */
export const LEGACY_FILES = {
  database: 'cecpt-database.csv',
  objections: 'noo-spreadsheet.csv',
  appeals: 'appeals-spreadsheet.csv',
} as const;

/** `port-log-<port>.csv`, one per port; `<port>` is free text chosen by whoever saved it. */
export const PORT_LOG_FILE = /^port-log-(.+)\.csv$/i;

export const DATABASE_HEADER = [
  'CECPT Ref', 'Section', 'Date of Incident', 'Port', 'No. Clandestines', 'Vehicle Reg', 'Trailer Reg',
  'Vehicle Nationality', 'Liable Party Type', 'Liable Party Name', 'Date of Birth', 'Address 1', 'Address 2',
  'Town', 'Postcode', 'Country', 'IS11 Sent', 'Penalty Amount', 'Penalty Notice Date', 'Status', 'Amount Paid',
  'Date Last Paid', 'Notes',
] as const;

export const PORT_LOG_HEADER = ['Date', 'Time', 'Vehicle Reg', 'Trailer Reg', 'Section', 'No. Clandestines', 'Officer', 'CECPT Ref'] as const;

export const OBJECTIONS_HEADER = ['CECPT Ref', 'Liable Party Name', 'Date Received', 'Decision', 'Decision Date', 'Revised Amount'] as const;

export const APPEALS_HEADER = ['CECPT Ref', 'Liable Party Name', 'Date Lodged', 'Court', 'Hearing Date', 'Outcome', 'Outcome Date'] as const;

export type DatabaseColumn = (typeof DATABASE_HEADER)[number];
export type PortLogColumn = (typeof PORT_LOG_HEADER)[number];
export type ObjectionsColumn = (typeof OBJECTIONS_HEADER)[number];
export type AppealsColumn = (typeof APPEALS_HEADER)[number];

export const LEGACY_PARTY_TYPES = ['Driver', 'Owner', 'Hirer', 'Operator'] as const;
export type LegacyPartyType = (typeof LEGACY_PARTY_TYPES)[number];

/**
 * The Access database's statuses, each read as the Cordon liability stage it stands for. "Objection
 * upheld" means the objection succeeded (the penalty was cancelled at determination); "Part paid"
 * is a penalty due with money still owed; "Debt referral" an overdue debt; "Cancelled" a closed
 * liability. Which of these leave nothing to pay is `FINISHED_WITHOUT_DEBT`.
 */
export const LEGACY_STATUS_STAGES = {
  'Referral received': 'case-created',
  'IS11 sent': 'initial-notice-sent',
  'Penalty imposed': 'imposed',
  'Objection received': 'objection-received',
  'Objection upheld': 'objection-determined',
  'Objection rejected': 'objection-determined',
  'Appeal lodged': 'appeal-lodged',
  'Part paid': 'payment-due',
  Paid: 'paid',
  'Debt referral': 'overdue',
  'Written off': 'written-off',
  Cancelled: 'closed',
} as const satisfies Record<string, Stage>;
export type LegacyStatus = keyof typeof LEGACY_STATUS_STAGES;
export const LEGACY_STATUSES = Object.keys(LEGACY_STATUS_STAGES) as LegacyStatus[];

/** Statuses after which nothing is owed, whatever was imposed and paid. */
export const STATUSES_OWING_NOTHING: ReadonlySet<LegacyStatus> = new Set(['Objection upheld', 'Written off', 'Cancelled']);

/** Statuses of a liability that is finished: it needs no review when its 180 days have passed. */
export const FINISHED_STATUSES: ReadonlySet<LegacyStatus> = new Set(['Written off', 'Cancelled', 'Objection upheld', 'Paid']);

export const OBJECTION_DECISIONS = ['Upheld', 'Rejected', 'Reduced', 'Cancelled'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];
export const APPEAL_OUTCOMES = ['Allowed', 'Dismissed', 'Varied', 'Withdrawn'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
