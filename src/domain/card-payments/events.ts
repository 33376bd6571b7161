import { z } from 'zod';
import { amountPence, calendarDate, eventNames, id, type EventUnion } from '../event-schemas.js';

/*
 * Card payments made online (the public portal): the `card-payment` stream, one per attempt
 * (`card-payment-<id>`). The money itself is recorded on the penalty by the casework step a finance
 * officer uses (`recordPayment`, method card, reference the provider's payment id); these events
 * say who started the payment and what the provider said about it.
 */

export const CARD_PAYMENT_OUTCOMES = ['succeeded', 'declined', 'cancelled', 'error'] as const;
export type CardPaymentOutcome = (typeof CARD_PAYMENT_OUTCOMES)[number];

export const CARD_PAYMENT_EVENTS = {
  CardPaymentStarted: z.strictObject({
    paymentId: id,
    caseId: id,
    caseReference: z.string(),
    /** The penalty paid. */
    liabilityId: id,
    /** The person who pays (signed in): the penalty's own recipient or, for a driver's penalty, the owner or employer. */
    payerLiabilityId: id,
    paidBy: z.enum(['recipient', 'employer', 'other']),
    amountPence: amountPence.positive(),
    provider: z.string(),
    providerId: z.string().min(1),
    nextUrl: z.string(),
    startedOn: calendarDate,
  }),
  /** Money taken; `recordedOnPenalty` false when the penalty could not take it (then finance sorts it out). */
  CardPaymentSucceeded: z.strictObject({ receivedOn: calendarDate, recordedOnPenalty: z.boolean(), problem: z.string().nullable() }),
  /** No money taken: declined, cancelled by the person, or an error at the provider. */
  CardPaymentFailed: z.strictObject({ outcome: z.enum(['declined', 'cancelled', 'error']), providerStatus: z.string(), providerCode: z.string().nullable() }),
};

export const CARD_PAYMENT_EVENT = eventNames(CARD_PAYMENT_EVENTS);
export type CardPaymentEvent = EventUnion<typeof CARD_PAYMENT_EVENTS>;
