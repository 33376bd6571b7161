import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { storeEvidence } from './evidence.js';
import { FolderFileStore } from './folder-file-store.js';
import { readMultipartForm, registerMultipart, type MultipartLimits } from './multipart.js';
import { minimalPdf, photoJpeg, temporaryFolder } from './test-fixtures.js';

type Entry = [name: string, value: string] | [name: string, bytes: Buffer, filename: string, type?: string];

/** Encodes a form the way a browser does, with undici's FormData. */
async function multipartBody(entries: Entry[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value, filename, type] of entries) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value)], { type: type ?? 'application/octet-stream' }), filename);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * A tiny app with the helper registered: `/read` reads the form in its handler; `/declared` declares
 * its limits in route config, as a form route does, so the form is read before a CSRF-like check.
 */
async function formApp(limits: MultipartLimits) {
  app = Fastify();
  await registerMultipart(app);
  const seenBeforeHandler: unknown[] = [];
  app.post('/read', async (request) => {
    const form = await readMultipartForm(request, limits);
    return form.ok ? { ...form, files: form.files.map(({ bytes, ...file }) => ({ ...file, size: bytes.length })) } : form;
  });
  app.post('/declared', { config: { multipart: limits } }, async (request) => {
    const form = await readMultipartForm(request, limits);
    return { ok: form.ok, fileCount: form.ok ? form.files.length : 0 };
  });
  app.addHook('preHandler', async (request) => {
    seenBeforeHandler.push(request.body);
  });
  return { app, seenBeforeHandler };
}

describe('reading a multipart form', () => {
  it('gives the text answers (repeated ones as a list) and each file with its bytes', async () => {
    const { app } = await formApp({ maxFiles: 3, maxFileBytes: 1024 * 1024 });
    const pdf = minimalPdf();
    const response = await app.inject({
      method: 'POST',
      url: '/read',
      ...(await multipartBody([
        ['_csrf', 'token'],
        ['requirement', 'seal'],
        ['requirement', 'tilt-cord'],
        ['photos', pdf, 'checklist.pdf', 'application/pdf'],
        ['photos', Buffer.from('abc'), 'note.txt', 'text/plain'],
      ])),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: true,
      fields: { _csrf: 'token', requirement: ['seal', 'tilt-cord'] },
      files: [
        { fieldName: 'photos', filename: 'checklist.pdf', mimetype: 'application/pdf', size: pdf.length },
        { fieldName: 'photos', filename: 'note.txt', mimetype: 'text/plain', size: 3 },
      ],
    });
  });

  it('leaves out a file input the person left empty', async () => {
    const { app } = await formApp({ maxFiles: 1, maxFileBytes: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/read',
      ...(await multipartBody([['notes', 'none'], ['photos', Buffer.alloc(0), ''], ['photos', Buffer.alloc(0), '']])),
    });
    expect(response.json()).toEqual({ ok: true, fields: { notes: 'none' }, files: [] });
  });

  it('answers a file over the limit with a field error, not a 500, and still reads the other answers', async () => {
    const { app } = await formApp({ maxFiles: 2, maxFileBytes: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/read',
      ...(await multipartBody([['_csrf', 'token'], ['photos', Buffer.alloc(5000, 7), 'big.jpg', 'image/jpeg'], ['notes', 'after the file']])),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      errors: [{ field: 'photos', message: 'The selected file must be smaller than 1KB' }],
      fields: { _csrf: 'token', notes: 'after the file' },
    });
  });

  it('refuses more files than allowed', async () => {
    const { app } = await formApp({ maxFiles: 2, maxFileBytes: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/read',
      ...(await multipartBody([1, 2, 3, 4].map((n): Entry => ['photos', Buffer.from(`file ${n}`), `${n}.txt`]))),
    });
    expect(response.json()).toMatchObject({ ok: false, errors: [{ field: 'photos', message: 'You can only select up to 2 files at the same time' }] });
  });

  it('refuses an answer longer than the field limit', async () => {
    const { app } = await formApp({ maxFiles: 1, maxFileBytes: 1024, maxFieldBytes: 10 });
    const response = await app.inject({ method: 'POST', url: '/read', ...(await multipartBody([['notes', 'x'.repeat(50)]])) });
    expect(response.json()).toMatchObject({ ok: false, errors: [{ field: 'notes', message: 'The answer must be 10 characters or fewer' }] });
  });

  it('answers a form cut off in transit, or a body that is not multipart, with a field error', async () => {
    const { app } = await formApp({ maxFiles: 1, maxFileBytes: 1024 });
    const { payload, headers } = await multipartBody([['photos', Buffer.from('some bytes'), 'a.jpg']]);
    const cut = await app.inject({ method: 'POST', url: '/read', headers, payload: payload.subarray(0, payload.length - 40) });
    expect(cut.statusCode).toBe(200);
    expect(cut.json()).toMatchObject({ ok: false, errors: [{ field: 'photos', message: 'The selected file could not be uploaded – try again' }] });
    const json = await app.inject({ method: 'POST', url: '/read', payload: { photos: 'a.jpg' } });
    expect(json.json()).toMatchObject({ ok: false, errors: [{ field: 'file', message: 'The selected file could not be uploaded – try again' }] });
  });
});

describe('a route that declares it takes a multipart form', () => {
  it('has its answers in request.body before the CSRF check, and the same form in its handler', async () => {
    const { app, seenBeforeHandler } = await formApp({ maxFiles: 2, maxFileBytes: 1024 });
    const response = await app.inject({
      method: 'POST',
      url: '/declared',
      ...(await multipartBody([['_csrf', 'token-from-the-page'], ['photos', Buffer.from('bytes'), 'a.jpg']])),
    });
    expect(response.json()).toEqual({ ok: true, fileCount: 1 });
    expect(seenBeforeHandler).toEqual([{ _csrf: 'token-from-the-page' }]);
  });

  it('applies the handler’s limits to a form already read', async () => {
    const { app: server } = await formApp({ maxFiles: 2, maxFileBytes: 1024 });
    server.post('/stricter', { config: { multipart: { maxFiles: 2, maxFileBytes: 1024 } } }, async (request) =>
      readMultipartForm(request, { maxFiles: 1, maxFileBytes: 3 }),
    );
    const response = await server.inject({
      method: 'POST',
      url: '/stricter',
      ...(await multipartBody([['photos', Buffer.from('four'), 'a.jpg'], ['photos', Buffer.from('b'), 'b.jpg']])),
    });
    expect(response.json()).toMatchObject({
      ok: false,
      errors: [
        { field: 'photos', message: 'The selected file must be smaller than 3 bytes' },
        { field: 'photos', message: 'You can only select up to 1 file at the same time' },
      ],
    });
  });

  it('is not read for someone the route refuses', async () => {
    app = Fastify();
    await registerMultipart(app);
    const seen: unknown[] = [];
    app.addHook('preHandler', async (request, reply) => {
      seen.push(request.body);
      return reply.code(403).send({ refused: true });
    });
    app.post('/officers-only', { config: { access: { roles: ['port-officer'] }, multipart: { maxFiles: 1, maxFileBytes: 1024 } } }, async () => ({}));
    app.decorateRequest('actor', null);
    const response = await app.inject({ method: 'POST', url: '/officers-only', ...(await multipartBody([['_csrf', 't'], ['photos', Buffer.from('x'), 'a.jpg']])) });
    expect(response.statusCode).toBe(403);
    expect(seen).toEqual([undefined]);
  });
});

describe('over a real connection', () => {
  it('answers a refused upload at once and keeps the connection usable', async () => {
    const { app: server } = await formApp({ maxFiles: 2, maxFileBytes: 512 * 1024 });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    for (let round = 0; round < 2; round++) {
      const tooMany = new FormData();
      for (let n = 0; n < 6; n++) tooMany.append('photos', new Blob([new Uint8Array(400 * 1024)]), `${n}.jpg`);
      const refused = await fetch(`${address}/read`, { method: 'POST', body: tooMany });
      expect(await refused.json()).toMatchObject({ ok: false, errors: [{ message: 'You can only select up to 2 files at the same time' }] });
      const tooLarge = new FormData();
      tooLarge.append('photos', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'big.jpg');
      tooLarge.append('notes', 'after');
      const refusedAgain = await fetch(`${address}/read`, { method: 'POST', body: tooLarge });
      expect(await refusedAgain.json()).toMatchObject({ ok: false, errors: [{ message: 'The selected file must be smaller than 512KB' }], fields: { notes: 'after' } });
    }
  });
});

describe('an upload form end to end', () => {
  it('refuses a text file renamed .jpg with a 422 and the GOV.UK message, and stores a real photo', async () => {
    const store = new FolderFileStore(await temporaryFolder());
    app = Fastify();
    await registerMultipart(app);
    app.post('/evidence', { config: { multipart: { maxFiles: 1, maxFileBytes: 10 * 1024 * 1024 } } }, async (request, reply) => {
      const form = await readMultipartForm(request, { maxFiles: 1, maxFileBytes: 10 * 1024 * 1024 });
      if (!form.ok) return reply.code(422).send({ errors: form.errors });
      const [upload] = form.files;
      if (!upload) return reply.code(422).send({ errors: [{ field: 'file', message: 'Select a file' }] });
      const outcome = await storeEvidence(store, { bytes: upload.bytes, declaredName: upload.filename, declaredType: upload.mimetype });
      if (!outcome.ok) return reply.code(422).send({ errors: [{ field: outcome.field, message: outcome.message }] });
      return reply.code(201).send(outcome.file);
    });

    const renamed = await app.inject({
      method: 'POST',
      url: '/evidence',
      ...(await multipartBody([['file', Buffer.from('not a photo at all'), 'photo.jpg', 'image/jpeg']])),
    });
    expect(renamed.statusCode).toBe(422);
    expect(renamed.json()).toEqual({ errors: [{ field: 'file', message: 'The selected file must be a JPG, PNG, WebP, HEIC or PDF' }] });

    const photo = await photoJpeg({ width: 640, height: 480 });
    const stored = await app.inject({ method: 'POST', url: '/evidence', ...(await multipartBody([['file', photo, 'cab.jpg', 'image/jpeg']])) });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ mediaType: 'image/jpeg', size: photo.length, width: 640, height: 480, originalName: 'cab.jpg' });
  });
});
