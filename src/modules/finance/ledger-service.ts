import { randomUUID } from 'node:crypto';
import { monotonicId } from '../../platform/ids.js';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type FieldError } from '../../platform/events/command.js';
import { eventsOfType, type Actor } from '../../platform/events/event-store.js';
import { sha256Hex, type FileStore } from '../../platform/files/file-store.js';
import type { Payer } from '../../domain/liability/actions.js';
import { readLedgerFile, type LedgerLine } from '../../domain/payments/ledger-file.js';
import { matchLedgerLine, owingIndex, referencesToLookUp, updateOwing, whoPaid, type Candidate, type PayableLiability } from '../../domain/payments/ledger-matching.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { CasesService } from '../casework/service.js';
import {
  assignLedgerLine,
  finishLedgerImport,
  ledgerStream,
  receiveLedgerFile,
  recordLedgerLine,
  setAsideLedgerLine,
  stopLedgerImport,
  type BadRow,
  type LedgerImportRow,
  type LedgerLineRow,
} from './ledger-commands.js';
import { liabilitiesOfCases, liabilityOfInvoice, owingLiabilities, payableLiabilities, payableLiability } from './payable.js';
import { ledgerImports, ledgerLines } from './schema.js';
import { LEDGER_IMPORT_EVENT } from '../../domain/payments/events.js';

/** Ledger files up to this size (about 40,000 lines). */
export const MAX_LEDGER_FILE_BYTES = 5 * 1024 * 1024;

export type StartImport =
  | { ok: true; importId: string; repeated: boolean }
  | { ok: false; message: string };

export interface ImportProgress {
  status: string;
  total: number;
  done: number;
  matched: number;
  waiting: number;
  rejected: number;
  alreadyImported: number;
}

/**
 * Imports the finance system's ledger export: each line matched to a penalty and the payment recorded
 * on the case (`recordPayment`), or left waiting for a finance officer. A file is identified by its
 * bytes and a line by its transaction id, so importing either again changes nothing. The lines are
 * worked through after the upload returns; the import's counts show the progress. A file whose import
 * stopped part-way (the service restarted) is resumed by uploading it again: lines already recorded
 * are skipped, and each payment carries the line's key as its idempotency key, so none is recorded
 * twice.
 */
export function ledgerService(db: Db, deps: { cases: CasesService; files: FileStore; log?: (message: string, error: unknown) => void }) {
  const { cases, files } = deps;
  const running = new Map<string, Promise<void>>();

  /**
   * Records one line of the import as matched or waiting (`LedgerLineRecorded`). A line another
   * import recorded first is left as it is. The import's stream may be appended to at the same time
   * (a finance officer working a waiting line of the same import), so a stale version is tried again.
   */
  async function recordLine(importId: string, line: LedgerLine, outcome: { status: 'matched' | 'waiting'; reason?: 'unmatched' | 'ambiguous' | 'refused'; liability?: PayableLiability | null; caseId?: string | null; candidates: Candidate[] }, actor: Actor) {
    const input = {
      importId,
      lineId: randomUUID(),
      lineNumber: line.lineNumber,
      lineKey: line.lineKey,
      invoiceReference: line.invoiceReference || null,
      payerReference: line.payerReference || null,
      payerName: line.payerName || null,
      amountPence: line.amountPence,
      paidOn: line.postedOn,
      method: line.method,
      raw: line.raw,
      outcome: outcome.status,
      waitingReason: outcome.status === 'waiting' ? (outcome.reason ?? null) : null,
      candidates: outcome.candidates,
      caseId: outcome.caseId ?? null,
      liabilityId: outcome.status === 'matched' ? (outcome.liability?.liabilityId ?? null) : null,
    };
    for (let attempt = 1; ; attempt += 1) {
      const recorded = await executeCommand(db, recordLedgerLine, input, { actor, now: cases.now() });
      if (recorded.ok || recorded.kind === 'refused') return;
      if (recorded.kind !== 'conflict' || attempt >= 5) throw new Error(`Line ${line.lineNumber} could not be recorded: ${recorded.message}`);
    }
  }

  async function alreadyRecorded(lineKey: string): Promise<boolean> {
    const [row] = await db.select({ id: ledgerLines.id }).from(ledgerLines).where(eq(ledgerLines.lineKey, lineKey));
    return row !== undefined;
  }

  async function caseIdOf(reference: string): Promise<string | null> {
    const file = await cases.caseFile(reference);
    return file?.kase.id ?? null;
  }

  /** Records one payment on one liability; the line's key makes a repeat change nothing. */
  async function recordPayment(line: LedgerLine, liability: PayableLiability, paidBy: Payer, actor: Actor) {
    return cases.act(
      {
        reference: liability.caseReference,
        liabilityIds: [liability.liabilityId],
        action: { type: 'recordPayment', amountPence: line.amountPence, receivedOn: line.postedOn, method: line.method, reference: line.paymentReference, paidBy },
      },
      { actor, now: cases.now(), idempotencyKey: `ledger:${line.lineKey}` },
    );
  }

  async function processLines(importId: string, lines: readonly LedgerLine[], actor: Actor): Promise<void> {
    const owing = owingIndex(await owingLiabilities(db));
    for (const line of lines) {
      // Let requests in between lines: with the embedded database every query resolves without I/O,
      // so a long import would otherwise hold the event loop until it ends.
      await new Promise((resolve) => setImmediate(resolve));
      if (await alreadyRecorded(line.lineKey)) continue;
      const { quoted, nearby } = referencesToLookUp(line);
      const byCase = await liabilitiesOfCases(db, [...new Set([...quoted.map((r) => r.caseReference), ...nearby])]);
      const invoiceLiability = await liabilityOfInvoice(db, line.invoiceReference);
      const match = matchLedgerLine(line, {
        byCase,
        byInvoice: invoiceLiability ? new Map([[line.invoiceReference, invoiceLiability]]) : new Map(),
        owing,
      });
      if (match.kind !== 'matched') {
        await recordLine(importId, line, { status: 'waiting', reason: match.kind, candidates: match.candidates }, actor);
        continue;
      }
      const liability = match.liability;
      const siblings = (await liabilitiesOfCases(db, [liability.caseReference])).get(liability.caseReference) ?? [liability];
      const paidBy = whoPaid(line.payerName, liability, siblings);
      const outcome = await recordPayment(line, liability, paidBy, actor);
      const candidate = { reference: liability.caseReference, liabilityId: liability.liabilityId, why: match.how };
      if (outcome.ok) {
        await recordLine(importId, line, { status: 'matched', liability, caseId: await caseIdOf(liability.caseReference), candidates: [candidate] }, actor);
        const after = await payableLiability(db, liability.liabilityId);
        if (after) updateOwing(owing, after);
      } else {
        await recordLine(importId, line, { status: 'waiting', reason: 'refused', candidates: [{ ...candidate, why: `${match.how}. The case refused the payment: ${outcome.message}` }] }, actor);
      }
    }
    await executeCommand(db, finishLedgerImport, { importId }, { actor, now: cases.now() });
  }

  function run(importId: string, lines: readonly LedgerLine[], actor: Actor): void {
    if (running.has(importId)) return;
    const job = processLines(importId, lines, actor)
      .catch(async (error) => {
        deps.log?.(`ledger import ${importId} stopped`, error);
        await executeCommand(db, stopLedgerImport, { importId }, { actor, now: cases.now() });
      })
      .finally(() => running.delete(importId));
    running.set(importId, job);
  }

  const service = {
    /**
     * Reads the file and starts its import. The same bytes again answer the earlier import and change
     * nothing (an import that stopped part-way is resumed). A file that is not a ledger export at all
     * is refused with the reason; bad lines in a good file are reported and skipped.
     */
    async startImport(upload: { bytes: Buffer; fileName: string }, actor: Actor): Promise<StartImport> {
      if (upload.bytes.length === 0) return { ok: false, message: 'The selected file is empty' };
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes);
      } catch {
        return { ok: false, message: 'The selected file must be a CSV file in UTF-8 (save it from the spreadsheet as “CSV UTF-8”)' };
      }
      const reading = readLedgerFile(text);
      if (reading.unusable) return { ok: false, message: reading.unusable };
      const fileHash = sha256Hex(upload.bytes);
      const existing = await service.importByHash(fileHash);
      if (existing) {
        if (existing.status !== 'done') run(existing.id, reading.lines, actor);
        return { ok: true, importId: existing.id, repeated: true };
      }
      await files.put(upload.bytes, 'text/csv');
      const keys = reading.lines.map((line) => line.lineKey);
      const known = keys.length ? await db.select({ key: ledgerLines.lineKey }).from(ledgerLines).where(inArray(ledgerLines.lineKey, keys)) : [];
      const importId = monotonicId();
      try {
        const outcome = await executeCommand(
          db,
          receiveLedgerFile,
          { importId, fileName: upload.fileName.slice(0, 255) || 'ledger.csv', fileHash, lineCount: reading.lineCount, badRows: reading.problems, alreadyImported: known.length },
          { actor, now: cases.now() },
        );
        if (!outcome.ok) return { ok: false, message: outcome.message };
      } catch (error) {
        // Two uploads of the same file at once: the other one won.
        const other = await service.importByHash(fileHash);
        if (other) return { ok: true, importId: other.id, repeated: true };
        throw error;
      }
      run(importId, reading.lines, actor);
      return { ok: true, importId, repeated: false };
    },

    /** Resolves when the import's lines have all been worked through (for tests and the CLI). */
    async waitFor(importId: string): Promise<void> {
      await running.get(importId);
    },

    async importByHash(fileHash: string): Promise<LedgerImportRow | null> {
      const [row] = await db.select().from(ledgerImports).where(eq(ledgerImports.fileHash, fileHash));
      return row ?? null;
    },

    async getImport(importId: string) {
      const [row] = await db.select().from(ledgerImports).where(eq(ledgerImports.id, importId));
      if (!row) return null;
      const [received] = await eventsOfType(db, ledgerStream(importId), LEDGER_IMPORT_EVENT.LedgerFileReceived);
      const payload = (received?.payload ?? {}) as { badRows?: BadRow[]; alreadyImported?: number };
      const byStatus = await db.select({ status: ledgerLines.status, n: count() }).from(ledgerLines).where(eq(ledgerLines.importId, importId)).groupBy(ledgerLines.status);
      const now = Object.fromEntries(byStatus.map((row) => [row.status, Number(row.n)])) as Record<string, number>;
      return {
        row,
        importedByName: received?.actorName ?? row.importedBy,
        badRows: payload.badRows ?? [],
        progress: progressOf(row, payload.alreadyImported ?? 0),
        stillWaiting: now.waiting ?? 0,
        resolved: now.resolved ?? 0,
        setAside: now['set-aside'] ?? 0,
      };
    },

    async progress(importId: string): Promise<ImportProgress | null> {
      const found = await service.getImport(importId);
      return found ? found.progress : null;
    },

    async listImports(limit = 50) {
      const rows = await db.select().from(ledgerImports).orderBy(desc(ledgerImports.importedAt), desc(ledgerImports.id)).limit(limit);
      const waiting = rows.length
        ? await db
            .select({ importId: ledgerLines.importId, n: count() })
            .from(ledgerLines)
            .where(and(inArray(ledgerLines.importId, rows.map((row) => row.id)), eq(ledgerLines.status, 'waiting')))
            .groupBy(ledgerLines.importId)
        : [];
      const waitingBy = new Map(waiting.map((row) => [row.importId, Number(row.n)]));
      return rows.map((row) => ({ ...row, stillWaiting: waitingBy.get(row.id) ?? 0 }));
    },

    /** The lines an import recorded, in file order (the first 500). */
    async linesOfImport(importId: string) {
      return db.select().from(ledgerLines).where(eq(ledgerLines.importId, importId)).orderBy(asc(ledgerLines.lineNumber)).limit(500);
    },

    /** The penalty each recorded line paid, by liability id: person, role, offence and case. */
    async penaltiesPaidBy(lines: readonly { liabilityId: string | null }[]) {
      return payableLiabilities(db, lines.flatMap((line) => (line.liabilityId ? [line.liabilityId] : [])));
    },

    /** The unmatched queue: every line waiting for a finance officer, oldest payment first. */
    async waitingLines() {
      return db.select().from(ledgerLines).where(eq(ledgerLines.status, 'waiting')).orderBy(asc(ledgerLines.paidOn), asc(ledgerLines.lineNumber));
    },

    async line(lineId: string): Promise<LedgerLineRow | null> {
      const [row] = await db.select().from(ledgerLines).where(eq(ledgerLines.id, lineId));
      return row ?? null;
    },

    /** The candidates of a line with the person each names and what they owe now, for the queue. */
    async describeCandidates(candidates: readonly Candidate[]) {
      const out = [];
      for (const candidate of candidates) {
        const liability = await payableLiability(db, candidate.liabilityId);
        if (liability) out.push({ ...candidate, liability });
      }
      return out;
    },

    /** The reason a line was set aside, from the ledger's events. */
    async setAsideReason(line: LedgerLineRow): Promise<string | null> {
      const events = await eventsOfType(db, ledgerStream(line.importId), LEDGER_IMPORT_EVENT.LedgerLineSetAside);
      const event = events.reverse().find((e) => e.payload.lineId === line.id);
      return event ? String(event.payload.reason) : null;
    },

    /**
     * Assigns a waiting line to a penalty: the case (by reference, however written) and, when the case
     * has several people who can pay, which one. The payment is recorded on the case first; the line
     * is then marked resolved. Errors are field errors for the queue page.
     */
    async assign(lineId: string, choice: { reference: string; liabilityId?: string | undefined; paidBy?: string | undefined }, actor: Actor): Promise<{ ok: true; reference: string } | { ok: false; errors: FieldError[]; people?: PayableLiability[] }> {
      const line = await service.line(lineId);
      if (!line) return { ok: false, errors: [{ field: 'line', message: 'This line does not exist' }] };
      if (line.status !== 'waiting') return { ok: false, errors: [{ field: 'line', message: line.status === 'set-aside' ? 'This line has already been set aside' : 'This line has already been assigned to a penalty' }] };
      const written = choice.reference.trim();
      if (!written) return { ok: false, errors: [{ field: 'reference', message: 'Choose a penalty or enter a case reference, like CEC-2026-000123' }] };
      const quoted = referencesToLookUp({ payerReference: written, invoiceReference: '' }).quoted[0];
      const reference = quoted?.caseReference ?? written.toUpperCase();
      const people = (await liabilitiesOfCases(db, [reference])).get(reference) ?? [];
      if (people.length === 0) return { ok: false, errors: [{ field: 'reference', message: `No case has the reference ${written}` }] };
      const open = people.filter((person) => person.open && (!quoted?.role || person.role === quoted.role));
      const chosen = choice.liabilityId ? open.find((person) => person.liabilityId === choice.liabilityId) : open.length === 1 ? open[0] : undefined;
      if (!chosen) {
        if (open.length === 0) return { ok: false, errors: [{ field: 'reference', message: `Every penalty on ${reference} is finished: no payment can be recorded on it` }] };
        return { ok: false, people: open, errors: [{ field: 'liabilityId', message: `Choose whose penalty on ${reference} the payment is for` }] };
      }
      const paidBy = (['recipient', 'employer', 'other'] as const).find((payer) => payer === choice.paidBy) ?? whoPaid(line.payerName ?? '', chosen, people);
      const ledgerLine: LedgerLine = {
        lineNumber: line.lineNumber,
        lineKey: line.lineKey,
        transactionId: line.raw.transaction_id ?? line.lineKey,
        postedOn: line.paidOn,
        amountPence: line.amountPence,
        method: line.method as LedgerLine['method'],
        invoiceReference: line.invoiceReference ?? '',
        paymentReference: line.invoiceReference || (line.raw.transaction_id ?? line.lineKey),
        payerReference: line.payerReference ?? '',
        payerName: line.payerName ?? '',
        raw: line.raw,
      };
      const recorded = await recordPayment(ledgerLine, chosen, paidBy, actor);
      if (!recorded.ok) {
        const message = recorded.kind === 'conflict' ? 'This payment has already been recorded on another penalty. Reload the queue.' : recorded.message;
        return { ok: false, errors: [{ field: 'reference', message: `${reference}: ${message}` }] };
      }
      const caseId = await caseIdOf(reference);
      const assigned = await executeCommand(
        db,
        assignLedgerLine,
        { lineId, caseId: caseId!, reference, liabilityId: chosen.liabilityId, paidBy },
        { actor, now: cases.now() },
      );
      if (!assigned.ok && assigned.kind !== 'refused') return { ok: false, errors: [{ field: 'line', message: assigned.message }] };
      return { ok: true, reference };
    },

    async setAside(lineId: string, reason: string, actor: Actor) {
      return executeCommand(db, setAsideLedgerLine, { lineId, reason }, { actor, now: cases.now() });
    },

    /** Today by the casework clock. */
    today: () => ukDate(cases.now()),
  };
  return service;
}

function progressOf(row: LedgerImportRow, alreadyImported: number): ImportProgress {
  const done = Math.min(row.lineCount, row.rejected + alreadyImported + row.matched + row.waiting);
  return {
    status: row.status,
    total: row.lineCount,
    done: row.status === 'done' ? row.lineCount : done,
    matched: row.matched,
    waiting: row.waiting,
    rejected: row.rejected,
    alreadyImported,
  };
}

export type LedgerService = ReturnType<typeof ledgerService>;
