import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor, NewEvent, StoredEvent } from '../../platform/events/event-store.js';
import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { outstandingPence, type LiabilityState } from '../../domain/liability/liability-state.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { valBlock } from '../../domain/liability/vehicle-action-list.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { foldCaseFile, type CaseFile } from './case-file.js';
import { liabilities } from './schema.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/**
 * Case events that no liability's money or Vehicle Action List standing depends on: a command made
 * only of these leaves the money columns as they are, without folding the case again.
 */
const CANNOT_MOVE_MONEY: ReadonlySet<string> = new Set([
  CASE_EVENT.CaseNoteAdded,
  CASE_EVENT.CaseLinked,
  CASE_EVENT.CaseUnlinked,
  CASE_EVENT.CaseClaimed,
  CASE_EVENT.CaseAssigned,
  CASE_EVENT.CaseUnassigned,
  CASE_EVENT.LetterPosted,
  CASE_EVENT.DataBreachRecorded,
  CASE_EVENT.AppealHearingScheduled,
  CASE_EVENT.AppealBundleItemChecked,
  CASE_EVENT.AppealWitnessStatementRecorded,
  CASE_EVENT.ResponseDocumentsReceived,
]);

/*
 * The money and Vehicle Action List columns of `liabilities`, kept in the transaction of every
 * command that can change them, so the VAL query (src/modules/vehicle-action-list) is a plain read:
 * `payment_due` from the statutory clock once imposed, `outstanding_pence` (negative: a credit) and
 * `val_block` from the domain. None depends on the day it is computed: `val_block` holds only
 * recorded facts, and "past the due date" is compared with today by the query itself.
 */

export interface LiabilityMoneyColumns {
  paymentDue: CalendarDate | null;
  outstandingPence: number | null;
  valBlock: string | null;
}

export function liabilityMoneyColumns(state: LiabilityState, policyVersion: PolicyVersion | undefined, today: CalendarDate): LiabilityMoneyColumns {
  return {
    paymentDue: state.penaltyNotice && policyVersion ? (deadlineOf(state, policyVersion, 'paymentDue') ?? null) : null,
    outstandingPence: outstandingPence(state) ?? null,
    valBlock: valBlock(state, today, policyVersion),
  };
}

/**
 * After a case command (not a liability step), keeps the columns in step when its events change a
 * fact the liability state takes from the case: a means assessment recorded, assured or returned,
 * costs charged to the debt, or anything added later. The case is folded again with the new events
 * and only columns that differ are written (which also fills in rows written before the columns
 * existed).
 */
export async function keepMoneyColumnsAfterCaseEvents(tx: Db, file: CaseFile, events: readonly NewEvent[], actor: Actor, now: Date): Promise<void> {
  if (events.every((event) => CANNOT_MOVE_MONEY.has(event.type))) return;
  const stored: StoredEvent[] = events.map((event, index) => ({
    seq: 0,
    streamId: `case-${file.kase.id}`,
    streamType: 'case',
    version: file.kase.version + index + 1,
    type: event.type,
    payload: event.payload,
    actorId: actor.id,
    actorName: actor.name,
    occurredAt: now,
  }));
  const after = foldCaseFile(file.kase, file.liabilities, [...file.events, ...stored], file.versions);
  const policyVersion = after.policy.ok ? after.policy.policyVersion : undefined;
  for (const row of file.liabilities) {
    const state = after.states.get(row.id);
    if (!state) continue;
    const columns = liabilityMoneyColumns(state, policyVersion, ukDate(now));
    if (columns.paymentDue === row.paymentDue && columns.outstandingPence === row.outstandingPence && columns.valBlock === row.valBlock) continue;
    await tx.update(liabilities).set(columns).where(eq(liabilities.id, row.id));
  }
}
