import { isProviderStatus, PaymentProviderError, type CreatedPayment, type CreatePaymentRequest, type PaymentProvider, type PaymentState, type WebhookReading } from './provider.js';
import { signatureMatches } from './signature.js';

/*
 * GOV.UK Pay (https://docs.payments.service.gov.uk/api_reference/) with plain `fetch`: there is no
 * official Node SDK. `POST /v1/payments` creates a payment and answers its `payment_id` and
 * `_links.next_url`; `GET /v1/payments/{id}` answers `state.status` (and `state.code` when it
 * failed); webhooks carry `Pay-Signature`, the HMAC-SHA256 hex of the raw body.
 */

export const GOVUK_PAY_BASE_URL = 'https://publicapi.payments.service.gov.uk';

export interface GovukPayOptions {
  apiKey: string;
  /** Without it, webhooks are refused (the return page and polling still settle payments). */
  webhookSecret: string | undefined;
  baseUrl?: string;
  /** Milliseconds before a call is given up. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface PayPayment {
  payment_id: string;
  amount: number;
  reference: string;
  state: { status: string; finished?: boolean; code?: string; message?: string };
  _links?: { next_url?: { href: string } | null };
}

export function govukPayProvider(options: GovukPayOptions): PaymentProvider {
  const base = (options.baseUrl ?? GOVUK_PAY_BASE_URL).replace(/\/+$/, '');
  const call = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    try {
      return await call(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PaymentProviderError(`GOV.UK Pay could not be reached: ${(error as Error).message}`);
    }
  }

  function stateOf(payment: PayPayment): PaymentState {
    const status = payment.state?.status;
    if (!isProviderStatus(status)) throw new PaymentProviderError(`GOV.UK Pay answered an unknown status "${String(status)}"`);
    return { providerId: payment.payment_id, status, code: payment.state.code ?? null, amountPence: payment.amount, reference: payment.reference };
  }

  return {
    name: 'govuk-pay',
    async createPayment(input: CreatePaymentRequest): Promise<CreatedPayment> {
      const response = await request('POST', '/v1/payments', {
        amount: input.amountPence,
        reference: input.reference,
        description: input.description,
        return_url: input.returnUrl,
        // GOV.UK Pay's pages exist in English and Welsh only.
        language: input.language === 'cy' ? 'cy' : 'en',
      });
      if (response.status !== 201 && response.status !== 200) {
        throw new PaymentProviderError(`GOV.UK Pay refused the payment (${response.status}): ${await response.text().catch(() => '')}`);
      }
      const payment = (await response.json()) as PayPayment;
      const next = payment._links?.next_url?.href;
      if (!payment.payment_id || !next) throw new PaymentProviderError('GOV.UK Pay answered without a payment id or next_url');
      return { providerId: payment.payment_id, nextUrl: next, status: stateOf(payment).status };
    },
    async getPayment(providerId: string): Promise<PaymentState | null> {
      const response = await request('GET', `/v1/payments/${encodeURIComponent(providerId)}`);
      if (response.status === 404) return null;
      if (!response.ok) throw new PaymentProviderError(`GOV.UK Pay answered ${response.status} for payment ${providerId}`);
      return stateOf((await response.json()) as PayPayment);
    },
    readWebhook(rawBody: string, signature: string | undefined): WebhookReading {
      if (!options.webhookSecret || !signatureMatches(rawBody, signature, options.webhookSecret)) return { ok: false, reason: 'bad-signature' };
      return readWebhookBody(rawBody);
    },
  };
}

/** A GOV.UK Pay webhook message: `resource_id` (the payment id), `event_type`, `resource.state.status`. */
export function readWebhookBody(rawBody: string): WebhookReading {
  let message: { resource_id?: unknown; resource_type?: unknown; event_type?: unknown; resource?: { payment_id?: unknown; state?: { status?: unknown } } };
  try {
    message = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (typeof message !== 'object' || message === null) return { ok: false, reason: 'unreadable' };
  const id = typeof message.resource_id === 'string' ? message.resource_id : typeof message.resource?.payment_id === 'string' ? message.resource.payment_id : null;
  if (!id || id.length > 100) return { ok: false, reason: 'unreadable' };
  const status = message.resource?.state?.status;
  return { ok: true, notice: { providerId: id, status: isProviderStatus(status) ? status : null, eventType: typeof message.event_type === 'string' ? message.event_type : null } };
}
