import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { sql } from 'drizzle-orm';
import { identifyEveryone, openCase, POLISH_DRIVER, POLISH_OWNER } from '../../../../test/support/casework.js';
import { rowsOf } from '../../../platform/database/client.js';
import { ACCREDITATION_AREAS } from '../../../domain/accreditation/areas.js';
import { SYSTEM_ACTOR } from '../../identity/service.js';
import { seedRecommendationId } from '../../recommendations/service.js';
import { percent } from '../figure.js';
import { improvementsService } from '../improvements.js';
import { imposedCases } from '../../../../test/support/finance.js';
import { extractPdf } from '../../../platform/pdf/pdf-text.testing.js';
import { ANNUAL_FIGURES, ANNUAL_ORDER, ANNUAL_RATES } from './definitions.js';
import type { AnnualReport } from './report.js';
import { annualReportOutput } from '../../../cli/report.js';

/*
 * The annual report on data generated through the real commands, with known totals: searches and
 * incidents sent through the border API, penalties imposed through the casework pages, feedback
 * through its service. Every figure must equal what its records page lists, and the same asOf must
 * give the same report after more events arrive.
 *
 * The casework clock is set back into last year while the data is made (the commands that read it
 * record their events then); searches record at the real time. Then the clock is set to the real
 * time plus two minutes, so an asOf of "now" is at least a minute ago and follows every event.
 */

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/**
 * The day the generated data starts (D) and its year: the border accepts searches from the last
 * year only, and D + 70 days (the penalties are imposed 45 days on) must be in the same year and past.
 */
const { YEAR, START } = (() => {
  const now = Date.now();
  for (const year of [new Date(now).getUTCFullYear(), new Date(now).getUTCFullYear() - 1]) {
    const from = Math.max(Date.UTC(year, 0, 1), now - 360 * DAY_MS);
    const to = Math.min(Date.UTC(year, 11, 31) - 70 * DAY_MS, now - 70 * DAY_MS);
    if (from <= to) return { YEAR: year, START: Math.ceil(from / DAY_MS) * DAY_MS };
  }
  throw new Error('no year fits');
})();
/** D plus `days`, at 10:00 UTC, as an instant; `dayOf` as a calendar date. */
const at = (days: number) => new Date(START + days * DAY_MS + 10 * 3_600_000).toISOString();
const dayOf = (days: number) => isoDay(START + days * DAY_MS);
/** A search just outside the year, when the border still accepts one there (it takes the last year only). */
const OUTSIDE_YEAR = [`${YEAR - 1}-12-31T23:59:00Z`, `${YEAR + 1}-01-01T00:00:30Z`].find((instant) => Date.parse(instant) > Date.now() - 364 * DAY_MS && Date.parse(instant) < Date.now() - 3_600_000);
const NASTY_COMPANY = '=HYPERLINK("http://evil.example","x")';

let t: TestApp;
let analyst: WebClient;
let asOf: string;
let first: AnnualReport;
let firstCsv: string;
let firstPdf: Buffer;

const search = (result: string, searchedAt: string) => ({
  searchedAt,
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  selectionReason: 'hub-target',
  methods: ['pmmw-scanner', 'dog'],
  searchedBy: 'border-force',
  result,
  ...(result === 'nothing-found' ? {} : { detectingMethod: 'dog' }),
});

async function recordSearch(result: string, searchedAt: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/searches',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: JSON.stringify(search(result, searchedAt)),
  });
  expect(response.statusCode, response.body).toBe(201);
}

async function giveFeedback(satisfaction: 'very-satisfied' | 'satisfied' | 'dissatisfied', comments: string | null = '@SUM(1+1) was easy') {
  const outcome = await t.services.feedback.give({ satisfaction, comments, from: null, language: 'en' });
  expect(outcome.ok).toBe(true);
  return outcome.ok ? outcome.value.feedbackId : '';
}

/** The version of a stream now (what a form carries). */
const versionOf = async (streamId: string) => Number(rowsOf<{ v: number }>(await t.database.db.execute(sql`select max(version)::int as v from events where stream_id = ${streamId}`))[0]!.v);

/** The register entry confirmed for a liability. */
const partyOf = async (liabilityId: string) =>
  rowsOf<{ p: string }>(await t.database.db.execute(sql`select payload->>'partyId' as p from events where type = 'LiabilityPartyConfirmed' and payload->>'liabilityId' = ${liabilityId} order by seq desc limit 1`))[0]!.p;

/** A company accepted into CPAS on the clock's day (the register entry `partyId` when given, else registered by the acceptance). */
async function acceptedMember(name: string, partyId?: string) {
  const assessor = { id: 'eo-assessor', name: 'Assessor', roles: ['caseworker-eo'] };
  const submitted = await t.services.accreditation.submit(
    {
      language: 'pl',
      company: { name, country: 'PL', addressLines: ['ul. Portowa 7', 'Gdynia'], postcode: '81-300', operatorLicence: `PL/${name.length}/2020`, contactName: 'Anna Nowak', email: `biuro${name.length}@example.com`, phone: null, numberOfDrivers: 4 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c-1', 'c-2', 'c-3'] },
      declaration: true,
    },
    { channel: 'api' },
  );
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reference = submitted.value.reference;
  for (const area of ACCREDITATION_AREAS) expect((await t.services.accreditation.act(reference, 'assessArea', { area, outcome: 'met' }, { actor: assessor })).ok).toBe(true);
  const accepted = await t.services.accreditation.act(reference, 'accept', partyId ? { partyId } : {}, { actor: assessor });
  expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
}

/** Another incident for a case's owner and driver (the same people, confirmed as the same register entries). */
async function repeatIncident(of: { ownerName: string; ownerAddress?: Record<string, string>; driver: Record<string, unknown> }, incidentDate: string) {
  const kase = await openCase(t, { incidentDate, responsiblePersons: [of.driver, { ...POLISH_OWNER, name: of.ownerName, ...(of.ownerAddress ? { address: of.ownerAddress } : {}) }] }, `repeat-${Math.random()}`);
  await identifyEveryone(await WebClient.signedIn(t.app, 'caseworker-eo'), kase);
  return kase;
}

let imposed: Awaited<ReturnType<typeof imposedCases>>;
let repeats: Awaited<ReturnType<typeof repeatIncident>>[];
const themed: Record<string, string> = {};

const figureOf = (report: AnnualReport, name: string) => report.figures.find((f) => f.name === name)!;

async function report(query: string) {
  const response = await t.app.inject({ url: `/api/v1/reports/annual?${query}`, headers: bearer('analyst') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as AnnualReport;
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date(at(0)));
  // Searches: seven in the year, and one just outside it (a minute either side of midnight, UK time) when the border takes it.
  let day = 0;
  for (const [result, n] of [['nothing-found', 3], ['clandestine-entrants', 2], ['not-secured', 1], ['both', 1]] as const) {
    for (let i = 0; i < n; i += 1) await recordSearch(result, at(day++));
  }
  if (OUTSIDE_YEAR) await recordSearch('nothing-found', OUTSIDE_YEAR);
  // Incidents: two imposed (S31A, not secured; driver and owner each: four penalties, notices on D+45), one with three entrants (S32), one more S31A.
  imposed = await imposedCases(t, ['Alpha Haulage Sp. z o.o.', NASTY_COMPANY], { key: 'insight' });
  const [alpha] = imposed;
  // A part payment on one penalty: collected and uncollected debt are both more than nothing.
  const paid = await t.services.cases.act(
    { reference: alpha!.reference, liabilityIds: [alpha!.owner.id], action: { type: 'recordPayment', amountPence: 12_345, receivedOn: dayOf(46), method: 'bank-transfer', reference: 'INV-ANNUAL-1', paidBy: 'recipient' } },
    { actor: { id: 'finance-test', name: 'Fiona Finance', roles: ['finance-officer'] }, now: new Date(at(46)) },
  );
  expect(paid.ok, JSON.stringify(paid)).toBe(true);
  t.clock.set(new Date(at(50)));
  await openCase(t, { incidentDate: dayOf(1), offences: ['S32'], clandestineEntrants: 3 });
  await openCase(t, { incidentDate: dayOf(2), offences: ['S31A'] });
  // The deterrence view: Alpha's owner and driver 0 again on D+10, before their penalties (D+45); the other company again on D+60, after its penalty.
  repeats = [await repeatIncident({ ownerName: 'Alpha Haulage Sp. z o.o.', driver: POLISH_DRIVER }, dayOf(10))];
  t.clock.set(new Date(at(65)));
  repeats.push(
    await repeatIncident(
      {
        ownerName: NASTY_COMPANY,
        ownerAddress: { line1: 'ul. Fabryczna 1', town: 'Gdańsk', postcode: '31-100', country: 'PL' },
        driver: { ...POLISH_DRIVER, name: 'Other Driver', dateOfBirth: '1990-02-02', email: 'other.driver@example.com', address: { line1: 'ul. Leśna 9', town: 'Opole', postcode: '45-001', country: 'PL' } },
      },
      dayOf(60),
    ),
  );
  // CPAS: Alpha a member from the day before its first incident; another member with no incident in the year.
  t.clock.set(new Date(at(-1)));
  await acceptedMember('Alpha Haulage Sp. z o.o.', await partyOf(imposed[0]!.owner.id));
  await acceptedMember('Gamma Cargo Sp. z o.o.');
  t.clock.set(new Date(at(66)));
  const feedbackIds = [await giveFeedback('very-satisfied'), await giveFeedback('satisfied'), await giveFeedback('dissatisfied'), await giveFeedback('satisfied', null)];
  // Themes: the first "letters"; the second "letters" then "paying" (the latest counts); the third not yet themed; the fourth has no comments.
  const themer = await WebClient.signedIn(t.app, 'analyst');
  for (const [id, theme] of [[feedbackIds[0]!, 'letters'], [feedbackIds[1]!, 'letters'], [feedbackIds[1]!, 'paying']] as const) {
    const saved = await themer.post('/reports/annual/feedback-themes', { feedbackId: id, theme, version: String(await versionOf(`feedback-${id}`)) });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    themed[id] = theme;
  }
  themed.unthemed = feedbackIds[2]!;
  t.clock.set(new Date(Date.now() + 120_000));
  // asOf is rounded down to the second: wait past the second of the last event recorded at the real time.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  asOf = new Date(Date.now()).toISOString();
  analyst = await WebClient.signedIn(t.app, 'analyst');
  first = await report(`year=${YEAR}&asOf=${encodeURIComponent(asOf)}`);
  firstCsv = (await analyst.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}&format=csv`)).body;
  firstPdf = (await analyst.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}&format=pdf`)).rawPayload;
}, 240_000);
afterAll(async () => t?.close());

describe('the annual report on generated data', () => {
  it('records the asOf it used, to the second, and gives each figure as name, value, unit and records link', () => {
    expect(first.asOf).toBe(new Date(Math.floor(Date.parse(asOf) / 1000) * 1000).toISOString());
    expect(first.year).toBe(YEAR);
    expect(first.figures.map((f) => f.name)).toEqual(ANNUAL_ORDER.map((d) => d.name));
    for (const figure of first.figures) {
      const rate = ANNUAL_RATES.find((d) => d.name === figure.name);
      if (rate) {
        // A rate names what it divides and links to its numerator's records.
        expect(figure).toMatchObject({ unit: 'percent', numerator: rate.rate.numerator, denominator: rate.rate.denominator });
        expect(figure.records).toBe(`/reports/annual/${YEAR}/figures/${encodeURIComponent(rate.rate.numerator)}?asOf=${encodeURIComponent(first.asOf)}`);
        continue;
      }
      expect(Object.keys(figure).sort()).toEqual(['name', 'records', 'unit', 'value']);
      expect(figure.records).toBe(`/reports/annual/${YEAR}/figures/${encodeURIComponent(figure.name)}?asOf=${encodeURIComponent(first.asOf)}`);
    }
  });

  it('gives the known totals', () => {
    const values = Object.fromEntries(first.figures.map((f) => [f.name, f.value]));
    expect(values).toMatchObject({
      'searches.total': 7,
      'searches.entrantsFound': 3,
      'searches.notSecuredFound': 2,
      'incidents.total': 6,
      'incidents.entrants': 3,
      'incidents.notSecured': 5,
      'penalties.imposed': 4,
      'objections.successful': 0,
      'appeals.unsuccessful': 0,
      'feedback.total': 4,
      'feedback.satisfied': 3,
      'feedback.dissatisfied': 1,
      'feedback.theme.letters': 1,
      'feedback.theme.paying': 1,
      'feedback.theme.objecting': 0,
      'feedback.theme.unthemed': 1,
      // Two companies and two drivers penalised; Alpha and its driver had an incident before, the other company one after.
      'deterrence.companies.penalised': 2,
      'deterrence.companies.before': 1,
      'deterrence.companies.after': 1,
      'deterrence.companies.afterComplete': 0,
      'deterrence.companies.beforeRate': 50,
      'deterrence.companies.afterRate': 50,
      'deterrence.drivers.penalised': 2,
      'deterrence.drivers.before': 1,
      'deterrence.drivers.after': 0,
      'deterrence.drivers.beforeRate': 50,
      'deterrence.drivers.afterRate': 0,
      // Alpha's two incidents while a member; the other company's two while not (the unidentified cases are in neither).
      'cpas.incidents.accredited': 2,
      'cpas.incidents.notAccredited': 2,
      'cpas.companies.accredited': 2,
      'cpas.companies.accreditedWithIncident': 1,
      'cpas.companies.accreditedRate': 50,
      'cpas.companies.notAccredited': 1,
      'cpas.companies.notAccreditedWithIncident': 1,
      'cpas.companies.notAccreditedRate': 100,
    });
    expect(values['penalties.imposedAmount']).toBeGreaterThan(0);
    expect(values['payments.collected']).toBe(12_345);
    expect(values['debt.collected']).toBe(12_345);
    expect(values['debt.outstanding']).toBe(values['penalties.imposedAmount']! - 12_345);
    expect(values['debt.writtenOff']).toBe(0);
  });

  it('gives each rate as its numerator over its denominator, to one decimal place, and no rate (null) over nothing', async () => {
    const byName = new Map(first.figures.map((f) => [f.name, f]));
    for (const rate of ANNUAL_RATES) {
      const [numerator, denominator] = [byName.get(rate.rate.numerator)!.value!, byName.get(rate.rate.denominator)!.value!];
      expect(byName.get(rate.name)!.value, rate.name).toBe(percent(numerator, denominator));
    }
    // A year with nothing in it: every rate is null, never NaN.
    const empty = await report(`year=2001&asOf=${encodeURIComponent(first.asOf)}`);
    for (const figure of empty.figures.filter((f) => f.unit === 'percent')) expect(figure.value, figure.name).toBeNull();
    const page = await analyst.get(`/reports/annual?year=2001&asOf=${encodeURIComponent(first.asOf)}`);
    expect(page.body).toContain('no rate (nothing to divide by)');
  });

  it('lists the deterrence view’s and the accreditation view’s records with who they are and why they count', async () => {
    const after = await analyst.get(figureOf(first, 'deterrence.companies.after').records);
    expect(after.body).toContain(repeats[1]!.reference);
    const before = await analyst.get(figureOf(first, 'deterrence.companies.before').records);
    expect(before.body).toContain('Alpha Haulage');
    expect(before.body).toContain(repeats[0]!.reference);
    const accredited = await analyst.get(figureOf(first, 'cpas.incidents.accredited').records);
    expect(accredited.body).toContain(imposed[0]!.reference);
    expect(accredited.body).toContain(repeats[0]!.reference);
    expect(accredited.body).not.toContain(imposed[1]!.reference);
    const members = await analyst.get(figureOf(first, 'cpas.companies.accredited').records);
    expect(members.body).toContain('Gamma Cargo');
  });

  it('lists behind every figure exactly the records it counts (or sums)', async () => {
    for (const figure of first.figures.filter((f) => f.unit !== 'percent')) {
      const page = await analyst.get(figure.records);
      expect(page.statusCode, `${figure.name}: ${page.body.slice(0, 300)}`).toBe(200);
      const listed = [...page.body.matchAll(/<tr class="govuk-table__row" data-record=/g)].length;
      const total = Number(/data-total="(\d+)"/.exec(page.body)?.[1]);
      expect(total, figure.name).toBe(listed);
      expect(Number(/data-value="(\d+)"/.exec(page.body)?.[1]), figure.name).toBe(figure.value);
      if (figure.unit === 'pence' || figure.unit === 'people') {
        // A sum: the listed rows' column adds up to it (the CSV gives the numbers plainly).
        const csv = parse((await analyst.get(`${figure.records}&format=csv`)).body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
        const rows = csv.slice(3);
        expect(rows).toHaveLength(listed);
        const column = figure.unit === 'pence' ? 3 : 4;
        const sum = rows.reduce((s, row) => s + (figure.unit === 'pence' ? Math.round(Number(row[column]) * 100) : Number(row[column])), 0);
        expect(sum, figure.name).toBe(figure.value);
      } else {
        expect(listed, figure.name).toBe(figure.value);
      }
    }
  });

  it('gives the same report for the same asOf after more events arrive, and counts them as of later', async () => {
    await recordSearch('clandestine-entrants', at(3));
    await openCase(t, { incidentDate: dayOf(4) });
    await giveFeedback('satisfied');
    // A theme given later changes nothing as of the earlier asOf.
    const late = await analyst.post('/reports/annual/feedback-themes', { feedbackId: themed.unthemed!, theme: 'website', version: String(await versionOf(`feedback-${themed.unthemed}`)) });
    expect(late.statusCode).toBe(303);
    const again = await report(`year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}`);
    expect(again).toEqual(first);
    expect((await analyst.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}&format=csv`)).body).toBe(firstCsv);
    expect(Buffer.compare((await analyst.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}&format=pdf`)).rawPayload, firstPdf)).toBe(0);
    const records = await analyst.get(figureOf(first, 'searches.total').records);
    expect(Number(/data-total="(\d+)"/.exec(records.body)?.[1])).toBe(7);

    // Later: as of a minute before a clock moved on past the feedback just given (at the clock's time).
    t.clock.set(new Date(Date.now() + 300_000));
    const later = await report(`year=${YEAR}`);
    expect(Date.parse(later.asOf)).toBeGreaterThan(Date.parse(first.asOf));
    expect(figureOf(later, 'searches.total').value).toBe(8);
    expect(figureOf(later, 'searches.entrantsFound').value).toBe(4);
    expect(figureOf(later, 'incidents.total').value).toBe(7);
    expect(figureOf(later, 'feedback.satisfied').value).toBe(4);
    expect(figureOf(later, 'feedback.theme.website').value).toBe(1);
    // The one just given has comments and no theme yet; the one themed "website" is themed.
    expect(figureOf(later, 'feedback.theme.unthemed').value).toBe(1);
  });

  it('writes a name that begins with =, +, - or @ in its CSV as text', async () => {
    const list = await analyst.get(`${figureOf(first, 'incidents.total').records}&format=csv`);
    expect(list.headers['content-type']).toMatch(/^text\/csv/);
    const cells = (parse(list.body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
    const details = cells.filter((cell) => cell.includes('HYPERLINK'));
    // The company's two incidents (the penalised one and the one after).
    expect(details.length).toBe(2);
    for (const cell of details) expect(cell.startsWith(`'${NASTY_COMPANY}`)).toBe(true);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    const feedback = await analyst.get(`${figureOf(first, 'feedback.total').records}&format=csv`);
    const comments = (parse(feedback.body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat().filter((cell) => cell.includes('SUM'));
    expect(comments.length).toBe(3);
    for (const cell of comments) expect(cell.startsWith("'@SUM(1+1)")).toBe(true);
  });

  it('gives the command line the same report as JSON, and as HTML with every figure a link', async () => {
    expect(JSON.parse((await annualReportOutput(first, 'json')).toString('utf8'))).toEqual(first);
    expect((await annualReportOutput(first, 'csv')).toString('utf8')).toBe(firstCsv);
    const html = (await annualReportOutput(first, 'html', 'https://cordon.example')).toString('utf8');
    for (const figure of first.figures) expect(html).toContain(`href="https://cordon.example${figure.records.replace(/&/g, '&amp;')}" data-value="${figure.value ?? ''}"`);
  });

  it('is a real PDF with the year, the asOf and the figures', async () => {
    const pdf = await extractPdf(firstPdf);
    expect(pdf.text).toContain(String(YEAR));
    expect(pdf.text).toContain('Vehicles searched');
    expect(pdf.text).toContain('Penalties imposed');
  });

  it('shows the page to analysts and managers, each figure a link to its records', async () => {
    const page = await analyst.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}`);
    expect(page.statusCode).toBe(200);
    const links = [...page.body.matchAll(/data-value="(\d+(?:\.\d)?)" href="([^"]+)"/g)].map((m) => ({ value: Number(m[1]), href: m[2]!.replace(/&amp;/g, '&') }));
    expect(links).toEqual(first.figures.filter((f) => f.value !== null).map((f) => ({ value: f.value, href: f.records })));
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get(`/reports/annual?year=${YEAR}`)).statusCode).toBe(200);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/reports/annual?year=${YEAR}`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/reports/annual?year=${YEAR}`, headers: bearer('caseworker-eo') })).statusCode).toBe(403);
  });

  it('refuses a bad year or an asOf that is not yet settled, changing nothing', async () => {
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const api = await t.app.inject({ url: `/api/v1/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(future)}`, headers: bearer('analyst') });
    expect(api.statusCode).toBe(400);
    expect(api.json().errors[0].field).toBe('asOf');
    expect((await t.app.inject({ url: '/api/v1/reports/annual?year=20x6', headers: bearer('analyst') })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/reports/annual', headers: bearer('analyst') })).statusCode).toBe(400);
    const page = await analyst.get('/reports/annual?year=1066');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('govuk-error-summary');
    expect((await analyst.get(`/reports/annual/${YEAR}/figures/no.such.figure`)).statusCode).toBe(404);
  });
});

describe('planned improvements', () => {
  it('are entered by a manager with their owner and due date, and listed in the report as of a later instant', async () => {
    const manager = await WebClient.signedIn(t.app, 'manager');
    const form = await manager.get(`/reports/annual/improvements/new?year=${YEAR}`);
    expect(form.statusCode).toBe(200);
    const before = await report(`year=${YEAR}`);

    const bad = await manager.post('/reports/annual/improvements', { year: String(YEAR), title: ' ', owner: 'Civil Penalty team manager', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('Enter what will be improved');
    expect(bad.body).toContain('must be a real date');

    const saved = await manager.post('/reports/annual/improvements', { year: String(YEAR), title: '+Publish the monthly detection analysis', owner: 'Civil Penalty team manager', 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2027' });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe(`/reports/annual?year=${YEAR}#section-improvements`);
    expect((await manager.get(String(saved.headers.location).split('#')[0]!)).body).toContain('Planned improvement saved');

    // Refused to others, and nothing recorded.
    const analystPost = await analyst.post('/reports/annual/improvements', { year: String(YEAR), title: 'Not mine', owner: 'x', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2027' });
    expect(analystPost.statusCode).toBe(403);

    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
    const after = await report(`year=${YEAR}`);
    expect(figureOf(before, 'improvements.planned').value).toBe(0);
    expect(figureOf(after, 'improvements.planned').value).toBe(1);
    const list = await manager.get(figureOf(after, 'improvements.planned').records);
    expect(list.body).toContain('Civil Penalty team manager · 31 March 2027');
    const csvCells = (parse((await manager.get(`${figureOf(after, 'improvements.planned').records}&format=csv`)).body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
    expect(csvCells).toContain("'+Publish the monthly detection analysis");
    const page = await manager.get(`/reports/annual?year=${YEAR}`);
    expect(page.body).toContain('+Publish the monthly detection analysis');
    expect(page.body).toContain('31 March 2027');
    expect(after.plannedImprovements).toEqual([{ id: expect.any(String), title: '+Publish the monthly detection analysis', owner: 'Civil Penalty team manager', dueOn: '2027-03-31', status: 'planned', closedOn: null }]);
    const pdf = await extractPdf((await manager.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(after.asOf)}&format=pdf`)).rawPayload);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('+Publish the monthly detection analysis (Civil Penalty team manager, due date 31 March 2027; planned)');
    // The earlier report, as of its own asOf, still has none.
    expect(figureOf(await report(`year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}`), 'improvements.planned').value).toBe(0);
  });
});

describe('changing, completing and withdrawing a planned improvement', () => {
  it('changes it with a version check, marks it done or withdraws it, and the report gives each its status as of its asOf', async () => {
    const manager = await WebClient.signedIn(t.app, 'manager');
    const plan = async (title: string) => {
      const saved = await manager.post('/reports/annual/improvements', { year: String(YEAR), title, owner: 'Civil Penalty team manager', 'dueOn-day': '30', 'dueOn-month': '6', 'dueOn-year': '2027' });
      expect(saved.statusCode).toBe(303);
      return rowsOf<{ id: string }>(await t.database.db.execute(sql`select payload->>'improvementId' as id from events where type = 'ImprovementPlanned' and payload->>'title' = ${title}`))[0]!.id;
    };
    const kept = await plan('Publish the annual report by June');
    const dropped = await plan('Survey hauliers by post');
    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
    const asPlanned = await report(`year=${YEAR}`);

    const form = await manager.get(`/reports/annual/improvements/${kept}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('Publish the annual report by June');
    // Errors beside their fields, nothing saved.
    const bad = await manager.post(`/reports/annual/improvements/${kept}`, { version: '1', title: '', owner: 'x', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('must be a real date');
    const changed = await manager.post(`/reports/annual/improvements/${kept}`, { version: '1', title: 'Publish the annual report by July', owner: 'Head of Civil Penalties', 'dueOn-day': '31', 'dueOn-month': '7', 'dueOn-year': '2027' });
    expect(changed.statusCode, changed.body.slice(0, 400)).toBe(303);
    // A second edit from the same (now stale) page is refused, and changes nothing.
    const stale = await manager.post(`/reports/annual/improvements/${kept}`, { version: '1', title: 'Overwritten', owner: 'Someone else', 'dueOn-day': '1', 'dueOn-month': '8', 'dueOn-year': '2027' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this improvement');
    expect((await improvementsService(t.database.db).get(kept))!.state.title).toBe('Publish the annual report by July');
    // Done; then withdrawing or changing it is refused.
    expect((await manager.post(`/reports/annual/improvements/${kept}/done`, { version: '2' })).statusCode).toBe(303);
    expect((await manager.post(`/reports/annual/improvements/${kept}/withdraw`, { version: '3', reason: 'x' })).statusCode).toBe(422);
    // Withdrawing needs a reason.
    const noReason = await manager.post(`/reports/annual/improvements/${dropped}/withdraw`, { version: '1', reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Enter why it is withdrawn');
    expect((await manager.post(`/reports/annual/improvements/${dropped}/withdraw`, { version: '1', reason: 'Replaced by the online survey' })).statusCode).toBe(303);
    // Others may not; an unknown one is not found.
    expect((await analyst.post(`/reports/annual/improvements/${dropped}/done`, { version: '2' })).statusCode).toBe(403);
    expect((await manager.get('/reports/annual/improvements/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await manager.get('/reports/annual/improvements/not-an-id')).statusCode).toBe(404);

    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
    const now = await report(`year=${YEAR}`);
    const byTitle = (r: AnnualReport) => Object.fromEntries(r.plannedImprovements.map((i) => [i.id, i]));
    expect(byTitle(now)[kept]).toMatchObject({ title: 'Publish the annual report by July', owner: 'Head of Civil Penalties', dueOn: '2027-07-31', status: 'done' });
    expect(byTitle(now)[dropped]).toMatchObject({ status: 'withdrawn' });
    expect(figureOf(now, 'improvements.done').value).toBe(1);
    expect(figureOf(now, 'improvements.withdrawn').value).toBe(1);
    // As of before the edits, as planned.
    const again = await report(`year=${YEAR}&asOf=${encodeURIComponent(asPlanned.asOf)}`);
    expect(byTitle(again)[kept]).toMatchObject({ title: 'Publish the annual report by June', status: 'planned', closedOn: null });
    expect(figureOf(again, 'improvements.done').value).toBe(0);
    const page = await manager.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(now.asOf)}`);
    expect(page.body).toMatch(/data-status="withdrawn"[^>]*>Withdrawn \(/);
    expect(page.body).toMatch(/data-status="done"[^>]*>Done \(/);
  });
});

describe('the feedback themes page', () => {
  it('lists the comments not yet themed, refuses no choice, an unknown theme and a stale version, and themes one', async () => {
    const id = await giveFeedback('dissatisfied', 'The letter was only in English');
    const page = await analyst.get('/reports/annual/feedback-themes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The letter was only in English');
    expect(page.body).toContain(`name="feedbackId" value="${id}"`);
    const none = await analyst.post('/reports/annual/feedback-themes', { feedbackId: id, version: '1' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('govuk-error-summary');
    expect(none.body).toContain(`href="#theme-${id}"`);
    expect((await analyst.post('/reports/annual/feedback-themes', { feedbackId: id, theme: 'weather', version: '1' })).statusCode).toBe(422);
    expect((await analyst.post('/reports/annual/feedback-themes', { feedbackId: id, theme: 'language', version: '7' })).statusCode).toBe(409);
    expect((await analyst.post('/reports/annual/feedback-themes', { feedbackId: '00000000-0000-4000-8000-000000000000', theme: 'language', version: '1' })).statusCode).toBe(404);
    const saved = await analyst.post('/reports/annual/feedback-themes', { feedbackId: id, theme: 'language', version: '1' });
    expect(saved.statusCode).toBe(303);
    expect((await analyst.get('/reports/annual/feedback-themes')).body).not.toContain('The letter was only in English');
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get('/reports/annual/feedback-themes')).statusCode).toBe(403);
    expect((await caseworker.post('/reports/annual/feedback-themes', { feedbackId: id, theme: 'letters', version: '2' })).statusCode).toBe(403);
  });
});

describe('recommendations 7, 7a–7d', () => {
  it('show this year’s annual report, linked at the asOf the reading was taken, and the figures agree with the report there', async () => {
    await t.services.recommendations.preload({ actor: SYSTEM_ACTOR, now: t.clock.now() });
    for (const number of ['7', '7a', '7b', '7c', '7d']) {
      const page = await analyst.get(`/recommendations/${seedRecommendationId('clandestine-entrants-2025', number)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body, number).not.toContain('This figure is not available in Cordon yet.');
      const link = /id="figure-link" href="([^"]+)">([^<]+)<\/a>/.exec(page.body);
      expect(link, number).not.toBeNull();
      const href = link![1]!.replace(/&amp;/g, '&');
      const query = new URL(href, 'http://x').searchParams;
      const linked = await report(`year=${query.get('year')}&asOf=${encodeURIComponent(query.get('asOf')!)}`);
      const value = (name: string) => figureOf(linked, name).value;
      expect(link![2], number).toBe(`${linked.year}: ${value('searches.total')} vehicles searched, ${value('incidents.total')} incidents referred, ${value('penalties.imposed')} penalties imposed`);
    }
  });
});
