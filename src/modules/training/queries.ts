import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { OfficerTrainingRecord, PpstLevel } from '../../domain/training/events.js';
import { s31aReferralProblem, type S31aReferrer } from '../../domain/training/rules.js';
import { DEFAULT_REFERRALS } from '../../domain/policy/policy-parameters.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { FieldProblem } from '../../domain/command-decision.js';
import { personAccount } from '../identity/accounts-query.js';
import { policyService } from '../policy/service.js';
import { officerTraining } from './schema.js';

type Row = typeof officerTraining.$inferSelect;

export function recordOf(row: Row): OfficerTrainingRecord {
  return {
    homePort: row.homePort,
    ifcPart1On: row.ifcPart1On,
    ifcPart2On: row.ifcPart2On,
    ppst: row.ppstLevel && row.ppstPassedOn ? { level: row.ppstLevel as PpstLevel, passedOn: row.ppstPassedOn, expiresOn: row.ppstExpiresOn } : null,
    s31aTrainedOn: row.s31aTrainedOn,
  };
}

/** One officer's training as it now stands, with the version of its stream; null when nothing was recorded. */
export async function trainingOf(db: Db, userId: string): Promise<{ record: OfficerTrainingRecord; version: number; recordedAt: Date; recordedBy: string } | null> {
  const [row] = await db.select().from(officerTraining).where(eq(officerTraining.userId, userId));
  return row ? { record: recordOf(row), version: row.version, recordedAt: row.recordedAt, recordedBy: row.recordedBy } : null;
}

/** Every recorded officer's training, by user id. */
export async function trainingOfOfficers(db: Db, userIds?: readonly string[]): Promise<Map<string, OfficerTrainingRecord>> {
  const rows = userIds ? (userIds.length ? await db.select().from(officerTraining).where(inArray(officerTraining.userId, [...userIds])) : []) : await db.select().from(officerTraining);
  return new Map(rows.map((row) => [row.userId, recordOf(row)]));
}

/** Whether the policy in force today says S31A referrals need the training (`referrals.s31aRequiresTraining`). */
export async function s31aRequiresTraining(db: Db, today: string): Promise<boolean> {
  const chosen = policyInForce(await policyService(db).versions(), today);
  return chosen.ok ? (chosen.policyVersion.parameters.referrals?.s31aRequiresTraining ?? DEFAULT_REFERRALS.s31aRequiresTraining) : DEFAULT_REFERRALS.s31aRequiresTraining;
}

/** Who is referring, as the S31A switch sees them: a person's account, or not a person (Cordon, imports, API tokens). */
export async function s31aReferrer(db: Db, actor: Actor): Promise<S31aReferrer> {
  const account = await personAccount(db, actor.id);
  if (!account) return { kind: 'not-a-person' };
  const training = await trainingOf(db, actor.id);
  return { kind: 'person', s31aTrainedOn: training?.record.s31aTrainedOn ?? null };
}

/**
 * The published check intake's commands make before an S31A referral (read in their load, decided
 * by the pure `s31aReferralProblem`): the problem to show on the offence field, or null. Reads
 * nothing when no S31A offence is referred.
 */
export async function s31aReferralCheck(db: Db, actor: Actor, offences: readonly string[], now: Date, field = 'offences'): Promise<FieldProblem | null> {
  if (!offences.includes('S31A')) return null;
  const today = ukDate(now);
  const [requiresTraining, referrer] = await Promise.all([s31aRequiresTraining(db, today), s31aReferrer(db, actor)]);
  return s31aReferralProblem({ offences, requiresTraining, referrer, today }, field);
}
