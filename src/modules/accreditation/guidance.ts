import type { MessageKey } from '../../platform/i18n/messages.js';
import { t } from '../../platform/i18n/messages.js';
import { formatDate } from '../../platform/i18n/format.js';
import type { Language } from '../../platform/i18n/languages.js';
import { renderLetter, type LetterBlock } from '../../platform/pdf/letter.js';

/*
 * Guidance and toolkit for hauliers (issue #16 item 7, seed 003 recommendation 6c): the security
 * checklist (DOMAIN.md §4), driver instructions and a training toolkit, published as pages and
 * printable PDFs in the reader's language. The words live in the catalogues under
 * `accreditation.guidance.<document>.*`; this list names them and carries each document's version
 * and date. A new version of a document: change its words, raise `version` and `date` here.
 */

export interface GuidanceSection {
  heading: MessageKey;
  items: readonly MessageKey[];
  /** A numbered list (steps in order) rather than bullets. */
  numbered?: boolean;
}

export interface GuidanceDocument {
  /** The page's address under /accreditation/guidance/ and its PDF's name. */
  slug: string;
  version: string;
  /** The day this version was published, YYYY-MM-DD. */
  date: string;
  title: MessageKey;
  summary: MessageKey;
  sections: readonly GuidanceSection[];
}

const section = (document: string, n: number, items: number, numbered = false): GuidanceSection => ({
  heading: `accreditation.guidance.${document}.s${n}.heading` as MessageKey,
  items: Array.from({ length: items }, (_, i) => `accreditation.guidance.${document}.s${n}.i${i + 1}` as MessageKey),
  numbered,
});

export const GUIDANCE_DOCUMENTS: readonly GuidanceDocument[] = [
  {
    slug: 'security-checklist',
    version: '1.0',
    date: '2026-12-01',
    title: 'accreditation.guidance.securityChecklist.title' as MessageKey,
    summary: 'accreditation.guidance.securityChecklist.summary' as MessageKey,
    sections: [section('securityChecklist', 1, 4), section('securityChecklist', 2, 2), section('securityChecklist', 3, 8), section('securityChecklist', 4, 3)],
  },
  {
    slug: 'driver-instructions',
    version: '1.0',
    date: '2026-12-01',
    title: 'accreditation.guidance.driverInstructions.title' as MessageKey,
    summary: 'accreditation.guidance.driverInstructions.summary' as MessageKey,
    sections: [section('driverInstructions', 1, 4), section('driverInstructions', 2, 2), section('driverInstructions', 3, 3, true)],
  },
  {
    slug: 'training-toolkit',
    version: '1.0',
    date: '2026-12-01',
    title: 'accreditation.guidance.trainingToolkit.title' as MessageKey,
    summary: 'accreditation.guidance.trainingToolkit.summary' as MessageKey,
    sections: [section('trainingToolkit', 1, 4), section('trainingToolkit', 2, 3), section('trainingToolkit', 3, 3)],
  },
];

/** The public address of the guidance (printed on letters, linked from the application). */
export const GUIDANCE_PATH = '/accreditation/guidance';

export function guidanceDocument(slug: string): GuidanceDocument | undefined {
  return GUIDANCE_DOCUMENTS.find((document) => document.slug === slug);
}

/** "Version 1.0, 1 December 2026", in the language. */
export function versionLine(language: Language, document: Pick<GuidanceDocument, 'version' | 'date'>): string {
  return t(language, 'accreditation.guidance.version' as MessageKey, { version: document.version, date: formatDate(language, document.date) });
}

/** A document's words in a language, for its page. */
export function guidanceInLanguage(language: Language, document: GuidanceDocument) {
  return {
    slug: document.slug,
    title: t(language, document.title),
    summary: t(language, document.summary),
    versionLine: versionLine(language, document),
    sections: document.sections.map((s) => ({ heading: t(language, s.heading), items: s.items.map((key) => t(language, key)), numbered: s.numbered ?? false })),
  };
}

/** The printable PDF of a document in a language: the letters' layout and embedded font, the version in its reference line and footer. */
export function guidancePdf(language: Language, document: GuidanceDocument, publicUrl: string): Promise<Buffer> {
  const words = guidanceInLanguage(language, document);
  const blocks: LetterBlock[] = [{ kind: 'paragraph', text: words.summary }];
  for (const s of words.sections) {
    blocks.push({ kind: 'heading', text: s.heading });
    blocks.push({ kind: 'list', items: s.items, numbered: s.numbered });
  }
  blocks.push({ kind: 'paragraph', text: t(language, 'accreditation.guidance.pdf.online' as MessageKey, { url: `${publicUrl}${GUIDANCE_PATH}/${document.slug}` }) });
  return renderLetter({
    language,
    title: words.title,
    reference: words.versionLine,
    date: document.date,
    sender: { name: t(language, 'accreditation.guidance.pdf.sender' as MessageKey), lines: ['Home Office'] },
    recipient: { name: t(language, 'accreditation.guidance.pdf.audience' as MessageKey), addressLines: [] },
    blocks,
  });
}

/** The service's public address, as letters print it: CORDON_PORTAL_URL without its `/portal`. */
export function publicAddress(env: NodeJS.ProcessEnv = process.env): string {
  return (env.CORDON_PORTAL_URL?.trim() || 'http://localhost:3000/portal').replace(/\/portal\/?$/, '').replace(/\/$/, '');
}
