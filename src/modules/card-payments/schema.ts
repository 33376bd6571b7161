import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Card payments made online, one row per attempt. Written only by `cardPaymentsProjector` from the
 * `card-payment` stream. The provider's payment id is unique: one attempt, one row.
 */
export const cardPayments = pgTable(
  'card_payments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    caseReference: text('case_reference').notNull(),
    liabilityId: uuid('liability_id').notNull(),
    payerLiabilityId: uuid('payer_liability_id').notNull(),
    paidBy: text('paid_by').notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    providerId: text('provider_id').notNull().unique(),
    nextUrl: text('next_url').notNull(),
    /** 'started' | 'succeeded' | 'declined' | 'cancelled' | 'error' */
    status: text('status').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    receivedOn: date('received_on', { mode: 'string' }),
    /** On success: whether the penalty took the payment (false: finance must place it). */
    recordedOnPenalty: boolean('recorded_on_penalty'),
    problem: text('problem'),
    version: integer('version').notNull(),
  },
  (t) => [index('card_payments_liability').on(t.liabilityId, t.startedAt)],
);
