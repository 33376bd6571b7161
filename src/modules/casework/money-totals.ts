import { sql, type SQL } from 'drizzle-orm';
import { CASE_EVENT } from '../../domain/case/events.js';

/*
 * A liability's money, folded from its steps (`liability_money_steps`): one definition, read two ways.
 *
 * - `liabilityMoneyFold(at)`: the aggregates over the steps recorded by `at` (insight's `money`
 *   family folds the steps of a liability this way when some of them were recorded after its asOf).
 * - `liability_money_totals` (schema.ts): the same fold over every step, one row per liability, kept
 *   by casework's projector each time a step is written (`projectMoneyTotals` in projector.ts, the
 *   table's only writer). For an asOf on or
 *   after the liability's last step (`last_recorded_at`), it is what the fold as of asOf gives, so
 *   the family reads one row per penalty instead of folding every step of the year's liabilities.
 */

/** The steps `x` a fold of the steps recorded by `at` keeps (every step when `at` is null). */
const recorded = (at: SQL | null, condition: SQL) => (at === null ? condition : sql`x.recorded_at <= ${at} and ${condition}`);

/**
 * The money fold's aggregates over a liability's steps (`x`, rows of `liability_money_steps`, grouped
 * by stream and liability), of the steps recorded by `at` (all of them when null):
 * - `first_penalty_version`: the first penalty's version, whenever it was recorded (an earlier
 *   penalty of the liability excludes a later one);
 * - `cancelled`: an objection or appeal decided with outcome cancel;
 * - `last_amount_pence`: the amount of the latest penalty, objection, appeal or means reduction (by
 *   version, unique on the stream: the greatest [version, amount] pair's amount, an aggregate that can
 *   be hashed and split across workers, unlike an ordered `array_agg`);
 * - `paid_pence`, `refunded_pence`, `costs_pence`: sums; `written_off`: a write-off approved;
 * - `has_referral`: a referral to the debt agency; `closed_version`: the last closure's version
 *   (which referral is still open is for `openReferral`).
 */
export function liabilityMoneyFold(at: SQL | null): SQL {
  return sql`min(x.version) filter (where x.type = ${CASE_EVENT.PenaltyImposed}) as first_penalty_version,
    coalesce(bool_or(${recorded(at, sql`x.type in (${CASE_EVENT.ObjectionDetermined}, ${CASE_EVENT.AppealDecided}) and x.outcome in ('cancel', 'cancelled')`)}), false) as cancelled,
    (max(array[x.version::bigint, x.amount_pence])
       filter (where ${recorded(at, sql`x.type in (${CASE_EVENT.PenaltyImposed}, ${CASE_EVENT.ObjectionDetermined}, ${CASE_EVENT.AppealDecided}, ${CASE_EVENT.MeansReductionAssured})`)}))[2] as last_amount_pence,
    coalesce(sum(x.amount_pence) filter (where ${recorded(at, sql`x.type = ${CASE_EVENT.PaymentReceived}`)}), 0) as paid_pence,
    coalesce(sum(x.amount_pence) filter (where ${recorded(at, sql`x.type = ${CASE_EVENT.RefundApproved}`)}), 0) as refunded_pence,
    coalesce(sum(x.amount_pence) filter (where ${recorded(at, sql`x.type = ${CASE_EVENT.DetentionCostsCharged}`)}), 0) as costs_pence,
    coalesce(bool_or(${recorded(at, sql`x.type = ${CASE_EVENT.WriteOffApproved}`)}), false) as written_off,
    coalesce(bool_or(${recorded(at, sql`x.type = ${CASE_EVENT.DebtReferredToAgency}`)}), false) as has_referral,
    max(x.version) filter (where ${recorded(at, sql`x.type = ${CASE_EVENT.LiabilityClosed}`)}) as closed_version`;
}

/**
 * Whether the folded liability `l` (its `stream_id`, `liability_id`, `has_referral`,
 * `closed_version`) has a referral to the debt agency still open among the steps recorded by `at`
 * (all when null): one recorded then, not closed after it, with no outcome from the agency.
 */
export function openReferral(at: SQL | null, l: string): SQL {
  const fold = sql.raw(l);
  const recordedX = at === null ? sql`` : sql` and x.recorded_at <= ${at}`;
  const recordedY = at === null ? sql`` : sql` and y.recorded_at <= ${at}`;
  return sql`(${fold}.has_referral and exists (
    select 1 from liability_money_steps x
    where x.stream_id = ${fold}.stream_id and x.liability_id = ${fold}.liability_id and x.type = ${CASE_EVENT.DebtReferredToAgency}${recordedX}
      and (${fold}.closed_version is null or x.version >= ${fold}.closed_version)
      and not exists (select 1 from liability_money_steps y where y.stream_id = x.stream_id and y.type = ${CASE_EVENT.DebtAgencyOutcomeRecorded}
                        and y.referral_id = x.referral_id${recordedY})))`;
}
