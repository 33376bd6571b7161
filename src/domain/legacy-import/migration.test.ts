import { describe, expect, it } from 'vitest';
import { addDays } from '../clock/calendar-date.js';
import { CASE_EVENTS } from '../case/events.js';
import { applyEvents } from '../liability/evolve.js';
import { deadlineOf } from '../liability/liability-clock.js';
import type { LiabilityEvent } from '../liability/liability-events.js';
import { POLICY } from '../liability/liability-factories.js';
import { openLiability, outstandingPence } from '../liability/liability-state.js';
import { valBlock, VAL_BLOCKS } from '../liability/vehicle-action-list.js';
import { paymentDemandDue } from '../payments/payment-demands.js';
import type { PlannedCase, PlannedLiability } from './fold.js';
import { LEGACY_STATUS_STAGES, type LegacyStatus } from './formats.js';
import { caseNeedsReview, legacyCaseEvents, legacyPartyEvent } from './migration.js';

const TODAY = '2026-12-01';

function liability(status: LegacyStatus, overrides: Partial<PlannedLiability> = {}): PlannedLiability {
  return {
    line: 7,
    partyType: 'Owner',
    party: {
      kind: 'organisation',
      name: 'Trans-Pol Sp. z o.o.',
      nameKey: 'transpol',
      alternativeKey: 'transpol',
      partyKey: 'o:transpol',
      dateOfBirth: null,
      address: { lines: ['ul. Długa 5'], town: 'Gdańsk', postcode: '80-827', country: 'Poland' },
    },
    status,
    stage: LEGACY_STATUS_STAGES[status],
    initialNoticeSentOn: '2026-01-10',
    penaltyNoticeOn: '2026-03-01',
    imposedPence: 600_000,
    paidPence: 0,
    outstandingPence: 600_000,
    lastPaidOn: null,
    notes: '',
    objections: [],
    appeals: [],
    ...overrides,
  };
}

function plannedCase(liabilities: PlannedLiability[], overrides: Partial<PlannedCase> = {}): PlannedCase {
  return {
    ref: 'CEC/2026/0000042',
    section: '32',
    incidentDate: '2026-01-05',
    port: 'CQF',
    entrants: 2,
    s31aEntrantsCorrected: false,
    vehicleReg: 'WGM 4521K',
    trailerReg: '',
    vehicleNationality: 'PL',
    firstLine: 7,
    liabilities,
    ...overrides,
  };
}

const ids = (n: number) => ({
  caseId: '00000000-0000-4000-8000-00000000c0de',
  liabilityIds: Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`),
  parties: Array.from({ length: n }, (_, i) => ({ partyId: `00000000-0000-4000-8000-0000000000p${i}`, registeredByImport: true })),
});

/** The liability's state folded from the imported events, as the case file folds it. */
function stateOf(kase: PlannedCase, index = 0) {
  const events = legacyCaseEvents(kase, ids(kase.liabilities.length), { actorId: 'legacy-import', today: TODAY });
  const liabilityId = ids(kase.liabilities.length).liabilityIds[index];
  const own = events.filter((e) => (e.payload as { liabilityId?: string }).liabilityId === liabilityId && !['LiabilityOpened', 'LiabilityPartyConfirmed'].includes(e.type));
  return { events, state: applyEvents(openLiability({ offence: 'S32', role: 'owner', incidentDate: kase.incidentDate }), own as unknown as LiabilityEvent[]) };
}

describe('the events of an imported case', () => {
  it('are catalogued events, each marked as migrated from its file and line', () => {
    const kase = plannedCase([
      liability('Objection rejected', { objections: [{ line: 4, receivedOn: '2026-03-10', decision: 'Rejected', decidedOn: '2026-04-01', revisedAmountPence: null }] }),
      liability('Paid', { line: 8, partyType: 'Driver', paidPence: 600_000, outstandingPence: 0, lastPaidOn: '2026-05-01', party: { ...liability('Paid').party, kind: 'person', name: 'Piotr Kowalski', partyKey: 'p:piotrkowalski:' } }),
    ]);
    const { events } = stateOf(kase);
    for (const event of events) {
      expect(CASE_EVENTS[event.type as keyof typeof CASE_EVENTS].safeParse(event.payload).success, event.type).toBe(true);
      expect((event.payload as { migrated?: unknown }).migrated, event.type).toBeDefined();
    }
    expect(events[0]).toMatchObject({ type: 'CaseOpened', payload: { reference: 'CEC-2026-0000042', offence: 'S32', clandestineEntrants: 2, migrated: { file: 'cecpt-database.csv', line: 7 } } });
    const objection = events.find((e) => e.type === 'ObjectionReceived')!;
    expect(objection.payload).toMatchObject({ migrated: { file: 'noo-spreadsheet.csv', line: 4 } });
    expect(events.filter((e) => e.type === 'LegacyStatusMigrated').map((e) => (e.payload as { migrated: { line: number } }).migrated.line)).toEqual([7, 8]);
  });

  it('reach the legacy stage whatever the facts recorded on the way, with the money the status leaves', () => {
    const debt = stateOf(plannedCase([liability('Debt referral', { paidPence: 100_000, outstandingPence: 500_000, lastPaidOn: '2026-04-01' })]));
    expect(debt.state.stage).toBe('overdue');
    expect(outstandingPence(debt.state)).toBe(500_000);
    expect(valBlock(debt.state)).toBeNull();

    // "Objection upheld" with no objection in the spreadsheet: nothing is owed, the penalty stays off the list.
    const upheld = stateOf(plannedCase([liability('Objection upheld')]));
    expect(upheld.state.stage).toBe('objection-determined');
    expect(outstandingPence(upheld.state)).toBe(0);
    expect(valBlock(upheld.state)).toBe(VAL_BLOCKS.paid);

    const pending = stateOf(plannedCase([liability('Objection received', { objections: [{ line: 9, receivedOn: '2026-03-20', decision: null, decidedOn: null, revisedAmountPence: null }] })]));
    expect(pending.state.stage).toBe('objection-received');
    expect(pending.state.objection?.receivedOn).toBe('2026-03-20');
    expect(valBlock(pending.state)).toBe(VAL_BLOCKS.objection);

    const referral = stateOf(plannedCase([liability('Referral received', { initialNoticeSentOn: null, penaltyNoticeOn: null })]));
    expect(referral.state.stage).toBe('case-created');
    expect(referral.events.map((e) => e.type)).not.toContain('PenaltyImposed');
  });

  it('put a case past its 180 days without a notice under review, and only such a case', () => {
    const late = plannedCase([liability('IS11 sent', { penaltyNoticeOn: null })], { incidentDate: addDays(TODAY, -200) });
    expect(caseNeedsReview(late, TODAY)).toBe(true);
    const review = stateOf(late);
    expect(review.events.map((e) => e.type)).toContain('ReviewStarted');
    expect(review.state.review?.reason).toBe('other');
    expect(review.state.stage).toBe('initial-notice-sent');

    const inTime = plannedCase([liability('IS11 sent', { penaltyNoticeOn: null })], { incidentDate: addDays(TODAY, -100) });
    expect(caseNeedsReview(inTime, TODAY)).toBe(false);
    expect(stateOf(inTime).events.map((e) => e.type)).not.toContain('ReviewStarted');
  });

  it('are never chased by the daily payment letters, though the same debt recorded live would be', () => {
    const { state } = stateOf(plannedCase([liability('Debt referral')]));
    const due = deadlineOf(state, POLICY, 'paymentDue')!;
    const later = addDays(due, 60);
    const none = { reminders: [], finalDemands: [] };
    expect(paymentDemandDue(state, POLICY, later, none)).toBeNull();
    const { migratedStatus: _imported, ...live } = state;
    expect(paymentDemandDue(live, POLICY, later, none)).toMatchObject({ kind: 'reminder' });
  });

  it('register a party with every spelling the export used, the first as its name', () => {
    const party = liability('Paid').party;
    expect(legacyPartyEvent(party, ['Trans-Pol Sp. z o.o.', 'TRANS POL SP ZOO'], 'party-1', 7)).toEqual({
      type: 'PartyRegistered',
      payload: { partyId: 'party-1', kind: 'organisation', name: 'Trans-Pol Sp. z o.o.', otherNames: ['TRANS POL SP ZOO'], migrated: { file: 'cecpt-database.csv', line: 7 } },
    });
  });
});
