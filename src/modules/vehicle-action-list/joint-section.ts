import type { Db } from '../../platform/database/client.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { jointLiabilities, type JointLiability } from '../../domain/liability/joint-liability.js';
import { penaltyCancelled } from '../../domain/liability/liability-state.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import type { CaseFile } from '../casework/case-file.js';
import { employmentOfPeopleOn } from '../parties/queries.js';
import { paymentStatusOf, type LiabilityPaymentStatus } from './payment-status.js';

/*
 * The case page's joint and several liability (seed 003 §8.4), inside each person's card: on the
 * driver's, who else is liable for the penalty; on the employer's, the driver's penalty it is also
 * liable for, with what is outstanding and whether it is paid, and what the employer paid toward it.
 * Partial: casework/views/sections/liability-joint.njk. The employer is the domain's `jointLiabilities`,
 * given the register's employment links of the drivers on the incident date.
 */

const STATUS_WORDS: Record<LiabilityPaymentStatus['status'], string> = {
  'not-imposed': 'not imposed yet',
  cancelled: 'cancelled',
  'written-off': 'written off',
  paid: 'paid',
  'part-paid': 'part paid',
  unpaid: 'unpaid',
};

/** "unpaid, overdue" — the driver’s penalty’s payment state in words. */
export function paymentStateInWords(status: LiabilityPaymentStatus): string {
  return `${STATUS_WORDS[status.status]}${status.overdue ? ', overdue' : ''}`;
}

/** The employer liable for each driver's penalty of the case, with the register's say. */
export async function jointLiabilitiesOfCase(db: Db, file: CaseFile): Promise<JointLiability[]> {
  const drivers = file.liabilities.filter((row) => row.role === 'driver' && row.partyId).map((row) => row.partyId!);
  const employment = await employmentOfPeopleOn(db, drivers, file.kase.incidentDate);
  const liabilities = file.liabilities.map((row) => {
    const state = file.states.get(row.id);
    return { ...row, notPursued: state ? penaltyCancelled(state) || state.stage === 'not-referred' : false };
  });
  return jointLiabilities(liabilities, employment);
}

export interface JointView {
  /** On a driver's card: who is jointly liable. */
  liableWith: { name: string; sentence: string; employerPaidPence: number } | null;
  /** On an employer's card: the drivers' penalties it is also liable for. */
  alsoLiableFor: { driverName: string; offence: string; sentence: string; overdue: boolean; employerPayments: { amountPence: number; receivedOn: string; reference: string }[] }[];
}

export function jointView(file: CaseFile, joint: readonly JointLiability[], today: string): Record<string, JointView> {
  const statuses = new Map(paymentStatusOf(file, today).map((status) => [status.liabilityId, status]));
  const view: Record<string, JointView> = Object.fromEntries(file.liabilities.map((row) => [row.id, { liableWith: null, alsoLiableFor: [] } as JointView]));
  for (const item of joint) {
    const status = statuses.get(item.driverLiabilityId)!;
    const employerPayments = (file.states.get(item.driverLiabilityId)?.payments ?? [])
      .filter((payment) => payment.paidBy === 'employer')
      .map((payment) => ({ amountPence: payment.amountPence, receivedOn: payment.receivedOn, reference: payment.reference }));
    const employerPaidPence = employerPayments.reduce((sum, payment) => sum + payment.amountPence, 0);
    view[item.driverLiabilityId]!.liableWith = {
      name: item.employer.name,
      sentence: `${item.employer.name} (the employer) is jointly and severally liable for this penalty`,
      employerPaidPence,
    };
    const owed = status.outstanding === null ? 'no penalty imposed yet' : `${formatPounds(Math.max(status.outstanding, 0))} outstanding`;
    for (const liabilityId of item.employer.liabilityIds) {
      view[liabilityId]?.alsoLiableFor.push({
        driverName: item.driverName,
        offence: item.offence,
        sentence: `Also liable for the driver’s penalty: ${item.driverName}, ${owed}, ${paymentStateInWords(status)}`,
        overdue: status.overdue,
        employerPayments,
      });
    }
  }
  return view;
}

/** The `joint` case page section (registered in `src/app.ts`). */
export function jointLiabilitySection(db: Db): CasePageSection {
  return {
    name: 'joint',
    async load(file, _actor, today) {
      return jointView(file, await jointLiabilitiesOfCase(db, file), today);
    },
  };
}
