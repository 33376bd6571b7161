import { describe, expect, it } from 'vitest';
import { ACTION_FORMS, readSchedule } from './action-forms.js';

/* The payment steps' forms: how answers become the domain's actions, and the errors shown beside each field. */

const parse = (type: keyof typeof ACTION_FORMS, body: Record<string, unknown>) => ACTION_FORMS[type].parse(body, {});
const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('the payment form', () => {
  it('reads pounds as pence and every answer into recordPayment', () => {
    expect(parse('recordPayment', { amount: '£1,250.50', ...date('receivedOn', '2026-07-01'), method: 'card', reference: ' INV-77 ', paidBy: 'employer' })).toEqual({
      ok: true,
      action: { type: 'recordPayment', amountPence: 125_050, receivedOn: '2026-07-01', method: 'card', reference: 'INV-77', paidBy: 'employer' },
    });
  });

  it('puts an error beside each field left wrong', () => {
    const parsed = parse('recordPayment', { amount: '12.345', method: 'gold' });
    expect(parsed.ok ? [] : parsed.errors).toEqual([
      { field: 'amount', message: 'The amount received must be an amount in pounds, like 1500 or 1500.50' },
      { field: 'receivedOn', message: 'Enter the date the payment was received' },
      { field: 'method', message: 'Choose how it was paid' },
      { field: 'reference', message: 'Enter the finance system’s invoice or receipt reference' },
      { field: 'paidBy', message: 'Choose who paid' },
    ]);
  });
});

describe('the instalment schedule', () => {
  it('reads one instalment a line, ISO or UK dates, pounds with or without £ and commas', () => {
    expect(readSchedule({ schedule: '2026-07-01 500\r\n\r\n1/8/2026  £1,000.50\n 01/09/2026, 250.5 ' }, 'schedule')).toEqual({
      ok: true,
      schedule: [
        { dueOn: '2026-07-01', amountPence: 50_000 },
        { dueOn: '2026-08-01', amountPence: 100_050 },
        { dueOn: '2026-09-01', amountPence: 25_050 },
      ],
    });
  });

  it('names every line it cannot read, in one error beside the field', () => {
    expect(readSchedule({ schedule: '2026-02-30 500\n2026-03-01\nnext month 20' }, 'schedule')).toEqual({
      ok: false,
      error: {
        field: 'schedule',
        message:
          'Each instalment is a date and an amount: line 1 (“2026-02-30 500”) does not start with a real date like 2026-07-01; line 2 (“2026-03-01”) does not end with an amount in pounds like 500.00; line 3 (“next month 20”) does not start with a real date like 2026-07-01',
      },
    });
    expect(readSchedule({ schedule: '  ' }, 'schedule')).toEqual({ ok: false, error: { field: 'schedule', message: 'Enter at least one instalment: its date and amount, like 2026-07-01 500.00' } });
  });
});

describe('the other money and review forms', () => {
  it('reads a refund decision, a request, a refusal and a review', () => {
    expect(parse('decideRefund', { approve: 'no', reason: 'Held against another debt' })).toEqual({ ok: true, action: { type: 'decideRefund', approve: false, reason: 'Held against another debt' } });
    expect(parse('requestInstalments', { ...date('requestedOn', '2026-06-01'), proposal: '£100 a month' })).toEqual({
      ok: true,
      action: { type: 'requestInstalments', requestedOn: '2026-06-01', proposal: '£100 a month' },
    });
    expect(parse('refuseInstalments', {})).toEqual({ ok: false, errors: [{ field: 'reason', message: 'Enter the reasons for refusing the request' }] });
    expect(parse('startReview', { reason: 'wrong-company', note: 'Sold the lorry' })).toEqual({ ok: true, action: { type: 'startReview', reason: 'wrong-company', note: 'Sold the lorry' } });
    expect(parse('startReview', { reason: 'hunch' })).toEqual({
      ok: false,
      errors: [
        { field: 'reason', message: 'Choose why the penalty is under review' },
        { field: 'note', message: 'Enter what is being reviewed' },
      ],
    });
    expect(parse('endReview', { note: 'No error found' })).toEqual({ ok: true, action: { type: 'endReview', note: 'No error found' } });
  });
});
