import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { FakePaymentProvider } from '../../platform/payments/fake-provider.js';
import type { Actor } from '../../platform/events/event-store.js';
import { vehicleActionList } from '../vehicle-action-list/val-query.js';

/*
 * Card payments at the service level: started with the fake provider, settled by the return page,
 * a poll and the webhook (each repeated) into one `PaymentReceived` on the penalty; declined and
 * cancelled payments record nothing; the Vehicle Action List and plate checks follow at once.
 */

let t: TestApp;
let kase: ImposedCase;
let fake: FakePaymentProvider;
const payer: Actor = { id: 'portal:test', name: 'Test payer (online)', roles: ['portal-user'] };
const today = () => ukDate(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  fake = t.services.paymentProvider as FakePaymentProvider;
  expect(fake).toBeInstanceOf(FakePaymentProvider);
  [kase] = (await imposedCases(t, ['Karta Trans Sp. z o.o.'], { key: 'card-payments' })) as [ImposedCase];
  // Past the due date: the case's lorry is on the Vehicle Action List for the owner's unpaid penalty.
  t.clock.advanceDays(61);
}, 120_000);
afterAll(async () => t?.close());

async function owed(liabilityId: string) {
  return (await t.services.cardPayments.penalty(liabilityId))!.owedPence;
}

async function cardPaymentsOn(liabilityId: string) {
  const file = (await t.services.cases.caseFile(kase.reference))!;
  return file.states.get(liabilityId)!.payments.filter((p) => p.method === 'card');
}

async function start(liabilityId: string, amountPence: number, payerLiabilityId = liabilityId) {
  const started = await t.services.cardPayments.start({ liabilityId, payerLiabilityId, amountPence, description: 'Penalty', returnUrlFor: (id) => `/portal/payments/${id}/return`, language: 'pl', actor: payer });
  if (!started.ok) throw new Error(started.problem);
  return started;
}

const providerIdOf = async (paymentId: string) => (await t.services.cardPayments.byId(paymentId))!.providerId;

function webhook(body: string, signature: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/payment-provider/webhook', headers: { 'content-type': 'application/json', 'pay-signature': signature }, payload: body });
}

async function plateListed(registration: string): Promise<boolean> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/plate-checks', headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('plate-reader') }, payload: JSON.stringify({ registration }) });
  return response.json().hit === true;
}

async function within(withinMs: number, predicate: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await predicate()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('card payments', () => {
  it('refuses an amount more than is owed, or less than £1', async () => {
    const most = await owed(kase.driver.id);
    const tooMuch = await t.services.cardPayments.start({ liabilityId: kase.driver.id, payerLiabilityId: kase.driver.id, amountPence: most + 1, description: 'x', returnUrlFor: () => '/r', language: 'en', actor: payer });
    expect(tooMuch).toEqual({ ok: false, problem: 'too-large' });
    const tooLittle = await t.services.cardPayments.start({ liabilityId: kase.driver.id, payerLiabilityId: kase.driver.id, amountPence: 99, description: 'x', returnUrlFor: () => '/r', language: 'en', actor: payer });
    expect(tooLittle).toEqual({ ok: false, problem: 'too-small' });
  });

  it('records nothing for a declined or a cancelled payment, and the person can try again', async () => {
    const before = await owed(kase.driver.id);
    for (const choice of ['decline', 'cancel'] as const) {
      const started = await start(kase.driver.id, 5_000);
      expect(await t.services.cardPayments.settle(started.paymentId)).toMatchObject({ outcome: 'pending' });
      expect(fake.finish(await providerIdOf(started.paymentId), choice)).toBe(`/portal/payments/${started.paymentId}/return`);
      const settled = await t.services.cardPayments.settle(started.paymentId);
      expect(settled?.outcome).toBe(choice === 'decline' ? 'declined' : 'cancelled');
      expect(settled?.row.status).toBe(choice === 'decline' ? 'declined' : 'cancelled');
    }
    expect(await cardPaymentsOn(kase.driver.id)).toEqual([]);
    expect(await owed(kase.driver.id)).toBe(before);
  });

  it('records a successful payment once: the return page reloaded, a poll and the webhook twice', async () => {
    const before = await owed(kase.driver.id);
    // The owner pays part of its driver's penalty (joint and several): paid by the employer.
    const started = await start(kase.driver.id, 10_000, kase.owner.id);
    const providerId = await providerIdOf(started.paymentId);
    fake.finish(providerId, 'succeed');
    const [first, second] = await Promise.all([t.services.cardPayments.settle(started.paymentId), t.services.cardPayments.settle(started.paymentId)]);
    expect(first?.outcome).toBe('succeeded');
    expect(second?.outcome).toBe('succeeded');
    expect((await t.services.cardPayments.settle(started.paymentId))?.outcome).toBe('succeeded');
    const message = fake.webhook(providerId);
    for (let i = 0; i < 2; i += 1) {
      const response = await webhook(message.body, message.signature);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ received: true, payment: { outcome: 'succeeded' } });
    }
    const payments = await cardPaymentsOn(kase.driver.id);
    expect(payments).toEqual([expect.objectContaining({ amountPence: 10_000, method: 'card', reference: providerId, paidBy: 'employer' })]);
    expect(await owed(kase.driver.id)).toBe(before - 10_000);
    const row = (await t.services.cardPayments.byId(started.paymentId))!;
    expect(row).toMatchObject({ status: 'succeeded', recordedOnPenalty: true, problem: null });
  });

  it('records a payment the webhook is first to hear of', async () => {
    const started = await start(kase.driver.id, 2_500);
    const providerId = await providerIdOf(started.paymentId);
    fake.finish(providerId, 'succeed');
    const message = fake.webhook(providerId);
    expect((await webhook(message.body, message.signature)).statusCode).toBe(200);
    expect((await t.services.cardPayments.settle(started.paymentId))?.outcome).toBe('succeeded');
    expect((await cardPaymentsOn(kase.driver.id)).filter((p) => p.reference === providerId)).toHaveLength(1);
  });

  it('refuses a webhook with a bad signature or an unreadable body with a 400 problem', async () => {
    const started = await start(kase.driver.id, 1_000);
    const providerId = await providerIdOf(started.paymentId);
    fake.finish(providerId, 'succeed');
    const message = fake.webhook(providerId);
    const forged = await webhook(message.body, '0'.repeat(64));
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect((await webhook(message.body, 'not hex')).statusCode).toBe(400);
    const tampered = message.body.replace('"amount":1000', '"amount":1');
    expect((await webhook(tampered, message.signature)).statusCode).toBe(400);
    expect((await t.services.cardPayments.byId(started.paymentId))!.status).toBe('started');
  });

  it('takes the lorry off the Vehicle Action List, and plate checks answer "not listed" within a second', async () => {
    const lorry = 'WGM 4521K';
    expect((await vehicleActionList(t.database.db, today())).some((entry) => entry.registration === lorry)).toBe(true);
    expect(await plateListed(lorry)).toBe(true);
    const started = await start(kase.owner.id, await owed(kase.owner.id));
    fake.finish(await providerIdOf(started.paymentId), 'succeed');
    expect((await t.services.cardPayments.settle(started.paymentId))?.outcome).toBe('succeeded');
    expect(await owed(kase.owner.id)).toBe(0);
    expect((await vehicleActionList(t.database.db, today())).some((entry) => entry.registration === lorry)).toBe(false);
    const took = await within(1000, async () => !(await plateListed(lorry)));
    expect(took).toBeLessThan(1000);
  });
});
