import type { PaymentMethod } from '../liability/actions.js';
import type { Candidate } from './ledger-matching.js';
import { LEDGER_IMPORT_EVENT, type LedgerImportEvent } from './events.js';
import { refuse, type PaymentsDecision } from './decision.js';

/*
 * The decisions of the ledger's commands, on the stream `ledger-import-<id>`: a file received, each
 * line recorded as matched or waiting, the import finished or stopped, a waiting line assigned to a
 * penalty or set aside.
 */

export type LedgerDecision = PaymentsDecision<LedgerImportEvent>;

export const SET_ASIDE_REASON_MAX = 1000;

export interface ReceivedLedgerFile {
  fileName: string;
  fileHash: string;
  lineCount: number;
  badRows: { line: number; message: string }[];
  alreadyImported: number;
}

export function decideReceiveLedgerFile(_state: unknown, file: ReceivedLedgerFile): LedgerDecision {
  const { fileName, fileHash, lineCount, badRows, alreadyImported } = file;
  return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerFileReceived, payload: { fileName, fileHash, lineCount, badRows, alreadyImported } }] };
}

/** A line of the file as read, with what matching made of it. */
export interface LedgerLineOutcome {
  lineId: string;
  lineNumber: number;
  lineKey: string;
  invoiceReference: string | null;
  payerReference: string | null;
  payerName: string | null;
  amountPence: number;
  paidOn: string;
  method: PaymentMethod;
  raw: Record<string, string>;
  outcome: 'matched' | 'waiting';
  waitingReason: 'unmatched' | 'ambiguous' | 'refused' | null;
  candidates: Candidate[];
  caseId: string | null;
  liabilityId: string | null;
}

/** Whether a line with the same key was recorded before (in this file or another). */
export interface LedgerLineKeyState {
  alreadyRecorded: boolean;
}

/** A line is recorded once, whatever file it comes in: the same transaction again changes nothing. */
export function decideRecordLedgerLine(state: LedgerLineKeyState, input: LedgerLineOutcome & { importId?: string }): LedgerDecision {
  // The import's id names the stream the line goes on; it is not a fact of the line itself.
  const { importId: _importId, ...line } = input;
  if (state.alreadyRecorded) return refuse([{ field: 'line', message: `Line ${line.lineNumber} was imported before` }]);
  if (line.outcome === 'matched' && !line.liabilityId) return refuse([{ field: 'liabilityId', message: `Line ${line.lineNumber} is matched to no penalty` }]);
  if (line.outcome === 'waiting' && !line.waitingReason) return refuse([{ field: 'waitingReason', message: `Line ${line.lineNumber} waits for no reason` }]);
  return {
    ok: true,
    events: [
      {
        type: LEDGER_IMPORT_EVENT.LedgerLineRecorded,
        payload: {
          ...line,
          waitingReason: line.outcome === 'waiting' ? line.waitingReason : null,
          liabilityId: line.outcome === 'matched' ? line.liabilityId : null,
          candidates: line.candidates.map(({ reference, liabilityId, why }) => ({ reference, liabilityId, why })),
        },
      },
    ],
  };
}

/** An import's counts so far. */
export interface LedgerImportCounts {
  matched: number;
  waiting: number;
  rejected: number;
}

export function decideFinishLedgerImport(counts: LedgerImportCounts): LedgerDecision {
  return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerImportFinished, payload: { matched: counts.matched, waiting: counts.waiting, rejected: counts.rejected } }] };
}

export function decideStopLedgerImport(): LedgerDecision {
  return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerImportStopped, payload: {} }] };
}

/** A recorded line, as the decisions on it need it. */
export interface LedgerLineState {
  id: string;
  lineNumber: number;
  /** 'matched' | 'waiting' | 'resolved' | 'set-aside' */
  status: string;
}

function notWaiting(line: LedgerLineState): LedgerDecision {
  const message = line.status === 'set-aside' ? 'This line has already been set aside' : 'This line has already been assigned to a penalty';
  return { ok: false, message: `${message}.`, errors: [{ field: 'line', message }] };
}

export interface LedgerLineAssignment {
  caseId: string;
  reference: string;
  liabilityId: string;
  paidBy: string;
}

/** A waiting line whose payment has been recorded on the penalty the finance officer chose. */
export function decideAssignLedgerLine(line: LedgerLineState, input: LedgerLineAssignment): LedgerDecision {
  if (line.status !== 'waiting') return notWaiting(line);
  return {
    ok: true,
    events: [
      {
        type: LEDGER_IMPORT_EVENT.LedgerLineAssigned,
        payload: { lineId: line.id, lineNumber: line.lineNumber, reference: input.reference, liabilityId: input.liabilityId, paidBy: input.paidBy, caseId: input.caseId },
      },
    ],
  };
}

/** A waiting line that is not a penalty payment (or cannot be placed), set aside with the reason. */
export function decideSetAsideLedgerLine(line: LedgerLineState, input: { reason: string }): LedgerDecision {
  if (line.status !== 'waiting') return notWaiting(line);
  const reason = input.reason.trim();
  if (!reason) return refuse([{ field: 'reason', message: 'Enter why the line is set aside' }]);
  if (reason.length > SET_ASIDE_REASON_MAX) return refuse([{ field: 'reason', message: `The reason must be ${SET_ASIDE_REASON_MAX} characters or fewer` }]);
  return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerLineSetAside, payload: { lineId: line.id, lineNumber: line.lineNumber, reason } }] };
}
