import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { checkedPerson, checkedPeople } from '../../../test/support/people-found.js';
import { POLISH_DRIVER, POLISH_OWNER } from '../../../test/support/casework.js';

let t: TestApp;

/** The demo port officer who signs in below: a draft is its author's, so the tests' drafts are theirs. */
async function demoPortOfficer(app: TestApp) {
  const user = (await app.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
  return { id: user.id, name: user.displayName, roles: user.roles };
}
const today = () => new Date().toISOString().slice(0, 10);
const [year, month, day] = new Date().toISOString().slice(0, 10).split('-');
const todayFields = (prefix: string) => ({ [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year! });
const s32Incident = () => ({
  kind: 'port',
  offences: ['S32'],
  incidentDate: today(),
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
  clandestineEntrants: 3,
  concealment: ['load'],
  responsiblePersons: [POLISH_DRIVER, POLISH_OWNER],
});
const CHILD_FORM = {
  claimedName: 'Yonas Haile',
  claimedNationality: 'ER',
  claimedAge: '15',
  sex: 'male',
  identityEstablished: 'claimed-only',
  biometricsTaken: 'yes',
  ...todayFields('biometricsDate'),
  biometricsTime: '10:15',
  check_identity: 'no-match',
  check_security: 'no-match',
  check_immigrationHistory: 'match',
  check_policeNationalComputer: 'not-done',
  check_policeNationalComputer_reason: 'PNC unavailable at the control zone',
  ageAssessment: 'referred-merton',
  handoverLocalAuthority: 'Kent County Council',
  ...todayFields('handoverDate'),
  handoverTime: '00:01',
  handoverSocialWorker: 'Sam Okafor',
};

function api(method: 'GET' | 'POST', url: string, role: string, body?: unknown) {
  return t.app.inject({ method, url, headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer(role) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
}

let incidentId: string;
beforeAll(async () => {
  t = await createTestApp();
  const draft = await t.services.borderEvents.saveDraft({ incident: s32Incident() }, { actor: await demoPortOfficer(t) });
  incidentId = draft.ok ? draft.value.incidentId : '';
});
afterAll(async () => t?.close());

describe('people found on the web', () => {
  it('records a child’s identity, checks, age assessment and handover, shown to officers and managers but never to caseworkers', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    expect((await officer.get(`/incidents/${incidentId}/people/new`)).statusCode).toBe(200);
    const added = await officer.post(`/incidents/${incidentId}/people`, CHILD_FORM);
    expect(added.statusCode, added.body.slice(0, 3000)).toBe(303);
    const page = await officer.get(`/incidents/${incidentId}/people`);
    for (const shown of ['Person 1: Yonas Haile', 'Eritrea', '15 years', 'Referred for a Merton-compliant age assessment', 'Kent County Council', 'received by Sam Okafor', 'Not done: PNC unavailable at the control zone', 'Immigration history check']) {
      expect(page.body).toContain(shown);
    }
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get(`/incidents/${incidentId}/people`)).body).toContain('Sam Okafor');

    const [person] = await t.services.borderEvents.peopleFound(incidentId);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    for (const url of [`/incidents/${incidentId}/people`, `/incidents/${incidentId}/people/new`, `/incidents/${incidentId}/people/${person!.id}`, `/incidents/${incidentId}/people/${person!.id}/follow-up`]) {
      const response = await caseworker.get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).not.toContain('Sam Okafor');
    }
    expect((await caseworker.post(`/incidents/${incidentId}/people/${person!.id}/follow-up`, { nrmStage: 'reasonable-grounds' })).statusCode).toBe(403);
  });

  it('refuses an NRM reference for someone not marked as a potential victim, a repeated answer and an impossible date, saving nothing', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    await officer.get(`/incidents/${incidentId}/people/new`);
    const nrm = await officer.post(`/incidents/${incidentId}/people`, { nrmReferralReference: 'NRM-56' });
    expect(nrm.statusCode).toBe(422);
    expect(nrm.body).toContain('Tick “potential victim of trafficking”, or clear the NRM reference');
    const repeated = await officer.post(`/incidents/${incidentId}/people`, { claimedAge: ['15', '16'] });
    expect(repeated.statusCode).toBe(422);
    expect(repeated.body).toContain('Give one answer to this question');
    const impossible = await officer.post(`/incidents/${incidentId}/people`, { 'claimedDateOfBirth-day': '31', 'claimedDateOfBirth-month': '2', 'claimedDateOfBirth-year': '2010' });
    expect(impossible.statusCode).toBe(422);
    expect(impossible.body).toContain('The claimed date of birth must be a real date');
    const huge = await officer.post(`/incidents/${incidentId}/people`, { claimedAge: '999' });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('The claimed age must be 120 or less');
    expect(await t.services.borderEvents.peopleFound(incidentId)).toHaveLength(1);
  });

  it('shows the difference between entrants and people recorded next to its field, and keeps the reason given', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const page = await officer.get(`/incidents/${incidentId}/people`);
    expect(page.body).toContain('3 entrants were counted but 1 person is recorded: record the other 2 people, or give the reason');
    expect(page.body).toContain('id="peopleFoundDifferenceReason-error"');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const saved = await officer.post(`/incidents/${incidentId}/people-difference`, { peopleFoundDifferenceReason: 'Two ran away before they could be recorded', version });
    expect(saved.statusCode).toBe(303);
    expect((await t.services.borderEvents.getIncident(incidentId))!.data.peopleFoundDifferenceReason).toBe('Two ran away before they could be recorded');
    // The whole incident form, which does not ask for the reason, keeps it.
    const form = await officer.get(`/incidents/${incidentId}?form=whole`);
    const formVersion = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    await officer.post(`/incidents/${incidentId}`, { kind: 'port', port: 'CQF', offences: 'S32', clandestineEntrants: '3', action: 'save', version: formVersion });
    expect((await t.services.borderEvents.getIncident(incidentId))!.data.peopleFoundDifferenceReason).toBe('Two ran away before they could be recorded');
    // A stale page is refused, not saved over what changed.
    const stale = await officer.post(`/incidents/${incidentId}/people-difference`, { peopleFoundDifferenceReason: 'Something else', version });
    expect(stale.statusCode).toBe(409);
  });

  it('changes a person while a draft, refusing a stale version with 409', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const [person] = await t.services.borderEvents.peopleFound(incidentId);
    const page = await officer.get(`/incidents/${incidentId}/people/${person!.id}`);
    expect(page.body).toContain('value="Yonas Haile"');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const changed = await officer.post(`/incidents/${incidentId}/people/${person!.id}`, { ...CHILD_FORM, claimedName: 'Yonas Haile Tesfay', version });
    expect(changed.statusCode).toBe(303);
    const stale = await officer.post(`/incidents/${incidentId}/people/${person!.id}`, { ...CHILD_FORM, claimedName: 'Someone else', version });
    expect(stale.statusCode).toBe(409);
    expect(((await t.services.borderEvents.peopleFound(incidentId))[0]!.details as { claimedName: string }).claimedName).toBe('Yonas Haile Tesfay');
  });
});

describe('people found through the API', () => {
  it('refuses an S32 incident whose people recorded differ from its entrants, naming the difference, until a reason is given', async () => {
    const refused = await api('POST', '/api/v1/incidents', 'port-officer', { ...s32Incident(), peopleFound: checkedPeople(2) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toContainEqual({ field: 'peopleFoundDifferenceReason', message: '3 entrants were counted but 2 people are recorded: record the third person, or give the reason' });
    const sent = await api('POST', '/api/v1/incidents', 'port-officer', { ...s32Incident(), peopleFound: checkedPeople(2), peopleFoundDifferenceReason: 'One ran away before he could be recorded' });
    expect(sent.statusCode, sent.body).toBe(201);
  });

  it('refuses a child without a handover to a local authority, and a person without the minimum checks', async () => {
    const child = checkedPerson({ claimedAge: 15 });
    const refused = await api('POST', '/api/v1/incidents', 'port-officer', { ...s32Incident(), clandestineEntrants: 2, peopleFound: [child, { apparentChild: false, potentialVictimOfTrafficking: false, medicalNeed: false }] });
    expect(refused.statusCode).toBe(422);
    const fields = (refused.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['peopleFound.0.ageAssessment', 'peopleFound.0.handover', 'peopleFound.1.biometricsTaken', 'peopleFound.1.check_identity']));
  });

  it('shows people found, a child’s handover and NRM data to officers and never to caseworkers, on the incident and the case, web and API', async () => {
    const child = checkedPerson({ claimedAge: 15, ageAssessment: 'accepted-as-claimed', handover: { localAuthority: 'Kent County Council', date: today(), time: '00:01', socialWorker: 'Sam Okafor' } });
    const victim = checkedPerson({ potentialVictimOfTrafficking: true, traffickingIndicators: ['debt-bondage'], nrmReferred: true, nrmReferralReference: 'NRM-2026-77' });
    const sent = await api('POST', '/api/v1/incidents', 'port-officer', { ...s32Incident(), peopleFound: [child, victim], peopleFoundDifferenceReason: 'One ran away at the control zone' });
    expect(sent.statusCode, sent.body).toBe(201);
    const { incidentId: id, caseReference } = sent.json() as { incidentId: string; caseReference: string };

    // The NRM's decision comes back weeks later: recorded after sending by a senior officer (or the
    // officer who recorded the incident — the API's port system here — or a manager), not another officer.
    const people = await t.services.borderEvents.peopleFound(id);
    const victimRow = people.find((p) => p.potentialVictimOfTrafficking)!;
    const otherOfficer = await WebClient.signedIn(t.app, 'port-officer');
    await otherOfficer.get(`/incidents/${id}/people/${victimRow.id}/follow-up`);
    const outcome = { nrmStage: 'reasonable-grounds', nrmDecision: 'positive', ...todayFields('nrmDate') };
    expect((await otherOfficer.post(`/incidents/${id}/people/${victimRow.id}/follow-up`, outcome)).statusCode).toBe(403);
    const senior = await WebClient.signedIn(t.app, 'senior-officer');
    const form = await senior.get(`/incidents/${id}/people/${victimRow.id}/follow-up`);
    expect(form.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const recorded = await senior.post(`/incidents/${id}/people/${victimRow.id}/follow-up`, { ...outcome, version });
    expect(recorded.statusCode, recorded.body.slice(0, 2000)).toBe(303);
    expect((await senior.get(`/incidents/${id}/people`)).body).toContain('Reasonable grounds decision');

    const asOfficer = (await api('GET', `/api/v1/incidents/${id}`, 'port-officer')).json();
    expect(JSON.stringify(asOfficer)).toContain('Sam Okafor');
    expect(asOfficer.incident.peopleFoundDifferenceReason).toBe('One ran away at the control zone');

    const asCaseworker = await api('GET', `/api/v1/incidents/${id}`, 'caseworker-eo');
    expect(asCaseworker.statusCode).toBe(200);
    expect(asCaseworker.json().peopleFound).toBeUndefined();
    for (const secret of ['Sam Okafor', 'Kent County Council', 'NRM-2026-77', 'One ran away', 'debt-bondage']) expect(asCaseworker.body).not.toContain(secret);

    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    for (const url of [`/cases/${caseReference}`, `/incidents/${id}`, `/incidents/${id}/people`]) {
      const response = await caseworker.get(url);
      for (const secret of ['Sam Okafor', 'Kent County Council', 'NRM-2026-77', 'One ran away']) expect(response.body, url).not.toContain(secret);
    }
    const caseApi = await api('GET', `/api/v1/cases/${caseReference}`, 'caseworker-eo');
    for (const secret of ['Sam Okafor', 'NRM-2026-77', 'One ran away']) expect(caseApi.body).not.toContain(secret);
  });
});
