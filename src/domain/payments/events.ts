import { z } from 'zod';
import { amountPence, calendarDate, codeOf, count, eventNames, id, instant, pence, sha256, type EventUnion } from '../event-schemas.js';
import { PAYMENT_METHODS } from '../liability/actions.js';

/*
 * The `ledger-import` stream (`ledger-import-<id>`): a finance ledger file received, each of its
 * lines recorded (matched to a penalty, or waiting for a finance officer, with the candidates and
 * how they were found), its import finished or stopped, and each waiting line assigned to a penalty
 * or set aside. The payments themselves are
 * liability events on the cases (src/domain/case/events.ts), so each case's timeline has them.
 */

export const LEDGER_IMPORT_EVENTS = {
  LedgerFileReceived: z.strictObject({
    fileName: z.string().min(1),
    fileHash: sha256,
    lineCount: count,
    /** Lines that could not be read, with why. */
    badRows: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
    /** Lines already imported from an earlier file (skipped). */
    alreadyImported: count,
  }),
  /**
   * One payment line of the file, as read and as matched: `matched` when its payment was recorded on
   * the penalty (`liabilityId`, on the case `caseId`), else `waiting` for a finance officer with why
   * (`unmatched`, `ambiguous`, or `refused` by the case) and the candidates found, each with how.
   */
  LedgerLineRecorded: z.strictObject({
    lineId: id,
    lineNumber: z.number().int(),
    /** Identifies the line across files: a line recorded once is never recorded again. */
    lineKey: z.string().min(1),
    invoiceReference: z.string().nullable(),
    payerReference: z.string().nullable(),
    payerName: z.string().nullable(),
    amountPence,
    paidOn: calendarDate,
    method: codeOf(PAYMENT_METHODS),
    /** The line's fields by column, as read. */
    raw: z.record(z.string(), z.string()),
    outcome: z.enum(['matched', 'waiting']),
    waitingReason: z.enum(['unmatched', 'ambiguous', 'refused']).nullable(),
    candidates: z.array(z.strictObject({ reference: z.string(), liabilityId: id, why: z.string() })),
    caseId: id.nullable(),
    liabilityId: id.nullable(),
  }),
  LedgerImportFinished: z.strictObject({ matched: count, waiting: count, rejected: count }),
  /** The import stopped part-way (the lines not yet worked through wait for the file to be uploaded again). */
  LedgerImportStopped: z.strictObject({}),
  LedgerLineAssigned: z.strictObject({
    lineId: id,
    lineNumber: z.number().int(),
    reference: z.string(),
    liabilityId: id,
    paidBy: z.string(),
    /** The case the penalty is on (absent from events recorded before it was added: then the case with `reference`). */
    caseId: id.optional(),
  }),
  LedgerLineSetAside: z.strictObject({ lineId: id, lineNumber: z.number().int(), reason: z.string().min(1) }),
  /**
   * A line recorded before lines were events, carried over once on upgrade with the row as it stood
   * (its outcome, and who resolved it when): the log then holds every line.
   */
  LedgerLineCarriedOver: z.strictObject({
    lineId: id,
    lineNumber: z.number().int(),
    lineKey: z.string().min(1),
    invoiceReference: z.string().nullable(),
    payerReference: z.string().nullable(),
    payerName: z.string().nullable(),
    amountPence: pence,
    paidOn: calendarDate,
    method: z.string(),
    raw: z.record(z.string(), z.string()),
    status: z.string(),
    waitingReason: z.string().nullable(),
    candidates: z.array(z.strictObject({ reference: z.string(), liabilityId: id, why: z.string() })).nullable(),
    caseId: id.nullable(),
    liabilityId: id.nullable(),
    resolvedBy: z.string().nullable(),
    resolvedAt: instant.nullable(),
  }),
  /** An import's counts and status as they stood on upgrade, carried over once with its lines. */
  LedgerImportCarriedOver: z.strictObject({ matched: count, waiting: count, rejected: count, status: z.string() }),
};

/** `LEDGER_IMPORT_EVENT.LedgerFileReceived` is `'LedgerFileReceived'`. */
export const LEDGER_IMPORT_EVENT = eventNames(LEDGER_IMPORT_EVENTS);

export type LedgerImportEvent = EventUnion<typeof LEDGER_IMPORT_EVENTS>;

/*
 * The `debt-referral` stream (`debt-referral-<referralId>`): only a referral to the debt agency
 * recorded before its event carried the agency file's hash, carried over once on upgrade with the
 * row as it stood. New referrals are case events (`DebtReferredToAgency`).
 */
export const DEBT_REFERRAL_EVENTS = {
  DebtReferralCarriedOver: z.strictObject({
    caseId: id,
    liabilityId: id,
    batchId: id,
    referredOn: calendarDate,
    amountPence: pence,
    fileHash: z.string().nullable(),
    outcome: z.string().nullable(),
    outcomeNote: z.string().nullable(),
    outcomeOn: calendarDate.nullable(),
    createdBy: z.string(),
    createdAt: instant,
  }),
};

/** `DEBT_REFERRAL_EVENT.DebtReferralCarriedOver` is `'DebtReferralCarriedOver'`. */
export const DEBT_REFERRAL_EVENT = eventNames(DEBT_REFERRAL_EVENTS);

export type DebtReferralEvent = EventUnion<typeof DEBT_REFERRAL_EVENTS>;
