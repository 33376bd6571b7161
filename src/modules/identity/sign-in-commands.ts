import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition } from '../../platform/events/command.js';
import { streamVersion } from '../../platform/events/event-store.js';
import { decideLockSignIn, decideUnlockSignIn, SIGN_IN_THROTTLE, type SignInLockToLift, type SignInLockToRecord } from '../../domain/identity/sign-in-locks.js';
import { ADMINISTRATORS } from './roles.js';
import { signInFailures, users } from './schema.js';

/*
 * The two commands of sign-in protection. The count of failures lives in `sign_in_failures`
 * (sign-in state, written by `sign-in-throttle.ts`); these put the lock and its lifting on the log.
 */

async function userIdOf(tx: Db, username: string): Promise<string | null> {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  return user?.id ?? null;
}

export const lockSignInInput = z.object({
  username: z.string().trim().toLowerCase().min(1),
  failures: z.number().int().min(1),
  lockedUntil: z.iso.datetime({ offset: true }),
});

/** Records that repeated failed sign-ins locked an account. Run by Cordon itself (`SIGN_IN_PROTECTION_ACTOR`) when the count reaches the lock. */
export const lockSignIn: CommandDefinition<z.infer<typeof lockSignInInput>, SignInLockToRecord, { userId: string; lockedUntil: string }> = {
  name: 'lockSignIn',
  input: lockSignInInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input) {
    const userId = await userIdOf(tx, input.username);
    if (!userId) return null;
    const streamId = `user-${userId}`;
    return { streamId, version: await streamVersion(tx, streamId), state: { userId, failures: input.failures, until: new Date(input.lockedUntil) } };
  },
  decide: decideLockSignIn,
  async project(_tx, { state }) {
    // The lock itself is already in `sign_in_failures` (it was taken before the password was checked).
    return { userId: state.userId, lockedUntil: state.until.toISOString() };
  },
};

export const unlockSignInInput = z.object({
  username: z.string({ message: 'Choose the account to unlock' }).trim().toLowerCase().min(1, 'Choose the account to unlock').max(200, 'Choose the account to unlock'),
});

/** An administrator lifts an account's sign-in lock: the failures are forgotten and the next right password works. */
export const unlockSignIn: CommandDefinition<z.infer<typeof unlockSignInInput>, SignInLockToLift, { username: string }> = {
  name: 'unlockSignIn',
  input: unlockSignInInput,
  roles: ADMINISTRATORS,
  streamType: 'user',
  async load(tx, input, { now }) {
    const userId = await userIdOf(tx, input.username);
    if (!userId) return null;
    const [row] = await tx.select().from(signInFailures).where(eq(signInFailures.username, input.username));
    const locked = row && row.failures >= SIGN_IN_THROTTLE.lockAt && row.blockedUntil > now;
    const streamId = `user-${userId}`;
    return { streamId, version: await streamVersion(tx, streamId), state: { userId, lockedUntil: locked ? row.blockedUntil : null } };
  },
  decide: decideUnlockSignIn,
  async project(tx, { input }) {
    await tx.delete(signInFailures).where(eq(signInFailures.username, input.username));
    return { username: input.username };
  },
};
