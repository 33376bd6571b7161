import { randomBytes, scrypt as scryptCallback, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

// OWASP's scrypt minimum (N=2^17, r=8, p=1) would take ~0.3 s a sign-in on this hardware; 2^15 keeps
// sign-in fast while far above the cost of a fast hash. Stored with the hash, so it can be raised.
export const PASSWORD_COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

/**
 * The work factor new hashes get: `PASSWORD_COST`, except in the test suite, whose setup
 * (test/support/setup.ts, global-setup.ts) lowers it with `lowerPasswordCostForTests`. Nothing in the
 * service calls that: the running service and the `cordon` command always hash at `PASSWORD_COST`.
 */
let cost: { N: number; r: number; p: number; maxmem: number } = PASSWORD_COST;

/**
 * Tests only: hash new passwords with N = 2^10 instead of 2^15 (about 2 ms instead of 150 ms each).
 * Hashing and checking work the same whatever the cost (it is stored with each hash and read back
 * from it), and the suite signs in thousands of times: at the real cost that was minutes of a CI run
 * spent in scrypt. The test of the real cost itself (passwords.test.ts) restores it.
 */
export function lowerPasswordCostForTests(lowered = true): void {
  cost = lowered ? { ...PASSWORD_COST, N: 2 ** 10 } : PASSWORD_COST;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PASSWORD_COST.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A new random secret for a session cookie or an API token. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256: a database leak gives no usable tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
