import { promises as fs } from 'node:fs';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { storeEvidence } from './evidence.js';
import { sha256Hex } from './file-store.js';
import { FolderFileStore } from './folder-file-store.js';
import {
  filesUnder,
  heicPhotoHeader,
  minimalPdf,
  photoAvif,
  photoJpeg,
  photoWebp,
  screenshotPng,
  temporaryFolder,
} from './test-fixtures.js';

let root: string;
let store: FolderFileStore;

beforeEach(async () => {
  root = await temporaryFolder();
  store = new FolderFileStore(root);
});

async function storedFiles() {
  return fs.access(root).then(
    () => filesUnder(root),
    () => [],
  );
}

describe('accepting evidence', () => {
  it('keeps a JPEG photo under its SHA-256 with the type read from its bytes, its size and its pixel size', async () => {
    const bytes = await photoJpeg({ width: 1200, height: 800 });
    const outcome = await storeEvidence(store, { bytes, declaredName: 'IMG_0042.JPG', declaredType: 'image/jpeg' });
    expect(outcome).toEqual({
      ok: true,
      file: {
        hash: sha256Hex(bytes),
        mediaType: 'image/jpeg',
        size: bytes.length,
        originalName: 'IMG_0042.JPG',
        thumbnailHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        width: 1200,
        height: 800,
      },
    });
    expect(await store.get(sha256Hex(bytes))).toEqual(bytes);
  });

  it('makes a JPEG thumbnail of at most 320 pixels a side, smaller than the photo, stored under its own hash', async () => {
    const bytes = await photoJpeg({ width: 1600, height: 900 });
    const outcome = await storeEvidence(store, { bytes, declaredName: 'trailer-rear.jpg' });
    if (!outcome.ok) throw new Error(outcome.message);
    const thumbnail = await store.get(outcome.file.thumbnailHash!);
    expect(thumbnail).not.toBeNull();
    expect(sha256Hex(thumbnail!)).toBe(outcome.file.thumbnailHash);
    expect(thumbnail!.length).toBeLessThan(bytes.length);
    const shape = await sharp(thumbnail!).metadata();
    expect(shape).toMatchObject({ format: 'jpeg', width: 320, height: 180 });
  });

  it('keeps the original exactly as sent, camera GPS included, and gives the thumbnail no metadata at all', async () => {
    const bytes = await photoJpeg({ withGps: true });
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const outcome = await storeEvidence(store, { bytes, declaredName: 'seal.jpg' });
    if (!outcome.ok) throw new Error(outcome.message);
    const original = await store.get(outcome.file.hash);
    expect(original!.equals(bytes)).toBe(true);
    expect((await sharp(original!).metadata()).exif).toBeDefined();
    const thumbnail = await sharp((await store.get(outcome.file.thumbnailHash!))!).metadata();
    expect(thumbnail.exif).toBeUndefined();
    expect(thumbnail.icc).toBeUndefined();
    expect(thumbnail.xmp).toBeUndefined();
  });

  it('turns the thumbnail and reports the size the way the camera was held', async () => {
    const bytes = await photoJpeg({ width: 800, height: 600, orientation: 6 });
    const outcome = await storeEvidence(store, { bytes, declaredName: 'portrait.jpg' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.file).toMatchObject({ width: 600, height: 800 });
    expect(await sharp((await store.get(outcome.file.thumbnailHash!))!).metadata()).toMatchObject({ width: 240, height: 320 });
  });

  it('accepts a PNG screenshot with transparency and a WebP photo, each with a thumbnail', async () => {
    const png = await storeEvidence(store, { bytes: await screenshotPng(), declaredName: 'checklist.png', declaredType: 'image/png' });
    const webp = await storeEvidence(store, { bytes: await photoWebp(), declaredName: 'cab.webp' });
    expect(png).toMatchObject({ ok: true, file: { mediaType: 'image/png', width: 900, height: 600, thumbnailHash: expect.any(String) } });
    expect(webp).toMatchObject({ ok: true, file: { mediaType: 'image/webp', width: 640, height: 480, thumbnailHash: expect.any(String) } });
  });

  it('does not enlarge a picture already smaller than a thumbnail', async () => {
    const outcome = await storeEvidence(store, { bytes: await photoJpeg({ width: 200, height: 100 }), declaredName: 'small.jpg' });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(await sharp((await store.get(outcome.file.thumbnailHash!))!).metadata()).toMatchObject({ width: 200, height: 100 });
  });

  it('accepts a scanned PDF and makes no thumbnail for it', async () => {
    const bytes = minimalPdf();
    const outcome = await storeEvidence(store, { bytes, declaredName: 'Vehicle security checklist.pdf', declaredType: 'application/pdf' });
    expect(outcome).toEqual({
      ok: true,
      file: { hash: sha256Hex(bytes), mediaType: 'application/pdf', size: bytes.length, originalName: 'Vehicle security checklist.pdf', thumbnailHash: null },
    });
    expect(await storedFiles()).toHaveLength(1);
  });

  it('accepts an iPhone HEIC photo and keeps it without a thumbnail, as HEVC cannot be decoded here', async () => {
    const bytes = heicPhotoHeader();
    const outcome = await storeEvidence(store, { bytes, declaredName: 'IMG_1234.HEIC', declaredType: 'image/heic' });
    expect(outcome).toMatchObject({ ok: true, file: { mediaType: 'image/heic', thumbnailHash: null } });
    expect(await store.exists(sha256Hex(bytes))).toBe(true);
  });

  it('keeps only the file name when a browser sends a whole path, and accepts a name with no extension', async () => {
    const windows = await storeEvidence(store, { bytes: minimalPdf('a'), declaredName: 'C:\\fakepath\\scan.pdf' });
    const camera = await storeEvidence(store, { bytes: minimalPdf('b'), declaredName: 'image' });
    expect(windows).toMatchObject({ ok: true, file: { originalName: 'scan.pdf' } });
    expect(camera).toMatchObject({ ok: true, file: { originalName: 'image' } });
  });
});

describe('refusing files that are not evidence', () => {
  it('refuses a text file renamed .jpg, in GOV.UK wording, and stores nothing', async () => {
    const outcome = await storeEvidence(store, {
      bytes: Buffer.from('Driver said the seal was already broken when he collected the trailer.\n'),
      declaredName: 'photo.jpg',
      declaredType: 'image/jpeg',
    });
    expect(outcome).toEqual({ ok: false, field: 'file', message: 'The selected file must be a JPG, PNG, WebP, HEIC or PDF' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses an HTML page or SVG that could run script if it were ever shown', async () => {
    for (const [bytes, declaredName] of [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'seal.svg'],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'seal.png'],
    ] as const) {
      expect(await storeEvidence(store, { bytes, declaredName })).toMatchObject({ ok: false, message: 'The selected file must be a JPG, PNG, WebP, HEIC or PDF' });
    }
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses image types outside the list, such as AVIF', async () => {
    const outcome = await storeEvidence(store, { bytes: await photoAvif(), declaredName: 'photo.avif' });
    expect(outcome).toMatchObject({ ok: false, message: 'The selected file must be a JPG, PNG, WebP, HEIC or PDF' });
  });

  it('refuses a file whose name says one kind when the bytes are another', async () => {
    const outcome = await storeEvidence(store, { bytes: await screenshotPng(40, 40), declaredName: 'photo.jpg' });
    expect(outcome).toEqual({ ok: false, field: 'file', message: 'The selected file is a PNG but its name ends in .jpg – select the original file' });
    expect(await storeEvidence(store, { bytes: minimalPdf(), declaredName: 'scan.docx' })).toMatchObject({
      ok: false,
      message: 'The selected file is a PDF but its name ends in .docx – select the original file',
    });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a file sent with a media type that is not what its bytes are', async () => {
    const outcome = await storeEvidence(store, { bytes: minimalPdf(), declaredName: 'scan', declaredType: 'image/png' });
    expect(outcome).toEqual({ ok: false, field: 'file', message: 'The selected file is a PDF but was sent as image/png' });
  });

  it('refuses a JPEG that cannot be opened', async () => {
    const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 0x41)]);
    const outcome = await storeEvidence(store, { bytes: damaged, declaredName: 'broken.jpg' });
    expect(outcome).toEqual({ ok: false, field: 'file', message: 'The selected file cannot be opened – it may be damaged. Select a different file' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses an empty file', async () => {
    expect(await storeEvidence(store, { bytes: Buffer.alloc(0), declaredName: 'photo.jpg' })).toEqual({
      ok: false,
      field: 'file',
      message: 'The selected file is empty',
    });
  });

  it('refuses a file over 10MB by default, and over a smaller limit when one is set', async () => {
    const jpeg = await photoJpeg({ width: 300, height: 200 });
    const justOver = Buffer.concat([jpeg, Buffer.alloc(10 * 1024 * 1024 + 1 - jpeg.length)]);
    expect(await storeEvidence(store, { bytes: justOver, declaredName: 'big.jpg' })).toEqual({
      ok: false,
      field: 'file',
      message: 'The selected file must be smaller than 10MB',
    });
    expect(await storeEvidence(store, { bytes: jpeg, declaredName: 'photo.jpg' }, { maxBytes: 1024 })).toEqual({
      ok: false,
      field: 'file',
      message: 'The selected file must be smaller than 1KB',
    });
    expect(await storedFiles()).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    const pdf = minimalPdf();
    expect(await storeEvidence(store, { bytes: pdf, declaredName: 'scan.pdf' }, { maxBytes: pdf.length })).toMatchObject({ ok: true });
  });
});

describe('storing by content', () => {
  it('stores the same bytes once however often and under whatever name they are sent', async () => {
    const bytes = await photoJpeg();
    const first = await storeEvidence(store, { bytes, declaredName: 'first.jpg' });
    const second = await storeEvidence(store, { bytes: Buffer.from(bytes), declaredName: 'copy of first.jpeg' });
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(second.file.hash).toBe(first.file.hash);
    expect(second.file.thumbnailHash).toBe(first.file.thumbnailHash);
    expect(second.file.originalName).toBe('copy of first.jpeg');
    expect(await storedFiles()).toHaveLength(2);
  });
});
