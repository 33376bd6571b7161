import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { errorSummary } from '../../../test/support/casework.js';
import { rowsOf } from '../../platform/database/client.js';
import { SYSTEM_ACTOR } from './service.js';
import { rebuildProjections } from '../../platform/projections/rebuild.js';
import { projectors } from '../../app.js';

let t: TestApp;
let admin: WebClient;
const PASSWORD = 'a-long-enough-password';

async function addUser(username: string, roles: string[]): Promise<string> {
  const added = await t.services.identity.addUser({ username, displayName: `Person ${username}`, roles, password: PASSWORD }, { actor: SYSTEM_ACTOR });
  if (!added.ok) throw new Error(added.message);
  return added.value.id;
}

async function signIn(username: string, password = PASSWORD): Promise<WebClient> {
  const client = new WebClient(t.app);
  await client.get('/sign-in');
  const response = await client.post('/sign-in', { username, password });
  expect(response.statusCode, `sign-in of ${username}`).toBe(303);
  return client;
}

const eventsOf = async (streamId: string) =>
  rowsOf<{ type: string; payload: Record<string, unknown>; actor_name: string }>(
    await t.database.db.execute(sql`select type, payload, actor_name from events where stream_id = ${streamId} order by version`),
  );
const versionOn = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1];
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

/** Opens the confirmation page, then presses its button. */
async function confirm(client: WebClient, url: string) {
  const page = await client.get(url);
  expect(page.statusCode).toBe(200);
  return client.post(url, { version: versionOn(page.body)! });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await WebClient.signedIn(t.app, 'administrator');
});
afterAll(async () => t?.close());

describe('the users pages', () => {
  it('are for administrators only', async () => {
    const id = await addUser('guarded.user', ['port-officer']);
    const manager = await WebClient.signedIn(t.app, 'manager');
    for (const url of [`/admin/users/${id}`, `/admin/users/${id}/disable`, `/admin/users/${id}/roles`, `/admin/users/${id}/reset-password`]) {
      expect((await manager.get(url)).statusCode, url).toBe(403);
    }
    await manager.get('/account');
    expect((await manager.post(`/admin/users/${id}/disable`, { version: '1' })).statusCode).toBe(403);
    expect((await t.services.identity.user(id))!.disabled).toBe(false);
    expect((await t.app.inject({ url: `/admin/users/${id}` })).statusCode).toBe(302);
  });

  it('list each user with a link to their page, and answer 404 for one that does not exist', async () => {
    const id = await addUser('listed.user', ['analyst']);
    const list = await admin.get('/admin/users');
    expect(list.body).toContain(`href="/admin/users/${id}">listed.user</a>`);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Name Person listed.user');
    expect(text(page.body)).toContain('Roles Analyst');
    expect(text(page.body)).toContain('Status Active');
    expect((await admin.get('/admin/users/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/admin/users/not-a-uuid')).statusCode).toBe(404);
    expect((await admin.get('/admin/users/not-a-uuid/disable')).statusCode).toBe(404);
  });
});

describe('disabling and enabling a user', () => {
  it('asks to confirm, naming the person and their roles, then ends their sessions at once and says so', async () => {
    const id = await addUser('to.disable', ['caseworker-eo', 'caseworker-ao']);
    const person = await signIn('to.disable');
    expect((await person.get('/cases')).statusCode).toBe(200);

    const page = await admin.get(`/admin/users/${id}/disable`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Disable Person to.disable’s account');
    expect(text(page.body)).toMatch(/Roles Caseworker \(EO\)\s+Caseworker \(AO\)/);
    expect(text(page.body)).toContain('They will be signed out at once');

    const done = await admin.post(`/admin/users/${id}/disable`, { version: versionOn(page.body)! });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/admin/users/${id}?done=disabled`);
    const after = await admin.get(done.headers.location as string);
    expect(after.body).toContain('govuk-notification-banner--success');
    expect(text(after.body)).toContain('Person to.disable’s account has been disabled. They have been signed out.');
    expect(text(after.body)).toContain('Status Disabled');

    // The next request of the signed-in person is refused; so is signing in again.
    const refused = await person.get('/cases');
    expect(refused.statusCode).toBe(302);
    expect(refused.headers.location).toMatch(/^\/sign-in/);
    const again = new WebClient(t.app);
    await again.get('/sign-in');
    expect((await again.post('/sign-in', { username: 'to.disable', password: PASSWORD })).statusCode).toBe(401);
    expect(rowsOf(await t.database.db.execute(sql`select 1 from sessions where user_id = ${id}`))).toEqual([]);

    expect(await eventsOf(`user-${id}`)).toMatchObject([
      { type: 'UserAdded' },
      { type: 'UserDisabled', payload: { userId: id }, actor_name: 'Demo Administrator' },
    ]);

    // Enabled again: signing in works.
    const enabled = await confirm(admin, `/admin/users/${id}/enable`);
    expect(enabled.headers.location).toBe(`/admin/users/${id}?done=enabled`);
    expect(text((await admin.get(enabled.headers.location as string)).body)).toContain('Person to.disable’s account has been enabled.');
    expect((await (await signIn('to.disable')).get('/cases')).statusCode).toBe(200);
    expect((await eventsOf(`user-${id}`)).map((e) => e.type)).toEqual(['UserAdded', 'UserDisabled', 'UserEnabled']);
  });

  it('refuses a change made on a page that someone else has changed since, and saves nothing', async () => {
    const id = await addUser('two.admins', ['analyst']);
    const seen = await admin.get(`/admin/users/${id}/disable`);
    const otherAdmin = await WebClient.signedIn(t.app, 'administrator');
    await otherAdmin.get(`/admin/users/${id}/roles`);
    const roles = await otherAdmin.post(`/admin/users/${id}/roles`, { version: versionOn(seen.body)!, roles: ['analyst', 'manager'], confirm: 'yes' });
    expect(roles.statusCode).toBe(303);

    const stale = await admin.post(`/admin/users/${id}/disable`, { version: versionOn(seen.body)! });
    expect(stale.statusCode).toBe(409);
    expect(errorSummary(stale.body)).toContain('Someone else changed this while you were looking at it. Nothing has been saved');
    expect(text(stale.body)).toMatch(/Roles Analyst\s+Manager/);
    expect((await t.services.identity.user(id))!.disabled).toBe(false);
    expect((await eventsOf(`user-${id}`)).map((e) => e.type)).toEqual(['UserAdded', 'UserRolesChanged']);
  });

  it('does not let an administrator disable their own account', async () => {
    const me = (await t.services.identity.userByUsername('administrator'))!;
    expect((await admin.get(`/admin/users/${me.id}`)).body).not.toContain(`/admin/users/${me.id}/disable`);
    const refused = await confirm(admin, `/admin/users/${me.id}/disable`);
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('You cannot disable your own account');
    expect((await t.services.identity.user(me.id))!.disabled).toBe(false);
  });
});

describe('changing roles', () => {
  it('shows the roles before and after to confirm, then applies them from the person’s next page', async () => {
    const id = await addUser('role.change', ['port-officer']);
    const person = await signIn('role.change');
    expect((await person.get('/searches/new')).statusCode).toBe(200);

    const form = await admin.get(`/admin/users/${id}/roles`);
    expect(form.body).toMatch(/name="roles" type="checkbox" value="port-officer" checked/);
    const none = await admin.post(`/admin/users/${id}/roles`, { version: versionOn(form.body)! });
    expect(none.statusCode).toBe(422);
    expect(errorSummary(none.body)).toContain('Choose at least one role');
    const same = await admin.post(`/admin/users/${id}/roles`, { version: versionOn(form.body)!, roles: ['port-officer'] });
    expect(same.statusCode).toBe(422);
    expect(errorSummary(same.body)).toContain('Choose roles different from the ones the person has now');

    const check = await admin.post(`/admin/users/${id}/roles`, { version: versionOn(form.body)!, roles: ['caseworker-eo'] });
    expect(check.statusCode).toBe(200);
    expect(text(check.body)).toContain('Roles now Border Force port officer');
    expect(text(check.body)).toContain('New roles Caseworker (EO)');
    expect((await t.services.identity.user(id))!.roles).toEqual(['port-officer']);

    const done = await admin.post(`/admin/users/${id}/roles`, { version: versionOn(check.body)!, roles: ['caseworker-eo'], confirm: 'yes' });
    expect(done.statusCode).toBe(303);
    expect(text((await admin.get(done.headers.location as string)).body)).toContain('Person role.change’s roles have been changed.');
    expect((await person.get('/searches/new')).statusCode).toBe(403);
    expect((await person.get('/cases')).statusCode).toBe(200);
    expect((await eventsOf(`user-${id}`))[1]).toMatchObject({ type: 'UserRolesChanged', payload: { userId: id, roles: ['caseworker-eo'], previousRoles: ['port-officer'] } });
  });

  it('refuses a role that does not exist', async () => {
    const id = await addUser('role.unknown', ['analyst']);
    const form = await admin.get(`/admin/users/${id}/roles`);
    const refused = await admin.post(`/admin/users/${id}/roles`, { version: versionOn(form.body)!, roles: ['emperor'], confirm: 'yes' });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain('Choose roles from the list');
  });
});

describe('resetting a password', () => {
  it('shows a temporary password once, ends the person’s sessions, and the old password stops working', async () => {
    const id = await addUser('forgot.password', ['analyst']);
    const person = await signIn('forgot.password');
    const confirmPage = await admin.get(`/admin/users/${id}/reset-password`);
    expect(text(confirmPage.body)).toContain('Reset Person forgot.password’s password');
    const shown = await admin.post(`/admin/users/${id}/reset-password`, { version: versionOn(confirmPage.body)! });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(text(shown.body)).toContain('Person forgot.password’s password has been reset.');
    const temporary = /id="temporary-password">([^<]+)</.exec(shown.body)![1]!;
    expect(temporary).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    expect((await person.get('/dashboard')).statusCode).toBe(302);
    const old = new WebClient(t.app);
    await old.get('/sign-in');
    expect((await old.post('/sign-in', { username: 'forgot.password', password: PASSWORD })).statusCode).toBe(401);
    expect((await (await signIn('forgot.password', temporary)).get('/dashboard')).statusCode).toBe(200);

    const log = await eventsOf(`user-${id}`);
    expect(log[1]).toMatchObject({ type: 'UserPasswordReset', payload: { userId: id } });
    expect(JSON.stringify(log)).not.toContain(temporary);
  });
});

describe('API tokens', () => {
  it('are revoked after a confirmation naming the token and its role, and refused at once', async () => {
    const issued = await t.services.identity.issueApiToken({ name: 'Dover lane 9 camera', role: 'plate-reader' }, { actor: SYSTEM_ACTOR });
    if (!issued.ok) throw new Error(issued.message);
    const { id, token } = issued.value;
    const check = () => t.app.inject({ method: 'GET', url: '/api/v1/plate-checks/noop', headers: { authorization: `Bearer ${token}` } });
    expect((await check()).statusCode).toBe(200);

    const list = await admin.get('/admin/tokens');
    expect(list.body).toContain(`href="/admin/tokens/${id}/revoke"`);
    const page = await admin.get(`/admin/tokens/${id}/revoke`);
    expect(text(page.body)).toContain('Revoke the token ‘Dover lane 9 camera’');
    expect(text(page.body)).toContain('Role Number-plate reader (machine client)');
    const done = await admin.post(`/admin/tokens/${id}/revoke`, { version: versionOn(page.body)! });
    expect(done.statusCode).toBe(303);
    const after = await admin.get(done.headers.location as string);
    expect(text(after.body)).toContain('The token ‘Dover lane 9 camera’ has been revoked.');
    expect(after.body).not.toContain(`href="/admin/tokens/${id}/revoke"`);

    // Remembered a moment ago, refused now: this process forgot it when the revocation committed.
    expect((await check()).statusCode).toBe(401);
    expect(await eventsOf(`api-token-${id}`)).toMatchObject([{ type: 'ApiTokenIssued' }, { type: 'ApiTokenRevoked', payload: { tokenId: id } }]);

    const twice = await admin.post(`/admin/tokens/${id}/revoke`, { version: versionOn(page.body)! });
    expect(twice.statusCode).toBe(409);
    expect((await admin.get(`/admin/tokens/${id}/revoke`)).statusCode).toBe(422);
    const manager = await WebClient.signedIn(t.app, 'manager');
    expect((await manager.get(`/admin/tokens/${id}/revoke`)).statusCode).toBe(403);
  });
});

describe('the read tables after all these changes', () => {
  it('are what the events make', async () => {
    const report = await rebuildProjections(t.database.db, projectors);
    expect(report.differences).toEqual([]);
  });
});
