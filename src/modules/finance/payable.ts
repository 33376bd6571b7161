import { and, eq, gt, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { FINISHED } from '../../domain/liability/stages.js';
import type { PayableLiability } from '../../domain/payments/ledger-matching.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { penalties } from '../casework/queries.js';
import { ledgerLines } from './schema.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/*
 * The liabilities a payment can be matched to, read through casework's published `penalties`
 * sub-select (the liability columns its projector keeps: outstanding_pence, payment_due). Reads
 * only: every write to a case goes through the cases service.
 */

const FINISHED_STAGES: readonly string[] = FINISHED;

/** What is owed: the column the casework keeps, or the amount in force when it was imposed before that column existed. */
const owed = sql<number | null>`coalesce(${penalties.outstandingPence}, case when ${penalties.imposedOn} is not null then ${penalties.amountPence} end)`;

const columns = {
  liabilityId: penalties.liabilityId,
  caseReference: penalties.reference,
  role: penalties.role,
  offence: penalties.offence,
  partyName: penalties.partyName,
  outstandingPence: owed,
  stage: penalties.stage,
};

type Row = { liabilityId: string; caseReference: string; role: string; offence: string; partyName: string; outstandingPence: number | string | null; stage: string };

function payable(row: Row): PayableLiability {
  return {
    liabilityId: row.liabilityId,
    caseReference: row.caseReference,
    role: row.role as Role,
    offence: row.offence as Offence,
    partyName: row.partyName,
    outstandingPence: row.outstandingPence === null ? null : Number(row.outstandingPence),
    open: !FINISHED_STAGES.includes(row.stage),
  };
}

/** Every liability of the cases with these references, by reference. */
export async function liabilitiesOfCases(db: Db, references: readonly string[]): Promise<Map<string, PayableLiability[]>> {
  const byCase = new Map<string, PayableLiability[]>();
  if (references.length === 0) return byCase;
  const rows = await db.select(columns).from(penalties).where(inArray(penalties.reference, [...references]));
  for (const row of rows) {
    const entry = payable(row);
    byCase.set(entry.caseReference, [...(byCase.get(entry.caseReference) ?? []), entry]);
  }
  return byCase;
}

export async function payableLiability(db: Db, liabilityId: string): Promise<PayableLiability | null> {
  const [row] = await db.select(columns).from(penalties).where(eq(penalties.liabilityId, liabilityId));
  return row ? payable(row) : null;
}

/** The liabilities with these ids, by id: what a list of payments names as the penalty each paid. */
export async function payableLiabilities(db: Db, liabilityIds: readonly string[]): Promise<Map<string, PayableLiability>> {
  if (liabilityIds.length === 0) return new Map();
  const rows = await db.select(columns).from(penalties).where(inArray(penalties.liabilityId, [...new Set(liabilityIds)]));
  return new Map(rows.map((row) => [row.liabilityId, payable(row)]));
}

/** Open liabilities with money owed: the name and amount clues of the fuzzy fallback. */
export async function owingLiabilities(db: Db): Promise<PayableLiability[]> {
  const rows = await db
    .select(columns)
    .from(penalties)
    .where(and(isNotNull(penalties.imposedOn), notInArray(penalties.stage, [...FINISHED_STAGES]), gt(owed, 0)));
  return rows.map(payable);
}

/**
 * The liability an invoice reference was paid against before: a ledger line recorded with it, or a
 * payment recorded on a case with it as its reference. Only when every earlier use agrees.
 */
export async function liabilityOfInvoice(db: Db, invoiceReference: string): Promise<PayableLiability | null> {
  if (!invoiceReference) return null;
  const fromLedger = await db
    .selectDistinct({ liabilityId: ledgerLines.liabilityId })
    .from(ledgerLines)
    .where(and(eq(ledgerLines.invoiceReference, invoiceReference), isNotNull(ledgerLines.liabilityId), inArray(ledgerLines.status, ['matched', 'resolved'])));
  const fromCases = rowsOf<{ liability_id: string }>(
    await db.execute(sql`select distinct payload->>'liabilityId' as liability_id from events where type = ${CASE_EVENT.PaymentReceived} and payload->>'reference' = ${invoiceReference} limit 5`),
  );
  const ids = new Set([...fromLedger.map((row) => row.liabilityId!), ...fromCases.map((row) => row.liability_id).filter(Boolean)]);
  if (ids.size !== 1) return null;
  return payableLiability(db, [...ids][0]!);
}
