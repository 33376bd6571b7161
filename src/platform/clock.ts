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
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves "now" to the given instant (time then runs on from there). */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
