import { z } from 'zod';
import { caseCommand } from '../case-command.js';
import type { CaseFile } from '../case-file.js';
import { CASE_EVENT } from '../../../domain/case/events.js';
import { formatPounds } from '../../../domain/penalty/money.js';
import { isFinished } from '../../../domain/liability/stages.js';

export const aggregateSplitInput = z.object({
  reference: z.string(),
  offence: z.enum(['S31A', 'S32'], { message: 'Choose the offence whose maximum is split' }),
  amountsPence: z.record(z.string(), z.number().int().min(0)),
});

/** The responsible persons of one offence whose penalties are added up against the maximum. */
export function splitMembers(file: CaseFile, offence: string) {
  return file.liabilities.filter((row) => row.offence === offence && !isFinished(file.states.get(row.id)!.stage));
}

/**
 * When the penalties of an incident's responsible persons add up to more than the aggregate maximum,
 * a senior officer records how the maximum is split before any of them is imposed (DOMAIN.md §1–2).
 * Each share must not exceed that person's own penalty and the shares must not exceed the maximum;
 * the fold checks the split with `checkAggregateCaps`, and imposition uses each share.
 */
export const recordAggregateSplit = caseCommand({
  name: 'recordAggregateSplit',
  input: aggregateSplitInput,
  roles: ['senior-officer'],
  decide(file, input) {
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
  },
});
