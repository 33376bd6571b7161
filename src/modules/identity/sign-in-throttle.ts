import { and, asc, eq, gt, gte, lt, lte } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/events/event-store.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { blockAfterFailure, SIGN_IN_THROTTLE } from '../../domain/identity/sign-in-locks.js';
import { signInFailures, users } from './schema.js';
import { lockSignIn, unlockSignIn } from './sign-in-commands.js';

/*
 * Sign-in protection, per account and per address.
 *
 * Per account (`sign_in_failures`, shared by every process): each attempt is counted as a failure
 * BEFORE its password is checked, with the wait that failure would bring already in place, by one
 * compare-and-set on the row. So attempts sent all at once cannot slip past the count, an attempt
 * during a wait or a lock is refused without the password being looked at, and a right password
 * simply deletes the row (only failures count). Unknown usernames are counted the same way, so the
 * answers never tell whether an account exists. When the failure locks a real account, the lock is
 * recorded on the user's stream by Cordon itself (`lockSignIn`).
 *
 * Per address (`addressFailureLimit`, in this process): failed sign-ins from one address in the
 * last minute, so one address cannot try one password on many accounts. `request.ip` is the
 * connection's address unless a configured proxy vouches for another (CORDON_TRUSTED_PROXIES).
 */

/** Cordon itself, recording a lock that repeated failed sign-ins brought about. */
export const SIGN_IN_PROTECTION_ACTOR: Actor = { id: 'system:sign-in-protection', name: 'Cordon (sign-in protection)', roles: ['administrator'] };

/** Usernames are at most 64 characters: anything longer is no account's, and is not kept. */
const LONGEST_USERNAME = 64;
/**
 * Each compare-and-set that misses means another attempt's write landed, so the loop always makes
 * progress overall; a few people signing in to one account at once (tabs, two processes) need a few
 * rounds. Only a flood of simultaneous attempts runs out, and is then refused (never let through).
 */
const COMPARE_AND_SET_ATTEMPTS = 25;

/** An attempt the account may make now (its failure is already counted), or a refusal without checking the password. */
export type SignInAttempt =
  | { allowed: true; username: string; failures: number; blockedUntil: Date; now: Date; counted: boolean }
  | { allowed: false; until: Date; locked: boolean; now: Date };

/** What a wrong password cost: nothing yet, a wait until `until`, or a lock until `until`. */
export type FailureCost = { until: Date | null; locked: boolean; now: Date };

export function signInThrottle(db: Db, deps: { clock: Clock }) {
  return {
    /** Counts an attempt as a failure before its password is checked; refuses it during a wait or a lock. */
    async begin(username: string): Promise<SignInAttempt> {
      const now = deps.clock.now();
      if (username.length > LONGEST_USERNAME) return { allowed: true, username, failures: 0, blockedUntil: now, now, counted: false };
      for (let attempt = 0; attempt < COMPARE_AND_SET_ATTEMPTS; attempt += 1) {
        const [row] = await db.select().from(signInFailures).where(eq(signInFailures.username, username));
        // A count that brings no wait never blocks (another process's clock a little ahead would otherwise refuse a right password).
        if (row && blockAfterFailure(row.failures).ms > 0 && row.blockedUntil > now) return { allowed: false, until: row.blockedUntil, locked: row.failures >= SIGN_IN_THROTTLE.lockAt, now };
        const forgotten = !row || row.lastAttemptAt.getTime() < now.getTime() - SIGN_IN_THROTTLE.forgetAfterMs;
        const failures = forgotten ? 1 : row.failures + 1;
        const blockedUntil = new Date(now.getTime() + blockAfterFailure(failures).ms);
        const values = { failures, lastAttemptAt: now, blockedUntil };
        const claimed = row
          ? await db
              .update(signInFailures)
              .set(values)
              .where(and(eq(signInFailures.username, username), eq(signInFailures.failures, row.failures), eq(signInFailures.lastAttemptAt, row.lastAttemptAt)))
              .returning({ failures: signInFailures.failures })
          : await db
              .insert(signInFailures)
              .values({ username, ...values })
              .onConflictDoNothing()
              .returning({ failures: signInFailures.failures });
        if (claimed.length) return { allowed: true, username, failures, blockedUntil, now, counted: true };
        // Another attempt on the same account changed the row between the read and the write: read it again.
      }
      // Many attempts on one account at the same instant: this one waits its turn.
      return { allowed: false, until: new Date(now.getTime() + SIGN_IN_THROTTLE.firstDelayMs), locked: false, now };
    },

    /** The password was wrong: what that failure costs (already in place), with a lock of a real account put on the log. */
    async failed(attempt: SignInAttempt & { allowed: true }, userId: string | null): Promise<FailureCost> {
      if (!attempt.counted) return { until: null, locked: false, now: attempt.now };
      const cost = blockAfterFailure(attempt.failures);
      if (cost.lock && userId) {
        const input = { username: attempt.username, failures: attempt.failures, lockedUntil: attempt.blockedUntil.toISOString() };
        let outcome = await executeCommand(db, lockSignIn, input, { actor: SIGN_IN_PROTECTION_ACTOR, now: attempt.now });
        // Something else was written on the user's stream at that moment: record the lock after it.
        for (let retry = 0; !outcome.ok && outcome.kind === 'conflict' && retry < 3; retry += 1) {
          outcome = await executeCommand(db, lockSignIn, input, { actor: SIGN_IN_PROTECTION_ACTOR, now: attempt.now });
        }
        // The lock holds whatever happens here (it is in the table); only its record could be missing.
        if (!outcome.ok) throw new Error(`Could not record the sign-in lock of ${attempt.username}: ${outcome.message}`);
      }
      return { until: cost.ms > 0 ? attempt.blockedUntil : null, locked: cost.lock, now: attempt.now };
    },

    /** A right password: the failures are forgotten (only failures count). */
    async succeeded(attempt: SignInAttempt & { allowed: true }): Promise<void> {
      await db.delete(signInFailures).where(eq(signInFailures.username, attempt.username));
      // Counts nobody has added to for a day, and not holding a lock, are dropped (unknown usernames included).
      const forgetBefore = new Date(attempt.now.getTime() - SIGN_IN_THROTTLE.forgetAfterMs);
      await db.delete(signInFailures).where(and(lt(signInFailures.lastAttemptAt, forgetBefore), lte(signInFailures.blockedUntil, attempt.now)));
    },

    /** Accounts locked now, for the administrator's page. */
    async lockedAccounts() {
      const now = deps.clock.now();
      return db
        .select({ username: users.username, displayName: users.displayName, failures: signInFailures.failures, lockedUntil: signInFailures.blockedUntil })
        .from(signInFailures)
        .innerJoin(users, eq(users.username, signInFailures.username))
        .where(and(gte(signInFailures.failures, SIGN_IN_THROTTLE.lockAt), gt(signInFailures.blockedUntil, now)))
        .orderBy(asc(users.username));
    },

    /** An administrator lifts an account's lock (`unlockSignIn`, an event on the user's stream). */
    unlock: (input: unknown, context: CommandContext) => executeCommand(db, unlockSignIn, input, { ...context, now: context.now ?? deps.clock.now() }),

    now: () => deps.clock.now(),
  };
}

export type SignInThrottle = ReturnType<typeof signInThrottle>;

/**
 * Failed sign-ins from each address in the last minute, in this process. At `maxPerMinute` the
 * address is refused (without a password being checked) until its oldest failure is a minute old.
 */
export function addressFailureLimit(maxPerMinute: number, clock: Clock) {
  const windowMs = 60_000;
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((at) => at > now - windowMs);
  return {
    /** When the address may try again, or null when it may now. */
    refusedUntil(address: string): Date | null {
      const now = clock.now().getTime();
      const times = recent(address, now);
      if (times.length < maxPerMinute) return null;
      return new Date(times[times.length - maxPerMinute]! + windowMs);
    },
    failed(address: string): void {
      const now = clock.now().getTime();
      if (failures.size >= 10_000) {
        for (const [key, times] of failures) if (!times.some((at) => at > now - windowMs)) failures.delete(key);
      }
      failures.set(address, [...recent(address, now), now].slice(-Math.max(1, maxPerMinute)));
    },
  };
}
