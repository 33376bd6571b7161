import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { formatLongDate } from '../../domain/clock/calendar-date.js';
import type { Actor } from '../../platform/events/event-store.js';
import { retentionReport } from './retention.js';

const DAY = 86_400_000;
let t: TestApp;
let finance: Actor;

const report = async () => {
  const outcome = await retentionReport(t.database.db, { policy: t.services.policy, readLog: t.services.personalDataReads, now: t.clock.now() });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome;
};

async function recordSearch(searchedAt: Date, result: string, registration: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/searches',
    headers: { 'content-type': 'application/json', 'idempotency-key': `search-${registration.replace(' ', '-')}`, ...bearer('port-officer') },
    payload: { searchedAt: searchedAt.toISOString(), port: 'CQF', vehicleKind: 'hgv', tractorRegistration: registration, tractorCountry: 'PL', selectionReason: 'random', methods: ['visual'], searchedBy: 'border-force', result, ...(result === 'nothing-found' ? {} : { detectingMethod: 'visual' }) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().searchId;
}

/** Pays every liability of the case in full and closes it, by the casework clock. */
async function payAndClose(kase: ImposedCase) {
  for (const liability of kase.liabilities) {
    const owed = (await t.services.cases.getCase(kase.reference))!.liabilities.find((l) => l.id === liability.id)!.outstandingPence!;
    const paid = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [liability.id], action: { type: 'recordPayment', amountPence: owed, receivedOn: ukDate(t.clock.now()), method: 'bank-transfer', reference: `INV-${liability.id}`, paidBy: 'recipient' } },
      { actor: finance },
    );
    expect(paid.ok, paid.ok ? '' : paid.message).toBe(true);
    const closed = await t.services.cases.act({ reference: kase.reference, liabilityIds: [liability.id], action: { type: 'closeCase' } }, { actor: finance });
    expect(closed.ok, closed.ok ? '' : closed.message).toBe(true);
  }
  expect((await t.services.cases.getCase(kase.reference))!.stage).toBe('closed');
}

beforeAll(async () => {
  t = await createTestApp();
  const user = (await t.services.identity.listUsers()).find((u) => u.username === 'finance-officer')!;
  finance = { id: user.id, name: user.displayName, roles: user.roles };
});
afterAll(async () => t?.close());

describe('the retention report', () => {
  it('lists a search where nothing was found once it is past its 2 years, not one within them nor one that found something', async () => {
    const now = Date.now();
    const old = await recordSearch(new Date(now - 300 * DAY), 'nothing-found', 'RET 0001');
    const recent = await recordSearch(new Date(now - 10 * DAY), 'nothing-found', 'RET 0002');
    const found = await recordSearch(new Date(now - 300 * DAY), 'clandestine-entrants', 'RET 0003');
    // Two years less 100 days on: the cutoff falls between the old searches and the recent one.
    t.clock.set(new Date(now + (730 - 100) * DAY));
    const listed = (await report()).searchesWithNothingFound;
    expect(listed.years).toBe(2);
    const ids = listed.oldest.map((s) => s.id);
    expect(ids).toContain(old);
    expect(ids).not.toContain(recent);
    expect(ids).not.toContain(found);
    expect(listed.count).toBe(1);
    t.clock.reset();
    expect((await report()).searchesWithNothingFound.count).toBe(0);
  });

  it('lists a case closed more than 6 years ago, not one closed since, and shows them to an administrator', async () => {
    const [early, later] = (await imposedCases(t, ['Early Closure Haulage Ltd', 'Later Closure Haulage Ltd'], { key: 'retention' })) as [ImposedCase, ImposedCase];
    await payAndClose(early);
    const closedEarly = t.clock.now();
    t.clock.advanceDays(3 * 365);
    await payAndClose(later);

    t.clock.set(new Date(closedEarly.getTime() + (6 * 365 + 3) * DAY));
    const listed = (await report()).closedCases;
    expect(listed.oldest.map((c) => c.reference)).toEqual([early.reference]);
    expect(listed.oldest[0]).toMatchObject({ stage: 'closed', closedOn: ukDate(closedEarly) });

    const admin = await WebClient.signedIn(t.app, 'administrator');
    const page = await admin.get('/admin/retention');
    expect(page.statusCode).toBe(200);
    const closedSection = page.body.slice(page.body.indexOf('id="closed-cases"'), page.body.indexOf('id="searches"'));
    expect(closedSection).toContain(`href="/cases/${early.reference}"`);
    expect(closedSection).not.toContain(later.reference);
    expect(page.body).toContain(formatLongDate(ukDate(closedEarly)));
    expect(page.body).toContain('kept 6 years after closing');
    expect(page.body).toContain('nothing is deleted');

    // A day before its sixth anniversary, the early case is still within its period.
    t.clock.set(new Date(closedEarly.getTime() + (6 * 365 - 2) * DAY));
    expect((await report()).closedCases.count).toBe(0);
    t.clock.reset();
  }, 240_000);

  it('lists reads of personal records logged more than 2 years ago, and follows a new policy version’s schedule', async () => {
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/parties',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'retention-party', ...bearer('caseworker-eo') },
      payload: { kind: 'person', name: 'Retention Subject', country: 'PL' },
    });
    const partyId = registered.json().partyId as string;
    const start = Date.now();
    t.clock.set(new Date(start));
    await caseworker.get(`/parties/${partyId}`);
    t.clock.set(new Date(start + 365 * DAY));
    await caseworker.get(`/parties/${partyId}`);
    t.clock.set(new Date(start + (2 * 365 + 3) * DAY));
    const reads = (await report()).personalDataReads;
    // Only the first read (made at `start`, by the clock that runs on from there) is past.
    const past = reads.oldest.filter((r) => r.recordId === partyId);
    expect(past).toHaveLength(1);
    expect(past[0]!.readAt.getTime() - start).toBeLessThan(60_000);

    // An administrator shortens the read log to 1 year: both reads are past it from the version's date.
    const versions = await t.services.policy.versions();
    const latest = versions.at(-1)!;
    const published = await t.services.policy.publish(
      { version: '2026.9', effectiveFrom: ukDate(new Date(start)), reason: 'Read log kept one year (test)', parameters: { ...latest.parameters, retention: { ...latest.parameters.retention, personalDataReadYears: 1 } } },
      { actor: { id: 'admin-test', name: 'Administrator', roles: ['administrator'] } },
    );
    expect(published.ok, published.ok ? '' : published.message).toBe(true);
    const shorter = await report();
    expect(shorter.policyVersion).toBe('2026.9');
    expect(shorter.personalDataReads.years).toBe(1);
    expect(shorter.personalDataReads.oldest.filter((r) => r.recordId === partyId)).toHaveLength(2);
    t.clock.reset();
  });
});
