import { isFinished } from '../liability/stages.js';
import { formatPounds } from '../penalty/money.js';
import type { CaseFile, LiabilityRecord } from './case-file.js';
import type { CaseDecision } from './decision.js';
import { CASE_EVENT } from './events.js';

/** The responsible persons of one offence whose penalties are added up against the maximum. */
export function splitMembers<L extends LiabilityRecord>(file: CaseFile<CaseFile['kase'], L>, offence: string): L[] {
  return file.liabilities.filter((row) => row.offence === offence && !isFinished(file.states.get(row.id)!.stage));
}

/**
 * When the penalties of an incident's responsible persons add up to more than the aggregate maximum,
 * a senior officer records how the maximum is split before any of them is imposed (DOMAIN.md §1–2).
 * Each share must not exceed that person's own penalty and the shares must not exceed the maximum;
 * the fold checks the split with `checkAggregateCaps`, and imposition uses each share.
 */
export function decideAggregateSplit(file: CaseFile, input: { offence: 'S31A' | 'S32'; amountsPence: Record<string, number> }): CaseDecision {
  const members = splitMembers(file, input.offence);
  const problems: string[] = [];
  const cap = members.map((row) => file.states.get(row.id)!.aggregateCap).find(Boolean);
  if (!cap) problems.push('The maximum can be split only when every responsible person for this offence has a recommendation.');
  else if (!cap.exceedsCap) problems.push(`The penalties total ${formatPounds(cap.totalPence)}, within the maximum of ${formatPounds(cap.capPence)}: no split is needed.`);
  for (const row of members) {
    const amount = input.amountsPence[row.id];
    const own = file.states.get(row.id)!.recommendation?.amountPence;
    if (amount === undefined) problems.push(`Enter the amount for ${row.partyName}.`);
    else if (own !== undefined && amount > own) problems.push(`${row.partyName}'s share (${formatPounds(amount)}) is more than their own penalty (${formatPounds(own)}).`);
  }
  const total = Object.values(input.amountsPence).reduce((sum, amount) => sum + amount, 0);
  if (cap && total > cap.capPence) problems.push(`The shares add up to ${formatPounds(total)}, more than the maximum of ${formatPounds(cap.capPence)}.`);
  if (problems.length) return { ok: false, message: problems.join(' '), errors: problems.map((message) => ({ field: 'amounts', message })) };
  const amountsPence = Object.fromEntries(members.map((row) => [row.id, input.amountsPence[row.id]!]));
  return { ok: true, events: [{ type: CASE_EVENT.AggregateSplitRecorded, payload: { offence: input.offence, amountsPence } }] };
}
