import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openPostgres, rowsOf } from '../../platform/database/client.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { listChangeSignal } from './list-changes.js';
import { watchlistService } from './watchlist.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const inAWeek = () => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
const json = (role: string) => ({ 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role) });

async function check(body: unknown, options: { role?: string; query?: string } = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/plate-checks${options.query ?? ''}`, headers: json(options.role ?? 'plate-reader'), payload: JSON.stringify(body) });
}

async function addEntry(entry: Record<string, unknown>, role = 'senior-officer') {
  return t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries', headers: json(role), payload: JSON.stringify({ country: 'PL', reason: 'Intelligence report 42', expiresAt: inAWeek(), ...entry }) });
}

/** Polls until `predicate` holds, failing after `withinMs`; answers how long it took. */
async function within(withinMs: number, predicate: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await predicate()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const hits = async (registration: string, extra: Record<string, unknown> = {}) => (await check({ registration, ...extra })).json().hit === true;

async function countRows(table: 'watchlist_entries' | 'plate_check_hits'): Promise<number> {
  return Number(rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);
}

describe('watchlist entries and the matcher', () => {
  it('matches an entry added through the API within a second, and stops once it is removed', async () => {
    expect(await hits('WGM 4521K')).toBe(false);
    const added = await addEntry({ registration: 'WGM 4521K' });
    expect(added.statusCode, added.body).toBe(201);
    const { id } = added.json();
    expect(added.json()).toMatchObject({ registration: 'WGM 4521K', registrationKey: 'WGM4521K', country: 'PL', reason: 'Intelligence report 42' });
    await within(1000, () => hits('wgm-4521k'));
    const answer = (await check({ registration: 'WGM4521K', country: 'PL' })).json();
    expect(answer.matches).toEqual([
      { list: 'watchlist', certainty: 'exact', reason: 'Intelligence report 42', caseRefs: [], company: null, registration: 'WGM4521K', country: 'PL', watchlistEntryId: id },
    ]);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/watchlist-entries/${id}`, headers: bearer('senior-officer') })).statusCode).toBe(204);
    await within(1000, async () => !(await hits('WGM4521K')));
    const removed = (await t.app.inject({ url: `/api/v1/watchlist-entries/${id}`, headers: bearer('administrator') })).json();
    expect(removed.deletedAt).not.toBeNull();
    expect(removed.deletedBy).toBeTruthy();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/watchlist-entries/${id}`, headers: bearer('senior-officer') })).statusCode).toBe(404);
  });

  it('never matches an expired entry', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    expect((await addEntry({ registration: 'KR 12345', expiresAt })).statusCode).toBe(201);
    await within(1000, () => hits('KR12345'));
    t.clock.advanceDays(1);
    try {
      expect(await hits('KR12345')).toBe(false);
    } finally {
      t.clock.reset();
    }
  });

  it('refuses an expiry in the past, and bad fields, naming each field and saving nothing', async () => {
    const before = await countRows('watchlist_entries');
    const past = await addEntry({ registration: 'KR 99999', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ field: 'expiresAt', message: 'The expiry must be in the future' }]);
    const bad = await addEntry({ registration: '', country: 'Poland', reason: '', expiresAt: 'tomorrow' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'expiresAt', 'reason', 'registration']);
    expect(await countRows('watchlist_entries')).toBe(before);
  });

  it('finds reader confusions only when asked, as possible matches', async () => {
    const added = await addEntry({ registration: 'AB12 CDE', country: 'GB' });
    expect(added.statusCode, added.body).toBe(201);
    await within(1000, () => hits('AB12CDE'));
    expect(await hits('A812 CDE')).toBe(false);
    const byQuery = (await check({ registration: 'A812 CDE', country: 'GB' }, { query: '?tolerance=1' })).json();
    expect(byQuery.matches.map((m: { certainty: string; registration: string }) => [m.certainty, m.registration])).toEqual([['possible', 'AB12CDE']]);
    const byBody = (await check({ registration: 'AB12CDE', country: 'GB', tolerance: true })).json();
    expect(byBody.matches[0].certainty).toBe('exact');
    const otherCountry = (await check({ registration: 'AB12CDE', country: 'FR' })).json();
    expect(otherCountry.matches[0].certainty).toBe('possible');
  });

  it('answers a batch in the order of its reads', async () => {
    expect((await addEntry({ registration: 'WA 11111' })).statusCode).toBe(201);
    expect((await addEntry({ registration: 'WA 33333' })).statusCode).toBe(201);
    await within(1000, async () => (await hits('WA11111')) && (await hits('WA33333')));
    const reads = ['WA 00000', 'WA 11111', 'WA 22222', 'WA 33333', 'WA 44444', 'WA 11111'].map((registration, i) => ({ registration, readerId: `cam-${i}` }));
    const response = await check({ reads });
    expect(response.statusCode).toBe(200);
    const results = response.json().results as { hit: boolean; matches: { registration: string }[] }[];
    expect(results.map((r) => r.hit)).toEqual([false, true, false, true, false, true]);
    expect(results.map((r) => r.matches[0]?.registration ?? null)).toEqual([null, 'WA11111', null, 'WA33333', null, 'WA11111']);
  });

  it('takes up to 1,000 reads in a batch and refuses 1,001', async () => {
    const reads = (n: number) => Array.from({ length: n }, (_, i) => ({ registration: `ZZ ${String(i).padStart(5, '0')}` }));
    const thousand = await check({ reads: reads(1000) });
    expect(thousand.statusCode).toBe(200);
    expect(thousand.json().results).toHaveLength(1000);
    const tooMany = await check({ reads: reads(1001) });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors).toEqual([{ field: 'reads', message: 'Send at most 1,000 reads in one request (this had 1,001)' }]);
  });

  it('refuses bad reads with a field error for each, and a body that is not JSON', async () => {
    const empty = await check({});
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('registration');
    const batch = await check({ reads: [{ registration: 'OK 1' }, { registration: '---' }, { registration: 'OK 2', country: 'Poland', readAt: 'yesterday' }] });
    expect(batch.statusCode).toBe(422);
    expect(batch.json().errors.map((e: { field: string }) => e.field)).toEqual(['reads.1.registration', 'reads.2.country', 'reads.2.readAt']);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/plate-checks', headers: { 'content-type': 'text/plain', ...bearer('plate-reader') }, payload: 'WGM4521K' });
    expect(notJson.statusCode).toBe(400);
  });
});

describe('bulk watchlist imports', () => {
  it('puts 12,000 entries on the watchlist in one call, all matched', async () => {
    const entries = Array.from({ length: 12_000 }, (_, i) => ({ registration: `BK ${String(i).padStart(6, '0')}`, country: 'DE', reason: 'Operation Lantern', expiresAt: inAWeek() }));
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries/bulk', headers: json('administrator'), payload: JSON.stringify({ entries }) });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(201);
    expect(response.json().count).toBe(12_000);
    expect(response.json().ids).toHaveLength(12_000);
    await within(1000, async () => (await hits('BK000000')) && (await hits('BK011999')));
  });

  it('saves nothing when any entry is wrong, and names each bad entry by its index', async () => {
    const before = await countRows('watchlist_entries');
    const entries = Array.from({ length: 50 }, (_, i) => ({ registration: `BD ${i}`, country: 'DE', reason: 'Operation Lantern', expiresAt: inAWeek() }));
    entries[7]!.expiresAt = '2020-01-01T00:00:00Z';
    entries[31]!.registration = '';
    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries/bulk', headers: json('senior-officer'), payload: JSON.stringify({ entries }) });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(['entries.31.registration']);
    entries[31]!.registration = 'BD 31';
    const expired = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries/bulk', headers: json('senior-officer'), payload: JSON.stringify({ entries }) });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().errors).toEqual([{ field: 'entries.7.expiresAt', message: 'The expiry must be in the future' }]);
    expect(await countRows('watchlist_entries')).toBe(before);
    expect(await hits('BD0')).toBe(false);
  });

  it('refuses 100,001 entries in one call', async () => {
    const before = await countRows('watchlist_entries');
    const entry = { registration: 'XX 1', reason: 'r', expiresAt: inAWeek() };
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries/bulk', headers: json('administrator'), payload: JSON.stringify({ entries: Array.from({ length: 100_001 }, () => entry) }) });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ field: 'entries', message: 'Send at most 100,000 entries in one request (this had 100,001); split the file' }]);
    expect(await countRows('watchlist_entries')).toBe(before);
  });
});

describe('who may check plates and keep the watchlists', () => {
  it('lets plate readers and port officers check, but not edit watchlists', async () => {
    expect((await check({ registration: 'WGM4521K' }, { role: 'plate-reader' })).statusCode).toBe(200);
    expect((await check({ registration: 'WGM4521K' }, { role: 'port-officer' })).statusCode).toBe(200);
    for (const role of ['caseworker-eo', 'finance-officer', 'senior-officer']) expect((await check({ registration: 'WGM4521K' }, { role })).statusCode, role).toBe(403);
    for (const role of ['plate-reader', 'port-officer', 'caseworker-eo']) {
      expect((await addEntry({ registration: 'NO 1' }, role)).statusCode, role).toBe(403);
      const bulk = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries/bulk', headers: json(role), payload: JSON.stringify({ entries: [] }) });
      expect(bulk.statusCode, role).toBe(403);
    }
    const added = await addEntry({ registration: 'NO 2' }, 'administrator');
    expect(added.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/watchlist-entries/${added.json().id}`, headers: bearer('plate-reader') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/plate-checks/noop', headers: bearer('plate-reader') })).json()).toEqual({ hit: false, matches: [] });
  });
});

describe('the Vehicle Action List in the matcher', () => {
  it('matches an overdue company’s vehicle with its cases once casework signals a change, and drops it when paid', async () => {
    const referral = await t.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: json('port-officer'),
      payload: JSON.stringify({ port: 'DVR', incidentDate: '2026-09-01', offence: 'S31A', vehicleRegistration: 'VA12 LUE', vehicleCountry: 'GB', driverName: 'David Smith', companyName: 'Overdue Haulage Ltd' }),
    });
    const reference = referral.json().reference as string;
    const owner = sql`role = 'owner' and case_id = (select id from cases where reference = ${reference})`;
    await t.database.db.execute(
      sql`update liabilities set stage = 'payment-due', outstanding_pence = 150000, payment_due = ${addDays(ukDate(t.clock.now()), -3)}, val_block = null where ${owner}`,
    );
    t.services.listChanges.valChanged();
    await within(1000, () => hits('VA12LUE'));
    const match = (await check({ registration: 'VA12 LUE', country: 'GB' })).json().matches[0];
    expect(match).toMatchObject({ list: 'VAL', certainty: 'exact', caseRefs: [reference], company: 'Overdue Haulage Ltd' });
    expect(match.reason).toContain('owes £1,500.00');

    await t.database.db.execute(sql`update liabilities set outstanding_pence = 0, stage = 'paid' where ${owner}`);
    t.services.listChanges.valChanged();
    await within(1000, async () => !(await hits('VA12LUE')));
  });
});

describe('hits and what the officers did', () => {
  it('records every hit, and the outcome officers give it (a reason is required for a stop in error)', async () => {
    expect((await addEntry({ registration: 'HT 10001' })).statusCode).toBe(201);
    await within(1000, () => hits('HT10001', { location: 'Coquelles lane 4', readerId: 'cam-7', readAt: '2026-11-22T09:00:00Z' }));
    const { hitId } = (await check({ registration: 'HT 10001', country: 'PL' })).json();
    expect(hitId).toMatch(/^[0-9a-f-]{36}$/);
    await within(1000, async () => rowsOf(await t.database.db.execute(sql`select 1 from plate_check_hits where id = ${hitId}`)).length === 1);
    const [first] = rowsOf<Record<string, unknown>>(
      await t.database.db.execute(sql`select registration, registration_key, country, location, reader_id, read_at, matches from plate_check_hits where registration = 'HT10001' order by created_at, id limit 1`),
    );
    expect(first).toMatchObject({ registration: 'HT10001', registration_key: 'HT10001', country: null, location: 'Coquelles lane 4', reader_id: 'cam-7' });
    expect(new Date(first!.read_at as string).toISOString()).toBe('2026-11-22T09:00:00.000Z');
    expect(first!.matches).toEqual([expect.objectContaining({ list: 'watchlist', certainty: 'exact', reason: 'Intelligence report 42' })]);

    const url = `/api/v1/plate-check-hits/${hitId}/outcome`;
    const noReason = await t.app.inject({ method: 'POST', url, headers: json('port-officer'), payload: JSON.stringify({ outcome: 'stopped-in-error' }) });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: 'Say why the vehicle was stopped in error' }]);
    expect((await t.app.inject({ method: 'POST', url, headers: json('plate-reader'), payload: JSON.stringify({ outcome: 'stopped' }) })).statusCode).toBe(403);
    const recorded = await t.app.inject({ method: 'POST', url, headers: json('port-officer'), payload: JSON.stringify({ outcome: 'stopped-in-error', reason: 'Paid the day before' }) });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ outcome: 'stopped-in-error', reason: 'Paid the day before' });
    const again = await t.app.inject({ method: 'POST', url, headers: json('port-officer'), payload: JSON.stringify({ outcome: 'released' }) });
    expect(again.statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plate-check-hits/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/outcome`, headers: json('port-officer'), payload: '{"outcome":"stopped"}' })).statusCode).toBe(404);
  });

  it('shows port officers the recent hits and takes the outcome through a form', async () => {
    expect((await addEntry({ registration: 'HT 20002', reason: 'Suspected smuggling route' })).statusCode).toBe(201);
    await within(1000, () => hits('HT20002', { location: 'Dover eastern docks' }));
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const list = await officer.get('/plate-check-hits');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('HT20002');
    expect(list.body).toContain('Suspected smuggling route');
    const hitId = new RegExp(`href="/plate-check-hits/([0-9a-f-]{36})">Record what happened<span class="govuk-visually-hidden"> to HT20002`).exec(list.body)![1]!;
    const page = await officer.get(`/plate-check-hits/${hitId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dover eastern docks');

    const missing = await officer.post(`/plate-check-hits/${hitId}/outcome`, { outcome: 'stopped-in-error', reason: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Error: Hit on HT20002');
    expect(missing.body).toContain('Say why the vehicle was stopped in error');
    const none = await officer.post(`/plate-check-hits/${hitId}/outcome`, {});
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Choose what happened');

    const done = await officer.post(`/plate-check-hits/${hitId}/outcome`, { outcome: 'paid-at-port', reason: '' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/plate-check-hits?recorded=${hitId}`);
    const after = await officer.get(done.headers.location as string);
    expect(after.body).toContain('Recorded for HT20002: Paid at the port');
    expect((await officer.get('/plate-check-hits?awaiting=1')).body).not.toContain('HT20002');
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get('/plate-check-hits')).statusCode).toBe(403);
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);
describe('across processes', () => {
  it.runIf(onPostgres)('picks up watchlist and casework changes made by another process within a second (PostgreSQL LISTEN/NOTIFY)', async () => {
    const url = t.database.pool!.options.connectionString!;
    const other = openPostgres(url, 2);
    try {
      const signal = listChangeSignal(other);
      const watchlist = watchlistService(other.db, { clock: t.clock, listChanges: signal });
      const actor = { id: 'other-process', name: 'Another server', roles: ['senior-officer'] };
      const added = await watchlist.add({ entries: [{ registration: 'NOTIFY 1', country: 'DE', reason: 'From the other process', expiresAt: inAWeek() }] }, { actor });
      expect(added.ok).toBe(true);
      const tookMs = await within(1000, () => hits('NOTIFY1'));
      expect(tookMs).toBeLessThan(1000);

      // An import too large to name its ids in a notice.
      const bulk = await watchlist.add({ entries: Array.from({ length: 400 }, (_, i) => ({ registration: `NB ${i}`, reason: 'Bulk from the other process', expiresAt: inAWeek() })) }, { actor });
      expect(bulk.ok).toBe(true);
      await within(1000, async () => (await hits('NB0')) && (await hits('NB399')));

      const removed = await watchlist.remove(added.ok ? added.value.entries[0]!.id : '', { actor });
      expect(removed.ok).toBe(true);
      await within(1000, async () => !(await hits('NOTIFY1')));

      // Casework in the other process (its cases service signals the same way).
      const referral = await t.app.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        headers: json('port-officer'),
        payload: JSON.stringify({ port: 'DVR', incidentDate: '2026-09-01', offence: 'S31A', vehicleRegistration: 'PG12 NOT', vehicleCountry: 'GB', driverName: 'David Smith', companyName: 'Elsewhere Ltd' }),
      });
      const reference = referral.json().reference as string;
      await other.db.execute(
        sql`update liabilities set stage = 'payment-due', outstanding_pence = 1000, payment_due = ${addDays(ukDate(t.clock.now()), -3)}, val_block = null where role = 'owner' and case_id = (select id from cases where reference = ${reference})`,
      );
      signal.valChanged();
      await within(1000, () => hits('PG12NOT'));
    } finally {
      await other.close();
    }
  });
  it.skipIf(onPostgres)('picks up changes made by another process — skipped on PGlite: only one process can open it, so the in-process signal is the whole story', () => {});
});
