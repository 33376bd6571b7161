import { describe, expect, it } from 'vitest';
import { buildServer } from '../http/server.js';
import { readMultipartForm, registerMultipart } from './multipart.js';

/** The multipart helper on the service's own server: its CSRF check must see a form's `_csrf` field. */
async function serverWithUploadRoute() {
  const app = await buildServer({
    logLevel: 'silent',
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    secureCookies: false,
    sessionCookieName: 'session',
    resolveActor: async () => ({ actor: { id: 'officer-1', name: 'Port officer', roles: ['port-officer'] }, by: 'session' }),
    readiness: async () => ({ ready: true, checks: {} }),
    signInRateLimitPerMinute: 1000,
    navigation: () => [],
  });
  await registerMultipart(app);
  const limits = { maxFiles: 1, maxFileBytes: 1024 };
  app.get('/test-upload', { config: { access: { signedIn: true } } }, async (_request, reply) => ({ csrfToken: reply.csrfToken() }));
  app.post('/test-upload', { config: { access: { signedIn: true }, multipart: limits } }, async (request) => {
    const form = await readMultipartForm(request, limits);
    return { ok: form.ok, files: form.ok ? form.files.map((file) => file.filename) : [] };
  });
  return app;
}

async function upload(csrfToken: string) {
  const form = new FormData();
  form.append('_csrf', csrfToken);
  form.append('file', new Blob([new Uint8Array(10)], { type: 'image/jpeg' }), 'seal.jpg');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()) };
}

describe('multipart forms on the service’s server', () => {
  it('accepts an upload carrying the page’s CSRF token and refuses one with a wrong token', async () => {
    const app = await serverWithUploadRoute();
    try {
      const page = await app.inject({ method: 'GET', url: '/test-upload' });
      const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const { csrfToken } = page.json() as { csrfToken: string };

      const good = await upload(csrfToken);
      const accepted = await app.inject({ method: 'POST', url: '/test-upload', headers: { ...good.headers, cookie }, payload: good.payload });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toEqual({ ok: true, files: ['seal.jpg'] });

      const forged = await upload('not-the-token');
      const refused = await app.inject({ method: 'POST', url: '/test-upload', headers: { ...forged.headers, cookie }, payload: forged.payload });
      expect(refused.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
