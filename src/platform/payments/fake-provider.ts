import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { readWebhookBody } from './govuk-pay.js';
import type { CreatedPayment, CreatePaymentRequest, PaymentProvider, PaymentState, ProviderStatus, WebhookReading } from './provider.js';
import { signatureMatches, webhookSignature } from './signature.js';

/*
 * The offline payment provider, the default: no card details, no money. Its own page at
 * `/fake-payment-provider/:id` ("Test payment page, no real money") offers succeed, decline and
 * cancel, then sends the person to the return URL as GOV.UK Pay would. Payments are kept in this
 * process's memory. It can also send a webhook signed as GOV.UK Pay signs them (`webhook`,
 * `sendWebhook`), so repeats can be tested.
 */

export const FAKE_WEBHOOK_SECRET = 'fake-provider-webhook-secret';

export type FakeChoice = 'succeed' | 'decline' | 'cancel';

interface FakePayment extends PaymentState {
  description: string;
  returnUrl: string;
  language: string;
}

export class FakePaymentProvider implements PaymentProvider {
  readonly name = 'fake';
  private readonly payments = new Map<string, FakePayment>();

  constructor(readonly webhookSecret: string = FAKE_WEBHOOK_SECRET) {}

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    const providerId = `fake${randomBytes(12).toString('hex')}`;
    this.payments.set(providerId, { providerId, status: 'created', code: null, amountPence: request.amountPence, reference: request.reference, description: request.description, returnUrl: request.returnUrl, language: request.language });
    return { providerId, nextUrl: `/fake-payment-provider/${providerId}`, status: 'created' };
  }

  async getPayment(providerId: string): Promise<PaymentState | null> {
    const payment = this.payments.get(providerId);
    return payment ? { providerId, status: payment.status, code: payment.code, amountPence: payment.amountPence, reference: payment.reference } : null;
  }

  readWebhook(rawBody: string, signature: string | undefined): WebhookReading {
    if (!signatureMatches(rawBody, signature, this.webhookSecret)) return { ok: false, reason: 'bad-signature' };
    return readWebhookBody(rawBody);
  }

  /** The payment as its page shows it (undefined when unknown). */
  payment(providerId: string): Readonly<FakePayment> | undefined {
    return this.payments.get(providerId);
  }

  /** The person's choice on the card page; answers the return URL (null when unknown or already finished). */
  finish(providerId: string, choice: FakeChoice): string | null {
    const payment = this.payments.get(providerId);
    if (!payment) return null;
    if (payment.status === 'created' || payment.status === 'started') {
      const [status, code]: [ProviderStatus, string | null] = choice === 'succeed' ? ['success', null] : choice === 'decline' ? ['failed', 'P0010'] : ['failed', 'P0030'];
      payment.status = status;
      payment.code = code;
    }
    return payment.returnUrl;
  }

  /** A webhook message for the payment as it stands, with its `Pay-Signature`. */
  webhook(providerId: string): { body: string; signature: string } {
    const payment = this.payments.get(providerId);
    const status = payment?.status ?? 'error';
    const body = JSON.stringify({
      webhook_message_id: randomBytes(10).toString('hex'),
      created_date: new Date().toISOString(),
      resource_id: providerId,
      api_version: 1,
      resource_type: 'payment',
      event_type: status === 'success' ? 'card_payment_succeeded' : status === 'failed' ? 'card_payment_failed' : 'card_payment_started',
      resource: { payment_id: providerId, amount: payment?.amountPence ?? 0, reference: payment?.reference ?? '', state: { status, finished: status === 'success' || status === 'failed' } },
    });
    return { body, signature: webhookSignature(body, this.webhookSecret) };
  }

  /** Posts the webhook to the service (e.g. `http://127.0.0.1:3000/api/v1/payment-provider/webhook`). */
  async sendWebhook(providerId: string, url: string): Promise<number> {
    const { body, signature } = this.webhook(providerId);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'pay-signature': signature }, body });
    return response.status;
  }
}

const CHOICES: readonly FakeChoice[] = ['succeed', 'decline', 'cancel'];

/** The fake provider's card page: public, plain English (it stands for the provider's own pages). */
export function fakePaymentProviderRoutes(app: FastifyInstance, provider: FakePaymentProvider): void {
  app.get<{ Params: { id: string } }>('/fake-payment-provider/:id', { config: { access: { public: true } } }, async (request, reply) => {
    const payment = provider.payment(request.params.id);
    if (!payment) return reply.code(404).page('errors/not-found.njk');
    return reply.page('platform/payments/views/fake-card.njk', {
      pageTitle: 'Test payment page, no real money',
      payment,
      finished: payment.status !== 'created' && payment.status !== 'started',
      amount: `£${(payment.amountPence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    });
  });
  app.post<{ Params: { id: string }; Body: { choice?: unknown } }>('/fake-payment-provider/:id', { config: { access: { public: true } } }, async (request, reply) => {
    const choice = request.body?.choice;
    if (typeof choice !== 'string' || !(CHOICES as readonly string[]).includes(choice)) return reply.code(400).page('errors/bad-request.njk', { message: 'Choose succeed, decline or cancel.' });
    const returnUrl = provider.finish(request.params.id, choice as FakeChoice);
    if (!returnUrl) return reply.code(404).page('errors/not-found.njk');
    return reply.redirect(returnUrl, 303);
  });
}
