import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { missedInstalments } from '../../domain/liability/instalments.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { CasesService } from '../casework/service.js';
import { penalties } from '../casework/queries.js';

/** Who records a broken plan found by the scheduled check (in the event log as the actor). */
export const INSTALMENT_CHECKER: Actor = { id: 'instalment-check', name: 'Cordon (scheduled check of instalment plans)', roles: ['finance-officer'] };

export interface MissedInstalmentsRun {
  checked: number;
  broken: { reference: string; liabilityId: string }[];
  failed: { reference: string; liabilityId: string; reason: string }[];
}

/**
 * Finds every instalment plan with an instalment due and not covered by the payments, and records
 * the plan as broken (`recordPaymentOverdue`): the penalty is overdue again and, with nothing else in
 * the way, its vehicles are back on the Vehicle Action List. Nobody has to notice a missed
 * instalment; the server runs this at start and every hour, and `cordon payments check-instalments`
 * runs it by hand.
 */
export async function checkMissedInstalments(db: Db, casesService: CasesService, now: Date = casesService.now()): Promise<MissedInstalmentsRun> {
  const rows = await db
    .select({ liabilityId: penalties.liabilityId, reference: penalties.reference })
    .from(penalties)
    .where(eq(penalties.stage, 'instalments'));
  const today = ukDate(now);
  const run: MissedInstalmentsRun = { checked: rows.length, broken: [], failed: [] };
  for (const row of rows) {
    const file = await casesService.caseFile(row.reference);
    const state = file?.states.get(row.liabilityId);
    if (!state || missedInstalments(state, today).length === 0) continue;
    const outcome = await casesService.act(
      { reference: row.reference, liabilityIds: [row.liabilityId], action: { type: 'recordPaymentOverdue' } },
      { actor: INSTALMENT_CHECKER, now, idempotencyKey: `missed-instalment-${row.liabilityId}-${today}` },
    );
    if (outcome.ok) run.broken.push(row);
    else run.failed.push({ ...row, reason: outcome.message });
  }
  return run;
}

/** The job kind of the hourly check: queued by every process, run by one (its key is the hour). */
export const MISSED_INSTALMENTS = 'missed-instalments';

/**
 * The scheduled check as a job. A plan the check could not record as broken fails the attempt: the
 * job is tried again later (a plan already recorded is not recorded twice: each has its idempotency
 * key for the day), and is listed for an administrator if it keeps failing.
 */
export function missedInstalmentsJobKind(db: Db, casesService: CasesService): JobKind {
  return {
    async run(_payload, { now }) {
      const run = await checkMissedInstalments(db, casesService, now);
      if (run.failed.length) throw new Error(`Instalment plans not recorded as broken: ${run.failed.map((f) => `${f.reference} (${f.reason})`).join('; ')}`);
    },
  };
}
