import { localeTag, type Language } from './languages.js';

/*
 * Dates, money and percentages written the way a reader of the language expects, through Intl
 * (Node ships full ICU data). Letters are compared byte for byte in tests, so these depend only on
 * the input and the runtime's ICU version.
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnight(date: string): Date {
  const match = CALENDAR_DATE.exec(date);
  const instant = new Date(`${date}T00:00:00Z`);
  // A letter is never built from unvalidated input, so a bad date here is a programming error.
  if (!match || Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return instant;
}

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar date ('2026-03-14') in full: "14 March 2026", "14 marca 2026", "14 март 2026 г.". */
export function formatDate(language: Language, date: string): string {
  let format = dateFormats.get(language);
  if (!format) {
    // UTC both ways: a calendar date has no time zone, so none may shift it by a day.
    format = new Intl.DateTimeFormat(localeTag(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(utcMidnight(date));
}

/** The instant a letter dated `date` was created, for PDF metadata: midnight UTC of that date. */
export function dateAsInstant(date: string): Date {
  return utcMidnight(date);
}

/**
 * An amount of integer pence in pounds: "£1,500", "1500 £", "£1.500,25". Whole pounds are written
 * without pence, as GOV.UK style does; the pound sign is always "£", never "GBP".
 */
export function formatMoney(language: Language, amountPence: number): string {
  if (!Number.isSafeInteger(amountPence)) throw new RangeError(`not a whole number of pence: ${amountPence}`);
  const whole = amountPence % 100 === 0;
  return new Intl.NumberFormat(localeTag(language), {
    style: 'currency',
    currency: 'GBP',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amountPence / 100);
}

/** A percentage given as a number of percent (50 → "50%", "50 %", "%50"). */
export function formatPercent(language: Language, percent: number): string {
  return new Intl.NumberFormat(localeTag(language), { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

/** A country's name from its ISO 3166-1 alpha-2 code, in the language ("PL" → "Poland", "Polska"). */
export function formatCountry(language: Language, countryCode: string): string {
  const code = countryCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return countryCode;
  return new Intl.DisplayNames([localeTag(language)], { type: 'region', fallback: 'code' }).of(code) ?? code;
}
