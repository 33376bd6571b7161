import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../../platform/http/problem.js';
import { FakePaymentProvider, fakePaymentProviderRoutes } from '../../platform/payments/fake-provider.js';
import type { PaymentProvider } from '../../platform/payments/provider.js';
import type { CardPaymentsService } from './service.js';

/** The provider's webhook body, at most this many bytes. */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * `POST /api/v1/payment-provider/webhook`: public (the provider has no account), its `Pay-Signature`
 * checked against the raw body; a bad one is a 400 problem. A payment it names is settled (once,
 * however often it comes). The fake provider's own pages too, when it is the provider.
 */
export function cardPaymentsRoutes(app: FastifyInstance, deps: { cardPayments: CardPaymentsService; provider: PaymentProvider }): void {
  if (deps.provider instanceof FakePaymentProvider) fakePaymentProviderRoutes(app, deps.provider);
  void app.register(async (scope) => {
    // The signature is over the bytes as sent: keep the body as text here.
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/api/v1/payment-provider/webhook', { config: { access: { public: true } } }, async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const header = request.headers['pay-signature'];
      const signature = typeof header === 'string' ? header : undefined;
      const result = await deps.cardPayments.webhook(raw, signature);
      if (!result.ok) {
        return sendProblem(reply, {
          status: 400,
          title: result.reason === 'bad-signature' ? 'Bad signature' : 'Unreadable webhook',
          detail: result.reason === 'bad-signature' ? 'The Pay-Signature header is not the HMAC-SHA256 of the body with the webhook secret.' : 'The body is not a payment webhook message.',
        });
      }
      return reply.code(200).send({ received: true, payment: result.settled ? { outcome: result.settled.outcome } : null });
    });
  });
}
