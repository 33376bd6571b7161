import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { identityService, SYSTEM_ACTOR } from './service.js';

let database: Database;
let identity: ReturnType<typeof identityService>;
let token = '';

beforeAll(async () => {
  database = await createTestDatabase();
  identity = identityService(database.db, { sessionHours: 8 });
  for (const [username, roles] of [
    ['ada.officer', ['port-officer']],
    ['cas.worker', ['caseworker-eo', 'caseworker-ao']],
  ] as const) {
    const added = await identity.addUser({ username, displayName: username.replace('.', ' '), roles, password: 'correct horse battery' }, { actor: SYSTEM_ACTOR });
    expect(added.ok).toBe(true);
  }
  const issued = await identity.issueApiToken({ name: 'Dover reader 1', role: 'plate-reader' }, { actor: SYSTEM_ACTOR });
  if (!issued.ok) throw new Error(issued.message);
  token = issued.value.token;
});
afterAll(async () => database?.close());

describe('the identity read tables', () => {
  it('are what the events make, while the secrets stay out of the log and still work', async () => {
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([]);
    // The test database holds the demo users and tokens too.
    for (const name of ['users', 'api_tokens']) {
      const table = report.tables.find((t) => t.name === name)!;
      expect(table.rebuilt).toBe(table.live);
    }
    expect((await identity.listUsers()).map((u) => u.username)).toEqual(expect.arrayContaining(['ada.officer', 'cas.worker']));
    const log = rowsOf<{ payload: unknown }>(await database.db.execute(sql`select payload from events where stream_type in ('user', 'api-token')`));
    expect(JSON.stringify(log)).not.toMatch(/scrypt|[0-9a-f]{64}|cordon_/);
    expect(await identity.signIn('ada.officer', 'correct horse battery')).toMatchObject({ actor: { name: 'ada officer', roles: ['port-officer'] } });
    expect(await identity.signIn('ada.officer', 'wrong horse battery')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await identity.actorForApiToken(token)).toMatchObject({ roles: ['plate-reader'] });
    expect(await identity.actorForApiToken(`${token}x`)).toBeNull();
  });

  it('names a hand-edited user and token', async () => {
    await database.db.execute(sql`update users set roles = '{administrator}' where username = 'ada.officer'`);
    await database.db.execute(sql`update api_tokens set role = 'administrator' where name = 'Dover reader 1'`);
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences.map((d) => `${d.table}: ${d.problem}`).sort()).toEqual([
      'api_tokens: differs in role (live "administrator", from the events "plate-reader")',
      'users: differs in roles (live ["administrator"], from the events ["port-officer"])',
    ]);
  });
});
