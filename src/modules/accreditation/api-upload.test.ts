import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, WebClient, type TestApp } from '../../../test/support/app.js';
import { ACCREDITATION_AREAS } from '../../domain/accreditation/areas.js';
import { sha256Hex } from '../../platform/files/file-store.js';
import { minimalPdf, screenshotPng } from '../../platform/files/test-fixtures.js';

/*
 * Uploading evidence through the API (`POST /api/v1/accreditation/files`, no token): a file id
 * that a submission and an answer to a request for information then carry; the online form's
 * limits (10MB; PDF, JPG, PNG, WebP, HEIC read from the bytes) answered 413 / 415 / 422; file ids
 * never uploaded refused; rate limited per address like the submission; in the OpenAPI document.
 */

let t: TestApp;
beforeAll(async () => {
  // A small limit, so the rate limit can be seen; each test below comes from its own address.
  t = await createTestApp({ signInRateLimitPerMinute: 6 });
  t.clock.set(new Date('2026-12-05T10:00:00Z'));
});
afterAll(async () => t?.close());

const URL = '/api/v1/accreditation/files';
let addresses = 0;
const newAddress = () => `198.51.100.${++addresses}`;

function multipart(parts: { name: string; filename?: string; type?: string; bytes: Buffer }[]) {
  const boundary = '----cordon-api-upload';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`), part.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(parts: Parameters<typeof multipart>[0], remoteAddress = newAddress()) {
  const { payload, contentType } = multipart(parts);
  return t.app.inject({ method: 'POST', url: URL, remoteAddress, headers: { 'content-type': contentType }, payload });
}

const pdf = (text: string, filename = 'evidence.pdf') => ({ name: 'file', filename, type: 'application/pdf', bytes: minimalPdf(text) });

async function uploaded(text: string): Promise<string> {
  const response = await upload([pdf(text)]);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().fileId;
}

function application(fileIds: { area: string[]; checklists: string[] }) {
  return {
    language: 'ro',
    company: { name: 'Carpați Transport SRL', country: 'RO', addressLines: ['Str. Lungă 3', 'Brașov'], postcode: '500001', operatorLicence: 'RO-123456', contactName: 'Ion Popescu', email: 'office@carpati.example', phone: null, numberOfDrivers: 3 },
    areas: Object.fromEntries(ACCREDITATION_AREAS.map((a) => [a, { description: `Cum procedăm: ${a}`, fileIds: fileIds.area }])),
    driverChecklists: { fileIds: fileIds.checklists },
    declaration: true,
  };
}

const submit = (body: unknown, remoteAddress = newAddress()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/accreditation/applications', remoteAddress, headers: { 'content-type': 'application/json', 'idempotency-key': `upload-test-${addresses}-${Math.random()}` }, payload: JSON.stringify(body) });

describe('uploading evidence through the API', () => {
  it('keeps a PDF or an image and answers its file id (the same bytes, the same id); submission and answer carry the ids; staff open the files', async () => {
    const bytes = minimalPdf('Vehicle security checklist of Carpați');
    const first = await upload([{ name: 'file', filename: 'checklist.pdf', type: 'application/pdf', bytes }]);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ fileId: sha256Hex(bytes), mediaType: 'application/pdf', size: bytes.length, name: 'checklist.pdf' });
    const again = await upload([{ name: 'file', filename: 'again.pdf', type: 'application/pdf', bytes }]);
    expect([again.statusCode, again.json().fileId]).toEqual([201, sha256Hex(bytes)]);
    const png = await upload([{ name: 'file', filename: 'seal.png', type: 'image/png', bytes: await screenshotPng(40, 30) }]);
    expect([png.statusCode, png.json().mediaType]).toEqual([201, 'image/png']);

    const checklists = [await uploaded('Checklist 1'), await uploaded('Checklist 2'), await uploaded('Checklist 3')];
    const sent = await submit(application({ area: [first.json().fileId], checklists }));
    expect(sent.statusCode, sent.body).toBe(201);
    const { reference, accessCode } = sent.json();

    const asked = await t.services.accreditation.act(reference, 'requestInformation', { areas: ['driverTraining'], message: 'Trimiteți registrul de instruire.' }, { actor: { id: 'eo', name: 'Caseworker', roles: ['caseworker-eo'] } });
    expect(asked.ok).toBe(true);
    const register = await uploaded('Training register 2026');
    const answer = (fileIds: string[]) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/accreditation/applications/${reference}/actions/provideInformation`,
        remoteAddress: newAddress(),
        headers: { 'content-type': 'application/json', 'idempotency-key': `answer-${fileIds.join('-').slice(0, 100)}` },
        payload: JSON.stringify({ accessCode, text: 'Registrul este atașat.', fileIds }),
      });
    const unknown = await answer(['0'.repeat(64)]);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ field: 'fileIds.0', message: expect.stringContaining('POST /api/v1/accreditation/files') }]);
    const answered = await answer([register]);
    expect(answered.statusCode, answered.body).toBe(200);

    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/accreditation/applications/${reference}`, headers: bearer('caseworker-eo') })).json();
    expect(view.driverChecklists.fileIds).toEqual(checklists);
    expect(view.areas[0].evidence.fileIds).toEqual([first.json().fileId]);
    expect(view.information.at(-1).fileIds).toEqual([register]);
    const staff = await WebClient.signedIn(t.app, 'caseworker-eo');
    for (const id of [first.json().fileId, checklists[2]!, register]) {
      const file = await staff.get(`/accreditation/applications/${reference}/files/${id}`);
      expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'application/pdf']);
    }
  });

  it('refuses a file id that was never uploaded, naming the field, in the applicant’s language, and keeps nothing', async () => {
    const checklists = [await uploaded('C1'), await uploaded('C2')];
    const waiting = (await t.services.accreditation.queue()).length;
    const response = await submit(application({ area: ['not-a-file'], checklists: [...checklists, 'f'.repeat(64)] }));
    expect(response.statusCode).toBe(422);
    const errors = response.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toEqual([...ACCREDITATION_AREAS.map((a) => `areas.${a}.fileIds.0`), 'driverChecklists.fileIds.2']);
    expect(errors[0]!.message).toContain('Nu a fost încărcat niciun fișier');
    expect((await t.services.accreditation.queue()).length).toBe(waiting);
  });

  it('answers 413 for a file over 10MB, 415 for a type not taken or not multipart, 422 for no file, an empty file or two files', async () => {
    const big = Buffer.concat([minimalPdf('big'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    const tooLarge = await upload([{ name: 'file', filename: 'big.pdf', type: 'application/pdf', bytes: big }]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().errors[0]).toEqual({ field: 'file', message: 'The selected file must be smaller than 10MB' });

    const text = await upload([{ name: 'file', filename: 'notes.txt', type: 'text/plain', bytes: Buffer.from('just words') }]);
    expect(text.statusCode).toBe(415);
    expect(text.json().errors[0].message).toBe('The selected file must be a JPG, PNG, WebP, HEIC or PDF');
    const disguised = await upload([{ name: 'file', filename: 'photo.jpg', type: 'image/jpeg', bytes: minimalPdf('a PDF called a JPG') }]);
    expect(disguised.statusCode).toBe(415);
    const json = await t.app.inject({ method: 'POST', url: URL, remoteAddress: newAddress(), headers: { 'content-type': 'application/json' }, payload: '{"file":"abc"}' });
    expect(json.statusCode).toBe(415);
    expect(json.json().errors[0].field).toBe('Content-Type');

    const none = await upload([{ name: 'note', bytes: Buffer.from('no file here') }]);
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0]).toEqual({ field: 'file', message: 'Select a file' });
    const empty = await upload([{ name: 'file', filename: 'empty.pdf', type: 'application/pdf', bytes: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(422);
    const two = await upload([pdf('one', 'one.pdf'), pdf('two', 'two.pdf')]);
    expect(two.statusCode).toBe(422);
    expect(two.json().errors[0].message).toContain('up to 1 file');
  });

  it('is rate limited per address like the submission, and described in the OpenAPI document', async () => {
    const address = newAddress();
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await upload([pdf(`Rate ${i}`)], address)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
    expect((await upload([pdf('Another address')])).statusCode).toBe(201);

    const document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operation = document.paths['/api/v1/accreditation/files'].post;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '413', '415', '422', '429']));
    expect(operation.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(operation.parameters.map((p: { name: string }) => p.name)).not.toContain('Idempotency-Key');
  });
});
