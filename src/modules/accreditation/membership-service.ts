import type { CalendarDate } from '../../domain/clock/calendar-date.js';
import {
  eligibleToApply as eligibleOn,
  mergeIntervals,
  blockingOf,
  membershipOn as statusOn,
  type AcceptedMembership,
  type ApplicationFact,
  type MembershipFacts,
  type MembershipOnDate,
  type PenaltyHistory,
} from '../../domain/accreditation/membership.js';
import { normaliseName } from '../../domain/parties/names.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import type { Db } from '../../platform/database/client.js';
import { penaltyHistoriesOfParty } from '../casework/case-file.js';
import { policyService } from '../policy/service.js';

/*
 * CPAS membership read from the record (src/domain/accreditation/membership.ts does the rules):
 * the accepted memberships come from the application module's `memberships()` (acc-core's
 * `accreditation_memberships` table, injected so this file never names it), the member's penalties
 * from casework's published `penaltyHistoriesOfParty`, removals on review from the review stream.
 * Nothing is stored: the status is derived on every call.
 */

/** An accepted membership as the application module publishes it. */
export interface MembershipRecord extends AcceptedMembership {
  partyId: string;
  reference: string;
  companyName?: string;
  /** The register's key of the company name (`normaliseName(…, { legalForms: true }).key`). */
  normalisedName?: string;
  country?: string | null;
}

export interface MembershipSources {
  /** Every accepted membership (acc-core's service `memberships()`). */
  memberships: () => Promise<readonly MembershipRecord[]>;
  /** The party's applications, decided or not (acc-core): an undecided one shows as `applied`. */
  applicationsOf?: (partyId: string) => Promise<readonly ApplicationFact[]>;
  /** Days a review of the party concluded with removal (the review stream). */
  reviewRemovalsOf?: (partyId: string) => Promise<readonly CalendarDate[]>;
  /** The party's penalties as a company, with the policy of each incident (casework, published). */
  penaltyHistoriesOf: (partyId: string) => Promise<readonly (PenaltyHistory & { policyVersion: PolicyVersion })[]>;
  /** The policy in force on a date (suspension days, reapply months). */
  policyOn: (date: CalendarDate) => Promise<PolicyVersion>;
}

/** The policy in force on a date; a day before the first version (a register asked about 1900): the scheme's first rules. */
export function policyOnIn(db: Db): (date: CalendarDate) => Promise<PolicyVersion> {
  return async (date) => {
    const versions = await policyService(db).versions();
    const chosen = policyInForce(versions, date);
    if (chosen.ok) return chosen.policyVersion;
    const first = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
    if (!first) throw new Error(`no policy version in force on ${date}: ${chosen.reasons.join(' ')}`);
    return first;
  };
}

/** The sources read from the database, given the application module's memberships. */
export function membershipSourcesIn(db: Db, sources: Pick<MembershipSources, 'memberships'> & Partial<MembershipSources>): MembershipSources {
  return {
    penaltyHistoriesOf: (partyId) => penaltyHistoriesOfParty(db, partyId),
    policyOn: policyOnIn(db),
    ...sources,
  };
}

export function membershipService(sources: MembershipSources) {
  async function factsOf(partyId: string, all?: readonly MembershipRecord[]): Promise<MembershipFacts> {
    const memberships = (all ?? (await sources.memberships())).filter((membership) => membership.partyId === partyId);
    const histories = memberships.length > 0 ? await sources.penaltyHistoriesOf(partyId) : [];
    return {
      memberships,
      blocking: mergeIntervals(histories.flatMap((history) => blockingOf(history, history.policyVersion))),
      reviewRemovals: sources.reviewRemovalsOf ? await sources.reviewRemovalsOf(partyId) : [],
      applications: sources.applicationsOf ? await sources.applicationsOf(partyId) : [],
    };
  }

  return {
    factsOf,
    /** The party's status on `date`, with the period it falls in (suspension end, removal and reapply dates) and the membership's reference. */
    async membershipOn(partyId: string, date: CalendarDate): Promise<MembershipOnDate & { reference: string | null }> {
      const facts = await factsOf(partyId);
      const on = statusOn(facts, date, await sources.policyOn(date));
      // The reference of the membership the date falls in (the latest accepted by then); none when never a member by then.
      const held = facts.memberships.filter((membership) => membership.memberFrom <= date).sort((a, b) => (a.memberFrom < b.memberFrom ? 1 : -1))[0];
      return { ...on, reference: on.status === 'none' || on.status === 'applied' ? null : (held?.reference ?? null) };
    },
    /** The memberships whose party is a member on `date`: never a suspended or removed one (the register reads this). */
    async membersOn(date: CalendarDate): Promise<MembershipRecord[]> {
      const all = await sources.memberships();
      const latest = new Map<string, MembershipRecord>();
      for (const membership of all) {
        const known = latest.get(membership.partyId);
        if (membership.memberFrom <= date && (!known || known.memberFrom < membership.memberFrom)) latest.set(membership.partyId, membership);
      }
      if (latest.size === 0) return [];
      const policy = await sources.policyOn(date);
      const members: MembershipRecord[] = [];
      for (const [partyId, membership] of latest) {
        if (statusOn(await factsOf(partyId, all), date, policy).status === 'member') members.push(membership);
      }
      return members.sort((a, b) => (a.companyName ?? a.reference).localeCompare(b.companyName ?? b.reference));
    },
    /**
     * May the party apply on `date`? Refused while a member and, after a removal, until the reapply
     * date (the refusal code `accreditation.membership.refusal.removed` with `reapplyFrom`). A company
     * not in the register (no party yet) may always apply.
     */
    async eligibleToApply(partyId: string | null, date: CalendarDate) {
      if (!partyId) return { ok: true } as const;
      return eligibleOn(await factsOf(partyId), date, await sources.policyOn(date));
    },
    /**
     * The same for a new application known only by its company name (before the register resolves
     * it): every membership whose name has the same register key, in any spelling; the first refusal.
     */
    async eligibleToApplyByName(companyName: string, date: CalendarDate) {
      const key = normaliseName(companyName, { legalForms: true }).key;
      const all = await sources.memberships();
      const policy = await sources.policyOn(date);
      const partyIds = [...new Set(all.filter((membership) => membership.normalisedName === key).map((membership) => membership.partyId))];
      for (const partyId of partyIds) {
        const eligible = eligibleOn(await factsOf(partyId, all), date, policy);
        if (!eligible.ok) return eligible;
      }
      return { ok: true } as const;
    },
  };
}

export type MembershipService = ReturnType<typeof membershipService>;
