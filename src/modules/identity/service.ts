import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { apiTokenHashes, apiTokens, sessions, userPasswords, users } from './schema.js';
import { hashPassword, hashSecret, newSecret, verifyPassword } from './passwords.js';
import { addUser, issueApiToken } from './commands.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { signInThrottle } from './sign-in-throttle.js';
import { rolesForPages } from './roles.js';
import { changeUserRoles, CREDENTIALS_CHANNEL, disableUser, enableUser, resetUserPassword, revokeApiToken, tokenStreamId, userStreamId } from './admin-commands.js';
import type { Database } from '../../platform/database/client.js';
import { listenOn, type NoticeLog } from '../../platform/database/notices.js';
import { streamVersion } from '../../platform/events/event-store.js';

/** Cordon itself, acting from the command line or when seeding demo data. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Cordon (command line)', roles: ['administrator'] };

// Compared against when the username is unknown, so a sign-in takes as long either way.
const unknownUserHash = hashPassword('not-a-real-password-for-timing');

/** Text the database can hold: no NUL character, no lone UTF-16 surrogate. */
function storableText(text: string): boolean {
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * How long a valid API token is taken on trust before the database is asked again, counted from
 * the moment the database was asked. Revoking a token or changing an account announces it to every
 * process (`cordon_credentials`), which forget what they remember at once; this is the most a
 * missed announcement (or a hand edit in SQL) can leave a revoked token working.
 */
export const API_TOKEN_MEMORY_MS = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a sign-in answers: a session, or why not — a wrong username or password (and what the
 * failure cost: a wait or a lock), a wait or a lock already running (the password was not checked),
 * or an account for a machine, which never signs in to pages.
 */
export type SignInOutcome =
  | { ok: true; sessionToken: string; actor: Actor }
  | { ok: false; reason: 'wrong'; until: Date | null; locked: boolean; now: Date }
  | { ok: false; reason: 'refused'; until: Date; locked: boolean; now: Date }
  | { ok: false; reason: 'machine-account' };

export function identityService(db: Db, options: { sessionHours: number; clock?: Clock }) {
  const knownTokens = new Map<string, { actor: Actor; until: number }>();
  const throttle = signInThrottle(db, { clock: options.clock ?? systemClock });
  /** Moves on each time the remembered tokens are forgotten: a look-up that began before is not remembered. */
  let generation = 0;
  const forget = () => {
    generation += 1;
    knownTokens.clear();
  };
  /** Runs an administrator's command; when it changed something, this process forgets at once (others hear the notice). */
  const administer = async <T>(run: () => Promise<T & { ok: boolean }>) => {
    const outcome = await run();
    if (outcome.ok) forget();
    return outcome;
  };
  async function user(id: string) {
    if (!UUID.test(id)) return null;
    const [row] = await db
      .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt })
      .from(users)
      .where(eq(users.id, id));
    return row ? { ...row, version: await streamVersion(db, userStreamId(id)) } : null;
  }
  return {
    signInProtection: throttle,
    addUser: (input: unknown, context: CommandContext) => executeCommand(db, addUser, input, context),
    issueApiToken: (input: unknown, context: CommandContext) => executeCommand(db, issueApiToken, input, context),
    disableUser: (input: unknown, context: CommandContext) => administer(() => executeCommand(db, disableUser, input, context)),
    enableUser: (input: unknown, context: CommandContext) => administer(() => executeCommand(db, enableUser, input, context)),
    changeUserRoles: (input: unknown, context: CommandContext) => administer(() => executeCommand(db, changeUserRoles, input, context)),
    resetUserPassword: (input: unknown, context: CommandContext) => administer(() => executeCommand(db, resetUserPassword, input, context)),
    revokeApiToken: (input: unknown, context: CommandContext) => administer(() => executeCommand(db, revokeApiToken, input, context)),

    /** Forgets every remembered API token (a notice from another process, or a lost LISTEN connection). */
    forgetRememberedCredentials: forget,

    /**
     * Hears other processes' announcements that an account or token changed (PostgreSQL LISTEN on
     * `cordon_credentials`; PGlite's own listen) and forgets the remembered tokens. The answer stops it.
     */
    listenForCredentialChanges(database: Pick<Database, 'kind' | 'pool' | 'pglite'>, log: NoticeLog): Promise<() => Promise<void>> {
      return listenOn(database, CREDENTIALS_CHANNEL, { onNotice: forget, onLost: forget, log });
    },

    /** One account with the version of its stream (what an administrator's page sends back), or null. */
    user,

    async userByUsername(username: string) {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username.trim().toLowerCase()));
      return row ? user(row.id) : null;
    },

    /** One API token (never its secret) with the version of its stream, or null. */
    async apiToken(id: string) {
      if (!UUID.test(id)) return null;
      const [row] = await db
        .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt, createdBy: apiTokens.createdBy, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(eq(apiTokens.id, id));
      return row ? { ...row, version: await streamVersion(db, tokenStreamId(id)) } : null;
    },

    async listUsers() {
      return db
        .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt })
        .from(users)
        .orderBy(asc(users.username));
    },

    async listApiTokens() {
      return db
        .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt, createdBy: apiTokens.createdBy, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .orderBy(asc(apiTokens.name));
    },

    /**
     * A new session secret for the cookie, or why there is none. Each attempt counts as a failure
     * before the password is checked (`sign-in-throttle.ts`); a right one clears the count.
     */
    async signIn(username: string, password: string, now = new Date()): Promise<SignInOutcome> {
      const name = username.trim().toLowerCase();
      if (!storableText(name)) {
        // No account is named with a NUL or half a surrogate pair (the database could not even look one up).
        await verifyPassword(password, await unknownUserHash);
        return { ok: false, reason: 'wrong', until: null, locked: false, now: throttle.now() };
      }
      const attempt = await throttle.begin(name);
      if (!attempt.allowed) return { ok: false, reason: 'refused', until: attempt.until, locked: attempt.locked, now: attempt.now };
      const [user] = await db
        .select({ id: users.id, displayName: users.displayName, roles: users.roles, disabled: users.disabled, passwordHash: userPasswords.passwordHash })
        .from(users)
        .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
        .where(eq(users.username, name));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await unknownUserHash));
      // A single sign-on user has no password here: they sign in at their identity provider only.
      if (!user?.passwordHash || !ok || user.disabled) return { ok: false, reason: 'wrong', ...(await throttle.failed(attempt, user?.id ?? null)) };
      await throttle.succeeded(attempt);
      const roles = rolesForPages(user.roles);
      if (!roles.length) return { ok: false, reason: 'machine-account' };
      const sessionToken = newSecret();
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
      await db.insert(sessions).values({
        tokenHash: hashSecret(sessionToken),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + options.sessionHours * 3_600_000),
      });
      return { ok: true, sessionToken, actor: { id: user.id, name: user.displayName, roles } };
    },

    async signOut(sessionToken: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(sessionToken)));
    },

    async actorForSession(sessionToken: string, now = new Date()): Promise<Actor | null> {
      const [row] = await db
        .select({ id: users.id, name: users.displayName, roles: users.roles, disabled: users.disabled })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, hashSecret(sessionToken)), gt(sessions.expiresAt, now)));
      // A machine role never counts on the pages (a session made before they were refused included).
      const roles = row && !row.disabled ? rolesForPages(row.roles) : [];
      if (!row || !roles.length) return null;
      return { id: row.id, name: row.name, roles };
    },

    /**
     * The actor of a valid API token. A token found valid is remembered for half a second, so a
     * number-plate reader sending thousands of checks a second costs two database reads a second;
     * a revoked token is forgotten at once on every process that hears the notice, and stops
     * working within API_TOKEN_MEMORY_MS on one that missed it. Unknown tokens are never
     * remembered (a token just issued works at once).
     */
    async actorForApiToken(token: string): Promise<Actor | null> {
      const tokenHash = hashSecret(token);
      const asked = Date.now();
      const remembered = knownTokens.get(tokenHash);
      if (remembered && remembered.until > asked) return remembered.actor;
      const generationAsked = generation;
      const [row] = await db
        .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role })
        .from(apiTokenHashes)
        .innerJoin(apiTokens, eq(apiTokens.id, apiTokenHashes.tokenId))
        .where(and(eq(apiTokenHashes.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      if (!row) {
        knownTokens.delete(tokenHash);
        return null;
      }
      const actor = { id: `token:${row.id}`, name: `API token “${row.name}”`, roles: [row.role] };
      if (generation !== generationAsked) return actor;
      if (knownTokens.size >= 10_000) knownTokens.clear();
      knownTokens.set(tokenHash, { actor, until: asked + API_TOKEN_MEMORY_MS });
      return actor;
    },

    async hasUsers(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).limit(1);
      return Boolean(row);
    },
  };
}

export type IdentityService = ReturnType<typeof identityService>;
