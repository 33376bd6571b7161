const ukDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the UK at an instant, as YYYY-MM-DD (legal deadlines are UK calendar dates). */
export function ukDate(instant: Date): string {
  return ukDateFormat.format(instant);
}
