import { describe, expect, it } from 'vitest';
import { discretion, penaltyFor, s32Facts } from '../../../domain/penalty/penalty-factories.js';
import { formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { aPenaltyNotice } from './letter-factories.js';
import { penaltyNoticeLetter, renderPenaltyNotice } from './penalty-notice.js';
import { stepInLanguage } from './penalty-steps-text.js';

/** The English letter and the translation, each as one line of text. */
async function versions(pdf: Buffer): Promise<{ english: string; translation: string }> {
  const { pages } = await extractPdf(pdf);
  const start = pages.findIndex((page, index) => index > 0 && /(Strona|Pagina|Страница|Page) 1 (z|din|от|of) /.test(page));
  return { english: flattened(pages.slice(0, start).join('\n')), translation: flattened(pages.slice(start).join('\n')) };
}

describe('renderPenaltyNotice', () => {
  const s32 = penaltyFor(s32Facts({ incidentDate: '2026-03-10', clandestineEntrants: 3, compliedWithRegulations: true, discretion: [discretion(25)] }));
  const s32Notice = aPenaltyNotice({ offence: 'S32', steps: s32.steps, amountPence: s32.amountPence, jointlyLiableWith: 'Trans-Pol Sp. z o.o.' });

  it('shows each step of the calculation and the total, in English exactly as calculated', async () => {
    const { english } = await versions(await renderPenaltyNotice(s32Notice));
    expect(s32.steps.length).toBeGreaterThan(3);
    for (const step of s32.steps) expect(english).toContain(`${step.label} ${step.rule} ${formatMoney('en', step.amountPence)}`);
    expect(english).toContain('Penalty to pay £4,500');
    expect(english).toContain('We have decided that you are liable to a civil penalty of £4,500 for the incident below.');
  });

  it.each<Language>(['pl', 'ro', 'bg'])('shows each step and the total in %s as well', async (language) => {
    const { translation } = await versions(await renderPenaltyNotice({ ...s32Notice, language }));
    for (const step of s32.steps) {
      const translated = stepInLanguage(language, step);
      expect(translated.label).not.toBe(step.label);
      expect(translation).toContain(`${translated.label} ${translated.rule} ${formatMoney(language, step.amountPence)}`.replace(/\s+/g, ' '));
    }
    expect(translation).toContain(formatMoney(language, 450_000).replace(/\s+/g, ' '));
  });

  it('gives the payment date, how to pay, and the objection and appeal rights with their dates', async () => {
    const { english, translation } = await versions(await renderPenaltyNotice(s32Notice));
    expect(english).toContain('Pay £4,500 by 30 June 2026. Quote the reference CEC-2026-000123 with your payment.');
    expect(english).toContain('Pay online: https://pay.cordon.invalid/civil-penalty');
    expect(english).toContain('Sort code 00-00-01');
    expect(english).toContain('We must receive your objection by 29 May 2026.');
    expect(english).toContain('you are not liable to the penalty • a statutory defence applies to you • the amount of the penalty is too high');
    expect(english).toContain('You must appeal by 29 May 2026.');
    expect(english).toContain('Trans-Pol Sp. z o.o. is jointly and severally liable with you for this penalty.');
    expect(translation).toContain('Prosimy zapłacić 4500 £ do dnia 30 czerwca 2026');
    expect(translation).toContain('Sprzeciw musi do nas dotrzeć do dnia 29 maja 2026.');
    expect(translation).toContain('Odwołanie należy wnieść do dnia 29 maja 2026.');
  });

  it('prints the form for the offence: IS1131A for S31A, IS1132 for S32, under the right section', async () => {
    const s31a = flattened((await extractPdf(await renderPenaltyNotice(aPenaltyNotice({ language: 'en' })))).text);
    expect(s31a).toContain('Form IS1131A');
    expect(s31a).toContain('section 31A of the Immigration and Asylum Act 1999');
    const { english, translation } = await versions(await renderPenaltyNotice(s32Notice));
    expect(english).toContain('Form IS1132');
    expect(english).toContain('section 32 of the Immigration and Asylum Act 1999');
    expect(translation).toContain('Formularz IS1132');
  });

  it.each<[Language, string, string]>([
    ['en', 'Penalty notice', 'Penalty to pay'],
    ['pl', 'Zawiadomienie o nałożeniu kary', 'Kara do zapłaty'],
    ['ro', 'Notificare de penalitate', 'Penalitate de plată'],
    ['bg', 'Уведомление за налагане на санкция', 'Санкция за плащане'],
  ])('renders a %s letter with its characters intact', async (language, title, total) => {
    const recipient = { name: 'Łukasz Żółkiewski — Ștefan Țurcanu — Георги Иванов', addressLines: ['ul. Świętokrzyska 12/4', 'Strada Mărășești 14', 'ул. „Витоша“ 15'] };
    const text = flattened((await extractPdf(await renderPenaltyNotice({ ...s32Notice, language, recipient }))).text);
    for (const expected of [title, total, recipient.name, ...recipient.addressLines]) expect(text).toContain(expected);
  });

  it('refuses to print a calculation that does not come to the amount on the notice', () => {
    expect(() => penaltyNoticeLetter({ ...s32Notice, amountPence: s32.amountPence + 100 }, 'en')).toThrow(/steps come to/);
    expect(() => penaltyNoticeLetter({ ...s32Notice, steps: [] }, 'en')).toThrow(/cannot be followed/);
  });
});
