import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openCase, signInAs } from '../../../test/support/casework.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate, ukLocalToInstant } from '../../domain/reference/uk-date.js';
import { shiftOf } from '../../domain/incident/shifts.js';
import { incidents, searches } from './schema.js';

/* Issue #14 item 1: the managers' team view, by port and shift (`/incidents/team`). */

let t: TestApp;
let manager: WebClient;
let officerName: string;
let draftId: string;
/** The shift and shift day the draft and the sent incident were recorded in (they are recorded now). */
let recordedIn: { shift: string; day: string };
// Two days ago, so that its night shift (to 6am the next morning) is over whatever the hour.
const day = addDays(ukDate(new Date()), -2);
const dateQuery = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `date-day=${Number(d)}&date-month=${Number(m)}&date-year=${y}`;
};
/** The text of one shift's section of the page. */
const section = (body: string, shift: string) => {
  const start = body.indexOf(`id="shift-${shift}"`);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
};

function search(at: string, port: string, result: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/searches',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
    payload: JSON.stringify({ searchedAt: at, port, lane: '3', vehicleKind: 'hgv', tractorRegistration: 'WGM 4521K', tractorCountry: 'PL', selectionReason: 'hub-target', methods: ['dog'], ...(result === 'nothing-found' ? {} : { detectingMethod: 'dog' }), searchedBy: 'border-force', result }),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  manager = await WebClient.signedIn(t.app, 'manager');
  const user = (await t.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
  // The day's shifts at Dover: two early searches (one a find), one late; a night search at Coquelles.
  for (const [time, onDay, port, result] of [
    ['07:15', day, 'DVR', 'clandestine-entrants'],
    ['09:40', day, 'DVR', 'nothing-found'],
    ['15:05', day, 'DVR', 'nothing-found'],
    ['02:30', addDays(day, 1), 'CQF', 'not-secured'],
  ] as const) {
    expect((await search(ukLocalToInstant(onDay, time)!, port, result)).statusCode).toBe(201);
  }
  // The searches came through the API: recorded under the officer's API token.
  officerName = (await t.database.db.select({ name: searches.recordedByName }).from(searches).limit(1))[0]!.name;
  const draft = await t.services.borderEvents.saveDraft({ incident: { kind: 'port', port: 'DVR', offences: ['S32'] } }, { actor: { id: user.id, name: user.displayName, roles: user.roles } });
  if (!draft.ok) throw new Error(draft.message);
  draftId = draft.value.incidentId;
  await openCase(t, { port: 'DVR' });
  const [row] = await t.database.db.select({ createdAt: incidents.createdAt }).from(incidents).where(eq(incidents.id, draftId));
  recordedIn = shiftOf(row!.createdAt);
});
afterAll(async () => t?.close());

describe('the team view at the border', () => {
  it('shows a port’s shift day by shift: counts of searches, finds, incidents sent and drafts, and each officer', async () => {
    const page = await manager.get(`/incidents/team?port=DVR&${dateQuery(day)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<option value="DVR" selected>Dover<\/option>/);
    const early = section(page.body, 'early');
    expect(early).toContain('Early shift, 06:00 to 14:00');
    expect(early).toContain('Searches 2 Finds 1 Incidents sent 0 Drafts not sent 0');
    expect(early).toContain(`${officerName} : 2 searches, 1 find, 0 incidents sent, 0 drafts not sent`);
    expect(section(page.body, 'late')).toContain('Searches 1 Finds 0');
    // The Coquelles search that night is not Dover's.
    expect(section(page.body, 'night')).toContain('Searches 0 Finds 0');
    expect(section(page.body, 'night')).toContain('Nothing recorded on this shift.');
  });

  it('puts a search after midnight in the night shift of the day before, and shows all ports by default', async () => {
    const page = await manager.get(`/incidents/team?${dateQuery(day)}`);
    expect(page.body).toContain('All ports:');
    expect(section(page.body, 'night')).toContain('Searches 1 Finds 1');
    expect(section(page.body, 'early')).toContain('Searches 2 Finds 1');
    const nextDay = await manager.get(`/incidents/team?${dateQuery(addDays(day, 1))}`);
    expect(section(nextDay.body, 'night')).toContain('Searches 0');
  });

  it('shows the shifts under way now by default, with the drafts not sent, which a manager opens', async () => {
    const page = await manager.get(recordedIn.day === shiftOf(new Date()).day ? '/incidents/team' : `/incidents/team?${dateQuery(recordedIn.day)}`);
    expect(page.statusCode).toBe(200);
    const shift = section(page.body, recordedIn.shift);
    expect(shift).toContain('Incidents sent 1 Drafts not sent 1');
    expect(page.body).toContain(`href="/incidents/${draftId}"`);
    expect((await manager.get(`/incidents/${draftId}`)).statusCode).toBe(200);
  });

  it('shows a senior officer the drafts without a link (only managers open them)', async () => {
    const senior = await WebClient.signedIn(t.app, 'senior-officer');
    const page = await senior.get(`/incidents/team?${dateQuery(recordedIn.day)}`);
    expect(page.statusCode).toBe(200);
    expect(section(page.body, recordedIn.shift)).toContain('Draft started');
    expect(page.body).not.toContain(`href="/incidents/${draftId}"`);
  });

  it('is for managers and senior officers only, and is in their navigation', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get('/incidents/team')).statusCode).toBe(403);
    const caseworker = await signInAs(t, 'team-view-caseworker', ['caseworker-eo']);
    expect((await caseworker.get('/incidents/team')).statusCode).toBe(403);
    const home = await manager.get('/dashboard');
    expect(home.body).toMatch(/href="\/incidents\/team"[^>]*>\s*Team at the border/);
  });

  it('answers an impossible or future date, an unknown port and a repeated filter with 400 and the reason beside the field', async () => {
    const impossible = await manager.get('/incidents/team?date-day=31&date-month=2&date-year=2026');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('href="#date-day"');
    expect(impossible.body).toMatch(/id="date-error"[\s\S]*?The date must be a real date, for example 27 3 2026/);
    expect(impossible.body).toContain('value="31"');
    const future = await manager.get(`/incidents/team?${dateQuery(addDays(ukDate(new Date()), 3))}`);
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('The date must be today or in the past');
    const port = await manager.get('/incidents/team?port=XXX');
    expect(port.statusCode).toBe(400);
    expect(port.body).toMatch(/id="port-error"[\s\S]*?Choose a port from the list, or all ports/);
    const repeated = await manager.get('/incidents/team?port=DVR&port=CQF');
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain('Send each of these parameters once: port');
    const nul = await manager.get('/incidents/team?port=DV%00R&date-day=1%00');
    expect(nul.statusCode).toBe(400);
  });
});
