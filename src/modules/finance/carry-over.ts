import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { appendEvents, streamVersion, type Actor, type NewEvent } from '../../platform/events/event-store.js';
import { events } from '../../platform/events/schema.js';
import { project } from '../../platform/projections/projector.js';
import { LEDGER_IMPORT_EVENT } from '../../domain/payments/events.js';
import { ledgerStream } from './ledger-commands.js';
import { financeProjector } from './projector.js';
import { ledgerImports, ledgerLines } from './schema.js';

/*
 * An upgrade step, run once by `prepareDatabase` after the migrations: the ledger rows recorded
 * before all their facts were events are carried over onto the log, so replaying it gives exactly
 * the live rows. Ledger lines were written without any event (`LedgerLineCarriedOver` on their
 * import's stream, then `LedgerImportCarriedOver` with the import's counts and status — an import
 * that stopped was marked without an event too). Each carries the row as it stands. Idempotent: a
 * row whose facts are already in the log is left alone. (Referrals to the debt agency: enforcement's
 * carry-over.ts.)
 */

const UPGRADE: Actor = { id: 'system:upgrade', name: 'Cordon upgrade', roles: [] };

const iso = (value: Date | null) => (value ? value.toISOString() : null);

async function append(tx: Db, streamId: string, streamType: string, toAppend: NewEvent[], now: Date): Promise<void> {
  const expectedVersion = await streamVersion(tx, streamId);
  await appendEvents(tx, { streamId, streamType, expectedVersion, events: toAppend, actor: UPGRADE, occurredAt: now });
  let version = expectedVersion;
  await project(
    tx,
    [financeProjector],
    toAppend.map((e) => ({ streamId, streamType, version: (version += 1), type: e.type, payload: e.payload as Record<string, unknown>, actorId: UPGRADE.id, actorName: UPGRADE.name, occurredAt: now })),
  );
}

/** The ledger lines no event records, by import. */
async function linesWithoutEvents(tx: Db) {
  return tx
    .select()
    .from(ledgerLines)
    .where(
      sql`not exists (select 1 from ${events} e where e.stream_id = 'ledger-import-' || ${ledgerLines.importId}::text
        and e.type in (${LEDGER_IMPORT_EVENT.LedgerLineRecorded}, ${LEDGER_IMPORT_EVENT.LedgerLineCarriedOver})
        and e.payload->>'lineId' = ${ledgerLines.id}::text)`,
    )
    .orderBy(asc(ledgerLines.importId), asc(ledgerLines.lineNumber), asc(ledgerLines.id));
}

/** Imports marked failed without the event that says so. */
async function importsStoppedWithoutEvent(tx: Db) {
  return tx
    .select({ id: ledgerImports.id })
    .from(ledgerImports)
    .where(
      and(
        eq(ledgerImports.status, 'failed'),
        sql`not exists (select 1 from ${events} e where e.stream_id = 'ledger-import-' || ${ledgerImports.id}::text
          and e.type in (${LEDGER_IMPORT_EVENT.LedgerImportStopped}, ${LEDGER_IMPORT_EVENT.LedgerImportCarriedOver}))`,
      ),
    );
}

export async function carryOverLedgerRows(db: Db, now = new Date()): Promise<{ lines: number; imports: number }> {
  return db.transaction(async (tx) => {
    const lines = await linesWithoutEvents(tx);
    const byImport = new Map<string, typeof lines>();
    for (const line of lines) byImport.set(line.importId, [...(byImport.get(line.importId) ?? []), line]);
    const importIds = new Set([...byImport.keys(), ...(await importsStoppedWithoutEvent(tx)).map((row) => row.id)]);
    const imports = importIds.size ? await tx.select().from(ledgerImports).where(inArray(ledgerImports.id, [...importIds])) : [];
    for (const row of imports) {
      const carried: NewEvent[] = (byImport.get(row.id) ?? []).map((line) => ({
        type: LEDGER_IMPORT_EVENT.LedgerLineCarriedOver,
        payload: {
          lineId: line.id,
          lineNumber: line.lineNumber,
          lineKey: line.lineKey,
          invoiceReference: line.invoiceReference,
          payerReference: line.payerReference,
          payerName: line.payerName,
          amountPence: line.amountPence,
          paidOn: line.paidOn,
          method: line.method,
          raw: line.raw,
          status: line.status,
          waitingReason: line.waitingReason,
          candidates: line.candidates,
          caseId: line.caseId,
          liabilityId: line.liabilityId,
          resolvedBy: line.resolvedBy,
          resolvedAt: iso(line.resolvedAt),
        },
      }));
      carried.push({ type: LEDGER_IMPORT_EVENT.LedgerImportCarriedOver, payload: { matched: row.matched, waiting: row.waiting, rejected: row.rejected, status: row.status } });
      await append(tx, ledgerStream(row.id), 'ledger-import', carried, now);
    }
    return { lines: lines.length, imports: imports.length };
  });
}
