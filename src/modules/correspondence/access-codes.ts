import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { keyedDigest } from '../../platform/secrets/named-secret.js';
import { t } from '../../platform/i18n/messages.js';
import { isLanguage } from '../../platform/i18n/languages.js';
import type { LetterPart } from '../../platform/pdf/letter.js';
import { letterAccessCodes } from './schema.js';

/*
 * The access code printed on every letter to a person: with the case reference and their postcode
 * or date of birth it opens their case on the public portal, without an account (issue 15 item 2).
 *
 * - Random (node:crypto `randomInt`), 10 characters from an alphabet without look-alikes (no 0/O,
 *   1/I/L), printed grouped XXXX-XXXX-XX: 31^10 ≈ 8·10^14 codes, and sign-in is rate limited.
 * - Only its HMAC under a server secret (`service_secrets` 'portal-access-code') is kept, so the
 *   table read alone opens nothing; the code itself is in the letter (PDF and its stored layout).
 * - A new letter to the person revokes their older codes: only the newest letter opens the case.
 */

export const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACCESS_CODE_LENGTH = 10;
const SECRET_NAME = 'portal-access-code';

export function newAccessCode(): string {
  let raw = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i += 1) raw += ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)];
  return formatAccessCode(raw);
}

/** XXXX-XXXX-XX. */
export function formatAccessCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** The code as typed (any case, spaces or dashes anywhere) in its plain form, or null when it cannot be a code. */
export function normaliseAccessCode(typed: string): string | null {
  if (typed.length > 64) return null;
  const raw = typed.toUpperCase().replace(/[\s\-–—.]/g, '');
  if (raw.length !== ACCESS_CODE_LENGTH) return null;
  for (const char of raw) if (!ACCESS_CODE_ALPHABET.includes(char)) return null;
  return raw;
}

async function digest(db: Db, raw: string): Promise<string> {
  return keyedDigest(db, SECRET_NAME, `access-code\0${raw}`);
}

/** A new code for the person the letter goes to; their older codes stop working. In the letter's transaction. */
export async function issueAccessCode(tx: Db, input: { caseId: string; liabilityId: string; letterId: string; now: Date }): Promise<string> {
  const code = newAccessCode();
  await tx
    .update(letterAccessCodes)
    .set({ revokedAt: input.now })
    .where(and(eq(letterAccessCodes.liabilityId, input.liabilityId), isNull(letterAccessCodes.revokedAt)));
  await tx.insert(letterAccessCodes).values({
    codeHash: await digest(tx, code.replace(/-/g, '')),
    caseId: input.caseId,
    liabilityId: input.liabilityId,
    letterId: input.letterId,
    issuedAt: input.now,
  });
  return code;
}

/** Whose letter a typed code is from, while it still works (not revoked); null for anything else. */
export async function accessCodeHolder(db: Db, typed: string): Promise<{ caseId: string; liabilityId: string; letterId: string } | null> {
  const raw = normaliseAccessCode(typed);
  // A code that cannot be one is hashed anyway: the answer takes the same time.
  const [row] = await db
    .select()
    .from(letterAccessCodes)
    .where(eq(letterAccessCodes.codeHash, await digest(db, raw ?? `not-a-code\0${typed.slice(0, 64)}`)));
  if (!raw || !row || row.revokedAt) return null;
  return { caseId: row.caseId, liabilityId: row.liabilityId, letterId: row.letterId };
}

/** Where the portal is, as the letters print it (CORDON_PORTAL_URL). */
export function portalAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.CORDON_PORTAL_URL?.trim() || 'http://localhost:3000/portal';
}

/**
 * The letter parts with "see your case online" at the end of each letter, in that letter's
 * language: the portal's address, the case reference and the access code.
 */
export function withAccessCode(parts: readonly LetterPart[], input: { code: string; caseReference: string; address?: string }): LetterPart[] {
  const address = input.address ?? portalAddress();
  return parts.map((part) => {
    const language = isLanguage(part.letter.language) ? part.letter.language : 'en';
    return {
      ...part,
      letter: {
        ...part.letter,
        blocks: [
          ...part.letter.blocks,
          { kind: 'heading', text: t(language, 'portalAccess.letter.heading') },
          { kind: 'paragraph', text: t(language, 'portalAccess.letter.how', { address }) },
          {
            kind: 'keyValue',
            rows: [
              { key: t(language, 'portalAccess.letter.reference'), value: input.caseReference },
              { key: t(language, 'portalAccess.letter.code'), value: input.code },
            ],
          },
          { kind: 'paragraph', text: t(language, 'portalAccess.letter.keepSafe') },
        ],
      },
    };
  });
}

/** The access code printed in a letter's stored layout (for tests and the print bundle's checks). */
export function accessCodeInLayout(parts: readonly LetterPart[]): string | null {
  for (const part of parts) {
    for (const block of part.letter.blocks) {
      if (block.kind !== 'keyValue') continue;
      for (const row of block.rows) if (/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$/.test(row.value)) return row.value;
    }
  }
  return null;
}
