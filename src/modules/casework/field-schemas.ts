import { z } from 'zod';
import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { stepDateProblem } from '../../domain/clock/plausible-dates.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { textProblem } from '../../platform/events/readable-input.js';

/*
 * The building blocks of the casework steps' schemas: each field says, in the words of its page,
 * what is missing or wrong. The same schema checks a posted form (after its date and money boxes
 * are read) and an API request.
 */

/** The largest amount a step can record: beyond any penalty, payment or cost of the scheme, within the read tables' integer columns. */
export const MAX_PENCE = 1_000_000_000;

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

function readable(value: string, context: z.RefinementCtx) {
  const problem = textProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
}

/** Text that must be given: `missing` is the message when it is not ("Enter the grounds of the objection"). */
export function requiredText(missing: string, label: string, max = 5000) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .superRefine(readable);
}

/** Text that may be left out (or empty). */
export function optionalText(label: string, max = 5000) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .superRefine(readable)
    .optional();
}

/** A calendar date, YYYY-MM-DD. `label` names it as the page does: "The date the response was received". */
export function calendarDate(label: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `Enter ${lowerFirst(label)}` : `${label} must be a real date written YYYY-MM-DD, like 2026-03-27`) })
    .refine(isCalendarDate, `${label} must be a real date written YYYY-MM-DD, like 2026-03-27`)
    .superRefine((value, context) => {
      // A real date can still be a slip of the keyboard (1900, 9999): plausible-dates.ts sets the range.
      const problem = isCalendarDate(value) ? stepDateProblem(label, value) : null;
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .meta({ format: 'date' });
}

/** An amount in whole pence (the form's pounds box is read into pence first). */
export function pence(label: string) {
  const wrong = `${label} must be a whole number of pence, like 150050 for £1,500.50`;
  return z
    .number({ error: (issue) => (issue.input === undefined ? `Enter ${lowerFirst(label)}` : wrong) })
    .min(0, `${label} cannot be negative`)
    .max(MAX_PENCE, `${label} must be ${formatPounds(MAX_PENCE)} or less`)
    .int(wrong);
}

/** One of a fixed list (the radios' values). */
export function oneOf<K extends string>(choices: Record<K, string>, message: string) {
  return z.enum(Object.keys(choices) as [K, ...K[]], { error: message });
}

/** A yes/no question: the form's radios "yes"/"no" are read as true/false. */
export function yesNo(message: string) {
  return z.boolean({ error: message });
}
