import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createApp, type Services } from '../../app.js';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openCase, step, type OpenedCase } from '../../../test/support/casework.js';
import { openPostgres, type Database } from '../../platform/database/client.js';
import type { Email, Mailer, SentEmail } from '../../platform/notify/mailer.js';
import { executeCommand } from '../../platform/events/command.js';
import { events } from '../../platform/events/schema.js';
import { DEFAULT_MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../platform/jobs/queue.js';
import { jobs } from '../../platform/jobs/schema.js';
import { MISSED_INSTALMENTS } from '../finance/missed-instalments.js';
import { caseLetters } from './schema.js';
import { EMAIL_LETTER } from './case-letters.js';
import { LETTER_MAILER, queueLetterEmailsNotYetSent, recordLetterEmailed } from './letter-email.js';

/**
 * A mail service shared by both processes: it counts every send by letter (recipient and
 * attachment), and can be told to fail each letter's first sends, or every send.
 */
class CountingMailer implements Mailer {
  readonly channel = 'outbox' as const;
  readonly calls = new Map<string, number>();
  readonly delivered: Email[] = [];
  failFirst = 0;
  failAlways = false;
  async send(email: Email): Promise<SentEmail> {
    const key = `${email.to} ${email.attachment?.filename}`;
    const call = (this.calls.get(key) ?? 0) + 1;
    this.calls.set(key, call);
    // Give the other process a turn while "sending".
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failAlways || call <= this.failFirst) throw new Error(`the mail service is unavailable (call ${call})`);
    this.delivered.push(email);
    return { id: `sent-${this.delivered.length}`, channel: 'outbox', sentAt: new Date().toISOString() };
  }
  deliveredOf(reference: string) {
    return this.delivered.filter((email) => email.reference === reference);
  }
}

const mailer = new CountingMailer();
let t: TestApp;
/** A second process: its own app (and, on PostgreSQL, its own pool) on the same database and files. */
let second: { app: FastifyInstance; services: Services; database: Database };

beforeAll(async () => {
  t = await createTestApp({ mailer });
  const database = t.database.kind === 'postgres' ? openPostgres(t.database.location, 10) : t.database;
  const { app, services } = await createApp(database, {
    clock: t.clock,
    fileStore: t.services.files,
    mailer,
    sessionHours: 8,
    logLevel: 'silent',
    secureCookies: false,
    signInRateLimitPerMinute: 1000,
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
  });
  second = { app, services, database };
});
afterAll(async () => {
  await second?.app.close();
  if (second && second.database !== t.database) await second.database.close();
  await t?.close();
});

const driverOf = (opened: OpenedCase) => opened.liabilities.find((l) => l.role === 'driver')!;
const later = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));
const lettersOf = async (references: OpenedCase[]) => {
  const rows = await t.database.db.select().from(caseLetters).where(isNotNull(caseLetters.email));
  const ids = new Set(references.map((opened) => opened.liabilities.map((l) => l.id)).flat());
  return rows.filter((row) => ids.has(row.liabilityId!));
};
const jobsOf = async (letterIds: string[]) =>
  t.database.db.select().from(jobs).where(and(eq(jobs.kind, EMAIL_LETTER), inArray(jobs.uniqueKey, letterIds.map((id) => `${EMAIL_LETTER}:${id}`))));

async function openCases(n: number): Promise<OpenedCase[]> {
  const opened: OpenedCase[] = [];
  for (let i = 0; i < n; i++) opened.push(await openCase(t));
  return opened;
}

describe('two processes stepping different cases at once', () => {
  it('email each letter exactly once', async () => {
    const opened = await openCases(6);
    // Two officers on each process, each sending initial notices.
    const clients = await Promise.all([t.app, t.app, second.app, second.app].map((app) => WebClient.signedIn(app, 'caseworker-eo')));
    // Both processes' runners poll all the while the steps commit.
    t.services.jobs.start({ everyMs: 1 });
    second.services.jobs.start({ everyMs: 1 });
    const steps = await Promise.all(opened.map((kase, i) => step(clients[i % clients.length]!, kase.reference, 'sendInitialNotice', driverOf(kase).id)));
    await Promise.all([t.services.jobs.stop(), second.services.jobs.stop()]);
    expect(steps.map((response) => response.statusCode)).toEqual(opened.map(() => 303));
    await Promise.all([t.services.jobs.runUntilIdle(), second.services.jobs.runUntilIdle()]);

    const letters = await lettersOf(opened);
    expect(letters).toHaveLength(opened.length);
    // One email per letter, each delivered once, whichever process ran its job.
    for (const kase of opened) expect(mailer.deliveredOf(kase.reference)).toHaveLength(1);
    expect([...mailer.calls.values()].every((calls) => calls === 1)).toBe(true);
    expect(letters.every((letter) => letter.emailedAt !== null)).toBe(true);
    const recorded = await t.database.db.select().from(events).where(inArray(events.streamId, letters.map((letter) => `letter-${letter.id}`)));
    expect(recorded.map((event) => event.type)).toEqual(letters.map(() => 'LetterEmailed'));
    expect((await jobsOf(letters.map((letter) => letter.id))).map((job) => [job.state, job.attempts])).toEqual(letters.map(() => ['done', 1]));
  });

  it('run the hourly instalment check once between them', async () => {
    await Promise.all([t.services.jobs.enqueueScheduled(), second.services.jobs.enqueueScheduled()]);
    await Promise.all([t.services.jobs.runUntilIdle(), second.services.jobs.runUntilIdle()]);
    const hour = t.clock.now().toISOString().slice(0, 13);
    const checks = await t.database.db.select().from(jobs).where(eq(jobs.kind, MISSED_INSTALMENTS));
    expect(checks.map((job) => [job.uniqueKey, job.state, job.attempts])).toEqual([[`${MISSED_INSTALMENTS}:${hour}`, 'done', 1]]);
  });
});

describe('a mail service that fails', () => {
  it('twice and then works delivers each letter exactly once, after the retry delays', async () => {
    mailer.failFirst = 2;
    const opened = await openCases(2);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    for (const kase of opened) expect((await step(caseworker, kase.reference, 'sendInitialNotice', driverOf(kase).id)).statusCode).toBe(303);

    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 0, retried: 2, failed: 0 });
    // Nothing more before the first delay has passed.
    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 0, retried: 0, failed: 0 });
    later(RETRY_DELAYS_MS[0]! + 1_000);
    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 0, retried: 2, failed: 0 });
    later(RETRY_DELAYS_MS[0]! + 1_000);
    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 0, retried: 0, failed: 0 });
    later(RETRY_DELAYS_MS[1]!);
    expect(await second.services.jobs.runUntilIdle()).toEqual({ done: 2, retried: 0, failed: 0 });

    for (const kase of opened) expect(mailer.deliveredOf(kase.reference)).toHaveLength(1);
    const letters = await lettersOf(opened);
    expect(letters.every((letter) => letter.emailedAt !== null)).toBe(true);
    expect((await jobsOf(letters.map((letter) => letter.id))).map((job) => [job.state, job.attempts])).toEqual([['done', 3], ['done', 3]]);
    const page = await caseworker.get(`/cases/${opened[0]!.reference}`);
    expect(page.body).toContain('Emailed');
    mailer.failFirst = 0;
  });

  it('every time leaves the letter failed, listed for an administrator, who can have it tried again', async () => {
    mailer.failAlways = true;
    const [kase] = await openCases(1);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await step(caseworker, kase!.reference, 'sendInitialNotice', driverOf(kase!).id)).statusCode).toBe(303);
    let failed = 0;
    for (let attempt = 0; attempt < DEFAULT_MAX_ATTEMPTS; attempt++) {
      failed += (await t.services.jobs.runUntilIdle()).failed;
      later(RETRY_DELAYS_MS.at(-1)!);
    }
    expect(failed).toBe(1);
    expect(mailer.deliveredOf(kase!.reference)).toHaveLength(0);
    const [letter] = await lettersOf([kase!]);
    expect(letter!.emailedAt).toBeNull();

    const administrator = await WebClient.signedIn(t.app, 'administrator');
    const page = await administrator.get('/admin/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`letterId ${letter!.id}`);
    expect(page.body).toContain(`reference ${kase!.reference}`);
    expect(page.body).toContain('the mail service is unavailable');
    const [job] = await jobsOf([letter!.id]);
    expect(job).toMatchObject({ state: 'failed', attempts: DEFAULT_MAX_ATTEMPTS });
    expect(page.body).toContain(`action="/admin/jobs/${job!.id}/retry"`);
    // Only administrators see the list.
    expect((await caseworker.get('/admin/jobs')).statusCode).toBe(403);
    expect((await caseworker.post(`/admin/jobs/${job!.id}/retry`, {})).statusCode).toBe(403);

    mailer.failAlways = false;
    const retried = await administrator.post(`/admin/jobs/${job!.id}/retry`, {});
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe('/admin/jobs?retried=1');
    expect((await administrator.get('/admin/jobs?retried=1')).body).toContain('No job has failed.');
    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(mailer.deliveredOf(kase!.reference)).toHaveLength(1);
    // A job that is not failed (or not a job) is not found.
    expect((await administrator.post(`/admin/jobs/${job!.id}/retry`, {})).statusCode).toBe(404);
    expect((await administrator.post('/admin/jobs/not-a-job/retry', {})).statusCode).toBe(404);
  });
});

describe('a letter already recorded as emailed', () => {
  it('is not sent again, and is not recorded twice', async () => {
    const [kase] = await openCases(1);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await step(caseworker, kase!.reference, 'sendInitialNotice', driverOf(kase!).id)).statusCode).toBe(303);
    await t.services.jobs.runUntilIdle();
    expect(mailer.deliveredOf(kase!.reference)).toHaveLength(1);
    const [letter] = await lettersOf([kase!]);
    // The same job queued again (by hand, without its key): it finds the letter emailed and sends nothing.
    await t.services.jobs.enqueue({ kind: EMAIL_LETTER, payload: { letterId: letter!.id, reference: kase!.reference } });
    expect(await t.services.jobs.runUntilIdle()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(mailer.deliveredOf(kase!.reference)).toHaveLength(1);
    const again = await executeCommand(t.database.db, recordLetterEmailed, { letterId: letter!.id }, { actor: LETTER_MAILER });
    expect(again).toMatchObject({ ok: false, kind: 'refused', message: 'The letter was already recorded as emailed' });
  });

  it('is left alone by the upgrade step, which queues only letters not yet emailed that have no job', async () => {
    const [kase] = await openCases(1);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await step(caseworker, kase!.reference, 'sendInitialNotice', driverOf(kase!).id)).statusCode).toBe(303);
    const [letter] = await lettersOf([kase!]);
    // As if kept by earlier code, which queued no job.
    await t.database.db.delete(jobs).where(eq(jobs.uniqueKey, `${EMAIL_LETTER}:${letter!.id}`));
    expect(await queueLetterEmailsNotYetSent(t.database.db, t.clock.now())).toBe(1);
    expect(await queueLetterEmailsNotYetSent(t.database.db, t.clock.now())).toBe(0);
    await t.services.jobs.runUntilIdle();
    expect(mailer.deliveredOf(kase!.reference)).toHaveLength(1);
    expect(mailer.deliveredOf(kase!.reference)[0]!.subject).toContain(kase!.reference);
  });
});
