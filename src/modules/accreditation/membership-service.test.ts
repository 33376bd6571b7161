import { describe, expect, it } from 'vitest';
import { applyEvents } from '../../domain/liability/evolve.js';
import { attempt, OFFICERS, openDriverLiability, payment, POLICY, SCRIPTS, type Step } from '../../domain/liability/liability-factories.js';
import type { LiabilityEvent } from '../../domain/liability/liability-events.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { membershipService, type MembershipRecord } from './membership-service.js';

function historyOf(steps: readonly Step[]) {
  const opening = openDriverLiability({ role: 'owner' });
  let state = opening;
  const events: LiabilityEvent[] = [];
  for (const step of steps) {
    const action = typeof step.action === 'function' ? step.action(state) : step.action;
    const decision = attempt(state, action, step.actor, step.today);
    if (!decision.ok) throw new Error(decision.reasons.join(' | '));
    events.push(...decision.events);
    state = applyEvents(state, decision.events);
  }
  return { opening, events, policyVersion: POLICY };
}

const MEMBERSHIPS: MembershipRecord[] = [
  { partyId: 'p-late', reference: 'CPAS-2025-00001', memberFrom: '2025-01-15', companyName: 'Late Payer Ltd' },
  { partyId: 'p-good', reference: 'CPAS-2025-00002', memberFrom: '2025-02-01', companyName: 'Good Haulage' },
  { partyId: 'p-new', reference: 'CPAS-2025-00003', memberFrom: '2025-07-01', companyName: 'New Member' },
];
const histories: Record<string, ReturnType<typeof historyOf>[]> = {
  // Due 2025-06-24, never paid: suspended from 2025-06-25, removed on 2025-07-23.
  'p-late': [historyOf(SCRIPTS.overdue)],
  'p-good': [historyOf(SCRIPTS.paid)],
};
const service = membershipService({
  memberships: async () => MEMBERSHIPS,
  penaltyHistoriesOf: async (partyId) => histories[partyId] ?? [],
  reviewRemovalsOf: async () => [],
  policyOn: async () => POLICY,
});

describe('membershipService: the register and the calculator read the status from the record', () => {
  it('membershipOn follows the member’s penalties', async () => {
    expect((await service.membershipOn('p-late', '2025-06-24')).status).toBe('member');
    expect((await service.membershipOn('p-late', '2025-06-25')).status).toBe('suspended');
    expect((await service.membershipOn('p-late', '2025-07-23')).status).toBe('removed');
    expect((await service.membershipOn('p-unknown', '2025-07-23')).status).toBe('none');
  });

  it('membersOn lists only members on the date', async () => {
    const names = async (date: string) => (await service.membersOn(date)).map((member) => member.companyName);
    expect(await names('2025-06-24')).toEqual(['Good Haulage', 'Late Payer Ltd']);
    expect(await names('2025-06-25')).toEqual(['Good Haulage']);
    expect(await names('2025-07-01')).toEqual(['Good Haulage', 'New Member']);
  });

  it('a payment within the suspension brings the member back', async () => {
    const paid: Record<string, ReturnType<typeof historyOf>[]> = { ...histories, 'p-late': [historyOf([...SCRIPTS.overdue, { action: (state) => payment(state, outstandingPence(state) ?? 0, '2025-07-10'), actor: OFFICERS.finance, today: '2025-07-10' }])] };
    const again = membershipService({ memberships: async () => MEMBERSHIPS, penaltyHistoriesOf: async (partyId) => paid[partyId] ?? [], policyOn: async () => POLICY });
    expect((await again.membershipOn('p-late', '2025-07-09')).status).toBe('suspended');
    expect((await again.membershipOn('p-late', '2025-07-10')).status).toBe('member');
  });

  it('eligibleToApply refuses until three months after removal, with the date', async () => {
    expect(await service.eligibleToApply('p-late', '2025-10-22')).toEqual({ ok: false, code: 'accreditation.membership.refusal.removed', reapplyFrom: '2025-10-23' });
    expect(await service.eligibleToApply('p-late', '2025-10-23')).toEqual({ ok: true });
    expect(await service.eligibleToApply(null, '2025-10-22')).toEqual({ ok: true });
  });
});
