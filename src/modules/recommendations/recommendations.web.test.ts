import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { rowsOf } from '../../platform/database/client.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';
import { executeCommand } from '../../platform/events/command.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { recordRecommendation } from './commands.js';
import { SEED, seedRecommendationId } from './service.js';

/*
 * The register through its pages: the pre-load (idempotent), the list and its filters, the owners'
 * overdue and unverified views, closing (evidence and a later check date, errors beside their
 * fields), the check on or after its date, stale versions, the linked figure and the CSV export.
 * The clock is pinned to noon UTC so days add without crossing midnight.
 */

let t: TestApp;
let manager: WebClient;
let analyst: WebClient;
const today = () => ukDate(t.clock.now());
const idOf = (number: string) => seedRecommendationId('clandestine-entrants-2025', number);
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};
const versionOn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
const countOf = async (query: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.database.db.execute(query))[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`));
  await t.services.recommendations.preload({ actor: SYSTEM_ACTOR, now: t.clock.now() });
  manager = await WebClient.signedIn(t.app, 'manager');
  analyst = await WebClient.signedIn(t.app, 'analyst');
}, 120_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set(new Date(`${today()}T12:00:00Z`)));

describe('the pre-load', () => {
  it('records every recommendation of the seed documents once, and a second run changes nothing', async () => {
    const events = () => countOf(sql`select count(*)::int as n from events where stream_type = 'recommendation'`);
    const before = await events();
    expect(await countOf(sql`select count(*)::int as n from recommendations`)).toBe(SEED.recommendations.length);
    expect(await t.services.recommendations.preload({ actor: SYSTEM_ACTOR, now: t.clock.now() })).toEqual({ recorded: 0, alreadyThere: SEED.recommendations.length });
    expect(await events()).toBe(before);
  });

  it('keeps each document’s response as it states it, and "not stated" where it states none', async () => {
    const page = await t.services.recommendations.get(seedRecommendationId('lorry-drops-2016', '5'));
    expect(page).toMatchObject({ response: 'accepted', responseWording: 'Accepted, implemented in part', responseParagraph: '5.1' });
    expect(await t.services.recommendations.get(seedRecommendationId('south-coast-seaports-2018', '7'))).toMatchObject({ response: 'partly-accepted', text: expect.stringContaining('Set specific deadlines') });
    expect(await t.services.recommendations.get(idOf('6d'))).toMatchObject({ response: 'not-stated', responseWording: null, paragraph: '3.15', figure: 'accreditation.decisionsWithinTime' });
  });
});

describe('the list', () => {
  it('shows the register to managers and analysts, filtered by response, and to no one else', async () => {
    const all = await analyst.get('/recommendations');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.body).toContain(`data-count="${SEED.recommendations.length}"`);
    expect(all.body).toContain('Recommendation 6d');
    const partly = await analyst.get('/recommendations?response=partly-accepted');
    expect(partly.body).toContain(`data-count="${SEED.recommendations.filter((r) => r.response === 'partly-accepted').length}"`);
    expect((await analyst.get('/recommendations?response=maybe&status=nonsense&view=%3Cx%3E&owner=%27%20or%201%3D1')).statusCode).toBe(200);
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get('/recommendations')).statusCode).toBe(403);
  });

  it('shows an owner the recommendations overdue, and only theirs under "mine"', async () => {
    const managerUser = (await t.services.identity.listUsers()).find((u) => u.username === 'manager')!;
    const assigned = await t.services.recommendations.assignOwner(idOf('4'), { ownerId: managerUser.id, dueDate: addDays(today(), -3) }, { actor: { id: managerUser.id, name: managerUser.displayName, roles: managerUser.roles }, now: t.clock.now() });
    expect(assigned.ok).toBe(true);
    const overdue = await manager.get('/recommendations?owner=me&view=overdue');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).toContain(`data-id="${idOf('4')}"`);
    expect(overdue.body).toContain('Days overdue: 3');
    const notTheirs = await analyst.get('/recommendations?owner=me&view=overdue');
    expect(notTheirs.body).not.toContain(`data-id="${idOf('4')}"`);
    expect((await analyst.get('/recommendations?view=overdue')).body).toContain(`data-id="${idOf('4')}"`);
  });
});

describe('a recommendation’s page and its steps', () => {
  it('refuses to close without evidence, with the message beside the evidence, and changes nothing', async () => {
    const id = idOf('2b');
    const form = await manager.get(`/recommendations/${id}/close`);
    expect(form.statusCode).toBe(200);
    const refused = await manager.post(`/recommendations/${id}/close`, { version: versionOn(form.body), ...dateFields('embeddedCheckDue', addDays(today(), 180)) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#evidence-needed"');
    expect(refused.body).toMatch(/id="evidence-error">[^<]*<span class="govuk-visually-hidden">Error:<\/span> Record evidence that it has been done before closing the recommendation/);
    expect(await t.services.recommendations.get(id)).toMatchObject({ status: 'open', version: 1 });
  });

  it('refuses a check date that is not after today, beside the date', async () => {
    const id = idOf('2c');
    const form = await manager.get(`/recommendations/${id}/evidence/new`);
    expect((await manager.post(`/recommendations/${id}/evidence`, { version: versionOn(form.body), description: 'Research commissioned', link: 'https://www.gov.uk/research' })).statusCode).toBe(303);
    const close = await manager.get(`/recommendations/${id}/close`);
    const refused = await manager.post(`/recommendations/${id}/close`, { version: versionOn(close.body), ...dateFields('embeddedCheckDue', today()) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#embeddedCheckDue-day"');
    expect(refused.body).toContain('The date to check it is still embedded must be after today');
  });

  it('closes on evidence, lists it as unverified, and takes the check only from its date', async () => {
    const id = idOf('3a');
    const evidenceForm = await manager.get(`/recommendations/${id}/evidence/new`);
    const recorded = await manager.post(`/recommendations/${id}/evidence`, { version: versionOn(evidenceForm.body), description: 'IFC part 2 booked within 3 months for every new officer', link: '/training' });
    expect(recorded.statusCode).toBe(303);
    expect((await manager.get(`/recommendations/${id}`)).body).toContain('Evidence recorded for recommendation 3a');
    const checkOn = addDays(today(), 90);
    const close = await manager.get(`/recommendations/${id}/close`);
    const closed = await manager.post(`/recommendations/${id}/close`, { version: versionOn(close.body), summary: 'Booked centrally', ...dateFields('embeddedCheckDue', checkOn) });
    expect(closed.statusCode, closed.body).toBe(303);
    const page = await manager.get(`/recommendations/${id}`);
    expect(page.body).toContain('Recommendation 3a closed');
    expect(page.body).toContain('Closed, not yet checked');
    expect(page.body).toContain('id="check-later"');
    expect((await analyst.get('/recommendations?view=unverified')).body).toContain(`data-id="${id}"`);

    // Before its date the check is refused; on it, recorded.
    const early = await manager.get(`/recommendations/${id}/check`);
    const tooSoon = await manager.post(`/recommendations/${id}/check`, { version: versionOn(early.body), embedded: 'yes' });
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.body).toContain('The check is not due yet');
    t.clock.set(new Date(`${checkOn}T12:00:00Z`));
    const due = await manager.get(`/recommendations/${id}/check`);
    const notes = await manager.post(`/recommendations/${id}/check`, { version: versionOn(due.body), embedded: 'no' });
    expect(notes.statusCode).toBe(422);
    expect(notes.body).toContain('href="#notes"');
    const checked = await manager.post(`/recommendations/${id}/check`, { version: versionOn(due.body), embedded: 'yes', notes: 'All 12 officers since booked in time' });
    expect(checked.statusCode).toBe(303);
    const after = await manager.get(`/recommendations/${id}`);
    expect(after.body).toContain('Closed and still embedded');
    expect(after.body).toContain('Checked: still embedded.');
    expect(after.body).toContain('Entered in the register.');
    expect((await analyst.get('/recommendations?view=unverified')).body).not.toContain(`data-id="${id}"`);
  });

  it('answers a stale version with 409 and records nothing', async () => {
    const id = idOf('5');
    const form = await manager.get(`/recommendations/${id}/evidence/new`);
    const version = versionOn(form.body);
    expect((await manager.post(`/recommendations/${id}/evidence`, { version, description: 'Review started' })).statusCode).toBe(303);
    const stale = await manager.post(`/recommendations/${id}/evidence`, { version, description: 'Review finished' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this recommendation');
    expect((await t.services.recommendations.get(id))!.evidence.map((e) => e.description)).toEqual(['Review started']);
  });

  it('adds an action and marks it done, and lets only managers change anything', async () => {
    const id = idOf('6c');
    const form = await manager.get(`/recommendations/${id}/actions/new`);
    const added = await manager.post(`/recommendations/${id}/actions`, { version: versionOn(form.body), actionId: /name="actionId" value="([^"]+)"/.exec(form.body)![1]!, description: 'Publish the toolkit', ...dateFields('dueDate', addDays(today(), 10)) });
    expect(added.statusCode).toBe(303);
    const page = await t.services.recommendations.get(id);
    expect(page!.actions).toHaveLength(1);
    const done = await manager.post(`/recommendations/${id}/actions/${page!.actions[0]!.id}/complete`, { version: String(page!.version) });
    expect(done.statusCode).toBe(303);
    expect((await t.services.recommendations.get(id))!.actions[0]!.completedOn).toBe(today());
    expect((await analyst.get(`/recommendations/${id}/actions/new`)).statusCode).toBe(403);
    expect((await analyst.post(`/recommendations/${id}/actions`, { version: '3', description: 'x' })).statusCode).toBe(403);
    expect((await manager.get('/recommendations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('shows the linked figure as it is now, with the records behind it', async () => {
    const page = await analyst.get(`/recommendations/${idOf('6d')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Accreditation (CPAS) applications decided within 30 days this year');
    expect(page.body).toMatch(/id="figure-link" href="\/accreditation\/applications\/decided\?period=year&amp;within=yes">0 of 0 decided within 30 days<\/a>/);
    // 7 reads this year's annual report (nothing recorded in it here), linked to the report at the asOf it was read.
    const seven = (await analyst.get(`/recommendations/${idOf('7')}`)).body;
    const year = today().slice(0, 4);
    expect(seven).toMatch(new RegExp(`id="figure-link" href="/reports/annual\\?year=${year}&amp;asOf=${year}-[^"]+">${year}: 0 vehicles searched, 0 incidents referred, 0 penalties imposed</a>`));
    expect(seven).not.toContain('This figure is not available in Cordon yet.');
  });
});

describe('the export', () => {
  it('is a CSV of the filtered register in which a cell beginning =, +, - or @ opens as text', async () => {
    const recorded = await executeCommand(
      t.database.db,
      recordRecommendation,
      { recommendationId: '00000000-0000-4000-8000-00000000e001', inspection: { id: 'formula-test', title: '@SUM(A1:A9)', year: 2026 }, number: '+A1', text: '=HYPERLINK("http://evil.example","click")', response: 'accepted', responseWording: '-2+3' },
      { actor: SYSTEM_ACTOR, now: t.clock.now() },
    );
    expect(recorded.ok).toBe(true);
    const response = await analyst.get('/recommendations/export.csv?inspection=formula-test');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(response.body.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    expect(rows[0]![0]).toBe('Inspection');
    expect(rows).toHaveLength(2);
    const [title, year, number, text, , wording] = rows[1]!;
    // "-2+3" is no plain number, so it too is written as text; a plain number ("2026") is left as it is.
    expect([title, year, number, text, wording]).toEqual(["'@SUM(A1:A9)", '2026', "'+A1", `'=HYPERLINK("http://evil.example","click")`, "'-2+3"]);
    const everything = parse((await analyst.get('/recommendations/export.csv')).body.replace(/^\uFEFF/, '')) as string[][];
    expect(everything).toHaveLength(SEED.recommendations.length + 2);
  });
});

describe('the read tables after all these steps', () => {
  it('are what the events make', async () => {
    expect((await rebuildProjections(t.database.db, projectors)).differences).toEqual([]);
  });
});
