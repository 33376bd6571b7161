import { and, eq, gt, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { rowsOf } from '../../platform/database/client.js';
import { FINISHED } from '../../domain/liability/stages.js';
import type { PayableLiability } from '../../domain/payments/ledger-matching.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { cases, liabilities } from '../casework/schema.js';
import { ledgerLines } from './schema.js';
import { CASE_EVENT } from '../../domain/case/events.js';

/*
 * The liabilities a payment can be matched to, read from the case read tables (`liabilities`
 * columns kept by the casework command: outstanding_pence, payment_due). Reads only: every write to
 * a case goes through the cases service.
 */

const FINISHED_STAGES: readonly string[] = FINISHED;

/** What is owed: the column the casework keeps, or the amount in force when it was imposed before that column existed. */
const owed = sql<number | null>`coalesce(${liabilities.outstandingPence}, case when ${liabilities.imposedOn} is not null then ${liabilities.amountPence} end)`;

const columns = {
  liabilityId: liabilities.id,
  caseReference: cases.reference,
  role: liabilities.role,
  offence: liabilities.offence,
  partyName: liabilities.partyName,
  outstandingPence: owed,
  stage: liabilities.stage,
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
  const rows = await db.select(columns).from(liabilities).innerJoin(cases, eq(cases.id, liabilities.caseId)).where(inArray(cases.reference, [...references]));
  for (const row of rows) {
    const entry = payable(row);
    byCase.set(entry.caseReference, [...(byCase.get(entry.caseReference) ?? []), entry]);
  }
  return byCase;
}

export async function payableLiability(db: Db, liabilityId: string): Promise<PayableLiability | null> {
  const [row] = await db.select(columns).from(liabilities).innerJoin(cases, eq(cases.id, liabilities.caseId)).where(eq(liabilities.id, liabilityId));
  return row ? payable(row) : null;
}

/** Open liabilities with money owed: the name and amount clues of the fuzzy fallback. */
export async function owingLiabilities(db: Db): Promise<PayableLiability[]> {
  const rows = await db
    .select(columns)
    .from(liabilities)
    .innerJoin(cases, eq(cases.id, liabilities.caseId))
    .where(and(isNotNull(liabilities.imposedOn), notInArray(liabilities.stage, [...FINISHED_STAGES]), gt(owed, 0)));
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

/** The id of the case with this reference (as stored), or null. */
export async function caseIdOfReference(db: Db, reference: string): Promise<string | null> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  return row?.id ?? null;
}
