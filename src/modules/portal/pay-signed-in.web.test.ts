import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { accessCodeOf, portalSignIn } from '../../../test/support/portal.js';
import { POLISH_OWNER } from '../../../test/support/casework.js';
import type { FakePaymentProvider } from '../../platform/payments/fake-provider.js';

/* The payment pages behind portal-access's real sign-in: an owner pays its driver's penalty; the return page reloaded records it once. */

let t: TestApp;
let kase: ImposedCase;

beforeAll(async () => {
  t = await createTestApp();
  [kase] = (await imposedCases(t, [POLISH_OWNER.name], { key: 'pay-signed-in' })) as [ImposedCase];
}, 120_000);
afterAll(async () => t?.close());

describe('paying when signed in to the portal', () => {
  it('lets the owner pay its driver’s penalty once, and refuses a signed-out visitor', async () => {
    const owner = { reference: kase.reference, liabilityId: kase.owner.id, role: 'owner', partyName: kase.owner.partyName, accessCode: await accessCodeOf(t, kase.owner.id), postcode: POLISH_OWNER.address.postcode, dateOfBirth: null };
    const client = await portalSignIn(t, owner, { language: 'ro' });
    const page = await client.get(`/portal/penalties/${kase.driver.id}/pay`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plătiți amenda');
    const started = await client.post(`/portal/penalties/${kase.driver.id}/pay`, { how: 'part', amount: '25.00' });
    expect(started.statusCode).toBe(303);
    const providerId = (started.headers.location as string).split('/').pop()!;
    const returnUrl = new URL((t.services.paymentProvider as FakePaymentProvider).finish(providerId, 'succeed')!).pathname;
    for (let i = 0; i < 2; i += 1) expect((await client.get(returnUrl)).headers.location).toBe(returnUrl.replace('/return', '/receipt'));
    const payments = (await t.services.cases.caseFile(kase.reference))!.states.get(kase.driver.id)!.payments.filter((p) => p.method === 'card');
    expect(payments).toEqual([expect.objectContaining({ amountPence: 2500, reference: providerId, paidBy: 'employer' })]);
    expect((await t.app.inject({ method: 'GET', url: returnUrl.replace('/return', '/receipt') })).statusCode).toBe(303);
  });
});
