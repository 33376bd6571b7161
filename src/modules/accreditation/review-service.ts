import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { stableId } from './stable-id.js';
import { executeCommand, type CommandContext, type CommandOutcome } from '../../platform/events/command.js';
import type { Clock } from '../../platform/clock.js';
import type { JobKind } from '../../platform/jobs/queue.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { cpasReapplyFrom } from '../../domain/clock/accreditation-and-debt-deadlines.js';
import { addDays, daysBetween, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { blockingOf, membershipOn as statusOn, membershipPeriods, type MembershipPeriod } from '../../domain/accreditation/membership.js';
import { reviewTriggersFor, type ReviewIncident, type ReviewTrigger, type ReviewTriggerKind } from '../../domain/accreditation/review-triggers.js';
import type { ReviewOutcome } from '../../domain/accreditation/review.js';
import { evolve } from '../../domain/liability/evolve.js';
import { deadlineOf } from '../../domain/liability/liability-clock.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { paymentReference } from '../../domain/payments/payment-reference.js';
import type { Role } from '../../domain/penalty/penalty-input.js';
import type { PolicyVersion } from '../../domain/policy/policy-parameters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { companyIncidentsOfParties } from '../casework/queries.js';
import { CASE_COMPANY_CONFIRMED } from '../casework/link-party.js';
import { penaltyHistoriesOfParty } from '../casework/case-file.js';
import { accreditationLetters } from './assess-schema.js';
import type { MembershipRecord, MembershipService } from './membership-service.js';
import type { MemberForLetter, MemberLetters, PenaltyToPay } from './member-letters.js';
import { concludeMembershipReview, raiseMembershipReview, REVIEW_RAISER } from './review-commands.js';
import { accreditationReviews } from './review-schema.js';

/*
 * Reviews of CPAS members (issue #16 item 3, README-review.md): raised by Cordon when a member's
 * incident completes a review trigger, listed for staff oldest first, concluded by a Senior Officer;
 * and the daily notice of a member's suspension or removal (both derived, so a job notices them and
 * the letter, recorded once, is the record that the member was told).
 */

/** The job queued by casework when a company of a case is confirmed in the register (`CASE_COMPANY_CONFIRMED`). */
export const REVIEW_CHECK_OF_CASE = CASE_COMPANY_CONFIRMED;
/** Once a day: every member's incidents checked again (an incident amended, entries merged, a check that failed). */
export const REVIEW_SWEEP = 'accreditation-review-sweep';
/** Once a day: a letter to each member newly suspended or removed for an unpaid penalty. */
export const MEMBERSHIP_NOTICES = 'accreditation-membership-notices';

/** The application a membership was accepted on, as the letters need it (the application module's row). */
export interface MembershipApplication {
  reference: string;
  language: string;
  companyName: string;
  contactName: string;
  addressLines: readonly string[];
  postcode: string | null;
  country: string;
  email: string;
}

export interface ReviewServiceDeps {
  /** Every accepted membership (the application module's `memberships()`). */
  memberships: () => Promise<readonly MembershipRecord[]>;
  membership: MembershipService;
  /** Every register entry of the same identity (the parties register). */
  identityMembers: (partyId: string) => Promise<readonly string[]>;
  /** The security requirement findings recorded on an incident (intake's, through app.ts). */
  requirementsOfIncident: (incidentId: string) => Promise<Readonly<Record<string, string>>>;
  /** The accepted application's company and contact. */
  applicationOf: (reference: string) => Promise<MembershipApplication | null>;
  policyOn: (date: CalendarDate) => Promise<PolicyVersion>;
  letters: MemberLetters;
  clock: Clock;
}

/** A review's id from the member, the trigger and its incidents: the same completed window or incident is one review. */
export function reviewIdFor(partyId: string, trigger: Pick<ReviewTrigger, 'trigger' | 'incidents'>): string {
  return stableId(`accreditation-review:${partyId}:${trigger.trigger}:${[...trigger.incidents].sort().join(',')}`);
}

const words = (key: string, params?: Record<string, string | number>) => t('en', key as MessageKey, params);

export type ReviewRow = typeof accreditationReviews.$inferSelect;

export function reviewService(db: Db, deps: ReviewServiceDeps) {
  const today = () => ukDate(deps.clock.now());

  async function row(reviewId: string): Promise<ReviewRow | null> {
    const [found] = await db.select().from(accreditationReviews).where(eq(accreditationReviews.id, reviewId));
    return found ?? null;
  }

  /** The member's latest accepted membership and its application, for its letters and its name. */
  async function memberOf(partyId: string, all?: readonly MembershipRecord[]): Promise<MemberForLetter | null> {
    const latest = [...(all ?? (await deps.memberships()))].filter((m) => m.partyId === partyId).sort((a, b) => (a.memberFrom < b.memberFrom ? 1 : -1))[0];
    if (!latest) return null;
    const application = await deps.applicationOf(latest.reference);
    if (!application) return null;
    return {
      partyId,
      reference: latest.reference,
      language: application.language,
      memberFrom: latest.memberFrom,
      company: { name: application.companyName, contactName: application.contactName, addressLines: application.addressLines, postcode: application.postcode, country: application.country, email: application.email },
    };
  }

  /** The trigger in words for staff ("3 S32 incidents within 12 months"). */
  async function triggerWords(review: Pick<ReviewRow, 'trigger' | 'incidents' | 'windowFrom'>): Promise<string> {
    const policy = await deps.policyOn(review.windowFrom);
    return words(`accreditation.review.trigger.${review.trigger}.staff`, { n: review.incidents.length, months: policy.parameters.accreditation.reviewWindowMonths });
  }

  const service = {
    /**
     * Checks one member's incidents and raises each review a trigger calls for and none raised
     * before, with its letter. An incident counts when the party was a member (or suspended) on its
     * date, and only while the party is still in the scheme today. Answers the reviews raised now.
     * Running it again raises nothing.
     */
    async checkMember(partyId: string, context: Partial<CommandContext> = {}): Promise<string[]> {
      const now = context.now ?? deps.clock.now();
      const all = await deps.memberships();
      if (!all.some((membership) => membership.partyId === partyId)) return [];
      const entries = [...new Set([partyId, ...(await deps.identityMembers(partyId))])];
      const cases = await companyIncidentsOfParties(db, entries);
      if (cases.length === 0) return [];
      const incidents: (ReviewIncident & { caseId: string })[] = [];
      for (const kase of cases) {
        incidents.push({ incidentId: kase.reference, caseId: kase.caseId, date: kase.incidentDate, offences: kase.offences, requirements: (kase.incidentId ? await deps.requirementsOfIncident(kase.incidentId) : {}) as ReviewIncident['requirements'] });
      }
      const facts = await deps.membership.factsOf(partyId, all);
      // A company no longer in the scheme today (removed, or its membership never began) is not reviewed: there is nothing to decide.
      const day = ukDate(now);
      if (!['member', 'suspended'].includes(statusOn(facts, day, await deps.policyOn(day)).status)) return [];
      const raised: string[] = [];
      let member: MemberForLetter | null | undefined;
      for (const incident of incidents) {
        const policy = await deps.policyOn(incident.date);
        const status = statusOn(facts, incident.date, policy).status;
        if (status !== 'member' && status !== 'suspended') continue;
        for (const trigger of reviewTriggersFor(incident, incidents, policy)) {
          const reviewId = reviewIdFor(partyId, trigger);
          if (!(await row(reviewId))) {
            const records = incidents.filter((other) => trigger.incidents.includes(other.incidentId)).map((other) => ({ caseReference: other.incidentId, date: other.date, offences: [...other.offences] }));
            const outcome = await executeCommand(
              db,
              raiseMembershipReview,
              { reviewId, partyId, trigger, incidents: records, statusOnIncidentDate: status },
              { actor: REVIEW_RAISER, now, idempotencyKey: `accreditation-review:${reviewId}` },
            );
            if (!outcome.ok) continue;
            raised.push(reviewId);
          }
          // The member is told once (the letter's id is the review's); a letter that failed goes on the next run.
          member = member === undefined ? await memberOf(partyId, all) : member;
          const review = await row(reviewId);
          if (member && review) {
            await deps.letters.send(
              member,
              { kind: 'reviewOpened', reviewId, trigger: review.trigger as ReviewTriggerKind, incidents: review.incidents, windowFrom: review.windowFrom, windowTo: review.windowTo, requirements: review.requirements },
              { actor: REVIEW_RAISER, now },
            );
          }
        }
      }
      return raised;
    },

    /** After a company of a case was confirmed as `partyId`: checks each member of the same identity. */
    async checkConfirmedCompany(partyId: string, context: Partial<CommandContext> = {}): Promise<string[]> {
      const entries = new Set([partyId, ...(await deps.identityMembers(partyId))]);
      const members = [...new Set((await deps.memberships()).map((m) => m.partyId).filter((id) => entries.has(id)))];
      const raised: string[] = [];
      for (const member of members) raised.push(...(await service.checkMember(member, context)));
      return raised;
    },

    /** Every member checked (the daily sweep). */
    async checkAll(context: Partial<CommandContext> = {}): Promise<string[]> {
      const members = [...new Set((await deps.memberships()).map((m) => m.partyId))];
      const raised: string[] = [];
      for (const member of members) raised.push(...(await service.checkMember(member, context)));
      return raised;
    },

    /** The days reviews of the party concluded with removal (the membership rules read these). */
    async reviewRemovalsOf(partyId: string): Promise<CalendarDate[]> {
      const rows = await db
        .select({ on: accreditationReviews.concludedOn })
        .from(accreditationReviews)
        .where(and(eq(accreditationReviews.partyId, partyId), eq(accreditationReviews.outcome, 'remove')))
        .orderBy(asc(accreditationReviews.concludedOn));
      return rows.map((r) => r.on).filter((on): on is string => on !== null);
    },

    /** Open reviews, oldest first: the member's name, the trigger in words, the incidents, days open. */
    async queue() {
      const open = await db.select().from(accreditationReviews).where(isNull(accreditationReviews.outcome)).orderBy(asc(accreditationReviews.raisedOn), asc(accreditationReviews.id));
      const all = await deps.memberships();
      const day = today();
      const rows = [];
      for (const review of open) {
        rows.push({
          id: review.id,
          memberName: nameOf(all, review.partyId),
          triggerText: await triggerWords(review),
          incidents: review.incidents.map((incident) => ({ reference: incident.caseReference, date: incident.date, href: `/cases/${incident.caseReference}` })),
          raisedOn: review.raisedOn,
          daysOpen: daysBetween(review.raisedOn, day),
        });
      }
      return rows;
    },

    /** Reviews concluded, newest first (the queue's second table). */
    async concluded(limit = 20) {
      const done = await db.select().from(accreditationReviews).where(isNotNull(accreditationReviews.outcome)).orderBy(desc(accreditationReviews.concludedOn), asc(accreditationReviews.id)).limit(limit);
      const all = await deps.memberships();
      return done.map((review) => ({ id: review.id, memberName: nameOf(all, review.partyId), outcome: review.outcome as ReviewOutcome, concludedOn: review.concludedOn!, concludedByName: review.concludedByName ?? '' }));
    },

    /** What a Senior Officer decides on: the member, its membership history, the incidents, the trigger. */
    async view(reviewId: string) {
      const review = await row(reviewId);
      if (!review) return null;
      const all = await deps.memberships();
      const day = today();
      const policy = await deps.policyOn(day);
      const facts = await deps.membership.factsOf(review.partyId, all);
      const periods = membershipPeriods(facts, policy).filter((period) => period.status !== 'none');
      const current = statusOn(facts, day, policy);
      const member = await memberOf(review.partyId, all);
      const letters = member
        ? (await db.select().from(accreditationLetters).where(eq(accreditationLetters.applicationReference, member.reference)).orderBy(asc(accreditationLetters.producedOn), asc(accreditationLetters.id))).filter((letter) =>
            ['reviewOpened', 'reviewKept', 'reviewRemoved', 'suspended', 'removed'].includes(letter.kind),
          )
        : [];
      return {
        review,
        memberName: nameOf(all, review.partyId),
        member,
        memberships: all.filter((m) => m.partyId === review.partyId),
        triggerText: await triggerWords(review),
        incidents: review.incidents.map((incident) => ({ ...incident, href: `/cases/${incident.caseReference}` })),
        periods: periods.map((period) => describePeriod(period)),
        currentStatus: current.status,
        daysOpen: daysBetween(review.raisedOn, review.concludedOn ?? day),
        letters,
      };
    },

    /**
     * A Senior Officer concludes: keep (notes) or remove (reasons). The member gets the letter; a
     * removal takes effect that day (the membership rules read the review's removal).
     */
    async conclude(reviewId: string, input: { outcome: string; reasons?: string; notes?: string }, context: CommandContext): Promise<CommandOutcome<{ reviewId: string; version: number; emailedTo: string | null }>> {
      const now = context.now ?? deps.clock.now();
      const outcome = await executeCommand(db, concludeMembershipReview, { reviewId, ...input }, { ...context, now });
      if (!outcome.ok) return outcome;
      const review = (await row(reviewId))!;
      const member = await memberOf(review.partyId);
      let emailedTo: string | null = null;
      if (member && review.outcome === 'keep') {
        emailedTo = (await deps.letters.send(member, { kind: 'reviewKept', reviewId, notes: review.notes ?? '' }, { actor: context.actor, now })).emailedTo;
      } else if (member && review.outcome === 'remove' && review.concludedOn) {
        const on = await deps.membership.membershipOn(review.partyId, review.concludedOn);
        const reapplyFrom = on.period.removal?.reapplyFrom ?? cpasReapplyFrom(review.concludedOn, await deps.policyOn(review.concludedOn)).date;
        emailedTo = (await deps.letters.send(member, { kind: 'reviewRemoved', reviewId, reasons: review.reasons ?? '', removedOn: review.concludedOn, reapplyFrom }, { actor: context.actor, now })).emailedTo;
      }
      return { ...outcome, value: { ...outcome.value, emailedTo } };
    },

    /**
     * Today's letters to members newly suspended, or removed for an unpaid penalty (both derived
     * from the record, so this notices them). Each letter's id is the member and the day the
     * suspension began (or the removal): a second run on the day, or the next day, sends nothing.
     */
    async sendMembershipNotices(now: Date = deps.clock.now()): Promise<{ suspended: string[]; removed: string[] }> {
      const day = ukDate(now);
      const all = await deps.memberships();
      const sent = { suspended: [] as string[], removed: [] as string[] };
      for (const partyId of [...new Set(all.map((m) => m.partyId))]) {
        const on = await deps.membership.membershipOn(partyId, day);
        const period = on.period;
        if (on.status === 'suspended' && period.from && period.removalIfUnpaidOn) {
          const request = { kind: 'suspended' as const, suspendedFrom: period.from, removalOn: period.removalIfUnpaidOn, penalties: [] as PenaltyToPay[] };
          if (await deps.letters.sent({ partyId }, request)) continue;
          const member = await memberOf(partyId, all);
          if (!member) continue;
          request.penalties = await penaltiesBlockingOn(db, partyId, day);
          if ((await deps.letters.send(member, request, { actor: REVIEW_RAISER, now })).produced) sent.suspended.push(partyId);
        } else if (on.status === 'removed' && period.removal?.cause === 'unpaidPenalty') {
          const request = { kind: 'removed' as const, removedOn: period.removal.on, reapplyFrom: period.removal.reapplyFrom };
          if (await deps.letters.sent({ partyId }, request)) continue;
          const member = await memberOf(partyId, all);
          if (!member) continue;
          if ((await deps.letters.send(member, request, { actor: REVIEW_RAISER, now })).produced) sent.removed.push(partyId);
        }
      }
      return sent;
    },

    /** The job kinds: the check after a company is confirmed on a case, the daily sweep, the daily notices. */
    jobKinds(): Record<string, JobKind> {
      return {
        [REVIEW_CHECK_OF_CASE]: {
          run: async (payload, { now }) => {
            if (typeof payload.partyId === 'string') await service.checkConfirmedCompany(payload.partyId, { now });
          },
        },
        [REVIEW_SWEEP]: { run: async (_payload, { now }) => void (await service.checkAll({ now })) },
        [MEMBERSHIP_NOTICES]: { run: async (_payload, { now }) => void (await service.sendMembershipNotices(now)) },
      };
    },
  };
  return service;
}

function nameOf(all: readonly MembershipRecord[], partyId: string): string {
  const latest = all.filter((m) => m.partyId === partyId).sort((a, b) => (a.memberFrom < b.memberFrom ? 1 : -1))[0];
  return latest?.companyName ?? latest?.reference ?? partyId;
}

/** A period of the membership history as the review page lists it (`until` exclusive: the last day is the day before). */
function describePeriod(period: MembershipPeriod) {
  return {
    status: period.status,
    statusName: words(`accreditation.review.status.${period.status}`),
    from: period.from,
    lastDay: period.until ? addDays(period.until, -1) : null,
    removal: period.removal ?? null,
    removalIfUnpaidOn: period.removalIfUnpaidOn ?? null,
  };
}

/** The member's penalties (as a company) blocking its membership on `day`: what the suspension letter asks it to pay. */
async function penaltiesBlockingOn(db: Db, partyId: string, day: CalendarDate): Promise<PenaltyToPay[]> {
  const histories = await penaltyHistoriesOfParty(db, partyId);
  const penalties: PenaltyToPay[] = [];
  for (const history of histories) {
    const blocking = blockingOf(history, history.policyVersion).some((interval) => interval.from <= day && (interval.until === null || day < interval.until));
    if (!blocking) continue;
    const state = history.events.reduce(evolve, history.opening);
    const due = deadlineOf(state, history.policyVersion, 'paymentDue');
    penalties.push({ caseReference: history.reference, paymentReference: paymentReference(history.reference, history.role as Role), outstandingPence: outstandingPence(state) ?? 0, paymentDue: due ?? day });
  }
  return penalties;
}

export type ReviewService = ReturnType<typeof reviewService>;
