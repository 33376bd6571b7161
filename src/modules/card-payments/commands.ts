import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import { CARD_PAYMENT_OUTCOMES } from '../../domain/card-payments/events.js';
import { decideFinishCardPayment, decideStartCardPayment, type CardPaymentStatus } from '../../domain/card-payments/decisions.js';
import { cardPaymentsProjector, cardPaymentStream } from './projector.js';
import { cardPayments } from './schema.js';

/**
 * Who records card payments: the person paying online (`portal-user`, the portal's actor) starts
 * one; its outcome is recorded by whoever hears it first — the person back on the return page, or
 * the service itself (`CARD_PAYMENTS_ACTOR`, on a webhook or a poll).
 */
export const CARD_PAYERS = ['portal-user', 'card-payments'] as const;

/** The service's own actor for what the provider says (webhooks, polling) and the payment recorded on the penalty. */
export const CARD_PAYMENTS_ACTOR = { id: 'system:card-payments', name: 'Card payment (online)', roles: ['card-payments', 'finance-officer'] };

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const startCardPaymentInput = z.object({
  paymentId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string().min(1),
  liabilityId: z.uuid(),
  payerLiabilityId: z.uuid(),
  paidBy: z.enum(['recipient', 'employer', 'other']),
  amountPence: z.number().int(),
  owedPence: z.number().int(),
  provider: z.string().min(1),
  providerId: z.string().min(1).max(100),
  nextUrl: z.string().min(1).max(2000),
  startedOn: date,
});

export const startCardPayment: CommandDefinition<z.infer<typeof startCardPaymentInput>, null, { paymentId: string }> = {
  name: 'startCardPayment',
  input: startCardPaymentInput,
  roles: CARD_PAYERS,
  streamType: 'card-payment',
  optimistic: true,
  async load(_tx, input) {
    return { streamId: cardPaymentStream(input.paymentId), version: 0, state: null };
  },
  decide: decideStartCardPayment,
  projectors: [cardPaymentsProjector],
  async project(_tx, { input }) {
    return { paymentId: input.paymentId };
  },
};

export const finishCardPaymentInput = z.object({
  paymentId: z.uuid(),
  outcome: z.enum(CARD_PAYMENT_OUTCOMES),
  receivedOn: date,
  recordedOnPenalty: z.boolean(),
  problem: z.string().nullable(),
  providerStatus: z.string(),
  providerCode: z.string().nullable(),
});

export const finishCardPayment: CommandDefinition<z.infer<typeof finishCardPaymentInput>, { status: CardPaymentStatus }, { paymentId: string }> = {
  name: 'finishCardPayment',
  input: finishCardPaymentInput,
  roles: CARD_PAYERS,
  streamType: 'card-payment',
  optimistic: true,
  async load(tx, input) {
    const [row] = await tx.select({ status: cardPayments.status, version: cardPayments.version }).from(cardPayments).where(eq(cardPayments.id, input.paymentId));
    if (!row) return null;
    return { streamId: cardPaymentStream(input.paymentId), version: row.version, state: { status: row.status as CardPaymentStatus } };
  },
  decide: decideFinishCardPayment,
  projectors: [cardPaymentsProjector],
  async project(_tx, { input }) {
    return { paymentId: input.paymentId };
  },
};
