import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { openCase, type OpenedCase } from '../../../../test/support/casework.js';
import { imposedCases, type ImposedCase } from '../../../../test/support/finance.js';
import { rowsOf } from '../../../platform/database/client.js';
import { executeCommand } from '../../../platform/events/command.js';
import { appendEvents, streamVersion, type Actor } from '../../../platform/events/event-store.js';
import { project } from '../../../platform/projections/projector.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { LIABILITY_EVENT } from '../../../domain/liability/liability-events.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { casesProjector } from '../../casework/projector.js';
import { mergeParties, registerParty, rejectMatch } from '../../parties/commands.js';
import { QUALITY_CHECKS, qualityCheck } from './checks.js';
import { dataQualityMeasurer, recordDataQualityMeasurement } from './measure.js';
import { PAGE_SIZE, qualityFindings } from './report.js';
import type { QualitySummary } from './outputs.js';
import { dataQualityOutput } from '../../../cli/report-data-quality.js';

/*
 * The data-quality checks over records with known defects. Where the commands let a defect in (two
 * cases for one vehicle and day, two register entries with one name) the records are made through
 * them; where the commands refuse impossible data (an incident date in the future, a notice before
 * the incident, a case with no responsible person...), the defect can only arrive with carried-over
 * data, so it is put in the way such data arrives: a `CaseCarriedOver` event projected by the cases
 * projector (the upgrade's path, casework/carry-over.ts), or old liability events appended to the
 * log. Every check must find exactly the defective records, and none of the good ones made through
 * the real commands.
 */

let t: TestApp;
let analyst: WebClient;
let today: string;
const UPGRADE: Actor = { id: 'system', name: 'Cordon (upgrade)', roles: ['administrator'] };
const caseworker: Actor = { id: 'cw-1', name: 'Casey Worker', roles: ['caseworker-eo'] };
/** What each check should find: its records (case, liability or party ids). */
const expected = new Map<string, Set<string>>(QUALITY_CHECKS.map((c) => [c.name, new Set<string>()]));
const expect_ = (check: string, ...records: string[]) => records.forEach((r) => expected.get(check)!.add(r));
let good: ImposedCase;
let carried = 0;

const post = (url: string, role: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role) }, payload: JSON.stringify(payload) });

/** A case as the upgrade carries one over: its rows on a `CaseCarriedOver` event, projected. Returns the case id and its liabilities' ids. */
async function carryOver(kase: Record<string, unknown>, liabilities: Record<string, unknown>[] = [{}]): Promise<{ caseId: string; reference: string; liabilityIds: string[] }> {
  carried += 1;
  const caseId = randomUUID();
  const reference = `CEC-2019-${String(carried).padStart(6, '0')}`;
  const row = {
    id: caseId, reference, offence: 'S31A', incidentDate: '2019-03-01', portCode: 'DVR', clandestineEntrants: null,
    vehicleRegistration: `OLD ${carried}`, vehicleRegistrationKey: `OLD${carried}`, vehicleCountry: 'GB', driverName: 'Alan Driver', companyName: 'Old Road Haulage Ltd',
    stage: 'case-created', referredBy: 'legacy', incidentId: null, createdAt: '2019-03-02T10:00:00.000Z', selfDeclared: false,
    assignedTo: null, assignedAt: null, stageSince: null, lastDayToImpose: null, ...kase,
  };
  // Opened the day after its incident, unless the defect is when it was opened.
  if (kase.createdAt === undefined) row.createdAt = `${addDays(String(row.incidentDate), 1)}T10:00:00.000Z`;
  const rows = liabilities.map((l) => ({
    id: randomUUID(), caseId, role: 'driver', offence: row.offence === 'S31A+S32' ? 'S32' : row.offence, partyName: 'Alan Driver', partyId: null, stage: 'case-created', personIndex: null,
    addressLines: ['1 High Street', 'Dover', 'CT16 1AA'], email: null, language: 'en', stageSince: null, draftedBy: null, amountPence: null, imposedOn: null, paymentDue: null, outstandingPence: null, valBlock: null, ...l,
  }));
  const event = { type: CASE_EVENT.CaseCarriedOver, payload: { case: row, liabilities: rows, links: [], notifications: [], letters: [] } };
  const streamId = `case-${caseId}`;
  const now = t.clock.now();
  await t.database.db.transaction(async (tx) => {
    const version = await appendEvents(tx, { streamId, streamType: 'case', expectedVersion: 0, events: [event], actor: UPGRADE, occurredAt: now });
    await project(tx, [casesProjector], [{ streamId, streamType: 'case', version, type: event.type, payload: event.payload as unknown as Record<string, unknown>, actorId: UPGRADE.id, actorName: UPGRADE.name, occurredAt: now }]);
  });
  return { caseId, reference, liabilityIds: rows.map((r) => r.id as string) };
}

/** Liability events as older code recorded them, appended to a carried-over case's log (readers of the log see them as any other). */
async function oldLiabilityEvents(caseId: string, liabilityId: string, events: { type: string; payload: Record<string, unknown> }[]) {
  const streamId = `case-${caseId}`;
  await t.database.db.transaction(async (tx) => {
    const expectedVersion = await streamVersion(tx, streamId);
    await appendEvents(tx, {
      streamId,
      streamType: 'case',
      expectedVersion,
      events: events.map((e) => ({ type: e.type, payload: { ...e.payload, liabilityId, by: 'legacy-officer', on: (e.payload.on as string | undefined) ?? '2019-06-01' } })) as never,
      actor: UPGRADE,
      occurredAt: t.clock.now(),
    });
  });
}

async function party(input: Record<string, unknown>): Promise<string> {
  const outcome = await executeCommand(t.database.db, registerParty, input, { actor: caseworker, now: t.clock.now() });
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return (outcome as { value: { partyId: string } }).value.partyId;
}

async function findingsOf(name: string) {
  return (await qualityFindings(t.database.db, qualityCheck(name)!, today, 'all')).findings;
}

beforeAll(async () => {
  t = await createTestApp();
  // Good records through the real commands: a case with its penalties imposed (notice, address,
  // amount, due date), an S32 case with its entrants, an S31A case.
  good = (await imposedCases(t, ['Alpha Haulage Sp. z o.o.'], { key: 'quality' }))[0]!;
  today = ukDate(t.clock.now());
  // The border takes incident dates up to its own today (the wall clock), which the casework clock has passed.
  const borderToday = ukDate(new Date());
  const s32 = await openCase(t, { incidentDate: addDays(borderToday, -3), offences: ['S32'], clandestineEntrants: 2, tractorRegistration: 'GD 11111' });
  const s31a = await openCase(t, { incidentDate: addDays(borderToday, -4), offences: ['S31A'], tractorRegistration: 'GD 22222' });

  // Duplicates the commands let in: the same vehicle on the same day sent twice by the border.
  const twiceA = await openCase(t, { incidentDate: addDays(borderToday, -5), tractorRegistration: 'DUP 5050' });
  const twiceB = await openCase(t, { incidentDate: addDays(borderToday, -5), tractorRegistration: 'DUP-5050' });
  // ...and a pair a caseworker has linked (the S31A and the S32 case of one incident), which is not a suspected duplicate.
  const linkedA = await openCase(t, { incidentDate: addDays(borderToday, -6), tractorRegistration: 'LNK 7070' });
  const linkedB = await openCase(t, { incidentDate: addDays(borderToday, -6), tractorRegistration: 'LNK 7070', offences: ['S32'], clandestineEntrants: 1 });
  const { version } = (await t.app.inject({ url: `/api/v1/cases/${linkedA.reference}`, headers: bearer('caseworker-eo') })).json() as { version: number };
  const linked = await post(`/api/v1/cases/${linkedA.reference}/actions/linkCase`, 'caseworker-eo', { expectedVersion: version, linkedReference: linkedB.reference, reason: 'same-incident' });
  expect(linked.statusCode, linked.body).toBe(200);
  const caseIds = new Map<string, string>(
    rowsOf<{ id: string; reference: string }>(await t.database.db.execute(sql`select id, reference from cases`)).map((r) => [r.reference, r.id]),
  );
  const idOf = (c: OpenedCase) => caseIds.get(c.reference)!;
  expect_('duplicate-case', idOf(twiceA), idOf(twiceB));
  void s32;
  void s31a;

  // Register entries: two with one name once normalised (a finding each); a third merged into the
  // first (the same identity: no finding between them); two a caseworker has decided are different;
  // two people of one name born on different days; a name beginning with "=" (for the CSV).
  const warta = await party({ kind: 'organisation', name: 'Warta Haulage Sp. z o.o.', country: 'PL' });
  const wartaAgain = await party({ kind: 'organisation', name: 'WARTA  HAULAGE', country: 'PL' });
  const wartaMerged = await party({ kind: 'organisation', name: 'Warta Haulage', country: 'PL' });
  const merged = await executeCommand(t.database.db, mergeParties, { survivorId: warta, mergedId: wartaMerged, reason: 'Same operator licence' }, { actor: caseworker, now: t.clock.now() });
  expect(merged.ok, JSON.stringify(merged)).toBe(true);
  const nowakA = await party({ kind: 'organisation', name: 'Nowak Transport', country: 'PL' });
  const nowakB = await party({ kind: 'organisation', name: 'Nowak Transport', country: 'CZ' });
  const rejected = await executeCommand(t.database.db, rejectMatch, { partyId: nowakA, otherId: nowakB, reason: 'Different companies, different countries' }, { actor: caseworker, now: t.clock.now() });
  expect(rejected.ok, JSON.stringify(rejected)).toBe(true);
  await party({ kind: 'person', name: 'Jan Kowalski', dateOfBirth: '1970-01-01' });
  await party({ kind: 'person', name: 'Jan Kowalski', dateOfBirth: '1980-05-05' });
  const formulaA = await party({ kind: 'organisation', name: '=HYPERLINK("http://evil.example","x")' });
  const formulaB = await party({ kind: 'organisation', name: '=HYPERLINK("http://evil.example","x")' });
  expect_('duplicate-party', warta, wartaAgain, formulaA, formulaB);

  // Carried-over cases, each with one defect the commands refuse (the others are as they should be).
  const future = await carryOver({ incidentDate: addDays(today, 3), createdAt: new Date(`${addDays(today, 4)}T09:00:00Z`).toISOString() });
  expect_('incident-in-future', future.caseId);
  const openedEarly = await carryOver({ incidentDate: '2019-05-10', createdAt: '2019-05-01T09:00:00.000Z' });
  expect_('case-opened-before-incident', openedEarly.caseId);
  const noticeEarly = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-02-20', paymentDue: '2019-04-21', amountPence: 150_000, outstandingPence: 150_000 }]);
  expect_('notice-before-incident', noticeEarly.liabilityIds[0]!);
  const dueEarly = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-04-01', amountPence: 150_000, outstandingPence: 150_000 }]);
  expect_('payment-due-before-notice', dueEarly.liabilityIds[0]!);
  const noLiability = await carryOver({}, []);
  expect_('case-without-liability', noLiability.caseId);
  const noAddress = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: 150_000, outstandingPence: 150_000, addressLines: null }, { role: 'owner', addressLines: null }]);
  // Only the person a notice went to: the owner, with no notice yet, is not listed.
  expect_('notice-without-address', noAddress.liabilityIds[0]!);
  const noRegistration = await carryOver({ vehicleRegistration: ' ', vehicleRegistrationKey: '' });
  expect_('case-without-registration', noRegistration.caseId);
  const noEntrants = await carryOver({ offence: 'S32', clandestineEntrants: 0 });
  const bothNoEntrants = await carryOver({ offence: 'S31A+S32', clandestineEntrants: null });
  await carryOver({ offence: 'S32', clandestineEntrants: 3 });
  expect_('s32-without-entrants', noEntrants.caseId, bothNoEntrants.caseId);
  const noAmount = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: null }]);
  expect_('imposed-without-amount', noAmount.liabilityIds[0]!);
  // Cases out of step with the border: one naming an incident that does not exist; one opened from
  // a real incident whose recorded date, port and entrants differ from the case's.
  const orphan = await carryOver({ incidentId: randomUUID() });
  expect_('case-incident-missing', orphan.caseId);
  const atBorder = await openCase(t, { incidentDate: addDays(borderToday, -8), offences: ['S31A'], port: 'DVR', tractorRegistration: 'BRD 1234' });
  const differs = await carryOver({ incidentId: atBorder.incidentId, incidentDate: addDays(borderToday, -9), portCode: 'CQF', offence: 'S32', clandestineEntrants: 4, vehicleRegistration: 'BRD 9999', vehicleRegistrationKey: 'BRD9999' });
  expect_('case-differs-from-incident', differs.caseId);
  // ...and one carried over as the border recorded it: not out of step.
  await carryOver({ incidentId: atBorder.incidentId, incidentDate: addDays(borderToday, -8), portCode: 'DVR', offence: 'S31A', vehicleRegistration: 'BRD 8888', vehicleRegistrationKey: 'BRD8888' });

  // Old liability events: a payment received before its penalty notice; an objection decided before
  // it was received. A payment after the notice, and an objection decided after receipt, are fine.
  const paidEarly = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: 150_000, outstandingPence: 0 }, { role: 'owner', stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: 150_000, outstandingPence: 0 }]);
  const imposed = (noticeDate: string) => ({ type: LIABILITY_EVENT.PenaltyImposed, payload: { noticeDate, amountPence: 150_000, aggregateSplitApprovedBy: null } });
  const paid = (receivedOn: string) => ({ type: LIABILITY_EVENT.PaymentReceived, payload: { amountPence: 150_000, receivedOn, method: 'bank-transfer', reference: 'OLD-1', paidBy: 'recipient' } });
  await oldLiabilityEvents(paidEarly.caseId, paidEarly.liabilityIds[0]!, [imposed('2019-04-20'), paid('2019-04-10')]);
  await oldLiabilityEvents(paidEarly.caseId, paidEarly.liabilityIds[1]!, [imposed('2019-04-20'), paid('2019-05-10')]);
  expect_('payment-before-notice', paidEarly.liabilityIds[0]!);
  const objected = await carryOver({}, [{ stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: 150_000 }, { role: 'owner', stage: 'imposed', imposedOn: '2019-04-20', paymentDue: '2019-06-19', amountPence: 150_000 }]);
  const received = (receivedOn: string) => ({ type: LIABILITY_EVENT.ObjectionReceived, payload: { receivedOn, grounds: 'Not my lorry', late: false, objectionDue: '2019-05-18', previousStage: 'imposed' } });
  const determined = (on: string) => ({ type: LIABILITY_EVENT.ObjectionDetermined, payload: { on, outcome: 'maintain', amountPence: 150_000, previousAmountPence: 150_000, reasons: 'Evidence stands', steps: null } });
  await oldLiabilityEvents(objected.caseId, objected.liabilityIds[0]!, [received('2019-05-10'), determined('2019-05-01')]);
  await oldLiabilityEvents(objected.caseId, objected.liabilityIds[1]!, [received('2019-05-10'), determined('2019-06-01')]);
  expect_('objection-decided-before-received', objected.liabilityIds[0]!);

  analyst = await WebClient.signedIn(t.app, 'analyst');
}, 600_000);
afterAll(async () => t?.close());

describe('each data-quality check', () => {
  for (const check of QUALITY_CHECKS) {
    it(`${check.name}: finds exactly the defective records, none of the good ones`, async () => {
      const found = (await findingsOf(check.name)).map((f) => f.record).sort();
      expect(found).toEqual([...expected.get(check.name)!].sort());
    });
  }

  it('has a record to find for every check (none passes by finding nothing)', () => {
    expect([...expected].filter(([, records]) => records.size === 0).map(([name]) => name)).toEqual([]);
  });

  it('finds nothing on the cases made through the real commands but the duplicates they let in', async () => {
    const goodId = rowsOf<{ id: string }>(await t.database.db.execute(sql`select id from cases where reference = ${good.reference}`))[0]!.id;
    for (const check of QUALITY_CHECKS) expect((await findingsOf(check.name)).filter((f) => f.case_id === goodId), check.name).toEqual([]);
  });
});

describe('the data-quality page', () => {
  it('shows each check with its count, each count a link to the records it found', async () => {
    const page = await analyst.get('/reports/data-quality');
    expect(page.statusCode).toBe(200);
    for (const check of QUALITY_CHECKS) {
      const n = expected.get(check.name)!.size;
      expect(page.body, check.name).toContain(`href="/reports/data-quality/${check.name}" data-count="${n}"`);
    }
    expect(page.body).toContain('Dates out of order');
    expect(page.body).toContain('id="no-measurements"');
  });

  it('lists a check’s findings with a link to the page where each is put right, and the reason in plain words', async () => {
    const page = await analyst.get('/reports/data-quality/case-differs-from-incident');
    expect(page.statusCode).toBe(200);
    const [finding] = await findingsOf('case-differs-from-incident');
    expect(page.body).toContain(`href="/cases/${finding!.case_reference}"`);
    expect(page.body).toContain(`href="/incidents/${finding!.incident_id}"`);
    expect(page.body).toMatch(/incident date: \d{1,2} \w+ \d{4} on the case, \d{1,2} \w+ \d{4} at the border; port: CQF on the case, DVR at the border; offence: S32 on the case, S31A at the border; clandestine entrants: 4 on the case, 0 at the border/);
    const parties = await analyst.get('/reports/data-quality/duplicate-party');
    for (const id of expected.get('duplicate-party')!) expect(parties.body).toContain(`href="/parties/${id}"`);
    expect(parties.body).toContain('data-total="4"');
  });

  it('exports a check’s findings as CSV with every formula made text', async () => {
    const response = await analyst.get('/reports/data-quality/duplicate-party?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = parse(response.body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    const subjects = rows.slice(2).map((r) => r[0]);
    expect(subjects).toContain(`'=HYPERLINK("http://evil.example","x")`);
    expect(subjects.some((s) => s?.startsWith('='))).toBe(false);
    expect(rows.slice(2)).toHaveLength(4);
    expect(rows.slice(2).every((r) => /^\/parties\/[0-9a-f-]{36}$/.test(r[2]!))).toBe(true);
  });

  it('pages the findings', async () => {
    const check = qualityCheck('duplicate-party')!;
    const first = await qualityFindings(t.database.db, check, today, { number: 1, size: 3 });
    const second = await qualityFindings(t.database.db, check, today, { number: 2, size: 3 });
    const beyond = await qualityFindings(t.database.db, check, today, { number: 5, size: 3 });
    expect([first.total, second.total, beyond.total]).toEqual([4, 4, 4]);
    expect([first.findings.length, second.findings.length, beyond.findings.length]).toEqual([3, 1, 0]);
    expect(new Set([...first.findings, ...second.findings].map((f) => f.record)).size).toBe(4);
    expect(PAGE_SIZE).toBeGreaterThan(4);
  });

  it('answers bad parameters with a page error (400) and changes nothing', async () => {
    const before = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from events`))[0]!.n;
    for (const url of [
      '/reports/data-quality/duplicate-party?page=0',
      '/reports/data-quality/duplicate-party?page=abc',
      '/reports/data-quality/duplicate-party?page=1&page=2',
      '/reports/data-quality/duplicate-party?page=99999999999999999999',
      '/reports/data-quality/duplicate-party?page=2',
      '/reports/data-quality/duplicate-party?format=xlsx',
      '/reports/data-quality/duplicate-party?page=%00',
      '/reports/data-quality?format=pdf',
      '/reports/data-quality?format=csv&format=json',
    ]) {
      const response = await analyst.get(url);
      expect(response.statusCode, url).toBe(400);
      // The report's own errors in the error summary; a repeated parameter or a NUL byte is refused by the platform's page first.
      expect(response.body, url).toMatch(url.includes('&') || url.includes('%00') ? /There is a problem with what was sent/ : /govuk-error-summary/);
    }
    expect((await analyst.get('/reports/data-quality/no-such-check')).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/reports/data-quality?year=2026', headers: bearer('analyst') })).statusCode).toBe(400);
    expect(rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from events`))[0]!.n).toBe(before);
  });

  it('is for managers, analysts and caseworkers, not the border or finance', async () => {
    for (const role of ['manager', 'caseworker-eo']) expect((await (await WebClient.signedIn(t.app, role)).get('/reports/data-quality')).statusCode, role).toBe(200);
    for (const role of ['port-officer', 'finance-officer']) expect((await (await WebClient.signedIn(t.app, role)).get('/reports/data-quality')).statusCode, role).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/reports/data-quality', headers: bearer('port-officer') })).statusCode).toBe(403);
  });
});

describe('counts over time', () => {
  const measuredDays = async () =>
    rowsOf<{ stream_id: string; on: string; counts: Record<string, number> }>(
      await t.database.db.execute(sql`select stream_id, payload ->> 'on' as on, payload -> 'counts' as counts from events where stream_type = 'data-quality' order by seq`),
    );

  it('records every check’s count once a day, however often the job runs', async () => {
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    // A second run the same day (another process, a retry): refused by the day's stream, nothing more recorded.
    const again = await dataQualityMeasurer(t.database.db).measure({ now: t.clock.now() });
    expect(again).toEqual({ recorded: false, on: today, reason: 'already-measured' });
    const direct = await executeCommand(t.database.db, recordDataQualityMeasurement, { on: today, counts: { 'incident-in-future': 9 } }, { actor: { id: 'a', name: 'Analyst', roles: ['analyst'] }, now: t.clock.now() });
    expect(direct).toMatchObject({ ok: false, kind: 'refused' });
    const days = await measuredDays();
    expect(days.map((d) => d.stream_id)).toEqual([`data-quality-${today}`]);
    expect(days[0]!.counts).toEqual(Object.fromEntries([...expected].map(([name, records]) => [name, records.size])));

    // The next day the job records again.
    t.clock.advanceDays(1);
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    expect((await measuredDays()).map((d) => d.on)).toEqual([today, addDays(today, 1)]);
  });

  it('shows the latest measurements on the page, in the API and from the command line', async () => {
    const page = await analyst.get('/reports/data-quality');
    expect(page.body).toContain(`data-measured="${addDays(today, 1)}"`);
    expect(page.body).toContain(`data-measured="${today}"`);
    expect(page.body).toMatch(/<svg aria-hidden="true" focusable="false"/);
    const total = [...expected.values()].reduce((sum, r) => sum + r.size, 0);
    expect(page.body).toContain(`data-total="${total}"`);
    const api = await t.app.inject({ url: '/api/v1/reports/data-quality', headers: bearer('manager') });
    expect(api.statusCode).toBe(200);
    const summary = api.json() as QualitySummary;
    expect(summary.measurements.map((m) => m.on)).toEqual([addDays(today, 1), today]);
    expect(summary.checks.find((c) => c.name === 'duplicate-case')).toMatchObject({ count: 2, records: '/reports/data-quality/duplicate-case' });
    expect(summary.total).toBe(total);
    const json = await dataQualityOutput(t.database.db, 'json', t.clock.now());
    expect(JSON.parse(json.body)).toEqual(summary);
    const csv = parse((await dataQualityOutput(t.database.db, 'csv', t.clock.now(), 'https://cordon.example/')).body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    expect(csv.find((row) => row[2] === 'duplicate-case')).toEqual(['Suspected duplicates', 'Suspected duplicate cases', 'duplicate-case', '2', 'https://cordon.example/reports/data-quality/duplicate-case']);
  });

  it('rejects counts that are not whole numbers of records, or a day that is not a date', async () => {
    const as = { actor: { id: 'a', name: 'Analyst', roles: ['analyst'] }, now: t.clock.now() };
    for (const input of [{ on: '2026-02-30', counts: { 'incident-in-future': 1 } }, { on: '2027-01-01', counts: {} }, { on: '2027-01-02', counts: { 'Not A Name': 1 } }, { on: '2027-01-03', counts: { 'incident-in-future': -1 } }]) {
      const outcome = await executeCommand(t.database.db, recordDataQualityMeasurement, input, as);
      expect(outcome.ok, JSON.stringify(input)).toBe(false);
    }
  });
});

