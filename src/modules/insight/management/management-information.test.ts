import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../../test/support/app.js';
import { addDays } from '../../../domain/clock/calendar-date.js';
import { outstandingPence } from '../../../domain/liability/liability-state.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import type { Actor } from '../../../platform/events/event-store.js';
import { checkMissedInstalments } from '../../finance/missed-instalments.js';
import { MANAGEMENT_SECTIONS } from './sections.js';
import type { ManagementReport } from './report.js';

/*
 * The management information dashboard on data made through the real commands (the border's
 * incident report, the casework steps with `cases.act`, each on its day of the case's life, the
 * finance officer's referral to the debt agency on its page): every figure of MANAGEMENT_SECTIONS
 * must equal what its records page lists, and the same asOf must give the same CSV.
 */

const AGE = 130;
let t: TestApp;
let analyst: WebClient;
let incidentDate: string;
let from: string;
let to: string;
let report: ManagementReport;
let csvText: string;
const actors: Record<'caseworker' | 'assurer' | 'senior' | 'finance' | 'port', Actor> = {} as never;
const NASTY = '=HYPERLINK("http://evil.example","x")';
const DRIVERS = ['Piotr Nowak', 'Ion Popescu', 'Jonas Petraitis', 'Hans Becker'];
let seq = 0;

const on = (n: number) => new Date(Date.parse(`${addDays(incidentDate, n)}T12:00:00Z`));

async function act(reference: string, liabilityIds: string[], action: Record<string, unknown> & { type: string }, actor: Actor, day: number) {
  const outcome = await t.services.cases.act({ reference, liabilityIds, action }, { actor, now: on(day) });
  if (!outcome.ok) throw new Error(`${reference} ${action.type}: ${outcome.message} ${JSON.stringify('errors' in outcome ? outcome.errors : '')}`);
}

const stateOf = async (reference: string, liabilityId: string) => (await t.services.cases.caseFile(reference))!.states.get(liabilityId)!;
const owed = async (reference: string, liabilityId: string) => outstandingPence(await stateOf(reference, liabilityId))!;
const payment = (amountPence: number, day: number) => ({ type: 'recordPayment', amountPence, receivedOn: addDays(incidentDate, day), method: 'bank-transfer', reference: `INV-${seq}-${day}-${amountPence}`, paidBy: 'recipient' });

interface Seeded { reference: string; owner: string; driver: string }

/**
 * An S31A case reported by the border at `port` for `company`, walked to imposition on day 44. `draft`
 * gives each person's extra penalty facts (and the CPAS answer); `between` runs after drafting, before approval.
 */
async function imposedCase(company: string, port: string, draft: (role: string) => { facts: Record<string, unknown>; cpas?: Record<string, unknown> }, between?: (s: Seeded) => Promise<void>): Promise<Seeded> {
  seq += 1;
  const persons = [
    { role: 'driver', kind: 'person', name: DRIVERS[(seq - 1) % DRIVERS.length], language: 'en', address: { line1: `${seq} Harbour Street`, town: 'Dover', postcode: 'CT17 9AA', country: 'GB' } },
    { role: 'owner', kind: 'organisation', name: company, language: 'en', address: { line1: `${seq} Dock Road`, town: 'Rotterdam', postcode: '3011', country: 'NL' } },
  ];
  const reported = await t.services.borderEvents.report(
    { kind: 'port', offences: ['S31A'], incidentDate, port, vehicleKind: 'hgv', tractorRegistration: `MI${seq} ABC`, tractorCountry: 'NL', requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' }, responsiblePersons: persons },
    { actor: actors.port, idempotencyKey: `mi-${seq}-${Math.random()}`, now: on(0) },
  );
  if (!reported.ok || !('value' in reported)) throw new Error(`incident not recorded: ${JSON.stringify(reported)}`);
  const reference = reported.value.caseReference;
  const file = (await t.services.cases.caseFile(reference))!;
  for (const row of file.liabilities) {
    const registered = await t.services.parties.register(
      { kind: row.role === 'driver' ? 'person' : 'organisation', name: row.partyName, ...(row.role === 'driver' ? {} : { country: 'NL' }) },
      { actor: actors.caseworker, idempotencyKey: `mi-party-${row.id}`, now: on(1) },
    );
    if (!registered.ok) throw new Error(registered.message);
    const linked = await t.services.cases.confirmLiabilityParty({ reference, liabilityId: row.id, partyId: registered.value.partyId, how: 'created-new' }, { actor: actors.caseworker, now: on(1) });
    if (!linked.ok) throw new Error(linked.message);
  }
  const all = file.liabilities.map((row) => row.id);
  const seeded = { reference, owner: file.liabilities.find((r) => r.role === 'owner')!.id, driver: file.liabilities.find((r) => r.role === 'driver')!.id };
  await act(reference, all, { type: 'checkNoticeDetails', checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] }, actors.assurer, 2);
  await act(reference, all, { type: 'sendInitialNotice' }, actors.caseworker, 2);
  await act(reference, all, { type: 'closeResponseWindow' }, actors.caseworker, 31);
  for (const row of file.liabilities) {
    const { facts, cpas } = draft(row.role);
    const penaltyFacts = { offence: 'S31A', incidentDate, role: row.role, vehicleKind: 'goods', previousPenalties: [], ...(row.role === 'driver' ? {} : { cpasMember: false }), compliedWithRegulations: false, ...facts };
    await act(reference, [row.id], { type: 'draftRecommendation', penaltyFacts, ...(cpas ? { cpas } : {}) }, actors.caseworker, 34);
  }
  if (between) await between(seeded);
  await act(reference, all, { type: 'approveRecommendation', checklist: ['party-and-address', 'dates', 'previous-penalties', 'compliance', 'amount'] }, actors.assurer, 39);
  await act(reference, all, { type: 'imposePenalty' }, actors.caseworker, 44);
  return seeded;
}

const figureOf = (r: ManagementReport, name: string) => r.figures.find((f) => f.name === name);
const sectionFigureNames = () => MANAGEMENT_SECTIONS.flatMap((s) => s.figures.map((f) => f.name));

beforeAll(async () => {
  t = await createTestApp();
  const today = ukDate(new Date());
  incidentDate = addDays(today, -AGE);
  from = addDays(incidentDate, -10);
  to = today;
  const users = await t.services.identity.listUsers();
  const user = (username: string): Actor => {
    const found = users.find((u) => u.username === username)!;
    return { id: found.id, name: found.displayName, roles: found.roles };
  };
  Object.assign(actors, { caseworker: user('caseworker-eo'), assurer: user('assurer-ho'), senior: user('senior-officer'), finance: user('finance-officer'), port: user('port-officer') });
  const f = actors.finance;

  // A: both complied with the regulations (two compliance reductions); the owner (a name that is a formula) pays in full; the driver agrees instalments and misses one (broken).
  const a = await imposedCase(NASTY, 'CQF', () => ({ facts: { compliedWithRegulations: true, presentOnJourney: undefined } }));
  await act(a.reference, [a.owner], payment(await owed(a.reference, a.owner), 50), f, 50);
  await act(a.reference, [a.driver], { type: 'confirmPaymentDue' }, actors.caseworker, 73);
  const driverOwes = await owed(a.reference, a.driver);
  await act(a.reference, [a.driver], { type: 'agreeInstalments', schedule: [{ dueOn: addDays(incidentDate, 100), amountPence: Math.floor(driverOwes / 2) }, { dueOn: addDays(incidentDate, 200), amountPence: driverOwes - Math.floor(driverOwes / 2) }] }, f, 80);
  const run = await checkMissedInstalments(t.database.db, t.services.cases, on(AGE - 5));
  expect(run.broken.map((b) => b.reference)).toContain(a.reference);

  // B: the owner a CPAS member (an override of the register, confirmed by a Senior Officer); it objects and the penalty is cancelled. The driver's penalty is written off.
  const b = await imposedCase(
    'Baltic Hauliers',
    'DVR',
    (role) => (role === 'owner' ? { facts: { cpasMember: true }, cpas: { source: 'override', member: true, status: 'notMember', reference: null, reason: 'Member since 2019, before the register' } } : { facts: {} }),
    async (s) => act(s.reference, [s.owner], { type: 'confirmCpasOverride', note: 'Certificate seen' }, actors.senior, 36),
  );
  await act(b.reference, [b.owner], { type: 'recordObjection', receivedOn: addDays(incidentDate, 50), grounds: '@The lorry had been sold' }, actors.caseworker, 50);
  await act(b.reference, [b.owner], { type: 'determineObjection', outcome: 'cancel', reasons: 'Sold before the incident' }, actors.assurer, 60);
  await act(b.reference, [b.owner], { type: 'assureObjectionDetermination', approve: true, checklist: ['dates', 'process', 'evidence', 'amount'] }, actors.senior, 60);
  await act(b.reference, [b.driver], { type: 'confirmPaymentDue' }, actors.caseworker, 73);
  await act(b.reference, [b.driver], { type: 'recordPaymentOverdue' }, f, 105);
  await act(b.reference, [b.driver], { type: 'proposeWriteOff', reason: 'uneconomic', explanation: 'Untraceable' }, f, 106);
  await act(b.reference, [b.driver], { type: 'approveWriteOff' }, actors.senior, 107);

  // C: discretion for the owner (self-declaration), approved by a Senior Officer; a part payment; the driver's penalty goes to the debt agency.
  const c = await imposedCase('Carpathian Cargo', 'CQF', (role) => (role === 'owner' ? { facts: { discretion: [{ percent: 25, reasonCode: 'self-declaration', approvedBy: 'Sam Senior' }] } } : { facts: {} }), async (s) =>
    act(s.reference, [s.owner], { type: 'approveDiscretion' }, actors.senior, 36),
  );
  await act(c.reference, [c.owner], payment(10_000, 60), f, 60);
  t.clock.set(new Date());
  const finance = await WebClient.signedIn(t.app, 'finance-officer');
  await finance.get('/finance/overdue');
  const referred = await finance.post('/finance/debt-referrals', { liabilityIds: [c.driver] });
  expect(referred.statusCode, referred.body.slice(0, 400)).toBe(303);

  // asOf: a second after the last event, with the clock two minutes on (an asOf must be a minute old).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const asOf = new Date().toISOString();
  t.clock.set(new Date(Date.now() + 120_000));
  analyst = await WebClient.signedIn(t.app, 'analyst');
  const response = await t.app.inject({ url: `/api/v1/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(asOf)}`, headers: bearer('analyst') });
  expect(response.statusCode, response.body).toBe(200);
  report = response.json() as ManagementReport;
  csvText = (await analyst.get(`/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}&format=csv`)).body;
}, 300_000);
afterAll(async () => t?.close());

describe('the management information dashboard on generated data', () => {
  it('gives every figure of its sections as name, value, unit and records link, with the period and asOf', () => {
    expect(report).toMatchObject({ report: 'management', from, to });
    for (const name of sectionFigureNames()) expect(figureOf(report, name), name).toBeDefined();
    for (const figure of report.figures) {
      expect(Object.keys(figure).sort()).toEqual(['name', 'records', 'unit', 'value']);
      expect(figure.records).toBe(`/reports/management/figures/${encodeURIComponent(figure.name)}?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}`);
    }
  });

  it('gives the known totals', () => {
    const value = (name: string) => figureOf(report, name)?.value;
    expect(value('mi.cases.total')).toBe(3);
    expect(value('mi.cases.offence.S31A')).toBe(3);
    expect(value('mi.cases.byPort[CQF]')).toBe(2);
    expect(value('mi.cases.byPort[DVR]')).toBe(1);
    expect(value('mi.penalties.calculated')).toBe(6);
    expect(value('mi.penalties.imposed')).toBe(6);
    expect(value('mi.penalties.cancelled')).toBe(1);
    expect(value('mi.penalties.writtenOff')).toBe(1);
    // The owner acted to ensure compliance (a reduction); the driver complied while present, which S31A does not reduce.
    expect(value('mi.reductions.compliance')).toBe(1);
    expect(value('mi.reductions.cpas')).toBe(1);
    expect(value('mi.reductions.discretion')).toBe(1);
    expect(value('mi.reductions.cpasAmount')).toBeGreaterThan(0);
    expect(value('mi.objections.received')).toBe(1);
    expect(value('mi.objections.cancel')).toBe(1);
    expect(value('mi.money.penalties.paid')).toBe(1);
    expect(value('mi.money.penalties.cancelled')).toBe(1);
    expect(value('mi.money.penalties.writtenOff')).toBe(1);
    expect(value('mi.money.penalties.debtRecovery')).toBe(1);
    expect(value('mi.money.penalties.outstanding')).toBe(2);
    expect(value('mi.money.writtenOff')).toBeGreaterThan(0);
    expect(value('mi.money.debtRecovery')).toBeGreaterThan(0);
    expect(value('mi.money.collected')).toBe(value('mi.money.paymentsReceived'));
    expect(value('mi.money.imposed')! - value('mi.money.reduced')! - value('mi.money.collected')!).toBe(value('mi.money.outstanding')! + value('mi.money.writtenOff')!);
    expect(value('mi.instalments.agreed')).toBe(1);
    expect(value('mi.instalments.broken')).toBe(1);
    expect(value('mi.discretion.total')).toBe(1);
    expect(value('mi.discretion.byReason[self-declaration]')).toBe(1);
    expect(value(`mi.discretion.byOfficer[${actors.caseworker.id}]`)).toBe(1);
    expect(value('mi.discretion.byPort[CQF]')).toBe(1);
  });

  it('lists behind every figure exactly the records it counts (or sums)', async () => {
    for (const figure of report.figures) {
      const page = await analyst.get(figure.records);
      expect(page.statusCode, `${figure.name}: ${page.body.slice(0, 300)}`).toBe(200);
      const listed = [...page.body.matchAll(/<tr class="govuk-table__row" data-record=/g)].length;
      expect(Number(/data-total="(\d+)"/.exec(page.body)?.[1]), figure.name).toBe(listed);
      expect(Number(/data-value="(\d+)"/.exec(page.body)?.[1]), figure.name).toBe(figure.value);
      if (figure.unit === 'pence') {
        const rows = (parse((await analyst.get(`${figure.records}&format=csv`)).body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).slice(3);
        expect(rows).toHaveLength(listed);
        expect(rows.reduce((sum, row) => sum + Math.round(Number(row[3]) * 100), 0), figure.name).toBe(figure.value);
      } else {
        expect(listed, figure.name).toBe(figure.value);
      }
    }
  });

  it('shows the page with a chart and a table per group, each number a link to its records', async () => {
    const page = await analyst.get(`/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg class="cordon-bar-chart"');
    expect(page.body).toContain('aria-hidden="true"');
    const links = new Map([...page.body.matchAll(/data-value="(\d+)" href="([^"]+)"/g)].map((m) => [m[2]!.replace(/&amp;/g, '&'), Number(m[1])]));
    for (const figure of report.figures) expect(links.get(figure.records), figure.name).toBe(figure.value);
    expect(page.body).toMatch(/>£\d[\d,]*\.\d{2}</);
  });

  it('gives the same CSV for the same asOf after more events arrive', async () => {
    const more = await t.services.borderEvents.report(
      { kind: 'port', offences: ['S31A'], incidentDate, port: 'CQF', vehicleKind: 'hgv', tractorRegistration: 'MI9 LATE', tractorCountry: 'NL', requirements: { 'seals-unique-numbers': 'not-met' }, responsiblePersons: [
        { role: 'driver', kind: 'person', name: 'Late Driver', language: 'en', address: { line1: '1 Street', town: 'Dover', postcode: 'CT17 9AA', country: 'GB' } },
        { role: 'owner', kind: 'organisation', name: 'Late Owner Ltd', language: 'en', address: { line1: '2 Street', town: 'Dover', postcode: 'CT17 9AB', country: 'GB' } },
      ] },
      { actor: actors.port, idempotencyKey: `mi-late-${Math.random()}`, now: t.clock.now() },
    );
    expect(more.ok, JSON.stringify(more)).toBe(true);
    const again = await analyst.get(`/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}&format=csv`);
    expect(again.body).toBe(csvText);
    const api = await t.app.inject({ url: `/api/v1/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}`, headers: bearer('manager') });
    expect(api.json()).toEqual(report);
  });

  it('writes a name that begins with =, +, - or @ as text in the CSV and the XLSX', async () => {
    const owners = figureOf(report, 'mi.money.penalties.paid')!;
    const cells = (parse((await analyst.get(`${owners.records}&format=csv`)).body.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][]).flat();
    expect(cells.some((cell) => cell.startsWith(`'${NASTY}`))).toBe(true);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
    for (const url of [`${owners.records}&format=xlsx`, `${figureOf(report, 'mi.objections.received')!.records}&format=xlsx`, `/reports/management?from=${from}&to=${to}&asOf=${encodeURIComponent(report.asOf)}&format=xlsx`]) {
      const response = await analyst.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as never);
      const sheet = workbook.worksheets[0]!;
      let texts = 0;
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, String(cell.value)).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') {
            texts += 1;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.value, cell.value).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
          }
        }),
      );
      expect(texts).toBeGreaterThan(0);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await analyst.get(`${owners.records}&format=xlsx`)).rawPayload as never);
    const values: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.some((v) => typeof v === 'string' && v.startsWith(`'${NASTY}`))).toBe(true);
    const collected = new ExcelJS.Workbook();
    await collected.xlsx.load((await analyst.get(`${figureOf(report, 'mi.money.collected')!.records}&format=xlsx`)).rawPayload as never);
    const amounts: number[] = [];
    collected.worksheets[0]!.eachRow((row) => row.eachCell((cell) => (typeof cell.value === 'number' ? amounts.push(cell.value) : undefined)));
    expect(Math.round(amounts.reduce((sum, v) => sum + v, 0) * 100)).toBe(figureOf(report, 'mi.money.collected')!.value);
  });

  it('refuses bad dates, a period the wrong way round, repeated parameters and an unsettled asOf, never with a 500', async () => {
    const bad = ['from=2026-02-30', 'to=2026-13-01', `from=${to}&to=${from}`, 'from=2026-01-01&from=2026-02-01', 'asOf=2026-01-01T00:00:00Z&asOf=2026-01-02T00:00:00Z', `asOf=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, 'from=%00', 'to=99999-01-01', 'format=exe'];
    for (const query of bad) {
      const page = await analyst.get(`/reports/management?${query}`);
      expect(page.statusCode, query).toBe(400);
      // A repeated parameter or a NUL byte is refused by the platform before the page (a 400 of its own); everything else by the page, with its error summary.
      if (!/(\w+)=[^&]*&\1=|%00/.test(query)) expect(page.body, query).toContain('govuk-error-summary');
      if (query !== 'format=exe') {
        const api = await t.app.inject({ url: `/api/v1/reports/management?${query}`, headers: bearer('analyst') });
        expect(api.statusCode, query).toBe(400);
        expect(api.headers['content-type']).toContain('application/problem+json');
      }
      expect((await analyst.get(`/reports/management/figures/mi.cases.total?${query}`)).statusCode, query).toBe(400);
    }
    expect((await analyst.get(`/reports/management?from=${to}&to=${from}`)).body).toContain('must be the same as or after');
    expect((await analyst.get('/reports/management/figures/no.such.figure')).statusCode).toBe(404);
    expect((await analyst.get('/reports/management/figures/mi.nothing[x]')).statusCode).toBe(404);
  });

  it('shows the dashboard to analysts and managers (the last twelve whole months by default), not to caseworkers', async () => {
    const page = await analyst.get('/reports/management');
    expect(page.statusCode).toBe(200);
    const thisMonth = `${ukDate(t.clock.now()).slice(0, 7)}-01`;
    expect(page.body).toContain(`data-to="${addDays(thisMonth, -1)}"`);
    expect(page.body).toContain('href="/reports/management"');
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get('/reports/management')).statusCode).toBe(200);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get('/reports/management')).statusCode).toBe(403);
    expect((await caseworker.get(figureOf(report, 'mi.cases.total')!.records)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/reports/management', headers: bearer('caseworker-eo') })).statusCode).toBe(403);
  });
});
