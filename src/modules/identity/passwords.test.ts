import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, lowerPasswordCostForTests, PASSWORD_COST, verifyPassword } from './passwords.js';

describe('password hashes', () => {
  // The suite's setup lowers the cost for every other test (test/support/setup.ts); this file checks
  // the service's own, and puts the suite's back for the next file on this worker.
  beforeAll(() => lowerPasswordCostForTests(false));
  afterAll(() => lowerPasswordCostForTests());

  it('are scrypt at the service’s cost (N = 2^15, r = 8, p = 1), the parameters stored with each hash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect({ scheme, n: Number(n), r: Number(r), p: Number(p) }).toEqual({ scheme: 'scrypt', n: 2 ** 15, r: 8, p: 1 });
    expect(PASSWORD_COST.N).toBe(2 ** 15);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('are salted: the same password twice gives two different hashes, each checking', async () => {
    const [a, b] = [await hashPassword('same password here'), await hashPassword('same password here')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('are checked at the cost stored with them, so a lower (or later, higher) cost still checks', async () => {
    lowerPasswordCostForTests();
    try {
      const cheap = await hashPassword('a-long-enough-password');
      expect(cheap.split('$')[1]).toBe(String(2 ** 10));
      expect(await verifyPassword('a-long-enough-password', cheap)).toBe(true);
      expect(await verifyPassword('a-long-enough-passwore', cheap)).toBe(false);
    } finally {
      lowerPasswordCostForTests(false);
    }
    expect((await hashPassword('x'.repeat(12))).split('$')[1]).toBe(String(2 ** 15));
  });

  it('refuse anything that is not an scrypt hash', async () => {
    expect(await verifyPassword('anything', '')).toBe(false);
    expect(await verifyPassword('anything', 'bcrypt$10$abc$def')).toBe(false);
  });
});
