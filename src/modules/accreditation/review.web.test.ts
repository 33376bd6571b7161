import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { executeCommand } from '../../platform/events/command.js';
import { raiseMembershipReview, REVIEW_RAISER } from './review-commands.js';
import { reviewIdFor } from './review-service.js';

/*
 * The review queue and the conclude page (issue #16 item 3): oldest first with days open; the page
 * shows what is decided on; keep needs notes and remove needs reasons (error summary and the
 * message beside the field, nothing changed); a stale form is a 409; a banner after concluding;
 * only a Senior Officer sees the form.
 */

let t: TestApp;
let so: WebClient;
let eo: WebClient;
const assessor = { id: 'eo-assessor', name: 'Assessor', roles: ['caseworker-eo'] };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const today = () => ukDate(t.clock.now());

beforeAll(async () => {
  t = await createTestApp();
  so = await WebClient.signedIn(t.app, 'senior-officer');
  eo = await WebClient.signedIn(t.app, 'caseworker-eo');
});
afterAll(async () => t?.close());

async function member(name: string) {
  const submitted = await t.services.accreditation.submit(
    {
      language: 'ro',
      company: { name, country: 'RO', addressLines: ['Strada Portului 3', 'Constanța'], postcode: '900001', operatorLicence: `RO/${name.length}`, contactName: 'Ion Popescu', email: `office@${name.split(' ')[0]!.toLowerCase()}.example`, phone: null, numberOfDrivers: 3 },
      areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `How we do ${a}`, fileIds: [] }])),
      driverChecklists: { fileIds: ['c-1', 'c-2', 'c-3'] },
      declaration: true,
    },
    { channel: 'api' },
  );
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const reference = submitted.value.reference;
  for (const area of ACCREDITATION_AREAS) await t.services.accreditation.act(reference, 'assessArea', { area, outcome: 'met' }, { actor: assessor });
  expect((await t.services.accreditation.act(reference, 'accept', {}, { actor: assessor })).ok).toBe(true);
  return (await t.services.accreditation.memberships()).find((m) => m.reference === reference)!;
}

/** A review as the review check raises it (the check itself is the scenario test's). */
async function raise(partyId: string, trigger: 's32Incidents' | 'schemeNotFollowed', references: string[], date: string) {
  const incidents = references.map((caseReference, i) => ({ caseReference, date: addDays(date, i * 30), offences: ['S32' as const] }));
  const found = {
    trigger,
    incidents: references,
    windowFrom: date,
    windowTo: trigger === 'schemeNotFollowed' ? date : addDays(date, 365),
    ...(trigger === 'schemeNotFollowed' ? { requirements: ['seals-unique-numbers' as const] } : {}),
  };
  const reviewId = reviewIdFor(partyId, found);
  const raised = await executeCommand(t.database.db, raiseMembershipReview, { reviewId, partyId, trigger: found, incidents, statusOnIncidentDate: 'member' }, { actor: REVIEW_RAISER, now: t.clock.now() });
  expect(raised.ok, JSON.stringify(raised)).toBe(true);
  return reviewId;
}

describe('the review queue and the conclude page', () => {
  let older: string;
  let newer: string;

  beforeAll(async () => {
    const dacia = await member('Dacia Logistic SRL');
    const carpati = await member('Carpati Trans SRL');
    t.clock.set(new Date(`${addDays(ukDate(new Date()), -10)}T09:00:00Z`));
    older = await raise(carpati.partyId, 'schemeNotFollowed', ['CEC-2026-000901'], today());
    t.clock.reset();
    newer = await raise(dacia.partyId, 's32Incidents', ['CEC-2026-000911', 'CEC-2026-000912', 'CEC-2026-000913'], addDays(today(), -90));
  });

  it('lists open reviews oldest first, with the member, the trigger in words, the incidents as links and the days open', async () => {
    const page = await eo.get('/accreditation/reviews');
    expect(page.statusCode).toBe(200);
    const ids = [...page.body.matchAll(/data-review="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([older, newer]);
    const rows = [...page.body.matchAll(/<tr class="govuk-table__row review-row"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
    expect(text(rows[0]!)).toContain('Carpati Trans SRL');
    expect(text(rows[0]!)).toContain('An incident with evidence that the scheme is not being followed');
    expect(rows[0]).toContain('data-days-open="10"');
    expect(text(rows[0]!)).toContain('10 days');
    expect(text(rows[1]!)).toContain('Dacia Logistic SRL');
    expect(text(rows[1]!)).toContain('3 S32 incidents (clandestine entrants found) within 12 months');
    for (const reference of ['CEC-2026-000911', 'CEC-2026-000912', 'CEC-2026-000913']) expect(rows[1]).toContain(`href="/cases/${reference}"`);
    expect(text(page.body)).toContain('Open reviews: 2');
  });

  it('shows what is decided on: the member, the trigger, the incidents, the requirements not met, the membership history', async () => {
    const page = await so.get(`/accreditation/reviews/${older}`);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain('Carpati Trans SRL');
    expect(words).toContain('An incident with evidence that the scheme is not being followed');
    expect(page.body).toContain('href="/cases/CEC-2026-000901"');
    expect(page.body).toMatch(/<tr class="govuk-table__row" data-status="member">/);
    expect(page.body).toContain('id="requirements"');
    expect(page.body).toContain('id="conclude-review"');
    // Dates written out, never ISO.
    expect(page.body).not.toMatch(/>\s*\d{4}-\d{2}-\d{2}\s*</);
    const seen = await eo.get(`/accreditation/reviews/${older}`);
    expect(seen.body).not.toContain('id="conclude-review"');
    expect(text(seen.body)).toContain('A Senior Officer concludes this review.');
  });

  it('asks for reasons to remove and notes to keep, beside the field, and changes nothing', async () => {
    const page = await so.get(`/accreditation/reviews/${older}`);
    const version = /data-version="(\d+)"/.exec(page.body)![1]!;
    const noReasons = await so.post(`/accreditation/reviews/${older}/conclude`, { version, outcome: 'remove', reasons: '  ', notes: '' });
    expect(noReasons.statusCode).toBe(422);
    expect(noReasons.body).toContain('govuk-error-summary');
    expect(noReasons.body).toContain('href="#reasons"');
    expect(noReasons.body).toMatch(/id="reasons-error"[\s\S]*?Enter the reasons for removing the member/);
    const noNotes = await so.post(`/accreditation/reviews/${older}/conclude`, { version, outcome: 'keep', notes: '' });
    expect(noNotes.statusCode).toBe(422);
    expect(noNotes.body).toMatch(/id="notes-error"[\s\S]*?Enter notes on why the member stays in the scheme/);
    const noChoice = await so.post(`/accreditation/reviews/${older}/conclude`, { version });
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toMatch(/id="outcome-error"[\s\S]*?Choose whether the member stays in the scheme or is removed/);
    expect((await so.get('/accreditation/reviews')).body).toContain(`data-review="${older}"`);
  });

  it('answers a stale form with 409 and keeps a member with notes, with a banner and a letter', async () => {
    const page = await so.get(`/accreditation/reviews/${older}`);
    const version = Number(/data-version="(\d+)"/.exec(page.body)![1]!);
    const stale = await so.post(`/accreditation/reviews/${older}/conclude`, { version: String(version - 1), outcome: 'keep', notes: 'Seals bought.' });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain('Someone else changed this review after you opened it.');
    const kept = await so.post(`/accreditation/reviews/${older}/conclude`, { version: String(version), outcome: 'keep', notes: 'New numbered seals bought; the next visit checks them.' });
    expect(kept.statusCode, kept.body).toBe(303);
    expect(kept.headers.location).toBe(`/accreditation/reviews/${older}`);
    const after = await so.get(`/accreditation/reviews/${older}`);
    expect(after.body).toContain('govuk-notification-banner');
    expect(text(after.body)).toContain('Review concluded: the member stays in the scheme. The letter is emailed to office@carpati.example');
    expect(text(after.body)).toContain('New numbered seals bought; the next visit checks them.');
    expect(after.body).not.toContain('id="conclude-review"');
    expect(text(after.body)).toContain('Civil Penalty Accreditation Scheme: your company stays a member');
    const carpati = (await t.services.accreditation.memberships()).find((m) => m.companyName === 'Carpati Trans SRL')!;
    expect((await t.services.accreditationMembership.membershipOn(carpati.partyId, today())).status).toBe('member');
    expect((await so.get('/accreditation/reviews')).body).not.toContain(`data-review="${older}"`);
    expect(text((await so.get('/accreditation/reviews')).body)).toContain('Recently concluded');
  });

  it('sends a caseworker’s conclusion away with 403 and an unknown review to 404', async () => {
    expect((await eo.post(`/accreditation/reviews/${newer}/conclude`, { version: '1', outcome: 'keep', notes: 'x' })).statusCode).toBe(403);
    expect((await so.get('/accreditation/reviews/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await so.get('/accreditation/reviews/not-an-id')).statusCode).toBe(404);
    expect((await so.post('/accreditation/reviews/00000000-0000-4000-8000-000000000000/conclude', { version: '1', outcome: 'keep', notes: 'x' })).statusCode).toBe(404);
  });

  it('is in the staff navigation, with the assurance page', async () => {
    const page = await eo.get('/accreditation/reviews');
    expect(page.body).toMatch(/href="\/accreditation\/reviews"[^>]*>\s*(?:<strong[^>]*>)?\s*CPAS reviews/);
    expect(page.body).toMatch(/href="\/accreditation\/assurance"[^>]*>\s*(?:<strong[^>]*>)?\s*CPAS assurance/);
  });
});
