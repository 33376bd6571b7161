import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { currentAmountPence, outstandingPence, paidPence, penaltyCancelled } from '../../domain/liability/liability-state.js';
import type { CaseFile } from '../casework/case-file.js';

export type PaymentStatus = 'not-imposed' | 'cancelled' | 'written-off' | 'paid' | 'part-paid' | 'unpaid';

/** Whether one responsible person's penalty is paid: what an owner asks about the driver's (joint and several). */
export interface LiabilityPaymentStatus {
  liabilityId: string;
  role: string;
  name: string;
  offence: string;
  /** The amount in force, in pence (0 once cancelled); null before a penalty is imposed. */
  amount: number | null;
  /** Everything received against it, in pence, whoever paid (the employer's payments against the driver's penalty included). */
  paid: number;
  /** Still owed, in pence; negative is a credit. Null before a penalty is imposed. */
  outstanding: number | null;
  /** The date printed on the penalty notice. */
  dueDate: string | null;
  status: PaymentStatus;
  /** Past the due date with money owed. */
  overdue: boolean;
  stage: string;
}

/** Each liability of the case, read from its folded state (payments are events on the case stream). */
export function paymentStatusOf(file: CaseFile, today: string): LiabilityPaymentStatus[] {
  return file.liabilities.map((row) => {
    const state = file.states.get(row.id)!;
    const imposed = state.penaltyNotice !== undefined;
    const cancelled = imposed && penaltyCancelled(state);
    const amount = imposed ? (cancelled ? 0 : (currentAmountPence(state) ?? 0)) : null;
    const paid = paidPence(state);
    const outstanding = imposed ? (outstandingPence(state) ?? null) : null;
    const dueDate = row.paymentDue ?? (imposed && file.policy.ok ? (deadlineOf(state, file.policy.policyVersion, 'paymentDue') ?? null) : null);
    const status: PaymentStatus = !imposed
      ? 'not-imposed'
      : cancelled
        ? 'cancelled'
        : state.stage === 'written-off'
          ? 'written-off'
          : (outstanding ?? 0) <= 0
            ? 'paid'
            : paid > 0
              ? 'part-paid'
              : 'unpaid';
    return {
      liabilityId: row.id,
      role: row.role,
      name: row.partyName,
      offence: row.offence,
      amount,
      paid,
      outstanding,
      dueDate,
      status,
      overdue: (status === 'unpaid' || status === 'part-paid') && dueDate !== null && dueDate < today,
      stage: state.stage,
    };
  });
}
