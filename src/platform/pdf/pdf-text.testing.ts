import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/*
 * For tests only (pdfjs-dist is a devDependency): what a reader's PDF viewer would extract from a
 * letter — the text of each page and the document's metadata — through Mozilla's PDF.js, the
 * engine Firefox uses, so a test sees the characters a person would see and copy.
 */

export interface ExtractedPdf {
  /** The text of each page, lines separated by "\n", no-break spaces turned into plain ones. */
  pages: string[];
  /** All pages joined, separated by form feeds. */
  text: string;
  info: Record<string, unknown>;
  /** Structure tags of the document, depth first ("Document", "Sect", "H1", "P", ...). */
  structure: string[];
}

interface StructNode {
  role?: string;
  lang?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null | undefined, into: string[]): string[] {
  if (!node) return into;
  if (node.role && node.role !== 'Root') into.push(node.lang ? `${node.role}[${node.lang}]` : node.role);
  for (const child of node.children ?? []) roles(child, into);
  return into;
}

export async function extractPdf(pdf: Uint8Array): Promise<ExtractedPdf> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const structure: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.replace(/[\u00a0\u202f]/g, ' '));
      roles((await page.getStructTree()) as StructNode | null, structure);
    }
    const metadata = await document.getMetadata();
    return { pages, text: pages.join('\f'), info: metadata.info as Record<string, unknown>, structure };
  } finally {
    await document.destroy();
  }
}

/** Text with every run of whitespace made one space, for matching sentences that wrap across lines. */
export function flattened(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
