import { and, asc, desc, eq, gt, inArray, isNotNull, lt, notInArray, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type FieldError } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { monotonicId } from '../../platform/ids.js';
import { sha256Hex, type FileStore } from '../../platform/files/file-store.js';
import { addYears } from '../../domain/clock/calendar-date.js';
import { FINISHED } from '../../domain/liability/stages.js';
import { daysOverdue, limitationOf, type Limitation } from '../../domain/payments/debt.js';
import { DCA_COLUMNS, dcaLine, type DebtorFacts } from '../../domain/payments/debt-referral.js';
import type { Offence, Role } from '../../domain/penalty/penalty-input.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { BorderEventsService } from '../intake/service.js';
import type { CaseFile } from '../casework/case-file.js';
import { policyVersionsIn } from '../casework/case-clock.js';
import { penalties } from '../casework/queries.js';
import type { CasesService } from '../casework/service.js';
import { recordAgencyOutcome, referDebtToAgency } from './debt-commands.js';
import { debtReferrals } from './schema.js';

const FINISHED_STAGES: readonly string[] = FINISHED;
const owed = sql<number>`coalesce(${penalties.outstandingPence}, ${penalties.amountPence})`;

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) is written
 * with a leading apostrophe, as the security baseline asks of every CSV export; plain numbers are not.
 */
export function spreadsheetSafe(value: string): string {
  if (!/^[=+\-@\t\r]/u.test(value) || /^[-+]?\d+(\.\d+)?$/u.test(value)) return value;
  return `'${value}`;
}

export interface OverdueEntry {
  liabilityId: string;
  caseId: string;
  reference: string;
  role: string;
  offence: string;
  partyName: string;
  stage: string;
  paymentDue: string;
  daysOverdue: number;
  amountPence: number | null;
  outstandingPence: number;
  vehicleRegistration: string;
  referredOn: string | null;
  referralOutcome: string | null;
}

/** The overdue list, referral files for the debt collection agency, and limitation. */
export function debtService(db: Db, deps: { cases: CasesService; files: FileStore; borderEvents: BorderEventsService }) {
  const { cases, files, borderEvents } = deps;

  /** Liabilities past their due date with money owed, not finished: most overdue first. */
  async function overdue(today: string, where = sql`true`): Promise<OverdueEntry[]> {
    const latestReferral = db
      .select({ liabilityId: debtReferrals.liabilityId, referredOn: sql<string>`max(${debtReferrals.referredOn})`.as('referred_on') })
      .from(debtReferrals)
      .groupBy(debtReferrals.liabilityId)
      .as('latest_referral');
    const rows = await db
      .select({
        liabilityId: penalties.liabilityId,
        caseId: penalties.caseId,
        reference: penalties.reference,
        role: penalties.role,
        offence: penalties.offence,
        partyName: penalties.partyName,
        stage: penalties.stage,
        paymentDue: penalties.paymentDue,
        amountPence: penalties.amountPence,
        outstandingPence: owed,
        vehicleRegistration: penalties.vehicleRegistration,
        referredOn: latestReferral.referredOn,
      })
      .from(penalties)
      .leftJoin(latestReferral, eq(latestReferral.liabilityId, penalties.liabilityId))
      .where(and(isNotNull(penalties.paymentDue), lt(penalties.paymentDue, today), gt(owed, 0), notInArray(penalties.stage, [...FINISHED_STAGES]), where))
      .orderBy(asc(penalties.paymentDue), asc(penalties.reference));
    const outcomes = rows.length
      ? await db
          .select({ liabilityId: debtReferrals.liabilityId, outcome: debtReferrals.outcome, createdAt: debtReferrals.createdAt })
          .from(debtReferrals)
          .where(inArray(debtReferrals.liabilityId, rows.map((row) => row.liabilityId)))
          .orderBy(desc(debtReferrals.createdAt), desc(debtReferrals.id))
      : [];
    const outcomeOf = new Map<string, string | null>();
    for (const row of outcomes) if (!outcomeOf.has(row.liabilityId)) outcomeOf.set(row.liabilityId, row.outcome);
    return rows.map((row) => ({
      ...row,
      paymentDue: row.paymentDue!,
      outstandingPence: Number(row.outstandingPence),
      daysOverdue: daysOverdue(row.paymentDue!, today),
      referredOn: row.referredOn ?? null,
      referralOutcome: outcomeOf.get(row.liabilityId) ?? null,
    }));
  }

  /** The limitation date of one liability, from its folded state (last payment, last acknowledgement). */
  function limitationFor(file: CaseFile, liabilityId: string, today: string): Limitation | null {
    const row = file.liabilities.find((l) => l.id === liabilityId);
    const state = file.states.get(liabilityId);
    if (!row?.paymentDue || !state || !file.policy.ok) return null;
    return limitationOf(
      { paymentDue: row.paymentDue, lastPaymentOn: state.payment.lastPaymentOn, lastAcknowledgementOn: state.payment.lastAcknowledgementOn },
      today,
      file.policy.policyVersion,
      state.jurisdiction,
    );
  }

  async function debtorFacts(file: CaseFile, liabilityId: string): Promise<DebtorFacts | null> {
    const row = file.liabilities.find((l) => l.id === liabilityId);
    const state = file.states.get(liabilityId);
    if (!row || !state || !row.paymentDue) return null;
    const incident = file.kase.incidentId ? await borderEvents.incidentForCase(file.kase.id) : null;
    const person = row.personIndex !== null && row.personIndex !== undefined ? incident?.data.responsiblePersons?.[row.personIndex] : undefined;
    return {
      caseReference: file.kase.reference,
      role: row.role as Role,
      offence: row.offence as Offence,
      debtorName: row.partyName,
      addressLines: row.addressLines ?? [],
      country: person?.address?.country ?? null,
      language: row.language,
      email: row.email ?? person?.email ?? null,
      phone: person?.phone ?? null,
      vehicleRegistration: file.kase.vehicleRegistration,
      penaltyPence: row.amountPence ?? 0,
      outstandingPence: row.outstandingPence ?? row.amountPence ?? 0,
      paymentDue: row.paymentDue,
      lastPaymentOn: state.payment.lastPaymentOn ?? null,
    };
  }

  const service = {
    today: () => ukDate(cases.now()),
    overdue: (today: string) => overdue(today),
    limitationFor,

    /**
     * Liabilities at or past their limitation date (six years from the later of the due date, the
     * last payment and the last written acknowledgement), soonest first. Only penalties due at least
     * that long ago can be there, so only those case files are read.
     */
    async atLimitation(today: string) {
      const versions = await policyVersionsIn(db);
      const years = Math.min(...versions.map((version) => version.parameters.debt.limitationYears), 6);
      const candidates = await overdue(today, sql`${penalties.paymentDue} <= ${addYears(today, -years)}`);
      const out = [];
      for (const entry of candidates) {
        const file = await cases.caseFile(entry.reference);
        const limitation = file ? limitationFor(file, entry.liabilityId, today) : null;
        if (limitation?.reached) out.push({ ...entry, limitation });
      }
      return out.sort((a, b) => a.limitation.date.localeCompare(b.limitation.date));
    },

    /**
     * Sends the chosen overdue penalties to the debt collection agency: one CSV file (kept in the file
     * store, by hash) and a referral recorded on each case. Refuses penalties that are not overdue.
     */
    async createReferral(liabilityIds: readonly string[], actor: Actor): Promise<{ ok: true; batchId: string } | { ok: false; errors: FieldError[] }> {
      const ids = [...new Set(liabilityIds)];
      if (ids.length === 0) return { ok: false, errors: [{ field: 'liabilityIds', message: 'Select at least one penalty to refer' }] };
      const today = service.today();
      const entries = await overdue(today, inArray(penalties.liabilityId, ids));
      const missing = ids.length - entries.length;
      if (missing > 0) return { ok: false, errors: [{ field: 'liabilityIds', message: `${missing === 1 ? 'One penalty chosen is' : `${missing} penalties chosen are`} no longer overdue. Reload the list and choose again.` }] };
      const batchId = monotonicId();
      const facts: { entry: OverdueEntry; debtor: DebtorFacts }[] = [];
      for (const entry of entries) {
        const file = await cases.caseFile(entry.reference);
        const debtor = file ? await debtorFacts(file, entry.liabilityId) : null;
        if (debtor) facts.push({ entry, debtor });
      }
      const csv = stringify(
        facts.map(({ debtor }) => Object.fromEntries(Object.entries(dcaLine(batchId, debtor)).map(([key, value]) => [key, spreadsheetSafe(value)]))),
        { header: true, columns: [...DCA_COLUMNS], record_delimiter: 'windows' },
      );
      const bytes = Buffer.from(`\uFEFF${csv}`, 'utf8');
      const { hash } = await files.put(bytes, 'text/csv');
      const problems: FieldError[] = [];
      for (const { entry, debtor } of facts) {
        const outcome = await executeCommand(
          db,
          referDebtToAgency,
          { reference: entry.reference, liabilityId: entry.liabilityId, referralId: monotonicId(), batchId, amountPence: debtor.outstandingPence, fileHash: hash },
          { actor, now: cases.now() },
        );
        if (!outcome.ok) problems.push({ field: 'liabilityIds', message: `${entry.reference}: ${outcome.message}` });
      }
      // A referral refused for one penalty leaves the others recorded; the batch page lists what was.
      if (problems.length === facts.length) return { ok: false, errors: problems };
      return { ok: true, batchId };
    },

    async batches() {
      return db
        .select({
          batchId: debtReferrals.batchId,
          referredOn: sql<string>`min(${debtReferrals.referredOn})`,
          penalties: sql<number>`count(*)::int`,
          amountPence: sql<number>`sum(${debtReferrals.amountPence})::int`,
          answered: sql<number>`count(${debtReferrals.outcome})::int`,
        })
        .from(debtReferrals)
        .groupBy(debtReferrals.batchId)
        .orderBy(desc(sql`min(${debtReferrals.createdAt})`), desc(debtReferrals.batchId));
    },

    async batch(batchId: string) {
      const rows = await db
        .select({
          referral: debtReferrals,
          reference: penalties.reference,
          partyName: penalties.partyName,
          role: penalties.role,
          offence: penalties.offence,
        })
        .from(debtReferrals)
        .innerJoin(penalties, eq(penalties.liabilityId, debtReferrals.liabilityId))
        .where(eq(debtReferrals.batchId, batchId))
        .orderBy(asc(penalties.reference), asc(penalties.role));
      return rows;
    },

    async referral(referralId: string) {
      const [row] = await db
        .select({ referral: debtReferrals, reference: penalties.reference, partyName: penalties.partyName, role: penalties.role, offence: penalties.offence })
        .from(debtReferrals)
        .innerJoin(penalties, eq(penalties.liabilityId, debtReferrals.liabilityId))
        .where(eq(debtReferrals.id, referralId));
      return row ?? null;
    },

    async referralsOfLiabilities(liabilityIds: readonly string[]) {
      if (liabilityIds.length === 0) return [];
      return db.select().from(debtReferrals).where(inArray(debtReferrals.liabilityId, [...liabilityIds])).orderBy(asc(debtReferrals.createdAt), asc(debtReferrals.id));
    },

    async file(hash: string) {
      return files.get(hash);
    },

    async recordOutcome(referralId: string, answer: { outcome: string; outcomeOn: string; note?: string | undefined }, actor: Actor) {
      const found = await service.referral(referralId);
      if (!found) return { ok: false as const, kind: 'not-found' as const, message: 'The referral was not found', errors: [] as FieldError[] };
      return executeCommand(
        db,
        recordAgencyOutcome,
        { reference: found.reference, referralId, liabilityId: found.referral.liabilityId, referredOn: found.referral.referredOn, ...answer },
        { actor, now: cases.now() },
      );
    },
  };
  return service;
}

export type DebtService = ReturnType<typeof debtService>;
