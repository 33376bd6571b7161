import { describe, expect, it } from 'vitest';
import { discretion, penaltyFor, previousPenalty, s31aFacts, s32Facts } from '../../../domain/penalty/penalty-factories.js';
import type { PenaltyCalculationInput } from '../../../domain/penalty/penalty-input.js';
import { LANGUAGES } from '../../../platform/i18n/languages.js';
import { labelText, ruleText, stepInLanguage } from './penalty-steps-text.js';

// Facts that between them make the calculator write every kind of step it has.
const FACTS: PenaltyCalculationInput[] = [
  s31aFacts(),
  s31aFacts({ previousPenalties: [previousPenalty('S31A', '2023-06-01')] }),
  s31aFacts({ role: 'owner', cpasMember: true, compliedWithRegulations: true, presentOnJourney: false, means: { kind: 'company', band: 'micro' } }),
  s31aFacts({ role: 'owner', means: { kind: 'company', band: 'small' } }),
  s31aFacts({ role: 'owner', means: { kind: 'company', band: 'medium' } }),
  s31aFacts({ role: 'owner', means: { kind: 'company', band: 'large' } }),
  s32Facts({ clandestineEntrants: 3, compliedWithRegulations: true, discretion: [discretion(25)] }),
  s32Facts({ means: { kind: 'individual', assessedAmountPence: 40_000 }, postMeansDiscretion: discretion(10, 'PUBLIC_INTEREST') }),
  s32Facts({ incidentDate: '2023-02-10', clandestineEntrants: 2 }),
];

describe('penalty steps in the recipient’s language', () => {
  const steps = FACTS.flatMap((facts) => penaltyFor(facts).steps);

  it.each(LANGUAGES.filter((language) => language !== 'en'))('recognises every label and rule the calculator writes, in %s', (language) => {
    const unrecognised = steps.filter((step) => labelText(language, step.label) === undefined || ruleText(language, step.rule) === undefined);
    expect(unrecognised).toEqual([]);
  });

  it('writes amounts, percentages and dates the way the language does', () => {
    expect(ruleText('pl', '£6,000 × 3 clandestine entrants')?.replace(/\s/g, ' ')).toBe('6000 £ × 3 (liczba nielegalnych imigrantów)');
    expect(ruleText('tr', '50% of the starting level (reductions so far 125%, capped at 100%)')).toBe(
      'başlangıç düzeyinden %50 indirim (şimdiye kadarki indirimler: %125, en fazla %100)',
    );
    expect(ruleText('ro', 'lower of the amount so far and £1,500.50')?.replace(/\s/g, ' ')).toBe('cea mai mică dintre suma de până acum și 1.500,50 £');
    expect(labelText('bg', 'Starting level: S31A (goods vehicle not adequately secured), 1 previous S31A penalty from 2020-03-10 to the incident')).toBe(
      'Начално ниво: предишни санкции от същия вид от 10 март 2020 г. до инцидента: 1',
    );
  });

  it('keeps a step it does not recognise in English, as given, rather than drop or guess it', () => {
    const step = { label: 'Something new', rule: 'a rule not in the vocabulary', amountPence: 12_300 };
    expect(stepInLanguage('pl', step)).toEqual(step);
  });

  it('leaves English steps exactly as the calculator wrote them', () => {
    for (const step of steps) expect(stepInLanguage('en', step)).toBe(step);
  });
});
