import { z } from 'zod';
import { count, eventNames, id, sha256, type EventUnion } from '../event-schemas.js';

/*
 * The `ledger-import` stream (`ledger-import-<id>`): a finance ledger file received, its import
 * finished, and each waiting line assigned to a penalty or set aside. The payments themselves are
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
  LedgerImportFinished: z.strictObject({ matched: count, waiting: count, rejected: count }),
  LedgerLineAssigned: z.strictObject({ lineId: id, lineNumber: z.number().int(), reference: z.string(), liabilityId: id, paidBy: z.string() }),
  LedgerLineSetAside: z.strictObject({ lineId: id, lineNumber: z.number().int(), reason: z.string().min(1) }),
};

/** `LEDGER_IMPORT_EVENT.LedgerFileReceived` is `'LedgerFileReceived'`. */
export const LEDGER_IMPORT_EVENT = eventNames(LEDGER_IMPORT_EVENTS);

export type LedgerImportEvent = EventUnion<typeof LEDGER_IMPORT_EVENTS>;
