import { pgTable, uuid, text, integer, date, timestamp, index, jsonb, uniqueIndex } from 'drizzle-orm/pg-core';

/** One import of the finance system's ledger export (a CSV file); the same file twice is one import. */
export const ledgerImports = pgTable(
  'ledger_imports',
  {
    id: uuid('id').primaryKey(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name').notNull(),
    importedBy: text('imported_by').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
    lineCount: integer('line_count').notNull(),
    matched: integer('matched').notNull().default(0),
    waiting: integer('waiting').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    status: text('status').notNull(),
  },
  (t) => [uniqueIndex('ledger_imports_file').on(t.fileHash)],
);

/**
 * Each payment line of a ledger file. A line is identified by its content (`line_key`): re-importing
 * it, in the same file or another, changes nothing. Unmatched and ambiguous lines wait for a finance
 * officer (status 'waiting').
 */
export const ledgerLines = pgTable(
  'ledger_lines',
  {
    id: uuid('id').primaryKey(),
    importId: uuid('import_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    lineKey: text('line_key').notNull(),
    invoiceReference: text('invoice_reference'),
    payerReference: text('payer_reference'),
    payerName: text('payer_name'),
    amountPence: integer('amount_pence').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    raw: jsonb('raw').$type<Record<string, string>>().notNull(),
    /** 'matched' | 'waiting' | 'resolved' | 'set-aside' */
    status: text('status').notNull(),
    /** Why it waits: 'unmatched' | 'ambiguous' | 'refused' (the case refused the payment). */
    waitingReason: text('waiting_reason'),
    candidates: jsonb('candidates').$type<{ reference: string; liabilityId: string; why: string }[]>(),
    caseId: uuid('case_id'),
    liabilityId: uuid('liability_id'),
    resolvedBy: text('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('ledger_lines_key').on(t.lineKey), index('ledger_lines_status').on(t.status), index('ledger_lines_import').on(t.importId)],
);
