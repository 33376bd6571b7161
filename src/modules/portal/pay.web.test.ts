import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { buildServer } from '../../platform/http/server.js';
import { FakePaymentProvider } from '../../platform/payments/fake-provider.js';
import { cardPaymentsRoutes } from '../card-payments/routes.js';
import { payRoutes, penceFromPounds } from './pay-routes.js';
import type { PaySession } from './pay-session.js';

/*
 * The payment pages on the portal contract's URLs. Until portal-access's sign-in is merged, the
 * pages run in a server of their own beside the test app (same services, same database) whose
 * `request.portal` comes from a test cookie set by `/test/portal/:who`.
 */

let t: TestApp;
let kase: ImposedCase;
let pages: FastifyInstance;
let fake: FakePaymentProvider;
const sessions = new Map<string, PaySession>();

beforeAll(async () => {
  t = await createTestApp();
  fake = t.services.paymentProvider as FakePaymentProvider;
  [kase] = (await imposedCases(t, ['Plata Trans Sp. z o.o.'], { key: 'portal-pay' })) as [ImposedCase];
  const base = { sessionId: 's', caseId: kase.incidentId, caseReference: kase.reference, personName: 'x' };
  sessions.set('owner', { ...base, liabilityId: kase.owner.id, visibleLiabilityIds: [kase.owner.id, kase.driver.id], partyRole: 'owner', personName: kase.owner.partyName, language: 'ro' });
  sessions.set('driver', { ...base, liabilityId: kase.driver.id, visibleLiabilityIds: [kase.driver.id], partyRole: 'driver', personName: kase.driver.partyName, language: 'pl' });
  pages = await buildServer({
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
  pages.get<{ Params: { who: string } }>('/test/portal/:who', { config: { access: { public: true } } }, async (request, reply) => reply.setCookie('test_portal', request.params.who, { path: '/' }).send('ok'));
  cardPaymentsRoutes(pages, { cardPayments: t.services.cardPayments, provider: t.services.paymentProvider });
  payRoutes(pages, { cardPayments: t.services.cardPayments, letters: t.services.letterDetails });
  await pages.ready();
}, 120_000);
afterAll(async () => {
  await pages?.close();
  await t?.close();
});

async function as(who: string): Promise<WebClient> {
  const client = new WebClient(pages);
  await client.get(`/test/portal/${who}`);
  return client;
}

const owed = async (liabilityId: string) => (await t.services.cardPayments.penalty(liabilityId))!.owedPence;
const cardPaymentsOn = async (liabilityId: string) => (await t.services.cases.caseFile(kase.reference))!.states.get(liabilityId)!.payments.filter((p) => p.method === 'card');

/** Pay page → provider page → the choice → back on the return page (not yet followed). */
async function payWith(client: WebClient, liabilityId: string, form: Record<string, string>, choice: 'succeed' | 'decline' | 'cancel') {
  await client.get(`/portal/penalties/${liabilityId}/pay`);
  const started = await client.post(`/portal/penalties/${liabilityId}/pay`, form);
  expect(started.statusCode, started.body.slice(0, 2000)).toBe(303);
  const providerPage = await client.get(started.headers.location as string);
  expect(providerPage.body).toContain('Test payment page, no real money');
  const back = await client.post(started.headers.location as string, { choice });
  expect(back.statusCode).toBe(303);
  const returnUrl = new URL(back.headers.location as string, 'http://localhost').pathname;
  expect(returnUrl).toMatch(/^\/portal\/payments\/[0-9a-f-]{36}\/return$/);
  return { returnUrl, providerId: (started.headers.location as string).split('/').pop()! };
}

describe('the payment pages', () => {
  it('reads amounts in pounds', () => {
    expect(penceFromPounds('150')).toBe(15000);
    expect(penceFromPounds('£1,500.5')).toBe(150050);
    expect(penceFromPounds('1.234')).toBeNull();
    expect(penceFromPounds('99999999999999999999')).toBeNull();
    expect(penceFromPounds('-5')).toBeNull();
  });

  it('sends someone signed out to sign in, and answers 404 for a penalty that is not theirs', async () => {
    const nobody = new WebClient(pages);
    expect((await nobody.get(`/portal/penalties/${kase.driver.id}/pay`)).headers.location).toBe('/portal?expired=1');
    const driver = await as('driver');
    expect((await driver.get(`/portal/penalties/${kase.owner.id}/pay`)).statusCode).toBe(404);
    expect((await driver.get(`/portal/penalties/${kase.owner.id}/bank-transfer`)).statusCode).toBe(404);
    expect((await driver.get('/portal/penalties/not-an-id/pay')).statusCode).toBe(404);
    expect((await driver.get('/portal/payments/00000000-0000-4000-8000-000000000000/return')).statusCode).toBe(404);
  });

  it('shows the owner what is left on its driver’s penalty, in Romanian, and keeps a wrong amount with its error', async () => {
    const owner = await as('owner');
    const page = await owner.get(`/portal/penalties/${kase.driver.id}/pay`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plătiți amenda');
    expect(page.body).toContain(kase.driver.partyName);
    expect(page.body).not.toContain('data-untranslated');
    const wrong = await owner.post(`/portal/penalties/${kase.driver.id}/pay`, { how: 'part', amount: '12.345' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('govuk-error-summary');
    expect(wrong.body).toContain('value="12.345"');
    const tooMuch = await owner.post(`/portal/penalties/${kase.driver.id}/pay`, { how: 'part', amount: '999999' });
    expect(tooMuch.statusCode).toBe(422);
    expect((await owner.post(`/portal/penalties/${kase.driver.id}/pay`, { how: ['all', 'part'] as unknown as string })).statusCode).toBe(422);
  });

  it('records nothing for a declined or cancelled payment and offers to try again', async () => {
    const driver = await as('driver');
    for (const choice of ['decline', 'cancel'] as const) {
      const { returnUrl } = await payWith(driver, kase.driver.id, { how: 'part', amount: '50' }, choice);
      const page = await driver.get(returnUrl);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(choice === 'decline' ? 'Płatność została odrzucona' : 'Płatność została anulowana');
      expect(page.body).toContain(`/portal/penalties/${kase.driver.id}/pay`);
    }
    expect(await cardPaymentsOn(kase.driver.id)).toEqual([]);
  });

  it('records a payment once when the return page is reloaded and the webhook comes twice; the receipt shows what is left', async () => {
    const owner = await as('owner');
    const before = await owed(kase.driver.id);
    const { returnUrl, providerId } = await payWith(owner, kase.driver.id, { how: 'part', amount: '100.00' }, 'succeed');
    for (let i = 0; i < 3; i += 1) {
      const back = await owner.get(returnUrl);
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toBe(returnUrl.replace('/return', '/receipt'));
    }
    const message = fake.webhook(providerId);
    for (let i = 0; i < 2; i += 1) {
      const hook = await pages.inject({ method: 'POST', url: '/api/v1/payment-provider/webhook', headers: { 'content-type': 'application/json', 'pay-signature': message.signature }, payload: message.body });
      expect(hook.statusCode).toBe(200);
    }
    const bad = await pages.inject({ method: 'POST', url: '/api/v1/payment-provider/webhook', headers: { 'content-type': 'application/json', 'pay-signature': 'f'.repeat(64) }, payload: message.body });
    expect(bad.statusCode).toBe(400);
    expect(await cardPaymentsOn(kase.driver.id)).toEqual([expect.objectContaining({ amountPence: 10_000, reference: providerId, paidBy: 'employer' })]);
    expect(await owed(kase.driver.id)).toBe(before - 10_000);
    const receipt = await owner.get(returnUrl.replace('/return', '/receipt'));
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Plată primită');
    expect(receipt.body).toContain(providerId);
    expect(receipt.body).toContain(`${kase.reference}-D`);
    expect(receipt.body).not.toContain('data-untranslated');
    // The driver sees the receipt of its own penalty too; nobody else does.
    expect((await (await as('driver')).get(returnUrl.replace('/return', '/receipt'))).statusCode).toBe(200);
  });

  it('gives the bank details and the reference to quote', async () => {
    const driver = await as('driver');
    const page = await driver.get(`/portal/penalties/${kase.driver.id}/bank-transfer`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Zapłać przelewem bankowym');
    expect(page.body).toContain(t.services.letterDetails.bank.sortCode);
    expect(page.body).toContain(`${kase.reference}-D`);
  });
});
