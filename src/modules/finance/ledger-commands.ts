import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition, Decision } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { PAYMENT_METHODS } from '../../domain/liability/actions.js';
import {
  decideAssignLedgerLine,
  decideFinishLedgerImport,
  decideReceiveLedgerFile,
  decideRecordLedgerLine,
  decideSetAsideLedgerLine,
  decideStopLedgerImport,
} from '../../domain/payments/ledger-decisions.js';
import { ledgerImports, ledgerLines } from './schema.js';
import { financeProjector } from './projector.js';

/*
 * The ledger's own records as commands on the stream `ledger-import-<id>`: a file received, each
 * line recorded (matched or waiting), an import finished or stopped, a waiting line assigned to a
 * penalty or set aside. The decisions are in src/domain/payments/ledger-decisions.ts; the tables are
 * written by the payments projector. The payments themselves are recorded on the cases
 * (`recordPayment`), so the case timeline has them.
 */

export const FINANCE_OFFICERS = ['finance-officer'] as const;
export const FINANCE_VIEWERS = ['finance-officer', 'manager'] as const;

export { SET_ASIDE_REASON_MAX } from '../../domain/payments/ledger-decisions.js';

export type LedgerImportRow = typeof ledgerImports.$inferSelect;
export type LedgerLineRow = typeof ledgerLines.$inferSelect;

export const ledgerStream = (importId: string) => `ledger-import-${importId}`;

function ledgerCommand<I, S>(definition: {
  name: string;
  input: z.ZodType<I>;
  roles?: readonly string[];
  load(tx: Db, input: NoInfer<I>): Promise<{ importId: string; state: S } | null>;
  decide(state: NoInfer<S>, input: NoInfer<I>, context: { actor: Actor; now: Date }): Decision;
}): CommandDefinition<I, S, { importId: string }> {
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
    projectors: [financeProjector],
    project: async (_tx, { streamId }) => ({ importId: streamId.slice('ledger-import-'.length) }),
  };
}

export interface BadRow {
  line: number;
  message: string;
}

/** A new ledger file: its import (status 'running') and what reading it found. */
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
  decide: decideReceiveLedgerFile,
});

async function loadImport<I extends { importId: string }>(tx: Db, input: I): Promise<{ importId: string; state: LedgerImportRow } | null> {
  const [row] = await tx.select().from(ledgerImports).where(eq(ledgerImports.id, input.importId));
  return row ? { importId: row.id, state: row } : null;
}

/**
 * One line of an import, matched or waiting. A line with the same key is recorded once: the key is
 * locked for the transaction, so two imports holding the same line cannot both record it.
 */
export const recordLedgerLine = ledgerCommand({
  name: 'recordLedgerLine',
  input: z.object({
    importId: z.string().uuid(),
    lineId: z.string().uuid(),
    lineNumber: z.number().int(),
    lineKey: z.string().min(1),
    invoiceReference: z.string().nullable(),
    payerReference: z.string().nullable(),
    payerName: z.string().nullable(),
    amountPence: z.number().int().nonnegative(),
    paidOn: z.string(),
    method: z.enum(Object.keys(PAYMENT_METHODS) as [keyof typeof PAYMENT_METHODS, ...(keyof typeof PAYMENT_METHODS)[]]),
    raw: z.record(z.string(), z.string()),
    outcome: z.enum(['matched', 'waiting']),
    waitingReason: z.enum(['unmatched', 'ambiguous', 'refused']).nullable(),
    candidates: z.array(z.object({ reference: z.string(), liabilityId: z.string(), why: z.string() })),
    caseId: z.string().nullable(),
    liabilityId: z.string().nullable(),
  }),
  async load(tx, input) {
    const found = await loadImport(tx, input);
    if (!found) return null;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ledger-line:${input.lineKey}`}, 0))`);
    const [line] = await tx.select({ id: ledgerLines.id }).from(ledgerLines).where(eq(ledgerLines.lineKey, input.lineKey));
    return { importId: found.importId, state: { alreadyRecorded: line !== undefined } };
  },
  decide: decideRecordLedgerLine,
});

export const finishLedgerImport = ledgerCommand({
  name: 'finishLedgerImport',
  input: z.object({ importId: z.string().uuid() }),
  load: loadImport,
  decide: decideFinishLedgerImport,
});

/** The import stopped part-way (an error): it shows as failed until the file is uploaded again. */
export const stopLedgerImport = ledgerCommand({
  name: 'stopLedgerImport',
  input: z.object({ importId: z.string().uuid() }),
  load: loadImport,
  decide: decideStopLedgerImport,
});

async function loadLine<I extends { lineId: string }>(tx: Db, input: I): Promise<{ importId: string; state: LedgerLineRow } | null> {
  const [line] = await tx.select().from(ledgerLines).where(eq(ledgerLines.id, input.lineId)).for('update');
  return line ? { importId: line.importId, state: line } : null;
}

/** A waiting line whose payment has been recorded on the penalty the finance officer chose. */
export const assignLedgerLine = ledgerCommand({
  name: 'assignLedgerLine',
  input: z.object({ lineId: z.string().uuid(), caseId: z.string().uuid(), reference: z.string(), liabilityId: z.string().uuid(), paidBy: z.string() }),
  load: loadLine,
  decide: decideAssignLedgerLine,
});

/** A waiting line that is not a penalty payment (or cannot be placed), set aside with the reason. */
export const setAsideLedgerLine = ledgerCommand({
  name: 'setAsideLedgerLine',
  input: z.object({ lineId: z.string().uuid(), reason: z.string() }),
  load: loadLine,
  decide: decideSetAsideLedgerLine,
});
