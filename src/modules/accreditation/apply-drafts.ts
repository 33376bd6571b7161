import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { keyedDigest } from '../../platform/secrets/named-secret.js';
import { newAccessCode, normaliseAccessCode } from '../correspondence/access-codes.js';
import { accreditationApplicationDrafts, accreditationDraftReturnFailures } from './apply-schema.js';
import type { DraftAnswers } from './apply-form.js';

/*
 * The draft store of the online application (not part of the record; see apply-schema.ts). A draft
 * is found by the browser's cookie token, or, after "save and return later", by the email and the
 * return code sent to it. The code is made like a letter's access code (10 characters without
 * look-alikes, XXXX-XXXX-XX) and kept only as an HMAC under the server secret
 * 'accreditation-draft-code'. Wrong codes are counted per email typed (existing or not): at
 * DRAFT_RETURN_LOCK_AFTER the email is locked for DRAFT_RETURN_LOCK_MINUTES.
 */

const positive = (value: string | undefined, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);
/** Days a draft is kept after its last change (configuration: CORDON_ACCREDITATION_DRAFT_DAYS, default 60). */
export const ACCREDITATION_DRAFT_DAYS = positive(process.env.CORDON_ACCREDITATION_DRAFT_DAYS, 60);
export const DRAFT_RETURN_LOCK_AFTER = 10;
export const DRAFT_RETURN_LOCK_MINUTES = positive(process.env.CORDON_ACCREDITATION_DRAFT_LOCK_MINUTES, 30);
const SECRET_NAME = 'accreditation-draft-code';

const tokenHash = (token: string) => createHash('sha256').update('accreditation draft\0').update(token).digest('hex');
const emailKeyOf = (db: Db, email: string) => keyedDigest(db, SECRET_NAME, `email\0${email.trim().toLowerCase()}`);
const codeHashOf = (db: Db, raw: string) => keyedDigest(db, SECRET_NAME, `code\0${raw}`);

export interface Draft {
  language: string;
  answers: DraftAnswers;
  saved: boolean;
  expiresAt: Date;
}

export function applicationDrafts(db: Db, options: { clock: Clock; lockAfter?: number }) {
  const now = () => options.clock.now();
  const expiry = (at: Date) => new Date(at.getTime() + ACCREDITATION_DRAFT_DAYS * 86_400_000);
  const lockAfter = options.lockAfter ?? DRAFT_RETURN_LOCK_AFTER;

  async function row(token: string | undefined) {
    if (!token || token.length > 100) return null;
    const [found] = await db.select().from(accreditationApplicationDrafts).where(eq(accreditationApplicationDrafts.tokenHash, tokenHash(token)));
    return found && found.expiresAt > now() ? found : null;
  }

  async function failed(key: string, at: Date) {
    const [previous] = await db.select().from(accreditationDraftReturnFailures).where(eq(accreditationDraftReturnFailures.emailKey, key));
    const before = previous && !(previous.lockedUntil && previous.lockedUntil <= at) ? previous.failures : 0;
    const failures = before + 1;
    const lockedUntil = failures >= lockAfter ? new Date(at.getTime() + DRAFT_RETURN_LOCK_MINUTES * 60_000) : null;
    await db
      .insert(accreditationDraftReturnFailures)
      .values({ emailKey: key, failures, lastFailureAt: at, lockedUntil })
      .onConflictDoUpdate({ target: accreditationDraftReturnFailures.emailKey, set: { failures, lastFailureAt: at, lockedUntil: lockedUntil ?? sql`null` } });
  }

  return {
    /** A new, empty draft; the token goes in the browser's cookie. */
    async start(language: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await db.insert(accreditationApplicationDrafts).values({ tokenHash: tokenHash(token), language, answers: {}, createdAt: at, updatedAt: at, expiresAt: expiry(at) });
      return token;
    },

    async get(token: string | undefined): Promise<Draft | null> {
      const found = await row(token);
      return found ? { language: found.language, answers: found.answers as DraftAnswers, saved: found.codeHash !== null, expiresAt: found.expiresAt } : null;
    },

    /** Changes the answers (a section at a time); the draft is kept for another ACCREDITATION_DRAFT_DAYS. */
    async update(token: string, change: (answers: DraftAnswers) => DraftAnswers, language?: string): Promise<boolean> {
      const found = await row(token);
      if (!found) return false;
      const at = now();
      await db
        .update(accreditationApplicationDrafts)
        .set({ answers: change(found.answers as DraftAnswers), updatedAt: at, expiresAt: expiry(at), ...(language ? { language } : {}) })
        .where(eq(accreditationApplicationDrafts.tokenHash, found.tokenHash));
      return true;
    },

    /** "Save and return later": a new return code for the email (any earlier code stops working); the code is shown and emailed, never kept. */
    async save(token: string, email: string): Promise<{ code: string; expiresAt: Date } | null> {
      const found = await row(token);
      if (!found) return null;
      const code = newAccessCode();
      const at = now();
      const expiresAt = expiry(at);
      await db
        .update(accreditationApplicationDrafts)
        .set({ emailKey: await emailKeyOf(db, email), codeHash: await codeHashOf(db, code.replace(/-/g, '')), updatedAt: at, expiresAt })
        .where(eq(accreditationApplicationDrafts.tokenHash, found.tokenHash));
      return { code, expiresAt };
    },

    /**
     * Email and code → the draft, under a new cookie token (the old one stops working). Every way of
     * being wrong is one answer ('no-match'), counted against the email typed.
     */
    async restore(email: string, typedCode: string): Promise<{ ok: true; token: string; language: string } | { ok: false; reason: 'no-match' | 'locked' }> {
      const at = now();
      const key = await emailKeyOf(db, email);
      const [lock] = await db.select().from(accreditationDraftReturnFailures).where(eq(accreditationDraftReturnFailures.emailKey, key));
      if (lock?.lockedUntil && lock.lockedUntil > at) return { ok: false, reason: 'locked' };
      const raw = normaliseAccessCode(typedCode);
      const codeHash = await codeHashOf(db, raw ?? 'not-a-code');
      const [found] = raw
        ? await db.select().from(accreditationApplicationDrafts).where(and(eq(accreditationApplicationDrafts.emailKey, key), eq(accreditationApplicationDrafts.codeHash, codeHash)))
        : [];
      if (!found || found.expiresAt <= at) {
        await failed(key, at);
        return { ok: false, reason: 'no-match' };
      }
      await db.delete(accreditationDraftReturnFailures).where(eq(accreditationDraftReturnFailures.emailKey, key));
      const token = randomBytes(32).toString('base64url');
      await db.update(accreditationApplicationDrafts).set({ tokenHash: tokenHash(token), updatedAt: at, expiresAt: expiry(at) }).where(eq(accreditationApplicationDrafts.tokenHash, found.tokenHash));
      return { ok: true, token, language: found.language };
    },

    /** A key for this draft that is not its token (for the submission's idempotency key). */
    keyOf: (token: string) => tokenHash(token).slice(0, 32),

    /** A submitted draft is gone: the application stream has it now. */
    async end(token: string): Promise<void> {
      await db.delete(accreditationApplicationDrafts).where(eq(accreditationApplicationDrafts.tokenHash, tokenHash(token)));
    },

    /**
     * Removes drafts past their expiry (answers, email and code HMACs with them), and the wrong-code
     * counts of emails whose lock, if any, has ended and whose last wrong code is a day old; the
     * number of drafts removed. Run daily by the `accreditation-drafts-expired` job.
     */
    async removeExpired(): Promise<number> {
      const at = now();
      const gone = await db.delete(accreditationApplicationDrafts).where(lt(accreditationApplicationDrafts.expiresAt, at)).returning({ tokenHash: accreditationApplicationDrafts.tokenHash });
      const dayAgo = new Date(at.getTime() - 86_400_000);
      await db
        .delete(accreditationDraftReturnFailures)
        .where(and(lt(accreditationDraftReturnFailures.lastFailureAt, dayAgo), or(isNull(accreditationDraftReturnFailures.lockedUntil), lt(accreditationDraftReturnFailures.lockedUntil, at))));
      return gone.length;
    },

    /** How many drafts are kept (expired or not): for tests and the operator. */
    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)` }).from(accreditationApplicationDrafts);
      return Number(row?.n ?? 0);
    },
  };
}

export type ApplicationDrafts = ReturnType<typeof applicationDrafts>;

/** The job kind of the daily removal of expired drafts: queued by every process, run by one (its key is the day). */
export const ACCREDITATION_DRAFTS_EXPIRED = 'accreditation-drafts-expired';

/**
 * Deletes the drafts kept longer than ACCREDITATION_DRAFT_DAYS after their last change (the days
 * the save-and-return email promises). An expired draft is never shown before then either (`row`
 * checks the expiry); this is what makes it gone. Running twice removes nothing twice.
 */
export function expiredDraftsJobKind(drafts: Pick<ApplicationDrafts, 'removeExpired'>): JobKind {
  return {
    async run() {
      await drafts.removeExpired();
    },
  };
}
