import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { openCase } from '../../../../test/support/casework.js';
import { imposedCases } from '../../../../test/support/finance.js';
import { extractPdf } from '../../../platform/pdf/pdf-text.testing.js';
import { ANNUAL_FIGURES } from './definitions.js';
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

async function giveFeedback(satisfaction: 'very-satisfied' | 'satisfied' | 'dissatisfied') {
  const outcome = await t.services.feedback.give({ satisfaction, comments: '@SUM(1+1) was easy', from: null, language: 'en' });
  expect(outcome.ok).toBe(true);
}

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
  // Incidents: two imposed (S31A, not secured; driver and owner each: four penalties), one with three entrants (S32), one more S31A.
  const [alpha] = await imposedCases(t, ['Alpha Haulage Sp. z o.o.', NASTY_COMPANY], { key: 'insight' });
  // A part payment on one penalty: collected and uncollected debt are both more than nothing.
  const paid = await t.services.cases.act(
    { reference: alpha!.reference, liabilityIds: [alpha!.owner.id], action: { type: 'recordPayment', amountPence: 12_345, receivedOn: dayOf(46), method: 'bank-transfer', reference: 'INV-ANNUAL-1', paidBy: 'recipient' } },
    { actor: { id: 'finance-test', name: 'Fiona Finance', roles: ['finance-officer'] }, now: new Date(at(46)) },
  );
  expect(paid.ok, JSON.stringify(paid)).toBe(true);
  t.clock.set(new Date(at(50)));
  await openCase(t, { incidentDate: dayOf(1), offences: ['S32'], clandestineEntrants: 3 });
  await openCase(t, { incidentDate: dayOf(2), offences: ['S31A'] });
  await giveFeedback('very-satisfied');
  await giveFeedback('satisfied');
  await giveFeedback('dissatisfied');
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
    expect(first.figures.map((f) => f.name)).toEqual(ANNUAL_FIGURES.map((d) => d.name));
    for (const figure of first.figures) {
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
      'incidents.total': 4,
      'incidents.entrants': 3,
      'incidents.notSecured': 3,
      'penalties.imposed': 4,
      'objections.successful': 0,
      'appeals.unsuccessful': 0,
      'feedback.total': 3,
      'feedback.satisfied': 2,
      'feedback.dissatisfied': 1,
    });
    expect(values['penalties.imposedAmount']).toBeGreaterThan(0);
    expect(values['payments.collected']).toBe(12_345);
    expect(values['debt.collected']).toBe(12_345);
    expect(values['debt.outstanding']).toBe(values['penalties.imposedAmount']! - 12_345);
    expect(values['debt.writtenOff']).toBe(0);
  });

  it('lists behind every figure exactly the records it counts (or sums)', async () => {
    for (const figure of first.figures) {
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
    expect(figureOf(later, 'incidents.total').value).toBe(5);
    expect(figureOf(later, 'feedback.satisfied').value).toBe(3);
  });

  it('writes a name that begins with =, +, - or @ in its CSV as text', async () => {
    const list = await analyst.get(`${figureOf(first, 'incidents.total').records}&format=csv`);
    expect(list.headers['content-type']).toMatch(/^text\/csv/);
    const cells = (parse(list.body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
    const details = cells.filter((cell) => cell.includes('HYPERLINK'));
    expect(details.length).toBe(1);
    expect(details[0]!.startsWith(`'${NASTY_COMPANY}`)).toBe(true);
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
    for (const figure of first.figures) expect(html).toContain(`href="https://cordon.example${figure.records.replace(/&/g, '&amp;')}" data-value="${figure.value}"`);
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
    const links = [...page.body.matchAll(/data-value="(\d+)" href="([^"]+)"/g)].map((m) => ({ value: Number(m[1]), href: m[2]!.replace(/&amp;/g, '&') }));
    expect(links).toEqual(first.figures.map((f) => ({ value: f.value, href: f.records })));
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
    expect(after.plannedImprovements).toEqual([{ title: '+Publish the monthly detection analysis', owner: 'Civil Penalty team manager', dueOn: '2027-03-31' }]);
    const pdf = await extractPdf((await manager.get(`/reports/annual?year=${YEAR}&asOf=${encodeURIComponent(after.asOf)}&format=pdf`)).rawPayload);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('+Publish the monthly detection analysis (Civil Penalty team manager, due date 31 March 2027)');
    // The earlier report, as of its own asOf, still has none.
    expect(figureOf(await report(`year=${YEAR}&asOf=${encodeURIComponent(first.asOf)}`), 'improvements.planned').value).toBe(0);
  });
});
