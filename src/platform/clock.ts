import { ukDate, ukTime } from '../domain/reference/uk-date.js';

/**
 * Where casework reads "now". Production uses the system clock. Tests (and a demo walking a case
 * through its 180 days) use a settable clock, so a journey can cross a 28-day response window
 * without waiting for it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class SettableClock implements Clock {
  private offsetMs = 0;
  /** When frozen, "now" stays at this instant until moved (tests that must not depend on how long a step takes). */
  private frozenAtMs: number | null = null;
  now(): Date {
    return new Date(this.frozenAtMs ?? Date.now() + this.offsetMs);
  }
  /** Moves "now" to the given instant (time then runs on from there, or stays there when frozen). */
  set(instant: Date): void {
    if (this.frozenAtMs !== null) this.frozenAtMs = instant.getTime();
    else this.offsetMs = instant.getTime() - Date.now();
  }
  /** Stops time at the given instant (by default the current "now"): only `set`, `advance…` and `reset` move it. */
  freeze(instant: Date = this.now()): void {
    this.frozenAtMs = instant.getTime();
  }
  /**
   * Moves "now" on by whole UK calendar days, keeping the UK clock time: across a change to or from
   * British Summer Time a day is 23 or 25 hours, so 23:30 in December plus 130 days is 23:30 in
   * April, not 00:30 the day after.
   */
  advanceDays(days: number): void {
    const from = this.now().getTime();
    const to = from + days * 86_400_000;
    const shift = to - from - (ukOffsetMs(to) - ukOffsetMs(from));
    if (this.frozenAtMs !== null) this.frozenAtMs += shift;
    else this.offsetMs += shift;
  }
  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = null;
  }
}

/** How far UK clock time is ahead of UTC at an instant (0 in winter, one hour in summer). */
function ukOffsetMs(instantMs: number): number {
  const instant = new Date(instantMs);
  const wallClockAsUtc = Date.parse(`${ukDate(instant)}T${ukTime(instant)}:00Z`);
  return wallClockAsUtc - Math.floor(instantMs / 60_000) * 60_000;
}
