import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { readStream, type StoredEvent } from '../../platform/events/event-store.js';
import { checkAggregateCaps } from '../../domain/penalty/incident-checks.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { evolve } from '../../domain/liability/evolve.js';
import { isLiabilityEventType, type LiabilityEvent } from '../../domain/liability/liability-events.js';
import { openLiability, type LiabilityState } from '../../domain/liability/liability-state.js';
import { isFinished, type Stage } from '../../domain/liability/stages.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { cases, liabilities } from './schema.js';
import { policyVersionsIn } from './case-clock.js';
import { meansAssessmentAwaitingDecision } from './means/means-record.js';
import { withDebtFacts } from '../../domain/payments/debt.js';
import { lorryDropOfCase } from '../../domain/case/case-opening.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { isEventOf } from '../../domain/events.js';

export type CaseRow = typeof cases.$inferSelect;
export type LiabilityRow = typeof liabilities.$inferSelect;

/** Everything the casework commands and the case page need about one case, read in one go. */
export interface CaseFile {
  kase: CaseRow;
  liabilities: LiabilityRow[];
  events: StoredEvent[];
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
export function liabilityEventsOf(events: readonly StoredEvent[], liabilityId: string): LiabilityEvent[] {
  const out: LiabilityEvent[] = [];
  for (const event of events) {
    if (!isLiabilityEventType(event.type)) continue;
    const payload = event.payload as Record<string, unknown>;
    if (payload.liabilityId !== undefined && payload.liabilityId !== liabilityId) continue;
    out.push({
      type: event.type,
      payload: { by: event.actorId, on: ukDate(event.occurredAt), ...payload },
    } as LiabilityEvent);
  }
  return out;
}

function addressText(row: LiabilityRow): string | null {
  return row.addressLines?.length ? row.addressLines.join(', ') : null;
}

/** Folds every liability of the case, then adds the incident-wide aggregate-cap facts. */
export function foldCaseFile(kase: CaseRow, rows: LiabilityRow[], events: StoredEvent[], versions: PolicyVersion[]): CaseFile {
  const involved = [...new Set(events.map((event) => event.actorId))];
  // A lorry drop's clock starts on the earlier of arrival and detection: the opening events carry both dates.
  const lorryDrop = lorryDropOfCase(events);
  const states = new Map<string, LiabilityState>();
  for (const row of rows) {
    const opening = openLiability({
      offence: row.offence as Offence,
      role: row.role as Role,
      incidentDate: kase.incidentDate,
      ...(lorryDrop ? { lorryDrop } : {}),
      selfDeclared: kase.selfDeclared,
      postalAddress: addressText(row),
      unresolvedPartyMatches: row.partyId ? 0 : 1,
      involvedOfficerIds: involved,
    });
    const folded = liabilityEventsOf(events, row.id).reduce(evolve, { ...opening, meansAssessmentPending: meansAssessmentAwaitingDecision(events, row.id) });
    // Debt facts kept as case events: written acknowledgements (limitation) and costs charged (detention).
    states.set(row.id, withDebtFacts(folded, events, row.id));
  }
  const policy = policyInForce(versions, kase.incidentDate);
  if (policy.ok) addAggregateCaps(kase, rows, events, states, policy.policyVersion);
  return { kase, liabilities: rows, events, versions, policy, states };
}

function addAggregateCaps(kase: CaseRow, rows: LiabilityRow[], events: StoredEvent[], states: Map<string, LiabilityState>, policyVersion: PolicyVersion) {
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

/** Counts a confirmed party's undecided possible matches in the register (from the parties module). */
export type OpenPartyMatches = (db: Db, partyId: string) => Promise<number>;

/**
 * Adds to each identified person's state the register entries that may be the same identity and
 * that nobody has merged or rejected: a recommendation waits for them (previous penalties hide there).
 */
export async function withOpenPartyMatches(db: Db, file: CaseFile, openMatches: OpenPartyMatches | undefined): Promise<CaseFile> {
  if (!openMatches) return file;
  for (const row of file.liabilities) {
    if (!row.partyId) continue;
    const state = file.states.get(row.id)!;
    file.states.set(row.id, { ...state, unresolvedPartyMatches: await openMatches(db, row.partyId) });
  }
  return file;
}

export async function loadCaseFile(db: Db, reference: string): Promise<CaseFile | null> {
  const [kase] = await db.select().from(cases).where(eq(cases.reference, reference.trim().toUpperCase()));
  if (!kase) return null;
  const [rows, events, versions] = await Promise.all([
    db.select().from(liabilities).where(eq(liabilities.caseId, kase.id)).orderBy(asc(liabilities.role), asc(liabilities.offence)),
    readStream(db, `case-${kase.id}`),
    policyVersionsIn(db),
  ]);
  return foldCaseFile(kase, rows, events, versions);
}
