import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { govukPayProvider } from './govuk-pay.js';
import { outcomeOf, PaymentProviderError } from './provider.js';
import { webhookSignature } from './signature.js';

/*
 * The GOV.UK Pay adapter against a local HTTP server that speaks the same API: `POST /v1/payments`
 * (201 with payment_id and _links.next_url), `GET /v1/payments/{id}` (state.status, state.code),
 * bearer API key; and webhook signatures (HMAC-SHA256 hex of the raw body).
 */

const API_KEY = 'api_test_key';
const SECRET = 'webhook_secret';
let server: Server;
let base: string;
const payments = new Map<string, { amount: number; reference: string; description: string; return_url: string; language: string; state: { status: string; finished: boolean; code?: string } }>();
const seen: { method: string; url: string; authorization: string | undefined; body: unknown }[] = [];

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const text = await bodyOf(request);
    seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body: text ? JSON.parse(text) : null });
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${API_KEY}`) return reply(401, { code: 'P0940', description: 'Unauthorized' });
    if (request.method === 'POST' && request.url === '/v1/payments') {
      const input = JSON.parse(text);
      if (!Number.isInteger(input.amount) || input.amount < 1) return reply(422, { field: 'amount', code: 'P0102', description: 'Invalid attribute value: amount' });
      const id = `pay${payments.size + 1}`;
      payments.set(id, { ...input, state: { status: 'created', finished: false } });
      return reply(201, { payment_id: id, amount: input.amount, reference: input.reference, state: { status: 'created', finished: false }, _links: { next_url: { href: `https://card.example/secure/${id}`, method: 'GET' } } });
    }
    const match = /^\/v1\/payments\/([^/]+)$/.exec(request.url ?? '');
    if (request.method === 'GET' && match) {
      const payment = payments.get(decodeURIComponent(match[1]!));
      if (!payment) return reply(404, { code: 'P0200', description: 'Not found' });
      return reply(200, { payment_id: match[1], amount: payment.amount, reference: payment.reference, state: payment.state, _links: { next_url: null } });
    }
    return reply(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the GOV.UK Pay adapter', () => {
  it('creates a payment with amount, reference, description, return_url and language (en for anything but cy)', async () => {
    const pay = govukPayProvider({ apiKey: API_KEY, webhookSecret: SECRET, baseUrl: base });
    const created = await pay.createPayment({ amountPence: 123_45, reference: 'CE-2026-000123', description: 'Civil penalty', returnUrl: 'https://cordon.example/portal/payments/x/return', language: 'ro' });
    expect(created).toEqual({ providerId: 'pay1', nextUrl: 'https://card.example/secure/pay1', status: 'created' });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/v1/payments',
      authorization: `Bearer ${API_KEY}`,
      body: { amount: 12345, reference: 'CE-2026-000123', description: 'Civil penalty', return_url: 'https://cordon.example/portal/payments/x/return', language: 'en' },
    });
  });

  it('reads the status, and what it means for the penalty', async () => {
    const pay = govukPayProvider({ apiKey: API_KEY, webhookSecret: SECRET, baseUrl: base });
    const { providerId } = await pay.createPayment({ amountPence: 500, reference: 'R', description: 'D', returnUrl: 'https://x.example/r', language: 'en' });
    expect(outcomeOf((await pay.getPayment(providerId))!)).toBe('pending');
    payments.get(providerId)!.state = { status: 'success', finished: true };
    expect(await pay.getPayment(providerId)).toEqual({ providerId, status: 'success', code: null, amountPence: 500, reference: 'R' });
    payments.get(providerId)!.state = { status: 'failed', finished: true, code: 'P0010' };
    expect(outcomeOf((await pay.getPayment(providerId))!)).toBe('declined');
    payments.get(providerId)!.state = { status: 'failed', finished: true, code: 'P0030' };
    expect(outcomeOf((await pay.getPayment(providerId))!)).toBe('cancelled');
    expect(await pay.getPayment('nope')).toBeNull();
  });

  it('fails plainly on a wrong key, a refusal or an unreachable server', async () => {
    await expect(govukPayProvider({ apiKey: 'wrong', webhookSecret: SECRET, baseUrl: base }).getPayment('pay1')).rejects.toThrow(PaymentProviderError);
    const pay = govukPayProvider({ apiKey: API_KEY, webhookSecret: SECRET, baseUrl: base });
    await expect(pay.createPayment({ amountPence: 0, reference: 'R', description: 'D', returnUrl: 'https://x.example/r', language: 'en' })).rejects.toThrow(/422/);
    await expect(govukPayProvider({ apiKey: API_KEY, webhookSecret: SECRET, baseUrl: 'http://127.0.0.1:1' }).getPayment('x')).rejects.toThrow(PaymentProviderError);
  });

  it('checks a webhook’s Pay-Signature against the raw body', () => {
    const pay = govukPayProvider({ apiKey: API_KEY, webhookSecret: SECRET, baseUrl: base });
    const body = JSON.stringify({ resource_id: 'pay1', event_type: 'card_payment_succeeded', resource_type: 'payment', resource: { payment_id: 'pay1', state: { status: 'success', finished: true } } });
    expect(pay.readWebhook(body, webhookSignature(body, SECRET))).toEqual({ ok: true, notice: { providerId: 'pay1', status: 'success', eventType: 'card_payment_succeeded' } });
    expect(pay.readWebhook(body, webhookSignature(body, 'another secret'))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(pay.readWebhook(`${body} `, webhookSignature(body, SECRET))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(pay.readWebhook(body, undefined)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(pay.readWebhook('not json', webhookSignature('not json', SECRET))).toEqual({ ok: false, reason: 'unreadable' });
    // Without a configured secret no webhook is believed.
    expect(govukPayProvider({ apiKey: API_KEY, webhookSecret: undefined, baseUrl: base }).readWebhook(body, webhookSignature(body, SECRET))).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
