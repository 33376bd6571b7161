import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, type CalendarDate } from '../clock/calendar-date.js';
import { discretion } from '../penalty/penalty-factories.js';
import { APPEAL_OUTCOMES, NOTICE_DETAILS_CHECKLIST, OBJECTION_ASSURANCE_CHECKLIST, OBJECTION_OUTCOMES, RECOMMENDATION_CHECKLIST, PAYERS, PAYMENT_METHODS, RETURN_CATEGORIES, REVIEW_REASONS, WRITE_OFF_REASONS, type LiabilityAction, type LiabilityActionType } from './actions.js';
import type { Actor } from './casework-roles.js';
import { availableActions, decide } from './decide.js';
import { applyEvents } from './evolve.js';
import { OFFICERS, penaltyFactsFor, POLICY } from './liability-factories.js';
import { currentAmountPence, openLiability, outstandingPence, type AggregateCapFacts, type LiabilityState } from './liability-state.js';
import { STAGE_IDS, type Stage } from './stages.js';
import { valBlock } from './vehicle-action-list.js';
import { LIABILITY_ACTION_TYPES, TRANSITIONS } from './transitions.js';

/*
 * From any reachable state, every command either refuses with at least one reason or moves to a
 * stage the table allows. States are reached by random walks of real commands (mostly ones the
 * page would offer, some not), with facts from outside the liability changing along the way.
 */

const ACTORS: readonly Actor[] = [
  ...Object.values(OFFICERS),
  { id: 'eo-and-ho', roles: ['caseworker-eo', 'assurer-ho'] },
  { id: 'analyst', roles: ['analyst'] },
];

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T)[];
const pickOf = <T,>(values: readonly T[], n: number): T => values[n % values.length] as T;

/** A date between two others, or now and then an impossible one: before the incident, or tomorrow. */
function dateFor(state: LiabilityState, today: CalendarDate, v: number): CalendarDate {
  if (v % 11 === 0) return addDays(state.incidentDate, -1);
  if (v % 13 === 0) return addDays(today, 1);
  const span = Math.max(0, daysBetween(state.incidentDate, today));
  return addDays(today, -Math.min(span, v % 17 === 0 ? v % 60 : v % 3));
}

function actionFor(type: LiabilityActionType, state: LiabilityState, today: CalendarDate, v: number): LiabilityAction {
  const date = dateFor(state, today, v);
  const text = v % 9 === 0 ? ' ' : 'Recorded reasons';
  switch (type) {
    case 'recordNoticeSentToWrongAddress':
      return { type, reason: text };
    case 'recordResponse':
      return { type, receivedOn: date };
    case 'draftRecommendation': {
      const variants = [{}, { discretion: [discretion(25)] }, { previousPenalties: [{ offence: state.offence, issuedOn: addDays(state.incidentDate, -400), cancelled: false }] }, { role: 'hirer' as const }];
      return { type, penaltyFacts: penaltyFactsFor(state, pickOf(variants, v)) };
    }
    case 'returnRecommendation':
      return { type, categories: v % 8 === 0 ? [] : [pickOf(keys(RETURN_CATEGORIES), v)], text };
    case 'recordObjection':
      return { type, receivedOn: date, grounds: text };
    case 'decideLateObjection':
      return { type, accept: v % 2 === 0, reason: text };
    case 'determineObjection': {
      const outcome = pickOf(keys(OBJECTION_OUTCOMES), v);
      const facts = outcome === 'reduce' ? { means: { kind: 'individual' as const, assessedAmountPence: 10_000 } } : { previousPenalties: [{ offence: state.offence, issuedOn: addDays(state.incidentDate, -30), cancelled: false }] };
      return { type, outcome, reasons: text, ...(v % 5 === 0 ? {} : { penaltyFacts: penaltyFactsFor(state, facts) }) };
    }
    case 'lodgeAppeal':
      return { type, lodgedOn: date, court: 'County Court' };
    case 'allocateAppeal':
      return { type, officerId: pickOf(ACTORS, v).id };
    case 'decideAppeal': {
      const outcome = pickOf(keys(APPEAL_OUTCOMES), v);
      return { type, outcome, decidedOn: date, ...(outcome === 'reduced' ? { amountPence: Math.floor((currentAmountPence(state) ?? 2) / 2) } : {}) };
    }
    case 'recordPayment': {
      const owed = outstandingPence(state) ?? 10_000;
      const amountPence = v % 7 === 0 ? 0 : v % 4 === 0 ? owed + 1_000 : v % 2 === 0 ? owed : Math.max(1, Math.floor(owed / 3));
      return { type, amountPence, receivedOn: date, method: pickOf(keys(PAYMENT_METHODS), v), reference: v % 10 === 0 ? '' : `INV-${v}`, paidBy: pickOf(keys(PAYERS), v) };
    }
    case 'decideRefund':
      return { type, approve: v % 2 === 0, reason: text };
    case 'requestInstalments':
      return { type, requestedOn: date, proposal: text };
    case 'agreeInstalments': {
      const owed = outstandingPence(state) ?? 0;
      const first = Math.floor(owed / 2);
      const skew = v % 6 === 0 ? 100 : 0;
      return { type, schedule: [{ dueOn: addDays(today, 30), amountPence: first }, { dueOn: addDays(today, v % 5 === 0 ? 30 : 60), amountPence: owed - first + skew }] };
    }
    case 'refuseInstalments':
      return { type, reason: text };
    case 'startReview':
      return { type, reason: pickOf(keys(REVIEW_REASONS), v), note: text };
    case 'endReview':
      return { type, note: text };
    case 'proposeWriteOff':
      return { type, reason: pickOf(keys(WRITE_OFF_REASONS), v), explanation: text };
    case 'approveWriteOff':
      return v % 3 === 0 ? { type, writtenOffOn: date } : { type };
    case 'rejectWriteOff':
      return { type, note: text };
    case 'referForCriminalInvestigation':
      return { type, referredOn: date, team: 'NCA' };
    case 'recordInvestigationOutcome':
      return { type, outcome: v % 2 === 0 ? 'declined' : 'accepted', decidedOn: date };
    case 'recordInvestigationReturn':
      return { type, returnedOn: date };
    case 'decideNotToRefer':
      return { type, reasonCode: v % 2 === 0 ? 'self-declaration' : 'public-interest', explanation: text };
    // Now and then a checklist with an item left unticked.
    case 'checkNoticeDetails':
      return { type, checklist: keys(NOTICE_DETAILS_CHECKLIST).slice(v % 7 === 0 ? 1 : 0) };
    case 'approveRecommendation':
      return { type, checklist: keys(RECOMMENDATION_CHECKLIST).slice(v % 7 === 0 ? 1 : 0) };
    case 'assureObjectionDetermination':
      return { type, approve: v % 3 !== 0, checklist: keys(OBJECTION_ASSURANCE_CHECKLIST).slice(v % 7 === 0 ? 1 : 0), reason: text };
    default:
      return { type } as LiabilityAction;
  }
}

const CAPS: (AggregateCapFacts | undefined)[] = [
  { capPence: 1_200_000, totalPence: 300_000, exceedsCap: false },
  { capPence: 1_200_000, totalPence: 2_000_000, exceedsCap: true },
  { capPence: 1_200_000, totalPence: 2_000_000, exceedsCap: true, seniorOfficerSplit: { approvedBy: 'so-sam', amountPence: 100_000 } },
  undefined,
];

const openingArbitrary = fc
  .record({
    s32: fc.boolean(),
    role: fc.constantFrom('driver' as const, 'owner' as const, 'hirer' as const),
    incidentOffset: fc.integer({ min: 0, max: 1_200 }),
    lorryDropDays: fc.option(fc.integer({ min: 0, max: 2 })),
    selfDeclared: fc.boolean(),
    address: fc.constantFrom(true, true, true, false),
    unresolved: fc.constantFrom(0, 0, 1),
    cap: fc.nat(),
  })
  .map(({ s32, role, incidentOffset, lorryDropDays, selfDeclared, address, unresolved, cap }) => {
    // S32 from mid-2022 so that old-regime incidents (no last day) are walked too; S31A only exists from 13 Feb 2023.
    const incidentDate = addDays(s32 ? '2022-06-01' : '2023-02-13', incidentOffset);
    const aggregateCap = pickOf(CAPS, cap);
    return openLiability({
      offence: s32 ? 'S32' : 'S31A',
      role,
      incidentDate,
      ...(lorryDropDays === null ? {} : { lorryDrop: { estimatedArrivalDate: addDays(incidentDate, -lorryDropDays), detectionDate: incidentDate } }),
      selfDeclared,
      postalAddress: address ? '1 Quai de la Gare, Calais' : null,
      unresolvedPartyMatches: unresolved,
      ...(aggregateCap ? { aggregateCap } : {}),
    });
  });

const stepArbitrary = fc.record({
  choice: fc.constantFrom('main-path', 'main-path', 'main-path', 'main-path', 'main-path', 'main-path', 'offered', 'anything'),
  pick: fc.nat(),
  actor: fc.nat(),
  days: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 6 }), weight: 12 },
    { arbitrary: fc.integer({ min: 0, max: 45 }), weight: 6 },
    { arbitrary: fc.constantFrom(200, 2_300), weight: 1 },
  ),
  variant: fc.nat(),
  outsideChange: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'new-address', 'matches-resolved'),
});

/** Commands off the main path: offered everywhere, they would crowd out progress if chosen as often. */
const SIDE_PATHS: readonly LiabilityActionType[] = [
  'proposeWriteOff',
  'referForCriminalInvestigation',
  'decideNotToRefer',
  'recordNoticeSentToWrongAddress',
  'startReview',
  'endReview',
  'requestInstalments',
  'refuseInstalments',
];

/** Mostly a command the page offers (by type, then by who), usually along the main path; sometimes anything at all. */
function chooseCommand(state: LiabilityState, today: CalendarDate, mode: 'main-path' | 'offered' | 'anything', pick: number, actorPick: number): { actor: Actor; type: LiabilityActionType } {
  const offered = ACTORS.flatMap((actor) =>
    availableActions(state, actor, today, POLICY)
      .filter((available) => available.allowed)
      .map((available) => ({ actor, type: available.type })),
  );
  const mainPath = offered.filter((entry) => !SIDE_PATHS.includes(entry.type));
  const pool = mode === 'main-path' && mainPath.length > 0 ? mainPath : offered;
  if (mode === 'anything' || pool.length === 0) return { actor: pickOf(ACTORS, actorPick), type: pickOf(LIABILITY_ACTION_TYPES, pick) };
  const type = pickOf([...new Set(pool.map((entry) => entry.type))], pick);
  return pickOf(pool.filter((entry) => entry.type === type), actorPick);
}

/** The property itself: a refusal gives reasons, a success a stage the table allows, reached by its own events. */
function expectLawful(state: LiabilityState, action: LiabilityAction, actor: Actor, today: CalendarDate): LiabilityState | undefined {
  const decision = decide(state, action, { actor, today, policyVersion: POLICY });
  if (!decision.ok) {
    expect(decision.reasons.length).toBeGreaterThan(0);
    for (const reason of decision.reasons) expect(reason.trim()).not.toBe('');
    return undefined;
  }
  expect(TRANSITIONS[action.type].roles.some((role) => actor.roles.includes(role))).toBe(true);
  expect(TRANSITIONS[action.type].from[state.stage]).toContain(decision.stage);
  expect(decision.events.length).toBeGreaterThan(0);
  const next = applyEvents(state, decision.events);
  expect(next.stage).toBe(decision.stage);
  expect(next.involvedOfficerIds).toContain(actor.id);
  // Money: 'paid' means nothing is owed; an overpayment waiting for a decision is a real credit when found.
  if (next.stage === 'paid' && next.stage !== state.stage) expect(outstandingPence(next)).toBeLessThanOrEqual(0);
  const detected = decision.events.find((event) => event.type === 'OverpaymentDetected');
  if (detected) expect(detected.payload.amountPence).toBe(-(outstandingPence(next) ?? 0));
  // The Vehicle Action List: nothing in the way means a penalty imposed, stood and owed.
  if (valBlock(next) === null) {
    expect(outstandingPence(next)).toBeGreaterThan(0);
    expect(['imposed', 'objection-determined', 'appeal-decided', 'payment-due', 'overdue']).toContain(next.stage);
  }
  return next;
}

describe('the liability state machine (property)', () => {
  it('from any reachable state, every command refuses with reasons or moves to a stage the table allows', () => {
    const visited = new Set<Stage>();
    fc.assert(
      fc.property(openingArbitrary, fc.integer({ min: 0, max: 20 }), fc.array(stepArbitrary, { minLength: 20, maxLength: 90 }), fc.nat(), (opening, startDays, steps, finalVariant) => {
        let state = opening;
        let today = addDays(opening.incidentDate, startDays);
        visited.add(state.stage);
        for (const step of steps) {
          today = addDays(today, step.days);
          if (step.outsideChange === 'new-address') state = { ...state, postalAddress: `${step.variant} Rue Neuve, Calais` };
          if (step.outsideChange === 'matches-resolved') state = { ...state, unresolvedPartyMatches: 0 };
          const choice = chooseCommand(state, today, step.choice, step.pick, step.actor);
          const next = expectLawful(state, actionFor(choice.type, state, today, step.variant), choice.actor, today);
          if (next) {
            state = next;
            visited.add(state.stage);
          }
        }
        for (const type of LIABILITY_ACTION_TYPES) {
          for (const actor of ACTORS) expectLawful(state, actionFor(type, state, today, finalVariant), actor, today);
        }
      }),
      { numRuns: 300 },
    );
    // The walks must reach every stage, or the property says nothing about the ones they miss.
    expect(STAGE_IDS.filter((stage) => !visited.has(stage))).toEqual([]);
  });
});
