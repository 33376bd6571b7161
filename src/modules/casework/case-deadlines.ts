import { deadlines, type DeadlinesInput } from '../../domain/clock/deadlines.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';

const LABELS: Record<string, string> = {
  lastDayToImpose: 'Last day to impose the penalty',
  earliestImposition: 'Earliest day to impose',
  lastDayToSendInitialNotice: 'Last day to send the initial notice',
  initialNoticeResponseDue: 'Response to the initial notice due',
  objectionDue: 'Objection must be received by',
  objectionDeterminationDue: 'Objection to be decided by',
  appealDue: 'Appeal to the county court by',
  paymentDue: 'Payment due',
  detentionSaleFrom: 'Detained vehicle may be sold from',
  warningFourteenDays: 'Work queue warning (two weeks before the last day)',
  warningSevenDays: 'Urgent warning (one week before the last day)',
};

/**
 * The case's statutory clock, derived from its recorded facts every time it is shown (nobody types
 * a deadline), with how far away each date is from today.
 */
export function caseDeadlines(facts: DeadlinesInput, versions: readonly PolicyVersion[], today: string) {
  const policy = policyInForce(versions, facts.incidentDate);
  if (!policy.ok) return { ok: false as const, reasons: policy.reasons };
  const outcome = deadlines(facts, policy.policyVersion);
  if (!outcome.ok) return { ok: false as const, reasons: outcome.reasons };
  const day = 86_400_000;
  return {
    ok: true as const,
    policyVersion: policy.policyVersion.version,
    deadlines: outcome.result.deadlines
      .filter((d) => !d.name.startsWith('warning'))
      .map((d) => {
        const daysLeft = Math.round((Date.parse(`${d.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / day);
        return {
          ...d,
          label: LABELS[d.name] ?? d.name,
          daysLeft,
          status: daysLeft < 0 ? 'passed' : daysLeft <= 7 ? 'urgent' : daysLeft <= 14 ? 'soon' : 'ok',
        };
      }),
  };
}
