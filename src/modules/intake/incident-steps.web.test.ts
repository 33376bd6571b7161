import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';
import { mergeStep, stepForField, taskProgress, completedCount } from './incident-steps.js';

/*
 * The incident form as GOV.UK task-list steps: each step saves only its own fields into the draft,
 * at the version its page was opened with.
 */

let t: TestApp;
let officer: WebClient;

const vehicleStep = {
  step: 'vehicle',
  kind: 'port',
  offences: 'S32',
  clandestineEntrants: '3',
  'incidentDate-day': '2',
  'incidentDate-month': '12',
  'incidentDate-year': '2026',
  incidentTime: '10:15',
  port: 'CQF',
  vehicleKind: 'hgv',
  tractorRegistration: 'WGM 4521K',
  tractorCountry: 'PL',
};
const personsStep = { p1_name: 'Piotr Kowalski', p1_docNumber: 'EA1234567', p2_role: 'owner', p2_kind: 'organisation', p2_name: 'Trans-Pol Sp. z o.o.', p2_address1: 'ul. Długa 5', p2_country: 'PL' };

const idFrom = (location: unknown) => /\/incidents\/([0-9a-f-]{36})/.exec(String(location))![1]!;
const stored = async (id: string) => (await t.services.borderEvents.getIncident(id))!;

async function newDraft(client = officer) {
  await client.get('/incidents/new');
  const saved = await client.post('/incidents', { ...vehicleStep, then: 'task-list' });
  expect(saved.statusCode, saved.body).toBe(303);
  return idFrom(saved.headers.location);
}

beforeAll(async () => {
  t = await createTestApp();
  officer = await WebClient.signedIn(t.app, 'port-officer');
});
afterAll(async () => t?.close());

describe('starting an incident', () => {
  it('asks the first step, and creates the draft with that step’s fields on its first save', async () => {
    const page = await officer.get('/incidents/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vehicle and place');
    expect(page.body).toContain('action="/incidents"');
    expect(page.body).toContain('name="step" value="vehicle"');
    // Only this step's fields: no responsible persons or security findings on this page.
    expect(page.body).not.toContain('name="p1_name"');
    expect(page.body).not.toContain('name="sealNumbers"');
    const saved = await officer.post('/incidents', { ...vehicleStep, then: 'continue' });
    expect(saved.statusCode).toBe(303);
    const id = idFrom(saved.headers.location);
    // Save and continue: on to the next task (people found, for the officer).
    expect(saved.headers.location).toBe(`/incidents/${id}/people`);
    // With no one found (S31A only), on to the responsible persons instead.
    const s31a = await officer.post('/incidents', { ...vehicleStep, offences: 'S31A', clandestineEntrants: '', then: 'continue' });
    expect(s31a.headers.location).toBe(`/incidents/${idFrom(s31a.headers.location)}/responsible-persons`);
    const draft = await stored(id);
    expect(draft.status).toBe('draft');
    expect(draft.data).toMatchObject({ kind: 'port', port: 'CQF', clandestineEntrants: 3, tractorRegistration: 'WGM 4521K' });
  });

  it('shows an inland detection’s journey and dates on its first step, and keeps the draft inland', async () => {
    const police = await WebClient.signedIn(t.app, 'police-officer');
    // A kind given twice is refused plainly, not a 500.
    const page = await police.get('/incidents/new?kind=inland&kind=port');
    expect(page.statusCode).toBe(400);
    const inland = await police.get('/incidents/new?kind=inland');
    expect(inland.body).toContain('name="kind" value="inland"');
    expect(inland.body).toContain('Where the people were found');
    expect(inland.body).toContain('estimatedArrivalDate-day');
    const saved = await police.post('/incidents', { step: 'vehicle', kind: 'inland', offences: 'S32', location: 'M20 junction 8' });
    expect(saved.statusCode).toBe(303);
    const id = idFrom(saved.headers.location);
    expect((await stored(id)).kind).toBe('inland');
    // A later step cannot turn it into a port incident.
    const version = String((await stored(id)).version);
    expect((await police.post(`/incidents/${id}/security`, { step: 'security', kind: 'port', sealNumbers: 'X1', version })).statusCode).toBe(303);
    expect((await stored(id)).data).toMatchObject({ kind: 'inland', location: 'M20 junction 8', sealNumbers: ['X1'] });
    const home = await police.get('/incidents');
    expect(home.body).toMatch(new RegExp(`href="/incidents/${id}"[^>]*>Continue`));
  });

  it('starts from a search: the search’s vehicle on the first step, and the draft linked to it', async () => {
    await officer.get('/searches/new');
    const search = await officer.post('/searches', {
      port: 'CQF',
      'date-day': '2',
      'date-month': '12',
      'date-year': '2026',
      time: '09:05',
      vehicleKind: 'hgv',
      tractorRegistration: 'WGM 4521K',
      tractorCountry: 'PL',
      selectionReason: 'officer-selected',
      methods: 'heartbeat',
      detectingMethod: 'heartbeat',
      searchedBy: 'border-force',
      result: 'clandestine-entrants',
    });
    const searchId = /search=([0-9a-f-]{36})/.exec(String(search.headers.location))?.[1];
    if (!searchId) return expect.fail(`search not recorded: ${search.statusCode} ${search.body.slice(0, 500)}`);
    // The officer's home links a search with a find to recording its incident.
    expect((await officer.get('/incidents')).body).toContain(`href="/incidents/new?search=${searchId}"`);
    const page = await officer.get(`/incidents/new?search=${searchId}`);
    expect(page.body).toContain(`name="searchId" value="${searchId}"`);
    expect(page.body).toMatch(/id="tractorRegistration"[^>]*value="WGM 4521K"/);
    const saved = await officer.post('/incidents', { ...vehicleStep, searchId });
    expect((await stored(idFrom(saved.headers.location))).data.searchId).toBe(searchId);
  });
});

describe('a draft’s task list and steps', () => {
  it('saving one step keeps what the other steps saved', async () => {
    const id = await newDraft();
    let version = (await stored(id)).version;
    await officer.get(`/incidents/${id}/responsible-persons`);
    const persons = await officer.post(`/incidents/${id}/responsible-persons`, { ...personsStep, kind: 'port', step: 'responsible-persons', version: String(version), then: 'task-list' });
    expect(persons.statusCode, persons.body).toBe(303);
    expect(persons.headers.location).toBe(`/incidents/${id}`);
    version = (await stored(id)).version;
    const security = await officer.post(`/incidents/${id}/security`, { kind: 'port', step: 'security', sealNumbers: 'PL-1\nPL-2', checklistProduced: 'no', version: String(version), then: 'continue' });
    expect(security.statusCode).toBe(303);
    expect(security.headers.location).toBe(`/incidents/${id}/evidence`);
    const data = (await stored(id)).data;
    expect(data).toMatchObject({ port: 'CQF', clandestineEntrants: 3, tractorRegistration: 'WGM 4521K', sealNumbers: ['PL-1', 'PL-2'], checklistProduced: false });
    expect(data.responsiblePersons?.map((p) => p.name)).toEqual(['Piotr Kowalski', 'Trans-Pol Sp. z o.o.']);
    // Saving the vehicle step again changes its own fields only.
    version = (await stored(id)).version;
    const again = await officer.post(`/incidents/${id}/vehicle`, { ...vehicleStep, clandestineEntrants: '4', version: String(version) });
    expect(again.statusCode).toBe(303);
    const after = (await stored(id)).data;
    expect(after.clandestineEntrants).toBe(4);
    expect(after.sealNumbers).toEqual(['PL-1', 'PL-2']);
    expect(after.responsiblePersons).toHaveLength(2);

    const list = await officer.get(`/incidents/${id}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('govuk-task-list');
    for (const href of ['vehicle', 'responsible-persons', 'security', 'evidence', 'check']) expect(list.body).toContain(`href="/incidents/${id}/${href}"`);
    // People found: the count recorded against the number of entrants.
    expect(list.body).toContain('0 of 4 people recorded');
    // Vehicle, persons and security complete; people found not started.
    expect(list.body).toContain('You have completed 3 of 4 tasks');
    // The step page shows what was saved.
    const step = await officer.get(`/incidents/${id}/responsible-persons`);
    expect(step.body).toContain('value="Piotr Kowalski"');
  });

  it('refuses a save made on a page opened before another save: 409, nothing saved, the entries kept', async () => {
    const id = await newDraft();
    const opened = String((await stored(id)).version);
    const first = await officer.post(`/incidents/${id}/vehicle`, { ...vehicleStep, clandestineEntrants: '5', version: opened });
    expect(first.statusCode).toBe(303);
    const stale = await officer.post(`/incidents/${id}/vehicle`, { ...vehicleStep, clandestineEntrants: '7', version: opened });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved this draft after you opened this page');
    expect(stale.body).toMatch(/id="clandestineEntrants"[^>]*value="7"/);
    expect((await stored(id)).data.clandestineEntrants).toBe(5);
  });

  it('refuses a step with a wrong entry: 422 with the error by the field and every entry kept', async () => {
    const id = await newDraft();
    const version = String((await stored(id)).version);
    const refused = await officer.post(`/incidents/${id}/vehicle`, { ...vehicleStep, incidentTime: '25:99', tractorRegistration: 'KEEP ME 1', version });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#incidentTime"');
    expect(refused.body).toMatch(/id="incidentTime"[^>]*value="25:99"/);
    expect(refused.body).toMatch(/id="tractorRegistration"[^>]*value="KEEP ME 1"/);
    expect((await stored(id)).data.incidentTime).toBe('10:15');
  });

  it('check your answers lists what stops the referral, each linked to the step that fixes it; sending from it opens a case', async () => {
    const id = await newDraft();
    const check = await officer.get(`/incidents/${id}/check`);
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Check your answers');
    expect(check.body).toContain('Add the driver, or say the trailer was unaccompanied');
    expect(check.body).toMatch(new RegExp(`href="/incidents/${id}/responsible-persons#p1_name">Add the driver`));
    expect(check.body).toContain(`href="/incidents/${id}/vehicle#port"`); // a Change link
    const refused = await officer.post(`/incidents/${id}/send`, { version: String((await stored(id)).version) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect((await stored(id)).status).toBe('draft');

    const version = String((await stored(id)).version);
    expect((await officer.post(`/incidents/${id}/responsible-persons`, { ...personsStep, kind: 'port', version })).statusCode).toBe(303);
    // Three entrants counted and no one recorded: the people-found step is what still stops it.
    const people = await officer.get(`/incidents/${id}/check`);
    expect(people.body).toContain('3 entrants were counted but 0 people are recorded');
    expect(people.body).toContain(`href="/incidents/${id}/people`);
    const reason = { peopleFoundDifferenceReason: 'All three ran away before they could be recorded', version: String((await stored(id)).version) };
    expect((await officer.post(`/incidents/${id}/people-difference`, reason)).statusCode).toBe(303);
    const ready = await officer.get(`/incidents/${id}/check`);
    expect(ready.body).not.toContain('Before you can send it');
    expect(ready.body).toContain('Piotr Kowalski');
    const sent = await officer.post(`/incidents/${id}/send`, { version: String((await stored(id)).version) });
    expect(sent.statusCode, sent.body).toBe(303);
    const incident = await stored(id);
    expect(incident.status).toBe('submitted');
    expect((await officer.get(`/incidents/${id}`)).body).toContain(incident.caseReference!);
  });

  it('shows a manager the same steps, without sending or the officer’s own actions', async () => {
    const id = await newDraft();
    const manager = await WebClient.signedIn(t.app, 'manager');
    const list = await manager.get(`/incidents/${id}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/incidents/${id}/vehicle"`);
    expect(list.body).not.toContain(`action="/incidents/${id}/not-referred"`);
    const check = await manager.get(`/incidents/${id}/check`);
    expect(check.body).not.toContain('Send referral');
    expect((await manager.get(`/incidents/${id}/evidence`)).body).not.toContain(`action="/incidents/${id}/evidence"`);
    const version = String((await stored(id)).version);
    const corrected = await manager.post(`/incidents/${id}/vehicle`, { ...vehicleStep, clandestineEntrants: '6', version });
    expect(corrected.statusCode).toBe(303);
    expect((await stored(id)).data.clandestineEntrants).toBe(6);
    expect((await manager.post(`/incidents/${id}/send`, { version })).statusCode).toBe(403);
  });

  it('refuses every step of another officer’s draft: 403 and nothing changed', async () => {
    const id = await newDraft();
    await t.services.identity.addUser({ username: 'port-officer-3', displayName: 'Third port officer', roles: ['port-officer'], password: DEMO_PASSWORD }, { actor: SYSTEM_ACTOR });
    const other = new WebClient(t.app);
    await other.get('/sign-in');
    expect((await other.post('/sign-in', { username: 'port-officer-3', password: DEMO_PASSWORD })).statusCode).toBe(303);
    await other.get('/account');
    for (const step of ['vehicle', 'responsible-persons', 'security', 'evidence', 'check']) {
      const page = await other.get(`/incidents/${id}/${step}`);
      expect(page.statusCode, step).toBe(403);
      expect(page.body).not.toContain('WGM 4521K');
    }
    const version = String((await stored(id)).version);
    const changed = await other.post(`/incidents/${id}/vehicle`, { ...vehicleStep, clandestineEntrants: '9', version });
    expect(changed.statusCode).toBe(403);
    expect((await other.post(`/incidents/${id}/send`, { version })).statusCode).toBe(403);
    expect((await stored(id)).data.clandestineEntrants).toBe(3);
  });

  it('answers a step of an unknown or malformed id with 404', async () => {
    expect((await officer.get('/incidents/00000000-0000-4000-8000-000000000000/vehicle')).statusCode).toBe(404);
    expect((await officer.get('/incidents/not-an-id/check')).statusCode).toBe(404);
    const nul = await officer.get('/incidents/not-an-id%00/vehicle');
    expect(nul.statusCode).toBeGreaterThanOrEqual(400);
    expect(nul.statusCode).toBeLessThan(500);
  });
});

describe('the officer’s home', () => {
  it('lists each draft with a Continue link to its task list and how many tasks are complete', async () => {
    const id = await newDraft();
    const home = await officer.get('/incidents');
    const drafts = home.body.slice(home.body.indexOf('Drafts to finish'), home.body.indexOf('Incidents you recorded'));
    expect(drafts).toMatch(new RegExp(`href="/incidents/${id}"[^>]*>Continue`));
    expect(drafts).toMatch(/1 of 3 tasks complete/);
  });

  it('offers the ways to start when there is nothing yet', async () => {
    await t.services.identity.addUser({ username: 'police-officer-new', displayName: 'New police officer', roles: ['police-officer'], password: DEMO_PASSWORD }, { actor: SYSTEM_ACTOR });
    const police = new WebClient(t.app);
    await police.get('/sign-in');
    expect((await police.post('/sign-in', { username: 'police-officer-new', password: DEMO_PASSWORD })).statusCode).toBe(303);
    const home = await police.get('/incidents');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('You have not recorded anything yet');
    for (const href of ['/searches/new', '/incidents/new', '/incidents/new?kind=inland']) expect(home.body).toContain(`href="${href}"`);
  });
});

describe('task statuses (pure)', () => {
  it('merges one step over the stored draft, clearing that step’s emptied fields only', () => {
    const merged = mergeStep({ kind: 'port', port: 'CQF', sealNumbers: ['A'], responsiblePersons: [{ name: 'X' }] }, { kind: 'inland', responsiblePersons: [] }, 'security');
    expect(merged).toEqual({ kind: 'port', port: 'CQF', responsiblePersons: [{ name: 'X' }] });
  });

  it('maps each problem to the step that fixes it', () => {
    expect(stepForField('responsiblePersons.1.role')).toBe('responsible-persons');
    expect(stepForField('journey.crossingDate')).toBe('vehicle');
    expect(stepForField('requirements')).toBe('security');
  });

  it('says people found cannot start before the number of entrants is known, and counts what is complete', () => {
    const tasks = taskProgress({ kind: 'port', offences: ['S32'] }, [{ field: 'clandestineEntrants', message: 'x' }], { peopleRecorded: 0, evidence: 0 }, { seesPeopleFound: true });
    expect(tasks.find((x) => x.slug === 'people')!.status).toBe('Cannot start yet');
    expect(tasks.find((x) => x.slug === 'vehicle')!.status).toBe('In progress');
    expect(completedCount(tasks)).toEqual({ completed: 0, total: 3 });
  });
});
