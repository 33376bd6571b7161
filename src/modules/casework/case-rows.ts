import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { caseOpeningOf } from '../../domain/case/case-opening.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { currentAmountPence } from '../../domain/liability/liability-state.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { ProjectedEvent } from '../../platform/projections/projector.js';
import type { cases, caseLinks, liabilities } from './schema.js';
import { caseStage, type CaseFile, type CaseRow, type LiabilityRow } from './case-file.js';
import { caseClockFacts, lastDayToImposeFor } from './case-clock.js';
import { liabilityMoneyColumns } from './liability-read-columns.js';

/*
 * Pure: the rows of `cases`, `liabilities` and `case_links` as the case's events make them. The
 * cases projector (projector.ts) writes them; nothing here reads the clock or makes an id.
 */

type CaseInsert = typeof cases.$inferInsert;
type LiabilityInsert = typeof liabilities.$inferInsert;
type LinkInsert = typeof caseLinks.$inferInsert;

/**
 * The `cases` row from the opening events up to `CaseOpened` (the arrival event, then `CaseOpened`).
 * Events recorded before `CaseOpened` carried every fact leave some empty: such a case is carried
 * over (`CaseCarriedOver`, carry-over.ts) and that event puts back the row it had.
 */
export function openedCaseRow(opening: readonly ProjectedEvent[], versions: readonly PolicyVersion[]): CaseInsert {
  const kase = caseOpeningOf(opening);
  const opened = opening.at(-1)!;
  if (!kase) throw new Error(`${opened.streamId}: the events open no case (no CaseOpened)`);
  return {
    id: kase.caseId,
    reference: kase.reference,
    offence: kase.offence,
    incidentDate: kase.incidentDate,
    portCode: kase.port,
    clandestineEntrants: kase.clandestineEntrants,
    vehicleRegistration: kase.vehicleRegistration ?? '',
    vehicleRegistrationKey: registrationKey(kase.vehicleRegistration ?? ''),
    vehicleCountry: kase.vehicleCountry ?? '',
    driverName: kase.driverName,
    companyName: kase.companyName,
    stage: 'case-created',
    referredBy: kase.referredBy ?? '',
    incidentId: kase.incidentId,
    createdAt: opened.occurredAt,
    version: opened.version,
    selfDeclared: kase.selfDeclared,
    stageSince: opened.occurredAt,
    lastDayToImpose: lastDayToImposeFor(versions, caseClockFacts(kase.incidentDate, kase.lorryDrop)),
  };
}

/** One `liabilities` row from its `LiabilityOpened`. */
export function openedLiabilityRow(caseId: string, event: ProjectedEvent): LiabilityInsert {
  const [liability] = caseOpeningOf([{ type: 'CaseOpened', payload: {} }, event])!.liabilities;
  const l = liability!;
  return {
    id: l.liabilityId,
    caseId,
    role: l.role,
    offence: l.offence,
    partyName: l.partyName,
    stage: 'case-created',
    stageSince: event.occurredAt,
    personIndex: l.personIndex,
    addressLines: l.addressLines,
    email: l.email,
    language: l.language ?? 'en',
  };
}

/** The `case_links` row a `CaseLinked` on this case's stream makes (the other case's stream has its own). */
export function linkRow(caseId: string, event: ProjectedEvent): LinkInsert {
  return {
    caseId,
    linkedCaseId: String(event.payload.linkedCaseId),
    reason: String(event.payload.reason),
    createdAt: event.occurredAt,
    createdBy: event.actorId,
  };
}

/** The columns of a liability that its folded state decides. */
export type FoldedLiabilityColumns = Pick<LiabilityRow, 'stage' | 'draftedBy' | 'amountPence' | 'imposedOn' | 'paymentDue' | 'outstandingPence' | 'valBlock'>;

export function foldedLiabilityColumns(file: CaseFile, row: LiabilityRow, today: CalendarDate): FoldedLiabilityColumns | null {
  const state = file.states.get(row.id);
  if (!state) return null;
  return {
    stage: state.stage,
    // Who drafted the decision now awaiting assurance: a recommendation, or an objection determination (four eyes in the assurance queue).
    draftedBy:
      state.stage === 'recommendation-drafted'
        ? (state.recommendation?.draftedBy ?? null)
        : state.stage === 'objection-received'
          ? (state.objection?.draftDetermination?.draftedBy ?? null)
          : null,
    amountPence: currentAmountPence(state) ?? state.recommendation?.amountPence ?? null,
    imposedOn: state.penaltyNotice?.noticeDate ?? null,
    ...liabilityMoneyColumns(state, file.policy.ok ? file.policy.policyVersion : undefined, today),
  };
}

/** The columns of `row` that differ from `columns`, with `stageSince` when the stage moved. */
export function changedColumns<T extends Record<string, unknown>>(row: Record<string, unknown>, columns: T, at: Date): Partial<T> & { stageSince?: Date } {
  const changed: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(columns)) {
    if (JSON.stringify(row[column] ?? null) !== JSON.stringify(value ?? null)) changed[column] = value;
  }
  if ('stage' in changed) changed.stageSince = at;
  return changed as Partial<T> & { stageSince?: Date };
}

/** What the case row and each liability row become after `event`, from the case folded up to it. */
export function foldedRows(file: CaseFile, event: ProjectedEvent): { kase: Partial<CaseRow>; liabilities: { id: string; set: Partial<LiabilityRow> }[] } {
  const today = ukDate(event.occurredAt);
  const liabilityChanges: { id: string; set: Partial<LiabilityRow> }[] = [];
  const stages: string[] = [];
  for (const row of file.liabilities) {
    const columns = foldedLiabilityColumns(file, row, today);
    if (!columns) continue;
    stages.push(columns.stage);
    const set = changedColumns(row, columns, event.occurredAt);
    if (Object.keys(set).length > 0) liabilityChanges.push({ id: row.id, set });
  }
  const kase = changedColumns(file.kase, { stage: caseStage(stages) as string }, event.occurredAt);
  return { kase, liabilities: liabilityChanges };
}
