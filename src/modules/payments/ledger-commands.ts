import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition, Decision } from '../../platform/events/command.js';
import type { Actor, NewEvent } from '../../platform/events/event-store.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { ledgerImports, ledgerLines } from './schema.js';
import { LEDGER_IMPORT_EVENT } from '../../domain/payments/events.js';

/*
 * The ledger's own records as commands on the stream `ledger-import-<id>`: a file received, an
 * import finished, a waiting line assigned to a penalty or set aside. The payments themselves are
 * recorded on the cases (`recordPayment`), so the case timeline has them.
 */

export const FINANCE_OFFICERS = ['finance-officer'] as const;
export const FINANCE_VIEWERS = ['finance-officer', 'manager'] as const;


export type LedgerImportRow = typeof ledgerImports.$inferSelect;
export type LedgerLineRow = typeof ledgerLines.$inferSelect;

export const ledgerStream = (importId: string) => `ledger-import-${importId}`;

function ledgerCommand<I, S, R>(definition: {
  name: string;
  input: z.ZodType<I>;
  roles?: readonly string[];
  load(tx: Db, input: I): Promise<{ importId: string; state: S } | null>;
  decide(state: S, input: I, context: { actor: Actor; now: Date }): Decision;
  project(tx: Db, args: { state: S; input: I; events: NewEvent[]; actor: Actor; now: Date }): Promise<R>;
}): CommandDefinition<I, S, R> {
  return {
    name: definition.name,
    input: definition.input,
    roles: definition.roles ?? FINANCE_OFFICERS,
    streamType: 'ledger-import',
    async load(tx, input) {
      const loaded = await definition.load(tx, input);
      if (!loaded) return null;
      const streamId = ledgerStream(loaded.importId);
      return { streamId, version: await streamVersion(tx, streamId), state: loaded.state };
    },
    decide: definition.decide,
    project: (tx, { state, input, events, actor, now }) => definition.project(tx, { state, input, events, actor, now }),
  };
}

export interface BadRow {
  line: number;
  message: string;
}

/** A new ledger file: its import row (status 'running') and what reading it found. */
export const receiveLedgerFile = ledgerCommand({
  name: 'receiveLedgerFile',
  input: z.object({
    importId: z.string().uuid(),
    fileName: z.string().min(1).max(255),
    fileHash: z.string().regex(/^[0-9a-f]{64}$/),
    lineCount: z.number().int().min(0),
    badRows: z.array(z.object({ line: z.number().int(), message: z.string() })),
    alreadyImported: z.number().int().min(0),
  }),
  async load(_tx, input) {
    return { importId: input.importId, state: null };
  },
  decide(_state, input) {
    const { importId: _id, ...payload } = input;
    return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerFileReceived, payload }] };
  },
  async project(tx, { input, actor, now }) {
    await tx.insert(ledgerImports).values({
      id: input.importId,
      fileHash: input.fileHash,
      fileName: input.fileName,
      importedBy: actor.id,
      importedAt: now,
      lineCount: input.lineCount,
      rejected: input.badRows.length,
      status: 'running',
    });
    return { importId: input.importId };
  },
});

export const finishLedgerImport = ledgerCommand({
  name: 'finishLedgerImport',
  input: z.object({ importId: z.string().uuid() }),
  async load(tx, input) {
    const [row] = await tx.select().from(ledgerImports).where(eq(ledgerImports.id, input.importId));
    return row ? { importId: row.id, state: row } : null;
  },
  decide(row) {
    return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerImportFinished, payload: { matched: row.matched, waiting: row.waiting, rejected: row.rejected } }] };
  },
  async project(tx, { state }) {
    await tx.update(ledgerImports).set({ status: 'done' }).where(eq(ledgerImports.id, state.id));
    return { importId: state.id };
  },
});

const notWaiting = (line: LedgerLineRow): Decision => ({
  ok: false,
  message: line.status === 'set-aside' ? 'This line has already been set aside.' : 'This line has already been assigned to a penalty.',
  errors: [{ field: 'line', message: line.status === 'set-aside' ? 'This line has already been set aside' : 'This line has already been assigned to a penalty' }],
});

async function loadLine<I extends { lineId: string }>(tx: Db, input: I): Promise<{ importId: string; state: LedgerLineRow } | null> {
  const [line] = await tx.select().from(ledgerLines).where(eq(ledgerLines.id, input.lineId)).for('update');
  return line ? { importId: line.importId, state: line } : null;
}

/** A waiting line whose payment has been recorded on the penalty the finance officer chose. */
export const assignLedgerLine = ledgerCommand<{ lineId: string; caseId: string; reference: string; liabilityId: string; paidBy: string }, LedgerLineRow, { lineId: string }>({
  name: 'assignLedgerLine',
  input: z.object({ lineId: z.string().uuid(), caseId: z.string().uuid(), reference: z.string(), liabilityId: z.string().uuid(), paidBy: z.string() }),
  load: loadLine,
  decide(line, input) {
    if (line.status !== 'waiting') return notWaiting(line);
    return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerLineAssigned, payload: { lineId: line.id, lineNumber: line.lineNumber, reference: input.reference, liabilityId: input.liabilityId, paidBy: input.paidBy } }] };
  },
  async project(tx, { state: line, input, actor, now }) {
    await tx
      .update(ledgerLines)
      .set({ status: 'resolved', caseId: input.caseId, liabilityId: input.liabilityId, resolvedBy: actor.id, resolvedAt: now })
      .where(and(eq(ledgerLines.id, line.id), eq(ledgerLines.status, 'waiting')));
    return { lineId: line.id };
  },
});

export const SET_ASIDE_REASON_MAX = 1000;

/** A waiting line that is not a penalty payment (or cannot be placed), set aside with the reason. */
export const setAsideLedgerLine = ledgerCommand<{ lineId: string; reason: string }, LedgerLineRow, { lineId: string }>({
  name: 'setAsideLedgerLine',
  input: z.object({ lineId: z.string().uuid(), reason: z.string() }),
  load: loadLine,
  decide(line, input) {
    if (line.status !== 'waiting') return notWaiting(line);
    const reason = input.reason.trim();
    if (!reason) return { ok: false, message: 'Enter why the line is set aside', errors: [{ field: 'reason', message: 'Enter why the line is set aside' }] };
    if (reason.length > SET_ASIDE_REASON_MAX) {
      return { ok: false, message: `The reason must be ${SET_ASIDE_REASON_MAX} characters or fewer`, errors: [{ field: 'reason', message: `The reason must be ${SET_ASIDE_REASON_MAX} characters or fewer` }] };
    }
    return { ok: true, events: [{ type: LEDGER_IMPORT_EVENT.LedgerLineSetAside, payload: { lineId: line.id, lineNumber: line.lineNumber, reason } }] };
  },
  async project(tx, { state: line, actor, now }) {
    await tx.update(ledgerLines).set({ status: 'set-aside', resolvedBy: actor.id, resolvedAt: now }).where(and(eq(ledgerLines.id, line.id), eq(ledgerLines.status, 'waiting')));
    return { lineId: line.id };
  },
});
