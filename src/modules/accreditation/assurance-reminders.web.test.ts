import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { events } from '../../platform/events/schema.js';
import { OutboxMailer, type Email, type Mailer } from '../../platform/notify/mailer.js';
import { ACCREDITATION_CHECK_REMINDERS } from './assurance-reminders.js';

/*
 * Reminders of members' periodic re-checks (policy `accreditation.recheckEveryMonths`, 12, and
 * `recheckReminderDays`, 30) on a settable clock: the daily job emails the assurance team once per
 * due check when it is due within 30 days (not a day earlier), never again for the same check
 * (later days, overdue), records it as an event and shows it on the member's page; the list shows
 * the check due soon; a check recorded moves the due date, and the next check is reminded of in
 * its turn; a failed send is tried again.
 */

class FlakyMailer implements Mailer {
  readonly channel = 'outbox' as const;
  failures = 0;
  constructor(readonly inner: OutboxMailer) {}
  async send(email: Email) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('Notify is not answering');
    }
    return this.inner.send(email);
  }
}

let t: TestApp;
let mailer: FlakyMailer;
const EO = { id: 'eo-assurance', name: 'Assessor', roles: ['caseworker-eo'] };
const TEAM = 'penalty-team@cordon.invalid';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');

const reminders = (): { to: string; subject: string; body: string }[] =>
  fs.existsSync(mailer.inner.folder)
    ? fs
        .readdirSync(mailer.inner.folder)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(fs.readFileSync(path.join(mailer.inner.folder, f), 'utf8')))
        .filter((m) => m.to === TEAM)
    : [];

const on = (day: string) => t.clock.freeze(new Date(`${day}T08:00:00Z`));

/** What the runner does each poll: queue the day's scheduled jobs (once a day), run what is due. */
async function poll() {
  await t.services.jobs.enqueueScheduled();
  return t.services.jobs.runUntilIdle();
}

async function member(name: string): Promise<string> {
  const submitted = await t.services.accreditation.submit(
    {
      language: 'en',
      company: { name, country: 'PL', addressLines: ['ul. Rzeczna 1', 'Poznań'], postcode: '60-001', operatorLicence: `PL/${name}`, contactName: 'Jan Nowak', email: `${name.toLowerCase().replace(/\W/g, '')}@example.pl`, phone: null, numberOfDrivers: 2 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((area) => [area, { description: `How: ${area}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c1', 'c2', 'c3'] },
      declaration: true,
    },
    { channel: 'online' },
  );
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const { reference } = submitted.value;
  for (const area of ACCREDITATION_AREAS) expect((await t.services.accreditation.act(reference, 'assessArea', { area, outcome: 'met', notes: '' }, { actor: EO })).ok).toBe(true);
  const accepted = await t.services.accreditation.act(reference, 'accept', {}, { actor: EO });
  if (!accepted.ok) throw new Error(JSON.stringify(accepted));
  return (await t.services.accreditation.get(reference))!.partyId!;
}

const parties: Record<string, string> = {};

beforeAll(async () => {
  mailer = new FlakyMailer(new OutboxMailer(fs.mkdtempSync(path.join(os.tmpdir(), 'cordon-cpas-reminders-'))));
  t = await createTestApp({ mailer });
  on('2026-01-05');
  parties.warta = await member('Warta Haulage');
  on('2026-06-01');
  parties.pilica = await member('Pilica Freight');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(mailer.inner.folder, { recursive: true, force: true });
});

describe('reminders of members’ checks', () => {
  it('emails the assurance team once when a check comes within 30 days of its due date, records it, and shows it', async () => {
    // Warta's first check is due 12 months after it joined: 5 January 2027. 31 days before: nothing.
    on('2026-12-05');
    await poll();
    expect(reminders()).toEqual([]);

    on('2026-12-06');
    const run = await poll();
    expect(run.failed).toBe(0);
    const sent = reminders();
    expect(sent.map((m) => m.subject)).toEqual(['CPAS member check due by 5 January 2027: Warta Haulage']);
    expect(sent[0]!.body).toContain('Warta Haulage (application CPAS-2026-00001, a member since 5 January 2026) is due its next check by 5 January 2027.');
    expect(sent[0]!.body).toContain('No check has been recorded since the company joined.');
    expect(sent[0]!.body).toContain(`/accreditation/assurance/${parties.warta}`);

    const recorded = await t.database.db.select().from(events).where(eq(events.streamId, `accreditation-check-reminder-${parties.warta}-2027-01-05`));
    expect(recorded.map((e) => [e.type, (e.payload as { dueOn: string; overdue: boolean; to: string }).dueOn, (e.payload as { overdue: boolean }).overdue, (e.payload as { to: string }).to])).toEqual([
      ['MemberCheckReminderSent', '2027-01-05', false, TEAM],
    ]);

    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    const list = await eo.get('/accreditation/assurance');
    expect(text(list.body)).toContain('2 members, 0 due now, 1 due within 30 days');
    expect(list.body).toMatch(/assurance-due-soon">Due in 30 days</);
    const page = await eo.get(`/accreditation/assurance/${parties.warta}`);
    expect(text(page.body)).toContain(`Reminder emailed to ${TEAM} on 6 December 2026`);
    expect(text((await eo.get(`/accreditation/assurance/${parties.pilica}`)).body)).not.toContain('Reminder emailed');
  });

  it('sends nothing again for the same check: later the same day, on later days, or once it is overdue', async () => {
    await poll();
    on('2026-12-20');
    await poll();
    on('2027-01-10');
    await poll();
    expect(reminders()).toHaveLength(1);
    // A run of the day's job again (a retry) sends nothing either.
    const { sendCheckReminders } = await import('./assurance-reminders.js');
    const again = await sendCheckReminders(t.database.db, { assurance: t.services.assurance, mailer, to: TEAM }, t.clock.now());
    expect(again).toEqual({ due: 1, sent: [] });
    const eo = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect(text((await eo.get('/accreditation/assurance')).body)).toContain('1 member\'s check is overdue');
  });

  it('reminds of the next check once one is recorded, and tries a failed send again', async () => {
    const recorded = await t.services.assurance.record({ partyId: parties.warta!, kind: 'visit', date: '2027-01-10', findings: [{ area: 'securityDevices', result: 'met', notes: '' }], outcome: 'satisfactory' }, { actor: EO });
    expect(recorded.ok && recorded.value.nextCheckDue).toBe('2028-01-10');

    // Pilica's first check (due 1 June 2027) comes first, 30 days before: 2 May 2027. The send fails once.
    on('2027-05-02');
    mailer.failures = 1;
    await t.services.jobs.enqueueScheduled();
    expect(await t.services.jobs.runUntilIdle()).toMatchObject({ retried: 1 });
    expect(reminders()).toHaveLength(1);
    const [job] = (await t.services.jobs.waiting()).filter((j) => j.kind === ACCREDITATION_CHECK_REMINDERS);
    expect(job?.lastError).toContain('Notify is not answering');
    t.clock.freeze(new Date(t.clock.now().getTime() + 60_000));
    expect(await t.services.jobs.runUntilIdle()).toMatchObject({ done: 1 });
    expect(reminders().map((m) => m.subject).slice(1)).toEqual(['CPAS member check due by 1 June 2027: Pilica Freight']);

    on('2027-12-11');
    await poll();
    expect(reminders().map((m) => m.subject).slice(2)).toEqual(['CPAS member check due by 10 January 2028: Warta Haulage']);
    const last = reminders().at(-1)!;
    expect(last.body).toContain('Last check: 10 January 2027.');
    const stream = await t.database.db.select().from(events).where(eq(events.streamType, 'accreditation-check-reminder'));
    expect(stream).toHaveLength(3);
  });
});
