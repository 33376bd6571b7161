import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { sendProblem } from './problem.js';

/** Prometheus metrics: Node's defaults plus a request duration histogram by route and status. */
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const httpDuration = new client.Histogram({
  name: 'cordon_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `/metrics` answers only a scraper that sends `Authorization: Bearer <CORDON_METRICS_TOKEN>`
 * (anything else is a 401); with no token configured it is not served at all (404), so the
 * process's routes and volumes are never public.
 */
export function registerMetrics(app: FastifyInstance, options: { token?: string | undefined } = {}): void {
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  const expected = options.token ? digest(options.token) : null;
  app.get('/metrics', { config: { access: { public: true } } }, async (request, reply) => {
    if (!expected) return sendProblem(reply, { status: 404, title: 'Not found', detail: 'Metrics are served only when CORDON_METRICS_TOKEN is set.' });
    const authorization = request.headers.authorization;
    const given = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    // Compared as digests of equal length, in constant time.
    if (!given || !timingSafeEqual(digest(given), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('application/problem+json').send({ type: 'about:blank', title: 'Sign-in required', status: 401, detail: 'Send the metrics token as "Authorization: Bearer <token>".' });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

export const metricsRegistry = registry;
