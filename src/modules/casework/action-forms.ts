import { z } from 'zod';
import type { FieldError } from '../../platform/events/command.js';
import { asArray } from '../../platform/http/forms.js';
import { zodFieldErrors } from '../../platform/events/command.js';
import {
  APPEAL_OUTCOMES,
  MEANS_REDUCTION_BASES,
  NOT_REFERRED_REASONS,
  NOTICE_DETAILS_CHECKLIST,
  OBJECTION_ASSURANCE_CHECKLIST,
  OBJECTION_OUTCOMES,
  RECOMMENDATION_CHECKLIST,
  PAYERS,
  PAYMENT_METHODS,
  RETURN_CATEGORIES,
  REVIEW_REASONS,
  WRITE_OFF_REASONS,
  type CpasAnswer,
  type Instalment,
  type LiabilityAction,
  type LiabilityActionType,
} from '../../domain/liability/actions.js';
import type { PenaltyCalculationInput } from '../../domain/penalty/penalty-input.js';
import { DEFAULT_DISCRETION_REASONS } from '../../domain/policy/policy-parameters.js';
import { calendarDate, oneOf, optionalText, pence, requiredText, yesNo } from './field-schemas.js';

/*
 * Each casework step: its page (title, GOV.UK fields: date inputs, radios, checkboxes, text areas),
 * the one zod **schema** of what the step carries, and how those values become the domain's action.
 * The web form reads its boxes into the schema's shape (a date's day/month/year into YYYY-MM-DD,
 * pounds into pence, "yes"/"no" into true/false); the JSON API sends that shape itself. Both are
 * checked by the same schema, with the same messages. Whether the action may happen is the domain's
 * decision; this file only checks that each answer is readable and says so next to the field.
 */

export type FieldKind = 'date' | 'text' | 'textarea' | 'radios' | 'checkboxes' | 'select' | 'money';

/** A field that the form reads in its own way (the instalment schedule typed one line per instalment). */
export type FieldReader = (body: Record<string, unknown>, name: string) => { ok: true; value: unknown } | { ok: false; error: FieldError };

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  optional?: boolean;
  options?: readonly { value: string; text: string }[];
  /** Shown (and read) only when the named radio field has the value. */
  when?: { field: string; value: string };
  /** The schema's key when it differs from the form's (a pounds box `amount` carries `amountPence`). */
  key?: string;
  /** How a date or money box's own errors name it: "The date the response was received". */
  errorLabel?: string;
  /** Radios answered "yes"/"no", carried as true/false. */
  yesNo?: true;
  /** A text box holding a number. */
  numeric?: true;
  read?: FieldReader;
  /** Shown inside a GOV.UK details component with this summary (a secondary control, closed unless answered). */
  details?: string;
}

/** The answers a penalty calculation takes from the caseworker (the rest comes from the case). */
export interface PenaltyAnswers {
  compliedWithRegulations?: boolean | undefined;
  /** Only to override the accreditation register (the register answers otherwise): the membership claimed, with its reason. */
  cpasOverride?: boolean | undefined;
  cpasOverrideReason?: string | undefined;
  discretionPercent?: number | undefined;
  discretionReason?: string | undefined;
  discretionExplanation?: string | undefined;
  postMeansDiscretionPercent?: number | undefined;
  postMeansDiscretionReason?: string | undefined;
  postMeansDiscretionExplanation?: string | undefined;
}

export interface ParseContext {
  /** The penalty facts from the case for this liability, completed by the caseworker's answers. */
  penaltyFacts?: (answers: PenaltyAnswers) => { ok: true; facts: PenaltyCalculationInput; cpas?: CpasAnswer } | { ok: false; errors: FieldError[] };
}

type Parsed = { ok: true; action: LiabilityAction } | { ok: false; errors: FieldError[] };

export interface ActionForm {
  /** The question the page asks (its h1). */
  title: string;
  description?: string;
  fields: readonly FormField[];
  button: string;
  /** What the step carries: the form's answers once read, and the API's request body (with `expectedVersion`). */
  schema: z.ZodObject;
  /** The schema's values → the domain's action, or errors against the fields (facts from the case). */
  toAction(values: Record<string, unknown>, context: ParseContext): Parsed;
  /** A posted form → the domain's action, or errors against the fields. */
  parse(body: Record<string, unknown>, context: ParseContext): Parsed;
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

/** The form's boxes → the schema's shape, with the errors of boxes that cannot be read at all. */
function formValues(fields: readonly FormField[], body: Record<string, unknown>): { values: Record<string, unknown>; errors: FieldError[] } {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const field of fields) {
    if (field.when && text(body, field.when.field) !== field.when.value) continue;
    const key = field.key ?? field.name;
    const label = field.errorLabel ?? field.label;
    if (field.read) {
      const read = field.read(body, field.name);
      if (read.ok) values[key] = read.value;
      else errors.push(read.error);
      continue;
    }
    if (field.kind === 'date') {
      if (!['day', 'month', 'year'].some((part) => text(body, `${field.name}-${part}`))) continue;
      const read = readDate(body, field.name, label);
      if (read.ok) values[key] = read.date;
      else errors.push(read.error);
      continue;
    }
    if (field.kind === 'money') {
      if (!text(body, field.name)) continue;
      const read = readMoney(body, field.name, label);
      if (read.ok) values[key] = read.pence;
      else errors.push(read.error);
      continue;
    }
    if (field.kind === 'checkboxes') {
      values[key] = asArray(body[field.name]);
      continue;
    }
    const raw = body[field.name];
    if (typeof raw !== 'string') {
      // Missing, or sent twice (an array): the schema says what is wanted.
      if (raw !== undefined) values[key] = raw;
      continue;
    }
    const value = raw.trim();
    if (!value) continue;
    if (field.yesNo) values[key] = value === 'yes' ? true : value === 'no' ? false : value;
    else if (field.numeric) values[key] = /^\d{1,3}(\.\d+)?$/.test(value) ? Number(value) : value;
    else values[key] = value;
  }
  return { values, errors };
}

/** Orders errors as the fields are on the page, one per field, naming the form's field. */
function onThePage(fields: readonly FormField[], errors: FieldError[]): FieldError[] {
  const nameOf = new Map(fields.map((field) => [field.key ?? field.name, field.name]));
  const order = new Map(fields.map((field, index) => [field.name, index]));
  const named = errors.map((error) => {
    const [first, ...rest] = error.field.split('.');
    const name = nameOf.get(first ?? '') ?? first ?? error.field;
    return { field: [name, ...rest].join('.'), message: error.message };
  });
  const seen = new Set<string>();
  return named
    .map((error, index) => ({ error, index }))
    .sort((a, b) => (order.get(a.error.field.split('.')[0]!) ?? 999) - (order.get(b.error.field.split('.')[0]!) ?? 999) || a.index - b.index)
    .map(({ error }) => error)
    .filter((error) => {
      const field = error.field.split('.')[0]!;
      if (seen.has(field)) return false;
      seen.add(field);
      return true;
    });
}

interface StepDefinition {
  title: string;
  description?: string;
  fields: readonly FormField[];
  button: string;
  schema: z.ZodObject;
  toAction(values: Record<string, unknown>, context: ParseContext): Parsed;
}

function step(definition: StepDefinition): ActionForm {
  return {
    ...definition,
    parse(body, context) {
      const read = formValues(definition.fields, body);
      const checked = definition.schema.safeParse(read.values);
      if (!checked.success || read.errors.length > 0) {
        return { ok: false, errors: onThePage(definition.fields, [...read.errors, ...(checked.success ? [] : zodFieldErrors(checked.error))]) };
      }
      const parsed = definition.toAction(checked.data, context);
      return parsed.ok ? parsed : { ok: false, errors: onThePage(definition.fields, parsed.errors) };
    },
  };
}

/** A decision that is yes or no with reasons (a refund, a reduction on means): the same question, fields and checks. */
function yesOrNoWithReasons(
  type: 'decideRefund' | 'decideMeansReduction',
  words: { title: string; description: string; question: string; yes: string; no: string; choose: string },
): ActionForm {
  return step({
    title: words.title,
    description: words.description,
    fields: [
      { name: 'approve', kind: 'radios', yesNo: true, label: words.question, options: yesNoOptions(words.yes, words.no) },
      { name: 'reason', kind: 'textarea', label: 'Reasons for the decision' },
    ],
    button: 'Record the decision',
    schema: z.strictObject({ approve: yesNo(words.choose), reason: requiredText('Enter the reasons for the decision', 'The reasons for the decision') }),
    toAction: (values) => ({ ok: true, action: { type, approve: v<boolean>(values, 'approve'), reason: v<string>(values, 'reason') } }),
  });
}


/** A step that carries nothing but its name. */
const noFields = (type: LiabilityActionType, title: string, button: string, description?: string): ActionForm =>
  step({
    title,
    ...(description ? { description } : {}),
    fields: [],
    button,
    schema: z.strictObject({}),
    toAction: () => ({ ok: true, action: { type } as LiabilityAction }),
  });

/** Values the schema has checked, read back with their types. */
const v = <T>(values: Record<string, unknown>, key: string) => values[key] as T;
const present = (value: unknown) => value !== undefined && value !== '';

const PERCENT_MESSAGE = 'The discretionary reduction must be a percentage from 1 to 100';

/** The caseworker's answers for the calculator; `required` for a step that always calculates. */
function penaltyAnswerShape(required: boolean) {
  const complied = yesNo('Choose whether they complied with the regulations');
  return {
    compliedWithRegulations: required ? complied : complied.optional(),
    discretionPercent: z.number({ error: PERCENT_MESSAGE }).gt(0, PERCENT_MESSAGE).max(100, PERCENT_MESSAGE).optional(),
    discretionReason: oneOf(DISCRETION_REASON_NAMES, 'Choose the reason for the discretionary reduction').optional(),
    discretionExplanation: optionalText('The explanation of the reason', 500),
    postMeansDiscretionPercent: z.number({ error: PERCENT_MESSAGE }).gt(0, PERCENT_MESSAGE).max(100, PERCENT_MESSAGE).optional(),
    postMeansDiscretionReason: oneOf(DISCRETION_REASON_NAMES, 'Choose the reason for the discretionary reduction after means testing').optional(),
    postMeansDiscretionExplanation: optionalText('The explanation of the reason', 500),
  };
}

/** The discretion reasons offered on the forms: the policy's list (the calculator checks the code against the case's policy version). */
const DISCRETION_REASON_NAMES: Record<string, string> = Object.fromEntries(Object.entries(DEFAULT_DISCRETION_REASONS).map(([code, reason]) => [code, reason.name]));

type DiscretionValues = Partial<Record<'discretionPercent' | 'postMeansDiscretionPercent', number | undefined> & Record<'discretionReason' | 'postMeansDiscretionReason', string | undefined>>;

function discretionNeedsReason(values: DiscretionValues, context: z.RefinementCtx) {
  if (values.discretionPercent !== undefined && !values.discretionReason) {
    context.addIssue({ code: 'custom', path: ['discretionReason'], message: 'Choose the reason for the discretionary reduction' });
  }
  if (values.postMeansDiscretionPercent !== undefined && !values.postMeansDiscretionReason) {
    context.addIssue({ code: 'custom', path: ['postMeansDiscretionReason'], message: 'Choose the reason for the discretionary reduction after means testing' });
  }
}

function answersOf(values: Record<string, unknown>): PenaltyAnswers {
  return {
    compliedWithRegulations: v<boolean | undefined>(values, 'compliedWithRegulations'),
    cpasOverride: v<boolean | undefined>(values, 'cpasOverride'),
    cpasOverrideReason: v<string | undefined>(values, 'cpasOverrideReason') || undefined,
    discretionPercent: v<number | undefined>(values, 'discretionPercent'),
    discretionReason: v<string | undefined>(values, 'discretionReason') || undefined,
    discretionExplanation: v<string | undefined>(values, 'discretionExplanation') || undefined,
    postMeansDiscretionPercent: v<number | undefined>(values, 'postMeansDiscretionPercent'),
    postMeansDiscretionReason: v<string | undefined>(values, 'postMeansDiscretionReason') || undefined,
    postMeansDiscretionExplanation: v<string | undefined>(values, 'postMeansDiscretionExplanation') || undefined,
  };
}

function penaltyFactsFrom(values: Record<string, unknown>, context: ParseContext): { ok: true; facts: PenaltyCalculationInput; cpas?: CpasAnswer } | { ok: false; errors: FieldError[] } {
  if (!context.penaltyFacts) {
    return { ok: false, errors: [{ field: 'compliedWithRegulations', message: 'The penalty facts of this case could not be read. Reload the case and try again.' }] };
  }
  return context.penaltyFacts(answersOf(values));
}

const PENALTY_FACT_FIELDS: readonly FormField[] = [
  {
    name: 'compliedWithRegulations',
    kind: 'radios',
    label: 'Did they comply with the regulations (took every required action, or acted to ensure they were complied with)?',
    yesNo: true,
    options: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
  },
  { name: 'discretionPercent', kind: 'text', numeric: true, label: 'Discretionary reduction, percent (optional)', hint: 'A Senior Officer who did not draft it approves it on the case before the recommendation can be assured.', optional: true },
  { name: 'discretionReason', kind: 'radios', label: 'Reason for the discretionary reduction (optional)', options: options(DISCRETION_REASON_NAMES), optional: true },
  { name: 'discretionExplanation', kind: 'text', label: 'Explain the reason (needed for “Other”)', optional: true },
  {
    name: 'postMeansDiscretionPercent',
    kind: 'text',
    numeric: true,
    label: 'Discretion after means testing, percent (optional)',
    hint: 'Only with an assured means assessment: taken off what remains after means testing. Approved by a Senior Officer like any discretion.',
    optional: true,
  },
  { name: 'postMeansDiscretionReason', kind: 'radios', label: 'Reason for the discretion after means testing (optional)', options: options(DISCRETION_REASON_NAMES), optional: true },
  { name: 'postMeansDiscretionExplanation', kind: 'text', label: 'Explain the reason after means testing (needed for “Other”)', optional: true },
];

/** The override of the accreditation register (never asked: the register answers; this corrects it, with a reason a Senior Officer confirms). */
const CPAS_OVERRIDE_DETAILS = 'The register is wrong for this incident';
const CPAS_OVERRIDE_FIELDS: readonly FormField[] = [
  {
    name: 'cpasOverride',
    kind: 'radios',
    label: 'What was the company’s membership of the accreditation scheme on the incident date?',
    hint: 'Only with evidence the register does not hold, such as membership from before Cordon’s records. A Senior Officer must confirm the override: on a recommendation, one who did not draft it, before it is assured; on an objection, by assuring the determination.',
    yesNo: true,
    optional: true,
    details: CPAS_OVERRIDE_DETAILS,
    options: [
      { value: 'yes', text: 'A member: apply the 50% reduction' },
      { value: 'no', text: 'Not a member: no reduction' },
    ],
  },
  { name: 'cpasOverrideReason', kind: 'textarea', label: 'Why the register is wrong for this incident', optional: true, details: CPAS_OVERRIDE_DETAILS },
];

const CPAS_OVERRIDE_SHAPE = {
  cpasOverride: yesNo('Choose what the company’s membership was on the incident date').optional(),
  cpasOverrideReason: optionalText('The reason the register is wrong', 1000),
};

const yesNoOptions = (yes: string, no: string) => [
  { value: 'yes', text: yes },
  { value: 'no', text: no },
];

/** The instalment schedule's box, read line by line into the schema's list. */
const scheduleReader: FieldReader = (body, name) => {
  const read = readSchedule(body, name);
  return read.ok ? { ok: true, value: read.schedule } : read;
};

/**
 * An assurance checklist (GOV.UK checkboxes): every item must be ticked to pass, so the error names
 * what is left. The domain checks the same; this says so next to the boxes.
 */
function checklistField(items: Record<string, string>, label: string, hint = 'Tick each item once you have checked it. Every item must be ticked.'): FormField {
  return { name: 'checklist', kind: 'checkboxes', label, hint, options: options(items) };
}

function fullChecklist(items: Record<string, string>, what: string) {
  const keys = Object.keys(items);
  return z
    .array(oneOf(items as Record<string, string>, `Choose the ${what} checks from the list`), { error: `Tick every item of the ${what} checklist` })
    .max(keys.length, 'Tick each item once')
    .refine((ticked) => keys.every((key) => ticked.includes(key)), { message: `Tick every item of the ${what} checklist once you have checked it` });
}

export const ACTION_FORMS: Record<LiabilityActionType, ActionForm> = {
  checkNoticeDetails: step({
    title: 'Check the name and address before the initial notice',
    description:
      'A second officer checks the details against the documents seen at the border before the initial notice (IS11D or IS11E) goes. The officer who checks cannot send the notice.',
    fields: [checklistField(NOTICE_DETAILS_CHECKLIST, 'What have you checked?')],
    button: 'Record the check',
    schema: z.strictObject({ checklist: fullChecklist(NOTICE_DETAILS_CHECKLIST, 'name and address') }),
    toAction: (values) => ({ ok: true, action: { type: 'checkNoticeDetails', checklist: v<(keyof typeof NOTICE_DETAILS_CHECKLIST)[]>(values, 'checklist') } }),
  }),
  assureObjectionDetermination: step({
    title: 'Assure the determination of the objection',
    description: 'The determination takes effect, and its letter is sent, only when a Higher Officer who did not determine it approves it.',
    fields: [
      { name: 'approve', kind: 'radios', yesNo: true, label: 'Approve the determination?', options: yesNoOptions('Yes, approve it', 'No, return it to be determined again') },
      checklistField(OBJECTION_ASSURANCE_CHECKLIST, 'What have you checked?', 'To approve, tick every item. To return it, tick what you have checked and give the reason below.'),
      { name: 'reason', kind: 'textarea', label: 'Reason for returning it', hint: 'Only when you return it.', optional: true },
    ],
    button: 'Record the assurance',
    schema: z
      .strictObject({
        approve: yesNo('Choose whether to approve or return the determination'),
        checklist: z.array(oneOf(OBJECTION_ASSURANCE_CHECKLIST, 'Choose the objection assurance checks from the list')).max(Object.keys(OBJECTION_ASSURANCE_CHECKLIST).length).default([]),
        reason: optionalText('The reason for returning it'),
      })
      .superRefine((values, context) => {
        if (values.approve && !Object.keys(OBJECTION_ASSURANCE_CHECKLIST).every((key) => (values.checklist as string[]).includes(key))) {
          context.addIssue({ code: 'custom', path: ['checklist'], message: 'Tick every item of the objection assurance checklist to approve the determination' });
        }
        if (values.approve === false && !values.reason) context.addIssue({ code: 'custom', path: ['reason'], message: 'Enter the reason for returning the determination' });
      }),
    toAction(values) {
      const reason = v<string | undefined>(values, 'reason');
      return {
        ok: true,
        action: {
          type: 'assureObjectionDetermination',
          approve: v<boolean>(values, 'approve'),
          checklist: v<(keyof typeof OBJECTION_ASSURANCE_CHECKLIST)[]>(values, 'checklist'),
          ...(reason ? { reason } : {}),
        },
      };
    },
  }),
  sendInitialNotice: noFields(
    'sendInitialNotice',
    'Send the initial notice and questionnaire',
    'Send the initial notice',
    'The letter is produced in English and the person’s language, queued for posting, and emailed when an email address is known. The response window starts today.',
  ),
  recordNoticeSentToWrongAddress: step({
    title: 'Record that the initial notice went to a wrong address',
    description: 'Imposition, drafting and closing the response window wait until the notice has been re-sent to the correct address.',
    fields: [{ name: 'reason', kind: 'textarea', label: 'How do you know the address was wrong?' }],
    button: 'Record the wrong address',
    schema: z.strictObject({ reason: requiredText('Enter how you know the address was wrong', 'How you know the address was wrong') }),
    toAction: (values) => ({ ok: true, action: { type: 'recordNoticeSentToWrongAddress', reason: v<string>(values, 'reason') } }),
  }),
  resendInitialNotice: noFields('resendInitialNotice', 'Re-send the initial notice to the corrected address', 'Re-send the initial notice', 'A fresh response window starts today.'),
  recordResponse: step({
    title: 'Record the response to the initial notice',
    fields: [
      { name: 'receivedOn', kind: 'date', label: 'Date the response was received', errorLabel: 'The date the response was received', hint: 'For example, 27 3 2026' },
      { name: 'summary', kind: 'textarea', label: 'What the response says', hint: 'Answers to the questionnaire and any documents sent.', optional: true },
    ],
    button: 'Record the response',
    schema: z.strictObject({ receivedOn: calendarDate('The date the response was received'), summary: optionalText('What the response says') }),
    toAction(values) {
      const summary = v<string | undefined>(values, 'summary');
      return { ok: true, action: { type: 'recordResponse', receivedOn: v<string>(values, 'receivedOn'), ...(summary ? { summary } : {}) } };
    },
  }),
  closeResponseWindow: noFields('closeResponseWindow', 'Close the response window', 'Close the response window', 'No response arrived by the due date.'),
  draftRecommendation: step({
    title: 'Draft the recommendation',
    description: 'The penalty calculator runs on the case facts and the previous penalties found in the register; the steps are shown on the case for the assurer.',
    fields: [PENALTY_FACT_FIELDS[0]!, ...CPAS_OVERRIDE_FIELDS, ...PENALTY_FACT_FIELDS.slice(1)],
    button: 'Draft the recommendation',
    schema: z.strictObject({ ...penaltyAnswerShape(true), ...CPAS_OVERRIDE_SHAPE }).superRefine(discretionNeedsReason),
    toAction(values, context) {
      const facts = penaltyFactsFrom(values, context);
      return facts.ok ? { ok: true, action: { type: 'draftRecommendation', penaltyFacts: facts.facts, ...(facts.cpas ? { cpas: facts.cpas } : {}) } } : facts;
    },
  }),
  returnRecommendation: step({
    title: 'Return the recommendation',
    fields: [
      { name: 'categories', kind: 'checkboxes', label: 'What is wrong with it?', hint: 'Select all that apply.', options: options(RETURN_CATEGORIES) },
      { name: 'text', kind: 'textarea', label: 'What must be corrected' },
    ],
    button: 'Return the recommendation',
    schema: z.strictObject({
      categories: z
        .array(oneOf(RETURN_CATEGORIES, 'Select the reasons for returning the recommendation from the list'), { error: 'Select at least one reason for returning the recommendation' })
        .min(1, 'Select at least one reason for returning the recommendation')
        .max(Object.keys(RETURN_CATEGORIES).length, 'Select each reason once'),
      text: requiredText('Enter what must be corrected', 'What must be corrected'),
    }),
    toAction: (values) => ({
      ok: true,
      action: { type: 'returnRecommendation', categories: [...new Set(v<(keyof typeof RETURN_CATEGORIES)[]>(values, 'categories'))], text: v<string>(values, 'text') },
    }),
  }),
  approveRecommendation: step({
    title: 'Approve the recommendation',
    description: 'Approving assures the recommendation as drafted: the amount and each calculation step below. To send it back, return it with reasons instead.',
    fields: [checklistField(RECOMMENDATION_CHECKLIST, 'What have you checked?')],
    button: 'Approve the recommendation',
    schema: z.strictObject({ checklist: fullChecklist(RECOMMENDATION_CHECKLIST, 'recommendation assurance') }),
    toAction: (values) => ({ ok: true, action: { type: 'approveRecommendation', checklist: v<(keyof typeof RECOMMENDATION_CHECKLIST)[]>(values, 'checklist') } }),
  }),
  imposePenalty: noFields(
    'imposePenalty',
    'Impose the penalty',
    'Impose the penalty',
    'The penalty notice is dated today, produced in English and the person’s language with the calculation step by step, queued for posting and emailed when an email address is known.',
  ),
  recordObjection: step({
    title: 'Record an objection',
    fields: [
      { name: 'receivedOn', kind: 'date', label: 'Date the objection was received', errorLabel: 'The date the objection was received', hint: 'For example, 27 3 2026' },
      { name: 'grounds', kind: 'textarea', label: 'Grounds of the objection' },
    ],
    button: 'Record the objection',
    schema: z.strictObject({ receivedOn: calendarDate('The date the objection was received'), grounds: requiredText('Enter the grounds of the objection', 'The grounds of the objection') }),
    toAction: (values) => ({ ok: true, action: { type: 'recordObjection', receivedOn: v<string>(values, 'receivedOn'), grounds: v<string>(values, 'grounds') } }),
  }),
  decideLateObjection: step({
    title: 'Decide whether to accept the late objection',
    fields: [
      { name: 'accept', kind: 'radios', yesNo: true, label: 'Accept the late objection?', options: yesNoOptions('Yes, consider it', 'No, refuse it') },
      { name: 'reason', kind: 'textarea', label: 'Reason for the decision' },
    ],
    button: 'Record the decision',
    schema: z.strictObject({ accept: yesNo('Choose whether to accept the late objection'), reason: requiredText('Enter the reason for the decision', 'The reason for the decision') }),
    toAction: (values) => ({ ok: true, action: { type: 'decideLateObjection', accept: v<boolean>(values, 'accept'), reason: v<string>(values, 'reason') } }),
  }),
  determineObjection: step({
    title: 'Determine the objection',
    description:
      'Reduce and increase run the calculator again on the facts below; the reasons are given to the objector. The determination takes effect when a Higher Officer who did not make it assures it.',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'Outcome', options: options(OBJECTION_OUTCOMES) },
      { name: 'reasons', kind: 'textarea', label: 'Reasons given to the objector' },
      ...[PENALTY_FACT_FIELDS[0]!, ...CPAS_OVERRIDE_FIELDS, ...PENALTY_FACT_FIELDS.slice(1)].map((field) => ({ ...field, optional: true })),
    ],
    button: 'Record the determination',
    schema: z
      .strictObject({
        outcome: oneOf(OBJECTION_OUTCOMES, 'Choose the outcome of the objection'),
        reasons: requiredText('Enter the reasons given to the objector', 'The reasons given to the objector'),
        ...penaltyAnswerShape(false),
        ...CPAS_OVERRIDE_SHAPE,
      })
      .superRefine(discretionNeedsReason),
    toAction(values, context) {
      const outcome = v<keyof typeof OBJECTION_OUTCOMES>(values, 'outcome');
      const reasons = v<string>(values, 'reasons');
      if (outcome !== 'reduce' && outcome !== 'increase') return { ok: true, action: { type: 'determineObjection', outcome, reasons } };
      const facts = penaltyFactsFrom(values, context);
      return facts.ok ? { ok: true, action: { type: 'determineObjection', outcome, reasons, penaltyFacts: facts.facts, ...(facts.cpas ? { cpas: facts.cpas } : {}) } } : facts;
    },
  }),
  lodgeAppeal: step({
    title: 'Record an appeal to the county court',
    fields: [
      { name: 'lodgedOn', kind: 'date', label: 'Date the appeal was lodged', errorLabel: 'The date the appeal was lodged', hint: 'For example, 27 3 2026' },
      { name: 'court', kind: 'text', label: 'Court', optional: true },
      { name: 'claimNumber', kind: 'text', label: 'Claim number', optional: true },
    ],
    button: 'Record the appeal',
    schema: z.strictObject({ lodgedOn: calendarDate('The date the appeal was lodged'), court: optionalText('The court', 200), claimNumber: optionalText('The claim number', 100) }),
    toAction(values) {
      const court = v<string | undefined>(values, 'court');
      const claimNumber = v<string | undefined>(values, 'claimNumber');
      return { ok: true, action: { type: 'lodgeAppeal', lodgedOn: v<string>(values, 'lodgedOn'), ...(court ? { court } : {}), ...(claimNumber ? { claimNumber } : {}) } };
    },
  }),
  allocateAppeal: step({
    title: 'Allocate the appeal',
    description: 'Only an officer with no earlier involvement in the case can review the appeal.',
    fields: [{ name: 'officerId', kind: 'select', label: 'Officer' }],
    button: 'Allocate the appeal',
    schema: z.strictObject({ officerId: z.uuid({ error: 'Choose the officer to allocate the appeal to' }) }),
    toAction: (values) => ({ ok: true, action: { type: 'allocateAppeal', officerId: v<string>(values, 'officerId') } }),
  }),
  decideAppeal: step({
    title: 'Record the court’s decision',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'Decision', options: options(APPEAL_OUTCOMES) },
      { name: 'decidedOn', kind: 'date', label: 'Date of the decision', errorLabel: 'The date of the decision', hint: 'For example, 27 3 2026' },
      { name: 'amount', key: 'amountPence', kind: 'money', label: 'Penalty as reduced by the court, in pounds', errorLabel: 'The reduced penalty', optional: true, when: { field: 'outcome', value: 'reduced' } },
      {
        name: 'costsTo',
        kind: 'radios',
        label: 'Costs awarded',
        optional: true,
        options: [
          { value: 'none', text: 'No costs' },
          { value: 'home-office', text: 'To the Home Office' },
          { value: 'appellant', text: 'To the appellant' },
        ],
      },
      { name: 'costsAmount', key: 'costsAmountPence', kind: 'money', label: 'Costs, in pounds', errorLabel: 'The costs', optional: true },
    ],
    button: 'Record the decision',
    schema: z
      .strictObject({
        outcome: oneOf(APPEAL_OUTCOMES, 'Choose the court’s decision'),
        decidedOn: calendarDate('The date of the decision'),
        amountPence: pence('The reduced penalty').optional(),
        costsTo: z.enum(['none', 'home-office', 'appellant'], { error: 'Choose who the costs were awarded to: none, home-office or appellant' }).optional(),
        costsAmountPence: pence('The costs').optional(),
      })
      .superRefine((values, context) => {
        if (values.outcome === 'reduced' && values.amountPence === undefined) context.addIssue({ code: 'custom', path: ['amountPence'], message: 'Enter the reduced penalty' });
        if ((values.costsTo === 'home-office' || values.costsTo === 'appellant') && values.costsAmountPence === undefined) {
          context.addIssue({ code: 'custom', path: ['costsAmountPence'], message: 'Enter the costs' });
        }
      }),
    toAction(values) {
      const outcome = v<keyof typeof APPEAL_OUTCOMES>(values, 'outcome');
      const costsTo = v<'none' | 'home-office' | 'appellant' | undefined>(values, 'costsTo');
      const amountPence = outcome === 'reduced' ? v<number>(values, 'amountPence') : undefined;
      const costs = costsTo === 'home-office' || costsTo === 'appellant' ? { awardedTo: costsTo, amountPence: v<number>(values, 'costsAmountPence') } : undefined;
      return {
        ok: true,
        action: { type: 'decideAppeal', outcome, decidedOn: v<string>(values, 'decidedOn'), ...(amountPence !== undefined ? { amountPence } : {}), ...(costs ? { costs } : {}) },
      };
    },
  }),
  confirmPaymentDue: noFields('confirmPaymentDue', 'Confirm the penalty stands and payment is due', 'Confirm payment is due'),
  recordPayment: step({
    title: 'Record a payment',
    description: 'As the finance system shows it. A payment that settles what is owed marks the penalty paid; more than is owed goes to a refund decision.',
    fields: [
      { name: 'amount', key: 'amountPence', kind: 'money', label: 'Amount received, in pounds', errorLabel: 'The amount received' },
      { name: 'receivedOn', kind: 'date', label: 'Date the payment was received', errorLabel: 'The date the payment was received', hint: 'For example, 27 3 2026' },
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
    schema: z.strictObject({
      amountPence: pence('The amount received'),
      receivedOn: calendarDate('The date the payment was received'),
      method: oneOf(PAYMENT_METHODS, 'Choose how it was paid'),
      reference: requiredText('Enter the finance system’s invoice or receipt reference', 'The invoice or receipt reference', 100),
      paidBy: oneOf(PAYERS, 'Choose who paid'),
    }),
    toAction: (values) => ({
      ok: true,
      action: {
        type: 'recordPayment',
        amountPence: v<number>(values, 'amountPence'),
        receivedOn: v<string>(values, 'receivedOn'),
        method: v<keyof typeof PAYMENT_METHODS>(values, 'method'),
        reference: v<string>(values, 'reference'),
        paidBy: v<keyof typeof PAYERS>(values, 'paidBy'),
      },
    }),
  }),
  decideRefund: yesOrNoWithReasons('decideRefund', {
    title: 'Decide the refund of an overpayment',
    description: 'An approved refund repays the whole credit; a refund letter is produced in English and the person’s language.',
    question: 'Refund the overpayment?',
    yes: 'Yes, approve the refund',
    no: 'No, refuse the refund',
    choose: 'Choose whether to approve or refuse the refund',
  }),
  requestInstalments: step({
    title: 'Record a request to pay by instalments',
    description: 'While the request waits for a decision the penalty puts no vehicle on the Vehicle Action List.',
    fields: [
      { name: 'requestedOn', kind: 'date', label: 'Date the request was received', errorLabel: 'The date the request was received', hint: 'For example, 27 3 2026' },
      { name: 'proposal', kind: 'textarea', label: 'What they propose to pay, and when' },
    ],
    button: 'Record the request',
    schema: z.strictObject({ requestedOn: calendarDate('The date the request was received'), proposal: requiredText('Enter what they propose to pay, and when', 'What they propose') }),
    toAction: (values) => ({ ok: true, action: { type: 'requestInstalments', requestedOn: v<string>(values, 'requestedOn'), proposal: v<string>(values, 'proposal') } }),
  }),
  agreeInstalments: step({
    title: 'Agree payment by instalments',
    description: 'The instalments must add up to exactly what is owed. A missed instalment breaks the plan and the penalty becomes overdue.',
    fields: [
      {
        name: 'schedule',
        kind: 'textarea',
        label: 'Instalments, one per line: the date it is due and the amount in pounds',
        hint: 'For example: 2026-07-01 500.00 (or 1/7/2026 £500). Dates in order, from today.',
        read: scheduleReader,
      },
    ],
    button: 'Agree the instalments',
    schema: z.strictObject({
      schedule: z
        .array(z.strictObject({ dueOn: calendarDate('The date the instalment is due'), amountPence: pence('The instalment') }), {
          error: 'Enter at least one instalment: its date and amount, like 2026-07-01 500.00',
        })
        .min(1, 'Enter at least one instalment: its date and amount, like 2026-07-01 500.00')
        .max(120, 'A plan can have at most 120 instalments'),
    }),
    toAction: (values) => ({ ok: true, action: { type: 'agreeInstalments', schedule: v<Instalment[]>(values, 'schedule') } }),
  }),
  refuseInstalments: step({
    title: 'Refuse the request to pay by instalments',
    fields: [{ name: 'reason', kind: 'textarea', label: 'Reasons for refusing, given to the person' }],
    button: 'Refuse the request',
    schema: z.strictObject({ reason: requiredText('Enter the reasons for refusing the request', 'The reasons for refusing') }),
    toAction: (values) => ({ ok: true, action: { type: 'refuseInstalments', reason: v<string>(values, 'reason') } }),
  }),
  recordPaymentOverdue: noFields(
    'recordPaymentOverdue',
    'Record that payment is overdue',
    'Record payment overdue',
    'From the day after the due date, or when an instalment has been missed (the plan is then broken). An overdue penalty puts the company’s vehicles on the Vehicle Action List.',
  ),
  startReview: step({
    title: 'Start a review of the penalty',
    description: 'The stage does not change, but while the review is open the penalty puts no vehicle on the Vehicle Action List.',
    fields: [
      { name: 'reason', kind: 'radios', label: 'Why is the penalty under review?', options: options(REVIEW_REASONS) },
      { name: 'note', kind: 'textarea', label: 'What is being reviewed' },
    ],
    button: 'Start the review',
    schema: z.strictObject({ reason: oneOf(REVIEW_REASONS, 'Choose why the penalty is under review'), note: requiredText('Enter what is being reviewed', 'What is being reviewed') }),
    toAction: (values) => ({ ok: true, action: { type: 'startReview', reason: v<keyof typeof REVIEW_REASONS>(values, 'reason'), note: v<string>(values, 'note') } }),
  }),
  endReview: step({
    title: 'End the review of the penalty',
    fields: [{ name: 'note', kind: 'textarea', label: 'What the review found' }],
    button: 'End the review',
    schema: z.strictObject({ note: requiredText('Enter what the review found', 'What the review found') }),
    toAction: (values) => ({ ok: true, action: { type: 'endReview', note: v<string>(values, 'note') } }),
  }),
  closeCase: noFields('closeCase', 'Close the case', 'Close the case'),
  proposeWriteOff: step({
    title: 'Propose a write-off',
    description: 'A senior officer who did not propose it must approve it.',
    fields: [
      { name: 'reason', kind: 'radios', label: 'Reason', options: options(WRITE_OFF_REASONS) },
      { name: 'explanation', kind: 'textarea', label: 'Explanation' },
    ],
    button: 'Propose the write-off',
    schema: z.strictObject({
      reason: oneOf(WRITE_OFF_REASONS, 'Choose the reason for the write-off'),
      explanation: requiredText('Enter why the liability should be written off', 'The explanation'),
    }),
    toAction: (values) => ({ ok: true, action: { type: 'proposeWriteOff', reason: v<keyof typeof WRITE_OFF_REASONS>(values, 'reason'), explanation: v<string>(values, 'explanation') } }),
  }),
  approveWriteOff: step({
    title: 'Approve the write-off',
    fields: [
      {
        name: 'writtenOffOn',
        kind: 'date',
        label: 'Date the write-off takes effect (optional)',
        errorLabel: 'The date the write-off takes effect',
        hint: 'Leave empty for today. For example, 27 3 2026',
        optional: true,
      },
    ],
    button: 'Approve the write-off',
    schema: z.strictObject({ writtenOffOn: calendarDate('The date the write-off takes effect').optional() }),
    toAction(values) {
      const writtenOffOn = v<string | undefined>(values, 'writtenOffOn');
      return { ok: true, action: { type: 'approveWriteOff', ...(writtenOffOn ? { writtenOffOn } : {}) } };
    },
  }),
  rejectWriteOff: step({
    title: 'Reject the write-off',
    fields: [{ name: 'note', kind: 'textarea', label: 'Why the write-off is rejected' }],
    button: 'Reject the write-off',
    schema: z.strictObject({ note: requiredText('Enter why the write-off is rejected', 'Why the write-off is rejected') }),
    toAction: (values) => ({ ok: true, action: { type: 'rejectWriteOff', note: v<string>(values, 'note') } }),
  }),
  referForCriminalInvestigation: step({
    title: 'Refer for criminal investigation',
    description: 'The case then waits for the investigation team; the last day to impose keeps running.',
    fields: [
      { name: 'referredOn', kind: 'date', label: 'Date referred', errorLabel: 'The date referred', hint: 'For example, 27 3 2026' },
      { name: 'team', kind: 'text', label: 'Investigation team' },
      { name: 'investigationReference', kind: 'text', label: 'Their reference', optional: true },
    ],
    button: 'Refer for criminal investigation',
    schema: z.strictObject({
      referredOn: calendarDate('The date referred'),
      team: requiredText('Enter the investigation team', 'The investigation team', 200),
      investigationReference: optionalText('Their reference', 100),
    }),
    toAction(values) {
      const investigationReference = v<string | undefined>(values, 'investigationReference');
      return {
        ok: true,
        action: { type: 'referForCriminalInvestigation', referredOn: v<string>(values, 'referredOn'), team: v<string>(values, 'team'), ...(investigationReference ? { investigationReference } : {}) },
      };
    },
  }),
  recordInvestigationOutcome: step({
    title: 'Record the investigation team’s decision',
    fields: [
      {
        name: 'outcome',
        kind: 'radios',
        label: 'Decision',
        options: [
          { value: 'declined', text: 'Declined: return the case to the caseworkers' },
          { value: 'accepted', text: 'Accepted: the case waits for the investigation' },
        ],
      },
      { name: 'decidedOn', kind: 'date', label: 'Date of the decision', errorLabel: 'The date of the decision', hint: 'For example, 27 3 2026' },
      { name: 'note', kind: 'textarea', label: 'Note', optional: true },
    ],
    button: 'Record the decision',
    schema: z.strictObject({
      outcome: z.enum(['declined', 'accepted'], { error: 'Choose whether the team took the case or declined it' }),
      decidedOn: calendarDate('The date of the decision'),
      note: optionalText('The note'),
    }),
    toAction(values) {
      const note = v<string | undefined>(values, 'note');
      return {
        ok: true,
        action: { type: 'recordInvestigationOutcome', outcome: v<'declined' | 'accepted'>(values, 'outcome'), decidedOn: v<string>(values, 'decidedOn'), ...(note ? { note } : {}) },
      };
    },
  }),
  recordInvestigationReturn: step({
    title: 'Record the case’s return from the investigation team',
    fields: [{ name: 'returnedOn', kind: 'date', label: 'Date returned', errorLabel: 'The date returned', hint: 'For example, 27 3 2026' }],
    button: 'Record the return',
    schema: z.strictObject({ returnedOn: calendarDate('The date returned') }),
    toAction: (values) => ({ ok: true, action: { type: 'recordInvestigationReturn', returnedOn: v<string>(values, 'returnedOn') } }),
  }),
  decideNotToRefer: step({
    title: 'Decide not to pursue a penalty',
    description: 'Only a self-declaration may be decided without a senior officer.',
    fields: [
      { name: 'reasonCode', kind: 'radios', label: 'Reason', options: options(NOT_REFERRED_REASONS) },
      { name: 'explanation', kind: 'textarea', label: 'Reasons for the decision' },
    ],
    button: 'Record the decision',
    schema: z.strictObject({
      reasonCode: oneOf(NOT_REFERRED_REASONS, 'Choose the reason'),
      explanation: requiredText('Enter the reasons for the decision', 'The reasons for the decision'),
    }),
    toAction: (values) => ({
      ok: true,
      action: { type: 'decideNotToRefer', reasonCode: v<keyof typeof NOT_REFERRED_REASONS>(values, 'reasonCode'), explanation: v<string>(values, 'explanation') },
    }),
  }),
  proposeMeansReduction: step({
    title: 'Propose a reduction on means',
    description:
      'From an assured means assessment, asked for before the payment due date. A Higher Officer who did not propose it assures it; then the penalty, what is owed and the letter follow. The suggested amount is on the case page, beside the means assessment.',
    fields: [
      { name: 'requestedOn', kind: 'date', label: 'Date the request for means testing was received', errorLabel: 'The date the request was received', hint: 'For example, 27 3 2026' },
      { name: 'amount', key: 'amountPence', kind: 'money', label: 'Reduce the penalty to, in pounds', errorLabel: 'The reduced penalty' },
      { name: 'basis', kind: 'radios', label: 'What the reduction rests on', options: options(MEANS_REDUCTION_BASES) },
      { name: 'reasons', kind: 'textarea', label: 'Reasons, from the means assessment', hint: 'These are given to the person in the means decision letter.' },
    ],
    button: 'Propose the reduction',
    schema: z.strictObject({
      requestedOn: calendarDate('The date the request was received'),
      amountPence: pence('The reduced penalty'),
      basis: oneOf(MEANS_REDUCTION_BASES, 'Choose what the reduction rests on'),
      reasons: requiredText('Enter the reasons for the reduction', 'The reasons for the reduction'),
    }),
    toAction: (values) => ({
      ok: true,
      action: {
        type: 'proposeMeansReduction',
        requestedOn: v<string>(values, 'requestedOn'),
        amountPence: v<number>(values, 'amountPence'),
        basis: v<keyof typeof MEANS_REDUCTION_BASES>(values, 'basis'),
        reasons: v<string>(values, 'reasons'),
      },
    }),
  }),
  decideMeansReduction: yesOrNoWithReasons('decideMeansReduction', {
    title: 'Assure or refuse the reduction on means',
    description: 'Assured, the reduced amount is the penalty in force. Either way a means decision letter goes to the person, in English and their language.',
    question: 'Assure the reduction?',
    yes: 'Yes, assure the reduction',
    no: 'No, refuse it',
    choose: 'Choose whether to assure or refuse the reduction',
  }),
  approveDiscretion: step({
    title: 'Approve the discretion in the recommendation',
    description: 'You approve each discretionary reduction shown on the case: its reason and the amount it takes off. To refuse it, return the recommendation with reasons instead.',
    fields: [{ name: 'note', kind: 'textarea', label: 'Note (optional)', optional: true }],
    button: 'Approve the discretion',
    schema: z.strictObject({ note: optionalText('The note') }),
    toAction(values) {
      const note = v<string | undefined>(values, 'note');
      return { ok: true, action: { type: 'approveDiscretion', ...(note ? { note } : {}) } };
    },
  }),
  confirmCpasOverride: step({
    title: 'Confirm the override of the accreditation register',
    description:
      'The recommendation does not follow the accreditation register for the incident date: check the reason shown. Confirming lets an assurer approve the recommendation; if the override is wrong, return the recommendation with reasons instead.',
    fields: [{ name: 'note', kind: 'textarea', label: 'Note (optional)', optional: true }],
    button: 'Confirm the override',
    schema: z.strictObject({ note: optionalText('The note') }),
    toAction(values) {
      const note = v<string | undefined>(values, 'note');
      return { ok: true, action: { type: 'confirmCpasOverride', ...(note ? { note } : {}) } };
    },
  }),
};

/**
 * An API request's body for a step (already checked against the step's schema) → the domain's
 * action, or field errors. The same `toAction` as the form's.
 */
export function actionFromValues(type: LiabilityActionType, values: Record<string, unknown>, context: ParseContext): Parsed {
  return ACTION_FORMS[type].toAction(values, context);
}
