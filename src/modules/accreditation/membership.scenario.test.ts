import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../domain/clock/calendar-date.js';
import { formatDate } from '../../platform/i18n/format.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { imposedCases } from '../../../test/support/finance.js';
import { acceptedIntoScheme, cpasApplication } from '../../../test/support/accreditation.js';

/*
 * Membership on a settable clock, through one app: a member's penalty unpaid past its due date →
 * suspended from the next day (membersOn no longer lists it) → still unpaid after 28 days →
 * removed → a new application refused until 3 calendar months have passed.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const today = () => ukDate(t.clock.now());
const NAME = 'Trans-Pol Sp. z o.o.';

const application = () => cpasApplication(NAME);

describe('CPAS membership follows the rules by itself', () => {
  it('member → suspended the day after the due date → removed after 28 days unpaid → may apply again after 3 months', async () => {
    const [kase] = await imposedCases(t, [NAME], { key: 'membership' });
    const file = (await t.services.cases.caseFile(kase!.reference))!;
    const partyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
    const dueOn = file.states.get(kase!.owner.id)!.penaltyNotice!.noticeDate;

    await acceptedIntoScheme(t, NAME, partyId);

    const membership = t.services.accreditationMembership;
    const status = async () => (await membership.membershipOn(partyId, today())).status;
    const listed = async () => (await membership.membersOn(today())).some((member) => member.partyId === partyId);
    expect(await status()).toBe('member');
    expect(await listed()).toBe(true);

    // The payment is due 60 days after the notice date.
    t.clock.advanceDays(60 - (Date.parse(today()) - Date.parse(dueOn)) / 86_400_000);
    expect(await status()).toBe('member');
    t.clock.advanceDays(1);
    expect(await status()).toBe('suspended');
    expect(await listed()).toBe(false);
    t.clock.advanceDays(27);
    expect(await status()).toBe('suspended');
    t.clock.advanceDays(1);
    expect(await status()).toBe('removed');
    const removedOn = today();

    const refused = await t.services.accreditation.submit(application(), { channel: 'api' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.kind).toBe('refused');
    expect(!refused.ok && refused.message).toBe(`Firma została usunięta z programu. Może złożyć wniosek ponownie od ${formatDate('pl', addMonths(removedOn, 3))}.`);

    t.clock.set(new Date(`${addMonths(removedOn, 3)}T12:00:00Z`));
    expect(await status()).toBe('eligibleToReapply');
    expect((await t.services.accreditation.submit(application(), { channel: 'api' })).ok).toBe(true);
  });

  it('a penalty paid within the 28 days: member again from the day it is paid', async () => {
    // The border refuses incidents dated in the future: back to the real today.
    t.clock.reset();
    const [, kase] = await imposedCases(t, ['Alfa Sped Sp. z o.o.', 'Beta Cargo Ltd'], { key: 'membership-paid' });
    const file = (await t.services.cases.caseFile(kase!.reference))!;
    const partyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
    await acceptedIntoScheme(t, 'Beta Cargo Ltd', partyId);
    const status = async () => (await t.services.accreditationMembership.membershipOn(partyId, today())).status;

    t.clock.advanceDays(61);
    expect(await status()).toBe('suspended');
    t.clock.advanceDays(10);
    const outstanding = file.states.get(kase!.owner.id)!.penaltyNotice!.amountPence;
    const paid = await t.services.cases.act(
      { reference: kase!.reference, liabilityIds: [kase!.owner.id], action: { type: 'recordPayment', amountPence: outstanding, receivedOn: today(), method: 'bank-transfer', reference: 'INV-M1', paidBy: 'recipient' } },
      { actor: { id: 'finance-m', name: 'Finance', roles: ['finance-officer'] }, now: t.clock.now() },
    );
    expect(paid.ok, JSON.stringify(paid)).toBe(true);
    expect(await status()).toBe('member');
    t.clock.advanceDays(30);
    expect(await status()).toBe('member');
    expect((await t.services.accreditationMembership.membersOn(today())).some((member) => member.partyId === partyId)).toBe(true);
  });
});
