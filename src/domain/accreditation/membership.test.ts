import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { addDays, addMonths, isBefore, type CalendarDate } from '../clock/calendar-date.js';
import { applyEvents } from '../liability/evolve.js';
import { attempt, halves, OFFICERS, openDriverLiability, payment, POLICY, SCRIPTS, type Step } from '../liability/liability-factories.js';
import type { LiabilityEvent } from '../liability/liability-events.js';
import { outstandingPence } from '../liability/liability-state.js';
import {

  blockingOf,
  blockingOfAll,
  eligibleToApply,
  membershipOn,
  membershipPeriods,
  mergeIntervals,
  type DateInterval,
  type MembershipFacts,
  type PenaltyHistory,
} from './membership.js';

/** A penalty's history reached by real commands (the liability factories' scripts and more). */
function historyOf(steps: readonly Step[]): PenaltyHistory {
  const opening = openDriverLiability({ role: 'owner' });
  let state = opening;
  const events: LiabilityEvent[] = [];
  for (const step of steps) {
    const action = typeof step.action === 'function' ? step.action(state) : step.action;
    const decision = attempt(state, action, step.actor, step.today);
    if (!decision.ok) throw new Error(`${action.type} on ${step.today}: ${decision.reasons.join(' | ')}`);
    events.push(...decision.events);
    state = applyEvents(state, decision.events);
  }
  return { opening, events };
}

const payAll = (today: CalendarDate): Step => ({ action: (state) => payment(state, outstandingPence(state) ?? 0, today), actor: OFFICERS.finance, today });
const S = POLICY.parameters.accreditation.suspensionDays;
// The scripts impose on 2025-04-25; the payment is due on 2025-06-24 (notice date + 60).
const DUE = '2025-06-24';
const FIRST_BLOCKED = '2025-06-25';
const REMOVAL_DAY = addDays(FIRST_BLOCKED, S);

describe('blockingOf: when one penalty keeps its owner from membership (the Vehicle Action List rule, replayed)', () => {
  it('from the day after the due date while unpaid, with nothing in the way', () => {
    expect(blockingOf(historyOf(SCRIPTS['payment-due']), POLICY)).toEqual([{ from: FIRST_BLOCKED, until: null }]);
    // Recording it overdue changes nothing: it was already unpaid after its due date.
    expect(blockingOf(historyOf(SCRIPTS.overdue), POLICY)).toEqual([{ from: FIRST_BLOCKED, until: null }]);
  });

  it('until the day it is paid in full; a part payment leaves it blocking', () => {
    expect(blockingOf(historyOf([...SCRIPTS.overdue, payAll('2025-07-10')]), POLICY)).toEqual([{ from: FIRST_BLOCKED, until: '2025-07-10' }]);
    const part: Step = { action: (state) => payment(state, 1, '2025-07-10'), actor: OFFICERS.finance, today: '2025-07-10' };
    expect(blockingOf(historyOf([...SCRIPTS.overdue, part]), POLICY)).toEqual([{ from: FIRST_BLOCKED, until: null }]);
  });

  it('never when paid by the due date, or before imposition', () => {
    expect(blockingOf(historyOf(SCRIPTS.paid), POLICY)).toEqual([]);
    expect(blockingOf(historyOf(SCRIPTS.assured), POLICY)).toEqual([]);
    expect(blockingOf(historyOf([]), POLICY)).toEqual([]);
  });

  it('not while an objection waits, an appeal is pending or an instalment plan is kept', () => {
    expect(blockingOf(historyOf(SCRIPTS['objection-received']), POLICY)).toEqual([]);
    expect(blockingOf(historyOf(SCRIPTS['appeal-lodged']), POLICY)).toEqual([]);
    expect(blockingOf(historyOf(SCRIPTS.instalments), POLICY)).toEqual([]);
  });

  it('an instalment plan agreed after the due date lifts the block from that day', () => {
    const late: Step = { action: (state) => ({ type: 'agreeInstalments', schedule: halves(state, '2025-07-31', '2025-08-31') }), actor: OFFICERS.finance, today: '2025-07-05' };
    expect(blockingOf(historyOf([...SCRIPTS.overdue, late]), POLICY)).toEqual([{ from: FIRST_BLOCKED, until: '2025-07-05' }]);
  });

  it('joins every penalty of the member: suspended while any one blocks', () => {
    const one = historyOf([...SCRIPTS.overdue, payAll('2025-07-10')]);
    const other = historyOf(SCRIPTS.paid);
    expect(blockingOfAll([one, other], POLICY)).toEqual([{ from: FIRST_BLOCKED, until: '2025-07-10' }]);
  });
});

describe('mergeIntervals', () => {
  it('joins overlapping and touching intervals and keeps gaps', () => {
    expect(
      mergeIntervals([
        { from: '2025-03-01', until: '2025-03-10' },
        { from: '2025-01-01', until: '2025-01-05' },
        { from: '2025-01-05', until: '2025-01-07' },
        { from: '2025-03-05', until: null },
      ]),
    ).toEqual([
      { from: '2025-01-01', until: '2025-01-07' },
      { from: '2025-03-01', until: null },
    ]);
  });
});

const facts = (more: Partial<MembershipFacts> = {}): MembershipFacts => ({ memberships: [{ memberFrom: '2025-01-15' }], blocking: [], reviewRemovals: [], ...more });
const statusOn = (f: MembershipFacts, date: CalendarDate) => membershipOn(f, date, POLICY).status;

describe('membershipOn: the status on any date, derived from the record', () => {
  it('none before any application; applied while one waits; member from the acceptance date', () => {
    const f = facts({ applications: [{ receivedOn: '2024-12-01', decidedOn: '2025-01-15' }] });
    expect(statusOn(f, '2024-11-30')).toBe('none');
    expect(statusOn(f, '2024-12-01')).toBe('applied');
    expect(statusOn(f, '2025-01-14')).toBe('applied');
    expect(statusOn(f, '2025-01-15')).toBe('member');
    expect(statusOn(facts({ memberships: [] }), '2030-01-01')).toBe('none');
  });

  it('suspended from the day after the due date; member again on the day the penalty is paid within the period', () => {
    const f = facts({ blocking: [{ from: FIRST_BLOCKED, until: '2025-07-10' }] });
    expect(statusOn(f, DUE)).toBe('member');
    expect(statusOn(f, FIRST_BLOCKED)).toBe('suspended');
    expect(statusOn(f, '2025-07-09')).toBe('suspended');
    expect(statusOn(f, '2025-07-10')).toBe('member');
    expect(membershipOn(f, FIRST_BLOCKED, POLICY).period.removalIfUnpaidOn).toBe(REMOVAL_DAY);
  });

  it('paid on the last day of the suspension: member again; on the day after it: removed', () => {
    const lastDay = addDays(FIRST_BLOCKED, S - 1);
    expect(statusOn(facts({ blocking: [{ from: FIRST_BLOCKED, until: lastDay }] }), addDays(lastDay, 1))).toBe('member');
    const late = facts({ blocking: [{ from: FIRST_BLOCKED, until: REMOVAL_DAY }] });
    expect(statusOn(late, addDays(REMOVAL_DAY, -1))).toBe('suspended');
    expect(statusOn(late, REMOVAL_DAY)).toBe('removed');
    // Paying after removal does not bring the membership back.
    expect(statusOn(late, addDays(REMOVAL_DAY, 20))).toBe('removed');
  });

  it('still unpaid at the end → removed, and eligible to reapply three calendar months later', () => {
    const f = facts({ blocking: [{ from: FIRST_BLOCKED, until: null }] });
    const reapply = addMonths(REMOVAL_DAY, POLICY.parameters.accreditation.reapplyAfterMonths);
    expect(statusOn(f, REMOVAL_DAY)).toBe('removed');
    expect(membershipOn(f, REMOVAL_DAY, POLICY).period.removal).toEqual({ on: REMOVAL_DAY, cause: 'unpaidPenalty', reapplyFrom: reapply });
    expect(statusOn(f, addDays(reapply, -1))).toBe('removed');
    expect(statusOn(f, reapply)).toBe('eligibleToReapply');
    expect(statusOn({ ...f, applications: [{ receivedOn: reapply }] }, reapply)).toBe('applied');
  });

  it('a new acceptance after removal starts a new membership, judged afresh', () => {
    const reapply = addMonths(REMOVAL_DAY, 3);
    const f = facts({
      memberships: [{ memberFrom: '2025-01-15' }, { memberFrom: addDays(reapply, 20) }],
      blocking: [{ from: FIRST_BLOCKED, until: addDays(REMOVAL_DAY, 5) }],
    });
    expect(statusOn(f, addDays(reapply, 19))).toBe('eligibleToReapply');
    expect(statusOn(f, addDays(reapply, 20))).toBe('member');
  });

  it('a penalty blocking before membership suspends from the first day of membership', () => {
    const f = facts({ memberships: [{ memberFrom: '2025-07-01' }], blocking: [{ from: FIRST_BLOCKED, until: '2025-07-05' }] });
    expect(statusOn(f, '2025-06-30')).toBe('none');
    expect(statusOn(f, '2025-07-01')).toBe('suspended');
    expect(statusOn(f, '2025-07-05')).toBe('member');
  });

  it('accepted again on the day of a removal: no empty removed period; suspended at once while the penalty still blocks', () => {
    const f = facts({ memberships: [{ memberFrom: '2025-01-15' }, { memberFrom: REMOVAL_DAY }], blocking: [{ from: FIRST_BLOCKED, until: null }] });
    const periods = membershipPeriods(f, POLICY);
    expect(periods.map((p) => p.status)).toEqual(['none', 'member', 'suspended', 'suspended', 'removed', 'eligibleToReapply']);
    expect(periods[3]).toMatchObject({ from: REMOVAL_DAY, removalIfUnpaidOn: addDays(REMOVAL_DAY, S) });
  });

  it('removal on review, during membership or during a suspension', () => {
    const f = facts({ reviewRemovals: ['2025-05-01'] });
    expect(statusOn(f, '2025-04-30')).toBe('member');
    expect(membershipOn(f, '2025-05-01', POLICY).period.removal?.cause).toBe('review');
    const during = facts({ blocking: [{ from: FIRST_BLOCKED, until: null }], reviewRemovals: ['2025-07-01'] });
    expect(statusOn(during, '2025-06-30')).toBe('suspended');
    expect(membershipOn(during, '2025-07-01', POLICY).period.removal).toEqual({ on: '2025-07-01', cause: 'review', reapplyFrom: '2025-10-01' });
  });

  it('reads a real penalty history end to end', () => {
    const blocking = blockingOfAll([historyOf(SCRIPTS.overdue)], POLICY);
    expect(statusOn(facts({ blocking }), REMOVAL_DAY)).toBe('removed');
    const paid = blockingOfAll([historyOf([...SCRIPTS.overdue, payAll('2025-07-10')])], POLICY);
    expect(statusOn(facts({ blocking: paid }), '2025-07-01')).toBe('suspended');
    expect(statusOn(facts({ blocking: paid }), REMOVAL_DAY)).toBe('member');
  });
});

describe('eligibleToApply', () => {
  it('refused while a member, and after removal until the reapply date, with that date', () => {
    const f = facts({ blocking: [{ from: FIRST_BLOCKED, until: null }] });
    expect(eligibleToApply(f, '2025-03-01', POLICY)).toEqual({ ok: false, code: 'accreditation.membership.refusal.alreadyMember' });
    expect(eligibleToApply(f, REMOVAL_DAY, POLICY)).toEqual({ ok: false, code: 'accreditation.membership.refusal.removed', reapplyFrom: addMonths(REMOVAL_DAY, 3) });
    expect(eligibleToApply(f, addMonths(REMOVAL_DAY, 3), POLICY)).toEqual({ ok: true });
    expect(eligibleToApply(facts({ memberships: [] }), '2025-03-01', POLICY)).toEqual({ ok: true });
  });
});

describe('membership properties', () => {
  const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2025-01-01', n));
  const interval = fc.tuple(day, fc.option(fc.integer({ min: 1, max: 80 }), { nil: null })).map(([from, length]): DateInterval => ({ from, until: length === null ? null : addDays(from, length) }));
  const arbitraryFacts = fc.record({
    memberships: fc.array(day.map((memberFrom) => ({ memberFrom })), { minLength: 1, maxLength: 3 }),
    blocking: fc.array(interval, { maxLength: 4 }).map(mergeIntervals),
    reviewRemovals: fc.array(day, { maxLength: 1 }),
  });

  it('periods follow one another without gaps, and every date has exactly one', () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const periods = membershipPeriods(f, POLICY);
        expect(periods[0]?.from).toBeNull();
        expect(periods[periods.length - 1]?.until).toBeNull();
        for (let i = 1; i < periods.length; i += 1) expect(periods[i]?.from).toBe(periods[i - 1]?.until);
        for (const period of periods) if (period.from !== null && period.until !== null) expect(isBefore(period.from, period.until)).toBe(true);
      }),
    );
  });

  it('a suspension never lasts longer than the suspension period, and is only ever followed by membership or removal', () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const periods = membershipPeriods(f, POLICY);
        periods.forEach((period, i) => {
          if (period.status !== 'suspended') return;
          expect(period.from).not.toBeNull();
          expect(period.until).not.toBeNull();
          expect(isBefore(addDays(period.from!, S), period.until!)).toBe(false);
          const following = periods[i + 1];
          // …or, when accepted again on the very day of a removal while a penalty still blocks, by the
          // new membership's own suspension from its first day.
          if (following?.status === 'suspended') expect(f.memberships.map((m) => m.memberFrom)).toContain(following.from);
          else expect(['member', 'removed']).toContain(following?.status);
          // Removed at the end of a full suspension only when a penalty still blocked on its last day
          // (a penalty paid on the removal day itself was still unpaid when the suspension ran out).
          const next = periods[i + 1];
          if (next?.status === 'removed' && next.removal?.cause === 'unpaidPenalty') {
            expect(next.from).toBe(addDays(period.from!, S));
            const lastDay = addDays(next.from!, -1);
            expect(f.blocking.some((b) => !isBefore(lastDay, b.from) && (b.until === null || isBefore(lastDay, b.until)))).toBe(true);
          }
        });
      }),
    );
  });

  it('a member is never listed on a day a penalty blocks', () => {
    fc.assert(
      fc.property(arbitraryFacts, day, (f, date) => {
        const blocked = f.blocking.some((b) => !isBefore(date, b.from) && (b.until === null || isBefore(date, b.until)));
        if (blocked) expect(statusOn(f, date)).not.toBe('member');
      }),
    );
  });
});
