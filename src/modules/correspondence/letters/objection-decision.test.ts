import { describe, expect, it } from 'vitest';
import { penaltyFor, s32Facts } from '../../../domain/penalty/penalty-factories.js';
import { formatMoney } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { extractPdf, flattened } from '../../../platform/pdf/pdf-text.testing.js';
import { anObjectionDecision } from './letter-factories.js';
import { objectionDecisionLetter, renderObjectionDecision } from './objection-decision.js';
import { stepInLanguage } from './penalty-steps-text.js';

/** The English letter and the translation, each as one line of text. */
async function versions(pdf: Buffer): Promise<{ english: string; translation: string }> {
  const { pages } = await extractPdf(pdf);
  const start = pages.findIndex((page, index) => index > 0 && /(Strona|Pagina|Страница|Page) 1 (z|din|от|of) /.test(page));
  return { english: flattened(pages.slice(0, start).join('\n')), translation: flattened(pages.slice(start).join('\n')) };
}

/* A recipient whose name and address need every script the letters are written in. */
const recipient = {
  name: 'Łukasz Żółkiewski — Ștefan Țurcanu — БЪЛГАРСКИ ТИР ЕООД',
  addressLines: ['ul. Świętokrzyska 12/4', 'Strada Mărășești 14', 'ул. „Възраждане“ 15, Благоевград'],
};

// The penalty imposed (S32 owner, 2 entrants, no reductions) and the fresh calculation that reduced it.
const imposed = penaltyFor(s32Facts({ role: 'owner', incidentDate: '2026-03-10', clandestineEntrants: 2, presentOnJourney: false }));
const fresh = penaltyFor(
  s32Facts({ role: 'owner', incidentDate: '2026-03-10', clandestineEntrants: 2, presentOnJourney: false, cpasMember: true, compliedWithRegulations: true, means: { kind: 'company', band: 'small' } }),
);
const cancelled = anObjectionDecision({ offence: 'S32', role: 'owner', recipient, outcome: 'cancel', previousAmountPence: imposed.amountPence, amountPence: 0 });
const reduced = anObjectionDecision({
  offence: 'S32',
  role: 'owner',
  recipient,
  outcome: 'reduce',
  previousAmountPence: imposed.amountPence,
  amountPence: fresh.amountPence,
  steps: fresh.steps,
  reasons: 'The company was an accredited member on the incident date and its checks were made.',
  appealDeadline: '2026-07-13',
});

describe('renderObjectionDecision', () => {
  it('prints IS11A for a cancelled penalty: the outcome, the reasons, nothing to pay and no calculation', async () => {
    const { english } = await versions(await renderObjectionDecision(cancelled));
    expect(english).toContain('Form IS11A');
    expect(english).toContain('Decision on your objection: penalty cancelled');
    expect(english).toContain('We have considered your objection, received on 20 May 2026, to the penalty notice dated 1 May 2026.');
    expect(english).toContain(`We have decided to cancel the penalty of ${formatMoney('en', imposed.amountPence)}. You do not have to pay it.`);
    expect(english).toContain('The driver has shown that every check was made and recorded.');
    expect(english).not.toContain('How we worked out the new penalty');
    expect(english).not.toContain('You must appeal by');
  });

  it('prints IS11C for a reduced penalty with the fresh calculation step by step, the new amount and the appeal date', async () => {
    expect(fresh.amountPence).toBeLessThan(imposed.amountPence);
    const { english } = await versions(await renderObjectionDecision(reduced));
    expect(english).toContain('Form IS11C');
    expect(english).toContain(`We have decided to reduce the penalty from ${formatMoney('en', imposed.amountPence)} to ${formatMoney('en', fresh.amountPence)}.`);
    expect(fresh.steps.length).toBeGreaterThan(3);
    for (const step of fresh.steps) expect(english).toContain(`${step.label} ${step.rule} ${formatMoney('en', step.amountPence)}`);
    expect(english).toContain(`New penalty ${formatMoney('en', fresh.amountPence)}`);
    expect(english).toContain('You must appeal by 13 July 2026.');
  });

  it('prints IS11B for a maintained penalty and IS11C for an increased one', () => {
    const maintained = objectionDecisionLetter({ ...reduced, outcome: 'maintain', amountPence: imposed.amountPence, steps: null }, 'en');
    expect(maintained.formCode).toBe('IS11B');
    expect(maintained.title).toBe('Decision on your objection: penalty maintained');
    const increased = objectionDecisionLetter({ ...reduced, outcome: 'increase', previousAmountPence: 100_000 }, 'en');
    expect(increased.formCode).toBe('IS11C');
  });

  it.each<[Language, string, string]>([
    ['en', 'Decision on your objection: penalty cancelled', 'Decision on your objection: penalty reduced'],
    ['pl', 'Decyzja w sprawie sprzeciwu: kara anulowana', 'Decyzja w sprawie sprzeciwu: kara obniżona'],
    ['ro', 'Decizie privind obiecția dumneavoastră: penalitate anulată', 'Decizie privind obiecția dumneavoastră: penalitate redusă'],
    ['bg', 'Решение по вашето възражение: санкцията е отменена', 'Решение по вашето възражение: санкцията е намалена'],
  ])('renders IS11A and IS11C in %s with the characters intact, and the amounts and steps', async (language, cancelTitle, reduceTitle) => {
    const a = flattened((await extractPdf(await renderObjectionDecision({ ...cancelled, language }))).text);
    for (const expected of [cancelTitle, recipient.name, ...recipient.addressLines, formatMoney(language, imposed.amountPence).replace(/\s+/g, ' ')]) {
      expect(a).toContain(expected);
    }
    const c = await renderObjectionDecision({ ...reduced, language });
    const text = flattened((await extractPdf(c)).text);
    for (const expected of [reduceTitle, recipient.name, ...recipient.addressLines]) expect(text).toContain(expected);
    const { translation } = language === 'en' ? { translation: text } : await versions(c);
    for (const step of fresh.steps) {
      const translated = stepInLanguage(language, step);
      expect(translation).toContain(`${translated.label} ${translated.rule} ${formatMoney(language, step.amountPence)}`.replace(/\s+/g, ' '));
    }
    expect(translation).toContain(formatMoney(language, fresh.amountPence).replace(/\s+/g, ' '));
  });

  it('says in the translation that the reasons are in English, and gives the appeal date in the language', async () => {
    const { translation } = await versions(await renderObjectionDecision({ ...reduced, language: 'pl' }));
    expect(translation).toContain('Podjęliśmy tę decyzję z następujących powodów (w języku angielskim):');
    expect(translation).toContain('Odwołanie należy wnieść do dnia 13 lipca 2026.');
    expect(translation).toContain('Formularz IS11C');
  });

  it('refuses to print a decision that contradicts itself', () => {
    expect(() => objectionDecisionLetter({ ...reduced, amountPence: fresh.amountPence + 100 }, 'en')).toThrow(/steps come to/);
    expect(() => objectionDecisionLetter({ ...reduced, steps: null }, 'en')).toThrow(/fresh calculation/);
    expect(() => objectionDecisionLetter({ ...cancelled, amountPence: 100 }, 'en')).toThrow(/cancelled/);
    expect(() => objectionDecisionLetter({ ...reduced, appealDeadline: undefined }, 'en')).toThrow(/appeal date/);
  });
});
