import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { imposedCases, type ImposedCase } from '../../../test/support/finance.js';
import { openCase } from '../../../test/support/casework.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { executeCommand } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';
import { caseLetters } from './schema.js';
import { LETTER_FORMS } from './letters/forms.js';

/*
 * The letters produced when their event happens, or when their day comes: an agreed instalment
 * plan, a detained vehicle, the payment reminder and the final demand (a daily job), each listed
 * with the case's letters, emailed in the recipient's language, and printed together from the
 * postal outbox in one PDF.
 */

let t: TestApp;
let kase: ImposedCase;
const finance: Actor = { id: 'finance-test', name: 'Fiona Finance', roles: ['finance-officer'] };

beforeAll(async () => {
  t = await createTestApp();
  [kase] = (await imposedCases(t, ['Trans-Pol Sp. z o.o.'], { key: 'more-letters' })) as [ImposedCase];
});
afterAll(async () => t?.close());

const lettersOf = (liabilityId: string, form: string) =>
  t.database.db.select().from(caseLetters).where(and(eq(caseLetters.liabilityId, liabilityId), eq(caseLetters.form, form)));
const stateOf = async (liabilityId: string) => (await t.services.cases.caseFile(kase.reference))!.states.get(liabilityId)!;
const pdfText = async (fileHash: string) => flattened((await extractPdf((await t.services.files.get(fileHash))!)).text);
/** A day of the daily job: its schedule queued for the day, and everything due run. */
async function dailyRun() {
  await t.services.jobs.enqueueScheduled();
  await t.services.jobs.runUntilIdle();
}

describe('letters produced when their event happens', () => {
  it('confirms an agreed instalment plan to the owner with the schedule, listed with the case’s letters', async () => {
    // Past the objection and appeal periods: the payment is then confirmed due, and instalments can be agreed.
    t.clock.advanceDays(29);
    const today = ukDate(t.clock.now());
    const owed = (await stateOf(kase.owner.id)).recommendation!.amountPence;
    const first = Math.floor(owed / 2);
    const schedule = [
      { dueOn: addDays(today, 150), amountPence: first },
      { dueOn: addDays(today, 180), amountPence: owed - first },
    ];
    const confirmed = await t.services.cases.act({ reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'confirmPaymentDue' } }, { actor: finance });
    expect(confirmed.ok, confirmed.ok ? '' : confirmed.message).toBe(true);
    const agreed = await t.services.cases.act({ reference: kase.reference, liabilityIds: [kase.owner.id], action: { type: 'agreeInstalments', schedule } }, { actor: finance });
    expect(agreed.ok, agreed.ok ? '' : agreed.message).toBe(true);
    const [letter, ...more] = await lettersOf(kase.owner.id, LETTER_FORMS.instalmentPlan);
    expect(more).toEqual([]);
    expect(letter!.title).toBe('Instalment plan agreed (INSTALMENTS)');
    const text = await pdfText(letter!.fileHash);
    expect(text).toContain('Your instalment plan');
    expect(text).toContain('Plan spłaty w ratach');
    expect(text).toContain(`${kase.reference}-O`);
    // Listed on the case page with its other letters.
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/cases/${kase.reference}`)).body).toContain('Instalment plan agreed (INSTALMENTS)');
  });

  it('tells the driver their late objection will not be considered, with the officer’s reasons', async () => {
    const senior: Actor = { id: 'senior-test', name: 'Sam Senior', roles: ['senior-officer', 'caseworker-eo'] };
    const today = ukDate(t.clock.now());
    const objected = await t.services.cases.act({ reference: kase.reference, liabilityIds: [kase.driver.id], action: { type: 'recordObjection', receivedOn: today, grounds: 'I did check the lorry.' } }, { actor: senior });
    expect(objected.ok, objected.ok ? '' : objected.message).toBe(true);
    const refused = await t.services.cases.act(
      { reference: kase.reference, liabilityIds: [kase.driver.id], action: { type: 'decideLateObjection', accept: false, reason: 'The objection came a day late and no reason was given for the delay.' } },
      { actor: senior },
    );
    expect(refused.ok, refused.ok ? '' : refused.message).toBe(true);
    const [letter, ...more] = await lettersOf(kase.driver.id, LETTER_FORMS.lateObjectionRefused);
    expect(more).toEqual([]);
    const text = await pdfText(letter!.fileHash);
    expect(text).toContain('Your objection arrived too late');
    expect(text).toContain('The objection came a day late and no reason was given for the delay.');
    expect(text).toContain('Sprzeciw wpłynął po terminie');
  });

  it('sends the detention notice when a vehicle is detained for the driver’s unpaid penalty', async () => {
    const startedOn = ukDate(t.clock.now());
    const detained = await executeCommand(
      t.database.db,
      t.services.recordDetention,
      { reference: kase.reference, detentionId: crypto.randomUUID(), liabilityId: kase.driver.id, registration: 'WGM 4521K', place: 'Dover Eastern Docks', startedOn, dailyCostPence: 4_500 },
      { actor: finance, now: t.clock.now() },
    );
    expect(detained.ok, detained.ok ? '' : detained.message).toBe(true);
    const [letter] = await lettersOf(kase.driver.id, LETTER_FORMS.detention);
    expect(letter!.recipientName).toBe(kase.driver.partyName);
    const text = await pdfText(letter!.fileHash);
    expect(text).toContain('Border Force detained the vehicle WGM 4521K at Dover Eastern Docks');
    expect(text).toContain('Zawiadomienie o zatrzymaniu pojazdu');
  });
});

describe('the payment reminder and the final demand (a daily job)', () => {
  it('reminds once on the policy’s day after the due date, then sends one final demand, and nothing twice', async () => {
    const due = (await stateOf(kase.driver.id)).penaltyNotice!.noticeDate;
    const paymentDue = addDays(due, 60);
    const dayOf = (date: string) => t.clock.set(new Date(`${date}T09:00:00Z`));

    dayOf(addDays(paymentDue, 13));
    await dailyRun();
    expect(await lettersOf(kase.driver.id, LETTER_FORMS.reminder)).toHaveLength(0);

    dayOf(addDays(paymentDue, 14));
    await dailyRun();
    await t.services.jobs.runUntilIdle();
    const reminders = await lettersOf(kase.driver.id, LETTER_FORMS.reminder);
    expect(reminders).toHaveLength(1);
    expect(await pdfText(reminders[0]!.fileHash)).toContain('Reminder: your penalty has not been paid');
    // The owner keeps to an instalment plan: not chased.
    expect(await lettersOf(kase.owner.id, LETTER_FORMS.reminder)).toHaveLength(0);
    // The job again that day (another process, a retry) produces nothing more.
    const { sendPaymentReminders } = await import('./payment-reminders.js');
    const again = await sendPaymentReminders(t.database.db, { cases: t.services.cases, files: t.services.files, incidentDataOf: async () => null, details: t.services.letterDetails });
    expect(again.reminders).toEqual([]);

    dayOf(addDays(paymentDue, 27));
    await dailyRun();
    expect(await lettersOf(kase.driver.id, LETTER_FORMS.reminder)).toHaveLength(1);
    expect(await lettersOf(kase.driver.id, LETTER_FORMS.finalDemand)).toHaveLength(0);

    dayOf(addDays(paymentDue, 28));
    await dailyRun();
    dayOf(addDays(paymentDue, 29));
    await dailyRun();
    const finals = await lettersOf(kase.driver.id, LETTER_FORMS.finalDemand);
    expect(finals).toHaveLength(1);
    expect(await pdfText(finals[0]!.fileHash)).toContain('Final demand for payment');
    expect(await lettersOf(kase.driver.id, LETTER_FORMS.reminder)).toHaveLength(1);
  });

  it('emails each letter to a recipient with an address in their language, with the English alongside', async () => {
    await t.services.jobs.runUntilIdle();
    const emails = t.outbox.list(200).filter((email) => email.reference === kase.reference && email.subject.includes(LETTER_FORMS.reminder));
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain(`Pismo od Home Office w sprawie ${kase.reference}`);
    expect(emails[0]!.subject).toContain(`Payment reminder (REMINDER) – A letter from the Home Office about case ${kase.reference}`);
    const sent = JSON.parse(JSON.stringify(emails[0]));
    expect(sent.to).toBe('lukasz@example.com');
  });
});

describe('printing the postal outbox', () => {
  it('prints every letter waiting in one PDF, each on its own pages, then marks them all posted after a confirmation', async () => {
    const poster = await WebClient.signedIn(t.app, 'caseworker-ao');
    const outbox = await poster.get('/letters/outbox');
    expect(outbox.statusCode).toBe(200);
    const link = /href="(\/letters\/outbox\/print\.pdf\?upTo=[^"]+)"/.exec(outbox.body)?.[1]?.replace(/&amp;/g, '&');
    expect(outbox.body).toContain('Print all letters waiting to be posted (PDF)');
    const waiting = await t.database.db.select().from(caseLetters).where(isNull(caseLetters.postedAt));
    expect(waiting.length).toBeGreaterThan(4);

    const printed = await poster.get(link!);
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toContain('application/pdf');
    const bundle = await extractPdf(printed.rawPayload);
    let pages = 0;
    for (const letter of waiting) pages += (await extractPdf((await t.services.files.get(letter.fileHash))!)).pages.length;
    expect(bundle.pages.length).toBe(pages);
    for (const form of ['IS11E', 'IS1131A', 'INSTALMENTS', 'LATE-OBJECTION', 'DETENTION', 'REMINDER', 'FINAL-DEMAND']) expect(bundle.text).toContain(`Form ${form}`);
    expect(bundle.text).toContain(kase.reference);

    const confirm = await poster.get(/href="(\/letters\/outbox\/mark-all-posted\?upTo=[^"]+)"/.exec(outbox.body)![1]!.replace(/&amp;/g, '&'));
    expect(confirm.body).toContain(`Have all ${waiting.length} letters been printed and posted?`);
    const ids = [...confirm.body.matchAll(/name="letterIds" value="([^"]+)"/g)].map((match) => match[1]!);
    expect(new Set(ids)).toEqual(new Set(waiting.map((letter) => letter.id)));
    const posted = await poster.post('/letters/outbox', { letterIds: ids });
    expect(posted.statusCode).toBe(303);
    const after = await poster.get(posted.headers.location as string);
    expect(after.body).toContain(`${waiting.length} letters marked as posted`);
    expect(after.body).toContain('There are no letters waiting to be posted.');
    expect(await t.database.db.select().from(caseLetters).where(and(inArray(caseLetters.id, ids), isNull(caseLetters.postedAt)))).toEqual([]);
  });
});

describe('the letter that no penalty will follow', () => {
  it('goes to a person sent an initial notice when the case is written off because the deadline was missed', async () => {
    const caseworker: Actor = { id: 'caseworker-test', name: 'Casey Worker', roles: ['caseworker-eo'] };
    const senior: Actor = { id: 'senior-test', name: 'Sam Senior', roles: ['senior-officer'] };
    // The border records the incident as of today; casework's clock is weeks ahead by now, still before day 151.
    const opened = await openCase(t, { incidentDate: ukDate(new Date()) }, `write-off-${Math.random()}`);
    const driver = opened.liabilities.find((liability) => liability.role === 'driver')!;
    const act = async (action: Record<string, unknown> & { type: string }, actor: Actor) => {
      const outcome = await t.services.cases.act({ reference: opened.reference, liabilityIds: [driver.id], action }, { actor });
      expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
    };
    // A second officer checks the name and address before the notice goes.
    await act({ type: 'checkNoticeDetails', checklist: ['name-as-on-documents', 'address-complete', 'language', 'responsible-person'] }, senior);
    await act({ type: 'sendInitialNotice' }, caseworker);
    t.clock.advanceDays(181);
    await act({ type: 'proposeWriteOff', reason: 'deadline-missed', explanation: 'The penalty could not be imposed within 180 days.' }, caseworker);
    await act({ type: 'approveWriteOff' }, senior);
    const letters = await lettersOf(driver.id, LETTER_FORMS.writeOff);
    expect(letters).toHaveLength(1);
    const text = await pdfText(letters[0]!.fileHash);
    expect(text).toContain('We have decided not to give you a penalty for this incident.');
    expect(text).toContain('Kara nie zostanie nałożona');
  });
});
