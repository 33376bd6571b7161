import { z } from 'zod';
import { caseCommand } from '../case-command.js';
import { decideAggregateSplit, splitMembers } from '../../../domain/case/aggregate.js';

export { splitMembers };

export const aggregateSplitInput = z.object({
  reference: z.string(),
  offence: z.enum(['S31A', 'S32'], { message: 'Choose the offence whose maximum is split' }),
  amountsPence: z.record(z.string(), z.number().int().min(0)),
});

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
  decide: decideAggregateSplit,
});
