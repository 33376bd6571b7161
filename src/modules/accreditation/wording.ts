import { t, messageKeys, type MessageKey } from '../../platform/i18n/messages.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { CommandOutcome } from '../../platform/events/command.js';
import type { AccreditationArea, AreaOutcome } from '../../domain/accreditation/areas.js';
import type { ApplicationStatus } from '../../domain/accreditation/application.js';

/*
 * The words of the accreditation domain's codes, from the catalogues (`accreditation.core.*`): a
 * refusal code `accreditation.<rest>` is the message `accreditation.core.<rest>`.
 */

const known = new Set<string>(messageKeys());

/** The catalogue key of a refusal code, or null when the code is not one of ours (a zod message, English already). */
export function refusalKey(code: string): MessageKey | null {
  if (!code.startsWith('accreditation.')) return null;
  const key = `accreditation.core.${code.slice('accreditation.'.length)}`;
  return known.has(key) ? (key as MessageKey) : null;
}

/** A refusal code (or any other message) in words, in `language`. */
export function refusalWords(language: Language, code: string): string {
  const key = refusalKey(code);
  return key ? t(language, key) : code;
}

/** A command's outcome with its codes put into words (for the API and the pages). */
export function outcomeInWords<R>(language: Language, outcome: CommandOutcome<R>): CommandOutcome<R> {
  if (outcome.ok) return outcome;
  const message = refusalWords(language, outcome.message);
  if (outcome.kind === 'invalid' || outcome.kind === 'refused') return { ...outcome, message, errors: outcome.errors.map((e) => ({ field: e.field, message: refusalWords(language, e.message) })) };
  return { ...outcome, message };
}

export const areaName = (language: Language, area: AccreditationArea) => t(language, `accreditation.core.area.${area}`);
export const outcomeName = (language: Language, outcome: AreaOutcome) => t(language, `accreditation.core.outcome.${outcome}`);
export const statusName = (language: Language, status: ApplicationStatus) => t(language, `accreditation.core.status.${status}`);
