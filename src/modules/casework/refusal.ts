import type { CommandOutcome, FieldError } from '../../platform/events/command.js';

/**
 * How a refused case command reads on its page: errors against fields when the refusal names
 * fields, otherwise the message in the error summary.
 */
export function refusalOf(outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): { errors: FieldError[]; refusal: string[] } {
  const errors = 'errors' in outcome ? outcome.errors : [];
  return errors.length && outcome.kind === 'refused' ? { errors, refusal: [] } : { errors: [], refusal: [outcome.message] };
}

const OFFICER_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A refusal's reasons as a person reads them: an officer's id (an appeal allocated to …) becomes their name. */
export function withOfficerNames(reasons: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return reasons.map((reason) => reason.replace(OFFICER_ID, (id) => names.get(id) ?? id));
}
