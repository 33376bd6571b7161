import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, bearer, TEST_METRICS_TOKEN, type TestApp } from '../../../test/support/app.js';
import { buildServer } from './server.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('operations endpoints', () => {
  it('says it is alive and ready with migrations current', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'alive' });
    const ready = await t.app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.migrations).toMatch(/^current/);
  });

  it('exposes Prometheus metrics including request durations, to the metrics token only', async () => {
    await t.app.inject('/health');
    const metrics = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('cordon_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    for (const headers of [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Bearer ${TEST_METRICS_TOKEN}x` }, bearer('administrator')]) {
      const refused = await t.app.inject({ url: '/metrics', headers });
      expect(refused.statusCode).toBe(401);
      expect(refused.body).not.toContain('cordon_http_request_duration_seconds');
    }
  });

  it('does not serve /metrics at all when no metrics token is configured', async () => {
    const app = await buildServer({
      logLevel: 'silent',
      cookieSecret: 'test-cookie-secret-test-cookie-secret',
      secureCookies: false,
      sessionCookieName: 'session',
      signInRateLimitPerMinute: 10,
      resolveActor: async () => null,
      readiness: async () => ({ ready: true, checks: {} }),
      navigation: () => [],
    });
    try {
      for (const headers of [{}, { authorization: 'Bearer ' }, { authorization: `Bearer ${TEST_METRICS_TOKEN}` }]) {
        const response = await app.inject({ url: '/metrics', headers });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('process_cpu_user_seconds_total');
      }
    } finally {
      await app.close();
    }
  });

  it('sends Cache-Control: no-store on pages, API answers and errors, and lets only static files be cached', async () => {
    const client = await WebClient.signedIn(t.app, 'caseworker-eo');
    const answers = [
      await client.get('/cases'),
      await t.app.inject('/sign-in'),
      await t.app.inject('/no-such-page'),
      await t.app.inject({ url: '/api/v1/cases', headers: bearer('caseworker-eo') }),
      await t.app.inject({ url: '/api/v1/cases/CEC-1999-000001', headers: bearer('caseworker-eo') }),
      await t.app.inject({ url: '/api/v1/cases' }),
      await t.app.inject('/api/v1/openapi.json'),
      await t.app.inject('/health'),
    ];
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
    for (const url of ['/static/govuk-frontend.min.css', '/assets/images/favicon.ico']) {
      const file = await t.app.inject(url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(file.headers['cache-control']).not.toContain('no-store');
    }
  });

  it('sends the security headers with a JSON answer, its CSP with no nonce (a page’s has one)', async () => {
    const json = await t.app.inject({ url: '/api/v1/cases/CEC-1999-000001', headers: bearer('caseworker-eo') });
    expect(json.headers['content-type']).toContain('json');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['content-security-policy']).toContain("script-src 'self'");
    expect(json.headers['content-security-policy']).not.toContain('nonce-');
    const page = await t.app.inject({ url: '/sign-in' });
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[0-9a-f]{32}'/);
  });

  it('echoes or assigns a request id', async () => {
    const given = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const assigned = await t.app.inject('/health');
    expect(assigned.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI 3 document generated from the request schemas', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const post = doc.paths['/api/v1/referrals'].post;
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['port', 'incidentDate', 'offence', 'vehicleRegistration', 'driverName', 'companyName']));
    expect(schema.properties.offence.enum).toEqual(['S31A', 'S32']);
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(post.responses['422']).toBeDefined();
    expect(doc.paths['/api/v1/cases/{reference}'].get).toBeDefined();
  });

  it('answers unknown pages with a GOV.UK 404 page and unknown API paths with a problem document', async () => {
    const page = await t.app.inject('/no-such-page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    const api = await t.app.inject({ url: '/api/v1/nothing', headers: bearer('analyst') });
    expect(api.statusCode).toBe(404);
    expect(api.json().title).toBe('Not found');
  });

  it('serves the GOV.UK stylesheet and fonts', async () => {
    expect((await t.app.inject('/static/govuk-frontend.min.css')).statusCode).toBe(200);
    expect((await t.app.inject('/static/app.mjs')).statusCode).toBe(200);
    expect((await t.app.inject('/assets/images/favicon.ico')).statusCode).toBe(200);
  });

  it('shows a 500 page with a reference and no stack trace when the database is gone, and /ready says not ready', async () => {
    const client = await WebClient.signedIn(t.app, 'caseworker-eo');
    const broken = await createTestApp();
    const brokenClient = await WebClient.signedIn(broken.app, 'caseworker-eo');
    await broken.database.close();
    const page = await brokenClient.get('/cases');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with the service');
    expect(page.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const ready = await broken.app.inject('/ready');
    expect(ready.statusCode).toBe(503);
    await broken.app.close();
    expect((await client.get('/cases')).statusCode).toBe(200);
  });
});
