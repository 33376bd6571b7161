import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { DEMO_PASSWORD } from '../../cli/demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const cookieValue = (client: WebClient, name: string) =>
  client
    .cookieHeader()
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** A note form post, the way a browser sends it, with the cookies and token given. */
function postNote(cookies: Record<string, string | undefined>, token: string) {
  return t.app.inject({
    method: 'POST',
    url: '/account/no-such-form',
    headers: {
      cookie: Object.entries(cookies)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ _csrf: token }).toString(),
  });
}

describe('CSRF tokens are bound to the sign-in session', () => {
  it('accepts a form with the token of its own session (the CSRF check passes: no 403)', async () => {
    const a = await WebClient.signedIn(t.app, 'caseworker-eo');
    const response = await a.post('/sign-out', {});
    expect(response.statusCode).toBe(303);
  });

  it('refuses a token and CSRF cookie taken from session A when sent with session B’s cookie (403), and accepts them with A’s', async () => {
    const a = await WebClient.signedIn(t.app, 'caseworker-eo');
    const b = await WebClient.signedIn(t.app, 'caseworker-ao');
    const aPair = { _csrf: cookieValue(a, '_csrf'), token: a.csrfToken };
    expect(aPair._csrf).toBeTruthy();
    // The attacker's own cookie + token pair, planted next to the victim's session cookie.
    const refused = await postNote({ cordon_session: cookieValue(b, 'cordon_session'), _csrf: aPair._csrf }, aPair.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('form');
    // B's own CSRF cookie with A's token: refused too.
    expect((await postNote({ cordon_session: cookieValue(b, 'cordon_session'), _csrf: cookieValue(b, '_csrf') }, aPair.token)).statusCode).toBe(403);
    // The same pair with A's own session passes the CSRF check (and meets the route's 404).
    expect((await postNote({ cordon_session: cookieValue(a, 'cordon_session'), _csrf: aPair._csrf }, aPair.token)).statusCode).toBe(404);
  });

  it('refuses a pair taken while signed out (the sign-in page’s) when sent with a session', async () => {
    const anonymous = new WebClient(t.app);
    await anonymous.get('/sign-in');
    const victim = await WebClient.signedIn(t.app, 'manager');
    const response = await postNote({ cordon_session: cookieValue(victim, 'cordon_session'), _csrf: cookieValue(anonymous, '_csrf') }, anonymous.csrfToken);
    expect(response.statusCode).toBe(403);
  });

  it('drops the CSRF secret at sign-in and at sign-out, so a token from before no longer works', async () => {
    const client = new WebClient(t.app);
    await client.get('/sign-in');
    const before = { _csrf: cookieValue(client, '_csrf'), token: client.csrfToken };
    const signIn = await client.post('/sign-in', { username: 'caseworker-eo', password: DEMO_PASSWORD });
    expect(signIn.statusCode).toBe(303);
    const cleared = (signIn.cookies as { name: string; value: string; expires?: Date }[]).find((c) => c.name === '_csrf');
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    // Even with the old secret cookie kept, the old token is bound to no session: refused.
    expect((await postNote({ cordon_session: cookieValue(client, 'cordon_session'), _csrf: before._csrf }, before.token)).statusCode).toBe(403);

    await client.get('/account');
    const signedIn = { session: cookieValue(client, 'cordon_session'), _csrf: cookieValue(client, '_csrf'), token: client.csrfToken };
    expect(signedIn._csrf).not.toBe(before._csrf);
    const signOut = await client.post('/sign-out', {});
    expect(signOut.statusCode).toBe(303);
    expect((signOut.cookies as { name: string; value: string }[]).find((c) => c.name === '_csrf')?.value).toBe('');
    // After signing out, the signed-out forms start afresh and work.
    await client.get('/sign-in');
    expect(cookieValue(client, '_csrf')).not.toBe(signedIn._csrf);
    expect((await client.post('/sign-in', { username: 'caseworker-eo', password: DEMO_PASSWORD })).statusCode).toBe(303);
  });
});
