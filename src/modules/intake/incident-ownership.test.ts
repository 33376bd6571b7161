import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { SYSTEM_ACTOR } from '../identity/service.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';

/*
 * Incident drafts belong to the officer who started them: only they (or a manager) read and change
 * them. Once sent, an incident is read by every officer who records finds and by the penalty team.
 */

let t: TestApp;
let author: WebClient;
let draftId: string;
const draftForm = { kind: 'port', port: 'CQF', offences: 'S32', clandestineEntrants: '2', action: 'save' };

beforeAll(async () => {
  t = await createTestApp();
  const added = await t.services.identity.addUser(
    { username: 'port-officer-2', displayName: 'Second port officer', roles: ['port-officer'], password: DEMO_PASSWORD },
    { actor: SYSTEM_ACTOR },
  );
  expect(added.ok).toBe(true);
  author = await WebClient.signedIn(t.app, 'port-officer');
  await author.get('/incidents/new');
  const saved = await author.post('/incidents', draftForm);
  expect(saved.statusCode, saved.body).toBe(303);
  draftId = /\/incidents\/([0-9a-f-]{36})/.exec(saved.headers.location as string)![1]!;
});
afterAll(async () => t?.close());

async function entrants(): Promise<unknown> {
  return (await t.services.borderEvents.getIncident(draftId))!.data.clandestineEntrants;
}

async function signedInAs(username: string) {
  const client = new WebClient(t.app);
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { username, password: DEMO_PASSWORD });
  expect(response.statusCode).toBe(303);
  await client.get('/account');
  return client;
}

describe('an incident draft', () => {
  it('is opened and changed by its author', async () => {
    const page = await author.get(`/incidents/${draftId}`);
    expect(page.statusCode).toBe(200);
    // The draft opens as its task list; sending is at the end of check your answers.
    expect(page.body).toContain(`href="/incidents/${draftId}/vehicle"`);
    expect((await author.get(`/incidents/${draftId}/vehicle`)).body).toContain(`action="/incidents/${draftId}/vehicle"`);
    expect((await author.get(`/incidents/${draftId}/check`)).body).toContain('Send referral');
    const changed = await author.post(`/incidents/${draftId}`, { ...draftForm, clandestineEntrants: '3' });
    expect(changed.statusCode).toBe(303);
    expect(await entrants()).toBe(3);
  });

  it('is neither shown nor changed for another officer, police or port: 403, the count as the author left it, no edit offered', async () => {
    for (const other of [await WebClient.signedIn(t.app, 'police-officer'), await signedInAs('port-officer-2')]) {
      const page = await other.get(`/incidents/${draftId}`);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('draft by another officer');
      expect(page.body).not.toContain(`action="/incidents/${draftId}`);
      expect(page.body).not.toContain(`href="/incidents/${draftId}/vehicle"`);
      const version = String((await t.services.borderEvents.getIncident(draftId))!.version);
      const changed = await other.post(`/incidents/${draftId}`, { ...draftForm, clandestineEntrants: '9', version });
      expect(changed.statusCode).toBe(403);
      expect(await entrants()).toBe(3);
      // Nor the people found, evidence, or a decision not to refer.
      expect((await other.get(`/incidents/${draftId}/people`)).statusCode).toBe(403);
      const keptBack = await other.post(`/incidents/${draftId}/not-referred`, { reasonCode: 'other', reasonText: 'Not my incident at all, but I try' });
      expect(keptBack.statusCode).toBe(403);
      expect(keptBack.body).toContain('another officer’s');
      const person = await other.post(`/incidents/${draftId}/people`, { check_identity: 'done-clear' });
      expect(person.statusCode).toBe(403);
      expect(await t.services.borderEvents.peopleFound(draftId)).toHaveLength(0);
      expect((await t.services.borderEvents.getIncident(draftId))!.status).toBe('draft');
    }
  });

  it('refuses another officer in the command itself, whatever the door', async () => {
    const other = { id: 'someone-else', name: 'Another officer', roles: ['police-officer'] };
    const outcome = await t.services.borderEvents.saveDraft({ incidentId: draftId, incident: { kind: 'port', offences: ['S32'], clandestineEntrants: 9 } }, { actor: other });
    expect(outcome).toMatchObject({ ok: false, kind: 'forbidden' });
    const sent = await t.services.borderEvents.submit(draftId, { actor: other });
    expect(sent).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await entrants()).toBe(3);
  });

  it('is read and corrected by a manager, who is offered the form but not the officer’s own steps', async () => {
    const manager = await WebClient.signedIn(t.app, 'manager');
    const page = await manager.get(`/incidents/${draftId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/incidents/${draftId}/vehicle"`);
    expect((await manager.get(`/incidents/${draftId}/vehicle`)).body).toContain(`action="/incidents/${draftId}/vehicle"`);
    expect((await manager.get(`/incidents/${draftId}/check`)).body).not.toContain('Send referral');
    expect((await manager.get(`/incidents/${draftId}/evidence`)).body).not.toContain(`action="/incidents/${draftId}/evidence"`);
    expect(page.body).not.toContain(`action="/incidents/${draftId}/not-referred"`);
    const changed = await manager.post(`/incidents/${draftId}`, { ...draftForm, clandestineEntrants: '4' });
    expect(changed.statusCode).toBe(303);
    expect(await entrants()).toBe(4);
    // A manager does not start incidents of their own.
    expect((await manager.get('/incidents/new')).statusCode).toBe(403);
  });

  it('is not read through the API by another officer’s token, nor by the penalty team’s', async () => {
    const refused = await t.app.inject({ url: `/api/v1/incidents/${draftId}`, headers: bearer('police-officer') });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('CQF');
    expect((await t.app.inject({ url: `/api/v1/incidents/${draftId}`, headers: bearer('caseworker-eo') })).statusCode).toBe(403);
  });
});

describe('an incident no longer a draft', () => {
  it('is read by every officer who records finds and by the penalty team, and changed by no one', async () => {
    // The author keeps it back (awaiting a senior officer): no longer a draft, so others read it.
    const kept = await author.post(`/incidents/${draftId}/not-referred`, { reasonCode: 'other', reasonText: 'The driver declared it at the check-in booth.' });
    expect(kept.statusCode).toBe(200);
    const police = await WebClient.signedIn(t.app, 'police-officer');
    expect((await police.get(`/incidents/${draftId}`)).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/incidents/${draftId}`, headers: bearer('caseworker-eo') })).statusCode).toBe(200);
    const changed = await police.post(`/incidents/${draftId}`, { ...draftForm, clandestineEntrants: '9' });
    expect(changed.statusCode).toBe(422);
    expect(await entrants()).toBe(4);
  });
});
