import { isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import { regimeFor, type Regime } from './calculate-penalty.js';
import { formatPounds } from './money.js';
import type { Offence, PreviousPenalty, Role } from './penalty-input.js';
import { countPreviousPenalties } from './previous-penalties.js';

/*
 * Checks across all the responsible persons of one incident (DOMAIN.md §1–2): the aggregate
 * maximum, and duress on S32.
 */

export interface IncidentLiability {
  /** Identifies the responsible person within the incident (e.g. a liability or party id). */
  reference: string;
  role: Role;
  /** The person's own calculated penalty (calculatePenalty's amountPence). */
  amountPence: number;
  previousPenalties?: readonly PreviousPenalty[];
}

export interface SeniorOfficerSplit {
  approvedBy: string;
  /** The amount to impose on each liability, by reference. */
  amountsPence: Readonly<Record<string, number>>;
}

export interface AggregateCapInput {
  offence: Offence;
  incidentDate: CalendarDate;
  /** S32 only. */
  clandestineEntrants?: number;
  liabilities: readonly IncidentLiability[];
  split?: SeniorOfficerSplit;
}

export interface AggregateCapCheck {
  regime: Regime;
  capPence: number;
  rule: string;
  totalPence: number;
  exceedsCap: boolean;
  /** True when the total exceeds the cap: a Senior Officer must record how the cap is split. */
  seniorOfficerSplitRequired: boolean;
  /** False while the cap is exceeded without a valid recorded split. */
  imposable: boolean;
  /** Why a recorded split is not acceptable (empty when none was given or it is valid). */
  splitProblems: string[];
}

export type AggregateCapOutcome = { ok: true; result: AggregateCapCheck } | { ok: false; reasons: string[] };

/**
 * The aggregate maximum for all responsible persons together: S31A per incident; S32 per
 * clandestine entrant, higher where any responsible person had a previous S32 penalty (counted as
 * for the starting level); the 2002 regime per entrant. Penalties whose total exceeds it cannot be
 * imposed until a Senior Officer records the split.
 */
export function checkAggregateCaps(input: AggregateCapInput, policyVersion: PolicyVersion): AggregateCapOutcome {
  const parameters = policyVersion.parameters;
  const reasons: string[] = [];
  if (!isCalendarDate(input.incidentDate)) reasons.push(`The incident date "${String(input.incidentDate)}" is not a real date written YYYY-MM-DD.`);
  if (input.liabilities.length === 0) reasons.push('An incident check needs the penalties of its responsible persons.');
  const references = new Set<string>();
  for (const liability of input.liabilities) {
    if (references.has(liability.reference)) reasons.push(`Responsible person "${liability.reference}" appears twice.`);
    references.add(liability.reference);
    if (!Number.isSafeInteger(liability.amountPence) || liability.amountPence < 0) {
      reasons.push(`The penalty for "${liability.reference}" must be a whole number of pence, 0 or more.`);
    }
  }
  const entrants = input.clandestineEntrants;
  if (input.offence === 'S32' && (entrants === undefined || !Number.isInteger(entrants) || entrants < 1)) {
    reasons.push('An S32 incident needs the number of clandestine entrants (1 or more).');
  }
  if (input.offence === 'S31A' && entrants !== undefined) {
    reasons.push('An S31A incident records no clandestine entrant count; remove it.');
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const regime = regimeFor(input.incidentDate, parameters);
  if (input.offence === 'S31A' && regime === '2002') {
    return { ok: false, reasons: [`S31A only exists for incidents on or after ${parameters.regime.changeDate}.`] };
  }
  const entrantCount = entrants ?? 0;
  let capPence: number;
  let rule: string;
  if (regime === '2002') {
    capPence = parameters.oldRegime.incidentMaximumPerEntrantPence * entrantCount;
    rule = `2002 regime: ${formatPounds(parameters.oldRegime.incidentMaximumPerEntrantPence)} × ${entrantCount} clandestine entrants for all responsible persons together`;
  } else if (input.offence === 'S31A') {
    capPence = parameters.s31a.incidentMaximumPence;
    rule = `S31A: ${formatPounds(capPence)} per incident for all responsible persons together`;
  } else {
    const repeat = input.liabilities.filter(
      (liability) => countPreviousPenalties('S32', input.incidentDate, liability.previousPenalties ?? [], parameters).counted > 0,
    );
    const perEntrant =
      repeat.length > 0 ? parameters.s32.incidentMaximumPerEntrantRepeatPence : parameters.s32.incidentMaximumPerEntrantFirstPence;
    capPence = perEntrant * entrantCount;
    rule =
      repeat.length > 0
        ? `S32: ${formatPounds(perEntrant)} × ${entrantCount} clandestine entrants, because ${repeat.map((liability) => `"${liability.reference}"`).join(', ')} had a previous S32 penalty`
        : `S32, first incident: ${formatPounds(perEntrant)} × ${entrantCount} clandestine entrants for all responsible persons together`;
  }

  const totalPence = input.liabilities.reduce((sum, liability) => sum + liability.amountPence, 0);
  const exceedsCap = totalPence > capPence;
  const splitProblems = input.split ? seniorOfficerSplitProblems(input.split, input.liabilities, capPence) : [];
  const validSplit = input.split !== undefined && splitProblems.length === 0;
  return {
    ok: true,
    result: {
      regime,
      capPence,
      rule,
      totalPence,
      exceedsCap,
      seniorOfficerSplitRequired: exceedsCap,
      imposable: !exceedsCap || validSplit,
      splitProblems,
    },
  };
}

function seniorOfficerSplitProblems(split: SeniorOfficerSplit, liabilities: readonly IncidentLiability[], capPence: number): string[] {
  const problems: string[] = [];
  if (split.approvedBy.trim() === '') problems.push('The split must record the Senior Officer who decided it.');
  let total = 0;
  for (const liability of liabilities) {
    const amount = split.amountsPence[liability.reference];
    if (amount === undefined) {
      problems.push(`The split gives no amount for "${liability.reference}".`);
      continue;
    }
    if (!Number.isSafeInteger(amount) || amount < 0) {
      problems.push(`The split amount for "${liability.reference}" must be a whole number of pence, 0 or more.`);
      continue;
    }
    if (amount > liability.amountPence) {
      problems.push(
        `The split gives "${liability.reference}" ${formatPounds(amount)}, more than their own calculated penalty of ${formatPounds(liability.amountPence)}.`,
      );
    }
    total += amount;
  }
  for (const reference of Object.keys(split.amountsPence)) {
    if (!liabilities.some((liability) => liability.reference === reference)) {
      problems.push(`The split names "${reference}", who is not a responsible person in this incident.`);
    }
  }
  if (total > capPence) {
    problems.push(`The split adds up to ${formatPounds(total)}, more than the aggregate maximum of ${formatPounds(capPence)}.`);
  }
  return problems;
}

export interface EntrantDuress {
  /** Identifies the clandestine entrant within the incident. */
  reference: string;
  /** The responsible persons for whom duress was accepted for this entrant (empty when none). */
  duressAcceptedFor: readonly Role[];
}

export interface S32DuressOutcome {
  /** Entrants still counted for every responsible person's S32 penalty. */
  chargeableEntrants: number;
  excusedEntrants: string[];
  /** True when duress excuses every entrant: no responsible person pays an S32 penalty. */
  noPenalty: boolean;
  explanation: string;
}

/**
 * Duress on S32: accepted for any responsible person for an entrant, it benefits every responsible
 * person for that entrant. The remaining entrants are the count to calculate with; none left means
 * no S32 penalty for anyone.
 */
export function applyS32Duress(entrants: readonly EntrantDuress[]): S32DuressOutcome {
  const excused = entrants.filter((entrant) => entrant.duressAcceptedFor.length > 0);
  const chargeableEntrants = entrants.length - excused.length;
  const excusedEntrants = excused.map((entrant) => entrant.reference);
  const explanation =
    excused.length === 0
      ? 'Duress was not accepted for any clandestine entrant.'
      : `Duress was accepted for ${excused
          .map((entrant) => `${entrant.reference} (for the ${entrant.duressAcceptedFor.join(' and ')})`)
          .join(', ')}: every responsible person pays nothing for ${excused.length === 1 ? 'that entrant' : 'those entrants'}.`;
  return { chargeableEntrants, excusedEntrants, noPenalty: chargeableEntrants === 0, explanation };
}
