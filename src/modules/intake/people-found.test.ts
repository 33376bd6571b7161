import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';

let t: TestApp;

/** The demo port officer who signs in below: a draft is its author's, so the tests' drafts are theirs. */
async function demoPortOfficer(app: TestApp) {
  const user = (await app.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
  return { id: user.id, name: user.displayName, roles: user.roles };
}
let incidentId: string;
beforeAll(async () => {
  t = await createTestApp();
  const draft = await t.services.borderEvents.saveDraft({ incident: { kind: 'port', offences: ['S32'] } }, { actor: await demoPortOfficer(t) });
  incidentId = draft.ok ? draft.value.incidentId : '';
});
afterAll(async () => t?.close());

describe('people found', () => {
  it('records each person’s checks and safeguarding, shown to officers and managers but not caseworkers', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    await officer.get(`/incidents/${incidentId}/people`);
    const added = await officer.post(`/incidents/${incidentId}/people`, {
      flags: ['apparentChild', 'potentialVictimOfTrafficking'],
      nrmReferralReference: 'NRM-55',
      check_identity: 'done-clear',
      check_biometrics: 'done-match',
    });
    expect(added.statusCode).toBe(303);
    const page = await officer.get(`/incidents/${incidentId}/people`);
    expect(page.body).toContain('Apparent child');
    expect(page.body).toContain('NRM NRM-55');
    expect(page.body).toContain('Biometrics (fingerprints): Done: a match or concern');
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get(`/incidents/${incidentId}/people`)).statusCode).toBe(200);
    const caseworker = await WebClient.signedIn(t.app, 'caseworker-eo');
    expect((await caseworker.get(`/incidents/${incidentId}/people`)).statusCode).toBe(403);
  });

  it('refuses an NRM reference for someone not marked as a potential victim, saving nothing', async () => {
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    await officer.get(`/incidents/${incidentId}/people`);
    const refused = await officer.post(`/incidents/${incidentId}/people`, { nrmReferralReference: 'NRM-56' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Tick “potential victim of trafficking”, or clear the NRM reference');
    expect(await t.services.borderEvents.peopleFound(incidentId)).toHaveLength(1);
  });
});

describe('responsible persons against the register', () => {
  it('shows the officer possible register matches on the saved draft', async () => {
    await t.services.parties.register({ kind: 'organisation', name: 'TRANSPOL SP ZOO', country: 'PL' }, { actor: { id: 'c', name: 'C', roles: ['caseworker-eo'] } });
    const draft = await t.services.borderEvents.saveDraft(
      { incident: { kind: 'port', offences: ['S32'], responsiblePersons: [{ role: 'owner', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', address: { line1: 'ul. Długa 5', country: 'PL' } }] } },
      { actor: await demoPortOfficer(t) },
    );
    const officer = await WebClient.signedIn(t.app, 'port-officer');
    const page = await officer.get(`/incidents/${draft.ok ? draft.value.incidentId : ''}`);
    expect(page.body).toContain('Already in the register?');
    expect(page.body).toContain('TRANSPOL SP ZOO (Poland)');
  });
});
