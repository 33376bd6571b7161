import { eq } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { CARD_PAYMENT_EVENT } from '../../domain/card-payments/events.js';
import { cardPayments } from './schema.js';

export const cardPaymentStream = (paymentId: string) => `card-payment-${paymentId}`;
export const paymentIdOfStream = (streamId: string) => streamId.slice('card-payment-'.length);

/** The only writer of `card_payments`. */
export const cardPaymentsProjector: Projector = {
  module: 'card-payments',
  tables: [cardPayments],
  streamTypes: ['card-payment'],
  async apply(tx, event) {
    const paymentId = paymentIdOfStream(event.streamId);
    if (isEventOf(event, CARD_PAYMENT_EVENT.CardPaymentStarted)) {
      const p = event.payload;
      await tx.insert(cardPayments).values({
        id: paymentId,
        caseId: p.caseId,
        caseReference: p.caseReference,
        liabilityId: p.liabilityId,
        payerLiabilityId: p.payerLiabilityId,
        paidBy: p.paidBy,
        amountPence: p.amountPence,
        provider: p.provider,
        providerId: p.providerId,
        nextUrl: p.nextUrl,
        status: 'started',
        startedOn: p.startedOn,
        startedAt: event.occurredAt,
        version: event.version,
      });
    } else if (isEventOf(event, CARD_PAYMENT_EVENT.CardPaymentSucceeded)) {
      const p = event.payload;
      await tx
        .update(cardPayments)
        .set({ status: 'succeeded', finishedAt: event.occurredAt, receivedOn: p.receivedOn, recordedOnPenalty: p.recordedOnPenalty, problem: p.problem, version: event.version })
        .where(eq(cardPayments.id, paymentId));
    } else if (isEventOf(event, CARD_PAYMENT_EVENT.CardPaymentFailed)) {
      await tx.update(cardPayments).set({ status: event.payload.outcome, finishedAt: event.occurredAt, version: event.version }).where(eq(cardPayments.id, paymentId));
    }
  },
};
