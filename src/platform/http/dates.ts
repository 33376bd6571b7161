/*
 * Dates and times as GOV.UK writes them: "4 December 2026", "2:30pm", "4 December 2026 at 2:30pm".
 * A calendar date (YYYY-MM-DD) has no time zone and is shown as written; an instant is shown as the
 * clock in the UK (Europe/London) read it.
 */

const calendarDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const ukDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
// hourCycle h23 (not hour12, which en-GB writes "0:00 pm"): the 12-hour clock is worked out below.
const ukClock = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' });

function toInstant(value: unknown): Date | null {
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "4 December 2026": a calendar date as written; an instant by its day in the UK. */
export function formatDate(value: unknown): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : calendarDate.format(date);
  }
  const instant = toInstant(value);
  return instant ? ukDate.format(instant) : String(value);
}

/** "2:30pm", "9am", "12pm" (midday), "12am" (midnight), in the UK's time. */
export function formatTime(value: unknown): string {
  const instant = toInstant(value);
  if (!instant) return String(value ?? '');
  const parts = ukClock.formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0') % 24;
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}

/** "4 December 2026 at 2:30pm", in the UK's time. */
export function formatDateTime(value: unknown): string {
  if (!value) return '';
  const instant = toInstant(value);
  return instant ? `${ukDate.format(instant)} at ${formatTime(instant)}` : String(value);
}

const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;

/** A sentence with its YYYY-MM-DD dates written the GOV.UK way (refusal reasons, rules). */
export function withReadableDates(text: string): string {
  return text.replace(ISO_DATE, (match) => {
    const formatted = formatDate(match);
    return formatted === match || formatted === 'Invalid Date' ? match : formatted;
  });
}
