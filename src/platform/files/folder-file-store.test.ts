import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { EvidenceIntegrityError, sha256Hex } from './file-store.js';
import { FolderFileStore } from './folder-file-store.js';
import { fileStoreSettings, openFileStore } from './open-file-store.js';
import { S3FileStore } from './s3-file-store.js';
import { filesUnder, minimalPdf, temporaryFolder } from './test-fixtures.js';

let root: string;
let store: FolderFileStore;

beforeEach(async () => {
  root = await temporaryFolder();
  store = new FolderFileStore(root);
});

describe('the folder file store', () => {
  it('keeps each file at root/ab/cd/<hash>, byte for byte', async () => {
    const bytes = minimalPdf();
    const hash = sha256Hex(bytes);
    expect(await store.put(bytes, 'application/pdf')).toEqual({ hash, created: true });
    expect(await filesUnder(root)).toEqual([`${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`]);
    expect(await fs.readFile(path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash))).toEqual(bytes);
    expect(await store.get(hash)).toEqual(bytes);
    expect(await store.exists(hash)).toBe(true);
  });

  it('writes the same bytes once: a second put changes nothing on disk', async () => {
    const bytes = minimalPdf();
    const { hash } = await store.put(bytes, 'application/pdf');
    const before = await fs.stat(store.pathOf(hash));
    expect(await store.put(Buffer.from(bytes), 'application/pdf')).toEqual({ hash, created: false });
    const after = await fs.stat(store.pathOf(hash));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
  });

  it('leaves no temporary file behind, even when the same bytes are stored many times at once', async () => {
    const bytes = minimalPdf('race');
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.put(Buffer.from(bytes), 'application/pdf')));
    expect(new Set(outcomes.map((outcome) => outcome.hash)).size).toBe(1);
    expect(outcomes.some((outcome) => outcome.created)).toBe(true);
    expect(await filesUnder(root)).toEqual([path.relative(root, store.pathOf(sha256Hex(bytes))).split(path.sep).join('/')]);
    expect(await store.get(sha256Hex(bytes))).toEqual(bytes);
  });

  it('never shows a half-written file: a write cut off before its rename is invisible, and the next put completes', async () => {
    const bytes = minimalPdf('interrupted');
    const hash = sha256Hex(bytes);
    const folder = path.dirname(store.pathOf(hash));
    await fs.mkdir(folder, { recursive: true });
    // What a crash mid-write leaves: part of the bytes under a temporary name.
    await fs.writeFile(path.join(folder, `.${hash.slice(0, 8)}.crashed.tmp`), bytes.subarray(0, 10));
    expect(await store.exists(hash)).toBe(false);
    expect(await store.get(hash)).toBeNull();
    expect(await store.put(bytes, 'application/pdf')).toEqual({ hash, created: true });
    expect(await store.get(hash)).toEqual(bytes);
  });

  it('answers null and false for a hash it does not hold, or for anything that is not a hash', async () => {
    const unknown = sha256Hex(Buffer.from('never stored'));
    expect(await store.get(unknown)).toBeNull();
    expect(await store.exists(unknown)).toBe(false);
    for (const notAHash of ['../../etc/passwd', '', 'ABCDEF'.repeat(11).slice(0, 64), `${unknown}/..`]) {
      expect(await store.get(notAHash)).toBeNull();
      expect(await store.exists(notAHash)).toBe(false);
    }
  });

  it('raises an integrity error when a stored file no longer matches its hash', async () => {
    const { hash } = await store.put(minimalPdf(), 'application/pdf');
    await fs.writeFile(store.pathOf(hash), minimalPdf('altered'));
    await expect(store.get(hash)).rejects.toBeInstanceOf(EvidenceIntegrityError);
  });

  it('refuses a root inside the folder the web server serves', () => {
    const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../http/public');
    expect(() => new FolderFileStore(path.join(webRoot, 'evidence'))).toThrow(/outside the web root/);
    expect(() => new FolderFileStore(path.dirname(webRoot))).toThrow(/outside the web root/);
  });
});

describe('choosing the file store from the environment', () => {
  it('uses the folder evidence inside the data folder when no bucket is named', () => {
    expect(fileStoreSettings({}, '/var/lib/cordon')).toEqual({ kind: 'folder', root: path.join('/var/lib/cordon', 'evidence') });
    const opened = openFileStore({ dataDir: root }, {});
    expect(opened).toBeInstanceOf(FolderFileStore);
    expect(opened.location).toBe(path.join(root, 'evidence'));
  });

  it('uses an S3-compatible bucket when CORDON_S3_BUCKET is set', () => {
    const env = {
      CORDON_S3_BUCKET: 'cordon-evidence',
      CORDON_S3_ENDPOINT: 'http://127.0.0.1:9000',
      CORDON_S3_ACCESS_KEY_ID: 'cordon',
      CORDON_S3_SECRET_ACCESS_KEY: 'not-a-real-secret',
    };
    expect(fileStoreSettings(env, root)).toEqual({
      kind: 's3',
      bucket: 'cordon-evidence',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-2',
      accessKeyId: 'cordon',
      secretAccessKey: 'not-a-real-secret',
      forcePathStyle: true,
      keyPrefix: 'evidence/',
    });
    const opened = openFileStore({ dataDir: root }, env);
    expect(opened).toBeInstanceOf(S3FileStore);
    expect(opened.location).toBe('s3://cordon-evidence/evidence/');
  });

  it('uses virtual-host addressing for AWS itself unless told otherwise', () => {
    expect(fileStoreSettings({ CORDON_S3_BUCKET: 'b' }, root)).toMatchObject({ forcePathStyle: false, endpoint: undefined });
    expect(fileStoreSettings({ CORDON_S3_BUCKET: 'b', CORDON_S3_FORCE_PATH_STYLE: 'true', CORDON_S3_PREFIX: '' }, root)).toMatchObject({
      forcePathStyle: true,
      keyPrefix: '',
    });
  });

  it('stops with a clear message on half-given credentials or a bad switch', () => {
    expect(() => fileStoreSettings({ CORDON_S3_BUCKET: 'b', CORDON_S3_ACCESS_KEY_ID: 'x' }, root)).toThrow(/both/);
    expect(() => fileStoreSettings({ CORDON_S3_BUCKET: 'b', CORDON_S3_FORCE_PATH_STYLE: 'yes' }, root)).toThrow(/true or false/);
  });
});
