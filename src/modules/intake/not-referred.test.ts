import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import type { Actor } from '../../platform/events/event-store.js';

let t: TestApp;
const officer: Actor = { id: 'officer-1', name: 'Officer One', roles: ['port-officer'] };
const draft = (extra: Record<string, unknown> = {}) => ({
  kind: 'port',
  offences: ['S32'],
  incidentDate: new Date().toISOString().slice(0, 10),
  port: 'DVR',
  vehicleKind: 'hgv',
  tractorRegistration: 'AB12 CDE',
  tractorCountry: 'GB',
  clandestineEntrants: 1,
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function saved(extra: Record<string, unknown> = {}) {
  const outcome = await t.services.borderEvents.saveDraft({ incident: draft(extra) }, { actor: officer });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.value.incidentId;
}

describe('discretion not to refer', () => {
  it('needs a senior officer’s approval, after which the incident cannot be sent', async () => {
    const id = await saved();
    const decided = await t.services.borderEvents.decideNotToRefer({ incidentId: id, reasonCode: 'public-interest', reasonText: 'Driver assisted the search and is a minor' }, { actor: officer });
    expect(decided).toMatchObject({ ok: true, value: { status: 'not-referred-awaiting-approval' } });

    const so = await WebClient.signedIn(t.app, 'senior-officer');
    const list = await so.get('/incidents/approvals');
    expect(list.body).toContain('AB12 CDE');
    const approved = await so.post(`/incidents/${id}/not-referred/decision`, { decision: 'approve' });
    expect(approved.statusCode).toBe(303);
    expect((await t.services.borderEvents.getIncident(id))!.status).toBe('not-referred');
    const sent = await t.services.borderEvents.submit(id, { actor: officer });
    expect(sent.ok).toBe(false);
  });

  it('takes a self-declaration without approval, but only when the self-declaration is recorded', async () => {
    const without = await saved();
    const refused = await t.services.borderEvents.decideNotToRefer({ incidentId: without, reasonCode: 'self-declaration', reasonText: 'Driver phoned the police at Ashford' }, { actor: officer });
    expect(refused.ok).toBe(false);
    const withDeclaration = await saved({ selfDeclaration: { when: 'before the control zone', where: 'Calais', toWhom: 'French police' } });
    const decided = await t.services.borderEvents.decideNotToRefer({ incidentId: withDeclaration, reasonCode: 'self-declaration', reasonText: 'Driver phoned the police at Calais' }, { actor: officer });
    expect(decided).toMatchObject({ ok: true, value: { status: 'not-referred' } });
  });

  it('refuses a senior officer approving their own decision', async () => {
    const so: Actor = { id: 'so-1', name: 'SO One', roles: ['senior-officer', 'port-officer'] };
    const outcome = await t.services.borderEvents.saveDraft({ incident: draft() }, { actor: so });
    const id = outcome.ok ? outcome.value.incidentId : '';
    await t.services.borderEvents.decideNotToRefer({ incidentId: id, reasonCode: 'other', reasonText: 'Vehicle was a diplomatic vehicle' }, { actor: so });
    const own = await t.services.borderEvents.approveNotReferring({ incidentId: id, approve: true }, { actor: so });
    expect(own).toMatchObject({ ok: false, kind: 'forbidden', message: 'You cannot approve your own decision not to refer' });
  });

  it('counts searches, incidents and decisions not to refer for management information', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/searches',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...bearer('port-officer') },
      payload: { searchedAt: new Date(Date.now() - 60_000).toISOString(), port: 'DVR', vehicleKind: 'hgv', tractorRegistration: 'AB12 CDE', tractorCountry: 'GB', selectionReason: 'random', methods: ['dog', 'visual'], searchedBy: 'border-force', result: 'nothing-found' },
    });
    const today = new Date().toISOString().slice(0, 10);
    const summary = await t.app.inject({ url: `/api/v1/border-events/summary?from=${today}&to=${today}`, headers: bearer('analyst') });
    expect(summary.statusCode).toBe(200);
    const body = summary.json();
    expect(body.searchesByResult['nothing-found']).toBe(1);
    expect(body.searchesByMethod).toEqual(expect.arrayContaining([{ method: 'dog', searches: 1, withAFind: 0 }]));
    expect(body.notReferredByReason['public-interest']).toBe(1);
    expect(body.notReferredByReason['self-declaration']).toBe(1);
    const bad = await t.app.inject({ url: '/api/v1/border-events/summary?from=2026-12-01&to=2026-01-01', headers: bearer('analyst') });
    expect(bad.statusCode).toBe(400);
  });
});
