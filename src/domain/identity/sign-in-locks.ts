import type { CommandDecision } from '../command-decision.js';
import { USER_EVENT } from './events.js';

/*
 * How sign-in answers repeated wrong passwords for one account, whatever address they come from:
 * the first few cost nothing; from the 5th in a row each makes the account wait before the next
 * try (2, 4, 8, 16, 32 seconds), during which a password is not even checked; the 10th locks it for
 * 15 minutes, until the lock lifts or an administrator unlocks it. A right password clears the count.
 * The lock and the unlock are events on the user's stream; the count itself is sign-in state.
 */

export const SIGN_IN_THROTTLE = {
  /** The failure in a row that starts the waits. */
  firstDelayAt: 5,
  /** The wait after the failure at `firstDelayAt`; each failure after it doubles it. */
  firstDelayMs: 2_000,
  /** The failure in a row that locks the account (every later failure locks it again). */
  lockAt: 10,
  lockMs: 15 * 60_000,
  /** Failures older than this are forgotten when the next one comes (counting starts again). */
  forgetAfterMs: 24 * 3_600_000,
} as const;

/** What the `failures`-th failure in a row costs: no wait, a wait, or a lock. */
export function blockAfterFailure(failures: number): { ms: number; lock: boolean } {
  const t = SIGN_IN_THROTTLE;
  if (failures >= t.lockAt) return { ms: t.lockMs, lock: true };
  if (failures >= t.firstDelayAt) return { ms: t.firstDelayMs * 2 ** (failures - t.firstDelayAt), lock: false };
  return { ms: 0, lock: false };
}

/** A lock about to be recorded: the user, how many failures in a row, and until when. */
export interface SignInLockToRecord {
  userId: string;
  failures: number;
  until: Date;
}

/** Records that repeated failed sign-ins locked the account (decided by the count; recorded by Cordon itself). */
export function decideLockSignIn(lock: SignInLockToRecord): CommandDecision {
  return { ok: true, events: [{ type: USER_EVENT.SignInLocked, payload: { userId: lock.userId, failures: lock.failures, lockedUntil: lock.until.toISOString() } }] };
}

/** The account an administrator asks to unlock: its lock, if it has one now. */
export interface SignInLockToLift {
  userId: string;
  lockedUntil: Date | null;
}

/** An administrator lifts a lock; an account that is not locked has nothing to lift. */
export function decideUnlockSignIn(account: SignInLockToLift): CommandDecision {
  if (!account.lockedUntil) {
    return { ok: false, message: 'This account is not locked', errors: [{ field: 'username', message: 'This account is not locked: there is nothing to unlock' }] };
  }
  return { ok: true, events: [{ type: USER_EVENT.SignInUnlocked, payload: { userId: account.userId, lockedUntil: account.lockedUntil.toISOString() } }] };
}
