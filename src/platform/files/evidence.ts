import { fileTypeFromBuffer } from 'file-type';
import type { Sharp, SharpOptions } from 'sharp';
import type { FileStore } from './file-store.js';
import { DEFAULT_MAX_FILE_BYTES, uploadMessages } from './messages.js';

/** What is known about a stored piece of evidence; a case keeps this, the store keeps the bytes. */
export interface EvidenceFile {
  /** SHA-256 of the original bytes, lower-case hex: the file's name in the store. */
  hash: string;
  /** The type read from the bytes themselves, never the one the sender claimed. */
  mediaType: string;
  size: number;
  /** The name it was uploaded with, without any folder, for display only. */
  originalName: string;
  /** A JPEG of at most 320 pixels a side with no metadata, or null (PDFs; images that cannot be decoded here). */
  thumbnailHash: string | null;
  /** Pixel size as the picture is meant to be seen (camera rotation applied), when it can be read. */
  width?: number;
  height?: number;
}

export interface EvidenceUpload {
  bytes: Buffer;
  declaredName: string;
  /** The media type the browser or client sent; only used to catch a file that is not what it claims. */
  declaredType?: string;
}

export type StoreEvidenceOutcome =
  | { ok: true; file: EvidenceFile }
  | { ok: false; field: 'file'; message: string };

export interface StoreEvidenceOptions {
  /** Largest file accepted, in bytes. 10 MB unless given. */
  maxBytes?: number;
}

export const THUMBNAIL_MAX_PIXELS = 320;

type Kind = 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf';

/** The kinds of file accepted as evidence: phone and camera photos, screenshots and scans. */
const KINDS: Record<Kind, { label: string; mediaTypes: string[]; extensions: string[]; image: boolean }> = {
  jpeg: { label: 'JPG', mediaTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'], extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], image: true },
  png: { label: 'PNG', mediaTypes: ['image/png', 'image/x-png'], extensions: ['png'], image: true },
  webp: { label: 'WebP', mediaTypes: ['image/webp'], extensions: ['webp'], image: true },
  heic: { label: 'HEIC', mediaTypes: ['image/heic', 'image/heif'], extensions: ['heic', 'heif', 'hif'], image: true },
  pdf: { label: 'PDF', mediaTypes: ['application/pdf'], extensions: ['pdf'], image: false },
};

function kindOfMediaType(mediaType: string): Kind | undefined {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  return (Object.keys(KINDS) as Kind[]).find((kind) => KINDS[kind].mediaTypes.includes(bare));
}

function kindOfExtension(extension: string): Kind | undefined {
  return (Object.keys(KINDS) as Kind[]).find((kind) => KINDS[kind].extensions.includes(extension));
}

/**
 * Checks an uploaded file and keeps it as evidence. The original bytes are stored exactly as they
 * came (with any camera metadata, GPS included: it may matter as evidence); only the thumbnail is
 * re-encoded, without metadata. Refusals a person can fix are values with GOV.UK wording; a store
 * that cannot be written is a fault and throws.
 */
export async function storeEvidence(
  store: FileStore,
  upload: EvidenceUpload,
  options: StoreEvidenceOptions = {},
): Promise<StoreEvidenceOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { bytes } = upload;
  if (bytes.length === 0) return refuse(uploadMessages.empty);
  if (bytes.length > maxBytes) return refuse(uploadMessages.tooLarge(maxBytes));

  const sniffed = await fileTypeFromBuffer(bytes);
  const kind = sniffed ? kindOfMediaType(sniffed.mime) : undefined;
  if (!sniffed || !kind) return refuse(uploadMessages.wrongType);

  const originalName = displayName(upload.declaredName);
  const extension = extensionOf(originalName);
  // A name or declared type that is one of ours but not this file's kind means the file is not what
  // the person thinks they chose (a renamed file, or a different one than intended).
  if (extension && kindOfExtension(extension) !== kind) {
    return refuse(uploadMessages.nameDisagrees(KINDS[kind].label, extension));
  }
  const declaredKind = upload.declaredType ? kindOfMediaType(upload.declaredType) : undefined;
  if (declaredKind && declaredKind !== kind) {
    return refuse(uploadMessages.typeDisagrees(KINDS[kind].label, upload.declaredType!));
  }

  let picture: Picture | null = null;
  if (KINDS[kind].image) {
    picture = await describePicture(bytes);
    // sharp always reads JPEG, PNG and WebP, so one it cannot read is damaged. iPhone HEIC photos use
    // HEVC, which the bundled libheif cannot decode: they are kept, without a thumbnail.
    if (picture === 'unreadable' && kind !== 'heic') return refuse(uploadMessages.damaged);
  }

  const stored = await store.put(bytes, sniffed.mime);
  let thumbnailHash: string | null = null;
  const readable = picture && picture !== 'unreadable' ? picture : null;
  if (readable) {
    const thumbnail = await makeThumbnail(bytes);
    if (thumbnail) thumbnailHash = (await store.put(thumbnail, 'image/jpeg')).hash;
  }
  return {
    ok: true,
    file: {
      hash: stored.hash,
      mediaType: sniffed.mime,
      size: bytes.length,
      originalName,
      thumbnailHash,
      ...(readable ? { width: readable.width, height: readable.height } : {}),
    },
  };
}

function refuse(message: string): StoreEvidenceOutcome {
  return { ok: false, field: 'file', message };
}

/** The last part of the name (browsers on Windows once sent whole paths), without control characters. */
function displayName(declaredName: string): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 255) || 'unnamed';
}

/** The extension, when the name has one: `scan.PDF` → `pdf`; `IMG 12.05` and `photo` have none. */
function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return /^[a-z][a-z0-9]{0,4}$/.test(extension) ? extension : undefined;
}

type Picture = { width: number; height: number } | 'unreadable';

// Phone cameras reach 200 megapixels; anything far beyond that in 10 MB is built to exhaust memory.
const SHARP_INPUT: SharpOptions = { limitInputPixels: 250_000_000, failOn: 'none' };

/** The picture's upright size; 'unreadable' when sharp cannot read it; null when sharp is not installed. */
async function describePicture(bytes: Buffer): Promise<Picture | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    const metadata = await sharp(bytes, SHARP_INPUT).metadata();
    const { width, height } = metadata.autoOrient ?? metadata;
    if (!width || !height) return 'unreadable';
    return { width, height };
  } catch {
    return 'unreadable';
  }
}

async function makeThumbnail(bytes: Buffer): Promise<Buffer | null> {
  const sharp = await loadSharp();
  if (!sharp) return null;
  try {
    // sharp writes no metadata unless asked to, so the thumbnail carries no EXIF, GPS or camera data.
    return await sharp(bytes, SHARP_INPUT)
      .autoOrient()
      .resize({ width: THUMBNAIL_MAX_PIXELS, height: THUMBNAIL_MAX_PIXELS, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
}

type SharpFactory = (input?: Buffer, options?: SharpOptions) => Sharp;
let sharpLoading: Promise<SharpFactory | null> | undefined;

/**
 * sharp ships its image library as a per-platform npm package. Where that package is missing the
 * evidence store still works, only without thumbnails or picture sizes.
 */
export function loadSharp(): Promise<SharpFactory | null> {
  sharpLoading ??= import('sharp').then(
    (module) => module.default as SharpFactory,
    () => null,
  );
  return sharpLoading;
}
