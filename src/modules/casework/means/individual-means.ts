import type { FieldError } from '../../../platform/events/command.js';
import { readMoney } from '../action-forms.js';

/* The individual means form: gross pay from consecutive monthly payslips. */

export interface Payslip {
  /** YYYY-MM */
  month: string;
  grossPence: number;
}

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The posted payslips (`payslipN-month`, `payslipN-year`, `payslipNAmount`) in month order, or errors beside them. */
export function readPayslips(body: Record<string, unknown>, count: number, today: string): { ok: true; payslips: Payslip[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const payslips: Payslip[] = [];
  for (let n = 1; n <= count; n += 1) {
    const name = `payslip${n}`;
    const month = text(body, `${name}-month`);
    const year = text(body, `${name}-year`);
    let monthText: string | null = null;
    if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12 || !/^\d{4}$/.test(year)) {
      errors.push({ field: name, message: `Enter the month and year of payslip ${n}, like 3 2026` });
    } else {
      monthText = `${year}-${month.padStart(2, '0')}`;
      if (monthText > today.slice(0, 7)) errors.push({ field: name, message: `Payslip ${n} must be for this month or an earlier one` });
    }
    const amount = readMoney(body, `${name}Amount`, `The gross pay on payslip ${n}`);
    if (!amount.ok) errors.push(amount.error);
    if (monthText && amount.ok) payslips.push({ month: monthText, grossPence: amount.pence });
  }
  if (errors.length) return { ok: false, errors };
  payslips.sort((a, b) => a.month.localeCompare(b.month));
  const consecutive = payslips.every((p, i) => i === 0 || monthIndex(p.month) === monthIndex(payslips[i - 1]!.month) + 1);
  if (!consecutive) return { ok: false, errors: [{ field: 'payslip1', message: `The payslips must be for ${count} consecutive months, each month once` }] };
  return { ok: true, payslips };
}
