import { isAfter, isBefore, isCalendarDate, type CalendarDate } from '../clock/calendar-date.js';
import { discretionReasons, type PolicyParameters, type PolicyVersion } from '../policy/policy-parameters.js';
import { formatPercent, formatPounds, percentToBasisPoints, roundDownToWholePound, takePercentOff } from './money.js';
import {
  COMPANY_BANDS,
  OFFENCES,
  ROLES,
  VEHICLE_KINDS,
  type DiscretionItem,
  type Offence,
  type PenaltyCalculationInput,
} from './penalty-input.js';
import { stepRule, type PenaltyStep } from './penalty-steps.js';
import { countPreviousPenalties, type PreviousPenaltyCount } from './previous-penalties.js';

export type Regime = '2002' | '2023';

export interface PenaltyResult {
  amountPence: number;
  amountPounds: number;
  regime: Regime;
  policyVersion: string;
  startingLevelPence: number;
  steps: PenaltyStep[];
  warnings: string[];
}

export type PenaltyCalculation = { ok: true; result: PenaltyResult } | { ok: false; reasons: string[] };

const OFFENCE_NAMES: Record<Offence, string> = {
  S31A: 'S31A (goods vehicle not adequately secured)',
  S32: 'S32 (clandestine entrants)',
};

export function regimeFor(incidentDate: CalendarDate, parameters: PolicyParameters): Regime {
  return isBefore(incidentDate, parameters.regime.changeDate) ? '2002' : '2023';
}

/** Whether this person counts as present on the journey: the input, or by default only a driver. */
export function presentOnJourney(input: Pick<PenaltyCalculationInput, 'role' | 'presentOnJourney'>): boolean {
  return input.presentOnJourney ?? input.role === 'driver';
}

/**
 * The reasons these facts cannot be calculated, in the order a caseworker would fix them.
 * Empty when the calculation can go ahead.
 */
export function penaltyInputProblems(input: PenaltyCalculationInput, parameters: PolicyParameters, today: CalendarDate): string[] {
  const problems: string[] = [];
  if (!OFFENCES.includes(input.offence)) problems.push(`offence must be "S31A" or "S32", not "${String(input.offence)}".`);
  if (!ROLES.includes(input.role)) problems.push(`role must be one of ${ROLES.join(', ')}, not "${String(input.role)}".`);
  if (input.vehicleKind !== undefined && !VEHICLE_KINDS.includes(input.vehicleKind)) {
    problems.push(`vehicleKind must be one of ${VEHICLE_KINDS.join(', ')}, not "${String(input.vehicleKind)}".`);
  }
  if (!isCalendarDate(today)) problems.push(`Today's date "${String(today)}" is not a real date; this is a fault in the system, not in the case.`);
  if (!isCalendarDate(input.incidentDate)) {
    problems.push(`The incident date "${String(input.incidentDate)}" is not a real date written YYYY-MM-DD.`);
    return problems;
  }
  if (problems.length > 0) return problems;

  const { incidentDate, offence } = input;
  const changeDate = parameters.regime.changeDate;
  if (isAfter(incidentDate, today)) {
    problems.push(`The incident date ${incidentDate} is after today (${today}). A penalty can only be calculated for an incident that has happened: check the date.`);
  }
  if (offence === 'S31A' && isBefore(incidentDate, changeDate)) {
    problems.push(
      `S31A (failing to secure a goods vehicle) only exists for incidents on or after ${changeDate}; this incident was on ${incidentDate}. Check the date, or calculate an S32 penalty if clandestine entrants were found.`,
    );
  }
  const vehicleKind = input.vehicleKind ?? 'goods';
  if (offence === 'S31A' && vehicleKind !== 'goods') {
    problems.push(`S31A applies only to goods vehicles; this vehicle is recorded as "${vehicleKind}". Check the vehicle kind, or the offence.`);
  }

  const entrants = input.clandestineEntrants;
  if (offence === 'S31A' && entrants !== undefined) {
    problems.push(
      'An S31A penalty is per incident and records no clandestine entrant count. Remove clandestineEntrants; any entrants found belong to a separate S32 calculation.',
    );
  }
  if (offence === 'S32') {
    if (entrants === undefined || entrants === 0) {
      problems.push('An S32 penalty is per clandestine entrant: record how many were found (1 or more).');
    } else if (!Number.isInteger(entrants)) {
      problems.push(`clandestineEntrants must be a whole number, not ${entrants}.`);
    } else if (entrants < 0) {
      problems.push(`clandestineEntrants cannot be negative (${entrants}). Record how many were found (1 or more).`);
    } else if (!Number.isSafeInteger(entrants * parameters.s32.perPersonMaximumPerEntrantPence)) {
      problems.push(`clandestineEntrants ${entrants} is too large to calculate. Check the count.`);
    }
  }

  if (input.cpasMember === true && input.role === 'driver') {
    problems.push(
      'A driver cannot receive the CPAS reduction: accreditation belongs to the owner, hirer or operator. Set cpasMember to false for the driver and apply it in the company’s own calculation.',
    );
  }

  (input.previousPenalties ?? []).forEach((penalty, index) => {
    const which = `Previous penalty ${index + 1} (${String(penalty.offence)}${isCalendarDate(penalty.issuedOn) ? ` issued ${penalty.issuedOn}` : ''})`;
    if (!OFFENCES.includes(penalty.offence)) problems.push(`${which}: offence must be "S31A" or "S32".`);
    if (!isCalendarDate(penalty.issuedOn)) {
      problems.push(`${which}: the issue date "${String(penalty.issuedOn)}" is not a real date written YYYY-MM-DD.`);
    } else if (isAfter(penalty.issuedOn, incidentDate)) {
      problems.push(
        `${which} is dated after the incident (${incidentDate}). Only penalties issued before the incident can count: check the date, or leave it out.`,
      );
    }
  });

  (input.discretion ?? []).forEach((item, index) => {
    problems.push(...discretionProblems(item, `Discretion item ${index + 1}`), ...discretionReasonProblems(item, `Discretion item ${index + 1}`, parameters));
  });
  if (input.postMeansDiscretion) {
    problems.push(...discretionProblems(input.postMeansDiscretion, 'Discretion after means testing'), ...discretionReasonProblems(input.postMeansDiscretion, 'Discretion after means testing', parameters));
  }

  if (input.means?.kind === 'individual') {
    const amount = input.means.assessedAmountPence;
    if (!Number.isSafeInteger(amount)) {
      problems.push(`The assessed affordable amount must be a whole number of pence, not ${amount}.`);
    } else if (amount < 0) {
      problems.push(`The assessed affordable amount cannot be negative (${amount} pence). Record what the person can afford, 0 or more.`);
    }
  } else if (input.means?.kind === 'company' && !COMPANY_BANDS.includes(input.means.band)) {
    problems.push(`The company size band must be one of ${COMPANY_BANDS.join(', ')}, not "${String(input.means.band)}".`);
  }
  return problems;
}

function discretionProblems(item: DiscretionItem, name: string): string[] {
  const problems: string[] = [];
  const described = `${name} (${item.percent}%${item.reasonCode?.trim() ? `, ${item.reasonCode.trim()}` : ''})`;
  if (typeof item.approvedBy !== 'string' || item.approvedBy.trim() === '') {
    problems.push(`${described} has no approver. Every discretionary reduction needs a Senior Officer’s approval: record who approved it, or remove it.`);
  }
  if (typeof item.reasonCode !== 'string' || item.reasonCode.trim() === '') {
    problems.push(`${described} has no reason code. Record why discretion applies (for example SELF_DECLARATION).`);
  }
  if (typeof item.percent !== 'number' || !Number.isFinite(item.percent)) {
    problems.push(`${described}: the percentage must be a number from 0 to 100.`);
  } else if (item.percent < 0 || item.percent > 100) {
    problems.push(`${described}: the percentage must be from 0 to 100, not ${item.percent}.`);
  } else if (percentToBasisPoints(item.percent) === undefined) {
    problems.push(`${described}: give the percentage with at most two decimal places.`);
  }
  return problems;
}

/** The policy's code for a discretion reason as given: 'SELF_DECLARATION' and 'self-declaration' are the same code. */
export function discretionReasonCode(reasonCode: string): string {
  return reasonCode.trim().toLowerCase().replace(/[_\s]+/g, '-');
}

/** How a discretion item is named in a step: the policy's name for its reason, and the officer's words where the reason needs them. */
export function discretionReasonName(item: Pick<DiscretionItem, 'reasonCode' | 'explanation'>, parameters: PolicyParameters): string {
  const reason = discretionReasons(parameters)[discretionReasonCode(item.reasonCode)];
  const words = item.explanation?.replace(/[()]/g, '').trim();
  if (!reason) return item.reasonCode.trim();
  return reason.explanationRequired && words ? `${reason.name}: ${words}` : reason.name;
}

function discretionReasonProblems(item: DiscretionItem, name: string, parameters: PolicyParameters): string[] {
  if (typeof item.reasonCode !== 'string' || item.reasonCode.trim() === '') return [];
  const reasons = discretionReasons(parameters);
  const reason = reasons[discretionReasonCode(item.reasonCode)];
  if (!reason) {
    return [`${name}: "${item.reasonCode.trim()}" is not a reason for discretion. Choose from: ${Object.entries(reasons).map(([code, r]) => `${r.name} (${code})`).join('; ')}.`];
  }
  if (reason.explanationRequired && !item.explanation?.trim()) return [`${name} (${reason.name}): explain the reason in your own words.`];
  return [];
}

interface Reduction {
  label: string;
  basisPoints: number;
}

function startingLevel(
  input: PenaltyCalculationInput,
  regime: Regime,
  parameters: PolicyParameters,
  history: PreviousPenaltyCount,
): { unitPence: number; entrants?: number; label: string } {
  const entrants = input.offence === 'S32' ? (input.clandestineEntrants ?? 0) : undefined;
  if (regime === '2002') {
    return {
      unitPence: parameters.oldRegime.perPersonMaximumPerEntrantPence,
      entrants,
      label: `Starting level (2002 regime): the maximum of ${formatPounds(parameters.oldRegime.perPersonMaximumPerEntrantPence)} per clandestine entrant`,
    };
  }
  const levels = input.offence === 'S31A' ? parameters.s31a.startingLevelsPence : parameters.s32.startingLevelsPerEntrantPence;
  const unitPence = levels[Math.min(history.counted, levels.length - 1)] ?? 0;
  const counted =
    history.counted === 0
      ? `no previous ${input.offence} penalty`
      : `${history.counted} previous ${input.offence} ${history.counted === 1 ? 'penalty' : 'penalties'}`;
  const ignored = [
    history.notCounted.cancelled && `${history.notCounted.cancelled} cancelled`,
    history.notCounted.beforeWindow && `${history.notCounted.beforeWindow} before ${history.windowFrom}`,
    history.notCounted.onOrAfterIncident && `${history.notCounted.onOrAfterIncident} issued on the incident date`,
    history.notCounted.otherOffence && `${history.notCounted.otherOffence} of the other offence`,
  ].filter(Boolean);
  return {
    unitPence,
    entrants,
    label: `Starting level: ${OFFENCE_NAMES[input.offence]}, ${counted} from ${history.windowFrom} to the incident${
      ignored.length > 0 ? ` (not counted: ${ignored.join(', ')})` : ''
    }`,
  };
}

function stepTwoReductions(input: PenaltyCalculationInput, parameters: PolicyParameters, version: string, warnings: string[]): Reduction[] {
  const { offence } = input;
  const percents = parameters.reductions;
  const reductions: Reduction[] = [];
  const basisPoints = (percent: number) => percentToBasisPoints(percent) ?? 0;

  if (input.cpasMember === true && input.role !== 'driver') {
    reductions.push({
      label: 'Member of the Civil Penalty Accreditation Scheme on the incident date',
      basisPoints: basisPoints(percents.cpasMemberPercent[offence]),
    });
  }
  const present = presentOnJourney(input);
  if (input.compliedWithRegulations === true) {
    if (present) {
      const percent = percents.compliedWhilePresentPercent[offence];
      reductions.push({
        label:
          percent === 0
            ? `Complied with the regulations while present on the journey (no reduction for ${offence}: policy ${version})`
            : 'Complied with the regulations while present on the journey',
        basisPoints: basisPoints(percent),
      });
      if (percent === 0) {
        warnings.push(
          `${offence} gives a person present on the journey no reduction for complying with the regulations (policy ${version}). This reading is flagged for legal check.`,
        );
      }
    } else {
      reductions.push({
        label: 'Not present on the journey but acted to ensure the regulations were complied with',
        basisPoints: basisPoints(percents.actedToEnsureCompliancePercent[offence]),
      });
    }
  } else if (input.compliedWithRegulations === undefined) {
    warnings.push(
      'Compliance with the regulations was not recorded, so no compliance reduction was applied. Record, requirement by requirement, whether the regulations were met before imposing.',
    );
  }
  for (const item of input.discretion ?? []) {
    reductions.push({
      label: `Discretion (reason ${discretionReasonName(item, parameters)}), approved by ${item.approvedBy.trim()}`,
      basisPoints: basisPoints(item.percent),
    });
  }
  return reductions;
}

/**
 * The penalty for one responsible person (DOMAIN.md §2): starting level from previous penalties,
 * step-2 reductions added together and capped, means testing, discretion after means testing,
 * the per-person maximum, and the final rounding. Pure: the same facts, policy version and
 * `today` always give the same result, with every step shown.
 */
export function calculatePenalty(input: PenaltyCalculationInput, policyVersion: PolicyVersion, today: CalendarDate): PenaltyCalculation {
  const parameters = policyVersion.parameters;
  const problems = penaltyInputProblems(input, parameters, today);
  if (problems.length > 0) return { ok: false, reasons: problems };

  const version = policyVersion.version;
  const regime = regimeFor(input.incidentDate, parameters);
  const warnings: string[] = [];
  const steps: PenaltyStep[] = [];

  if (isAfter(policyVersion.effectiveFrom, input.incidentDate)) {
    warnings.push(
      `Policy version ${version} took effect on ${policyVersion.effectiveFrom}, after the incident (${input.incidentDate}). A calculation should use the version in force on the incident date.`,
    );
  }
  const history = countPreviousPenalties(input.offence, input.incidentDate, input.previousPenalties ?? [], parameters);
  if (regime === '2002') {
    warnings.push(
      `Old regime: the incident (${input.incidentDate}) is before ${parameters.regime.changeDate}. The 2002 scheme sets only a maximum of ${formatPounds(parameters.oldRegime.perPersonMaximumPerEntrantPence)} per clandestine entrant per person; Cordon starts at that maximum and applies the same reductions, means testing and discretion as the 2023 code. Previous penalties do not change it. Check the level against the code of practice in force at the time before imposing.`,
    );
  } else {
    if (history.notCounted.onOrAfterIncident > 0) {
      warnings.push('A previous penalty issued on the incident date itself was not counted: only penalties issued before the incident count.');
    }
    const predating = (input.previousPenalties ?? []).filter(
      (penalty) => penalty.offence === 'S31A' && isBefore(penalty.issuedOn, parameters.regime.changeDate),
    );
    if (predating.length > 0) {
      warnings.push(
        `A previous S31A penalty is dated before ${parameters.regime.changeDate}, when S31A began (${predating.map((penalty) => penalty.issuedOn).join(', ')}). Check the record.`,
      );
    }
  }

  // Step 1 — starting level
  const start = startingLevel(input, regime, parameters, history);
  const startingLevelPence = start.unitPence * (start.entrants ?? 1);
  steps.push({ label: start.label, rule: stepRule.start(start.unitPence, start.entrants), amountPence: startingLevelPence });
  let amount = startingLevelPence;

  // Step 2 — reductions, added together, capped, applied to the starting level
  const maximumBasisPoints = percentToBasisPoints(parameters.reductions.maximumTotalPercent) ?? 10_000;
  let totalBasisPoints = 0;
  for (const reduction of stepTwoReductions(input, parameters, version, warnings)) {
    totalBasisPoints += reduction.basisPoints;
    amount = takePercentOff(startingLevelPence, Math.min(totalBasisPoints, maximumBasisPoints));
    steps.push({
      label: reduction.label,
      rule: stepRule.reductionOfStart(reduction.basisPoints, totalBasisPoints, maximumBasisPoints),
      amountPence: amount,
    });
  }
  if (totalBasisPoints > maximumBasisPoints) {
    warnings.push(
      `The reductions add up to ${formatPercent(totalBasisPoints)}; they are capped at ${formatPercent(maximumBasisPoints)}, so nothing remains to pay.`,
    );
  }

  // Step 3 — means testing, on what remains
  if (input.means?.kind === 'company') {
    const band = input.means.band;
    const percentOff = parameters.meansTesting.companyBands[band].percentOff;
    amount = takePercentOff(amount, percentToBasisPoints(percentOff) ?? 0);
    steps.push({ label: `Means test: ${band} company`, rule: stepRule.percentOff(percentToBasisPoints(percentOff) ?? 0), amountPence: amount });
  } else if (input.means?.kind === 'individual') {
    const assessed = input.means.assessedAmountPence;
    if (assessed >= amount) {
      warnings.push(
        `The assessed affordable amount (${formatPounds(assessed)}) is not lower than the amount after reductions (${formatPounds(amount)}), so means testing does not change the penalty.`,
      );
    }
    amount = Math.min(amount, assessed);
    steps.push({ label: 'Means test: the affordable amount assessed for an individual', rule: stepRule.lowerOf(assessed), amountPence: amount });
  }

  // Step 4 — discretion after means testing
  if (input.postMeansDiscretion) {
    const item = input.postMeansDiscretion;
    const basisPoints = percentToBasisPoints(item.percent) ?? 0;
    amount = takePercentOff(amount, basisPoints);
    steps.push({
      label: `Discretion after means testing (reason ${discretionReasonName(item, parameters)}), approved by ${item.approvedBy.trim()}`,
      rule: stepRule.percentOff(basisPoints),
      amountPence: amount,
    });
  }

  // Step 5 — per-person maximum
  const cap =
    regime === '2002'
      ? { unitPence: parameters.oldRegime.perPersonMaximumPerEntrantPence, entrants: start.entrants }
      : input.offence === 'S31A'
        ? { unitPence: parameters.s31a.perPersonMaximumPence, entrants: undefined }
        : { unitPence: parameters.s32.perPersonMaximumPerEntrantPence, entrants: start.entrants };
  amount = Math.min(amount, cap.unitPence * (cap.entrants ?? 1));
  steps.push({
    label: `Per-person maximum for ${regime === '2002' ? 'the 2002 regime' : input.offence}`,
    rule: stepRule.lowerOf(cap.unitPence, cap.entrants),
    amountPence: amount,
  });

  if (parameters.money.finalAmountRounding === 'down-to-whole-pound') {
    amount = roundDownToWholePound(amount);
    steps.push({ label: `Rounded down to a whole pound (policy ${version})`, rule: stepRule.roundDownToWholePound(), amountPence: amount });
  }

  return {
    ok: true,
    result: {
      amountPence: amount,
      amountPounds: amount / 100,
      regime,
      policyVersion: version,
      startingLevelPence,
      steps,
      warnings,
    },
  };
}
