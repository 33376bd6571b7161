import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { photoJpeg } from '../../platform/files/test-fixtures.js';

let t: TestApp;

/** The demo port officer who signs in below: a draft is its author's, so the tests' drafts are theirs. */
async function demoPortOfficer(app: TestApp) {
  const user = (await app.services.identity.listUsers()).find((u) => u.username === 'port-officer')!;
  return { id: user.id, name: user.displayName, roles: user.roles };
}
let incidentId: string;
let officer: WebClient;

beforeAll(async () => {
  t = await createTestApp();
  const draft = await t.services.borderEvents.saveDraft({ incident: { kind: 'port', offences: ['S31A'] } }, { actor: await demoPortOfficer(t) });
  incidentId = draft.ok ? draft.value.incidentId : '';
  officer = await WebClient.signedIn(t.app, 'port-officer');
});
afterAll(async () => t?.close());

async function upload(files: { name: string; bytes: Buffer; type: string }[], fields: Record<string, string> = {}) {
  await officer.get(`/incidents/${incidentId}`);
  const form = new FormData();
  form.append('_csrf', officer.csrfToken);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  const request = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await request.arrayBuffer());
  return t.app.inject({
    method: 'POST',
    url: `/incidents/${incidentId}/evidence`,
    headers: { 'content-type': request.headers.get('content-type')!, cookie: officer.cookieHeader() },
    payload: body,
  });
}

describe('evidence uploads', () => {
  it('stores a photo with a thumbnail and lists it on the incident', async () => {
    const response = await upload([{ name: 'doors.jpg', bytes: await photoJpeg({ width: 640, height: 480 }), type: 'image/jpeg' }], { evidenceKind: 'photo', requirementCode: 'seals-unique-numbers' });
    expect(response.statusCode).toBe(303);
    const incident = await t.services.borderEvents.getIncident(incidentId);
    expect(incident!.evidence).toHaveLength(1);
    expect(incident!.evidence[0]).toMatchObject({ originalName: 'doors.jpg', mediaType: 'image/jpeg', requirementCode: 'seals-unique-numbers' });
    const thumbnail = await officer.get(`/evidence/${incident!.evidence[0]!.thumbnailHash}/thumbnail`);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
  });

  it('refuses a file whose bytes are not an image or PDF, saving nothing', async () => {
    const response = await upload([{ name: 'notes.jpg', bytes: Buffer.from('just some text, not a photo'), type: 'image/jpeg' }]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/must be a JPG|The selected file/);
    expect((await t.services.borderEvents.getIncident(incidentId))!.evidence).toHaveLength(1);
  });

  it('refuses an unknown security requirement and an upload with no file', async () => {
    const wrongRequirement = await upload([{ name: 'x.jpg', bytes: await photoJpeg(), type: 'image/jpeg' }], { requirementCode: 'not-a-requirement' });
    expect(wrongRequirement.statusCode).toBe(422);
    const none = await upload([]);
    expect(none.statusCode).toBe(422);
    expect((await t.services.borderEvents.getIncident(incidentId))!.evidence).toHaveLength(1);
  });

  it('lists the files of one upload in the order they were sent (they share one upload time)', async () => {
    const names = ['5-rear-doors.jpg', '1-seal.jpg', '4-roof.jpg', '2-cab.jpg', '3-axle.jpg'];
    const files = await Promise.all(names.map(async (name, i) => ({ name, bytes: await photoJpeg({ width: 320 + i * 16, height: 240 }), type: 'image/jpeg' })));
    expect((await upload(files, { evidenceKind: 'photo' })).statusCode).toBe(303);
    const evidence = (await t.services.borderEvents.getIncident(incidentId))!.evidence;
    expect(new Set(evidence.slice(1).map((e) => e.uploadedAt.getTime())).size).toBe(1);
    expect(evidence.slice(1).map((e) => e.originalName)).toEqual(names);
  });

  it('serves only files recorded as evidence, and not to a role without access', async () => {
    expect((await officer.get(`/evidence/${'0'.repeat(64)}`)).statusCode).toBe(404);
    const administrator = await WebClient.signedIn(t.app, 'administrator');
    const hash = (await t.services.borderEvents.getIncident(incidentId))!.evidence[0]!.fileHash;
    expect((await administrator.get(`/evidence/${hash}`)).statusCode).toBe(403);
    // A number-plate reader cannot sign in to pages at all; its API token is refused the file too.
    expect((await t.app.inject({ url: `/evidence/${hash}`, headers: bearer('plate-reader') })).statusCode).toBe(403);
  });
});
