import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { createApp } from '../app.js';
import type { Actor } from '../platform/events/event-store.js';
import { daysBetween } from '../domain/clock/calendar-date.js';
import { decide } from '../domain/liability/decide.js';
import { policyInForce } from '../domain/policy/policy-in-force.js';
import { clockSql } from '../modules/casework/work/clock-sql.js';
import { listQueue } from '../modules/casework/work/queries.js';
import { OPEN_STAGES } from '../modules/casework/work/queue-filters.js';
import { vehicleActionList } from '../modules/vehicle-action-list/val-query.js';
import { lettersOfCaseById } from '../modules/correspondence/queries.js';
import { DEMO_PLANS } from './demo-casework.js';
import { demoPlateChecker, DemoLoadingProgress, MAX_REFERRAL_AGE_DAYS, seedDemo, type DemoSeedResult } from './demo-data.js';

/*
 * The demo data of `npm start`, seeded in this process for a fixed demo day with every worked-case
 * plan once (the reduced but complete set), then read back the way the work queues, the imposition
 * guard, the Vehicle Action List, the plate-check hits and the postal outbox read it.
 */

const DEMO_DAY = new Date('2026-12-04T10:30:00Z');
const TODAY = '2026-12-04';
let t: TestApp;
let seeded: DemoSeedResult;
const actors = new Map<string, Actor>();
const progress: [number, number][] = [];

beforeAll(async () => {
  t = await createTestApp();
  t.clock.freeze(DEMO_DAY);
  for (const user of await t.services.identity.listUsers()) actors.set(user.username, { id: user.id, name: user.displayName, roles: user.roles });
  seeded = await seedDemo(t.services, {
    cases: 4,
    workedCases: DEMO_PLANS.length,
    now: DEMO_DAY,
    db: t.database.db,
    clock: t.clock,
    checkPlates: demoPlateChecker(t.app, t.services.listChanges),
    onProgress: (done, total) => progress.push([done, total]),
  });
}, 600_000);
afterAll(async () => t?.close());

const manager = () => actors.get('manager')!;

describe('demo data relative to the demo day', () => {
  it('puts demo cases at every stage of the work queues', async () => {
    const empty: string[] = [];
    for (const stage of OPEN_STAGES) {
      const queue = await listQueue(t.database.db, { queue: 'stage', filters: { stage }, viewer: manager(), today: TODAY, clock: clockSql(await t.services.policy.versions()), pageSize: 1 });
      if (queue.total === 0) empty.push(stage);
    }
    expect(empty).toEqual([]);
    expect(seeded.workedCases).toBe(DEMO_PLANS.length);
    // Progress counts every case once, up to the total.
    expect(progress.at(-1)).toEqual([DEMO_PLANS.length + 4, DEMO_PLANS.length + 4]);
  });

  it('has a case the real imposition guard allows on the demo day, and one it refuses (before day 42)', async () => {
    const versions = await t.services.policy.versions();
    const caseworker = actors.get('caseworker-eo')!;
    const assured = await listQueue(t.database.db, { queue: 'stage', filters: { stage: 'assured' }, viewer: manager(), today: TODAY, clock: clockSql(await t.services.policy.versions()) });
    const verdicts: { reference: string; imposable: boolean; reasons: string[] }[] = [];
    for (const row of assured.rows) {
      const file = (await t.services.cases.caseFile(row.reference))!;
      const policy = policyInForce(versions, file.kase.incidentDate);
      if (!policy.ok) throw new Error(policy.reasons.join(' '));
      const decisions = file.liabilities.map((liability) => decide(file.states.get(liability.id)!, { type: 'imposePenalty' }, { actor: caseworker, today: TODAY, policyVersion: policy.policyVersion }));
      verdicts.push({ reference: row.reference, imposable: decisions.every((d) => d.ok), reasons: decisions.flatMap((d) => (d.ok ? [] : d.reasons)) });
    }
    const ready = verdicts.filter((v) => v.imposable);
    expect(ready.length).toBeGreaterThanOrEqual(2);
    expect(verdicts.some((v) => !v.imposable && v.reasons.some((r) => /allows imposition from/.test(r)))).toBe(true);
    // And the command itself imposes it on the demo day.
    const file = (await t.services.cases.caseFile(ready[0]!.reference))!;
    const imposed = await t.services.cases.act({ reference: ready[0]!.reference, liabilityIds: file.liabilities.map((l) => l.id), action: { type: 'imposePenalty' } }, { actor: caseworker, now: DEMO_DAY });
    expect(imposed).toMatchObject({ ok: true });
  });

  it('puts cases near the day-151 cliff (about 10 and 5 days before it) and one past it unsent; referrals stay clear of it', async () => {
    const created = await listQueue(t.database.db, { queue: 'stage', filters: { stage: 'case-created' }, viewer: manager(), today: TODAY, clock: clockSql(await t.services.policy.versions()), pageSize: 500 });
    const ages = created.rows.map((row) => daysBetween(row.incidentDate, TODAY));
    expect(ages).toEqual(expect.arrayContaining([140, 145, 155]));
    expect(ages.filter((age) => age > MAX_REFERRAL_AGE_DAYS && ![140, 145, 155].includes(age))).toEqual([]);
  });

  it('pays through the finance ledger: part paid, paid, and instalments kept', async () => {
    const imports = await t.services.ledger.listImports();
    expect(imports.length).toBeGreaterThan(0);
    const byShows = new Map(seeded.worked.map((c) => [c.shows, c.reference]));
    const partPaid = (await t.services.cases.caseFile(byShows.get('part paid')!))!;
    for (const row of partPaid.liabilities) {
      expect(row.stage).toBe('payment-due');
      expect(row.outstandingPence!).toBeGreaterThan(0);
      expect(row.outstandingPence!).toBeLessThan(row.amountPence!);
      expect(partPaid.states.get(row.id)!.payments.length).toBe(1);
    }
    const paid = (await t.services.cases.caseFile(byShows.get('paid in full')!))!;
    expect(paid.liabilities.map((row) => [row.stage, row.outstandingPence])).toEqual(paid.liabilities.map(() => ['paid', 0]));
    const kept = (await t.services.cases.caseFile(byShows.get('paying by instalments, kept')!))!;
    expect(kept.liabilities.map((row) => row.stage)).toEqual(kept.liabilities.map(() => 'instalments'));
    const missed = (await t.services.cases.caseFile(byShows.get('instalment missed, payment overdue')!))!;
    expect(missed.liabilities.map((row) => row.stage)).toEqual(missed.liabilities.map(() => 'overdue'));
  });

  it('lists the overdue company’s lorries on the Vehicle Action List, seen by a plate reader and stopped', async () => {
    const val = await vehicleActionList(t.database.db, TODAY);
    const overdue = seeded.worked.find((c) => c.shows.startsWith('payment overdue'))!;
    const listed = val.filter((entry) => entry.caseRefs.includes(overdue.reference));
    // The case's own lorry and the company's other registered lorry.
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(seeded.plateCheckHits).toBeGreaterThanOrEqual(2);
    const hits = await t.services.plateCheckHits.recent();
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.some((hit) => hit.outcome === 'stopped')).toBe(true);
  });

  it('posts letters older than a few days through the real command and leaves the newest waiting', async () => {
    let posted = 0;
    const waitingDays: number[] = [];
    for (const { reference } of seeded.worked) {
      const file = (await t.services.cases.caseFile(reference))!;
      for (const letter of (await lettersOfCaseById(t.database.db, file.kase.id)) as { createdAt: Date; postedAt: Date | null }[]) {
        if (letter.postedAt) posted += 1;
        else waitingDays.push((DEMO_DAY.getTime() - letter.createdAt.getTime()) / 86_400_000);
      }
    }
    expect(posted).toBeGreaterThan(10);
    expect(waitingDays.length).toBeGreaterThan(0);
    expect(Math.max(...waitingDays)).toBeLessThan(3);
  });
});

describe('demo data at the border', () => {
  it('records how each worked incident was found and the vehicle selected, and leaves a request for information for the port officer', async () => {
    for (const { reference } of seeded.worked.slice(0, 8)) {
      const file = (await t.services.cases.caseFile(reference))!;
      const incident = (await t.services.borderEvents.incidentForCase(file.kase.id))!;
      const data = incident.data as { detectingMethod?: string; selectionReason?: string };
      expect(data.detectingMethod, reference).toBeTruthy();
      expect(data.selectionReason, reference).toBeTruthy();
    }
    const requests = await t.services.informationRequests.forOfficerOf(actors.get('port-officer')!);
    expect(requests.map((r) => [r.status, r.addressedToId, r.dueDate])).toEqual([['open', actors.get('port-officer')!.id, '2026-12-18']]);
  });
});

describe('the notice while demo data loads', () => {
  it('is shown on the sign-in page while it applies', async () => {
    let notice: string | null = new DemoLoadingProgress().notice();
    const { app } = await createApp(t.database, {
      sessionHours: 8,
      logLevel: 'silent',
      secureCookies: false,
      signInRateLimitPerMinute: 1000,
      cookieSecret: 'test-cookie-secret-test-cookie-secret',
      clock: t.clock,
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-demo-notice-')),
      serviceNotice: () => notice,
    });
    try {
      expect((await app.inject({ method: 'GET', url: '/sign-in' })).body).not.toContain('Loading demo data');
      const loading = new DemoLoadingProgress();
      loading.start();
      loading.update(120, 356);
      notice = loading.notice();
      const page = (await app.inject({ method: 'GET', url: '/sign-in' })).body;
      expect(page).toContain('govuk-notification-banner');
      expect(page).toContain('Loading demo data: 120 of 356 cases');
    } finally {
      await app.close();
    }
  });

  it('counts the cases loaded, then goes away', () => {
    const loading = new DemoLoadingProgress();
    expect(loading.notice()).toBeNull();
    loading.start();
    loading.update(120, 356);
    expect(loading.notice()).toContain('Loading demo data: 120 of 356 cases');
    loading.finish();
    expect(loading.notice()).toBeNull();
  });
});
