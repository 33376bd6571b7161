import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import { policyService } from './service.js';

let database: Database;
const administrator = { id: 'admin-1', name: 'Ada Administrator', roles: ['administrator'] };

beforeAll(async () => {
  database = await createTestDatabase();
  const policy = policyService(database.db);
  await policy.installDefaults();
  for (const version of ['2099.1', '2099.2']) {
    const published = await policy.publish(
      { version, effectiveFrom: '2099-01-01', parameters: { ...POLICY_2023_1, debt: { limitationYears: 7 } }, reason: 'Limitation changed by a new Act' },
      { actor: administrator },
    );
    expect(published.ok).toBe(true);
  }
});
afterAll(async () => database?.close());

describe('the policy versions table', () => {
  it('is what the policy stream makes, in order of publication', async () => {
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([]);
    const table = report.tables.find((t) => t.name === 'policy_versions')!;
    expect(table.live).toBe(table.rebuilt);
    expect((await policyService(database.db).listVersions()).slice(-2).map((v) => v.version)).toEqual(['2099.1', '2099.2']);
  });

  it('names a hand-edited version', async () => {
    await database.db.execute(sql`update policy_versions set reason = 'Edited by hand' where version = '2099.2'`);
    const report = await rebuildProjections(database.db, projectors);
    expect(report.differences).toEqual([
      { table: 'policy_versions', key: 'version=2099.2', problem: 'differs in reason (live "Edited by hand", from the events "Limitation changed by a new Act")' },
    ]);
  });
});
