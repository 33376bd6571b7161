import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { errorSummary } from '../../../test/support/casework.js';

let t: TestApp;
let officer: WebClient;
const searchCount = async () => Number(((await t.database.db.execute('select count(*)::int as n from searches' as never)) as unknown as { rows: { n: number }[] }).rows[0]!.n);

const search = (date: Record<string, string>) => ({
  port: 'CQF',
  ...date,
  time: '14:05',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  selectionReason: 'officer-selected',
  methods: 'heartbeat',
  searchedBy: 'border-force',
  result: 'nothing-found',
});

beforeAll(async () => {
  t = await createTestApp();
  officer = await WebClient.signedIn(t.app, 'port-officer');
});
afterAll(async () => t?.close());

describe('the search form’s date (the GOV.UK date input)', () => {
  it('asks for the day, month and year in three boxes, filled with today', async () => {
    const page = await officer.get('/searches/new');
    expect(page.statusCode).toBe(200);
    for (const part of ['day', 'month', 'year']) expect(page.body).toContain(`name="date-${part}"`);
    expect(page.body).not.toMatch(/name="date" /);
  });

  it('refuses an impossible date beside the field, and records nothing', async () => {
    await officer.get('/searches/new');
    const before = await searchCount();
    const refused = await officer.post('/searches', search({ 'date-day': '30', 'date-month': '2', 'date-year': '2026' }));
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('The date of the search must be a real date');
    expect(refused.body).toContain('href="#date-day"');
    expect(refused.body).toMatch(/id="date-error"[\s\S]*?must be a real date/);
    // What was typed is kept, so the officer corrects one box.
    expect(refused.body).toMatch(/name="date-day"[^>]*value="30"|value="30"[^>]*name="date-day"/);
    const missing = await officer.post('/searches', search({ 'date-day': '3', 'date-month': '', 'date-year': '2026' }));
    expect(errorSummary(missing.body)).toContain('The date of the search must include a month');
    expect(await searchCount()).toBe(before);
  });

  it('records a search on a real date', async () => {
    await officer.get('/searches/new');
    const before = await searchCount();
    const recorded = await officer.post('/searches', search({ 'date-day': '3', 'date-month': '12', 'date-year': '2026' }));
    expect(recorded.statusCode, errorSummary(recorded.body)).toBe(303);
    expect(await searchCount()).toBe(before + 1);
    const [row] = await t.services.borderEvents.recentSearches((await t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!.id, 1);
    expect(row!.searchedAt.toISOString()).toBe('2026-12-03T14:05:00.000Z');
  });
});

describe('the officer’s own records and drafts (where they land)', () => {
  it('lists their drafts and latest searches, never another officer’s draft', async () => {
    const actorFor = async (username: string) => {
      const user = (await t.services.identity.listUsers()).find((u) => u.username === username)!;
      return { id: user.id, name: user.displayName, roles: user.roles };
    };
    const mine = await t.services.borderEvents.saveDraft({ incident: { kind: 'port', offences: ['S32'], tractorRegistration: 'MINE 123' } }, { actor: await actorFor('port-officer') });
    const theirs = await t.services.borderEvents.saveDraft({ incident: { kind: 'inland', offences: ['S32'], tractorRegistration: 'THEIRS 9' } }, { actor: await actorFor('police-officer') });
    expect(mine.ok && theirs.ok).toBe(true);
    const page = await officer.get('/incidents');
    expect(page.statusCode).toBe(200);
    const drafts = page.body.slice(page.body.indexOf('Drafts to finish'), page.body.indexOf('Incidents you recorded'));
    expect(drafts).toContain('MINE 123');
    expect(drafts).toContain(`href="/incidents/${mine.ok ? mine.value.incidentId : ''}"`);
    expect(page.body).not.toContain('THEIRS 9');
    // The search recorded above, with its result in words.
    expect(page.body.slice(page.body.indexOf('Your latest searches'))).toContain('WGM 4521K – Nothing found');
  });
});
