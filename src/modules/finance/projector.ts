import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { LEDGER_IMPORT_EVENT, type LedgerImportEvent } from '../../domain/payments/events.js';
import { caseIdOfReference } from '../casework/queries.js';
import { ledgerImports, ledgerLines } from './schema.js';

type LedgerPayload<K extends LedgerImportEvent['type']> = Extract<LedgerImportEvent, { type: K }>['payload'];

const after = (prefix: string, streamId: string) => streamId.slice(prefix.length);

/**
 * The only writer of the finance tables, from the events alone: the ledger's imports and lines from
 * the `ledger-import` stream. Who did it and when are the event's actor and time; the import's id is
 * its stream's. Rows recorded before their facts were all in events were carried over once on
 * upgrade (`…CarriedOver`, see carry-over.ts): those events hold the row as it stood. A line assigned
 * by an event older than its `caseId` finds the case through casework's published `caseIdOfReference`.
 */
export const financeProjector: Projector = {
  module: 'finance',
  tables: [ledgerImports, ledgerLines],
  streamTypes: ['ledger-import'],
  async apply(tx, event) {
    const importId = after('ledger-import-', event.streamId);
    switch (event.type) {
      case LEDGER_IMPORT_EVENT.LedgerFileReceived: {
        const file = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerFileReceived>;
        await tx.insert(ledgerImports).values({
          id: importId,
          fileHash: file.fileHash,
          fileName: file.fileName,
          importedBy: event.actorId,
          importedAt: event.occurredAt,
          lineCount: file.lineCount,
          rejected: file.badRows.length,
          status: 'running',
        });
        return;
      }
      case LEDGER_IMPORT_EVENT.LedgerLineRecorded: {
        const line = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerLineRecorded>;
        const inserted = await tx
          .insert(ledgerLines)
          .values({
            id: line.lineId,
            importId,
            lineNumber: line.lineNumber,
            lineKey: line.lineKey,
            invoiceReference: line.invoiceReference,
            payerReference: line.payerReference,
            payerName: line.payerName,
            amountPence: line.amountPence,
            paidOn: line.paidOn,
            method: line.method,
            raw: line.raw,
            status: line.outcome,
            waitingReason: line.waitingReason,
            candidates: line.candidates,
            caseId: line.caseId,
            liabilityId: line.liabilityId,
          })
          .onConflictDoNothing({ target: ledgerLines.lineKey })
          .returning({ id: ledgerLines.id });
        if (inserted.length === 0) return;
        await tx
          .update(ledgerImports)
          .set(line.outcome === 'matched' ? { matched: sql`${ledgerImports.matched} + 1` } : { waiting: sql`${ledgerImports.waiting} + 1` })
          .where(eq(ledgerImports.id, importId));
        return;
      }
      case LEDGER_IMPORT_EVENT.LedgerLineCarriedOver: {
        const { lineId, resolvedAt, ...row } = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerLineCarriedOver>;
        await tx
          .insert(ledgerLines)
          .values({ id: lineId, importId, ...row, resolvedAt: resolvedAt ? new Date(resolvedAt) : null })
          .onConflictDoNothing({ target: ledgerLines.lineKey });
        return;
      }
      case LEDGER_IMPORT_EVENT.LedgerImportCarriedOver: {
        const counts = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerImportCarriedOver>;
        await tx.update(ledgerImports).set(counts).where(eq(ledgerImports.id, importId));
        return;
      }
      case LEDGER_IMPORT_EVENT.LedgerImportFinished:
        await tx.update(ledgerImports).set({ status: 'done' }).where(eq(ledgerImports.id, importId));
        return;
      case LEDGER_IMPORT_EVENT.LedgerImportStopped:
        await tx.update(ledgerImports).set({ status: 'failed' }).where(eq(ledgerImports.id, importId));
        return;
      case LEDGER_IMPORT_EVENT.LedgerLineAssigned: {
        const assigned = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerLineAssigned>;
        await tx
          .update(ledgerLines)
          .set({
            status: 'resolved',
            caseId: assigned.caseId ?? (await caseIdOfReference(tx, assigned.reference)),
            liabilityId: assigned.liabilityId,
            resolvedBy: event.actorId,
            resolvedAt: event.occurredAt,
          })
          .where(and(eq(ledgerLines.id, assigned.lineId), eq(ledgerLines.status, 'waiting')));
        return;
      }
      case LEDGER_IMPORT_EVENT.LedgerLineSetAside: {
        const setAside = event.payload as LedgerPayload<typeof LEDGER_IMPORT_EVENT.LedgerLineSetAside>;
        await tx
          .update(ledgerLines)
          .set({ status: 'set-aside', resolvedBy: event.actorId, resolvedAt: event.occurredAt })
          .where(and(eq(ledgerLines.id, setAside.lineId), eq(ledgerLines.status, 'waiting')));
        return;
      }
    }
  },
};
