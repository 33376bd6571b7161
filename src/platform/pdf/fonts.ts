import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/*
 * DejaVu Sans, embedded (subset) in every letter. PDFKit's built-in fonts are the 14 standard PDF
 * fonts in WinAnsi encoding: they cannot draw Ł, ș, ț or any Cyrillic letter, and fail silently
 * with the wrong glyphs. DejaVu Sans covers Latin Extended, Cyrillic and Greek, and is free to
 * embed (Bitstream Vera licence).
 */

export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

const require = createRequire(import.meta.url);
let files: { regular: Buffer; bold: Buffer } | undefined;

/** The font files, read once per process. */
export function fontFiles(): { regular: Buffer; bold: Buffer } {
  files ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return files;
}
