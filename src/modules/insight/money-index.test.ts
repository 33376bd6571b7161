import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/support/database.js';
import { rowsOf, type Database } from '../../platform/database/client.js';
import { MONEY_TYPES } from './families.js';

/*
 * The money fold finds a liability's events by its id alone through the event log's partial index
 * `events_money_liability` (families.ts). PostgreSQL uses a partial index only when the query's
 * condition implies the index's: a type added to MONEY_TYPES but not to the index would turn each
 * penalty's look-up into a scan of every event of those types. The two lists must be the same.
 */

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the money fold’s index', () => {
  it('is over exactly the event types the money fold reads', async () => {
    const [index] = rowsOf<{ definition: string }>(await database.db.execute(sql`select indexdef as definition from pg_indexes where indexname = 'events_money_liability'`));
    expect(index?.definition).toMatch(/\(payload ->> 'liabilityId'::text\)/);
    const types = [...index!.definition.matchAll(/'([A-Za-z]+)'::text/g)].map((m) => m[1]).filter((t) => t !== 'liabilityId');
    expect(types.sort()).toEqual([...MONEY_TYPES].sort());
  });
});
