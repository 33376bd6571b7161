import { addDays, type CalendarDate } from '../clock/calendar-date.js';
import { CASE_EVENT, type CaseEvent } from '../case/events.js';
import type { AppealOutcome as CordonAppealOutcome, ObjectionOutcome } from '../liability/actions.js';
import type { Stage } from '../liability/stages.js';
import { legacyCaseReference } from '../liability/case-reference.js';
import type { StreamEvent } from '../events.js';
import { FINISHED_STATUSES, LEGACY_FILES, STATUSES_OWING_NOTHING, type LegacyPartyType } from './formats.js';
import type { PlannedCase, PlannedLiability, PlannedParty } from './fold.js';
import type { MigratedFrom } from './provenance.js';

/*
 * The legacy import's decisions: the events that bring one planned case (src/domain/legacy-import/
 * fold.ts) and one planned party across. Pure: the ids, the register's answer for each party and
 * who records it are given.
 *
 * Every dated fact of the legacy record becomes the regular catalogue event Cordon records for it
 * live (case opened, liability opened, party confirmed, initial notice sent, penalty imposed,
 * objection received and determined, appeal lodged and decided, payment received, paid in full,
 * review started), each marked `migrated` with its file and line, so every read model sees imported
 * history as live history: the previous-penalty rule reads the imposed date, the Vehicle Action
 * List the money and stage, the objection queue the objection. The legacy status often stands for
 * a stage reached without the facts Cordon records on the way (no recommendation or assurance;
 * "Debt referral" with no due date confirmed; "Written off" with no proposal), so each liability's
 * last event is `LegacyStatusMigrated`, which sets the stage the status stands for.
 */

const ROLES: Record<LegacyPartyType, 'driver' | 'owner' | 'hirer' | 'operator'> = { Driver: 'driver', Owner: 'owner', Hirer: 'hirer', Operator: 'operator' };

/** What the legacy objection spreadsheet's decision was, as an objection outcome. "Upheld" is the objection's success: the penalty cancelled. */
const OBJECTION_OUTCOME: Record<string, ObjectionOutcome> = { Upheld: 'cancel', Cancelled: 'cancel', Rejected: 'maintain', Reduced: 'reduce' };

/** The appeal spreadsheet's outcome, as the court's decision; a withdrawn appeal has no decision (the status says where it stands). */
const APPEAL_OUTCOME: Record<string, CordonAppealOutcome | null> = { Allowed: 'cancelled', Dismissed: 'dismissed', Varied: 'reduced', Withdrawn: null };

/** Who records the imported facts (an actor id: the event's `by`). */
export interface MigrationContext {
  actorId: string;
  /** The UK date of the import: a case is listed for review when its last day for a penalty notice is before it. */
  today: CalendarDate;
}

export interface MigrationIds {
  caseId: string;
  /** One id per liability, in the plan's order. */
  liabilityIds: readonly string[];
  /** The register entry each liability's party resolved to, in the plan's order, and whether the import registered it. */
  parties: readonly { partyId: string; registeredByImport: boolean }[];
}

const offenceOf = (section: PlannedCase['section']) => (section === '31A' ? 'S31A' : 'S32') as 'S31A' | 'S32';

/** The case is listed for review: past its last day for a penalty notice (incident + 179) with none, and a liability not finished. */
export function caseNeedsReview(plannedCase: PlannedCase, today: CalendarDate): boolean {
  return (
    today > addDays(plannedCase.incidentDate, 179) &&
    plannedCase.liabilities.every((liability) => liability.penaltyNoticeOn === null) &&
    plannedCase.liabilities.some((liability) => !FINISHED_STATUSES.has(liability.status))
  );
}

/** The events of one imported case, in the order they go on its stream (`case-<caseId>`). */
export function legacyCaseEvents(plannedCase: PlannedCase, ids: MigrationIds, context: MigrationContext): CaseEvent[] {
  const file = LEGACY_FILES.database;
  const offence = offenceOf(plannedCase.section);
  const driver = plannedCase.liabilities.find((l) => l.partyType === 'Driver');
  const company = plannedCase.liabilities.find((l) => l.partyType !== 'Driver');
  const events: CaseEvent[] = [
    {
      type: CASE_EVENT.CaseOpened,
      payload: {
        caseId: ids.caseId,
        reference: legacyCaseReference(plannedCase.ref),
        offence,
        incidentId: null,
        incidentDate: plannedCase.incidentDate,
        port: plannedCase.port,
        clandestineEntrants: plannedCase.entrants,
        vehicleRegistration: plannedCase.vehicleReg,
        vehicleCountry: plannedCase.vehicleNationality,
        driverName: driver?.party.name ?? '',
        companyName: company?.party.name ?? '',
        referredBy: 'legacy-import',
        selfDeclared: false,
        migrated: { file, line: plannedCase.firstLine },
      },
    },
  ];
  const review = caseNeedsReview(plannedCase, context.today);
  plannedCase.liabilities.forEach((liability, index) => {
    const liabilityId = ids.liabilityIds[index]!;
    const party = ids.parties[index]!;
    const migrated: MigratedFrom = { file, line: liability.line };
    const role = ROLES[liability.partyType];
    events.push({
      type: CASE_EVENT.LiabilityOpened,
      payload: {
        liabilityId,
        role,
        offence,
        partyName: liability.party.name,
        personIndex: null,
        addressLines: addressLinesOf(liability.party),
        email: null,
        language: null,
        migrated,
      },
    });
    events.push({
      type: CASE_EVENT.LiabilityPartyConfirmed,
      payload: { liabilityId, role, partyId: party.partyId, previousPartyId: null, how: party.registeredByImport ? 'created-new' : 'confirmed-proposal', score: null, migrated },
    });
    events.push(...liabilityFacts(plannedCase, liability, { liabilityId, by: context.actorId, migrated, review, today: context.today }));
  });
  return events;
}

function addressLinesOf(party: PlannedParty): string[] | null {
  const { lines, town, postcode, country } = party.address;
  const all = [...lines, [town, postcode].filter(Boolean).join(' '), country].filter((line) => line !== '');
  return all.length > 0 ? all : null;
}

/** The dated facts of one liability, then its legacy stage. */
function liabilityFacts(
  plannedCase: PlannedCase,
  liability: PlannedLiability,
  args: { liabilityId: string; by: string; migrated: MigratedFrom; review: boolean; today: CalendarDate },
): CaseEvent[] {
  const { liabilityId, by, migrated } = args;
  const events: CaseEvent[] = [];
  const recorded = (on: CalendarDate) => ({ by, on, liabilityId, migrated });
  let stage: Stage = 'case-created';
  let latest: CalendarDate = plannedCase.incidentDate;
  const at = (on: CalendarDate) => {
    if (on > latest) latest = on;
    return recorded(on);
  };
  const address = (addressLinesOf(liability.party) ?? []).join(', ');

  if (liability.initialNoticeSentOn) {
    events.push({ type: CASE_EVENT.InitialNoticeSent, payload: { ...at(liability.initialNoticeSentOn), address, resend: false } });
    stage = 'initial-notice-sent';
  }
  let amountInForce = liability.imposedPence;
  if (liability.penaltyNoticeOn) {
    events.push({ type: CASE_EVENT.PenaltyImposed, payload: { ...at(liability.penaltyNoticeOn), noticeDate: liability.penaltyNoticeOn, amountPence: liability.imposedPence, aggregateSplitApprovedBy: null } });
    stage = 'imposed';
  }
  for (const objection of [...liability.objections].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.line - b.line))) {
    const source: MigratedFrom = { file: LEGACY_FILES.objections, line: objection.line };
    events.push({
      type: CASE_EVENT.ObjectionReceived,
      payload: { ...at(objection.receivedOn), migrated: source, receivedOn: objection.receivedOn, grounds: '', late: false, objectionDue: null, previousStage: stage },
    });
    stage = 'objection-received';
    const outcome = objection.decision ? OBJECTION_OUTCOME[objection.decision] : undefined;
    if (outcome && objection.decidedOn) {
      const amountPence = outcome === 'cancel' ? 0 : outcome === 'reduce' ? (objection.revisedAmountPence ?? amountInForce) : amountInForce;
      events.push({
        type: CASE_EVENT.ObjectionDetermined,
        payload: { ...at(objection.decidedOn), migrated: source, outcome, amountPence, previousAmountPence: amountInForce, reasons: '', steps: null },
      });
      amountInForce = amountPence;
      stage = 'objection-determined';
    }
  }
  for (const appeal of [...liability.appeals].sort((a, b) => (a.lodgedOn < b.lodgedOn ? -1 : a.lodgedOn > b.lodgedOn ? 1 : a.line - b.line))) {
    const source: MigratedFrom = { file: LEGACY_FILES.appeals, line: appeal.line };
    events.push({
      type: CASE_EVENT.AppealLodged,
      payload: { ...at(appeal.lodgedOn), migrated: source, lodgedOn: appeal.lodgedOn, inTime: true, appealDue: null, court: appeal.court || null, claimNumber: null },
    });
    stage = 'appeal-lodged';
    const outcome = appeal.outcome ? APPEAL_OUTCOME[appeal.outcome] : null;
    if (outcome && appeal.outcomeOn) {
      const amountPence = outcome === 'cancelled' ? 0 : amountInForce;
      events.push({ type: CASE_EVENT.AppealDecided, payload: { ...at(appeal.outcomeOn), migrated: source, outcome, decidedOn: appeal.outcomeOn, amountPence, costs: null } });
      amountInForce = amountPence;
      stage = 'appeal-decided';
    }
  }
  if (liability.paidPence > 0) {
    const receivedOn = liability.lastPaidOn ?? liability.penaltyNoticeOn ?? plannedCase.incidentDate;
    events.push({
      type: CASE_EVENT.PaymentReceived,
      payload: { ...at(receivedOn), amountPence: liability.paidPence, receivedOn, method: 'other', reference: `${plannedCase.ref} line ${liability.line}`, paidBy: 'recipient' },
    });
  }
  if (liability.status === 'Paid' && liability.lastPaidOn) {
    events.push({ type: CASE_EVENT.PaidInFull, payload: { ...at(liability.lastPaidOn), paidOn: liability.lastPaidOn } });
  }
  if (args.review && !FINISHED_STATUSES.has(liability.status)) {
    // Past the last day for a penalty notice without one: recorded as it is, and put under review
    // so a caseworker finds it (the case page's review, kept off the Vehicle Action List).
    events.push({
      type: CASE_EVENT.ReviewStarted,
      payload: {
        ...recorded(latest),
        reason: 'other',
        note: `Legacy record: no penalty notice by the last day, ${addDays(plannedCase.incidentDate, 179)}; decide what can still be done`,
      },
    });
  }
  const status: StreamEvent<'case'> = {
    type: CASE_EVENT.LegacyStatusMigrated,
    payload: { ...recorded(latest), status: liability.status, stage: liability.stage, nothingOwed: STATUSES_OWING_NOTHING.has(liability.status) },
  };
  events.push(status);
  return events;
}

/** The register entry the import makes for a party no entry of the register has: every spelling the export used, the first as its name. */
export function legacyPartyEvent(party: PlannedParty, spellings: readonly string[], partyId: string, line: number): StreamEvent<'party'> {
  const otherNames = spellings.filter((name) => name !== party.name);
  return {
    type: 'PartyRegistered',
    payload: {
      partyId,
      kind: party.kind,
      name: party.name,
      ...(otherNames.length ? { otherNames } : {}),
      ...(party.dateOfBirth ? { dateOfBirth: party.dateOfBirth } : {}),
      migrated: { file: LEGACY_FILES.database, line },
    },
  };
}
