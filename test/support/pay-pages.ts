import type { FastifyInstance } from 'fastify';
import type { TestApp } from './app.js';
import { buildServer } from '../../src/platform/http/server.js';
import { cardPaymentsRoutes } from '../../src/modules/card-payments/routes.js';
import { payRoutes } from '../../src/modules/portal/pay-routes.js';
import type { PaySession } from '../../src/modules/portal/pay-session.js';

/**
 * The portal's payment pages in a server of their own beside a test app (same services and
 * database), with `request.portal` from a test cookie set by `GET /test/portal/:who`: a stand-in for
 * portal-access's sign-in until it is merged (then `portalSignIn` from test/support/portal.ts).
 */
export async function payPagesServer(t: TestApp, sessions: Map<string, PaySession>): Promise<FastifyInstance> {
  const pages = await buildServer({
    logLevel: 'silent',
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    secureCookies: false,
    resolveActor: async () => null,
    readiness: async () => ({ ready: true, checks: {} }),
    signInRateLimitPerMinute: 1000,
    navigation: () => [],
  });
  pages.addHook('onRequest', async (request) => {
    (request as unknown as { portal: PaySession | null }).portal = sessions.get(request.cookies.test_portal ?? '') ?? null;
  });
  pages.get<{ Params: { who: string } }>('/test/portal/:who', { config: { access: { public: true } } }, async (request, reply) =>
    reply.setCookie('test_portal', request.params.who, { path: '/' }).type('text/plain').send('signed in (test)'),
  );
  cardPaymentsRoutes(pages, { cardPayments: t.services.cardPayments, provider: t.services.paymentProvider });
  payRoutes(pages, { cardPayments: t.services.cardPayments, letters: t.services.letterDetails });
  await pages.ready();
  return pages;
}
