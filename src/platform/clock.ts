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
  advanceDays(days: number): void {
    if (this.frozenAtMs !== null) this.frozenAtMs += days * 86_400_000;
    else this.offsetMs += days * 86_400_000;
  }
  reset(): void {
    this.offsetMs = 0;
    this.frozenAtMs = null;
  }
}
