import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { searches } from '../../intake/schema.js';
import { generateDetectionRecords, type GeneratedDetectionRecords, type GeneratedIncident, type GeneratedSearch } from '../../../../test/support/detection-records.js';
import { extractPdf } from '../../../platform/pdf/pdf-text.testing.js';
import { shiftOf } from '../../../domain/incident/shifts.js';
import { claimsOrAppearsChild, isPotentialVictim, type PersonFoundRecord } from '../../../domain/incident/people-found.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { DETECTION_RESULTS, MEASURES, parseFigure, type Measure, type ParsedFigure } from './catalogue.js';
import { percent, type Figure, type RateFigure } from '../figure.js';
import { detectionReport, type DetectionReport } from './report.js';
import { detectionCsv, detectionHtml, detectionPdf, spreadsheetSafe } from './exports.js';
import { detectionReportOutput } from './output.js';
import { readScope } from './query.js';

/*
 * Issue #17 item 2 and its acceptance: on generated searches, incidents, people found and earlier
 * crossings with known contents, every figure of the monthly detection analysis equals the count of
 * the records its link lists, and the count worked out here from the generated records without the
 * code under test; the same asOf gives the same output; rates have no value when nothing is below
 * them; the CSV opens a formula as text.
 */

const MONTH = '2026-10';
// October 2026 in UK time: 1 October 00:00 BST to 1 November 00:00 GMT (the clocks went back on 25 October).
const FROM = new Date('2026-09-30T23:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');
const AS_OF = '2026-11-05T12:00:00.000Z';

let t: TestApp;
let manager: WebClient;
let analyst: WebClient;
let g: GeneratedDetectionRecords;
let report: DetectionReport;
let firstBody: string;

function api(url: string, role = 'analyst') {
  return t.app.inject({ method: 'GET', url, headers: bearer(role) });
}

beforeAll(async () => {
  t = await createTestApp();
  const officer = (await t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
  // Searches from three days before the month to three days after it, so some fall outside it.
  g = await generateDetectionRecords(t.database.db, {
    seed: 17,
    from: new Date(FROM.getTime() - 3 * 86_400_000),
    to: new Date(TO.getTime() + 3 * 86_400_000),
    count: 600,
    incidents: 90,
    fromDay: '2026-09-28',
    toDay: '2026-11-03',
    officerId: officer.id,
  });
  manager = await WebClient.signedIn(t.app, 'manager');
  analyst = await WebClient.signedIn(t.app, 'analyst');
  const response = await api(`/api/v1/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}`);
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  report = response.json();
  firstBody = response.body;
}, 120_000);
afterAll(async () => t?.close());

// ---- What each figure should be, worked out from the generated records alone. ----

const asOf = new Date(AS_OF);
const inMonth = (s: GeneratedSearch) => s.searchedAt >= FROM && s.searchedAt < TO && s.recordedAt <= asOf;
const sent = (i: GeneratedIncident) => i.status === 'submitted' && i.submittedAt !== null && i.submittedAt <= asOf && i.incidentDate >= '2026-10-01' && i.incidentDate < '2026-11-01';

function searchMatches(s: GeneratedSearch, f: ParsedFigure): boolean {
  if (f.measure === 'detections' && !(DETECTION_RESULTS as readonly string[]).includes(s.result)) return false;
  const v = f.value ?? null;
  switch (f.dimension) {
    case null:
      return true;
    case 'port':
      return s.port === v;
    case 'lane':
      return s.lane === v;
    case 'method':
      return v !== null && s.methods.includes(v);
    case 'detectingMethod':
      return s.detectingMethod === v;
    case 'selection':
      return s.selectionReason === v;
    case 'shift':
      return shiftOf(s.searchedAt).shift === v;
    case 'vehicle':
      return s.vehicleKind === v;
    default:
      throw new Error(`no ${f.dimension} for searches`);
  }
}

function incidentMatches(i: GeneratedIncident, f: ParsedFigure): boolean {
  if (f.measure === 'riskToLife' && !(i.data.riskToLife?.length)) return false;
  const v = f.value ?? null;
  switch (f.dimension) {
    case null:
      return true;
    case 'port':
      return i.port === v;
    case 'place':
      return i.kind === v;
    case 'selection':
      return (i.data.selectionReason ?? null) === v;
    case 'detectingMethod':
      return (i.data.detectingMethod ?? null) === v;
    case 'vehicle':
      return (i.data.vehicleKind ?? null) === v;
    case 'concealment':
      return v !== null && (i.data.concealment ?? []).includes(v);
    case 'risk':
      return v !== null && (i.data.riskToLife ?? []).includes(v);
    default:
      throw new Error(`no ${f.dimension} for incidents`);
  }
}

function expected(f: ParsedFigure): number {
  const kind = MEASURES[f.measure].kind;
  if (kind === 'search') return g.searches.filter((s) => inMonth(s) && searchMatches(s, f)).length;
  if (kind === 'failure') {
    const byId = new Map(g.searches.map((s) => [s.id, s]));
    return g.crossings.filter((c) => c.outcome === 'confirmed' && c.decidedAt <= asOf && c.searchId && inMonth(byId.get(c.searchId)!) && searchMatches(byId.get(c.searchId)!, { ...f, measure: 'searches' })).length;
  }
  const incidents = g.incidents.filter((i) => sent(i) && incidentMatches(i, f));
  if (f.measure === 'incidents' || f.measure === 'riskToLife') return incidents.length;
  if (f.measure === 'entrants') return incidents.reduce((sum, i) => sum + (i.data.clandestineEntrants ?? 0), 0);
  const people = incidents.flatMap((i) => i.people.map((p) => ({ i, p })));
  const record = (p: (typeof people)[number]['p']): PersonFoundRecord => ({ ...(p.details as Omit<PersonFoundRecord, 'apparentChild' | 'potentialVictimOfTrafficking'>), apparentChild: p.apparentChild, potentialVictimOfTrafficking: p.potentialVictimOfTrafficking, nrmReferralReference: p.nrmReferralReference });
  switch (f.measure) {
    case 'people':
      return people.length;
    case 'children':
      return people.filter(({ i, p }) => claimsOrAppearsChild(record(p), i.incidentDate)).length;
    case 'victims':
      return people.filter(({ p }) => isPotentialVictim(record(p))).length;
    case 'nrmReferrals':
      return people.filter(({ p }) => p.details.nrmReferred ?? p.nrmReferralReference !== null).length;
    default:
      throw new Error(`unexpected ${f.measure}`);
  }
}

const isRate = (f: Figure): f is RateFigure => f.unit === 'percent';

describe('the monthly detection analysis on generated records', () => {
  it('has the figures the analysis asks for, with records to count', () => {
    const names = report.figures.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ['searches.total', 'detections.total', 'failures.total', 'incidents.total', 'entrants.total', 'people.total', 'children.total', 'victims.total', 'nrmReferrals.total', 'riskToLife.total', 'detectionRate.total', 'searches.shift.night', 'detections.vehicle.hgv', 'failures.selection.hub-target', 'detectionRate.method.dog', 'foundByRate.method.dog', 'incidents.place.inland', 'incidents.risk.refrigerated']) {
      expect(names, name).toContain(name);
    }
    expect(report.asOf).toBe(AS_OF);
    expect(report.month).toBe(MONTH);
    // The generated month is not empty and not everything: records outside the month or recorded after asOf are left out.
    const all = (name: string) => report.figures.find((f) => f.name === name)!.value!;
    expect(all('searches.total')).toBeGreaterThan(300);
    expect(all('searches.total')).toBeLessThan(g.searches.length);
    expect(all('failures.total')).toBeGreaterThan(0);
    expect(all('children.total')).toBeGreaterThan(0);
  });

  it('gives every count figure the number worked out from the generated records', () => {
    const counts = report.figures.filter((f) => !isRate(f));
    expect(counts.length).toBeGreaterThan(150);
    const wrong = counts.map((f) => ({ name: f.name, value: f.value, expected: expected(parseFigure(f.name)!) })).filter((c) => c.value !== c.expected);
    expect(wrong).toEqual([]);
  });

  it('lists behind every count figure exactly the records it counts (the manager follows every link)', async () => {
    const counts = report.figures.filter((f) => !isRate(f));
    const mismatches: string[] = [];
    for (const figure of counts) {
      // Every page of the list (200 a page).
      const pages: string[] = [];
      let total = 0;
      for (let n = 1; n <= 10; n += 1) {
        const page = await manager.get(`${figure.records}&page=${n}`);
        if (page.statusCode !== 200) {
          mismatches.push(`${figure.name} page ${n}: ${page.statusCode}`);
          break;
        }
        pages.push(page.body);
        total = Number(/data-total="(\d+)"/.exec(page.body)?.[1]);
        if (n * 200 >= total) break;
      }
      const rows = pages.flatMap((body) => [...body.matchAll(/<tr class="govuk-table__row" data-record="([^"]+)">([\s\S]*?)<\/tr>/g)]);
      const listed = rows.map((m) => m[1]);
      expect(new Set(listed).size, figure.name).toBe(listed.length);
      expect(listed.length, figure.name).toBe(total);
      if ((MEASURES[parseFigure(figure.name)!.measure] as Measure).sum) {
        // A sum: the figure is the sum of the listed records' entrants.
        const entrantsColumn = 6;
        const sum = rows.reduce((s, m) => s + Number([...m[2]!.matchAll(/<td class="govuk-table__cell"[^>]*>([^<]*)<\/td>/g)][entrantsColumn]?.[1]), 0);
        if (sum !== figure.value) mismatches.push(`${figure.name}: ${figure.value} but the records sum to ${sum}`);
      } else if (listed.length !== figure.value) mismatches.push(`${figure.name}: ${figure.value} but ${listed.length} listed`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('works each rate out from its two figures, with no rate (null, not NaN) when nothing is below it', () => {
    const byName = new Map(report.figures.map((f) => [f.name, f]));
    const rates = report.figures.filter(isRate);
    expect(rates.length).toBeGreaterThan(30);
    for (const rate of rates) {
      const numerator = byName.get(rate.numerator)!.value!;
      const denominator = byName.get(rate.denominator)!.value!;
      expect(rate.value, rate.name).toBe(denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10);
      expect(rate.records).toBe(byName.get(rate.numerator)!.records);
    }
    // No search was selected by a contractor's screening in the generated month: no rate, and JSON says null.
    expect(byName.get('searches.selection.contractor-referral')!.value).toBe(0);
    expect(byName.get('detectionRate.selection.contractor-referral')!.value).toBeNull();
    expect(percent(0, 0)).toBeNull();
    expect(percent(1, 0)).toBeNull();
    expect(percent(1, 3)).toBe(33.3);
    const csv = detectionCsv(report);
    expect(csv).not.toMatch(/NaN|Infinity/);
    expect(csv).toContain('detectionRate.selection.contractor-referral,,percent');
  });

  it('gives the same output for the same asOf twice, and leaves out what was recorded after it', async () => {
    const url = `/api/v1/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}`;
    const again = await api(url);
    expect(again.body).toBe(firstBody);
    const csv1 = await api(`${url}&format=csv`);
    // A search carried out in the month but recorded now: not in the figures as of AS_OF, in them as of now.
    const officer = (await t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
    await t.database.db.insert(searches).values({
      id: randomUUID(), searchedAt: new Date('2026-10-10T10:00:00Z'), portCode: 'DVR', vehicleKind: 'hgv', selectionReason: 'random', methods: ['dog'], searchedBy: 'border-force',
      result: 'nothing-found', recordedById: officer.id, recordedByName: 'Late officer', recordedAt: new Date(),
    });
    const later = await api(url);
    expect(later.body).toBe(firstBody);
    const csv2 = await api(`${url}&format=csv`);
    expect(csv2.body).toBe(csv1.body);
    const pdf1 = await api(`${url}&format=pdf`);
    const pdf2 = await api(`${url}&format=pdf`);
    expect(pdf1.rawPayload.equals(pdf2.rawPayload)).toBe(true);
    // A minute and more later: the late search can be counted (an as-of time must be a minute old).
    t.clock.set(new Date(Date.now() + 120_000));
    const now = await api(`/api/v1/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(new Date(Date.now() + 30_000).toISOString())}`);
    const nowReport: DetectionReport = now.json();
    // Counted as of now: the late search, and the generated ones recorded after 5 November.
    expect(nowReport.figures.find((f) => f.name === 'searches.total')!.value).toBe(g.searches.filter((s) => s.searchedAt >= FROM && s.searchedAt < TO).length + 1);
    expect(Date.parse(nowReport.asOf)).toBeLessThanOrEqual(t.clock.now().getTime() - 60_000);
  });

  it('answers the command line with the same figures, and CSV, HTML and PDF', async () => {
    const json = await detectionReportOutput(t.database.db, { month: MONTH, asOf: AS_OF, format: 'json', origin: 'https://cordon.example' }, new Date());
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const fromCli = JSON.parse(String(json.body)) as DetectionReport;
    expect(fromCli.figures.map((f) => [f.name, f.value])).toEqual(report.figures.map((f) => [f.name, f.value]));
    expect(fromCli.figures[0]!.records.startsWith(`https://cordon.example/reports/detection/${MONTH}/figures/`)).toBe(true);
    const html = await detectionReportOutput(t.database.db, { month: MONTH, asOf: AS_OF, format: 'html' }, new Date());
    expect(html.ok && String(html.body)).toContain('data-figure="searches.total"');
    const pdf = await detectionReportOutput(t.database.db, { month: MONTH, asOf: AS_OF, format: 'pdf' }, new Date());
    if (!pdf.ok) throw new Error('no PDF');
    const text = (await extractPdf(pdf.body as Buffer)).text;
    expect(text).toContain('Monthly detection analysis: October 2026');
    expect(text).toContain('By selection');
    const bad = await detectionReportOutput(t.database.db, { month: '2026-13', format: 'xml' }, new Date());
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['month', 'format']);
  });
});

describe('the CSV export', () => {
  it('writes a cell beginning with =, +, - or @ as text, and plain numbers as numbers', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(spreadsheetSafe('+SUM(1)')).toBe("'+SUM(1)");
    expect(spreadsheetSafe('-2+3')).toBe("'-2+3");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('-12.5')).toBe('-12.5');
    const crafted: DetectionReport = { ...report, figures: [{ name: '=cmd|calc', value: 1, unit: 'vehicles', records: '@x' }], labels: { '=cmd|calc': '+Lane =1+2' } };
    const lines = detectionCsv(crafted).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(`${MONTH},${AS_OF},'+Lane =1+2,'=cmd|calc,1,vehicles,'@x`);
  });

  it('downloads from the page for a manager, with the lane "=1+2" never starting a cell', async () => {
    const csv = await manager.get(`/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const cells = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).flatMap((line) => line.split(','));
    expect(cells.some((c) => c.includes('=1+2'))).toBe(true);
    expect(cells.filter((c) => /^"?[=+@]/.test(c))).toEqual([]);
  });

  it('gives the records behind a figure as CSV too: every record, the lane "=1+2" as text', async () => {
    const figure = report.figures.find((f) => f.name === 'searches.lane.=1+2')!;
    expect(figure.value).toBeGreaterThan(0);
    const csv = await manager.get(`${figure.records}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('Searched (UK time)');
    expect(lines.length - 1).toBe(figure.value);
    expect(lines.slice(1).every((line) => line.includes(",'=1+2,"))).toBe(true);
    expect((await manager.get(`${figure.records}&format=xls`)).statusCode).toBe(400);
  });
});

describe('the pages and the API', () => {
  it('shows the analysis to a manager and an analyst, each number a link to its records', async () => {
    const page = await analyst.get(`/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('October 2026');
    const linked = [...page.body.matchAll(/href="([^"]+)" data-figure="([^"]+)" data-value="([^"]*)"/g)];
    expect(linked.length).toBeGreaterThan(150);
    const searchesAll = linked.find((m) => m[2] === 'searches.total')!;
    expect(Number(searchesAll[3])).toBe(report.figures.find((f) => f.name === 'searches.total')!.value);
    expect(page.body).toContain('data-figure="detectionRate.selection.contractor-referral" data-value="">No rate');
    const byDefault = await manager.get('/reports/detection');
    expect(byDefault.statusCode).toBe(200);
  });

  it('has its words in Polish and Romanian too, with the same figures (staff pages are English, as the layout is)', async () => {
    const scope = { month: MONTH, asOf: new Date(AS_OF) };
    const polish = await detectionReport(t.database.db, scope, 'pl');
    expect(polish.sections[0]!.title).toBe('Przeszukania i wykrycia według portu');
    expect(polish.labels['searches.lane.(none)']).toBe('Przeszukania — Pas: Nie zapisano pasa');
    expect(polish.figures).toEqual(report.figures);
    const html = detectionHtml(polish);
    expect(html).toContain('<html lang="pl">');
    expect(html).toContain('Miesięczna analiza wykryć: październik 2026');
    const romanian = await detectionReport(t.database.db, scope, 'ro');
    const text = (await extractPdf(await detectionPdf(romanian))).text;
    expect(text).toContain('Analiza lunară a depistărilor');
    expect(text).toContain('Rata de depistare');
    const page = await manager.get(`/reports/detection?month=${MONTH}&asOf=${encodeURIComponent(AS_OF)}`);
    expect(page.body).toContain('Searches and detections by port');
  });

  it('keeps the people found from an analyst (their number is in the report), and the report from caseworkers', async () => {
    const people = report.figures.find((f) => f.name === 'children.total')!;
    expect((await analyst.get(people.records)).statusCode).toBe(403);
    expect((await manager.get(people.records)).statusCode).toBe(200);
    const searchesAll = report.figures.find((f) => f.name === 'searches.total')!;
    expect((await analyst.get(searchesAll.records)).statusCode).toBe(200);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/reports/detection?month=${MONTH}`)).statusCode).toBe(403);
    expect((await api(`/api/v1/reports/detection?month=${MONTH}`, 'caseworker-eo')).statusCode).toBe(403);
  });

  it('refuses a wrong month, a future or malformed as-of time, an unknown figure or format, with the reason by the field', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    for (const [query, field] of [
      ['month=2026-13', 'month'],
      ['month=2026-1', 'month'],
      [`month=${MONTH}&asOf=${encodeURIComponent(future)}`, 'asOf'],
      [`month=${MONTH}&asOf=yesterday`, 'asOf'],
      [`month=${MONTH}&asOf=2026-02-30T00:00:00Z`, 'asOf'],
      [`month=2026-11&asOf=${encodeURIComponent('2026-10-20T00:00:00Z')}`, 'month'],
    ] as const) {
      const page = await manager.get(`/reports/detection?${query}`);
      expect(page.statusCode, query).toBe(400);
      expect(page.body, query).toContain(`href="#${field}"`);
      const answer = await api(`/api/v1/reports/detection?${query}`);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A parameter sent twice is refused by the server before the route (query-string.ts); the route's own reading refuses it too.
    expect((await manager.get(`/reports/detection?month=${MONTH}&month=2026-09`)).statusCode).toBe(400);
    expect(readScope({ month: [MONTH, '2026-09'] }, new Date())).toMatchObject({ ok: false, problems: [{ field: 'month', message: 'Give month once' }] });
    expect((await api(`/api/v1/reports/detection?month=${MONTH}&format=xml`)).statusCode).toBe(400);
    expect((await api('/api/v1/reports/detection')).statusCode).toBe(400);
    for (const figure of ['searches', 'nothing.total', 'searches.colour.red', 'searches.selection.bribe', 'incidents.lane.7', `searches.port.${'X'.repeat(30)}`, 'failures.place.inland']) {
      const page = await manager.get(`/reports/detection/${MONTH}/figures/${encodeURIComponent(figure)}?asOf=${encodeURIComponent(AS_OF)}`);
      expect(page.statusCode, figure).toBe(400);
    }
    const badPage = await manager.get(`/reports/detection/${MONTH}/figures/searches.total?asOf=${encodeURIComponent(AS_OF)}&page=0`);
    expect(badPage.statusCode).toBe(400);
    expect((await manager.get(`/reports/detection/2026-13/figures/searches.total?asOf=${encodeURIComponent(AS_OF)}`)).statusCode).toBe(400);
    expect((await manager.get(`/reports/detection?month=${MONTH}&format=xml`)).statusCode).toBe(400);
  });

  it('reads the month and as-of time: the last whole month and a minute ago unless given', () => {
    const now = new Date('2026-12-05T12:00:30Z');
    const scope = readScope({}, now);
    expect(scope).toEqual({ ok: true, month: '2026-11', asOf: new Date('2026-12-05T11:59:30Z') });
    expect(readScope({ month: '2026-12' }, now).ok).toBe(true);
    expect(readScope({ month: '2027-01' }, now).ok).toBe(false);
    expect(ukDate(new Date(AS_OF))).toBe('2026-11-05');
  });
});

describe('a search recorded through the service', () => {
  it('counts in its month once recorded, and not as of a time before it was recorded; an as-of time under a minute ago is refused', async () => {
    // Before the search is recorded, whichever clock stamps it (the service's is ahead of the real one here).
    const before = new Date(Math.min(Date.now(), t.clock.now().getTime()) - 1000).toISOString();
    const searchedAt = new Date(t.clock.now().getTime() - 60 * 60_000).toISOString();
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/searches',
      headers: { ...bearer('port-officer'), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      payload: JSON.stringify({ searchedAt, port: 'HLY', lane: '3', vehicleKind: 'coach', tractorRegistration: 'AB12 CDE', tractorCountry: 'GB', selectionReason: 'random', methods: ['dog'], searchedBy: 'border-force', result: 'clandestine-entrants', detectingMethod: 'dog' }),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const month = ukDate(new Date(searchedAt)).slice(0, 7);
    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
    const now = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const figureOf = async (at: string, name: string) => ((await api(`/api/v1/reports/detection?month=${month}&asOf=${encodeURIComponent(at)}`)).json() as DetectionReport).figures.find((f) => f.name === name)?.value ?? 0;
    expect(await figureOf(now, 'detections.port.HLY')).toBe(1);
    expect(await figureOf(now, 'detections.vehicle.coach')).toBeGreaterThanOrEqual(1);
    expect(await figureOf(before, 'detections.port.HLY')).toBe(0);
    const tooRecent = await api(`/api/v1/reports/detection?month=${month}&asOf=${encodeURIComponent(new Date(t.clock.now().getTime() - 10_000).toISOString())}`);
    expect(tooRecent.statusCode).toBe(400);
  });
});
