import {
  formatPercent,
  formatPounds,
  parsePounds,
  percentToBasisPoints,
  roundDownToWholePound,
  takePercentOff,
} from './money.js';

/**
 * One line of a calculation: what was considered (label), the arithmetic (rule) and the amount
 * after it. The rule is written in a small fixed vocabulary so that a letter, an assurer, a court
 * — and `recomputeFromSteps` — can redo the sum from the steps alone:
 *
 *   £6,000 × 3 clandestine entrants                       starting level
 *   50% of the starting level (reductions so far 75%)      step-2 reductions are added together;
 *   … (reductions so far 125%, capped at 100%)             the amount is the starting level less the total
 *   75% off the amount so far                              means band, discretion after means testing
 *   lower of the amount so far and £400                    an individual's affordable amount; the cap
 *   round down to a whole pound
 *
 * Every amount is rounded down to a whole penny.
 */
export interface PenaltyStep {
  label: string;
  rule: string;
  amountPence: number;
}

const entrantsSuffix = (entrants: number | undefined) =>
  entrants === undefined ? '' : ` × ${entrants} clandestine ${entrants === 1 ? 'entrant' : 'entrants'}`;

export const stepRule = {
  start: (unitPence: number, entrants?: number) => `${formatPounds(unitPence)}${entrantsSuffix(entrants)}`,
  reductionOfStart: (basisPoints: number, totalBasisPoints: number, maximumBasisPoints: number) =>
    `${formatPercent(basisPoints)} of the starting level (reductions so far ${formatPercent(totalBasisPoints)}${
      totalBasisPoints > maximumBasisPoints ? `, capped at ${formatPercent(maximumBasisPoints)}` : ''
    })`,
  percentOff: (basisPoints: number) => `${formatPercent(basisPoints)} off the amount so far`,
  lowerOf: (unitPence: number, entrants?: number) => `lower of the amount so far and ${formatPounds(unitPence)}${entrantsSuffix(entrants)}`,
  roundDownToWholePound: () => 'round down to a whole pound',
};

const MONEY = '(£[\\d,]+(?:\\.\\d{2})?)';
const ENTRANTS = '(?: × (\\d+) clandestine entrants?)?';
const PERCENT = '(\\d+(?:\\.\\d+)?)%';
const PATTERNS = {
  start: new RegExp(`^${MONEY}${ENTRANTS}$`),
  reductionOfStart: new RegExp(`^${PERCENT} of the starting level \\(reductions so far ${PERCENT}(?:, capped at ${PERCENT})?\\)$`),
  percentOff: new RegExp(`^${PERCENT} off the amount so far$`),
  lowerOf: new RegExp(`^lower of the amount so far and ${MONEY}${ENTRANTS}$`),
  roundDownToWholePound: /^round down to a whole pound$/,
};

function moneyTimesEntrants(money: string | undefined, entrants: string | undefined): number | undefined {
  const unit = money === undefined ? undefined : parsePounds(money);
  if (unit === undefined) return undefined;
  return entrants === undefined ? unit : unit * Number(entrants);
}

export type RecomputeOutcome =
  | { ok: true; amountPence: number; amountsPence: number[] }
  | { ok: false; problem: string };

/**
 * Redo a calculation from its own steps, reading only each step's rule: the amount after every
 * step, and the final amount. A result whose steps do not recompute to its amount is wrong.
 */
export function recomputeFromSteps(steps: readonly PenaltyStep[]): RecomputeOutcome {
  let start: number | undefined;
  let current: number | undefined;
  const amountsPence: number[] = [];
  for (const [index, step] of steps.entries()) {
    const where = `step ${index + 1} ("${step.label}")`;
    if (index === 0) {
      const match = PATTERNS.start.exec(step.rule);
      start = current = match ? moneyTimesEntrants(match[1], match[2]) : undefined;
      if (current === undefined) return { ok: false, problem: `${where} does not state a starting level` };
    } else if (start === undefined || current === undefined) {
      return { ok: false, problem: `${where} has no starting level before it` };
    } else {
      const reduction = PATTERNS.reductionOfStart.exec(step.rule);
      const percentOff = PATTERNS.percentOff.exec(step.rule);
      const lowerOf = PATTERNS.lowerOf.exec(step.rule);
      if (reduction) {
        const total = percentToBasisPoints(Number(reduction[3] ?? reduction[2]));
        if (total === undefined) return { ok: false, problem: `${where} has an unreadable percentage` };
        current = takePercentOff(start, total);
      } else if (percentOff) {
        const basisPoints = percentToBasisPoints(Number(percentOff[1]));
        if (basisPoints === undefined) return { ok: false, problem: `${where} has an unreadable percentage` };
        current = takePercentOff(current, basisPoints);
      } else if (lowerOf) {
        const limit = moneyTimesEntrants(lowerOf[1], lowerOf[2]);
        if (limit === undefined) return { ok: false, problem: `${where} has an unreadable amount` };
        current = Math.min(current, limit);
      } else if (PATTERNS.roundDownToWholePound.test(step.rule)) {
        current = roundDownToWholePound(current);
      } else {
        return { ok: false, problem: `${where} has a rule that is not in the vocabulary: "${step.rule}"` };
      }
    }
    amountsPence.push(current);
  }
  if (current === undefined) return { ok: false, problem: 'there are no steps' };
  return { ok: true, amountPence: current, amountsPence };
}
