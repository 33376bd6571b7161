import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../database/client.js';
import { RotatingCookieSigner, ensureCookieSecrets, rotateCookieSecret, secretsInUse } from './cookie-secret.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the cookie secret kept in the database', () => {
  it('is made once: processes asking at the same moment all get the same one, and a seed only counts the first time', async () => {
    await database.db.execute(sql`delete from service_secrets`);
    const asked = await Promise.all([1, 2, 3, 4, 5].map((n) => ensureCookieSecrets(database.db, n === 3 ? undefined : `seed-${n}`)));
    const current = asked[0]!.current;
    expect(current).toBeTruthy();
    for (const secrets of asked) expect(secrets.current).toBe(current);
    expect((await ensureCookieSecrets(database.db, 'a-later-seed')).current).toBe(current);
  });

  it('is made from the seed (an earlier version’s cookie-secret file) when there is none yet', async () => {
    await database.db.execute(sql`delete from service_secrets`);
    expect((await ensureCookieSecrets(database.db, 'the-old-file-secret')).current).toBe('the-old-file-secret');
  });

  it('rotates: cookies signed before are still accepted for a while, new ones are signed with the new secret', async () => {
    await database.db.execute(sql`delete from service_secrets`);
    const before = await ensureCookieSecrets(database.db);
    const first = new RotatingCookieSigner(before);
    const second = new RotatingCookieSigner(before, database.db, 0);
    const signedBefore = first.sign('csrf-secret-value');
    expect(second.unsign(signedBefore)).toEqual({ valid: true, renew: false, value: 'csrf-secret-value' });

    const rotated = await rotateCookieSecret(database.db, { keepPreviousHours: 24 });
    expect(rotated.current).not.toBe(before.current);
    expect(rotated.previous).toBe(before.current);
    expect(secretsInUse(rotated)).toEqual([rotated.current, before.current]);

    // The second process reads the secrets again (every 30 s when running): it signs with the new one and accepts the old.
    await second.refresh();
    expect(second.unsign(signedBefore)).toMatchObject({ valid: true, value: 'csrf-secret-value' });
    const signedAfter = second.sign('csrf-secret-value');
    expect(signedAfter).not.toBe(signedBefore);
    expect(first.unsign(signedAfter).valid).toBe(false); // the first has not read the rotation yet
    expect(new RotatingCookieSigner(rotated).unsign(signedAfter).valid).toBe(true);
    expect(second.unsign(`${signedBefore.slice(0, -2)}xx`).valid).toBe(false);
  });

  it('stops accepting the previous secret once its time is up', async () => {
    const before = await ensureCookieSecrets(database.db);
    const signedBefore = new RotatingCookieSigner(before).sign('value');
    const rotated = await rotateCookieSecret(database.db, { keepPreviousHours: 0 });
    expect(secretsInUse(rotated)).toEqual([rotated.current]);
    expect(new RotatingCookieSigner(rotated).unsign(signedBefore).valid).toBe(false);
    const later = { ...rotated, previous: before.current, previousUntil: new Date(Date.now() + 60_000) };
    const signer = new RotatingCookieSigner(later);
    expect(signer.unsign(signedBefore).valid).toBe(true);
    expect(secretsInUse(later, new Date(Date.now() + 120_000))).toEqual([rotated.current]);
  });
});
