import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, signInAs, step, type OpenedCase } from '../../../../test/support/casework.js';
import { rowsOf } from '../../../platform/database/client.js';
import { appendEvents, readStream } from '../../../platform/events/event-store.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { cases, officerNotifications } from '../schema.js';
import { workService } from './service.js';
import { imposedCases } from '../../../../test/support/finance.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { formatDate } from '../../../platform/http/dates.js';

let t: TestApp;
let eo: WebClient;
let ao: WebClient;
let assurer: WebClient;
let manager: WebClient;
let ids: Record<string, string>;
let names: Record<string, string>;
const opened: Record<string, OpenedCase> = {};

const caseRow = async (reference: string) => (await t.database.db.select().from(cases).where(eq(cases.reference, reference)))[0]!;
/**
 * Moves the test clock `days` UK days on from today, at noon UTC: from late evening, whole days of
 * 24 hours would cross midnight in the UK once summer time starts, and the UK date would move a day more.
 */
const advanceFromNoon = (days: number) => {
  t.clock.set(new Date(`${ukDate(t.clock.now())}T12:00:00Z`));
  t.clock.advanceDays(days);
};
const listed = (body: string) => [...body.matchAll(/data-reference="([^"]+)"/g)].map((m) => m[1]);
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, "'").replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await createTestApp();
  for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
    opened[key] = await openCase(t, { tractorRegistration: `WK${key.toUpperCase()} 123`, tractorCountry: 'PL' }, `work-${key}`);
  }
  [eo, ao, assurer, manager] = (await Promise.all(['caseworker-eo', 'caseworker-ao', 'assurer-ho', 'manager'].map((role) => WebClient.signedIn(t.app, role)))) as [WebClient, WebClient, WebClient, WebClient];
  const users = await t.services.identity.listUsers();
  ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  names = Object.fromEntries(users.map((u) => [u.username, u.displayName]));
});
afterAll(async () => t?.close());

describe('claiming work', () => {
  it('lists new cases as available to claim, with stage, last day to impose and age', async () => {
    const page = await eo.get('/work/available');
    expect(page.statusCode).toBe(200);
    expect(listed(page.body)).toEqual(expect.arrayContaining(Object.values(opened).map((o) => o.reference)));
    expect(page.body).toContain('Case created');
    expect(page.body).toContain('179 days left');
    expect(page.body).toContain(`formaction="/cases/${opened.a!.reference}/claim"`);
    expect(listed((await eo.get('/work')).body)).toEqual([]);
  });

  it('moves a claimed case from Available to My work, and the case page says who has it', async () => {
    await eo.get('/work/available');
    const claimed = await eo.post(`/cases/${opened.a!.reference}/claim`, { returnTo: '/work/available' });
    expect(claimed.statusCode, text(claimed.body)).toBe(303);
    expect(claimed.headers.location).toBe('/work/available');
    expect(listed((await eo.get('/work')).body)).toEqual([opened.a!.reference]);
    expect(listed((await eo.get('/work/available')).body)).not.toContain(opened.a!.reference);
    expect((await caseRow(opened.a!.reference)).assignedTo).toBe(ids['caseworker-eo']);

    const own = text((await eo.get(`/cases/${opened.a!.reference}`)).body);
    expect(own).toContain('You have this case');
    expect(own).toContain('Case claimed');
    expect(own).toContain(`${names['caseworker-eo']} took the case from the queue`);
    const other = await ao.get(`/cases/${opened.a!.reference}`);
    expect(text(other.body)).toContain(`${names['caseworker-eo']} has this case`);
    expect(other.body).not.toContain('Claim this case');
  });

  it('refuses to claim a case another officer has, saying who has it', async () => {
    await ao.get(`/cases/${opened.a!.reference}`);
    const refused = await ao.post(`/cases/${opened.a!.reference}/claim`, {});
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain(`${names['caseworker-eo']} already has this case, so you cannot claim it`);
    expect((await caseRow(opened.a!.reference)).assignedTo).toBe(ids['caseworker-eo']);
  });

  it('lets exactly one of two officers claiming the same case at the same moment win', async () => {
    const reference = opened.b!.reference;
    await Promise.all([eo.get('/work/available'), ao.get('/work/available')]);
    const [first, second] = await Promise.all([eo.post(`/cases/${reference}/claim`, {}), ao.post(`/cases/${reference}/claim`, {})]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([303, 409]);
    const winner = first.statusCode === 303 ? 'caseworker-eo' : 'caseworker-ao';
    const loser = winner === 'caseworker-eo' ? second : first;
    expect(text(loser.body)).toContain(`${names[winner]} already has this case`);
    const row = await caseRow(reference);
    expect(row.assignedTo).toBe(ids[winner]);
    const claims = (await readStream(t.database.db, `case-${row.id}`)).filter((e) => e.type === 'CaseClaimed');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.actorId).toBe(ids[winner]);
  });

  it('lets only one of several claims through the service at once succeed', async () => {
    const work = workService(t.database.db, { cases: t.services.cases, identity: t.services.identity });
    const officers = ['assurer-ho', 'senior-officer'].map((u) => ({ id: ids[u]!, name: names[u]!, roles: [u] }));
    const outcomes = await Promise.all(officers.map((actor) => work.claim(opened.f!.reference, actor)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.kind)).toEqual(['refused']);
    const row = await caseRow(opened.f!.reference);
    expect((await readStream(t.database.db, `case-${row.id}`)).filter((e) => e.type === 'CaseClaimed')).toHaveLength(1);
    // Back to the queue for the deadline tests below.
    expect((await work.unassign(opened.f!.reference, { id: ids.manager!, name: names.manager!, roles: ['manager'] })).ok).toBe(true);
  });
});

describe('assigning work', () => {
  it('lets a manager give a case to another officer; the officer who had it is told and can mark it read', async () => {
    const form = await manager.get(`/cases/${opened.a!.reference}/assign`);
    expect(form.statusCode).toBe(200);
    expect(text(form.body)).toContain(`${names['caseworker-eo']} has this case now`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const assigned = await manager.post(`/cases/${opened.a!.reference}/assign`, { officerId: ids['caseworker-ao']!, version });
    expect(assigned.statusCode, errorSummary(assigned.body)).toBe(303);
    expect(listed((await ao.get('/work')).body)).toContain(opened.a!.reference);
    expect(listed((await eo.get('/work')).body)).not.toContain(opened.a!.reference);

    const work = await eo.get('/work');
    expect(text(work.body)).toContain(`${names.manager} gave case ${opened.a!.reference} to ${names['caseworker-ao']}`);
    const id = /action="\/work\/notifications\/([0-9a-f-]{36})\/read"/.exec(work.body)![1]!;
    const read = await eo.post(`/work/notifications/${id}/read`, { returnTo: '/work' });
    expect(read.statusCode).toBe(303);
    expect((await eo.get('/work')).body).not.toContain('/work/notifications/');
    // Nobody else can mark someone's message read.
    expect((await ao.post(`/work/notifications/${id}/read`, {})).statusCode).toBe(404);
    const timeline = text((await manager.get(`/cases/${opened.a!.reference}`)).body);
    expect(timeline).toContain('Case assigned');
    expect(timeline).toContain(`Given to ${names['caseworker-ao']}, who takes over from ${names['caseworker-eo']}`);
  });

  it('returns a case to the queue and tells the officer who had it', async () => {
    await manager.get(`/cases/${opened.a!.reference}`);
    const returned = await manager.post(`/cases/${opened.a!.reference}/unassign`, {});
    expect(returned.statusCode, text(returned.body)).toBe(303);
    expect((await caseRow(opened.a!.reference)).assignedTo).toBeNull();
    expect(listed((await ao.get('/work/available')).body)).toContain(opened.a!.reference);
    const notes = await t.database.db.select().from(officerNotifications).where(eq(officerNotifications.userId, ids['caseworker-ao']!));
    expect(notes.map((n) => n.message)).toEqual([`${names.manager} took case ${opened.a!.reference} off your work list. It is back in the queue to be claimed.`]);
    expect(text((await ao.get('/work')).body)).toContain(`took case ${opened.a!.reference} off your work list`);
    expect(text((await manager.get(`/cases/${opened.a!.reference}`)).body)).toContain('Case returned to the queue');
  });

  it('refuses to assign without an officer, with the error beside the field, and changes nothing', async () => {
    const before = await caseRow(opened.c!.reference);
    await manager.get(`/cases/${opened.c!.reference}/assign`);
    const none = await manager.post(`/cases/${opened.c!.reference}/assign`, { officerId: '' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('id="officerId-error"');
    expect(errorSummary(none.body)).toContain('Choose the officer to give the case to');
    const stranger = await manager.post(`/cases/${opened.c!.reference}/assign`, { officerId: '7d8a4a8e-2f3c-4e5b-9a1c-0b2d3e4f5a6b' });
    expect(stranger.statusCode).toBe(422);
    expect(errorSummary(stranger.body)).toContain('Choose an officer who works cases');
    const notAnOfficer = await manager.post(`/cases/${opened.c!.reference}/assign`, { officerId: ids.analyst! });
    expect(notAnOfficer.statusCode).toBe(422);
    const after = await caseRow(opened.c!.reference);
    expect([after.assignedTo, after.version]).toEqual([before.assignedTo, before.version]);
  });

  it('lets only a manager return a case to the queue, and only a manager or senior officer assign', async () => {
    await eo.get('/work');
    expect((await eo.post(`/cases/${opened.b!.reference}/unassign`, {})).statusCode).toBe(403);
    expect((await eo.post(`/cases/${opened.b!.reference}/assign`, { officerId: ids['caseworker-eo']! })).statusCode).toBe(403);
    expect((await eo.post('/work/assign', { references: [opened.c!.reference], officerId: ids['caseworker-eo']! })).statusCode).toBe(403);
    const so = await WebClient.signedIn(t.app, 'senior-officer');
    await so.get('/work');
    expect((await so.post(`/cases/${opened.b!.reference}/unassign`, {})).statusCode).toBe(403);
  });

  it('assigns the cases ticked on a queue and reports the ones it could not', async () => {
    const queue = await manager.get('/work/available');
    expect(queue.body).toContain('name="references"');
    expect(queue.body).toContain('Assign selected cases');
    const result = await manager.post('/work/assign', {
      references: [opened.c!.reference, opened.d!.reference, 'CEC-1900-000001'],
      officerId: ids['caseworker-eo']!,
      returnTo: '/work/available',
    });
    expect(result.statusCode).toBe(200);
    const shown = text(result.body);
    expect(shown).toContain(`2 of 3 cases given to ${names['caseworker-eo']}`);
    expect(shown).toContain('CEC-1900-000001 : No case has this reference');
    expect((await caseRow(opened.c!.reference)).assignedTo).toBe(ids['caseworker-eo']);
    expect((await caseRow(opened.d!.reference)).assignedTo).toBe(ids['caseworker-eo']);

    const again = await manager.post('/work/assign', { references: [opened.c!.reference], officerId: ids['caseworker-eo']! });
    expect(text(again.body)).toContain(`already has this case`);
    const nothing = await manager.post('/work/assign', { officerId: ids['caseworker-eo']! });
    expect(nothing.statusCode).toBe(422);
    expect(errorSummary(nothing.body)).toContain('Choose at least one case to assign');
  });
});

describe('queues', () => {
  it('filters and searches every queue; a filter value not on the list is an error, not ignored', async () => {
    const search = await manager.get(`/work/cases?q=${opened.c!.reference.toLowerCase()}`);
    expect(listed(search.body)).toEqual([opened.c!.reference]);
    expect(listed((await manager.get('/work/cases?q=WKD%20123')).body)).toEqual([opened.d!.reference]);
    expect(listed((await manager.get('/work/cases?offence=S32')).body)).toEqual([]);
    expect(listed((await manager.get('/work/cases?port=CQF&age=0-28&offence=S31A')).body)).toHaveLength(6);
    expect(listed((await manager.get('/work/cases?age=29-90')).body)).toEqual([]);
    expect(listed((await eo.get(`/work?q=${opened.d!.reference}`)).body)).toEqual([opened.d!.reference]);
    const bad = await manager.get('/work/cases?stage=nonsense&age=old');
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('Choose a stage from the list');
    expect(errorSummary(bad.body)).toContain('Choose an age from the list');
  });

  it('offers a list of stages with counts when no stage is chosen', async () => {
    const page = await manager.get('/work/stage');
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Case created 6');
    expect(listed((await manager.get('/work/stage?stage=case-created')).body)).toHaveLength(6);
  });

  it('never shows an assurer a recommendation they drafted', async () => {
    const dual = await signInAs(t, 'dual-officer', ['caseworker-eo', 'assurer-ho'], 'Dana Dual');
    const e = opened.e!;
    const driver = e.liabilities.find((l) => l.role === 'driver')!;
    await identifyEveryone(dual, e);
    expect((await step(dual, e.reference, 'sendInitialNotice', driver.id)).statusCode).toBe(303);
    expect((await step(dual, e.reference, 'recordResponse', driver.id, dateFields('receivedOn', ukDate(t.clock.now())))).statusCode).toBe(303);
    const drafted = await step(dual, e.reference, 'draftRecommendation', driver.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);

    const own = await dual.get('/work/assurance');
    expect(own.statusCode).toBe(200);
    expect(listed(own.body)).not.toContain(e.reference);
    expect(listed((await assurer.get('/work/assurance')).body)).toEqual([e.reference]);
    expect((await eo.get('/work/assurance')).statusCode).toBe(403);
    expect((await eo.get('/work')).body).not.toContain('href="/work/assurance"');

    // The assurer returns it; the dashboard counts the return and its categories, then the approval.
    const returned = await step(assurer, e.reference, 'returnRecommendation', driver.id, { categories: ['wrong-amount', 'other'], text: 'Check the amount.' });
    expect(returned.statusCode, errorSummary(returned.body)).toBe(303);
    expect(listed((await assurer.get('/work/assurance')).body)).toEqual([]);
    expect((await step(dual, e.reference, 'draftRecommendation', driver.id, { compliedWithRegulations: 'no' })).statusCode).toBe(303);
    expect((await step(assurer, e.reference, 'approveRecommendation', driver.id)).statusCode).toBe(303);
    const dashboard = await manager.get('/dashboard');
    expect(dashboard.body).toMatch(/data-key="approved">1</);
    expect(dashboard.body).toMatch(/data-key="returned">1</);
    expect(dashboard.body).toMatch(/data-key="wrong-amount">1</);
    expect(dashboard.body).toMatch(/data-key="other">1</);
    expect(dashboard.body).toMatch(/data-key="wrong-dates">0</);
  });
});

describe('the dashboard', () => {
  it('is for managers, senior officers and analysts only', async () => {
    expect((await eo.get('/dashboard')).statusCode).toBe(403);
    expect((await (await WebClient.signedIn(t.app, 'analyst')).get('/dashboard')).statusCode).toBe(200);
    expect((await manager.get('/dashboard?period=forever')).statusCode).toBe(400);
  });

  it('counts objections and appeals by outcome from the case events', async () => {
    const stream = `case-${crypto.randomUUID()}`;
    const actor = { id: ids.manager!, name: names.manager!, roles: ['manager'] };
    // Liability events as the case stream stores them: who recorded each, on which day, for which liability.
    const recorded = { by: actor.id, on: '2026-01-01', liabilityId: crypto.randomUUID() };
    await t.database.db.transaction(async (tx) => {
      await appendEvents(tx, {
        streamId: stream,
        streamType: 'case',
        expectedVersion: 0,
        actor,
        occurredAt: t.clock.now(),
        events: [
          { type: 'ObjectionReceived', payload: { ...recorded, receivedOn: '2026-01-01', grounds: 'Seals were checked', late: false, objectionDue: '2026-01-20', previousStage: 'imposed' } },
          { type: 'ObjectionReceived', payload: { ...recorded, receivedOn: '2026-01-02', grounds: 'Seals were checked', late: false, objectionDue: '2026-01-20', previousStage: 'imposed' } },
          { type: 'ObjectionDetermined', payload: { ...recorded, outcome: 'reduce', amountPence: 100000, previousAmountPence: 150000, reasons: 'Partly upheld', steps: null } },
          { type: 'AppealLodged', payload: { ...recorded, lodgedOn: '2026-02-01', inTime: true, appealDue: '2026-02-10', court: null, claimNumber: null } },
          { type: 'AppealDecided', payload: { ...recorded, outcome: 'dismissed', decidedOn: '2026-03-01', amountPence: 100000, costs: null } },
        ],
      });
    });
    const page = await manager.get('/dashboard');
    const shown = text(page.body);
    expect(shown).toContain('Objections: 2 received, 1 determined');
    expect(page.body).toMatch(/data-key="reduce">1</);
    expect(page.body).toMatch(/data-key="cancel">0</);
    expect(shown).toContain('Appeals: 1 lodged, 1 decided');
    expect(page.body).toMatch(/data-key="dismissed">1</);
    // Recorded today, so they count in the last 28 days too.
    expect((await manager.get('/dashboard?period=28')).body).toMatch(/data-key="reduce">1</);
  });
});

describe('deadlines', () => {
  afterAll(() => t.clock.reset());

  it('flags day 151 in the queues, on the dashboard and in the caseworker’s own deadlines, and counts it missed after', async () => {
    // A case the EO has, still without an initial notice.
    const eoCase = async () =>
      (await t.database.db.select().from(cases).where(sql`${cases.assignedTo} = ${ids['caseworker-eo']} and ${cases.stage} = 'case-created'`).orderBy(cases.reference).limit(1))[0];
    if (!(await eoCase())) {
      await eo.get('/work/available');
      expect((await eo.post(`/cases/${opened.e!.reference}/claim`, {})).statusCode).toBe(303);
    }
    const a = (await eoCase())!.reference;
    advanceFromNoon(140);
    try {
      // Ten days before day 151: orange in the queue, listed under "day 151 within two weeks", and on the EO's own work page.
      let page = await eo.get('/work/deadline?within=notice-two-weeks');
      expect(page.statusCode).toBe(200);
      expect(listed(page.body)).toContain(a);
      expect(page.body).toMatch(/govuk-tag--orange cordon-day-151">Day 151 in 10 days/);
      expect(listed((await eo.get('/work/deadline?within=notice-one-week')).body)).not.toContain(a);
      const mine = await eo.get('/work');
      expect(text(mine.body)).toContain('Your deadlines');
      expect(text(mine.body)).toMatch(new RegExp(`${a} , [^:]+: Last day to send the initial notice \\(day 151\\) \\d+ \\w+ \\d{4} 10 days left`));
      // Another caseworker has none of these cases: their panel says so.
      expect(text((await ao.get('/work')).body)).not.toContain(`${a} , `);
      let dashboard = await manager.get('/dashboard');
      const noticeCount = (id: string) => Number(new RegExp(`id="${id}" href="[^"]+">(\\d+)`).exec(dashboard.body)?.[1]);
      expect(noticeCount('notice-two-weeks')).toBeGreaterThanOrEqual(1);
      expect(noticeCount('notice-missed')).toBe(0);
      const missedBefore = Number(/data-total="(\d+)"/.exec(dashboard.body.slice(dashboard.body.indexOf('id="missed"')))?.[1]);

      // Day 152: missed. The queue says to propose write-off, the dashboard counts it missed, the case page offers write-off next.
      t.clock.advanceDays(11);
      page = await eo.get('/work/deadline?within=notice-missed');
      expect(listed(page.body)).toContain(a);
      expect(page.body).toContain('Day 151 missed: propose write-off');
      dashboard = await manager.get('/dashboard');
      expect(noticeCount('notice-missed')).toBeGreaterThanOrEqual(1);
      const missedSection = dashboard.body.slice(dashboard.body.indexOf('id="missed"'));
      expect(Number(/data-total="(\d+)"/.exec(missedSection)?.[1])).toBeGreaterThan(missedBefore);
      expect(text(missedSection)).toContain(`${a} S31A`);
      expect(text(missedSection)).toMatch(/Initial notice not sent by day 151 \(\d+ \w+ \d{4}\): propose write-off/);
      expect(text((await eo.get(`/cases/${a}`)).body)).toContain('Next step: Propose write-off (deadline missed)');
    } finally {
      t.clock.reset();
    }
  });

  it('flags cases two weeks and one week before the last day to impose, then lists the missed ones with reasons', async () => {
    const f = opened.f!.reference;
    advanceFromNoon(170);
    let page = await eo.get('/work/deadline?within=two-weeks');
    expect(listed(page.body)).toContain(f);
    expect(page.body).toMatch(/govuk-tag--orange">9 days left/);
    expect(listed((await eo.get('/work/deadline?within=one-week')).body)).not.toContain(f);
    expect(text((await manager.get('/dashboard')).body)).toMatch(/\b6 within two weeks/);

    t.clock.advanceDays(5);
    page = await eo.get('/work/deadline?within=one-week');
    expect(listed(page.body)).toContain(f);
    expect(page.body).toMatch(/govuk-tag--red">4 days left/);

    t.clock.advanceDays(8);
    page = await eo.get('/work/deadline?within=overdue');
    expect(listed(page.body)).toContain(f);
    expect(page.body).toContain('Passed 4 days ago');

    // One case proposed for write-off because the deadline was missed: its reason is the proposal's.
    const both = opened.f!.liabilities.map((l) => l.id);
    const proposed = await step(eo, f, 'proposeWriteOff', both, { reason: 'deadline-missed', explanation: 'The notice went to the wrong depot.' });
    expect(proposed.statusCode, errorSummary(proposed.body)).toBe(303);
    expect((await caseRow(f)).stage).toBe('write-off-proposed');
    const dashboard = text((await manager.get('/dashboard')).body);
    expect(dashboard).toContain(`${f} S31A`);
    expect(dashboard).toContain('Deadline missed: The notice went to the wrong depot.');
    // Never sent the initial notice: the reason is day 151, the deadline missed first.
    expect(dashboard).toMatch(new RegExp(`${opened.a!.reference} S31A .*? Case created Initial notice not sent by day 151 \\(\\d+ \\w+ \\d{4}\\): propose write-off`));
    const [missed] = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from cases where last_day_to_impose < ${ukDate(t.clock.now())}`));
    expect(dashboard).toContain(`${missed!.n} cases: not imposed when the last day passed`);
  });
});

describe('objection decisions', () => {
  it('flags an objection waiting for a decision at two weeks before its 70 days end, then as overdue', async () => {
    t.clock.reset();
    try {
      const [kase] = await imposedCases(t, ['Objecting Haulage Sp. z o.o.'], { key: 'work-objection' });
      const reference = kase!.reference;
      const received = ukDate(t.clock.now());
      await eo.get(`/cases/${reference}`);
      const objected = await step(eo, reference, 'recordObjection', kase!.owner.id, { ...dateFields('receivedOn', received), grounds: 'The seals were checked' });
      expect(objected.statusCode, errorSummary(objected.body)).toBe(303);
      const determinationDue = addDays(received, 70);

      advanceFromNoon(60); // ten days before the decision is due
      let page = await eo.get('/work/deadline?within=objection-two-weeks');
      expect(listed(page.body)).toContain(reference);
      expect(text(page.body)).toContain(`Objection to be decided by ${formatDate(determinationDue)} 10 days left`);
      expect(listed((await eo.get('/work/deadline?within=objection-missed')).body)).not.toContain(reference);
      expect((await manager.get('/dashboard')).body).toMatch(/id="objection-two-weeks" href="[^"]+">[1-9]\d* due within two weeks/);

      t.clock.advanceDays(11); // the 70 days have passed
      page = await eo.get('/work/deadline?within=objection-missed');
      expect(listed(page.body)).toContain(reference);
      expect(text(page.body)).toContain('Objection decision overdue');
      expect((await manager.get('/dashboard')).body).toMatch(/id="objection-missed" href="[^"]+">[1-9]\d* overdue/);

      // Determined by one officer, it waits in the assurance queue of every other Higher Officer, never its author's.
      const dual = await signInAs(t, 'dual-objection', ['caseworker-eo', 'assurer-ho'], 'Olga Objection');
      const determined = await step(dual, reference, 'determineObjection', kase!.owner.id, { outcome: 'maintain', reasons: 'No evidence of the checks.' });
      expect(determined.statusCode, errorSummary(determined.body)).toBe(303);
      expect(listed((await assurer.get('/work/assurance')).body)).toContain(reference);
      expect(listed((await dual.get('/work/assurance')).body)).not.toContain(reference);
      expect((await step(assurer, reference, 'assureObjectionDetermination', kase!.owner.id, { approve: 'yes' })).statusCode).toBe(303);
      expect(listed((await assurer.get('/work/assurance')).body)).not.toContain(reference);
    } finally {
      t.clock.reset();
    }
  });
});
