import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/database/client.js';
import { namedSecret } from '../../platform/secrets/named-secret.js';
import { ACCESS_CODE_ALPHABET, ACCESS_CODE_LENGTH, formatAccessCode, normaliseAccessCode } from '../correspondence/access-codes.js';

/*
 * The access code an applicant (who has no account) uses with the application reference to give
 * more information, see where the application stands or withdraw it. It is the HMAC of the
 * reference under a server secret (`service_secrets` 'accreditation-access-code'), written in the
 * portal's alphabet without look-alikes and grouped XXXX-XXXX-XX like a letter's code: nothing is
 * stored, so no table read alone gives a code away, and a repeated submission (same
 * Idempotency-Key) answers the same code. Checking is constant-time; the public routes that check
 * it are rate limited.
 */

const SECRET_NAME = 'accreditation-access-code';

/** The application's access code, XXXX-XXXX-XX. */
export async function applicationAccessCode(db: Db, reference: string): Promise<string> {
  const digest = createHmac('sha256', await namedSecret(db, SECRET_NAME)).update(`cpas-application\0${reference}`).digest();
  let raw = '';
  // Bytes below 248 (8 × 31) map evenly onto the 31 letters; the others are skipped.
  for (const byte of digest) {
    if (raw.length === ACCESS_CODE_LENGTH) break;
    if (byte < 248) raw += ACCESS_CODE_ALPHABET[byte % ACCESS_CODE_ALPHABET.length];
  }
  return formatAccessCode(raw);
}

/** Whether `typed` (any case, spaces or dashes anywhere) is the application's code. */
export async function isApplicationAccessCode(db: Db, reference: string, typed: string | null | undefined): Promise<boolean> {
  const raw = typed ? normaliseAccessCode(typed) : null;
  if (!raw) return false;
  const expected = (await applicationAccessCode(db, reference)).replace(/-/g, '');
  return timingSafeEqual(Buffer.from(raw), Buffer.from(expected));
}
