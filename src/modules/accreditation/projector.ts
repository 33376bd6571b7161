import { eq, sql } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { ACCREDITATION_APPLICATION_EVENT as E } from '../../domain/accreditation/events.js';
import { normaliseName } from '../../domain/parties/names.js';
import { ASSURANCE_EVENT, CHECK_REMINDER_EVENT } from '../../domain/accreditation/assurance-events.js';
import { accreditationCheckReminders, accreditationMemberChecks } from './assurance-schema.js';
import { accreditationApplications, accreditationAreaAssessments, accreditationInformation, accreditationMemberships } from './schema.js';
import { ACCREDITATION_LETTER_EVENT } from '../../domain/accreditation/letters.js';
import { accreditationLetters } from './assess-schema.js';
import { ACCREDITATION_REVIEW_EVENT } from '../../domain/accreditation/review.js';
import { accreditationReviews } from './review-schema.js';

export const APPLICATION_STREAM_PREFIX = 'accreditation-application-';
export const applicationStreamId = (reference: string) => `${APPLICATION_STREAM_PREFIX}${reference}`;
export const referenceOfStream = (streamId: string) => streamId.slice(APPLICATION_STREAM_PREFIX.length);

/** The only writer of the accreditation application tables. */
export const accreditationApplicationsProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationApplications, accreditationAreaAssessments, accreditationInformation, accreditationMemberships],
  streamTypes: ['accreditation-application'],
  async apply(tx, event) {
    const reference = referenceOfStream(event.streamId);
    const where = eq(accreditationApplications.reference, reference);
    if (isEventOf(event, E.AccreditationApplicationSubmitted)) {
      const p = event.payload;
      await tx.insert(accreditationApplications).values({
        reference,
        status: 'submitted',
        companyName: p.company.name,
        normalisedName: normaliseName(p.company.name, { legalForms: true }).key,
        country: p.company.country,
        addressLines: p.company.addressLines,
        postcode: p.company.postcode,
        operatorLicence: p.company.operatorLicence,
        contactName: p.company.contactName,
        email: p.company.email,
        phone: p.company.phone,
        numberOfDrivers: p.company.numberOfDrivers,
        language: p.language,
        channel: p.channel,
        evidence: p.areas,
        driverChecklistFileIds: p.driverChecklists.fileIds,
        driverChecklistsRequired: p.driverChecklists.required,
        receivedOn: p.receivedOn,
        submittedAt: event.occurredAt,
        dueOn: p.decisionDue,
        version: event.version,
      });
    } else if (isEventOf(event, E.AccreditationInformationRequested)) {
      const p = event.payload;
      await tx.update(accreditationApplications).set({ status: 'awaitingInformation', openRequest: { areas: p.areas, message: p.message, requestedOn: p.requestedOn }, version: event.version }).where(where);
      await tx.insert(accreditationInformation).values({ reference, version: event.version, kind: 'request', areas: p.areas, text: p.message, fileIds: [], on: p.requestedOn, byName: event.actorName, at: event.occurredAt });
    } else if (isEventOf(event, E.AccreditationInformationProvided)) {
      const p = event.payload;
      await tx.update(accreditationApplications).set({ status: 'underAssessment', openRequest: null, version: event.version }).where(where);
      await tx.insert(accreditationInformation).values({ reference, version: event.version, kind: 'answer', areas: [], text: p.text, fileIds: p.fileIds, on: p.providedOn, byName: event.actorName, at: event.occurredAt });
    } else if (isEventOf(event, E.AccreditationAreaAssessed)) {
      const p = event.payload;
      const finding = { outcome: p.outcome, notes: p.notes, assessedById: event.actorId, assessedByName: event.actorName, assessedAt: event.occurredAt };
      await tx
        .insert(accreditationAreaAssessments)
        .values({ reference, area: p.area, ...finding })
        .onConflictDoUpdate({ target: [accreditationAreaAssessments.reference, accreditationAreaAssessments.area], set: finding });
      // The first finding starts the assessment; it never moves an application out of another status.
      await tx
        .update(accreditationApplications)
        .set({ status: sql`case when ${accreditationApplications.status} = 'submitted' then 'underAssessment' else ${accreditationApplications.status} end`, version: event.version })
        .where(where);
    } else if (isEventOf(event, E.AccreditationRefusalProposed)) {
      const p = event.payload;
      await tx
        .update(accreditationApplications)
        .set({ status: 'refusalProposed', refusalProposal: { reasons: p.reasons, summary: p.summary, proposedById: p.proposedById, proposedByName: p.proposedByName, proposedOn: p.proposedOn }, version: event.version })
        .where(where);
    } else if (isEventOf(event, E.AccreditationRefusalReturned)) {
      await tx.update(accreditationApplications).set({ status: 'underAssessment', refusalProposal: null, version: event.version }).where(where);
    } else if (isEventOf(event, E.AccreditationRefusalApproved)) {
      const p = event.payload;
      await tx.update(accreditationApplications).set({ status: 'refused', decidedOn: p.refusedOn, refusalApprovedByName: p.approvedByName, version: event.version }).where(where);
    } else if (isEventOf(event, E.AccreditationApplicationAccepted)) {
      const p = event.payload;
      await tx.update(accreditationApplications).set({ status: 'accepted', decidedOn: p.acceptedOn, partyId: p.partyId, memberFrom: p.memberFrom, version: event.version }).where(where);
      await tx.insert(accreditationMemberships).values({ applicationReference: reference, partyId: p.partyId, memberFrom: p.memberFrom });
    } else if (isEventOf(event, E.AccreditationApplicationWithdrawn)) {
      const p = event.payload;
      await tx.update(accreditationApplications).set({ status: 'withdrawn', decidedOn: p.withdrawnOn, withdrawnReason: p.reason, openRequest: null, version: event.version }).where(where);
    }
  },
};

// Assurance of members (acc-register).
/** The only writer of `accreditation_member_checks`. */
export const assuranceProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationMemberChecks],
  streamTypes: ['accreditation-assurance'],
  async apply(tx, event) {
    if (isEventOf(event, ASSURANCE_EVENT.MemberCheckRecorded)) {
      const p = event.payload;
      await tx.insert(accreditationMemberChecks).values({
        id: p.checkId,
        partyId: p.partyId,
        kind: p.kind,
        date: p.date,
        findings: p.findings,
        outcome: p.outcome,
        notes: p.notes,
        nextCheckDue: p.nextCheckDue,
        recordedById: event.actorId,
        recordedByName: event.actorName,
        recordedAt: event.occurredAt,
        version: event.version,
      });
    }
  },
};

/** The only writer of `accreditation_check_reminders` (the reminders of members' checks due, acc-loose). */
export const checkRemindersProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationCheckReminders],
  streamTypes: ['accreditation-check-reminder'],
  async apply(tx, event) {
    if (isEventOf(event, CHECK_REMINDER_EVENT.MemberCheckReminderSent)) {
      const p = event.payload;
      await tx.insert(accreditationCheckReminders).values({ partyId: p.partyId, dueOn: p.dueOn, memberName: p.memberName, overdue: p.overdue, sentTo: p.to, sentOn: p.sentOn, sentAt: event.occurredAt });
    }
  },
};

/* The letters of applications (acc-assess, README-assess.md): the `accreditation-letter` stream. */

export const letterIdOfStream = (streamId: string) => streamId.slice('accreditation-letter-'.length);

/** The only writer of `accreditation_letters`. */
export const accreditationLettersProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationLetters],
  streamTypes: ['accreditation-letter'],
  async apply(tx, event) {
    if (isEventOf(event, ACCREDITATION_LETTER_EVENT.AccreditationLetterProduced)) {
      const p = event.payload;
      await tx.insert(accreditationLetters).values({
        id: p.letterId,
        applicationReference: p.applicationReference,
        kind: p.kind,
        form: p.form,
        title: p.title,
        language: p.language,
        fileHash: p.fileHash,
        layoutHash: p.layoutHash ?? null,
        producedOn: p.producedOn,
        producedAt: event.occurredAt,
        producedByName: event.actorName,
        version: event.version,
      });
    } else if (isEventOf(event, ACCREDITATION_LETTER_EVENT.AccreditationLetterEmailed)) {
      await tx.update(accreditationLetters).set({ emailedTo: event.payload.to, emailedOn: event.payload.emailedOn, version: event.version }).where(eq(accreditationLetters.id, letterIdOfStream(event.streamId)));
    } else if (isEventOf(event, ACCREDITATION_LETTER_EVENT.AccreditationLetterPosted)) {
      await tx.update(accreditationLetters).set({ postedOn: event.payload.postedOn, postedByName: event.actorName, version: event.version }).where(eq(accreditationLetters.id, letterIdOfStream(event.streamId)));
    }
  },
};

/* Reviews of members (acc-review, README-review.md): the `accreditation-review` stream. */

export const REVIEW_STREAM_PREFIX = 'accreditation-review-';
export const reviewStreamId = (reviewId: string) => `${REVIEW_STREAM_PREFIX}${reviewId}`;

/** The only writer of `accreditation_reviews`. */
export const accreditationReviewsProjector: Projector = {
  module: 'accreditation',
  tables: [accreditationReviews],
  streamTypes: ['accreditation-review'],
  async apply(tx, event) {
    if (isEventOf(event, ACCREDITATION_REVIEW_EVENT.MembershipReviewRaised)) {
      const p = event.payload;
      await tx.insert(accreditationReviews).values({
        id: p.reviewId,
        partyId: p.partyId,
        trigger: p.trigger,
        incidents: p.incidents.map((incident) => ({ ...incident, offences: [...incident.offences] })),
        windowFrom: p.windowFrom,
        windowTo: p.windowTo,
        requirements: [...p.requirements],
        raisedOn: p.raisedOn,
        version: event.version,
      });
    } else if (isEventOf(event, ACCREDITATION_REVIEW_EVENT.MembershipReviewConcluded)) {
      const p = event.payload;
      await tx
        .update(accreditationReviews)
        .set({ outcome: p.outcome, reasons: p.reasons, notes: p.notes, concludedByName: p.byName, concludedOn: p.concludedOn, version: event.version })
        .where(eq(accreditationReviews.id, event.streamId.slice(REVIEW_STREAM_PREFIX.length)));
    }
  },
};
