import { cpasReapplyFrom, cpasSuspensionDates } from '../clock/accreditation-and-debt-deadlines.js';
import { addDays, compareDates, isAfter, isBefore, laterOf, type CalendarDate } from '../clock/calendar-date.js';
import { deadlineOf } from '../liability/liability-clock.js';
import type { LiabilityEvent } from '../liability/liability-events.js';
import { evolve } from '../liability/evolve.js';
import type { LiabilityState } from '../liability/liability-state.js';
import { valBlock } from '../liability/vehicle-action-list.js';
import type { PolicyVersion } from '../policy/policy-parameters.js';

/*
 * A CPAS member's status on any date (DOMAIN.md §3 and §7), derived every time from the record and
 * never typed: the accepted memberships, the member's penalties' history and the removals decided
 * on review.
 *
 * A penalty is "blocking" on a day when, after everything recorded up to and including that day,
 * it is past its payment due date with money outstanding and nothing stands in the way — the
 * Vehicle Action List's rule (`valBlock`: objection, appeal, means assessment, a kept instalment
 * plan, a review, a write-off…), reused, not copied. While any of the member's penalties blocks,
 * the member is suspended (from the day after the due date: the first blocking day) for the
 * suspension period; if no penalty blocks any more before the period ends, the member is a member
 * again from that day; if one still blocks on the day after the period, the member is removed that
 * day, and may reapply the policy's number of calendar months later.
 */

export const MEMBERSHIP_STATUSES = ['applied', 'member', 'suspended', 'removed', 'eligibleToReapply', 'none'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Days `from` (inclusive) to `until` (exclusive); `until` null: still running. */
export interface DateInterval {
  from: CalendarDate;
  until: CalendarDate | null;
}

/** One penalty's record: the liability as opened and its events in the order recorded. */
export interface PenaltyHistory {
  opening: LiabilityState;
  events: readonly LiabilityEvent[];
}

export interface AcceptedMembership {
  memberFrom: CalendarDate;
  reference?: string;
}

export interface ApplicationFact {
  receivedOn: CalendarDate;
  /** The day it was accepted, refused or withdrawn; absent while undecided. */
  decidedOn?: CalendarDate | null;
}

export interface MembershipFacts {
  memberships: readonly AcceptedMembership[];
  /** The union of the member's penalties' blocking intervals (`blockingOf`). */
  blocking: readonly DateInterval[];
  /** Days a Senior Officer concluded a review with removal. */
  reviewRemovals: readonly CalendarDate[];
  applications?: readonly ApplicationFact[];
}

export type RemovalCause = 'unpaidPenalty' | 'review';

/** One stretch of a party's membership history; `until` exclusive, null while it lasts. */
export interface MembershipPeriod {
  status: Exclude<MembershipStatus, 'applied'>;
  from: CalendarDate | null;
  until: CalendarDate | null;
  /** Suspended: the day it is removed if the penalty is still unpaid. */
  removalIfUnpaidOn?: CalendarDate;
  /** Removed or eligible to reapply: why and when removed, and the first day a new application is possible. */
  removal?: { on: CalendarDate; cause: RemovalCause; reapplyFrom: CalendarDate };
}

export interface MembershipOnDate {
  status: MembershipStatus;
  period: MembershipPeriod;
}

/**
 * The intervals during which one penalty blocks membership: replays the liability's events day by
 * day (all events of a day before judging it) and asks `valBlock` of the state at the end of each.
 */
export function blockingOf(history: PenaltyHistory, policyVersion: PolicyVersion): DateInterval[] {
  const byDay = new Map<CalendarDate, LiabilityEvent[]>();
  for (const event of history.events) byDay.set(event.payload.on, [...(byDay.get(event.payload.on) ?? []), event]);
  const days = [...byDay.keys()].sort(compareDates);
  const intervals: DateInterval[] = [];
  let state = history.opening;
  days.forEach((day, index) => {
    state = (byDay.get(day) ?? []).reduce(evolve, state);
    const next = days[index + 1] ?? null;
    if (valBlock(state) !== null) return;
    const due = deadlineOf(state, policyVersion, 'paymentDue');
    if (!due) return;
    const from = laterOf(day, addDays(due, 1));
    if (next === null || isBefore(from, next)) intervals.push({ from, until: next });
  });
  return mergeIntervals(intervals);
}

/** Overlapping or touching intervals joined, in date order. */
export function mergeIntervals(intervals: readonly DateInterval[]): DateInterval[] {
  const sorted = [...intervals].sort((a, b) => compareDates(a.from, b.from));
  const merged: DateInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.until === null || !isBefore(last.until, interval.from))) {
      merged[merged.length - 1] = { from: last.from, until: last.until === null || interval.until === null ? null : laterOf(last.until, interval.until) };
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

/** Every penalty's blocking intervals, joined: the member is suspended while any one blocks. */
export function blockingOfAll(histories: readonly PenaltyHistory[], policyVersion: PolicyVersion): DateInterval[] {
  return mergeIntervals(histories.flatMap((history) => blockingOf(history, policyVersion)));
}

/**
 * The party's membership history as consecutive periods, from the beginning of time ('none') to
 * the open-ended last one. Pending applications are laid over it by `membershipOn`.
 */
export function membershipPeriods(facts: MembershipFacts, policyVersion: PolicyVersion): MembershipPeriod[] {
  const memberships = [...facts.memberships].sort((a, b) => compareDates(a.memberFrom, b.memberFrom));
  const reviewRemovals = [...facts.reviewRemovals].sort(compareDates);
  const periods: MembershipPeriod[] = [];
  let index = 0;
  const first = memberships[0];
  if (!first) return [{ status: 'none', from: null, until: null }];
  periods.push({ status: 'none', from: null, until: first.memberFrom });
  while (index < memberships.length) {
    const membership = memberships[index];
    if (!membership) break;
    const removal = walkMembership(membership.memberFrom, facts.blocking, reviewRemovals, policyVersion, periods);
    if (!removal) return periods;
    // The next acceptance on or after the removal starts a new membership; earlier ones were the same.
    index = memberships.findIndex((candidate, at) => at > index && !isBefore(candidate.memberFrom, removal.on));
    const nextFrom = index === -1 ? null : (memberships[index]?.memberFrom ?? null);
    const reapply = removal.reapplyFrom;
    if (nextFrom !== null && !isAfter(nextFrom, reapply)) {
      // Accepted again on the very day of the removal: the new membership starts at once.
      if (isBefore(removal.on, nextFrom)) periods.push({ status: 'removed', from: removal.on, until: nextFrom, removal });
    } else {
      periods.push({ status: 'removed', from: removal.on, until: reapply, removal });
      periods.push({ status: 'eligibleToReapply', from: reapply, until: nextFrom, removal });
    }
    if (index === -1) break;
  }
  return periods;
}

/** Appends the periods of one membership from `start`; returns its removal, or null while it lasts. */
function walkMembership(
  start: CalendarDate,
  blocking: readonly DateInterval[],
  reviewRemovals: readonly CalendarDate[],
  policyVersion: PolicyVersion,
  periods: MembershipPeriod[],
): MembershipPeriod['removal'] | null {
  const removedOn = (on: CalendarDate, cause: RemovalCause) => ({ on, cause, reapplyFrom: cpasReapplyFrom(on, policyVersion).date });
  const review = reviewRemovals.find((date) => !isBefore(date, start)) ?? null;
  let cursor = start;
  for (const interval of blocking) {
    if (interval.until !== null && !isAfter(interval.until, cursor)) continue;
    const suspendedFrom = laterOf(interval.from, cursor);
    if (review !== null && !isAfter(review, suspendedFrom)) break;
    if (isBefore(cursor, suspendedFrom)) periods.push({ status: 'member', from: cursor, until: suspendedFrom });
    const removalIfUnpaidOn = cpasSuspensionDates(addDays(suspendedFrom, -1), policyVersion).find((date) => date.name === 'cpasRemovalIfUnpaid')!.date;
    const liftedOn = interval.until !== null && isBefore(interval.until, removalIfUnpaidOn) ? interval.until : null;
    const ends = liftedOn ?? removalIfUnpaidOn;
    if (review !== null && isBefore(review, ends)) {
      periods.push({ status: 'suspended', from: suspendedFrom, until: review, removalIfUnpaidOn });
      return removedOn(review, 'review');
    }
    periods.push({ status: 'suspended', from: suspendedFrom, until: ends, removalIfUnpaidOn });
    if (liftedOn === null) return removedOn(removalIfUnpaidOn, 'unpaidPenalty');
    cursor = liftedOn;
  }
  if (review !== null) {
    if (isBefore(cursor, review)) periods.push({ status: 'member', from: cursor, until: review });
    return removedOn(review, 'review');
  }
  periods.push({ status: 'member', from: cursor, until: null });
  return null;
}

/** The period holding `date`. */
export function periodOn(periods: readonly MembershipPeriod[], date: CalendarDate): MembershipPeriod {
  const found = periods.find((period) => (period.from === null || !isBefore(date, period.from)) && (period.until === null || isBefore(date, period.until)));
  // membershipPeriods covers every date; reaching this is a programming error.
  if (!found) throw new Error(`no membership period holds ${date}`);
  return found;
}

/** An application received on or before `date` and not decided by then. */
export function applicationPendingOn(applications: readonly ApplicationFact[], date: CalendarDate): boolean {
  return applications.some((application) => !isAfter(application.receivedOn, date) && (application.decidedOn == null || isAfter(application.decidedOn, date)));
}

/** The member's status on `date`: an undecided application shows as `applied` where there is no membership. */
export function membershipOn(facts: MembershipFacts, date: CalendarDate, policyVersion: PolicyVersion): MembershipOnDate {
  const period = periodOn(membershipPeriods(facts, policyVersion), date);
  const applied = (period.status === 'none' || period.status === 'eligibleToReapply') && applicationPendingOn(facts.applications ?? [], date);
  return { status: applied ? 'applied' : period.status, period };
}

/**
 * Whether a new application may be made on `date`: refused while a member (or suspended) and until
 * the reapply date after a removal. The refusal carries the date it becomes possible, if any.
 */
export function eligibleToApply(
  facts: MembershipFacts,
  date: CalendarDate,
  policyVersion: PolicyVersion,
): { ok: true } | { ok: false; code: 'accreditation.membership.refusal.removed'; reapplyFrom: CalendarDate } | { ok: false; code: 'accreditation.membership.refusal.alreadyMember' } {
  const { period } = membershipOn(facts, date, policyVersion);
  if (period.status === 'removed' && period.removal) return { ok: false, code: 'accreditation.membership.refusal.removed', reapplyFrom: period.removal.reapplyFrom };
  if (period.status === 'member' || period.status === 'suspended') return { ok: false, code: 'accreditation.membership.refusal.alreadyMember' };
  return { ok: true };
}
