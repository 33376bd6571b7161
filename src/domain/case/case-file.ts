import { checkAggregateCaps } from '../penalty/incident-checks.js';
import { policyInForce } from '../policy/policy-in-force.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';
import type { Offence, Role } from '../penalty/penalty-input.js';
import { evolve } from '../liability/evolve.js';
import { isLiabilityEventType, type LiabilityEvent } from '../liability/liability-events.js';
import { openLiability, type LiabilityState } from '../liability/liability-state.js';
import { isFinished, type Stage } from '../liability/stages.js';
import { ukDate } from '../reference/uk-date.js';
import { withDebtFacts } from '../payments/debt.js';
import { isEventOf } from '../events.js';
import { lorryDropOfCase } from './case-opening.js';
import { CASE_EVENT } from './events.js';
import { meansAssessmentAwaitingDecision } from './means-record.js';

/*
 * A case as its decisions see it: the case, its liabilities and its events as plain data (the cases
 * module's rows and stored events are assignable to these), the policy in force and each liability's
 * state folded from the events. Pure: the module reads the rows, `foldCaseFile` does the rest.
 */

/** What the decisions read of the case itself. */
export interface CaseRecord {
  id: string;
  reference: string;
  incidentDate: string;
  stage: string;
  selfDeclared: boolean;
  clandestineEntrants: number | null;
  /** The officer who has the case on their work list, if any. */
  assignedTo: string | null;
}

/** What the decisions read of one liability (one responsible person for one offence). */
export interface LiabilityRecord {
  id: string;
  role: string;
  offence: string;
  partyName: string;
  /** The parties register entry confirmed for the person, if any. */
  partyId: string | null;
  addressLines: string[] | null;
  /** ISO 639-1: the language of their letters (recorded at the border, or chosen since). */
  language?: string | null;
}

/** An event of the case's stream as it was recorded: who, when, and at which version of the stream. */
export interface RecordedCaseEvent {
  version: number;
  type: string;
  payload: Record<string, unknown>;
  actorId: string;
  actorName: string;
  occurredAt: Date;
}

/** Who is acting, as a decision sees them. */
export interface CaseActor {
  id: string;
  name: string;
  roles: readonly string[];
}

/** What every case decision is given beside the case and the input. */
export interface CaseDecisionContext {
  actor: CaseActor;
  now: Date;
}

/** Everything the casework decisions and the case page need about one case. */
export interface CaseFile<K extends CaseRecord = CaseRecord, L extends LiabilityRecord = LiabilityRecord, E extends RecordedCaseEvent = RecordedCaseEvent> {
  kase: K;
  liabilities: L[];
  events: E[];
  versions: PolicyVersion[];
  /** The policy version in force on the incident date, or why there is none. */
  policy: { ok: true; policyVersion: PolicyVersion } | { ok: false; reasons: string[] };
  /** Each liability's state, folded from its events with the facts that live elsewhere. */
  states: Map<string, LiabilityState>;
}

/**
 * A case's stage is its least advanced liability's: the order work happens in, with a criminal
 * investigation counted before the initial notice (nothing can happen while the case is with a team)
 * and finished liabilities last.
 */
export const CASE_STAGE_ORDER: readonly Stage[] = [
  'case-created',
  'criminal-investigation',
  'criminal-investigation-accepted',
  'initial-notice-sent',
  'response-window-closed',
  'returned-by-assurer',
  'recommendation-drafted',
  'assured',
  'imposed',
  'objection-received',
  'objection-determined',
  'appeal-lodged',
  'appeal-decided',
  'payment-due',
  'instalments',
  'overdue',
  'write-off-proposed',
  'paid',
  'closed',
  'written-off',
  'not-referred',
];

export function caseStage(stages: readonly string[]): Stage {
  const ranked = stages.map((stage) => CASE_STAGE_ORDER.indexOf(stage as Stage)).filter((index) => index >= 0);
  return CASE_STAGE_ORDER[ranked.length ? Math.min(...ranked) : 0]!;
}

/**
 * The liability's events from the case stream, in order. Early case-level investigation events
 * (recorded before liabilities had their own) apply to every liability of the case.
 */
export function liabilityEventsOf(events: readonly RecordedCaseEvent[], liabilityId: string): LiabilityEvent[] {
  const out: LiabilityEvent[] = [];
  for (const event of events) {
    if (!isLiabilityEventType(event.type)) continue;
    const payload = event.payload;
    if (payload.liabilityId !== undefined && payload.liabilityId !== liabilityId) continue;
    out.push({
      type: event.type,
      payload: { by: event.actorId, on: ukDate(event.occurredAt), ...payload },
    } as LiabilityEvent);
  }
  return out;
}

function addressText(row: LiabilityRecord): string | null {
  return row.addressLines?.length ? row.addressLines.join(', ') : null;
}

/** A liability as the case opens it, with the case-wide facts passed in (the state its events are folded onto). */
function liabilityOpening(
  kase: CaseRecord,
  row: LiabilityRecord,
  events: readonly RecordedCaseEvent[],
  involved: readonly string[],
  lorryDrop: ReturnType<typeof lorryDropOfCase>,
): LiabilityState {
  return {
    ...openLiability({
      offence: row.offence as Offence,
      role: row.role as Role,
      incidentDate: kase.incidentDate,
      ...(lorryDrop ? { lorryDrop } : {}),
      selfDeclared: kase.selfDeclared,
      postalAddress: addressText(row),
      unresolvedPartyMatches: row.partyId ? 0 : 1,
      involvedOfficerIds: involved,
    }),
    meansAssessmentPending: meansAssessmentAwaitingDecision(events, row.id),
  };
}

/**
 * One liability's history to replay day by day (CPAS membership asks on which days a penalty was
 * unpaid past its due date): the state it opens at and its own events in the order recorded. The
 * case-wide facts passed in (a means assessment awaiting decision) are today's, not replayed.
 */
export function liabilityHistory(kase: CaseRecord, row: LiabilityRecord, events: readonly RecordedCaseEvent[]): { opening: LiabilityState; events: LiabilityEvent[] } {
  const involved = [...new Set(events.map((event) => event.actorId))];
  return { opening: liabilityOpening(kase, row, events, involved, lorryDropOfCase(events)), events: liabilityEventsOf(events, row.id) };
}

/** Folds every liability of the case, then adds the incident-wide aggregate-cap facts. */
export function foldCaseFile<K extends CaseRecord, L extends LiabilityRecord, E extends RecordedCaseEvent>(kase: K, rows: L[], events: E[], versions: PolicyVersion[]): CaseFile<K, L, E> {
  const involved = [...new Set(events.map((event) => event.actorId))];
  // A lorry drop's clock starts on the earlier of arrival and detection: the opening events carry both dates.
  const lorryDrop = lorryDropOfCase(events);
  const states = new Map<string, LiabilityState>();
  for (const row of rows) {
    const opening = liabilityOpening(kase, row, events, involved, lorryDrop);
    const folded = liabilityEventsOf(events, row.id).reduce(evolve, opening);
    // Debt facts kept as case events: written acknowledgements (limitation) and costs charged (detention).
    states.set(row.id, withDebtFacts(folded, events, row.id));
  }
  const policy = policyInForce(versions, kase.incidentDate);
  if (policy.ok) addAggregateCaps(kase, rows, events, states, policy.policyVersion);
  return { kase, liabilities: rows, events, versions, policy, states };
}

function addAggregateCaps(kase: CaseRecord, rows: readonly LiabilityRecord[], events: readonly RecordedCaseEvent[], states: Map<string, LiabilityState>, policyVersion: PolicyVersion) {
  for (const offence of ['S31A', 'S32'] as const) {
    const members = rows.filter((row) => row.offence === offence && !isFinished(states.get(row.id)!.stage));
    const recommended = members.map((row) => ({ row, state: states.get(row.id)! })).filter(({ state }) => state.recommendation);
    if (recommended.length === 0 || recommended.length < members.length) continue;
    const splitEvent = [...events]
      .reverse()
      .filter((event) => isEventOf(event, CASE_EVENT.AggregateSplitRecorded))
      .find((event) => event.payload.offence === offence);
    const split = splitEvent ? { approvedBy: splitEvent.actorId, amountsPence: splitEvent.payload.amountsPence } : undefined;
    const check = checkAggregateCaps(
      {
        offence,
        incidentDate: kase.incidentDate,
        ...(offence === 'S32' ? { clandestineEntrants: kase.clandestineEntrants ?? 0 } : {}),
        liabilities: recommended.map(({ row, state }) => ({ reference: row.id, role: row.role as Role, amountPence: state.recommendation!.amountPence })),
        ...(split ? { split } : {}),
      },
      policyVersion,
    );
    if (!check.ok) continue;
    for (const { row, state } of recommended) {
      const share = split && check.result.exceedsCap && check.result.imposable ? split.amountsPence[row.id] : undefined;
      states.set(row.id, {
        ...state,
        aggregateCap: {
          capPence: check.result.capPence,
          totalPence: check.result.totalPence,
          exceedsCap: check.result.exceedsCap,
          ...(share !== undefined && split ? { seniorOfficerSplit: { approvedBy: split.approvedBy, amountPence: share } } : {}),
        },
      });
    }
  }
}
