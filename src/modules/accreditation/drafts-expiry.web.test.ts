import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_DRAFTS_EXPIRED, applicationDrafts } from './apply-drafts.js';

/*
 * Saved application drafts are kept 60 days after their last change (README-apply.md): the
 * save-and-return email says until when, in the applicant's language, and the daily
 * `accreditation-drafts-expired` job deletes them after that day, once, on a settable clock.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.freeze(new Date('2026-12-05T10:00:00Z'));
});
afterAll(async () => t?.close());

const BASE = '/accreditation/apply';

function emailsTo(to: string): { to: string; subject: string; body: string }[] {
  const folder = t.outbox.folder;
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')))
    .filter((m) => m.to === to);
}

async function savedDraft(email: string, language = 'en') {
  const client = new WebClient(t.app);
  await client.get(`${BASE}?lang=${language}`);
  expect((await client.post(`${BASE}/start`, {})).statusCode).toBe(303);
  await client.get(`${BASE}/save`);
  const saved = await client.post(`${BASE}/save`, { email });
  expect(saved.statusCode).toBe(200);
  return client;
}

/** What the job runner does each poll: queue today's scheduled jobs (once a day), run what is due. */
async function poll() {
  await t.services.jobs.enqueueScheduled();
  return t.services.jobs.runUntilIdle();
}

describe('expired application drafts', () => {
  it('the save-and-return email says until when the answers are kept, as "3 February 2027", and in Polish', async () => {
    await savedDraft('kept@drafts.example');
    const [english] = emailsTo('kept@drafts.example');
    expect(english?.body).toContain('We keep your answers until 3 February 2027.');
    await savedDraft('zachowany@drafts.example', 'pl');
    const [polish] = emailsTo('zachowany@drafts.example');
    expect(polish?.body).toContain('Przechowujemy Twoje odpowiedzi do 3 lutego 2027');
  });

  it('the daily job deletes drafts the day after their last day, keeps newer ones, and runs once a day', async () => {
    const drafts = applicationDrafts(t.database.db, { clock: t.clock });
    const before = await drafts.count();
    expect(before).toBeGreaterThanOrEqual(2);

    // On the last day they are kept (3 February 2027), the job removes nothing.
    t.clock.set(new Date('2027-02-03T09:00:00Z'));
    const fresh = await savedDraft('later@drafts.example');
    await poll();
    expect(await drafts.count()).toBe(before + 1);

    // The next day, the job of the day runs once: the two older drafts are gone, the newer one stays and still opens.
    t.clock.set(new Date('2027-02-04T11:00:00Z'));
    const run = await poll();
    expect(run.done).toBeGreaterThanOrEqual(1);
    expect(await drafts.count()).toBe(1);
    expect((await fresh.get(`${BASE}/tasks`)).statusCode).toBe(200);
    const [job] = (await t.services.jobs.waiting()).filter((j) => j.kind === ACCREDITATION_DRAFTS_EXPIRED);
    expect(job, 'nothing of the day is left waiting').toBeUndefined();

    // Another poll the same day queues nothing again.
    expect((await poll()).done).toBe(0);

    // And the newer one goes 60 days after its own last change.
    t.clock.set(new Date('2027-04-05T08:00:00Z'));
    await poll();
    expect(await drafts.count()).toBe(0);
    expect((await fresh.get(`${BASE}/tasks`)).headers.location).toBe(BASE);
  });
});
