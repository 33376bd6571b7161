import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { openCase, POLISH_DRIVER, POLISH_OWNER } from '../../../test/support/casework.js';
import { imposedCases } from '../../../test/support/finance.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { addDays, addMonths } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { formatDate } from '../../platform/i18n/format.js';
import { extractPdf, flattened } from '../../platform/pdf/pdf-text.testing.js';
import { accreditationLetters } from './assess-schema.js';
import { accreditationReviews } from './review-schema.js';
import { events } from '../../platform/events/schema.js';
import { MEMBERSHIP_NOTICES } from './review-service.js';

/*
 * Reviews, suspension and removal of CPAS members through one app on a settable clock (issue #16
 * item 3): three S32 incidents of a member within 12 months raise a review (not two, nor three
 * spread over more than 12 months), the member is told; a Senior Officer removes it on review →
 * removed that day, off the register, a new application refused until 3 months; a caseworker
 * cannot conclude. A member's unpaid penalty → exactly one suspension letter however often the
 * daily job runs, then one removal letter.
 */

let t: TestApp;
let so: WebClient;
let eo: WebClient;
beforeAll(async () => {
  t = await createTestApp();
  so = await WebClient.signedIn(t.app, 'senior-officer');
  eo = await WebClient.signedIn(t.app, 'caseworker-eo');
});
afterAll(async () => t?.close());

const assessor = { id: 'eo-assessor', name: 'Assessor', roles: ['caseworker-eo'] };
const today = () => ukDate(t.clock.now());
/** The border refuses incidents dated after the real today: incidents are dated back from it. */
const realToday = () => ukDate(new Date());
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const pdfText = async (fileHash: string) => flattened((await extractPdf((await t.services.files.get(fileHash))!)).text);

function outbox(): { to: string; subject: string; body: string }[] {
  const folder = t.outbox.folder;
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')));
}

function application(name: string, email: string) {
  return {
    language: 'pl',
    company: { name, country: 'PL', addressLines: ['ul. Portowa 7', 'Gdynia'], postcode: '81-300', operatorLicence: `PL/${name.length}/2020`, contactName: 'Anna Nowak', email, phone: null, numberOfDrivers: 4 },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Our practice: ${a}`, fileIds: [] }])),
    driverChecklists: { fileIds: ['c-1', 'c-2', 'c-3'] },
    declaration: true,
  };
}

/** A company accepted into the scheme on `memberFrom` (the clock set back to that day), with `partyId` if given. */
async function acceptedMember(name: string, email: string, memberFrom: string, partyId?: string) {
  t.clock.set(new Date(`${memberFrom}T09:00:00Z`));
  const submitted = await t.services.accreditation.submit(application(name, email), { channel: 'api' });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reference = submitted.value.reference;
  for (const area of ACCREDITATION_AREAS) expect((await t.services.accreditation.act(reference, 'assessArea', { area, outcome: 'met' }, { actor: assessor })).ok).toBe(true);
  const accepted = await t.services.accreditation.act(reference, 'accept', partyId ? { partyId } : {}, { actor: assessor });
  expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
  t.clock.reset();
  const membership = (await t.services.accreditation.memberships()).find((m) => m.reference === reference)!;
  return { reference, partyId: membership.partyId };
}

let plate = 100;
/** An S32 incident on `date` whose owner is confirmed as the member's register entry; the jobs then run. */
async function s32Incident(ownerName: string, date: string, partyId: string) {
  const kase = await openCase(
    t,
    { offences: ['S32'], clandestineEntrants: 2, requirements: undefined, concealment: ['load'], incidentDate: date, tractorRegistration: `GD ${plate++}K`, responsiblePersons: [POLISH_DRIVER, { ...POLISH_OWNER, name: ownerName }] },
    `review-${plate}-${date}-${Math.random()}`,
  );
  const owner = kase.liabilities.find((l) => l.role === 'owner')!;
  const confirmed = await t.services.cases.confirmLiabilityParty({ reference: kase.reference, liabilityId: owner.id, partyId, how: 'chosen-by-search' }, { actor: assessor });
  expect(confirmed.ok, JSON.stringify(confirmed)).toBe(true);
  await t.services.jobs.runUntilIdle();
  return kase.reference;
}

const reviewsOf = (partyId: string) => t.database.db.select().from(accreditationReviews).where(eq(accreditationReviews.partyId, partyId));
const lettersOf = (reference: string, kind: string) => t.database.db.select().from(accreditationLetters).where(and(eq(accreditationLetters.applicationReference, reference), eq(accreditationLetters.kind, kind)));

async function reviewVersion(client: WebClient, reviewId: string) {
  const page = await client.get(`/accreditation/reviews/${reviewId}`);
  expect(page.statusCode, page.body).toBe(200);
  return /data-version="(\d+)"/.exec(page.body)![1]!;
}

describe('reviews raised by themselves', () => {
  it('three S32 incidents of a member within 12 months raise one review, in the queue; two do not, nor three over more than 12 months', async () => {
    const start = addDays(realToday(), -300);
    const baltic = await acceptedMember('Baltic Freight Sp. z o.o.', 'biuro@baltic.example', start);
    const two = await acceptedMember('Dwa Transport Sp. z o.o.', 'biuro@dwa.example', start);
    const spread = await acceptedMember('Rozproszony Cargo Sp. z o.o.', 'biuro@rozproszony.example', addDays(realToday(), -720));

    const first = await s32Incident('Baltic Freight Sp. z o.o.', addDays(start, 10), baltic.partyId);
    await s32Incident('Baltic Freight Sp. z o.o.', addDays(start, 100), baltic.partyId);
    expect(await reviewsOf(baltic.partyId)).toEqual([]);
    const third = await s32Incident('Baltic Freight Sp. z o.o.', addDays(start, 200), baltic.partyId);
    const [review, ...more] = await reviewsOf(baltic.partyId);
    expect(more).toEqual([]);
    expect(review).toMatchObject({ trigger: 's32Incidents', outcome: null, raisedOn: realToday() });
    expect(review!.incidents.map((i) => i.caseReference)).toContain(first);
    expect(review!.incidents.map((i) => i.caseReference)).toContain(third);

    for (const day of [10, 100]) await s32Incident('Dwa Transport Sp. z o.o.', addDays(start, day), two.partyId);
    for (const day of [-710, -400, -20]) await s32Incident('Rozproszony Cargo Sp. z o.o.', addDays(realToday(), day), spread.partyId);
    expect(await reviewsOf(two.partyId)).toEqual([]);
    expect(await reviewsOf(spread.partyId)).toEqual([]);

    // The member is told, in Polish after English, once.
    const opened = await lettersOf(baltic.reference, 'reviewOpened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.emailedTo).toBe('biuro@baltic.example');
    const letter = await pdfText(opened[0]!.fileHash);
    expect(letter).toContain('we are reviewing your membership');
    expect(letter).toContain('przegląd Państwa członkostwa');
    expect(letter).toContain(first);
    expect(outbox().filter((email) => email.to === 'biuro@baltic.example' && email.subject.includes('przegląd'))).toHaveLength(1);

    // The daily sweep and the check again: nothing twice.
    await t.services.accreditationReviews.checkAll();
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    expect(await reviewsOf(baltic.partyId)).toHaveLength(1);
    expect(await lettersOf(baltic.reference, 'reviewOpened')).toHaveLength(1);

    // The queue: the member by name, the trigger in words, the incidents as links, days open.
    const queue = await eo.get('/accreditation/reviews');
    expect(queue.statusCode).toBe(200);
    const row = /<tr class="govuk-table__row review-row"[\s\S]*?<\/tr>/.exec(queue.body)![0];
    expect(text(row)).toContain('Baltic Freight Sp. z o.o.');
    expect(text(row)).toContain('3 S32 incidents (clandestine entrants found) within 12 months');
    expect(row).toContain(`href="/cases/${first}"`);
    expect(row).toContain('data-days-open="0"');
    expect(queue.body).not.toContain('Dwa Transport');
    expect(queue.body).not.toContain('Rozproszony Cargo');
  }, 300_000);

  it('concluded "remove" by a Senior Officer: removed that day, off the register, reapply refused until 3 months; a caseworker cannot conclude', async () => {
    const baltic = (await t.services.accreditation.memberships()).find((m) => m.companyName === 'Baltic Freight Sp. z o.o.')!;
    const [review] = await reviewsOf(baltic.partyId);
    const url = `/accreditation/reviews/${review!.id}`;

    // A caseworker sees the review but not the form, and may not conclude.
    const seen = await eo.get(url);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('id="conclude-review"');
    expect((await eo.post(`${url}/conclude`, { version: String(review!.version), outcome: 'remove', reasons: 'No' })).statusCode).toBe(403);

    const version = await reviewVersion(so, review!.id);
    t.clock.advanceDays(3);
    const removed = await so.post(`${url}/conclude`, { version, outcome: 'remove', reasons: 'Three S32 incidents in seven months; seals were not used on any of them.' });
    expect(removed.statusCode, removed.body).toBe(303);
    const removedOn = today();
    const page = await so.get(url);
    expect(text(page.body)).toContain('Review concluded: the member is removed from the scheme from today. The letter is emailed to biuro@baltic.example');
    expect(text(page.body)).toContain('Removed on review');

    const membership = t.services.accreditationMembership;
    expect((await membership.membershipOn(baltic.partyId, addDays(removedOn, -1))).status).toBe('member');
    expect(await membership.membershipOn(baltic.partyId, removedOn)).toMatchObject({ status: 'removed', period: { removal: { on: removedOn, cause: 'review', reapplyFrom: addMonths(removedOn, 3) } } });
    expect((await membership.membersOn(removedOn)).some((m) => m.partyId === baltic.partyId)).toBe(false);
    const register = await eo.get('/accreditation/members');
    expect(register.body).not.toContain('Baltic Freight');

    const refused = await t.services.accreditation.submit(application('Baltic Freight Sp. z o.o.', 'biuro@baltic.example'), { channel: 'api' });
    expect(!refused.ok && refused.message).toBe(`Firma została usunięta z programu. Może złożyć wniosek ponownie od ${formatDate('pl', addMonths(removedOn, 3))}.`);

    const [letter] = await lettersOf(baltic.reference, 'reviewRemoved');
    const words = await pdfText(letter!.fileHash);
    expect(words).toContain('seals were not used on any of them');
    expect(words).toContain(`You can apply to join the scheme again from ${formatDate('en', addMonths(removedOn, 3))}`);
    expect(words).toContain(`Mogą Państwo ponownie złożyć wniosek o przystąpienie do programu od ${formatDate('pl', addMonths(removedOn, 3))}`);

    // Concluded once: the queue no longer lists it, a second conclusion is refused.
    expect((await so.get('/accreditation/reviews')).body).not.toContain(`data-review="${review!.id}"`);
    const again = await so.post(`${url}/conclude`, { version: String(Number(version) + 1), outcome: 'keep', notes: 'Changed my mind' });
    expect(again.statusCode).toBe(422);
    expect(text(again.body)).toContain('This review has already been concluded.');

    // A fourth incident in the window, recorded after the removal: a removed company is not reviewed again.
    await s32Incident('Baltic Freight Sp. z o.o.', addDays(realToday(), -5), baltic.partyId);
    expect(await reviewsOf(baltic.partyId)).toHaveLength(1);

    t.clock.set(new Date(`${addMonths(removedOn, 3)}T12:00:00Z`));
    expect((await membership.membershipOn(baltic.partyId, today())).status).toBe('eligibleToReapply');
    t.clock.reset();
  }, 120_000);
});

describe('suspension and removal letters, by the daily job', () => {
  it('an unpaid penalty: exactly one suspension letter however often the job runs, then one removal letter', async () => {
    t.clock.reset();
    const [kase] = await imposedCases(t, ['Pomorze Trans Sp. z o.o.'], { key: 'review-notices' });
    const file = (await t.services.cases.caseFile(kase!.reference))!;
    const partyId = file.liabilities.find((row) => row.role === 'owner')!.partyId!;
    const member = await acceptedMember('Pomorze Trans Sp. z o.o.', 'biuro@pomorze.example', ukDate(t.clock.now()), partyId);
    const notice = file.states.get(kase!.owner.id)!.penaltyNotice!;
    const dueOn = addDays(notice.noticeDate, 60);

    // From the day after the due date: suspended; the job runs twice that day and again the next.
    t.clock.set(new Date(`${addDays(dueOn, 1)}T08:00:00Z`));
    expect((await t.services.accreditationMembership.membershipOn(partyId, today())).status).toBe('suspended');
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    await t.services.accreditationReviews.sendMembershipNotices();
    await t.services.jobs.enqueue({ kind: MEMBERSHIP_NOTICES, payload: {} });
    await t.services.jobs.runUntilIdle();
    t.clock.advanceDays(1);
    await t.services.jobs.enqueueScheduled();
    await t.services.jobs.runUntilIdle();
    const suspended = await lettersOf(member.reference, 'suspended');
    expect(suspended).toHaveLength(1);
    expect(suspended[0]!.emailedTo).toBe('biuro@pomorze.example');
    // The letter recorded is the record that the member was told of this suspension.
    const [produced] = await t.database.db.select().from(events).where(and(eq(events.streamId, `accreditation-letter-${suspended[0]!.id}`), eq(events.type, 'AccreditationLetterProduced')));
    expect(produced!.payload).toMatchObject({ kind: 'suspended', member: { partyId, about: addDays(dueOn, 1) } });
    const removalDay = addDays(dueOn, 29);
    const words = await pdfText(suspended[0]!.fileHash);
    expect(words).toContain(`suspended from ${formatDate('en', addDays(dueOn, 1))}`);
    expect(words).toContain(kase!.reference);
    expect(words).toContain(`If the penalty is still unpaid on ${formatDate('en', removalDay)}, your company will be removed from the scheme on that day.`);
    expect(words).toContain('How to pay');
    expect(words).toContain('Jak zapłacić');
    expect(outbox().filter((email) => email.to === 'biuro@pomorze.example' && email.subject.includes('zawieszone'))).toHaveLength(1);

    // Still unpaid on the removal day: removed, one removal letter.
    t.clock.set(new Date(`${removalDay}T08:00:00Z`));
    expect((await t.services.accreditationMembership.membershipOn(partyId, today())).status).toBe('removed');
    expect(await t.services.accreditationReviews.sendMembershipNotices()).toEqual({ suspended: [], removed: [partyId] });
    expect(await t.services.accreditationReviews.sendMembershipNotices()).toEqual({ suspended: [], removed: [] });
    const removed = await lettersOf(member.reference, 'removed');
    expect(removed).toHaveLength(1);
    const removal = await pdfText(removed[0]!.fileHash);
    expect(removal).toContain(`removed from the scheme on ${formatDate('en', removalDay)}`);
    expect(removal).toContain(`again from ${formatDate('en', addMonths(removalDay, 3))}`);
    expect(await lettersOf(member.reference, 'suspended')).toHaveLength(1);
    t.clock.reset();
  }, 300_000);
});
