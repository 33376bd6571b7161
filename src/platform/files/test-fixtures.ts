import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** Factories for the evidence tests: real image and PDF bytes, made here rather than checked in. */

/** A picture with detail in it (a gradient), so it compresses like a photo rather than a flat colour. */
function gradient(width: number, height: number, channels: 3 | 4): Buffer {
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      pixels[at] = (x * 7 + y * 3) % 256;
      pixels[at + 1] = (x * y) % 256;
      pixels[at + 2] = (y * 5) % 256;
      if (channels === 4) pixels[at + 3] = x < width / 2 ? 255 : 0;
    }
  }
  return pixels;
}

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** Adds camera EXIF with a GPS position, as a phone would. */
  withGps?: boolean;
  /** EXIF orientation: 6 means the camera was turned a quarter to the right. */
  orientation?: number;
}

export async function photoJpeg(options: PhotoOptions = {}): Promise<Buffer> {
  const width = options.width ?? 1200;
  const height = options.height ?? 800;
  let image = sharp(gradient(width, height, 3), { raw: { width, height, channels: 3 } });
  if (options.withGps) {
    image = image.withExif({
      IFD0: { Make: 'Cordon test camera', Model: 'Port shed' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 7/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '1/1 18/1 45/1' },
    });
  }
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.jpeg({ quality: 90 }).toBuffer();
}

/** A screenshot-like PNG whose right half is transparent. */
export async function screenshotPng(width = 900, height = 600): Promise<Buffer> {
  return sharp(gradient(width, height, 4), { raw: { width, height, channels: 4 } }).png().toBuffer();
}

export async function photoWebp(width = 640, height = 480): Promise<Buffer> {
  return sharp(gradient(width, height, 3), { raw: { width, height, channels: 3 } }).webp().toBuffer();
}

export async function photoAvif(width = 64, height = 64): Promise<Buffer> {
  return sharp(gradient(width, height, 3), { raw: { width, height, channels: 3 } }).avif().toBuffer();
}

/** A one-page PDF written by hand, with a correct cross-reference table. */
export function minimalPdf(text = 'Vehicle security checklist'): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/**
 * The opening of an iPhone HEIC photo: an ISO media `ftyp` box naming the `heic` brand. Enough to be
 * recognised as HEIC; the HEVC picture itself cannot be made here (sharp's bundled libheif has no
 * HEVC codec), which is also why HEIC evidence has no thumbnail.
 */
export function heicPhotoHeader(): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('heic'), Buffer.alloc(4), Buffer.from('mif1heic')]));
  return Buffer.concat([ftyp, box('meta', Buffer.alloc(64, 1))]);
}

export async function temporaryFolder(prefix = 'cordon-files-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Every file under a folder, as paths relative to it with `/` separators, sorted. */
export async function filesUnder(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
