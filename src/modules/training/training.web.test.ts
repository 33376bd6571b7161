import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { errorSummary } from '../../../test/support/casework.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { readStream } from '../../platform/events/event-store.js';
import { addDays, addMonths } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { POLICY_2023_1 } from '../../domain/policy/default-policy.js';
import { S31A_NOT_TRAINED_MESSAGE } from '../../domain/training/rules.js';
import { formatDate } from '../../platform/http/dates.js';

/*
 * Officers' training (issue #14 item 5): the recording page, the alerts on the officer's home page,
 * the manager's view by port, and S31A referrals refused from officers not trained to make them.
 */

let t: TestApp;
let manager: WebClient;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  // Noon UTC today: dates counted from "today" do not cross midnight while the test runs.
  t.clock.set(new Date(`${ukDate(new Date())}T12:00:00Z`));
  today = ukDate(t.clock.now());
  manager = await WebClient.signedIn(t.app, 'manager');
});
afterAll(async () => t?.close());

/** A new officer account, with no training recorded. */
async function newOfficer(username: string, displayName: string, roles = ['port-officer']): Promise<string> {
  const added = await t.services.identity.addUser({ username, displayName, roles, password: DEMO_PASSWORD }, { actor: SYSTEM_ACTOR });
  if (!added.ok) throw new Error(added.message);
  return added.value.id;
}

const dateFields = (name: string, iso: string | null) => {
  if (!iso) return { [`${name}-day`]: '', [`${name}-month`]: '', [`${name}-year`]: '' };
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

function trainingForm(values: { homePort?: string; ifcPart1On?: string | null; ifcPart2On?: string | null; ppstLevel?: string; ppstPassedOn?: string | null; ppstExpiresOn?: string | null; s31aTrainedOn?: string | null }) {
  return {
    homePort: values.homePort ?? '',
    ppstLevel: values.ppstLevel ?? 'none',
    ...dateFields('ifcPart1On', values.ifcPart1On ?? null),
    ...dateFields('ifcPart2On', values.ifcPart2On ?? null),
    ...dateFields('ppstPassedOn', values.ppstPassedOn ?? null),
    ...dateFields('ppstExpiresOn', values.ppstExpiresOn ?? null),
    ...dateFields('s31aTrainedOn', values.s31aTrainedOn ?? null),
  };
}

async function record(userId: string, values: Parameters<typeof trainingForm>[0], client = manager) {
  const page = await client.get(`/training/officers/${userId}`);
  expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
  return client.post(`/training/officers/${userId}`, { version, ...trainingForm(values) });
}

describe('recording an officer’s training', () => {
  it('records it with the expiry 12 months after the date passed when left blank, shows a banner and keeps the history', async () => {
    const userId = await newOfficer('olive-officer', 'Olive Officer');
    const passedOn = addMonths(today, -1);
    const saved = await record(userId, { homePort: 'CAL', ifcPart1On: addMonths(today, -8), ifcPart2On: addMonths(today, -4), ppstLevel: '3', ppstPassedOn: passedOn, s31aTrainedOn: addMonths(today, -3) });
    expect(saved.statusCode, errorSummary(saved.body)).toBe(303);
    expect(saved.headers.location).toBe(`/training/officers/${userId}`);
    const page = await manager.get(saved.headers.location as string);
    expect(page.body).toContain('Training recorded for Olive Officer.');
    expect(page.body).toContain(`expires ${formatDate(addMonths(passedOn, 12))}`);
    expect((await t.services.training.trainingOf(userId))!.record).toEqual({
      homePort: 'CAL',
      ifcPart1On: addMonths(today, -8),
      ifcPart2On: addMonths(today, -4),
      ppst: { level: 3, passedOn, expiresOn: addMonths(passedOn, 12) },
      s31aTrainedOn: addMonths(today, -3),
    });

    // A second recording: both are on the stream, the page lists both.
    const again = await record(userId, { homePort: 'CQF', ifcPart1On: addMonths(today, -8), ifcPart2On: addMonths(today, -4), ppstLevel: '3', ppstPassedOn: passedOn, s31aTrainedOn: addMonths(today, -3) });
    expect(again.statusCode).toBe(303);
    const events = await readStream(t.database.db, `training-${userId}`);
    expect(events.map((e) => [e.type, e.payload.homePort])).toEqual([['OfficerTrainingRecorded', 'CAL'], ['OfficerTrainingRecorded', 'CQF']]);
    const history = /<ul class="govuk-list govuk-list--spaced" id="history">([\s\S]*?)<\/ul>/.exec((await manager.get(`/training/officers/${userId}`)).body)![1]!;
    expect(history.match(/<li>/g)).toHaveLength(2);
  });

  it('refuses impossible dates, future dates and an 18-month ticket beside their fields, saving nothing', async () => {
    const userId = await newOfficer('ivan-invalid', 'Ivan Invalid');
    const impossible = await manager.post(`/training/officers/${userId}`, { version: '0', ...trainingForm({}), 'ifcPart1On-day': '31', 'ifcPart1On-month': '2', 'ifcPart1On-year': '2026' });
    expect(impossible.statusCode).toBe(422);
    expect(errorSummary(impossible.body)).toContain('The date part 1 was completed must be a real date');
    expect(impossible.body).toContain('href="#ifcPart1On-day"');

    const future = await record(userId, { ifcPart1On: addDays(today, 1) });
    expect(future.statusCode).toBe(422);
    expect(errorSummary(future.body)).toContain('The date part 1 was completed must be today or in the past');

    const passedOn = addMonths(today, -1);
    const eighteen = await record(userId, { ppstLevel: '3', ppstPassedOn: passedOn, ppstExpiresOn: addMonths(passedOn, 18) });
    expect(eighteen.statusCode).toBe(422);
    expect(errorSummary(eighteen.body)).toContain('A ticket lasts 12 months');

    const noDate = await record(userId, { ppstLevel: '2' });
    expect(noDate.statusCode).toBe(422);
    expect(errorSummary(noDate.body)).toContain('Enter the date the training was passed');

    const badPort = await record(userId, { homePort: 'ZZZ' });
    expect(badPort.statusCode).toBe(422);
    expect(errorSummary(badPort.body)).toContain('Choose the home port from the list');

    // A field sent twice counts as not given: no 500.
    const twice = await manager.post(`/training/officers/${userId}`, { version: ['0', '0'], ...trainingForm({}) });
    expect(twice.statusCode).toBe(422);
    expect(await t.services.training.trainingOf(userId)).toBeNull();
  });

  it('refuses a change made on a stale page (409) and keeps the other person’s', async () => {
    const userId = await newOfficer('stale-sam', 'Stale Sam');
    const page = await manager.get(`/training/officers/${userId}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const administrator = await WebClient.signedIn(t.app, 'administrator');
    expect((await record(userId, { homePort: 'DVR' }, administrator)).statusCode).toBe(303);
    const stale = await manager.post(`/training/officers/${userId}`, { version, ...trainingForm({ homePort: 'CAL' }) });
    expect(stale.statusCode).toBe(409);
    expect(errorSummary(stale.body)).toContain("Someone else changed this officer's training");
    expect((await t.services.training.trainingOf(userId))!.record.homePort).toBe('DVR');
  });

  it('is for managers and administrators only, and only about officers', async () => {
    const userId = await newOfficer('paula-port', 'Paula Port');
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get('/training')).statusCode).toBe(403);
    expect((await officer.get(`/training/officers/${userId}`)).statusCode).toBe(403);
    expect((await WebClient.signedIn(t.app, 'caseworker-eo').then((c) => c.get('/training'))).statusCode).toBe(403);
    const analyst = (await t.services.identity.userByUsername('analyst'))!;
    expect((await manager.get(`/training/officers/${analyst.id}`)).statusCode).toBe(404);
    expect((await manager.get('/training/officers/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('alerts on the officer’s home page', () => {
  async function homeOf(username: string) {
    const client = await WebClient.signedIn(t.app, username);
    const page = await client.get('/incidents');
    expect(page.statusCode).toBe(200);
    return page.body;
  }

  it('warns of a ticket expiring within 30 days, with its date', async () => {
    const userId = await newOfficer('eddie-expiring', 'Eddie Expiring');
    const expiresOn = addDays(today, 20);
    const passedOn = addMonths(expiresOn, -12);
    expect((await record(userId, { ppstLevel: '3', ppstPassedOn: passedOn })).statusCode).toBe(303);
    const body = await homeOf('eddie-expiring');
    expect(body).toContain('id="training-alerts"');
    expect(body).toContain(`Your Public and Personal Safety Training expires on ${formatDate(expiresOn)}: book a refresher.`);
  });

  it('says an officer is out of ticket once the expiry has passed, and warns of IFC part 2 more than six months after part 1', async () => {
    const userId = await newOfficer('otto-out', 'Otto Out');
    const expiresOn = addDays(today, -3);
    const part1 = addDays(addMonths(today, -6), -1);
    expect((await record(userId, { ifcPart1On: part1, ppstLevel: '2', ppstPassedOn: addMonths(expiresOn, -12), ppstExpiresOn: expiresOn })).statusCode).toBe(303);
    const body = await homeOf('otto-out');
    expect(body).toContain(`You are out of ticket: your Public and Personal Safety Training expired on ${formatDate(expiresOn)}.`);
    expect(body).toContain(`You completed Immigration Foundation Course part 1 on ${formatDate(part1)} and part 2 is not recorded`);
  });

  it('shows nothing to an officer in ticket (the demo officer)', async () => {
    expect(await homeOf('port-officer')).not.toContain('id="training-alerts"');
  });
});

describe('the manager’s view', () => {
  it('counts by home port who is out of ticket, about to be, or waiting for IFC part 2, then names them; and downloads as CSV', async () => {
    const users = {
      out: await newOfficer('dkk-out', 'Dora Dunkerque'),
      soon: await newOfficer('dkk-soon', 'Dean Dunkerque'),
      waiting: await newOfficer('dkk-wait', 'Dina Dunkerque', ['police-officer']),
      fine: await newOfficer('dkk-fine', 'Dave Dunkerque'),
    };
    expect((await record(users.out, { homePort: 'DKK', ppstLevel: '3', ppstPassedOn: addMonths(today, -13), ppstExpiresOn: addDays(addMonths(today, -13), 365) })).statusCode).toBe(303);
    expect((await record(users.soon, { homePort: 'DKK', ppstLevel: '3', ppstPassedOn: addDays(addMonths(today, -12), 5) })).statusCode).toBe(303);
    expect((await record(users.waiting, { homePort: 'DKK', ifcPart1On: addMonths(today, -7) })).statusCode).toBe(303);
    expect((await record(users.fine, { homePort: 'DKK', ifcPart1On: addMonths(today, -9), ifcPart2On: addMonths(today, -5), ppstLevel: '3', ppstPassedOn: addMonths(today, -2) })).statusCode).toBe(303);

    const page = await manager.get('/training');
    expect(page.statusCode).toBe(200);
    const row = /<tr class="govuk-table__row" data-port="DKK">([\s\S]*?)<\/tr>/.exec(page.body)![1]!;
    const numbers = [...row.matchAll(/govuk-table__cell--numeric"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([4, 1, 1, 1]);
    const listed = /data-port-officers="DKK">([\s\S]*?)<\/table>/.exec(page.body)![1]!;
    const names = [...listed.matchAll(/href="\/training\/officers\/[^"]+">([^<]+)</g)].map((m) => m[1]);
    expect(names).toEqual(['Dora Dunkerque', 'Dean Dunkerque', 'Dina Dunkerque']);

    const csv = await manager.get('/training.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Dora Dunkerque,Dunkerque (juxtaposed control),3,');
    expect(csv.body).toContain(',Out of ticket,No,No');
  });
});

describe('S31A referrals only from officers trained for them (policy switch on by default)', () => {
  const referral = () => ({
    port: 'CAL',
    incidentDate: addDays(today, -2),
    offence: 'S31A',
    vehicleRegistration: `CA ${Math.floor(1000 + Math.random() * 8999)} BX`,
    vehicleCountry: 'BG',
    driverName: 'Георги Иванов',
    companyName: 'ТРАНС ЕООД',
  });
  const webForm = (r: ReturnType<typeof referral>) => {
    const [year, month, day] = r.incidentDate.split('-');
    const { incidentDate: _date, ...rest } = r;
    return { ...rest, 'incidentDate-day': String(Number(day)), 'incidentDate-month': String(Number(month)), 'incidentDate-year': year!, clandestineEntrants: '' } as Record<string, string>;
  };
  const incident = () => ({
    kind: 'port',
    offences: ['S31A'],
    incidentDate: addDays(today, -1),
    port: 'CQF',
    vehicleKind: 'hgv',
    tractorRegistration: `WG ${Math.floor(10000 + Math.random() * 89999)}`,
    tractorCountry: 'PL',
    requirements: { 'seals-unique-numbers': 'not-met', 'check-at-loading': 'met' },
    responsiblePersons: [
      { role: 'driver', kind: 'person', name: 'Jan Kowalski', nationality: 'PL', language: 'pl', address: { line1: 'ul. Długa 1', town: 'Łódź', postcode: '90-001', country: 'PL' } },
      { role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', language: 'pl', address: { line1: 'ul. Długa 5', town: 'Łódź', postcode: '90-001', country: 'PL' } },
    ],
  });
  const api = (url: string, body: unknown, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}`, ...headers }, payload: JSON.stringify(body) });

  let untrained: WebClient;
  beforeAll(async () => {
    await newOfficer('ursula-untrained', 'Ursula Untrained');
    untrained = await WebClient.signedIn(t.app, 'ursula-untrained');
  });

  it('refuses the quick referral from an untrained officer with the reason beside the offence, opening no case', async () => {
    await untrained.get('/referrals/new');
    const sent = await untrained.post('/referrals', { ...webForm(referral()), idempotencyKey: 'untrained-web-1' });
    expect(sent.statusCode).toBe(422);
    expect(errorSummary(sent.body)).toContain(S31A_NOT_TRAINED_MESSAGE);
    expect(sent.body).toContain('href="#offence"');
  });

  it('lets the same officer refer S32 only, and a trained officer refer S31A', async () => {
    await untrained.get('/referrals/new');
    const s32 = await untrained.post('/referrals', { ...webForm(referral()), offence: 'S32', clandestineEntrants: '2', idempotencyKey: 'untrained-web-s32' });
    expect(s32.statusCode, errorSummary(s32.body)).toBe(303);
    const trained = await WebClient.signedIn(t.app, 'port-officer');
    await trained.get('/referrals/new');
    const s31a = await trained.post('/referrals', { ...webForm(referral()), idempotencyKey: 'trained-web-s31a' });
    expect(s31a.statusCode, errorSummary(s31a.body)).toBe(303);
  });

  it('refuses through the API a person signed in without the training (422 on offences), but not a system client with an API token', async () => {
    const cookie = { cookie: untrained.cookieHeader() };
    const refusedIncident = await api('/api/v1/incidents', incident(), cookie);
    expect(refusedIncident.statusCode, refusedIncident.body).toBe(422);
    expect(refusedIncident.json().errors).toContainEqual({ field: 'offences', message: S31A_NOT_TRAINED_MESSAGE });
    // Refused before anything is saved: no draft is left behind.
    const ursula = (await t.services.identity.userByUsername('ursula-untrained'))!;
    expect(await t.services.borderEvents.draftsBy(ursula.id)).toEqual([]);
    const validateOnly = await api('/api/v1/incidents?validateOnly=true', incident(), cookie);
    expect(validateOnly.statusCode).toBe(422);
    const refusedReferral = await api('/api/v1/referrals', referral(), cookie);
    expect(refusedReferral.statusCode, refusedReferral.body).toBe(422);
    expect(refusedReferral.json().errors).toEqual([{ field: 'offence', message: S31A_NOT_TRAINED_MESSAGE }]);

    const byToken = await api('/api/v1/incidents', incident(), bearer('port-officer'));
    expect(byToken.statusCode, byToken.body).toBe(201);
  });

  it('refuses to send a saved S31A draft from an untrained officer (submitIncident), beside the draft’s other problems, and keeps it a draft', async () => {
    const ursula = (await t.services.identity.userByUsername('ursula-untrained'))!;
    const actor = { id: ursula.id, name: ursula.displayName, roles: ursula.roles };
    const draft = await t.services.borderEvents.saveDraft({ incident: incident() }, { actor, now: t.clock.now() });
    if (!draft.ok) throw new Error(draft.message);
    const sent = await t.services.borderEvents.submit(draft.value.incidentId, { actor, now: t.clock.now() });
    expect(sent).toMatchObject({ ok: false, kind: 'refused', message: S31A_NOT_TRAINED_MESSAGE, errors: [{ field: 'offences', message: S31A_NOT_TRAINED_MESSAGE }] });
    const { port: _port, ...withoutPort } = incident();
    const incomplete = await t.services.borderEvents.saveDraft({ incident: withoutPort }, { actor, now: t.clock.now() });
    if (!incomplete.ok) throw new Error(incomplete.message);
    const both = await t.services.borderEvents.submit(incomplete.value.incidentId, { actor, now: t.clock.now() });
    expect(both.ok).toBe(false);
    const fields = (both as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields[0]).toBe('offences');
    expect(fields).toContain('port');
    expect((await t.services.borderEvents.getIncident(draft.value.incidentId))!.status).toBe('draft');
  });

  it('lets the officer refer S31A once their training is recorded', async () => {
    const ursula = (await t.services.identity.userByUsername('ursula-untrained'))!;
    expect((await record(ursula.id, { s31aTrainedOn: today })).statusCode).toBe(303);
    const accepted = await api('/api/v1/referrals', referral(), { cookie: untrained.cookieHeader() });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });

  it('with the switch off (a policy version in force today), accepts S31A from officers without the training', async () => {
    await newOfficer('norah-new', 'Norah New');
    const norah = await WebClient.signedIn(t.app, 'norah-new');
    const before = await api('/api/v1/incidents', incident(), { cookie: norah.cookieHeader() });
    expect(before.statusCode).toBe(422);

    const administrator = (await t.services.identity.userByUsername('administrator'))!;
    const published = await t.services.policy.publish(
      { version: '2026.90', effectiveFrom: today, reason: 'Test: S31A referrals from every officer', parameters: { ...POLICY_2023_1, referrals: { s31aRequiresTraining: false } } },
      { actor: { id: administrator.id, name: administrator.displayName, roles: administrator.roles }, now: t.clock.now() },
    );
    expect(published.ok, JSON.stringify(published)).toBe(true);

    const incidentSent = await api('/api/v1/incidents', incident(), { cookie: norah.cookieHeader() });
    expect(incidentSent.statusCode, incidentSent.body).toBe(201);
    await norah.get('/referrals/new');
    const quick = await norah.post('/referrals', { ...webForm(referral()), idempotencyKey: 'norah-web-s31a' });
    expect(quick.statusCode, errorSummary(quick.body)).toBe(303);
  });
});
