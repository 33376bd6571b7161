import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { dateFields, errorSummary, identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER, step, type OpenedCase } from '../../../../test/support/casework.js';
import { rowsOf } from '../../../platform/database/client.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { ACCREDITATION_AREAS } from '../../../domain/accreditation/areas.js';
import { ASSURANCE_AREAS } from '../../../domain/accreditation/assurance-events.js';
import { FAMILY_SOURCES } from '../families.js';
import { valueOf } from '../figure.js';
import { computeFigures, listRecords, type Period } from '../query.js';
import { describeRecord } from '../annual/outputs.js';
import { OPERATIONS_FIGURES, OPERATIONS_SECTIONS } from './operations.js';
import { imposedCases } from '../../../../test/support/finance.js';
import { vehicleActionList } from '../../vehicle-action-list/val-query.js';

/*
 * The operations figures of the management information on data made through the real commands and
 * pages, with known totals: plate-check hits and what officers did about them (the plate-check API),
 * cases past day 151 and the 180 days (the border API on a clock set back, casework pages), the
 * assurer's returns (casework pages), CPAS applications decided and a member checked (the
 * accreditation pages), questions logged and answered (the questions pages). Every figure must equal
 * the records it lists, and the same asOf must give the same figures after more events arrive.
 */

const DAY_MS = 86_400_000;
let t: TestApp;
let eo: WebClient;
let asOf: Date;
let first: Map<string, number>;
let returned: OpenedCase;
let valToday: Awaited<ReturnType<typeof vehicleActionList>>;
/** Every day recorded so far (2000 is before any plausible record); the day after asOf ends it. */
const everything = (instant: Date): Period => ({ from: '2000-01-01', until: addDays(ukDate(instant), 1) });
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const today = () => ukDate(t.clock.now());
const json = (role: string) => ({ 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role) });

/** One plate-check hit on a watchlisted lorry, and what the officer did about it. */
async function stop(registration: string, outcome: string, reason?: string) {
  const check = await t.app.inject({ method: 'POST', url: '/api/v1/plate-checks', headers: json('plate-reader'), payload: JSON.stringify({ registration, country: 'PL' }) });
  const { hitId, hit } = check.json() as { hitId: string; hit: boolean };
  expect(hit, check.body).toBe(true);
  // Hits are written in batches (every 100 ms): wait for the row the outcome is recorded on.
  for (let tries = 0; tries < 100; tries += 1) {
    if (rowsOf(await t.database.db.execute(sql`select 1 from plate_check_hits where id = ${hitId}`)).length) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const recorded = await t.app.inject({ method: 'POST', url: `/api/v1/plate-check-hits/${hitId}/outcome`, headers: json('port-officer'), payload: JSON.stringify({ outcome, ...(reason ? { reason } : {}) }) });
  expect(recorded.statusCode, recorded.body).toBe(200);
}

async function submitApplication(name: string) {
  const outcome = await t.services.accreditation.submit(
    {
      language: 'pl',
      company: { name, country: 'PL', addressLines: ['ul. Długa 5', 'Łódź'], postcode: '90-001', operatorLicence: 'PL/0042/2020', contactName: 'Piotr Kowalski', email: `${name.replace(/\W/g, '').toLowerCase()}@example.pl`, phone: null, numberOfDrivers: 4 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `How ${name} does ${a}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
      declaration: true,
    },
    { channel: 'online' },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value.reference;
}

async function applicationVersion(client: WebClient, reference: string) {
  const page = await client.get(`/accreditation/applications/${reference}`);
  expect(page.statusCode).toBe(200);
  return /data-version="(\d+)"/.exec(page.body)![1]!;
}

async function assessAll(client: WebClient, reference: string, result: 'met' | 'notMet') {
  for (const area of ACCREDITATION_AREAS) {
    const response = await client.post(`/accreditation/applications/${reference}/assess`, { version: await applicationVersion(client, reference), area, outcome: result, notes: result === 'met' ? '' : `Nothing shown for ${area}` });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  }
}

async function accept(reference: string) {
  await assessAll(eo, reference, 'met');
  expect((await eo.post(`/accreditation/applications/${reference}/accept`, { version: await applicationVersion(eo, reference) })).statusCode).toBe(303);
}

async function questionAnswered(answerAfterDays: number) {
  await eo.get('/questions/new');
  const logged = await eo.post('/questions', { channel: 'phone', askerName: 'Jan Kowalski', phone: '+48 600 100 200', language: 'pl', text: 'Kiedy mam zapłacić karę?', ...dateFields('askedOn', today()) });
  expect(logged.statusCode, errorSummary(logged.body)).toBe(303);
  t.clock.advanceDays(answerAfterDays);
  const answered = await eo.post(`${logged.headers.location}/answer`, { version: '1', language: 'pl', answer: 'Proszę zapłacić do 1 lutego.' });
  expect(answered.statusCode, errorSummary(answered.body)).toBe(303);
}

async function figures(at: Date, period: Period = everything(at)) {
  return computeFigures(t.database.db, OPERATIONS_FIGURES, period, at);
}

beforeAll(async () => {
  t = await createTestApp();
  eo = await WebClient.signedIn(t.app, 'caseworker-eo');

  // The Vehicle Action List: a case imposed 105 days ago, due 60 days after, unpaid: its lorry on the list.
  t.clock.set(daysAgo(150));
  await imposedCases(t, ['Delta Haulage Sp. z o.o.'], { key: 'mi-operations' });

  // Deadlines: two cases of an incident 200 days ago. The first never gets its initial notices (day 151
  // and the 180 days missed for both responsible persons; the owner's write-off proposed for it); the
  // second gets them on day 6, then no penalty (the 180 days missed for both).
  t.clock.set(daysAgo(200));
  const missedBoth = await openCase(t, { incidentDate: today(), tractorRegistration: 'WGM 1510K' });
  const missed180 = await openCase(t, { incidentDate: today(), tractorRegistration: 'WGM 1800K' });
  t.clock.advanceDays(5);
  await identifyEveryone(eo, missed180);
  for (const l of missed180.liabilities) expect((await step(eo, missed180.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
  t.clock.advanceDays(185);
  const owner = missedBoth.liabilities.find((l) => l.role === 'owner')!;
  const proposed = await step(eo, missedBoth.reference, 'proposeWriteOff', owner.id, { reason: 'deadline-missed', explanation: 'The notice went to the wrong depot.' });
  expect(proposed.statusCode, errorSummary(proposed.body)).toBe(303);

  // Accreditation: two decided within the 30 days (one accepted, one refused), one accepted late; the member checked once.
  t.clock.set(daysAgo(80));
  const [within, refused, late] = [await submitApplication('Alfa Trans'), await submitApplication('Beta Logistyka'), await submitApplication('Cargo Sp. z o.o.')];
  t.clock.advanceDays(10);
  await accept(within);
  const so = await WebClient.signedIn(t.app, 'senior-officer');
  await assessAll(eo, refused, 'notMet');
  expect((await eo.post(`/accreditation/applications/${refused}/propose-refusal`, { version: await applicationVersion(eo, refused), summary: 'Training not shown' })).statusCode).toBe(303);
  expect((await so.post(`/accreditation/applications/${refused}/approve-refusal`, { version: await applicationVersion(so, refused) })).statusCode).toBe(303);
  t.clock.advanceDays(25);
  await accept(late);
  const [member] = rowsOf<{ party_id: string }>(await t.database.db.execute(sql`select payload->>'partyId' as party_id from events where type = 'AccreditationApplicationAccepted' and stream_id = ${`accreditation-application-${within}`}`));
  const memberPage = await eo.get(`/accreditation/assurance/${member!.party_id}`);
  expect(memberPage.statusCode).toBe(200);
  const checked = await eo.post(`/accreditation/assurance/${member!.party_id}/checks`, {
    version: /name="version" value="(\d*)"/.exec(memberPage.body)?.[1] ?? '',
    kind: 'deskCheck',
    ...dateFields('date', today()),
    ...Object.fromEntries(ASSURANCE_AREAS.map((area) => [`finding-${area}`, area === 'driverTraining' ? 'notMet' : 'met'])),
    'notes-driverTraining': 'No training register',
    outcome: 'improvementsRequired',
    notes: 'Send the training register within 28 days',
  });
  expect(checked.statusCode, errorSummary(checked.body)).toBe(303);

  // Questions: two answered within the service level (10 working days), one 20 days on (late).
  t.clock.set(daysAgo(40));
  await questionAnswered(1);
  await questionAnswered(20);
  await questionAnswered(2);

  // Assurance returns and stops, at the real time: the driver's recommendation returned for two categories, the owner's for one.
  t.clock.reset();
  // Other people than the deadline cases' (the register would propose the same driver and owner, with their open cases).
  returned = await openCase(t, {
    tractorRegistration: 'WGM 3000K',
    responsiblePersons: [
      { ...POLISH_DRIVER, name: 'Marek Nowak', dateOfBirth: '1975-06-03', email: 'marek@example.com', address: { line1: 'ul. Polna 3', town: 'Kraków', postcode: '30-200', country: 'PL' } },
      { ...POLISH_OWNER, name: 'Gamma Cargo Sp. z o.o.', address: { line1: 'ul. Fabryczna 9', town: 'Gdańsk', postcode: '80-100', country: 'PL' } },
    ],
  });
  await identifyEveryone(eo, returned);
  const assurer = await WebClient.signedIn(t.app, 'assurer-ho');
  for (const [role, categories] of [['driver', ['wrong-dates', 'wrong-amount']], ['owner', ['other']]] as const) {
    const l = returned.liabilities.find((x) => x.role === role)!;
    expect((await step(eo, returned.reference, 'sendInitialNotice', l.id)).statusCode).toBe(303);
    expect((await step(eo, returned.reference, 'recordResponse', l.id, dateFields('receivedOn', today()))).statusCode).toBe(303);
    const drafted = await step(eo, returned.reference, 'draftRecommendation', l.id, { compliedWithRegulations: 'no' });
    expect(drafted.statusCode, errorSummary(drafted.body)).toBe(303);
    const back = await step(assurer, returned.reference, 'returnRecommendation', l.id, { categories: [...categories], text: `=Check the ${role}'s case` });
    expect(back.statusCode, errorSummary(back.body)).toBe(303);
  }
  const added = await t.app.inject({ method: 'POST', url: '/api/v1/watchlist-entries', headers: json('senior-officer'), payload: JSON.stringify({ registration: 'HT 10001', country: 'PL', reason: 'Intelligence report 42', expiresAt: new Date(Date.now() + 7 * DAY_MS).toISOString() }) });
  expect(added.statusCode, added.body).toBe(201);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await stop('HT 10001', 'stopped');
  await stop('HT 10001', 'stopped-in-error', 'Paid the day before');
  await stop('HT 10001', 'stopped-in-error', 'Plate misread: 8 for B');
  await stop('HT 10001', 'detained');

  // The list of the day, recorded by its daily job.
  await t.services.jobs.enqueueScheduled();
  await t.services.jobs.runUntilIdle();
  valToday = await vehicleActionList(t.database.db, ukDate(new Date()));

  // asOf: a second after the last event recorded (every event above is at or before it).
  const [last] = rowsOf<{ at: string }>(await t.database.db.execute(sql`select max(occurred_at) as at from events`));
  asOf = new Date(Math.floor(new Date(last!.at).getTime() / 1000) * 1000 + 1000);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, asOf.getTime() - Date.now()) + 50));
  first = await figures(asOf);
}, 300_000);
afterAll(async () => t?.close());

describe('the operations figures on generated data', () => {
  it('defines every figure once, on a family with the columns it names, each chart over figures of its section, every figure in a chart', () => {
    const names = OPERATIONS_FIGURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const section of OPERATIONS_SECTIONS) {
      // The dashboard shows a section as its charts (each with its table of links): a figure in no chart would not be shown.
      const charted = new Set(section.charts.flatMap((chart) => chart.figures));
      for (const f of section.figures) expect(charted.has(f.name), `${section.id}: ${f.name} is in no chart`).toBe(true);
      for (const chart of section.charts) for (const name of chart.figures) expect(section.figures.map((f) => f.name), `${section.id}/${chart.id}`).toContain(name);
      for (const f of section.figures) for (const column of Object.keys(f.where)) expect(FAMILY_SOURCES[f.family].columns, f.name).toContain(column);
    }
  });

  it('gives the known totals', () => {
    // The list as recorded is the list as the query gives it: the imposed case's lorry, and what is owed.
    expect(valToday.map((e) => e.registration)).toContain('WGM 4521K');
    expect(first.get('val.size')).toBe(valToday.length);
    expect(first.get('val.outstanding')).toBe(valToday.reduce((sum, e) => sum + e.outstandingPence, 0));
    expect(first.get('val.outstanding')).toBeGreaterThan(0);
    expect(Object.fromEntries([...first].filter(([name]) => !name.startsWith('val.')))).toEqual({
      'stops.total': 4,
      'stops.stopped': 1,
      'stops.paidAtPort': 0,
      'stops.released': 0,
      'stops.detained': 1,
      'stops.stoppedInError': 2,
      'deadlines.missed180': 4,
      'deadlines.missed180WithReason': 1,
      'deadlines.missed180NoReason': 3,
      'deadlines.missed151': 2,
      'deadlines.missed151WithReason': 1,
      'deadlines.missed151NoReason': 1,
      'assurance.returned': 2,
      'assurance.returnedWrongPartyOrAddress': 0,
      'assurance.returnedWrongDates': 1,
      'assurance.returnedPreviousPenaltiesMissed': 0,
      'assurance.returnedComplianceNotConsidered': 0,
      'assurance.returnedWrongAmount': 1,
      'assurance.returnedOther': 1,
      'memberChecks.total': 1,
      'memberChecks.satisfactory': 0,
      'memberChecks.improvementsRequired': 1,
      'memberChecks.referredForReview': 0,
      'accreditation.decided': 3,
      'accreditation.decidedWithin': 2,
      'accreditation.decidedLate': 1,
      'accreditation.accepted': 2,
      'accreditation.refused': 1,
      'questions.answered': 3,
      'questions.answeredWithin': 2,
      'questions.answeredLate': 1,
    });
  });

  it('lists behind every figure exactly the records it counts, each recognisable, most with a link', async () => {
    for (const definition of OPERATIONS_FIGURES) {
      const records = await listRecords(t.database.db, definition, everything(asOf), asOf);
      expect(valueOf(definition, records), definition.name).toBe(first.get(definition.name));
      expect(records.length, definition.name).toBe(definition.measure === 'count' ? first.get(definition.name) : valToday.length);
      for (const record of records) {
        const described = describeRecord(definition, record);
        expect(described.label, definition.name).not.toBe('');
        expect(described.details, definition.name).not.toBe('');
      }
    }
    const of = async (name: string) => listRecords(t.database.db, OPERATIONS_FIGURES.find((f) => f.name === name)!, everything(asOf), asOf);
    // The stops in error with their reasons.
    expect((await of('stops.stoppedInError')).map((r) => [r.registration, r.reason])).toEqual([['HT 10001', 'Paid the day before'], ['HT 10001', 'Plate misread: 8 for B']]);
    // The miss with a reason gives the write-off proposal's; the case links to its page.
    const withReason = (await of('deadlines.missed180WithReason'))[0]!;
    expect(describeRecord(OPERATIONS_FIGURES.find((f) => f.name === 'deadlines.missed180WithReason')!, withReason)).toMatchObject({ href: `/cases/${withReason.reference}` });
    expect(describeRecord(OPERATIONS_FIGURES.find((f) => f.name === 'deadlines.missed180WithReason')!, withReason).details).toContain('Write-off proposed: Deadline missed: The notice went to the wrong depot.');
    const returns = await of('assurance.returned');
    expect(returns.map((r) => [r.reference, r.role, r.categories])).toEqual([
      [returned.reference, 'driver', 'wrong-dates,wrong-amount'],
      [returned.reference, 'owner', 'other'],
    ]);
    const late = (await of('accreditation.decidedLate'))[0]!;
    expect(describeRecord(OPERATIONS_FIGURES.find((f) => f.name === 'accreditation.decidedLate')!, late)).toMatchObject({ label: late.record, href: `/accreditation/applications/${late.record}` });
    expect(Number(late.days_taken)).toBe(35);
  });

  it('agrees with the accreditation dashboard’s 30-day figure (the recommendations register’s 6d)', async () => {
    const dashboard = (await (await WebClient.signedIn(t.app, 'manager')).get('/dashboard')).body;
    const block = dashboard.split('id="accreditation-thisYear"')[1]!;
    const within = Number(/data-count="(\d+)" data-kind="within"/.exec(block)![1]);
    const decided = Number(/data-count="(\d+)" data-kind="decided"/.exec(block)![1]);
    const year = today().slice(0, 4);
    const thisYear = await figures(asOf, { from: `${year}-01-01`, until: `${Number(year) + 1}-01-01` });
    expect(thisYear.get('accreditation.decidedWithin')).toBe(within);
    expect(thisYear.get('accreditation.decided')).toBe(decided);
  });

  it('gives the same figures for the same asOf after more events arrive, and counts them as of later', async () => {
    // The next day: another stop in error, another question answered, the next day's list recorded (the same lorry).
    t.clock.set(new Date(asOf.getTime() + DAY_MS));
    await stop('HT 10001', 'stopped-in-error', 'Wrong country');
    await questionAnswered(0);
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    const again = await figures(asOf);
    expect(again).toEqual(first);
    for (const definition of OPERATIONS_FIGURES) {
      const listed = await listRecords(t.database.db, definition, everything(asOf), asOf);
      expect(valueOf(definition, listed), definition.name).toBe(first.get(definition.name));
    }
    const laterAsOf = new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000 + 1000);
    const later = await figures(laterAsOf);
    expect(later.get('stops.stoppedInError')).toBe(3);
    expect(later.get('stops.total')).toBe(5);
    expect(later.get('questions.answered')).toBe(4);
    expect(later.get('questions.answeredWithin')).toBe(3);
    const nextDay = await listRecords(t.database.db, OPERATIONS_FIGURES.find((f) => f.name === 'val.size')!, everything(laterAsOf), laterAsOf);
    expect(nextDay.map((r) => r.day)).toEqual(valToday.map(() => ukDate(t.clock.now())));
    expect(later.get('val.size')).toBe((await vehicleActionList(t.database.db, ukDate(t.clock.now()))).length);
    // A period filters by each record's day: the 180-day misses fell about 20 days ago, none in the last week.
    expect((await figures(asOf, { from: addDays(ukDate(asOf), -7), until: addDays(ukDate(asOf), 1) })).get('deadlines.missed180')).toBe(0);
  });
});
