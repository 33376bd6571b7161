import { parsePounds } from '../../../domain/penalty/money.js';
import type { PenaltyStep } from '../../../domain/penalty/penalty-steps.js';
import { formatDate, formatMoney, formatPercent } from '../../../platform/i18n/format.js';
import type { Language } from '../../../platform/i18n/languages.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';

/*
 * A penalty calculation's steps in the recipient's language. The calculator writes each step's
 * rule in a small fixed vocabulary (src/domain/penalty/penalty-steps.ts) and its label in a few
 * fixed forms; both are read back here and written in the language, with amounts and percentages
 * formatted for it. Anything not recognised is shown in English, as given, never dropped: the
 * English letter is the one that counts, and a step must never vanish from a translation.
 */

const MONEY = '£(\\d{1,3}(?:,\\d{3})*(?:\\.\\d{2})?|\\d+(?:\\.\\d{2})?)';
const ENTRANTS = '(?: × (\\d+) clandestine entrants?)?';
const PERCENT = '(\\d+(?:\\.\\d+)?)%';

const RULES = {
  start: new RegExp(`^${MONEY}${ENTRANTS}$`),
  reductionOfStart: new RegExp(`^${PERCENT} of the starting level \\(reductions so far ${PERCENT}(?:, capped at ${PERCENT})?\\)$`),
  percentOff: new RegExp(`^${PERCENT} off the amount so far$`),
  lowerOf: new RegExp(`^lower of the amount so far and ${MONEY}${ENTRANTS}$`),
  roundDown: /^round down to a whole pound$/,
};

function money(language: Language, text: string | undefined): string | undefined {
  const pence = text === undefined ? undefined : parsePounds(`£${text}`);
  return pence === undefined ? undefined : formatMoney(language, pence);
}

function percent(language: Language, text: string | undefined): string {
  return formatPercent(language, Number(text));
}

/** The step's rule in `language`, or undefined when it is not in the vocabulary. */
export function ruleText(language: Language, rule: string): string | undefined {
  let match = RULES.start.exec(rule);
  if (match) {
    const amount = money(language, match[1]);
    if (amount === undefined) return undefined;
    return match[2] === undefined ? t(language, 'step.rule.start', { amount }) : t(language, 'step.rule.startPerEntrant', { amount, count: match[2] });
  }
  match = RULES.reductionOfStart.exec(rule);
  if (match) {
    const params = { percent: percent(language, match[1]), total: percent(language, match[2]) };
    return match[3] === undefined
      ? t(language, 'step.rule.reductionOfStart', params)
      : t(language, 'step.rule.reductionOfStartCapped', { ...params, cap: percent(language, match[3]) });
  }
  match = RULES.percentOff.exec(rule);
  if (match) return t(language, 'step.rule.percentOff', { percent: percent(language, match[1]) });
  match = RULES.lowerOf.exec(rule);
  if (match) {
    const amount = money(language, match[1]);
    if (amount === undefined) return undefined;
    return match[2] === undefined ? t(language, 'step.rule.lowerOf', { amount }) : t(language, 'step.rule.lowerOfPerEntrant', { amount, count: match[2] });
  }
  if (RULES.roundDown.test(rule)) return t(language, 'step.rule.roundDown');
  return undefined;
}

const MEANS_BANDS: Readonly<Record<string, MessageKey>> = {
  micro: 'step.label.meansMicro',
  small: 'step.label.meansSmall',
  medium: 'step.label.meansMedium',
  large: 'step.label.meansLarge',
};

/** The step's label in `language`, or undefined when it is not one of the calculator's forms. */
export function labelText(language: Language, label: string): string | undefined {
  if (/^Starting level \(2002 regime\)/.test(label)) return t(language, 'step.label.startingLevelOldRegime');
  let match = /^Starting level: S(?:31A|32)\b.*?, (?:no previous|(\d+) previous) S(?:31A|32) penalt(?:y|ies) from (\d{4}-\d{2}-\d{2}) to the incident/.exec(label);
  if (match && match[2] !== undefined) {
    return t(language, 'step.label.startingLevel', { count: match[1] ?? '0', date: formatDate(language, match[2]) });
  }
  if (label === 'Member of the Civil Penalty Accreditation Scheme on the incident date') return t(language, 'step.label.cpas');
  if (label.startsWith('Complied with the regulations while present on the journey')) return t(language, 'step.label.compliedPresent');
  if (label === 'Not present on the journey but acted to ensure the regulations were complied with') return t(language, 'step.label.actedToEnsure');
  match = /^Discretion after means testing \(reason ([^)]+)\)/.exec(label);
  if (match) return t(language, 'step.label.discretionAfterMeans', { reason: match[1] ?? '' });
  match = /^Discretion \(reason ([^)]+)\)/.exec(label);
  if (match) return t(language, 'step.label.discretion', { reason: match[1] ?? '' });
  match = /^Means test: (micro|small|medium|large) company$/.exec(label);
  const band = match?.[1] === undefined ? undefined : MEANS_BANDS[match[1]];
  if (band) return t(language, band);
  if (label === 'Means test: the affordable amount assessed for an individual') return t(language, 'step.label.meansIndividual');
  if (label.startsWith('Per-person maximum for ')) return t(language, 'step.label.perPersonMaximum');
  if (label.startsWith('Rounded down to a whole pound')) return t(language, 'step.label.roundDown');
  return undefined;
}

/** A step for a letter in `language`: English steps exactly as the calculator wrote them. */
export function stepInLanguage(language: Language, step: PenaltyStep): PenaltyStep {
  if (language === 'en') return step;
  return { label: labelText(language, step.label) ?? step.label, rule: ruleText(language, step.rule) ?? step.rule, amountPence: step.amountPence };
}
