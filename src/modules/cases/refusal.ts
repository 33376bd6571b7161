import type { CommandOutcome, FieldError } from '../../platform/events/command.js';

/**
 * How a refused case command reads on its page: errors against fields when the refusal names
 * fields, otherwise the message in the error summary.
 */
export function refusalOf(outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): { errors: FieldError[]; refusal: string[] } {
  const errors = 'errors' in outcome ? outcome.errors : [];
  return errors.length && outcome.kind === 'refused' ? { errors, refusal: [] } : { errors: [], refusal: [outcome.message] };
}
