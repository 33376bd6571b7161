import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../schema.js';
import { projectors } from '../../app.js';
import { ownedTables } from './rebuild.js';

/**
 * Tables that are not part of the record, and why: nothing rebuilds them from events.
 * (The issue allows high-volume plate-check hits to stay a plain table.)
 */
const NOT_PART_OF_THE_RECORD: Record<string, string> = {
  events: 'the record itself',
  event_anchors: 'the seals over the record, written by the sealer',
  command_results: 'the first answer to each idempotency key, kept so a repeat answers the same',
  sessions: 'who is signed in now: security state, not a fact of the scheme',
  user_passwords: 'a password’s scrypt hash: a secret, kept out of the log auditors read (it could be attacked offline)',
  api_token_hashes: 'an API token’s SHA-256: the credential itself, kept out of the log like a password',
  portal_sessions: 'portal sign-ins (a digest of the cookie, when it was last used): security state, like staff sessions',
  portal_sign_in_failures: 'wrong portal sign-ins per case reference and the lock they cause: security state',
  letter_access_codes: 'digests of the access codes printed on letters (the letter itself is an event; its code is a secret, never in the log)',
  sign_in_failures: 'failed sign-ins in a row per username: security state (a lock and its lifting are events on the user’s stream)',
  plate_check_hits: 'one row per camera hit, hundreds a second: recorded asynchronously as a plain table',
  service_secrets: 'the cookie-signing secret the processes share when none is configured: a secret, kept out of the log',
  personal_data_reads: 'who read a person’s record and when: a read changes nothing, so it is logged as a plain append-only row, not an event',
  case_reference_counters: 'the gap-free allocator of case references (its value is the highest reference of each year)',
  jobs: 'work queued to be done once after a request (an email, a scheduled check): what a job does is recorded by the command it runs',
  accreditation_application_drafts: 'CPAS application drafts (save and return later): not a fact of the scheme until submitted, kept 60 days; the return code only as an HMAC',
  accreditation_draft_return_failures: 'wrong draft return codes per email and the lock they cause: security state, like portal sign-in failures',
};

/**
 * Tables still written by their commands rather than a projector: none now (issue #11). It stays
 * empty; a new table must be projected from the start.
 */
const NOT_YET_PROJECTED: readonly string[] = [];

const tablesByExport = Object.entries(schema).filter(([, value]) => is(value, PgTable)) as [string, PgTable][];

/** Whether source text writes the table: a drizzle insert/update/delete or SQL naming it. */
function writesTable(text: string, exportName: string, name: string): boolean {
  const drizzleWrite = new RegExp(`\\.(insert|update|delete)\\(\\s*${exportName}\\s*\\)`);
  const sqlWrite = new RegExp(`(insert\\s+into|update|delete\\s+from|truncate)\\s+"?${name}"?\\b`, 'i');
  return drizzleWrite.test(text) || sqlWrite.test(text);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.testing.ts') ? [full] : [];
  });
}

/** The tables a projector claims that its own module's schema.ts does not define. */
async function foreignTables(list: readonly (typeof projectors)[number][]): Promise<string[]> {
  const foreign: string[] = [];
  for (const projector of list) {
    const own = Object.values((await import(path.resolve('src/modules', projector.module, 'schema.ts'))) as Record<string, unknown>);
    for (const table of projector.tables) if (!own.includes(table)) foreign.push(`${projector.module} projects ${getTableName(table)}, which its schema.ts does not define`);
  }
  return foreign;
}

describe('who writes the read tables', () => {
  it('classifies every table: owned by one projector, not part of the record, or not yet projected', () => {
    const owned = ownedTables(projectors).map(getTableName);
    const all = tablesByExport.map(([, table]) => getTableName(table)).sort();
    const classified = [...owned, ...Object.keys(NOT_PART_OF_THE_RECORD), ...NOT_YET_PROJECTED].sort();
    expect(classified).toEqual(all);
    for (const table of owned) expect(NOT_YET_PROJECTED, `${table} is projected now: take it off NOT_YET_PROJECTED`).not.toContain(table);
  });

  it('gives each projector only tables of its own module: those its module’s schema.ts exports', async () => {
    expect(await foreignTables(projectors)).toEqual([]);
    // The check can fail: a projector claiming another module's table is named.
    const [casework, correspondence] = ['casework', 'correspondence'].map((name) => projectors.find((p) => p.module === name)!);
    const greedy = { ...correspondence!, tables: [...correspondence!.tables, casework!.tables[0]!] };
    expect(await foreignTables([greedy])).toEqual(['correspondence projects cases, which its schema.ts does not define']);
  });

  it('lets no file but its projector insert into, update or delete from a projected table', () => {
    const files = sourceFiles(path.resolve('src'));
    const offenders: string[] = [];
    for (const projector of projectors) {
      for (const table of projector.tables) {
        const name = getTableName(table);
        const exportName = tablesByExport.find(([, t]) => t === table)![0];
        for (const file of files) {
          if (!writesTable(fs.readFileSync(file, 'utf8'), exportName, name)) continue;
          const relative = path.relative(path.resolve('src'), file);
          if (relative === path.join('modules', projector.module, 'projector.ts')) continue;
          offenders.push(`${relative} writes ${name}, which only the ${projector.module} projector may write`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('recognises the ways a table is written, and not its reads', () => {
    expect(writesTable('await tx.update(searches).set({ lane: "1" })', 'searches', 'searches')).toBe(true);
    expect(writesTable('await tx.insert( searches ).values(row)', 'searches', 'searches')).toBe(true);
    expect(writesTable('await db.execute(sql`delete from searches where id = ${id}`)', 'searches', 'searches')).toBe(true);
    expect(writesTable('sql`UPDATE "searches" SET lane = 1`', 'searches', 'searches')).toBe(true);
    expect(writesTable('await db.select().from(searches)', 'searches', 'searches')).toBe(false);
    expect(writesTable('await tx.update(searchesArchive)', 'searches', 'searches')).toBe(false);
  });
});
