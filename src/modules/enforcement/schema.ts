import { pgTable, uuid, text, integer, bigint, date, timestamp, index } from 'drizzle-orm/pg-core';

/** A vehicle detained for an unpaid penalty: where, from when, the costs accruing, and how it ended. */
export const detentions = pgTable(
  'detentions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id'),
    registration: text('registration').notNull(),
    registrationKey: text('registration_key').notNull(),
    place: text('place').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    dailyCostPence: integer('daily_cost_pence').notNull(),
    /** 'payment' | 'security' | 'court-order' | 'sold' */
    endedHow: text('ended_how'),
    endedOn: date('ended_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('detentions_case').on(t.caseId), index('detentions_open').on(t.endedOn)],
);

/** Files sent to the debt collection agency, and what came back, per liability. */
export const debtReferrals = pgTable(
  'debt_referrals',
  {
    id: uuid('id').primaryKey(),
    batchId: uuid('batch_id').notNull(),
    caseId: uuid('case_id').notNull(),
    liabilityId: uuid('liability_id').notNull(),
    referredOn: date('referred_on', { mode: 'string' }).notNull(),
    amountPence: bigint('amount_pence', { mode: 'number' }).notNull(),
    fileHash: text('file_hash'),
    /** What the agency reported back: 'collected' | 'part-collected' | 'untraceable' | 'disputed' | 'returned'. */
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('debt_referrals_liability').on(t.liabilityId), index('debt_referrals_batch').on(t.batchId)],
);
