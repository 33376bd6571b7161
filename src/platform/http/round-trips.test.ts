import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/*
 * The database round trips a command costs on a PostgreSQL server, counted at the driver: the
 * speed of commands against pgbench (docs/performance.md) rests on them, so a change that adds
 * round trips to a search record or a case note fails here. (PGlite runs in the process, with no
 * round trips to count.)
 */

const SEARCH_RECORD_ROUND_TRIPS = 1;
const CASE_NOTE_ROUND_TRIPS = 2;

let t: TestApp;
const statements: string[] = [];
let counting = false;

const token = (role: string) => ({ authorization: `Bearer cordon_demo_${role.replace(/-/g, '_')}_token` });

beforeAll(async () => {
  t = await createTestApp();
  const pool = t.database.pool;
  if (!pool) return;
  const wrap = (client: pg.PoolClient) => {
    const marked = client as pg.PoolClient & { countedRoundTrips?: boolean };
    if (marked.countedRoundTrips) return;
    marked.countedRoundTrips = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text: string };
      if (counting) statements.push(typeof first === 'string' ? first : first.text);
      return query(...args);
    };
  };
  pool.on('connect', wrap);
  pool.on('acquire', wrap);
});
afterAll(async () => t?.close());

async function post(url: string, role: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...token(role), 'idempotency-key': randomUUID() },
    payload: JSON.stringify(body),
  });
}

async function counted(work: () => Promise<void>): Promise<string[]> {
  statements.length = 0;
  counting = true;
  try {
    await work();
  } finally {
    counting = false;
  }
  return [...statements];
}

describe.runIf(process.env.DATABASE_URL)('round trips per command on PostgreSQL', () => {
  it('a search record', async () => {
    const search = (n: number) => ({
      searchedAt: new Date(Date.now() - 3_600_000).toISOString(),
      port: 'CQF',
      lane: '3',
      vehicleKind: 'hgv',
      tractorRegistration: `WGM ${String(n).padStart(5, '0')}`,
      tractorCountry: 'PL',
      selectionReason: 'random',
      methods: ['pmmw-scanner'],
      searchedBy: 'border-force',
      result: 'nothing-found',
    });
    expect((await post('/api/v1/searches', 'port-officer', search(1))).statusCode).toBe(201);
    const trips = await counted(async () => {
      const response = await post('/api/v1/searches', 'port-officer', search(2));
      expect(response.statusCode, response.body).toBe(201);
    });
    // one statement, its own transaction: the answer kept with the Idempotency-Key, the event and
    // the search row (no begin, no commit)
    expect(trips, trips.join('\n')).toHaveLength(SEARCH_RECORD_ROUND_TRIPS);
    // (the CTEs listed backwards: PostgreSQL runs them last first, so the event is written first)
    expect(trips[0]).toMatch(/^with .*insert into "searches".*insert into "events".*\) insert into "command_results"/);
  });

  it('a note on a case', async () => {
    const referral = await post('/api/v1/referrals', 'port-officer', {
      port: 'CQF',
      incidentDate: ukDate(new Date()),
      offence: 'S31A',
      vehicleRegistration: 'WGM 4521K',
      vehicleCountry: 'PL',
      driverName: 'Jan Kowalski',
      companyName: 'Kowalski Trans Sp. z o.o.',
      confirmDuplicate: true,
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const { reference } = referral.json() as { reference: string };
    let version = (await t.app.inject({ url: `/api/v1/cases/${reference}`, headers: token('caseworker-eo') })).json().version as number;
    const note = async () => {
      const response = await post(`/api/v1/cases/${reference}/actions/addCaseNote`, 'caseworker-eo', { text: 'Spoke to the haulier', expectedVersion: version });
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
    };
    await note();
    const trips = await counted(note);
    // the case with its liabilities, stream and policies (no lock, no transaction), then one
    // statement: the answer kept with the Idempotency-Key, the event, the case's version
    expect(trips, trips.join('\n')).toHaveLength(CASE_NOTE_ROUND_TRIPS);
    expect(trips[0]).toMatch(/^select .* from "cases" where/);
    expect(trips[1]).toMatch(/^with .*update "cases" set "version".*insert into "events".*\) insert into "command_results"/);
  });
});
