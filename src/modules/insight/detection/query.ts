import { addMonths } from '../../../domain/clock/calendar-date.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { isRealDate } from '../../../domain/incident/referral.js';
import { t, type MessageKey, type MessageParams } from '../../../platform/i18n/messages.js';
import { SOURCE_LANGUAGE, type Language } from '../../../platform/i18n/languages.js';

const words = (language: Language, key: string, params?: MessageParams) => t(language, `insight.detection.${key}` as MessageKey, params);

/*
 * Reading the month and the as-of instant of a request (page, API or command line), with the reason
 * beside the field when either is wrong, in the reader's language. `now` is passed in.
 */

export interface ScopeProblem {
  field: 'month' | 'asOf' | 'figure' | 'page' | 'format';
  message: string;
}

/**
 * How far in the past an as-of instant must be (the framework's `SETTLE_MS`): a command stamps its
 * records when it runs and may commit a moment later, so a later instant could still gain records.
 */
export const SETTLED_MS = 60_000;

/** The default month: the last whole month in the UK before `now`. */
export function lastWholeMonth(now: Date): string {
  return addMonths(`${ukDate(now).slice(0, 7)}-01`, -1).slice(0, 7);
}

/** The default as-of instant: a minute before now, to the whole second. */
export function settledInstant(now: Date): Date {
  return new Date(Math.floor((now.getTime() - SETTLED_MS) / 1000) * 1000);
}

/** A query parameter given at most once, as text. */
export function single(query: Record<string, unknown>, name: string, language: Language = SOURCE_LANGUAGE): { ok: true; value: string | null } | { ok: false; message: string } {
  const value = query[name];
  if (value === undefined) return { ok: true, value: null };
  if (Array.isArray(value)) return { ok: false, message: words(language, 'error.once', { name }) };
  if (typeof value !== 'string') return { ok: false, message: words(language, 'error.text', { name }) };
  return { ok: true, value: value.trim() };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The month (YYYY-MM) and as-of instant (ISO 8601 with its offset, to the whole second) of a request.
 * The as-of time must be at least a minute ago (`SETTLED_MS`, the framework's rule), and the month
 * must have begun by then.
 * `requireMonth` for the API and the command line; a page defaults to the last whole month.
 */
export function readScope(
  raw: { month?: unknown; asOf?: unknown },
  now: Date,
  options: { requireMonth?: boolean; language?: Language } = {},
): { ok: true; month: string; asOf: Date } | { ok: false; problems: ScopeProblem[] } {
  const language = options.language ?? SOURCE_LANGUAGE;
  const problems: ScopeProblem[] = [];
  const month = single(raw, 'month', language);
  const asOf = single(raw, 'asOf', language);
  let monthValue: string | null = null;
  let asOfValue: Date | null = null;
  if (!month.ok) problems.push({ field: 'month', message: month.message });
  else if (!month.value) {
    if (options.requireMonth) problems.push({ field: 'month', message: words(language, 'error.month') });
    else monthValue = lastWholeMonth(now);
  } else if (!MONTH.test(month.value) || Number(month.value.slice(0, 4)) < 2000) problems.push({ field: 'month', message: words(language, 'error.month') });
  else monthValue = month.value;
  if (!asOf.ok) problems.push({ field: 'asOf', message: asOf.message });
  else if (!asOf.value) asOfValue = settledInstant(now);
  else {
    const parsed = INSTANT.test(asOf.value) && isRealDate(asOf.value.slice(0, 10)) ? new Date(asOf.value) : null;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) < '2000-01-01') {
      problems.push({ field: 'asOf', message: words(language, 'error.asOf') });
    } else if (parsed.getTime() > now.getTime() - SETTLED_MS) {
      problems.push({ field: 'asOf', message: words(language, 'error.asOfRecent') });
    } else asOfValue = new Date(Math.floor(parsed.getTime() / 1000) * 1000);
  }
  if (monthValue && asOfValue && `${monthValue}-01` > ukDate(asOfValue)) {
    problems.push({ field: 'month', message: words(language, 'error.monthNotBegun') });
  }
  if (problems.length || !monthValue || !asOfValue) return { ok: false, problems };
  return { ok: true, month: monthValue, asOf: asOfValue };
}
