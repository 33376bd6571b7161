import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { decideRecordMemberCheck, type MemberCheckState } from '../../domain/accreditation/assurance.js';
import { DEFAULT_RECHECK_EVERY_MONTHS } from '../../domain/policy/policy-parameters.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { policyService } from '../policy/service.js';
import { CASEWORKERS } from '../identity/roles.js';
import { assuranceProjector } from './projector.js';
import { accreditationMemberChecks } from './assurance-schema.js';

/** Who records checks of members: the penalty team's caseworkers, assurers and managers. */
export const ASSURANCE_OFFICERS = CASEWORKERS;

/** The re-check interval of the policy in force on a day (`accreditation.recheckEveryMonths`). */
export async function recheckEveryMonths(db: Db, day: string): Promise<number> {
  const chosen = policyInForce(await policyService(db).versions(), day);
  return chosen.ok ? (chosen.policyVersion.parameters.accreditation.recheckEveryMonths ?? DEFAULT_RECHECK_EVERY_MONTHS) : DEFAULT_RECHECK_EVERY_MONTHS;
}

export const recordMemberCheckInput = z.object({
  checkId: z.uuid(),
  partyId: z.string().min(1).max(100),
  kind: z.string().max(40),
  date: z.string().max(10),
  findings: z.array(z.object({ area: z.string().max(40), result: z.string().max(10), notes: z.string().max(10000).optional() })).max(10),
  outcome: z.string().max(40),
  notes: z.string().max(10000).optional(),
  /** What the membership service said of the party on the day of the check (read by the service before the command). */
  membership: z.object({ memberOnDate: z.boolean(), memberFrom: z.string().nullable() }),
});
export type RecordMemberCheckInput = z.infer<typeof recordMemberCheckInput>;

export const assuranceStreamId = (partyId: string) => `accreditation-assurance-${partyId}`;

/** A check of a member, on the member's assurance stream. */
export const recordMemberCheck: CommandDefinition<RecordMemberCheckInput, MemberCheckState, { checkId: string; nextCheckDue: string }> = {
  name: 'recordMemberCheck',
  input: recordMemberCheckInput,
  roles: ASSURANCE_OFFICERS,
  streamType: 'accreditation-assurance',
  optimistic: true,
  async load(tx, input, context) {
    const [last] = await tx.select({ version: accreditationMemberChecks.version }).from(accreditationMemberChecks).where(eq(accreditationMemberChecks.partyId, input.partyId)).orderBy(desc(accreditationMemberChecks.version)).limit(1);
    const day = isCalendarDate(input.date) ? input.date : ukDate(context.now);
    return {
      streamId: assuranceStreamId(input.partyId),
      version: last?.version ?? 0,
      state: { memberOnDate: input.membership.memberOnDate, memberFrom: input.membership.memberFrom, recheckEveryMonths: await recheckEveryMonths(tx, day) },
    };
  },
  decide: decideRecordMemberCheck,
  projectors: [assuranceProjector],
  project: async (_tx, { input, events }) => {
    const recorded = events[0]?.payload as { nextCheckDue?: string } | undefined;
    return { checkId: input.checkId, nextCheckDue: recorded?.nextCheckDue ?? '' };
  },
};
