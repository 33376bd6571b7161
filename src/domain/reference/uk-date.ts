const ukDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the UK at an instant, as YYYY-MM-DD (legal deadlines are UK calendar dates). */
export function ukDate(instant: Date): string {
  return ukDateFormat.format(instant);
}

const ukTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The UK clock time (HH:MM) at an instant. */
export function ukTime(instant: Date): string {
  return ukTimeFormat.format(instant);
}

/**
 * The instant of a UK wall-clock date and time (Europe/London, so BST in summer), as ISO 8601.
 * Returns null for a date or time that is not real.
 */
export function ukLocalToInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const asUtc = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 10) !== date) return null;
  // Guess with the offset at that moment, then correct once (covers the clock changes).
  for (const guess of [asUtc, new Date(asUtc.getTime() - 3_600_000)]) {
    if (ukDate(guess) === date && ukTime(guess) === time) return guess.toISOString();
  }
  return asUtc.toISOString();
}
