import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { loadCaseFile } from '../casework/case-file.js';
import { accessCodeHolder } from '../correspondence/access-codes.js';
import { portalSignInFailures } from './schema.js';

/*
 * Checks a portal sign-in: the case reference, the access code printed on the person's newest
 * letter, and their postcode or date of birth. Every way of being wrong (a wrong or superseded
 * code, another case's reference with a good code, a guessed reference, the wrong postcode) is
 * one answer, 'no-match', after the same work (the code is hashed and looked up, the case is read,
 * whether or not either exists). Wrong tries are counted per reference typed, existing or not: at
 * PORTAL_LOCK_AFTER_FAILURES the reference is locked for PORTAL_LOCK_MINUTES.
 */

export const PORTAL_LOCK_AFTER_FAILURES = 20;
export const PORTAL_LOCK_MINUTES = Number(process.env.CORDON_PORTAL_LOCK_MINUTES) > 0 ? Number(process.env.CORDON_PORTAL_LOCK_MINUTES) : 30;

export interface SignInAttempt {
  reference: string;
  accessCode: string;
  postcode: string;
  /** YYYY-MM-DD, or '' when not given. */
  dateOfBirth: string;
}

export type SignInOutcome = { ok: true; caseId: string; reference: string; liabilityId: string; language: Language } | { ok: false; reason: 'no-match' | 'locked' };

/** How the portal learns what the incident recorded about a person (intake's `incidentDataOf`, passed in by src/app.ts). */
export type IncidentDataOf = (db: Db, incidentId: string) => Promise<unknown>;

interface PersonRecorded {
  dateOfBirth?: string;
  address?: { postcode?: string };
}

/** Letters and digits only, upper case: "sw1a 1aa" and "SW1A1AA", "00-116" and "00116" are the same. */
export const postcodeKey = (text: string) => text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The postcodes an address shows: every word with a digit in it, and each such word with the next (a UK postcode's two halves). */
export function postcodesIn(lines: readonly string[]): string[] {
  const found = new Set<string>();
  for (const line of lines) {
    const words = line.split(/[\s,]+/).filter(Boolean);
    words.forEach((word, i) => {
      if (!/\d/.test(word)) return;
      found.add(postcodeKey(word));
      if (words[i + 1]) found.add(postcodeKey(`${word}${words[i + 1]}`));
      if (i > 0) found.add(postcodeKey(`${words[i - 1]}${word}`));
    });
  }
  return [...found].filter((key) => key.length >= 3);
}

const referenceKey = (reference: string) => createHash('sha256').update('portal sign-in reference\0').update(reference).digest('hex');

export function portalSignInCheck(db: Db, options: { clock: Clock; incidentDataOf: IncidentDataOf; lockAfter?: number; lockMinutes?: number }) {
  const lockAfter = options.lockAfter ?? PORTAL_LOCK_AFTER_FAILURES;
  const lockMs = () => (options.lockMinutes ?? PORTAL_LOCK_MINUTES) * 60_000;

  async function failed(key: string, now: Date) {
    const [row] = await db.select().from(portalSignInFailures).where(eq(portalSignInFailures.referenceKey, key));
    // A lock that has run out starts the count again.
    const before = row && !(row.lockedUntil && row.lockedUntil <= now) ? row.failures : 0;
    const failures = before + 1;
    const lockedUntil = failures >= lockAfter ? new Date(now.getTime() + lockMs()) : null;
    await db
      .insert(portalSignInFailures)
      .values({ referenceKey: key, failures, lastFailureAt: now, lockedUntil })
      .onConflictDoUpdate({ target: portalSignInFailures.referenceKey, set: { failures, lastFailureAt: now, lockedUntil: lockedUntil ?? sql`null` } });
  }

  return {
    async attempt(input: SignInAttempt): Promise<SignInOutcome> {
      const now = options.clock.now();
      const reference = input.reference.trim().toUpperCase().slice(0, 40);
      const key = referenceKey(reference);
      const [lock] = await db.select().from(portalSignInFailures).where(eq(portalSignInFailures.referenceKey, key));
      if (lock?.lockedUntil && lock.lockedUntil > now) return { ok: false, reason: 'locked' };

      const holder = await accessCodeHolder(db, input.accessCode);
      const file = await loadCaseFile(db, reference);
      const person = file && holder && holder.caseId === file.kase.id ? file.liabilities.find((row) => row.id === holder.liabilityId) : undefined;
      let recorded: PersonRecorded | undefined;
      if (file?.kase.incidentId) {
        const data = (await options.incidentDataOf(db, file.kase.incidentId)) as { responsiblePersons?: PersonRecorded[] } | null;
        recorded = person && person.personIndex !== null ? data?.responsiblePersons?.[person.personIndex] : undefined;
      }
      const postcode = postcodeKey(input.postcode);
      const known = person ? new Set([...postcodesIn(person.addressLines ?? []), ...(recorded?.address?.postcode ? [postcodeKey(recorded.address.postcode)] : [])]) : new Set<string>();
      const postcodeMatches = postcode.length >= 3 && known.has(postcode);
      const dateOfBirthMatches = input.dateOfBirth !== '' && recorded?.dateOfBirth === input.dateOfBirth;
      // Every detail given must match, and at least one is given.
      const given = (postcode ? 1 : 0) + (input.dateOfBirth ? 1 : 0);
      const matches = given > 0 && (!postcode || postcodeMatches) && (!input.dateOfBirth || dateOfBirthMatches);

      if (!file || !person || !matches) {
        await failed(key, now);
        return { ok: false, reason: 'no-match' };
      }
      await db.delete(portalSignInFailures).where(eq(portalSignInFailures.referenceKey, key));
      return { ok: true, caseId: file.kase.id, reference: file.kase.reference, liabilityId: person.id, language: isLanguage(person.language) ? person.language : 'en' };
    },
  };
}

export type PortalSignInCheck = ReturnType<typeof portalSignInCheck>;
