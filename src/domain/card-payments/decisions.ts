import { refuse, type CommandDecision } from '../command-decision.js';
import { CARD_PAYMENT_EVENT, type CardPaymentOutcome } from './events.js';

/* What a card payment may do: start once, then finish once (succeeded, or failed with no money taken). Pure. */

export type CardPaymentStatus = 'started' | CardPaymentOutcome;

/** Refusal codes (the portal maps them to its messages). */
export const CARD_PAYMENT_REFUSALS = {
  amount: 'card-payment.amount',
  finished: 'card-payment.finished',
} as const;

export function amountProblem(amountPence: number, owedPence: number): 'too-small' | 'too-large' | 'nothing-owed' | null {
  if (owedPence <= 0) return 'nothing-owed';
  if (!Number.isSafeInteger(amountPence) || amountPence < 100) return 'too-small';
  if (amountPence > owedPence) return 'too-large';
  return null;
}

export function decideStartCardPayment(_state: null, input: { paymentId: string; caseId: string; caseReference: string; liabilityId: string; payerLiabilityId: string; paidBy: 'recipient' | 'employer' | 'other'; amountPence: number; owedPence: number; provider: string; providerId: string; nextUrl: string; startedOn: string }): CommandDecision {
  if (amountProblem(input.amountPence, input.owedPence)) return refuse(CARD_PAYMENT_REFUSALS.amount);
  const { owedPence: _owed, ...payload } = input;
  return { ok: true, events: [{ type: CARD_PAYMENT_EVENT.CardPaymentStarted, payload }] };
}

export function decideFinishCardPayment(
  state: { status: CardPaymentStatus },
  input: { outcome: CardPaymentOutcome; receivedOn: string; recordedOnPenalty: boolean; problem: string | null; providerStatus: string; providerCode: string | null },
): CommandDecision {
  if (state.status !== 'started') return refuse(CARD_PAYMENT_REFUSALS.finished);
  if (input.outcome === 'succeeded') {
    return { ok: true, events: [{ type: CARD_PAYMENT_EVENT.CardPaymentSucceeded, payload: { receivedOn: input.receivedOn, recordedOnPenalty: input.recordedOnPenalty, problem: input.problem } }] };
  }
  return { ok: true, events: [{ type: CARD_PAYMENT_EVENT.CardPaymentFailed, payload: { outcome: input.outcome, providerStatus: input.providerStatus, providerCode: input.providerCode } }] };
}
