import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n/languages.js';
import { renderBilingual, renderLetter, type Letter, type LetterBlock } from './letter.js';
import { extractPdf, flattened } from './pdf-text.testing.js';

function aLetter(overrides: Partial<Letter> = {}): Letter {
  return {
    language: 'en',
    title: 'Penalty notice',
    reference: 'CEC-2026-000123',
    date: '2026-03-14',
    sender: { name: 'Home Office', lines: ['Clandestine Entrant Civil Penalty Scheme'] },
    recipient: { name: 'Jane Haulier', addressLines: ['1 Dock Road', 'Dover CT16 1AA'] },
    blocks: [{ kind: 'paragraph', text: 'A short letter.' }],
    ...overrides,
  };
}

const paragraphs = (count: number, text: (index: number) => string): LetterBlock[] =>
  Array.from({ length: count }, (_, index) => ({ kind: 'paragraph', text: text(index + 1) }));

describe('renderLetter', () => {
  const samples: { language: Language; title: string; text: string; name: string }[] = [
    { language: 'en', title: 'Penalty notice', text: 'Pay £4,500 by 30 June 2026.', name: 'Łukasz Żółkiewski' },
    { language: 'pl', title: 'Zawiadomienie o nałożeniu kary', text: 'Łódź, żółć, gęślą jaźń — źrebię.', name: 'Łukasz Żółkiewski' },
    { language: 'ro', title: 'Notificare de penalitate', text: 'Șoferul știe că țara are și ăsta, îți, ÂȘȚĂ.', name: 'Transport Ștefănescu SRL' },
    { language: 'bg', title: 'Уведомление за налагане на санкция', text: 'Шофьорът щеше да възрази — ѝ, Ъгъл, юг, я.', name: 'Георги Иванов' },
    { language: 'el', title: 'Ειδοποίηση επιβολής κύρωσης', text: 'Πληρώστε έως τις 4 Δεκεμβρίου 2026 — ΐ, ΰ, ς, Ψ, Ω, ϊ.', name: 'Γιώργος Παπαδόπουλος' },
    { language: 'sr', title: 'Решење о казни', text: 'Возач је ђак — љубав, њива, ћуп, џеп, Ђ, Љ, Њ, Ћ, Џ, ј.', name: 'Јован Ђорђевић' },
    { language: 'lv', title: 'Lēmums par sodu', text: 'Ģimene, ķērpis, ļoti, ņem, ūdens, ā, ē, ī, č, š, ž.', name: 'Jānis Bērziņš' },
    { language: 'et', title: 'Trahviotsus', text: 'Jõgi, äär, öö, üle, šokk, žürii.', name: 'Tõnu Õunapuu' },
  ];

  it.each(samples)('draws $language letters with their own characters, as a reader would copy them', async (sample) => {
    const pdf = await renderLetter(
      aLetter({
        language: sample.language,
        title: sample.title,
        recipient: { name: sample.name, addressLines: ['ul. Świętokrzyska 12/4', 'Strada Mărășești 14', 'ул. „Витоша“ 15'] },
        blocks: [{ kind: 'paragraph', text: sample.text }],
      }),
    );
    const { text } = await extractPdf(pdf);
    for (const expected of [sample.title, sample.text, sample.name, 'ul. Świętokrzyska 12/4', 'Strada Mărășești 14', 'ул. „Витоша“ 15']) {
      expect(flattened(text)).toContain(expected);
    }
  });

  it('keeps Romanian comma-below letters distinct from the cedilla forms', async () => {
    const { text } = await extractPdf(await renderLetter(aLetter({ language: 'ro', blocks: [{ kind: 'paragraph', text: 'ș ț Ș Ț' }] })));
    expect(text).toContain('ș ț Ș Ț');
    expect(text).not.toMatch(/[şţŞŢ]/);
  });

  it('breaks a long letter across pages without losing or reordering a paragraph, numbering pages in its language', async () => {
    const blocks = paragraphs(45, (n) => `Akapit ${n}: zażółć gęślą jaźń. ${'Tekst listu. '.repeat(12)}`);
    const { pages, text } = await extractPdf(await renderLetter(aLetter({ language: 'pl', blocks })));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => expect(page).toContain(`Strona ${index + 1} z ${pages.length}`));
    const positions = blocks.map((_, index) => flattened(text).indexOf(`Akapit ${index + 1}:`));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows every step of a calculation with its rule and amount, repeating the column headings on each page', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({ label: `Step number ${index + 1}`, rule: `rule ${index + 1}`, amountPence: (index + 1) * 10_000 }));
    const { pages, text } = await extractPdf(
      await renderLetter(aLetter({ blocks: [{ kind: 'steps', rows, total: { label: 'Penalty to pay', amountPence: 400_000 } }] })),
    );
    for (const row of rows) expect(flattened(text)).toMatch(new RegExp(`${row.label} ${row.rule} £${(row.amountPence / 100).toLocaleString('en-GB')}(\\s|$)`));
    expect(flattened(text)).toContain('Penalty to pay £4,000');
    const pagesWithRows = pages.filter((page) => page.includes('Step number'));
    expect(pagesWithRows.length).toBeGreaterThan(1);
    for (const page of pagesWithRows) expect(page).toContain('Step How it is worked out Amount');
  });

  it('lays out headings, lists and key–value tables as tagged structure, in the letter’s language', async () => {
    const pdf = await renderLetter(
      aLetter({
        language: 'ro',
        blocks: [
          { kind: 'heading', text: 'Incidentul' },
          { kind: 'keyValue', rows: [{ key: 'Data incidentului', value: '10 martie 2026' }] },
          { kind: 'list', items: ['primul', 'al doilea'], numbered: true },
        ],
      }),
    );
    const { structure, text } = await extractPdf(pdf);
    expect(structure).toEqual(expect.arrayContaining(['Document', 'Sect[ro]', 'H1', 'H2', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody']));
    expect(flattened(text)).toContain('Data incidentului 10 martie 2026');
    expect(flattened(text)).toContain('1. primul 2. al doilea');
  });

  it('records the title and language in the metadata, and the letter’s date as its creation date', async () => {
    const { info } = await extractPdf(await renderLetter(aLetter({ language: 'bg', title: 'Уведомление', date: '2026-03-14' })));
    expect(info).toMatchObject({ Title: 'Уведомление', Language: 'bg', Subject: 'CEC-2026-000123', CreationDate: 'D:20260314000000Z' });
  });

  it('gives the same bytes for the same letter, and different bytes for a different date', async () => {
    const letter = aLetter({ blocks: paragraphs(30, (n) => `Paragraph ${n}. ${'Words. '.repeat(20)}`) });
    const [first, second, redated] = await Promise.all([renderLetter(letter), renderLetter(letter), renderLetter({ ...letter, date: '2026-03-15' })]);
    expect(first.equals(second)).toBe(true);
    expect(first.equals(redated)).toBe(false);
  });
});

describe('renderBilingual', () => {
  it('puts the English letter first and the translation after, each on its own pages and numbered on its own', async () => {
    const english = aLetter({ blocks: paragraphs(30, (n) => `English paragraph ${n}. ${'Words. '.repeat(20)}`) });
    const polish = aLetter({ language: 'pl', title: 'Zawiadomienie o nałożeniu kary', blocks: [{ kind: 'paragraph', text: 'Treść po polsku: żółć.' }] });
    const { pages, info, structure } = await extractPdf(await renderBilingual(english, polish));

    const firstPolish = pages.findIndex((page) => page.includes('Zawiadomienie o nałożeniu kary'));
    expect(firstPolish).toBeGreaterThan(0);
    expect(pages.slice(0, firstPolish).every((page) => !page.includes('żółć'))).toBe(true);
    pages.slice(0, firstPolish).forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${firstPolish}`));
    expect(pages[firstPolish]).toContain('Strona 1 z 1');

    expect(flattened(pages[0] ?? '')).toContain('A translation of this letter into Polish follows the English letter in this document.');
    expect(flattened(pages[0] ?? '')).toContain('Tłumaczenie tego pisma na język polski znajduje się w tym dokumencie');
    expect(flattened(pages[firstPolish] ?? '')).toContain('To jest tłumaczenie pisma w języku angielskim');
    expect(info).toMatchObject({ Title: 'Penalty notice / Zawiadomienie o nałożeniu kary', Language: 'en-GB' });
    expect(structure).toEqual(expect.arrayContaining(['Sect[en-GB]', 'Sect[pl]']));
  });

  it('renders one letter when the recipient reads English', async () => {
    const { pages, text } = await extractPdf(await renderBilingual(aLetter(), aLetter()));
    expect(pages).toHaveLength(1);
    expect(text).not.toContain('translation');
  });

  it('refuses a first letter that is not in English', async () => {
    expect(() => renderBilingual(aLetter({ language: 'pl' }), aLetter({ language: 'ro' }))).toThrow(/English/);
  });
});
