import type { FieldError } from '../../platform/events/command.js';
import { asArray } from '../../platform/http/forms.js';
import {
  APPEAL_OUTCOMES,
  NOT_REFERRED_REASONS,
  OBJECTION_OUTCOMES,
  PAYERS,
  PAYMENT_METHODS,
  RETURN_CATEGORIES,
  REVIEW_REASONS,
  WRITE_OFF_REASONS,
  type Instalment,
  type LiabilityAction,
  type LiabilityActionType,
} from '../../domain/liability/actions.js';
import type { PenaltyCalculationInput } from '../../domain/penalty/penalty-input.js';

/*
 * The form behind each casework step: its fields (GOV.UK patterns: date inputs, radios, checkboxes,
 * text areas) and how the posted form becomes the domain's action. Whether the action may happen is
 * the domain's decision; this file only checks that each answer is readable and says so next to the
 * field when it is not.
 */

export type FieldKind = 'date' | 'text' | 'textarea' | 'radios' | 'checkboxes' | 'select' | 'money';

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  optional?: boolean;
  options?: readonly { value: string; text: string }[];
  /** Shown only when the named radio field has the value. */
  when?: { field: string; value: string };
}

export interface ParseContext {
  /** The penalty facts from the case for this liability, completed by the form's answers. */
  penaltyFacts?: (answers: Record<string, unknown>) => { ok: true; facts: PenaltyCalculationInput } | { ok: false; errors: FieldError[] };
}

export interface ActionForm {
  /** The question the page asks (its h1). */
  title: string;
  description?: string;
  fields: readonly FormField[];
  button: string;
  /** Answers → the domain's action, or errors against the fields. */
  parse(body: Record<string, unknown>, context: ParseContext): { ok: true; action: LiabilityAction } | { ok: false; errors: FieldError[] };
}

const options = (record: Record<string, string>) => Object.entries(record).map(([value, text]) => ({ value, text }));

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A GOV.UK date input (day, month, year boxes) → YYYY-MM-DD, or the error to show beside it. */
export function readDate(body: Record<string, unknown>, name: string, label: string): { ok: true; date: string } | { ok: false; error: FieldError } {
  const day = text(body, `${name}-day`);
  const month = text(body, `${name}-month`);
  const year = text(body, `${name}-year`);
  if (!day && !month && !year) return { ok: false, error: { field: name, message: `Enter ${label.toLowerCase()}` } };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length) return { ok: false, error: { field: name, message: `${label} must include a ${missing.join(' and ')}` } };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { ok: false, error: { field: name, message: `${label} must be a real date, like 27 3 2026` } };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    return { ok: false, error: { field: name, message: `${label} must be a real date, like 27 3 2026` } };
  }
  return { ok: true, date: iso };
}

/** "£1,234.50" or "1234.5" → pence. */
export function readMoney(body: Record<string, unknown>, name: string, label: string): { ok: true; pence: number } | { ok: false; error: FieldError } {
  const raw = text(body, name).replace(/[£,\s]/g, '');
  if (!raw) return { ok: false, error: { field: name, message: `Enter ${label.toLowerCase()}` } };
  if (!/^\d+(\.\d{1,2})?$/.test(raw)) return { ok: false, error: { field: name, message: `${label} must be an amount in pounds, like 1500 or 1500.50` } };
  return { ok: true, pence: Math.round(Number(raw) * 100) };
}

/** "2026-07-01" or "1/7/2026" → YYYY-MM-DD when it is a real date. */
function scheduleDate(raw: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const [year, month, day] = iso ? [iso[1]!, iso[2]!, iso[3]!] : uk ? [uk[3]!, uk[2]!, uk[1]!] : [];
  if (!year || !month || !day) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : undefined;
}

/**
 * An instalment schedule typed one instalment per line, "date amount" ("2026-07-01 500.00",
 * "1/7/2026 £500"). Every unreadable line is named in one error beside the field; whether the plan
 * adds up and its dates are in order is the domain's check.
 */
export function readSchedule(body: Record<string, unknown>, name: string): { ok: true; schedule: Instalment[] } | { ok: false; error: FieldError } {
  const lines = text(body, name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0) return { ok: false, error: { field: name, message: 'Enter at least one instalment: its date and amount, like 2026-07-01 500.00' } };
  const schedule: Instalment[] = [];
  const problems: string[] = [];
  lines.forEach((line, index) => {
    const [rawDate = '', ...rest] = line.split(/[\s,;]+/).filter(Boolean);
    const rawAmount = rest.join('').replace(/[£,]/g, '');
    const dueOn = scheduleDate(rawDate);
    const amount = /^\d+(\.\d{1,2})?$/.test(rawAmount) ? Math.round(Number(rawAmount) * 100) : undefined;
    if (!dueOn) problems.push(`line ${index + 1} (“${line}”) does not start with a real date like 2026-07-01`);
    else if (amount === undefined) problems.push(`line ${index + 1} (“${line}”) does not end with an amount in pounds like 500.00`);
    else schedule.push({ dueOn, amountPence: amount });
  });
  if (problems.length) return { ok: false, error: { field: name, message: `Each instalment is a date and an amount: ${problems.join('; ')}` } };
  return { ok: true, schedule };
}

/** Collects the errors of several readers; returns the values when there are none. */
class Answers {
  readonly errors: FieldError[] = [];
  constructor(private readonly body: Record<string, unknown>) {}
  date(name: string, label: string): string {
    const read = readDate(this.body, name, label);
    if (!read.ok) this.errors.push(read.error);
    return read.ok ? read.date : '';
  }
  optionalDate(name: string, label: string): string | undefined {
    const any = ['day', 'month', 'year'].some((part) => text(this.body, `${name}-${part}`));
    return any ? this.date(name, label) : undefined;
  }
  money(name: string, label: string): number {
    const read = readMoney(this.body, name, label);
    if (!read.ok) this.errors.push(read.error);
    return read.ok ? read.pence : 0;
  }
  required(name: string, message: string): string {
    const value = text(this.body, name);
    if (!value) this.errors.push({ field: name, message });
    return value;
  }
  choice<T extends string>(name: string, allowed: Record<T, string>, message: string): T {
    const value = text(this.body, name);
    if (!Object.hasOwn(allowed, value)) this.errors.push({ field: name, message });
    return value as T;
  }
  optional(name: string): string | undefined {
    return text(this.body, name) || undefined;
  }
  result(action: LiabilityAction): { ok: true; action: LiabilityAction } | { ok: false; errors: FieldError[] } {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, action };
  }
}

const noFields = (type: LiabilityActionType, title: string, button: string, description?: string): ActionForm => ({
  title,
  ...(description ? { description } : {}),
  fields: [],
  button,
  parse: () => ({ ok: true, action: { type } as LiabilityAction }),
});

const PENALTY_FACT_FIELDS: readonly FormField[] = [
  {
    name: 'compliedWithRegulations',
    kind: 'radios',
    label: 'Did they comply with the regulations (took every required action, or acted to ensure they were complied with)?',
    options: [
      { value: 'no', text: 'No' },
      { value: 'yes', text: 'Yes' },
    ],
  },
  {
    name: 'cpasMember',
    kind: 'radios',
    label: 'Was the company a member of the Civil Penalty Accreditation Scheme on the incident date?',
    hint: 'Never a driver.',
    options: [
      { value: 'no', text: 'No' },
      { value: 'yes', text: 'Yes' },
    ],
  },
  { name: 'discretionPercent', kind: 'text', label: 'Discretionary reduction, percent (optional)', hint: 'Needs a senior officer’s approval: a recommendation with discretion is assured by a senior officer.', optional: true },
  { name: 'discretionReason', kind: 'text', label: 'Reason for the discretionary reduction (optional)', optional: true },
];

function penaltyFactsFrom(body: Record<string, unknown>, context: ParseContext, answers: Answers): PenaltyCalculationInput | undefined {
  if (!context.penaltyFacts) {
    answers.errors.push({ field: 'compliedWithRegulations', message: 'The penalty facts of this case could not be read. Reload the case and try again.' });
    return undefined;
  }
  const facts = context.penaltyFacts(body);
  if (!facts.ok) {
    answers.errors.push(...facts.errors);
    return undefined;
  }
  return facts.facts;
}

export const ACTION_FORMS: Record<LiabilityActionType, ActionForm> = {
  sendInitialNotice: noFields(
    'sendInitialNotice',
    'Send the initial notice and questionnaire',
    'Send the initial notice',
    'The letter is produced in English and the person’s language, queued for posting, and emailed when an email address is known. The response window starts today.',
  ),
  recordNoticeSentToWrongAddress: {
    title: 'Record that the initial notice went to a wrong address',
    description: 'Imposition, drafting and closing the response window wait until the notice has been re-sent to the correct address.',
    fields: [{ name: 'reason', kind: 'textarea', label: 'How do you know the address was wrong?' }],
    button: 'Record the wrong address',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'recordNoticeSentToWrongAddress', reason: a.required('reason', 'Enter how you know the address was wrong') });
    },
  },
  resendInitialNotice: noFields('resendInitialNotice', 'Re-send the initial notice to the corrected address', 'Re-send the initial notice', 'A fresh response window starts today.'),
  recordResponse: {
    title: 'Record the response to the initial notice',
    fields: [
      { name: 'receivedOn', kind: 'date', label: 'Date the response was received', hint: 'For example, 27 3 2026' },
      { name: 'summary', kind: 'textarea', label: 'What the response says', hint: 'Answers to the questionnaire and any documents sent.', optional: true },
    ],
    button: 'Record the response',
    parse(body) {
      const a = new Answers(body);
      const receivedOn = a.date('receivedOn', 'The date the response was received');
      const summary = a.optional('summary');
      return a.result({ type: 'recordResponse', receivedOn, ...(summary ? { summary } : {}) });
    },
  },
  closeResponseWindow: noFields('closeResponseWindow', 'Close the response window', 'Close the response window', 'No response arrived by the due date.'),
  draftRecommendation: {
    title: 'Draft the recommendation',
    description: 'The penalty calculator runs on the case facts and the previous penalties found in the register; the steps are shown on the case for the assurer.',
    fields: PENALTY_FACT_FIELDS,
    button: 'Draft the recommendation',
    parse(body, context) {
      const a = new Answers(body);
      const penaltyFacts = penaltyFactsFrom(body, context, a);
      return a.result({ type: 'draftRecommendation', penaltyFacts: penaltyFacts! });
    },
  },
  returnRecommendation: {
    title: 'Return the recommendation',
    fields: [
      { name: 'categories', kind: 'checkboxes', label: 'What is wrong with it?', hint: 'Select all that apply.', options: options(RETURN_CATEGORIES) },
      { name: 'text', kind: 'textarea', label: 'What must be corrected' },
    ],
    button: 'Return the recommendation',
    parse(body) {
      const a = new Answers(body);
      const categories = asArray(body.categories);
      if (categories.length === 0) a.errors.push({ field: 'categories', message: 'Select at least one reason for returning the recommendation' });
      const textValue = a.required('text', 'Enter what must be corrected');
      return a.result({ type: 'returnRecommendation', categories: categories as never, text: textValue });
    },
  },
  approveRecommendation: noFields('approveRecommendation', 'Approve the recommendation', 'Approve the recommendation'),
  imposePenalty: noFields(
    'imposePenalty',
    'Impose the penalty',
    'Impose the penalty',
    'The penalty notice is dated today, produced in English and the person’s language with the calculation step by step, queued for posting and emailed when an email address is known.',
  ),
  recordObjection: {
    title: 'Record an objection',
    fields: [
      { name: 'receivedOn', kind: 'date', label: 'Date the objection was received', hint: 'For example, 27 3 2026' },
      { name: 'grounds', kind: 'textarea', label: 'Grounds of the objection' },
    ],
    button: 'Record the objection',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'recordObjection', receivedOn: a.date('receivedOn', 'The date the objection was received'), grounds: a.required('grounds', 'Enter the grounds of the objection') });
    },
  },
  decideLateObjection: {
    title: 'Decide whether to accept the late objection',
    fields: [
      { name: 'accept', kind: 'radios', label: 'Accept the late objection?', options: [{ value: 'yes', text: 'Yes, consider it' }, { value: 'no', text: 'No, refuse it' }] },
      { name: 'reason', kind: 'textarea', label: 'Reason for the decision' },
    ],
    button: 'Record the decision',
    parse(body) {
      const a = new Answers(body);
      const accept = a.choice('accept', { yes: '', no: '' }, 'Choose whether to accept the late objection');
      return a.result({ type: 'decideLateObjection', accept: accept === 'yes', reason: a.required('reason', 'Enter the reason for the decision') });
    },
  },
  determineObjection: {
    title: 'Determine the objection',
    description: 'Reduce and increase run the calculator again on the facts below; the reasons are given to the objector.',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'Outcome', options: options(OBJECTION_OUTCOMES) },
      { name: 'reasons', kind: 'textarea', label: 'Reasons given to the objector' },
      ...PENALTY_FACT_FIELDS.map((field) => ({ ...field, optional: true })),
    ],
    button: 'Record the determination',
    parse(body, context) {
      const a = new Answers(body);
      const outcome = a.choice('outcome', OBJECTION_OUTCOMES, 'Choose the outcome of the objection');
      const reasons = a.required('reasons', 'Enter the reasons given to the objector');
      const penaltyFacts = outcome === 'reduce' || outcome === 'increase' ? penaltyFactsFrom(body, context, a) : undefined;
      return a.result({ type: 'determineObjection', outcome, reasons, ...(penaltyFacts ? { penaltyFacts } : {}) });
    },
  },
  lodgeAppeal: {
    title: 'Record an appeal to the county court',
    fields: [
      { name: 'lodgedOn', kind: 'date', label: 'Date the appeal was lodged', hint: 'For example, 27 3 2026' },
      { name: 'court', kind: 'text', label: 'Court', optional: true },
      { name: 'claimNumber', kind: 'text', label: 'Claim number', optional: true },
    ],
    button: 'Record the appeal',
    parse(body) {
      const a = new Answers(body);
      const lodgedOn = a.date('lodgedOn', 'The date the appeal was lodged');
      const court = a.optional('court');
      const claimNumber = a.optional('claimNumber');
      return a.result({ type: 'lodgeAppeal', lodgedOn, ...(court ? { court } : {}), ...(claimNumber ? { claimNumber } : {}) });
    },
  },
  allocateAppeal: {
    title: 'Allocate the appeal',
    description: 'Only an officer with no earlier involvement in the case can review the appeal.',
    fields: [{ name: 'officerId', kind: 'select', label: 'Officer' }],
    button: 'Allocate the appeal',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'allocateAppeal', officerId: a.required('officerId', 'Choose the officer to allocate the appeal to') });
    },
  },
  decideAppeal: {
    title: 'Record the court’s decision',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'Decision', options: options(APPEAL_OUTCOMES) },
      { name: 'decidedOn', kind: 'date', label: 'Date of the decision', hint: 'For example, 27 3 2026' },
      { name: 'amount', kind: 'money', label: 'Penalty as reduced by the court, in pounds', optional: true, when: { field: 'outcome', value: 'reduced' } },
      { name: 'costsTo', kind: 'radios', label: 'Costs awarded', optional: true, options: [{ value: 'none', text: 'No costs' }, { value: 'home-office', text: 'To the Home Office' }, { value: 'appellant', text: 'To the appellant' }] },
      { name: 'costsAmount', kind: 'money', label: 'Costs, in pounds', optional: true },
    ],
    button: 'Record the decision',
    parse(body) {
      const a = new Answers(body);
      const outcome = a.choice('outcome', APPEAL_OUTCOMES, 'Choose the court’s decision');
      const decidedOn = a.date('decidedOn', 'The date of the decision');
      const amountPence = outcome === 'reduced' ? a.money('amount', 'The reduced penalty') : undefined;
      const costsTo = text(body, 'costsTo');
      const costs = costsTo === 'home-office' || costsTo === 'appellant' ? { awardedTo: costsTo, amountPence: a.money('costsAmount', 'The costs') } : undefined;
      return a.result({ type: 'decideAppeal', outcome, decidedOn, ...(amountPence !== undefined ? { amountPence } : {}), ...(costs ? { costs } : {}) } as LiabilityAction);
    },
  },
  confirmPaymentDue: noFields('confirmPaymentDue', 'Confirm the penalty stands and payment is due', 'Confirm payment is due'),
  recordPayment: {
    title: 'Record a payment',
    description: 'As the finance system shows it. A payment that settles what is owed marks the penalty paid; more than is owed goes to a refund decision.',
    fields: [
      { name: 'amount', kind: 'money', label: 'Amount received, in pounds' },
      { name: 'receivedOn', kind: 'date', label: 'Date the payment was received', hint: 'For example, 27 3 2026' },
      { name: 'method', kind: 'radios', label: 'How it was paid', options: options(PAYMENT_METHODS) },
      { name: 'reference', kind: 'text', label: 'Finance system invoice or receipt reference' },
      {
        name: 'paidBy',
        kind: 'radios',
        label: 'Who paid',
        hint: 'An employer paying its driver’s penalty (they are jointly liable) is recorded on the driver’s penalty.',
        options: options(PAYERS),
      },
    ],
    button: 'Record the payment',
    parse(body) {
      const a = new Answers(body);
      const amountPence = a.money('amount', 'The amount received');
      const receivedOn = a.date('receivedOn', 'The date the payment was received');
      const method = a.choice('method', PAYMENT_METHODS, 'Choose how it was paid');
      const reference = a.required('reference', 'Enter the finance system’s invoice or receipt reference');
      const paidBy = a.choice('paidBy', PAYERS, 'Choose who paid');
      return a.result({ type: 'recordPayment', amountPence, receivedOn, method, reference, paidBy });
    },
  },
  decideRefund: {
    title: 'Decide the refund of an overpayment',
    description: 'An approved refund repays the whole credit; a refund letter is produced in English and the person’s language.',
    fields: [
      { name: 'approve', kind: 'radios', label: 'Refund the overpayment?', options: [{ value: 'yes', text: 'Yes, approve the refund' }, { value: 'no', text: 'No, refuse the refund' }] },
      { name: 'reason', kind: 'textarea', label: 'Reasons for the decision' },
    ],
    button: 'Record the decision',
    parse(body) {
      const a = new Answers(body);
      const approve = a.choice('approve', { yes: '', no: '' }, 'Choose whether to approve or refuse the refund');
      return a.result({ type: 'decideRefund', approve: approve === 'yes', reason: a.required('reason', 'Enter the reasons for the decision') });
    },
  },
  requestInstalments: {
    title: 'Record a request to pay by instalments',
    description: 'While the request waits for a decision the penalty puts no vehicle on the Vehicle Action List.',
    fields: [
      { name: 'requestedOn', kind: 'date', label: 'Date the request was received', hint: 'For example, 27 3 2026' },
      { name: 'proposal', kind: 'textarea', label: 'What they propose to pay, and when' },
    ],
    button: 'Record the request',
    parse(body) {
      const a = new Answers(body);
      const requestedOn = a.date('requestedOn', 'The date the request was received');
      return a.result({ type: 'requestInstalments', requestedOn, proposal: a.required('proposal', 'Enter what they propose to pay, and when') });
    },
  },
  agreeInstalments: {
    title: 'Agree payment by instalments',
    description: 'The instalments must add up to exactly what is owed. A missed instalment breaks the plan and the penalty becomes overdue.',
    fields: [
      {
        name: 'schedule',
        kind: 'textarea',
        label: 'Instalments, one per line: the date it is due and the amount in pounds',
        hint: 'For example: 2026-07-01 500.00 (or 1/7/2026 £500). Dates in order, from today.',
      },
    ],
    button: 'Agree the instalments',
    parse(body) {
      const read = readSchedule(body, 'schedule');
      return read.ok ? { ok: true, action: { type: 'agreeInstalments', schedule: read.schedule } } : { ok: false, errors: [read.error] };
    },
  },
  refuseInstalments: {
    title: 'Refuse the request to pay by instalments',
    fields: [{ name: 'reason', kind: 'textarea', label: 'Reasons for refusing, given to the person' }],
    button: 'Refuse the request',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'refuseInstalments', reason: a.required('reason', 'Enter the reasons for refusing the request') });
    },
  },
  recordPaymentOverdue: noFields(
    'recordPaymentOverdue',
    'Record that payment is overdue',
    'Record payment overdue',
    'From the day after the due date, or when an instalment has been missed (the plan is then broken). An overdue penalty puts the company’s vehicles on the Vehicle Action List.',
  ),
  startReview: {
    title: 'Start a review of the penalty',
    description: 'The stage does not change, but while the review is open the penalty puts no vehicle on the Vehicle Action List.',
    fields: [
      { name: 'reason', kind: 'radios', label: 'Why is the penalty under review?', options: options(REVIEW_REASONS) },
      { name: 'note', kind: 'textarea', label: 'What is being reviewed' },
    ],
    button: 'Start the review',
    parse(body) {
      const a = new Answers(body);
      const reason = a.choice('reason', REVIEW_REASONS, 'Choose why the penalty is under review');
      return a.result({ type: 'startReview', reason, note: a.required('note', 'Enter what is being reviewed') });
    },
  },
  endReview: {
    title: 'End the review of the penalty',
    fields: [{ name: 'note', kind: 'textarea', label: 'What the review found' }],
    button: 'End the review',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'endReview', note: a.required('note', 'Enter what the review found') });
    },
  },
  closeCase: noFields('closeCase', 'Close the case', 'Close the case'),
  proposeWriteOff: {
    title: 'Propose a write-off',
    description: 'A senior officer who did not propose it must approve it.',
    fields: [
      { name: 'reason', kind: 'radios', label: 'Reason', options: options(WRITE_OFF_REASONS) },
      { name: 'explanation', kind: 'textarea', label: 'Explanation' },
    ],
    button: 'Propose the write-off',
    parse(body) {
      const a = new Answers(body);
      const reason = a.choice('reason', WRITE_OFF_REASONS, 'Choose the reason for the write-off');
      return a.result({ type: 'proposeWriteOff', reason, explanation: a.required('explanation', 'Enter why the liability should be written off') });
    },
  },
  approveWriteOff: {
    title: 'Approve the write-off',
    fields: [{ name: 'writtenOffOn', kind: 'date', label: 'Date the write-off takes effect (optional)', hint: 'Leave empty for today. For example, 27 3 2026', optional: true }],
    button: 'Approve the write-off',
    parse(body) {
      const a = new Answers(body);
      const writtenOffOn = a.optionalDate('writtenOffOn', 'The date the write-off takes effect');
      return a.result({ type: 'approveWriteOff', ...(writtenOffOn ? { writtenOffOn } : {}) });
    },
  },
  rejectWriteOff: {
    title: 'Reject the write-off',
    fields: [{ name: 'note', kind: 'textarea', label: 'Why the write-off is rejected' }],
    button: 'Reject the write-off',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'rejectWriteOff', note: a.required('note', 'Enter why the write-off is rejected') });
    },
  },
  referForCriminalInvestigation: {
    title: 'Refer for criminal investigation',
    description: 'The case then waits for the investigation team; the last day to impose keeps running.',
    fields: [
      { name: 'referredOn', kind: 'date', label: 'Date referred', hint: 'For example, 27 3 2026' },
      { name: 'team', kind: 'text', label: 'Investigation team' },
      { name: 'investigationReference', kind: 'text', label: 'Their reference', optional: true },
    ],
    button: 'Refer for criminal investigation',
    parse(body) {
      const a = new Answers(body);
      const referredOn = a.date('referredOn', 'The date referred');
      const team = a.required('team', 'Enter the investigation team');
      const investigationReference = a.optional('investigationReference');
      return a.result({ type: 'referForCriminalInvestigation', referredOn, team, ...(investigationReference ? { investigationReference } : {}) });
    },
  },
  recordInvestigationOutcome: {
    title: 'Record the investigation team’s decision',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'Decision', options: [{ value: 'declined', text: 'Declined: return the case to the caseworkers' }, { value: 'accepted', text: 'Accepted: the case waits for the investigation' }] },
      { name: 'decidedOn', kind: 'date', label: 'Date of the decision', hint: 'For example, 27 3 2026' },
      { name: 'note', kind: 'textarea', label: 'Note', optional: true },
    ],
    button: 'Record the decision',
    parse(body) {
      const a = new Answers(body);
      const outcome = a.choice('outcome', { declined: '', accepted: '' }, 'Choose whether the team took the case or declined it');
      const decidedOn = a.date('decidedOn', 'The date of the decision');
      const note = a.optional('note');
      return a.result({ type: 'recordInvestigationOutcome', outcome, decidedOn, ...(note ? { note } : {}) });
    },
  },
  recordInvestigationReturn: {
    title: 'Record the case’s return from the investigation team',
    fields: [{ name: 'returnedOn', kind: 'date', label: 'Date returned', hint: 'For example, 27 3 2026' }],
    button: 'Record the return',
    parse(body) {
      const a = new Answers(body);
      return a.result({ type: 'recordInvestigationReturn', returnedOn: a.date('returnedOn', 'The date returned') });
    },
  },
  decideNotToRefer: {
    title: 'Decide not to pursue a penalty',
    description: 'Only a self-declaration may be decided without a senior officer.',
    fields: [
      { name: 'reasonCode', kind: 'radios', label: 'Reason', options: options(NOT_REFERRED_REASONS) },
      { name: 'explanation', kind: 'textarea', label: 'Reasons for the decision' },
    ],
    button: 'Record the decision',
    parse(body) {
      const a = new Answers(body);
      const reasonCode = a.choice('reasonCode', NOT_REFERRED_REASONS, 'Choose the reason');
      return a.result({ type: 'decideNotToRefer', reasonCode, explanation: a.required('explanation', 'Enter the reasons for the decision') });
    },
  },
};
