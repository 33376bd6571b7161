import PDFDocument from 'pdfkit';
import { dateAsInstant, formatDate, formatMoney } from '../i18n/format.js';
import { languageName, localeTag, SOURCE_LANGUAGE, type Language } from '../i18n/languages.js';
import { t } from '../i18n/messages.js';
import { FONT, fontFiles } from './fonts.js';

/*
 * A small layout language for letters: a letter is a header (sender, recipient, reference, date,
 * title) and a list of blocks, laid out on A4 with page breaks, a footer with page numbers in the
 * letter's language, and PDF metadata. The PDF is tagged (headings, paragraphs, lists and tables
 * carry structure and the language), so screen readers and text extraction read it in order.
 *
 * Output is deterministic: the same letter gives the same bytes, because the creation date is the
 * letter's date and nothing else varies (PDFKit derives the file identifier from the metadata and
 * names font subsets by their order of use).
 */

export interface LetterRecipient {
  name: string;
  addressLines: readonly string[];
}

export interface LetterSender {
  name: string;
  lines?: readonly string[];
}

export interface StepRow {
  label: string;
  rule: string;
  amountPence: number;
}

export type LetterBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'list'; items: readonly string[]; numbered?: boolean }
  | { kind: 'keyValue'; rows: readonly { key: string; value: string }[] }
  /** A calculation: each step with its rule and the amount after it, then the total (bold). */
  | { kind: 'steps'; rows: readonly StepRow[]; total?: { label: string; amountPence: number } };

export interface Letter {
  language: Language;
  title: string;
  /** Printed under the date and in every page's footer. */
  reference: string;
  /** The letter's date, YYYY-MM-DD; also its creation date in the PDF metadata. */
  date: string;
  recipient: LetterRecipient;
  sender?: LetterSender;
  /** A form code printed at the top right ("IS11D"). */
  formCode?: string;
  /** Smaller type and spacing, for a notice that must fit on one page. */
  compact?: boolean;
  blocks: readonly LetterBlock[];
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type StructOptions = NonNullable<Parameters<Doc['struct']>[1]>;

/** A table header cell's scope: PDFKit supports it, its type definitions do not list it yet. */
function headerScope(scope: 'Row' | 'Column'): StructOptions {
  return { scope } as StructOptions;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { left: 57, right: 57 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const INK = '#0b0c0c';
const SECONDARY = '#505a5f';
const RULE = '#b1b4b6';

interface Scale {
  top: number;
  /** Room left at the foot of each page for the footer. */
  bottom: number;
  /** Distance of the footer line from the foot of the page. */
  footer: number;
  cellPadding: number;
  /** Space after each item of a list. */
  itemGap: number;
  body: number;
  small: number;
  title: number;
  heading: number;
  lineGap: number;
  paragraphGap: number;
  headingGapBefore: number;
}

const NORMAL: Scale = { top: 50, bottom: 64, footer: 40, cellPadding: 3, itemGap: 3.5, body: 10.5, small: 8.5, title: 16, heading: 12.5, lineGap: 2, paragraphGap: 7, headingGapBefore: 9 };
const COMPACT: Scale = { top: 30, bottom: 42, footer: 26, cellPadding: 2, itemGap: 1, body: 9, small: 7.5, title: 12.5, heading: 10.5, lineGap: 1, paragraphGap: 4, headingGapBefore: 5 };

interface TableColumn {
  width: number;
  align?: 'left' | 'right';
}

interface TableRow {
  cells: readonly string[];
  bold?: boolean;
  header?: boolean;
  ruleAbove?: boolean;
}

/** Where each letter of a document starts, so that its pages are numbered on their own. */
interface Part {
  firstPage: number;
  language: Language;
  reference: string;
  scale: Scale;
}

function scaleOf(letter: Letter): Scale {
  return letter.compact ? COMPACT : NORMAL;
}

function pageOptions(scale: Scale): PDFKit.PDFDocumentOptions {
  return { size: 'A4', margins: { top: scale.top, bottom: scale.bottom, left: MARGIN.left, right: MARGIN.right } };
}

class LetterWriter {
  private scale: Scale = NORMAL;

  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
  ) {}

  private get bottom(): number {
    return A4.height - this.scale.bottom;
  }

  /** A page break inside a letter: the new page takes the letter's margins from the one before. */
  private newPage(): void {
    this.doc.continueOnNewPage();
    this.doc.x = MARGIN.left;
    this.doc.y = this.scale.top;
  }

  /** The first page of a letter. */
  startLetter(letter: Letter, first: boolean): void {
    this.scale = scaleOf(letter);
    if (first) this.doc.addPage(pageOptions(this.scale));
    else this.doc.continueOnNewPage(pageOptions(this.scale));
    this.doc.x = MARGIN.left;
    this.doc.y = this.scale.top;
  }

  private ensureRoom(height: number): void {
    const pageRoom = this.bottom - this.scale.top;
    if (this.doc.y + height > this.bottom && height <= pageRoom) this.newPage();
  }

  private font(bold: boolean, size: number, colour = INK): Doc {
    return this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).fillColor(colour);
  }

  private heightOf(text: string, width: number, bold: boolean, size: number): number {
    this.font(bold, size);
    return this.doc.heightOfString(text, { width, lineGap: this.scale.lineGap });
  }

  /** Text in a structure element of `type`, at the current position, flowing onto new pages. */
  private tagged(parent: Struct, type: string, draw: () => void): void {
    parent.add(this.doc.struct(type, {}, [draw]));
  }

  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  private line(y: number, weight = 0.5, colour = RULE): void {
    this.artifact(() => {
      this.doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(weight).strokeColor(colour).stroke();
    });
  }

  private paragraph(parent: Struct, text: string, options: { bold?: boolean; size?: number; colour?: string; type?: string } = {}): void {
    const size = options.size ?? this.scale.body;
    // Keep at least two lines together at the foot of a page.
    this.ensureRoom(Math.min(this.heightOf(text, CONTENT_WIDTH, options.bold ?? false, size), 2 * (size + this.scale.lineGap) + 2));
    this.tagged(parent, options.type ?? 'P', () => {
      this.font(options.bold ?? false, size, options.colour).text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: this.scale.lineGap });
    });
    this.doc.y += this.scale.paragraphGap;
  }

  private heading(parent: Struct, text: string): void {
    const height = this.heightOf(text, CONTENT_WIDTH, true, this.scale.heading);
    // A heading is never left alone at the foot of a page: keep room for it and three lines after.
    this.ensureRoom(this.scale.headingGapBefore + height + 3 * (this.scale.body + this.scale.lineGap));
    if (this.doc.y > this.scale.top) this.doc.y += this.scale.headingGapBefore;
    this.tagged(parent, 'H2', () => {
      this.font(true, this.scale.heading).text(text, MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: this.scale.lineGap });
    });
    this.doc.y += this.scale.paragraphGap * 0.6;
  }

  private list(parent: Struct, items: readonly string[], numbered: boolean): void {
    const indent = numbered ? 20 : 14;
    const width = CONTENT_WIDTH - indent;
    const list = this.doc.struct('L');
    parent.add(list);
    items.forEach((item, index) => {
      const marker = numbered ? `${index + 1}.` : '•';
      this.ensureRoom(this.heightOf(item, width, false, this.scale.body));
      const top = this.doc.y;
      const entry = this.doc.struct('LI');
      list.add(entry);
      entry.add(
        this.doc.struct('Lbl', {}, [
          () => {
            this.font(false, this.scale.body).text(marker, MARGIN.left + (numbered ? 0 : 2), top, { width: indent, lineBreak: false });
          },
        ]),
      );
      entry.add(
        this.doc.struct('LBody', {}, [
          () => {
            this.font(false, this.scale.body).text(item, MARGIN.left + indent, top, { width, lineGap: this.scale.lineGap });
          },
        ]),
      );
      entry.end();
      this.doc.y += this.scale.itemGap;
    });
    list.end();
    this.doc.x = MARGIN.left;
    this.doc.y += this.scale.paragraphGap * 0.5;
  }

  /**
   * A table whose rows never split across pages; the header row is repeated on every page the
   * table spans. With `rowHeaders`, each row's first cell heads the row (a key–value table).
   */
  private table(parent: Struct, columns: readonly TableColumn[], rows: readonly TableRow[], rowHeaders = false): void {
    const padding = this.scale.cellPadding;
    const table = this.doc.struct('Table');
    parent.add(table);
    const headerRow = rows.find((row) => row.header);
    const isHeading = (row: TableRow, index: number) => (row.header ?? false) || (rowHeaders && index === 0);
    const isBold = (row: TableRow, index: number) => (row.bold ?? false) || isHeading(row, index);
    const rowHeight = (row: TableRow) =>
      Math.max(...row.cells.map((cell, index) => this.heightOf(cell, (columns[index]?.width ?? 0) - 2 * padding, isBold(row, index), this.scale.body))) +
      2 * padding;
    const drawRow = (row: TableRow) => {
      const height = rowHeight(row);
      if (this.doc.y + height > this.bottom) {
        this.newPage();
        if (headerRow && !row.header) drawRow(headerRow);
      }
      const top = this.doc.y;
      if (row.ruleAbove) this.line(top, 1, INK);
      const tr = this.doc.struct('TR');
      table.add(tr);
      let left = MARGIN.left;
      row.cells.forEach((cell, index) => {
        const column = columns[index] ?? { width: 0 };
        const x = left;
        const scope = row.header ? headerScope('Column') : isHeading(row, index) ? headerScope('Row') : {};
        tr.add(
          this.doc.struct(isHeading(row, index) ? 'TH' : 'TD', scope, [
            () => {
              this.font(isBold(row, index), this.scale.body).text(cell, x + padding, top + padding, {
                width: column.width - 2 * padding,
                align: column.align ?? 'left',
                lineGap: this.scale.lineGap,
              });
            },
          ]),
        );
        left += column.width;
      });
      tr.end();
      this.doc.y = top + height;
      this.line(this.doc.y, row.header ? 1 : 0.5, row.header ? INK : RULE);
    };
    // Never a table's first row (or its headings) alone at the foot of a page.
    const [firstRow, secondRow] = rows;
    if (firstRow) this.ensureRoom(rowHeight(firstRow) + (firstRow.header && secondRow ? rowHeight(secondRow) : 0));
    rows.forEach(drawRow);
    table.end();
    this.doc.x = MARGIN.left;
    this.doc.y += this.scale.paragraphGap + 2;
  }

  private keyValue(parent: Struct, rows: readonly { key: string; value: string }[]): void {
    const keyWidth = Math.round(CONTENT_WIDTH * 0.34);
    this.table(
      parent,
      [{ width: keyWidth }, { width: CONTENT_WIDTH - keyWidth }],
      rows.map((row) => ({ cells: [row.key, row.value] })),
      true,
    );
  }

  private steps(parent: Struct, language: Language, block: Extract<LetterBlock, { kind: 'steps' }>): void {
    const amountWidth = Math.round(CONTENT_WIDTH * 0.18);
    const labelWidth = Math.round((CONTENT_WIDTH - amountWidth) * 0.55);
    const columns = [{ width: labelWidth }, { width: CONTENT_WIDTH - amountWidth - labelWidth }, { width: amountWidth, align: 'right' as const }];
    const rows: TableRow[] = [
      { cells: [t(language, 'letter.steps.label'), t(language, 'letter.steps.rule'), t(language, 'letter.steps.amount')], header: true },
      ...block.rows.map((row) => ({ cells: [row.label, row.rule, formatMoney(language, row.amountPence)] })),
    ];
    if (block.total) rows.push({ cells: [block.total.label, '', formatMoney(language, block.total.amountPence)], bold: true, ruleAbove: true });
    this.table(parent, columns, rows);
  }

  /** One complete letter, from the top of the page startLetter began. */
  write(letter: Letter, notes: readonly string[]): void {
    const section = this.doc.struct('Sect', { lang: localeTag(letter.language), title: letter.title });
    this.root.add(section);
    const doc = this.doc;
    const top = this.scale.top;

    if (letter.formCode) {
      const formCode = letter.formCode;
      this.tagged(section, 'P', () => {
        this.font(true, this.scale.small, SECONDARY).text(t(letter.language, 'letter.form', { code: formCode }), MARGIN.left, top, {
          width: CONTENT_WIDTH,
          align: 'right',
          lineBreak: false,
        });
      });
    }
    doc.y = top;
    if (letter.sender) {
      const sender = letter.sender;
      const width = letter.formCode ? CONTENT_WIDTH * 0.75 : CONTENT_WIDTH;
      this.tagged(section, 'P', () => {
        this.font(true, this.scale.body).text(sender.name, MARGIN.left, top, { width, lineGap: this.scale.lineGap });
        for (const line of sender.lines ?? []) this.font(false, this.scale.small, SECONDARY).text(line, { width, lineGap: 1 });
      });
      doc.y += this.scale.paragraphGap * (letter.compact ? 1.2 : 2);
    }

    const addressTop = doc.y;
    this.tagged(section, 'P', () => {
      this.font(false, this.scale.body).text(letter.recipient.name, MARGIN.left, addressTop, { width: CONTENT_WIDTH * 0.55, lineGap: 1 });
      for (const line of letter.recipient.addressLines) this.font(false, this.scale.body).text(line, { width: CONTENT_WIDTH * 0.55, lineGap: 1 });
    });
    const addressBottom = doc.y;
    const metaLeft = MARGIN.left + CONTENT_WIDTH * 0.58;
    const metaWidth = CONTENT_WIDTH * 0.42;
    this.tagged(section, 'P', () => {
      this.font(true, this.scale.small, SECONDARY).text(t(letter.language, 'letter.reference'), metaLeft, addressTop, { width: metaWidth });
      this.font(false, this.scale.body).text(letter.reference, { width: metaWidth });
      doc.y += 3;
      this.font(true, this.scale.small, SECONDARY).text(t(letter.language, 'letter.date'), { width: metaWidth });
      this.font(false, this.scale.body).text(formatDate(letter.language, letter.date), { width: metaWidth });
    });
    doc.x = MARGIN.left;
    doc.y = Math.max(addressBottom, doc.y) + this.scale.paragraphGap * (letter.compact ? 1.5 : 2.5);

    this.tagged(section, 'H1', () => {
      this.font(true, this.scale.title).text(letter.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: this.scale.lineGap });
    });
    doc.y += this.scale.paragraphGap;
    for (const note of notes) this.paragraph(section, note, { size: this.scale.small, colour: SECONDARY });
    if (notes.length > 0) doc.y += this.scale.paragraphGap * 0.5;

    for (const block of letter.blocks) {
      switch (block.kind) {
        case 'heading':
          this.heading(section, block.text);
          break;
        case 'paragraph':
          this.paragraph(section, block.text, { bold: block.strong });
          break;
        case 'list':
          this.list(section, block.items, block.numbered ?? false);
          break;
        case 'keyValue':
          this.keyValue(section, block.rows);
          break;
        case 'steps':
          this.steps(section, letter.language, block);
          break;
      }
    }
    section.end();
  }

  /** "Page 1 of 2" in each letter's own language, and its reference, on every page. */
  footers(parts: readonly Part[]): void {
    const range = this.doc.bufferedPageRange();
    const end = range.start + range.count;
    parts.forEach((part, index) => {
      const last = (parts[index + 1]?.firstPage ?? end) - 1;
      for (let page = part.firstPage; page <= last; page += 1) {
        this.doc.switchToPage(page);
        // Writing below the bottom margin would otherwise start a new page.
        const margins = this.doc.page.margins;
        this.doc.page.margins = { ...margins, bottom: 0 };
        this.doc.markContent('Artifact', { type: 'Pagination' });
        const footerY = A4.height - part.scale.footer;
        this.font(false, part.scale.small, SECONDARY).text(part.reference, MARGIN.left, footerY, { width: CONTENT_WIDTH / 2, lineBreak: false });
        this.font(false, part.scale.small, SECONDARY).text(
          t(part.language, 'letter.page', { page: page - part.firstPage + 1, pages: last - part.firstPage + 1 }),
          MARGIN.left + CONTENT_WIDTH / 2,
          footerY,
          { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false },
        );
        this.doc.endMarkedContent();
        this.doc.page.margins = margins;
      }
    });
  }
}

/** One letter of a document with the notes printed under its title ("the translation follows"). */
export interface LetterPart {
  letter: Letter;
  notes: readonly string[];
}

function render(letters: readonly LetterPart[], title: string): Promise<Buffer> {
  const [first] = letters;
  if (!first) throw new Error('a document needs at least one letter');
  const created = dateAsInstant(first.letter.date);
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    // Each letter opens its own first page, with its own margins.
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: localeTag(first.letter.language),
    displayTitle: true,
    info: {
      Title: title,
      Subject: first.letter.reference,
      Author: first.letter.sender?.name ?? '',
      Creator: 'Cordon',
      Producer: 'Cordon (PDFKit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const fonts = fontFiles();
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular);

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const writer = new LetterWriter(doc, root);
  const parts: Part[] = [];
  letters.forEach(({ letter, notes }, index) => {
    writer.startLetter(letter, index === 0);
    const range = doc.bufferedPageRange();
    parts.push({ firstPage: range.start + range.count - 1, language: letter.language, reference: letter.reference, scale: scaleOf(letter) });
    if (letters.length > 1) doc.outline.addItem(`${languageName(letter.language, letter.language)}: ${letter.title}`);
    writer.write(letter, notes);
  });
  writer.footers(parts);
  root.end();
  doc.end();
  return finished;
}

/** One letter as a PDF. */
export function renderLetter(letter: Letter): Promise<Buffer> {
  return render([{ letter, notes: [] }], letter.title);
}

/**
 * The English letter followed by its translation, in one PDF. Each starts on a new page and is
 * numbered on its own ("Page 1 of 2", then "Strona 1 z 2"), so either can be read, printed or
 * quoted alone; the English first page says, in both languages, that the translation follows.
 * Sequential rather than side by side: two columns halve the line length, which breaks long
 * Hungarian or Lithuanian words and cramps the calculation table, and it muddles the reading
 * order for a screen reader. When the other letter is also English, only one letter is rendered.
 */
export function renderBilingual(english: Letter, other: Letter): Promise<Buffer> {
  const parts = bilingualParts(english, other);
  return render(parts, parts.length > 1 ? `${english.title} / ${other.title}` : english.title);
}

/** The parts `renderBilingual` lays out: the English letter with its notes, then the translation (when not English). */
export function bilingualParts(english: Letter, other: Letter): LetterPart[] {
  if (english.language !== SOURCE_LANGUAGE) throw new Error(`the first letter must be in English, not "${english.language}"`);
  if (other.language === SOURCE_LANGUAGE) return [{ letter: english, notes: [] }];
  const notes = [
    t(SOURCE_LANGUAGE, 'letter.translationFollows', { language: languageName(other.language, SOURCE_LANGUAGE) }),
    t(other.language, 'letter.translationFollowsNative'),
  ];
  return [
    { letter: english, notes },
    { letter: other, notes: [t(other.language, 'letter.translationOf')] },
  ];
}

/** The parts of one document (as `bilingualParts` gives them) as a PDF, exactly as `renderBilingual` would. */
export function renderParts(parts: readonly LetterPart[]): Promise<Buffer> {
  const [first] = parts;
  if (!first) throw new Error('a document needs at least one letter');
  return render(parts, parts.map((part) => part.letter.title).join(' / '));
}

/**
 * Many documents as one PDF for printing: every letter (and every translation) starts on a new
 * page and keeps its own page numbers, so the pile comes out of the printer as the letters would
 * one by one. Re-rendered from each document's parts into one PDFKit document: no PDF is merged.
 */
export function renderPrintBundle(documents: readonly (readonly LetterPart[])[], title: string): Promise<Buffer> {
  return render(documents.flat(), title);
}
