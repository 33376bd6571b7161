/*
 * The payment-provider adapter: what the service needs from a card payment provider, whichever it
 * is. Two implementations: GOV.UK Pay's REST API (`govuk-pay.ts`) and an offline fake
 * (`fake-provider.ts`, the default). Amounts are whole pence.
 */

/** GOV.UK Pay's `state.status` values; the fake uses the same. */
export const PROVIDER_STATUSES = ['created', 'started', 'submitted', 'capturable', 'success', 'failed', 'cancelled', 'error'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];

/** What a payment came to, in the service's terms: still going, money taken, or no money taken. */
export type PaymentOutcome = 'pending' | 'succeeded' | 'declined' | 'cancelled' | 'error';

export interface CreatePaymentRequest {
  amountPence: number;
  /** What the provider shows and reports against (the case reference). */
  reference: string;
  description: string;
  /** Where the provider sends the person back (an absolute URL). */
  returnUrl: string;
  /** The person's language; GOV.UK Pay has only en and cy, so anything else is sent as en. */
  language: string;
}

export interface CreatedPayment {
  providerId: string;
  /** Where to send the person to enter their card details. */
  nextUrl: string;
  status: ProviderStatus;
}

export interface PaymentState {
  providerId: string;
  status: ProviderStatus;
  /** GOV.UK Pay's `state.code` (P0010 declined, P0020 expired, P0030 cancelled by the user…), when it failed. */
  code: string | null;
  amountPence: number;
  reference: string;
}

/** A webhook the provider sent, once its signature is checked. */
export interface WebhookNotice {
  providerId: string;
  status: ProviderStatus | null;
  eventType: string | null;
}

export type WebhookReading = { ok: true; notice: WebhookNotice } | { ok: false; reason: 'bad-signature' | 'unreadable' };

export interface PaymentProvider {
  /** 'govuk-pay' or 'fake'. */
  readonly name: string;
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /** The payment's state now, or null when the provider does not know the id. */
  getPayment(providerId: string): Promise<PaymentState | null>;
  /** Checks the signature on a webhook's raw body and reads it. */
  readWebhook(rawBody: string, signature: string | undefined): WebhookReading;
}

/** What a provider status means for the penalty. */
export function outcomeOf(state: Pick<PaymentState, 'status' | 'code'>): PaymentOutcome {
  switch (state.status) {
    case 'success':
      return 'succeeded';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      // P0030: the person pressed "cancel payment"; P0010 declined, P0020 expired: no money taken either way.
      return state.code === 'P0030' ? 'cancelled' : 'declined';
    case 'error':
      return 'error';
    default:
      return 'pending';
  }
}

export function isProviderStatus(value: unknown): value is ProviderStatus {
  return typeof value === 'string' && (PROVIDER_STATUSES as readonly string[]).includes(value);
}

export class PaymentProviderError extends Error {}
