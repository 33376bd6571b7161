import { calendarDate, daysInMonth, type CalendarDate } from '../clock/calendar-date.js';
import { MAX_CLANDESTINE_ENTRANTS } from '../clock/plausible-dates.js';

/** A value read from a legacy cell, or the reason it was refused (a sentence naming the column). */
export type Read<T> = { ok: true; value: T } | { ok: false; kind: RejectionKind; reason: string };

/** Why a row was refused, as a stable code (the reason says it in words). */
export const REJECTION_KINDS = [
  'impossible-date',
  'future-date',
  'before-incident',
  'bad-amount',
  'unknown-port',
  'bad-value',
  'missing-value',
  'conflicting-case-facts',
  'party-twice',
  'column-count',
] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const refuse = <T>(kind: RejectionKind, reason: string): Read<T> => ({ ok: false, kind, reason });

const LEGACY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A `dd/mm/yyyy` date (one-digit day and month accepted, as Excel writes them). Never guessed: a
 * date in another shape, an impossible one (31/02/2024) or one after `today` is refused. Blank is
 * null when the column may be blank.
 */
export function readLegacyDate(column: string, raw: string, today: CalendarDate, options: { required?: boolean } = {}): Read<CalendarDate | null> {
  const text = raw.trim();
  if (text === '') return options.required ? refuse('missing-value', `${column} is blank`) : ok(null);
  const match = LEGACY_DATE.exec(text);
  if (!match) return refuse('impossible-date', `${column} "${text}" is not a date written dd/mm/yyyy`);
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return refuse('impossible-date', `${column} ${text} is not a real date`);
  }
  const date = calendarDate(year, month, day);
  if (date > today) return refuse('future-date', `${column} ${text} is in the future`);
  return ok(date);
}

/** A date of a step in the case, which cannot come before the incident. */
export function notBeforeIncident(column: string, raw: string, date: CalendarDate | null, incident: CalendarDate): Read<CalendarDate | null> {
  if (date !== null && date < incident) return refuse('before-incident', `${column} ${raw.trim()} is before the Date of Incident`);
  return ok(date);
}

const GROUPED = /^£?\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?$/;
/** No penalty or payment reaches past this: £10,000 for each of the most entrants a record may hold (500). */
export const LARGEST_LEGACY_AMOUNT_PENCE = 10_000 * 100 * MAX_CLANDESTINE_ENTRANTS;

/**
 * An amount as the record writes it, `£6,000.00`, `6000` or blank (0), in pence. Anything else
 * — a comma as decimal point, one decimal place, words, a minus sign — is refused, never guessed.
 */
export function readLegacyAmount(column: string, raw: string): Read<number> {
  const text = raw.trim();
  if (text === '') return ok(0);
  const match = GROUPED.exec(text);
  if (!match) return refuse('bad-amount', `${column} "${text}" is not an amount (write £6,000.00 or 6000)`);
  const pence = Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2] ?? '0');
  if (!Number.isSafeInteger(pence) || pence > LARGEST_LEGACY_AMOUNT_PENCE) return refuse('bad-amount', `${column} "${text}" is larger than any penalty`);
  return ok(pence);
}

/** One of a fixed list of words, compared without regard to case or surrounding spaces. */
export function readChoice<T extends string>(column: string, raw: string, choices: readonly T[], options: { blank?: boolean } = {}): Read<T | null> {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return options.blank ? ok(null) : refuse('missing-value', `${column} is blank`);
  const found = choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
  return found ? ok(found) : refuse('bad-value', `${column} "${text}" is not one of ${choices.join(', ')}`);
}

export type Section = '31A' | '32';

/** `31A` or `32` (also written `S31A`, `s.32`). */
export function readSection(raw: string): Read<Section> {
  const text = raw.trim().toUpperCase().replace(/^S\.?\s?/, '');
  if (text === '31A' || text === '32') return ok(text);
  return raw.trim() === '' ? refuse('missing-value', 'Section is blank') : refuse('bad-value', `Section "${raw.trim()}" is not 31A or 32`);
}

/**
 * The clandestine entrants recorded, as Cordon keeps them. An S31A case has none: the Access
 * database could not record one without claiming an entrant, so S31A rows carry the workaround 1,
 * which is read as 0 and counted (`corrected`). An S31A row claiming more than one is refused:
 * it is not the workaround, and either the section or the count is wrong. An S32 row needs 1 or more.
 */
export function readEntrants(section: Section, raw: string): Read<{ entrants: number; corrected: boolean }> {
  const text = raw.trim();
  if (section === '31A') {
    if (text === '' || text === '0') return ok({ entrants: 0, corrected: false });
    if (text === '1') return ok({ entrants: 0, corrected: true });
    return refuse('bad-value', `No. Clandestines "${text}" on a Section 31A row: only the workaround 1 (or 0) can be read as no entrants`);
  }
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > MAX_CLANDESTINE_ENTRANTS) {
    return refuse(text === '' ? 'missing-value' : 'bad-value', `No. Clandestines "${text}" on a Section 32 row is not a number from 1 to ${MAX_CLANDESTINE_ENTRANTS}`);
  }
  return ok({ entrants: Number(text), corrected: false });
}

/** Spacing collapsed; a registration in capitals without spaces or dashes, for comparing. */
export function tidy(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
export function registrationKey(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}
