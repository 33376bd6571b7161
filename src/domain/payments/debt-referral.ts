import type { CalendarDate } from '../clock/calendar-date.js';
import type { Offence, Role } from '../penalty/penalty-input.js';
import { paymentReference } from './payment-reference.js';

/*
 * The file a debt collection agency receives: one line per penalty referred, with what it needs to
 * trace and contact the debtor and to say what is owed. Amounts are pounds with two decimals.
 */

export const DCA_COLUMNS = [
  'batch_id',
  'case_reference',
  'payment_reference',
  'debtor_name',
  'debtor_role',
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'address_line_5',
  'country',
  'language',
  'email',
  'phone',
  'vehicle_registration',
  'offence',
  'penalty_amount',
  'outstanding_amount',
  'due_date',
  'last_payment_date',
] as const;
export type DcaColumn = (typeof DCA_COLUMNS)[number];

export interface DebtorFacts {
  caseReference: string;
  role: Role;
  offence: Offence;
  debtorName: string;
  addressLines: readonly string[];
  country: string | null;
  language: string;
  email: string | null;
  phone: string | null;
  vehicleRegistration: string;
  penaltyPence: number;
  outstandingPence: number;
  paymentDue: CalendarDate;
  lastPaymentOn: CalendarDate | null;
}

/** Pence as pounds with two decimals, no symbol or grouping: 150000 → "1500.00". */
export function poundsText(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One line of the agency's file. Five address lines: any more are joined into the fifth. */
export function dcaLine(batchId: string, facts: DebtorFacts): Record<DcaColumn, string> {
  const lines = [...facts.addressLines];
  const address = [...lines.slice(0, 4), lines.slice(4).join(', ')];
  return {
    batch_id: batchId,
    case_reference: facts.caseReference,
    payment_reference: paymentReference(facts.caseReference, facts.role),
    debtor_name: facts.debtorName,
    debtor_role: facts.role,
    address_line_1: address[0] ?? '',
    address_line_2: address[1] ?? '',
    address_line_3: address[2] ?? '',
    address_line_4: address[3] ?? '',
    address_line_5: address[4] ?? '',
    country: facts.country ?? '',
    language: facts.language,
    email: facts.email ?? '',
    phone: facts.phone ?? '',
    vehicle_registration: facts.vehicleRegistration,
    offence: facts.offence,
    penalty_amount: poundsText(facts.penaltyPence),
    outstanding_amount: poundsText(facts.outstandingPence),
    due_date: facts.paymentDue,
    last_payment_date: facts.lastPaymentOn ?? '',
  };
}
