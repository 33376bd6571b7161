import { describe, expect, it } from 'vitest';
import { addDays } from '../clock/calendar-date.js';
import { deadlineOf } from '../liability/liability-clock.js';
import { liabilityAt, POLICY } from '../liability/liability-factories.js';
import { outstandingPence } from '../liability/liability-state.js';
import { paymentDemandDue } from './payment-demands.js';

const none = { reminders: [], finalDemands: [] };
const { reminderAfterDays, finalDemandAfterDays, finalDemandPayDays } = POLICY.parameters.debt;

describe('when an unpaid penalty is chased', () => {
  const { state } = liabilityAt('payment-due');
  const due = deadlineOf(state, POLICY, 'paymentDue')!;

  it('sends the reminder the policy’s number of days after the due date, not a day before', () => {
    expect(paymentDemandDue(state, POLICY, addDays(due, reminderAfterDays - 1), none)).toBeNull();
    expect(paymentDemandDue(state, POLICY, addDays(due, reminderAfterDays), none)).toEqual({ kind: 'reminder', paymentDue: due, outstandingPence: outstandingPence(state) });
  });

  it('sends one reminder, then the final demand from its day with the days to pay, and nothing after it', () => {
    const reminded = { reminders: [addDays(due, reminderAfterDays)], finalDemands: [] };
    expect(paymentDemandDue(state, POLICY, addDays(due, reminderAfterDays + 1), reminded)).toBeNull();
    expect(paymentDemandDue(state, POLICY, addDays(due, finalDemandAfterDays - 1), reminded)).toBeNull();
    const day = addDays(due, finalDemandAfterDays);
    expect(paymentDemandDue(state, POLICY, day, reminded)).toEqual({ kind: 'final-demand', paymentDue: due, outstandingPence: outstandingPence(state), payBy: addDays(day, finalDemandPayDays) });
    expect(paymentDemandDue(state, POLICY, addDays(day, 30), { ...reminded, finalDemands: [day] })).toBeNull();
  });

  it('never sends the final demand without a reminder on an earlier day', () => {
    const late = addDays(due, finalDemandAfterDays + 5);
    expect(paymentDemandDue(state, POLICY, late, none)?.kind).toBe('reminder');
    expect(paymentDemandDue(state, POLICY, late, { reminders: [late], finalDemands: [] })).toBeNull();
  });

  it('does not count letters sent before the current due date', () => {
    const old = addDays(due, -10);
    expect(paymentDemandDue(state, POLICY, addDays(due, finalDemandAfterDays), { reminders: [old], finalDemands: [old] })?.kind).toBe('reminder');
  });

  it('chases nothing that could not be enforced: paid, an instalment plan being kept, an objection waiting', () => {
    for (const stage of ['paid', 'instalments', 'objection-received'] as const) {
      const at = liabilityAt(stage).state;
      expect(paymentDemandDue(at, POLICY, addDays(due, 200), none), stage).toBeNull();
    }
  });
});
