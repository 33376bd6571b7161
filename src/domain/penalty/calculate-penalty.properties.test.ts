import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isBefore } from '../clock/calendar-date.js';
import { calculatePenalty, presentOnJourney, type PenaltyResult } from './calculate-penalty.js';
import { defaultPolicyVersion, TEST_TODAY } from './penalty-factories.js';
import { COMPANY_BANDS, ROLES, type DiscretionItem, type PenaltyCalculationInput, type PreviousPenalty } from './penalty-input.js';
import { recomputeFromSteps } from './penalty-steps.js';

const policy = defaultPolicyVersion();
const parameters = policy.parameters;
const REGIME_CHANGE = parameters.regime.changeDate;
const FIRST_INCIDENT = '2018-01-01';

/** A date between two others, inclusive. */
const dateBetween = (from: string, to: string) => fc.integer({ min: 0, max: daysBetween(from, to) }).map((offset) => addDays(from, offset));

/** Percentages with at most two decimals, as a caseworker would record them. */
const percent = fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => basisPoints / 100);

const discretionItem: fc.Arbitrary<DiscretionItem> = fc.record({
  percent,
  reasonCode: fc.constantFrom('SELF_DECLARATION', 'AXLE_FIND', 'PUBLIC_INTEREST'),
  approvedBy: fc.constantFrom('SO Patel', 'SO Khan'),
});

const previousPenaltyBefore = (incidentDate: string): fc.Arbitrary<PreviousPenalty> =>
  fc.record({
    offence: fc.constantFrom('S31A' as const, 'S32' as const),
    issuedOn: fc.integer({ min: 1, max: 3_000 }).map((daysBefore) => addDays(incidentDate, -daysBefore)),
    cancelled: fc.boolean(),
  });

/** Facts that must always calculate: every combination the API accepts and DOMAIN.md allows. */
const calculableFacts: fc.Arbitrary<PenaltyCalculationInput> = fc
  .record({
    offence: fc.constantFrom('S31A' as const, 'S32' as const),
    role: fc.constantFrom(...ROLES),
    newRegimeDate: dateBetween(REGIME_CHANGE, TEST_TODAY),
    anyDate: dateBetween(FIRST_INCIDENT, TEST_TODAY),
  })
  .chain(({ offence, role, newRegimeDate, anyDate }) => {
    const incidentDate = offence === 'S31A' ? newRegimeDate : anyDate;
    return fc.record(
      {
        offence: fc.constant(offence),
        incidentDate: fc.constant(incidentDate),
        role: fc.constant(role),
        vehicleKind: fc.constant('goods' as const),
        clandestineEntrants: offence === 'S32' ? fc.integer({ min: 1, max: 40 }) : fc.constant(undefined),
        previousPenalties: fc.array(previousPenaltyBefore(incidentDate), { maxLength: 4 }),
        cpasMember: role === 'driver' ? fc.constant(false) : fc.boolean(),
        presentOnJourney: fc.option(fc.boolean(), { nil: undefined }),
        compliedWithRegulations: fc.option(fc.boolean(), { nil: undefined }),
        discretion: fc.array(discretionItem, { maxLength: 3 }),
        means: fc.option(
          fc.oneof(
            fc.record({ kind: fc.constant('company' as const), band: fc.constantFrom(...COMPANY_BANDS) }),
            fc.record({ kind: fc.constant('individual' as const), assessedAmountPence: fc.integer({ min: 0, max: 5_000_000 }) }),
          ),
          { nil: undefined },
        ),
        postMeansDiscretion: fc.option(discretionItem, { nil: undefined }),
      },
      { requiredKeys: offence === 'S32' ? ['offence', 'incidentDate', 'role', 'clandestineEntrants'] : ['offence', 'incidentDate', 'role'] },
    );
  });

function calculated(input: PenaltyCalculationInput): PenaltyResult {
  const outcome = calculatePenalty(input, policy, TEST_TODAY);
  if (!outcome.ok) throw new Error(`refused: ${outcome.reasons.join(' | ')} for ${JSON.stringify(input)}`);
  return outcome.result;
}

/** The per-person maximum worked out independently of the calculator. */
function perPersonMaximum(input: PenaltyCalculationInput): number {
  const entrants = input.clandestineEntrants ?? 0;
  if (isBefore(input.incidentDate, REGIME_CHANGE)) return parameters.oldRegime.perPersonMaximumPerEntrantPence * entrants;
  return input.offence === 'S31A' ? parameters.s31a.perPersonMaximumPence : parameters.s32.perPersonMaximumPerEntrantPence * entrants;
}

describe('penalty properties', () => {
  it('calculates every well-formed, allowed set of facts', () => {
    fc.assert(fc.property(calculableFacts, (input) => calculatePenalty(input, policy, TEST_TODAY).ok));
  });

  it('never gives a negative amount, or one above the per-person maximum', () => {
    fc.assert(
      fc.property(calculableFacts, (input) => {
        const { amountPence } = calculated(input);
        expect(amountPence).toBeGreaterThanOrEqual(0);
        expect(amountPence).toBeLessThanOrEqual(perPersonMaximum(input));
      }),
    );
  });

  it('always ends on a whole pound', () => {
    fc.assert(fc.property(calculableFacts, (input) => calculated(input).amountPence % 100 === 0));
  });

  it('can be recomputed from its own steps, step by step', () => {
    fc.assert(
      fc.property(calculableFacts, (input) => {
        const result = calculated(input);
        const recomputed = recomputeFromSteps(result.steps);
        expect(recomputed).toEqual({ ok: true, amountPence: result.amountPence, amountsPence: result.steps.map((step) => step.amountPence) });
        expect(result.steps[0]?.amountPence).toBe(result.startingLevelPence);
      }),
    );
  });

  it('never falls when a previous penalty of the same offence is added', () => {
    fc.assert(
      fc.property(calculableFacts, fc.integer({ min: 1, max: 1_800 }), (input, daysBefore) => {
        const extra: PreviousPenalty = { offence: input.offence, issuedOn: addDays(input.incidentDate, -daysBefore), cancelled: false };
        const before = calculated(input).amountPence;
        const after = calculated({ ...input, previousPenalties: [...(input.previousPenalties ?? []), extra] }).amountPence;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('never falls when clandestine entrants rise', () => {
    fc.assert(
      fc.property(
        calculableFacts.filter((input) => input.offence === 'S32'),
        fc.integer({ min: 1, max: 10 }),
        (input, more) => {
          const before = calculated(input).amountPence;
          const after = calculated({ ...input, clandestineEntrants: (input.clandestineEntrants ?? 0) + more }).amountPence;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  /** Every way of adding a reduction to a set of facts that still leaves them calculable. */
  const withOneMoreReduction = (input: PenaltyCalculationInput, item: DiscretionItem, choice: number): PenaltyCalculationInput => {
    const smallerBand = { large: 'medium', medium: 'small', small: 'micro', micro: 'micro' } as const;
    switch (choice) {
      case 0:
        return { ...input, discretion: [...(input.discretion ?? []), item] };
      case 1:
        return input.role === 'driver' ? input : { ...input, cpasMember: true };
      case 2:
        return { ...input, compliedWithRegulations: true };
      case 3:
        return {
          ...input,
          postMeansDiscretion: {
            ...item,
            percent: Math.min(100, (input.postMeansDiscretion?.percent ?? 0) + item.percent),
          },
        };
      case 4:
        if (input.means?.kind === 'company') return { ...input, means: { kind: 'company', band: smallerBand[input.means.band] } };
        if (input.means?.kind === 'individual') {
          return { ...input, means: { kind: 'individual', assessedAmountPence: Math.floor(input.means.assessedAmountPence / 2) } };
        }
        return { ...input, means: { kind: 'company', band: 'large' } };
      default:
        return { ...input, presentOnJourney: presentOnJourney(input) };
    }
  };

  it('never rises when a reduction is added', () => {
    fc.assert(
      fc.property(calculableFacts, discretionItem, fc.integer({ min: 0, max: 4 }), (input, item, choice) => {
        const before = calculated(input).amountPence;
        const after = calculated(withOneMoreReduction(input, item, choice)).amountPence;
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('gives the same result for the same facts, policy and day', () => {
    fc.assert(
      fc.property(calculableFacts, (input) => {
        expect(calculated(input)).toEqual(calculated(structuredClone(input)));
      }),
    );
  });
});
