import type { FastifyInstance } from 'fastify';
import { letterDetailsProblem, loadConfig, loadLetterDetails, type Config, type LetterDetails } from './platform/config.js';
import type { FileStore } from './platform/files/file-store.js';
import { openFileStore } from './platform/files/open-file-store.js';
import type { Database } from './platform/database/client.js';
import { migrationStatus } from './platform/database/client.js';
import { buildServer, type ServerOptions } from './platform/http/server.js';
import { openApiDocument } from './platform/http/api.js';
import { identityService, SYSTEM_ACTOR } from './modules/identity/service.js';
import { identityRoutes, SESSION_COOKIE } from './modules/identity/routes.js';
import { identityAdminRoutes } from './modules/identity/admin-routes.js';
import { navigationFor } from './modules/identity/navigation.js';
import { singleSignOn } from './modules/identity/oidc.js';
import { singleSignOnRoutes } from './modules/identity/oidc-routes.js';
import { casesService } from './modules/casework/service.js';
import { casesRoutes } from './modules/casework/routes.js';
import { caseworkRoutes } from './modules/casework/casework-routes.js';
import { caseworkApi } from './modules/casework/casework-api.js';
import { caseActions } from './modules/casework/case-actions.js';
import { paymentsCaseActions } from './modules/enforcement/case-actions.js';
import { correspondenceCaseActions } from './modules/correspondence/case-actions.js';
import { caseLetterEffect, EMAIL_LETTER } from './modules/correspondence/case-letters.js';
import { emailLetterJobKind, queueLetterEmailsNotYetSent } from './modules/correspondence/letter-email.js';
import { objectionLetterEffect } from './modules/correspondence/objection-letter-effect.js';
import { refundLetterEffect } from './modules/correspondence/refund-letter-effect.js';
import { letterKindsEffect } from './modules/correspondence/letter-kinds.js';
import { PAYMENT_REMINDERS, paymentRemindersJobKind } from './modules/correspondence/payment-reminders.js';
import { VAL_RECORD_JOB, valRecordJobKind } from './modules/vehicle-action-list/val-record.js';
import { detentionLetterEffect } from './modules/correspondence/detention-letter.js';
import { recordDetentionWith } from './modules/enforcement/detention-commands.js';
import { driverPenaltyOwnerEffect } from './modules/correspondence/driver-penalty-owner-effect.js';
import { meansLetterEffect } from './modules/correspondence/means-letter-effect.js';
import { discretionConsistencyRoutes } from './modules/casework/discretion/consistency.js';
import { paymentsSection } from './modules/finance/payments-section.js';
import { correspondenceRoutes } from './modules/correspondence/correspondence-routes.js';
import { lettersApi } from './modules/correspondence/letters-api.js';
import { caseViewRoutes } from './modules/portal/case-view-routes.js';
import { lettersSection } from './modules/correspondence/letters-section.js';
import { aggregateRoutes, aggregateSection } from './modules/casework/aggregate/aggregate-routes.js';
import { workRoutes } from './modules/casework/work/routes.js';
import { meansRoutes } from './modules/casework/means/means-routes.js';
import { meansFor, meansSection } from './modules/casework/means/means-section.js';
import { appealRoutes } from './modules/casework/appeals/appeal-routes.js';
import { appealSection } from './modules/casework/appeals/appeal-section.js';
import { aroundRoutes } from './modules/casework/around/around-routes.js';
import { notesSection } from './modules/casework/around/case-notes.js';
import { linksSection } from './modules/casework/around/links-section.js';
import { borderEventsRoutes } from './modules/intake/routes.js';
import { borderEventsService } from './modules/intake/service.js';
import { incidentDataOf, incidentsNamingPersonBornOn } from './modules/intake/queries.js';
import { portalActionsService } from './modules/portal/actions/portal-actions.js';
import { borderEventsApi } from './modules/intake/api.js';
import { searchRoutes } from './modules/intake/search-routes.js';
import { incidentRoutes } from './modules/intake/incident-routes.js';
import { evidenceRoutes } from './modules/intake/evidence-routes.js';
import { notReferredRoutes } from './modules/intake/not-referred-routes.js';
import { driverNoticeRoutes } from './modules/intake/driver-notice-routes.js';
import { peopleFoundRoutes } from './modules/intake/people-found-routes.js';
import { recordsRoutes } from './modules/intake/records-routes.js';
import { detectionRoutes } from './modules/intake/detection-routes.js';
import { detectionReportRoutes } from './modules/insight/detection/routes.js';
import { teamRoutes } from './modules/intake/team-routes.js';
import { OutboxMailer, openMailer, type Mailer } from './platform/notify/mailer.js';
import path from 'node:path';
import { systemClock, type Clock } from './platform/clock.js';
import { policyService } from './modules/policy/service.js';
import { policyRoutes } from './modules/policy/routes.js';
import { calculationsRoutes } from './modules/calculations/routes.js';
import { partiesService } from './modules/parties/service.js';
import { partiesRoutes } from './modules/parties/routes.js';
import { MISSED_INSTALMENTS, missedInstalmentsJobKind } from './modules/finance/missed-instalments.js';
import { JobRunner } from './platform/jobs/queue.js';
import { jobsRoutes } from './platform/jobs/routes.js';
import { financeRoutes, financeServices } from './modules/finance/routes.js';
import { enforcementRoutes, enforcementSections, enforcementServices } from './modules/enforcement/routes.js';
import { listChangeSignal } from './modules/plate-checks/list-changes.js';
import { watchlistService } from './modules/plate-checks/watchlist.js';
import { hitsService } from './modules/plate-checks/hits.js';
import { plateChecksRoutes } from './modules/plate-checks/routes.js';
import { vehicleActionListRoutes } from './modules/vehicle-action-list/val-routes.js';
import { jointLiabilitySection } from './modules/vehicle-action-list/joint-section.js';
import { borderEventsProjector } from './modules/intake/projector.js';
import { policyProjector } from './modules/policy/projector.js';
import { financeProjector } from './modules/finance/projector.js';
import { enforcementProjector } from './modules/enforcement/projector.js';
import { correspondenceProjector } from './modules/correspondence/projector.js';
import { lettersOfCaseById } from './modules/correspondence/queries.js';
import { casesProjector, indexNamesOfEarlierCases } from './modules/casework/projector.js';
import { carryOverCases } from './modules/casework/carry-over.js';
import { carryOverLedgerRows } from './modules/finance/carry-over.js';
import { carryOverDebtReferrals } from './modules/enforcement/carry-over.js';
import { partiesProjector } from './modules/parties/projector.js';
import { carryOverRegister } from './modules/parties/carry-over.js';
import { identityProjector } from './modules/identity/projector.js';
import { plateChecksProjector } from './modules/plate-checks/projector.js';
import { carryOverIncidentRowsOlderEventsLack } from './modules/intake/carry-over.js';
import { carryOverWatchlistEntriesOlderImportsLack } from './modules/plate-checks/carry-over.js';
import type { Projector } from './platform/projections/projector.js';
import { personalDataReadLog } from './modules/privacy/read-log.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { informationRequestsProjector } from './modules/information-requests/projector.js';
import { informationRequestsService } from './modules/information-requests/service.js';
import { informationRequestsRoutes } from './modules/information-requests/routes.js';
import { informationRequestsSection } from './modules/information-requests/case-section.js';
import { trainingProjector } from './modules/training/projector.js';
import { trainingRoutes } from './modules/training/routes.js';
import { languagesRoutes } from './modules/languages/routes.js';
import { trainingService } from './modules/training/service.js';
import { cardPaymentsProjector } from './modules/card-payments/projector.js';
import { cardPaymentsService } from './modules/card-payments/service.js';
import { cardPaymentsRoutes } from './modules/card-payments/routes.js';
import { payRoutes } from './modules/portal/pay-routes.js';
import { paymentProviderFromEnv, portalSettingsProblem } from './platform/payments/config.js';
import type { PaymentProvider } from './platform/payments/provider.js';
import { questionsProjector } from './modules/questions/projector.js';
import { questionsService } from './modules/questions/service.js';
import { questionsRoutes } from './modules/questions/routes.js';
import { contactRoutes } from './modules/questions/contact-routes.js';
import { portalQuestionsRoutes } from './modules/questions/portal-routes.js';
import { questionsSection } from './modules/questions/case-section.js';
import { feedbackProjector } from './modules/feedback/projector.js';
import { feedbackService } from './modules/feedback/service.js';
import { feedbackRoutes } from './modules/feedback/routes.js';
import { insightRoutes } from './modules/insight/routes.js';
import { managementRoutes } from './modules/insight/management/routes.js';
import { improvementsService } from './modules/insight/improvements.js';
import { portalRoutes, sendPublicError } from './modules/portal/portal-routes.js';
import { PORTAL_COOKIE } from './modules/portal/session.js';
import { objectionRoutes } from './modules/portal/actions/objection-routes.js';
import { portalMeansRoutes } from './modules/portal/actions/means-routes.js';
import { portalInstalmentsRoutes } from './modules/portal/actions/instalments-routes.js';
import { portalContactDetailsRoutes } from './modules/portal/actions/contact-details-routes.js';
import { portalQuestionnaireRoutes } from './modules/portal/actions/questionnaire-routes.js';
import { applyRoutes, submitThrough } from './modules/accreditation/apply-routes.js';
import { answerRoutes } from './modules/accreditation/answer-routes.js';
import { ACCREDITATION_DRAFTS_EXPIRED, applicationDrafts, expiredDraftsJobKind } from './modules/accreditation/apply-drafts.js';
import { guidanceRoutes } from './modules/accreditation/guidance-routes.js';
import { registerRoutes } from './modules/accreditation/register-routes.js';
import type { MembersOn } from './modules/accreditation/register.js';
import { assuranceProjector, checkRemindersProjector } from './modules/accreditation/projector.js';
import { ACCREDITATION_CHECK_REMINDERS, checkRemindersJobKind } from './modules/accreditation/assurance-reminders.js';
import { assuranceService } from './modules/accreditation/assurance-service.js';
import { assuranceRoutes } from './modules/accreditation/assurance-routes.js';
import { accreditationApplicationsProjector } from './modules/accreditation/projector.js';
import { accreditationService } from './modules/accreditation/service.js';
import { accreditationApiRoutes } from './modules/accreditation/api-routes.js';
import { membershipService, membershipSourcesIn, policyOnIn } from './modules/accreditation/membership-service.js';
import { accreditationLettersProjector } from './modules/accreditation/projector.js';
import { assessService } from './modules/accreditation/assess-service.js';
import { assessLetters } from './modules/accreditation/assess-letters.js';
import { ACCREDITATION_LETTER_JOB } from './modules/accreditation/letter-job.js';
import { assessRoutes } from './modules/accreditation/assess-routes.js';
import { accreditationPolicy } from './modules/accreditation/commands.js';
import { accreditationReviewsProjector } from './modules/accreditation/projector.js';
import { MEMBERSHIP_NOTICES, REVIEW_SWEEP, reviewService } from './modules/accreditation/review-service.js';
import { memberLetters } from './modules/accreditation/member-letters.js';
import { reviewRoutes } from './modules/accreditation/review-routes.js';
import { recommendationsProjector } from './modules/recommendations/projector.js';
import { recommendationsService } from './modules/recommendations/service.js';
import { recommendationsRoutes } from './modules/recommendations/routes.js';
import { DATA_QUALITY_MEASURE, dataQualityMeasurer } from './modules/insight/quality/measure.js';
import { dataQualityRoutes } from './modules/insight/quality/routes.js';
import { annualReportFigure, recommendationFigureSources } from './modules/recommendations/figure-sources.js';
import { annualReport } from './modules/insight/annual/report.js';
import { SETTLE_MS } from './modules/insight/figure.js';
import { ukDate } from './domain/reference/uk-date.js';

/** Every module's projector: the only writers of the read tables, replayed by `cordon projections rebuild`. */
export const projectors: readonly Projector[] = [
  borderEventsProjector,
  policyProjector,
  identityProjector,
  plateChecksProjector,
  partiesProjector,
  casesProjector,
  correspondenceProjector,
  financeProjector,
  enforcementProjector,
  informationRequestsProjector,
  trainingProjector,
  cardPaymentsProjector,
  questionsProjector,
  feedbackProjector,
  assuranceProjector,
  checkRemindersProjector,
  accreditationApplicationsProjector,
  accreditationLettersProjector,
  accreditationReviewsProjector,
  recommendationsProjector,
];

/** Every service, built in one place; routes, the CLI and tests receive them from here. */
export function buildServices(database: Database, config: Pick<Config, 'sessionHours'> & { fileStore?: FileStore; dataDir?: string; clock?: Clock; mailer?: Mailer; letters?: LetterDetails; paymentProvider?: PaymentProvider }) {
  const files = config.fileStore ?? openFileStore({ dataDir: config.dataDir ?? loadConfig().dataDir });
  const mailer = config.mailer ?? openMailer(path.join(config.dataDir ?? loadConfig().dataDir, 'outbox'));
  const parties = partiesService(database.db);
  // The plate matcher hears of every casework step and watchlist change through this (and, on PostgreSQL, other processes' matchers too).
  const listChanges = listChangeSignal(database);
  const clock = config.clock ?? systemClock;
  // What letters print about the team and how to pay: configuration (CORDON_LETTERS_*, CORDON_BANK_*, CORDON_PAYMENT_URL).
  const letterDetails = config.letters ?? loadLetterDetails(process.env);
  // Requests for information to the referring officer: the case and the officer through casework's and intake's services (below).
  const informationRequests = informationRequestsService(database.db, {
    caseByReference: async (reference) => cases.getCase(reference),
    referringOfficerOf: async (caseId) => {
      const incident = await borderEventsService(database.db, files).incidentForCase(caseId);
      return incident ? { id: incident.createdById, name: incident.createdByName } : null;
    },
    files,
    clock,
  });
  const cases = casesService(database.db, {
    otherTimelineEntries: [(caseId) => informationRequests.timelineOf(caseId)],
    openPartyMatches: async (db, partyId) => (await partiesService(db).openMatches(partyId)).length,
    clock,
    // Letters read the incident through intake's published query, passed in here; each letter with
    // an email address queues its `email-letter` job in the step's transaction.
    effects: [
      caseLetterEffect(files, incidentDataOf, letterDetails),
      objectionLetterEffect(files, incidentDataOf, letterDetails),
      refundLetterEffect(files, incidentDataOf, letterDetails),
      // Every other letter a step produces (instalment plan, late objection refused, write-off…): one registry.
      letterKindsEffect(files, incidentDataOf, letterDetails),
      // The employer told of its driver's penalty (joint and several liability).
      driverPenaltyOwnerEffect(files, incidentDataOf, letterDetails),
      // The means decision after imposition (granted or refused).
      meansLetterEffect(files, incidentDataOf, letterDetails),
    ],
    afterCommit: [async () => listChanges.valChanged()],
    partySearch: async (q) => (await parties.search(q, 200)).map((party) => party.id),
    incidentsBornOn: incidentsNamingPersonBornOn,
  });
  const paymentProvider = config.paymentProvider ?? paymentProviderFromEnv(process.env);
  // Detaining a vehicle sends the detention notice in the same transaction.
  const recordDetention = recordDetentionWith([detentionLetterEffect(files, incidentDataOf, letterDetails)]);
  // CPAS membership on any date, derived from the accepted memberships, the member's penalties and reviews (issue #16).
  const accreditationMembership = membershipService(
    membershipSourcesIn(database.db, { memberships: () => accreditation.memberships(), reviewRemovalsOf: (partyId) => accreditationReviews.reviewRemovalsOf(partyId) }),
  );
  // Applications to the Civil Penalty Accreditation Scheme (issue #16): the company resolved in the parties register on acceptance;
  // a removed member may not apply again before its date.
  const accreditation = accreditationService(database.db, { parties, mailer, clock, eligibleToApply: (name, date) => accreditationMembership.eligibleToApplyByName(name, date) });
  // Reviews of CPAS members (issue #16 item 3): raised by Cordon from a member's incidents, concluded by a Senior Officer; the member's letters.
  const accreditationReviews = reviewService(database.db, {
    memberships: () => accreditation.memberships(),
    membership: accreditationMembership,
    identityMembers: (partyId) => parties.identityMembers(partyId),
    requirementsOfIncident: async (incidentId) => ((await incidentDataOf(database.db, incidentId)) as { requirements?: Record<string, string> } | null)?.requirements ?? {},
    applicationOf: async (reference) => {
      const application = await accreditation.get(reference);
      return application
        ? { reference, language: application.language, companyName: application.companyName, contactName: application.contactName, addressLines: application.addressLines, postcode: application.postcode, country: application.country, email: application.email }
        : null;
    },
    policyOn: policyOnIn(database.db),
    letters: memberLetters(database.db, { files, mailer, details: letterDetails, clock }),
    clock,
  });
  // A CPAS application's letters (acknowledgement, request for information, decision): made by a job its step queues, for the postal outbox; decisions emailed.
  const applicationLetters = assessLetters(database.db, { files, mailer, details: letterDetails, clock });
  // Work done once, by one process, and not lost: run by `cordon serve` (and `runUntilIdle()` in tests).
  const jobs = new JobRunner(database.db, {
    clock,
    kinds: {
      [EMAIL_LETTER]: emailLetterJobKind(database.db, files, mailer, clock),
      [MISSED_INSTALMENTS]: missedInstalmentsJobKind(database.db, cases),
      [PAYMENT_REMINDERS]: paymentRemindersJobKind(database.db, { cases, files, incidentDataOf, details: letterDetails }),
      // CPAS (issue #16): a member's review checked when a company of a case is confirmed, every member daily, suspension and removal letters daily.
      ...accreditationReviews.jobKinds(),
      // CPAS (issue #16): saved application drafts past their days deleted, daily.
      [ACCREDITATION_DRAFTS_EXPIRED]: expiredDraftsJobKind(applicationDrafts(database.db, { clock })),
      [ACCREDITATION_LETTER_JOB]: applicationLetters.jobKind(),
      // CPAS members' checks due soon or overdue: the assurance team emailed once per check, daily.
      // The Vehicle Action List of the day recorded, daily: its size as of a past instant (the management information).
      [VAL_RECORD_JOB]: valRecordJobKind(database.db),
      // Data quality (issue #17 item 5): every check counted and recorded once a day, for the counts over time.
      [DATA_QUALITY_MEASURE]: dataQualityMeasurer(database.db).jobKind(),
      [ACCREDITATION_CHECK_REMINDERS]: checkRemindersJobKind(database.db, { assurance: { list: () => assurance.list() }, mailer, to: process.env.CORDON_ACCREDITATION_ASSURANCE_EMAIL?.trim() || letterDetails.contact.email }),
    },
    // Missed instalments are found from the payments without anyone looking, once an hour across every process.
    // Payment reminders and final demands: once a day, days after the due date set by policy.
    schedules: [
      { kind: MISSED_INSTALMENTS, every: 'hour' },
      { kind: PAYMENT_REMINDERS, every: 'day' },
      { kind: REVIEW_SWEEP, every: 'day' },
      { kind: MEMBERSHIP_NOTICES, every: 'day' },
      { kind: ACCREDITATION_DRAFTS_EXPIRED, every: 'day' },
      { kind: ACCREDITATION_CHECK_REMINDERS, every: 'day' },
      { kind: VAL_RECORD_JOB, every: 'day' },
      { kind: DATA_QUALITY_MEASURE, every: 'day' },
    ],
  });
  // The public register and assurance list exactly the members on a day (never a suspended or removed one).
  const cpasMembersOn: MembersOn = async (date) =>
    (await accreditationMembership.membersOn(date)).map((m) => ({ partyId: m.partyId, reference: m.reference, name: m.companyName ?? m.reference, country: m.country ?? '', memberFrom: m.memberFrom }));
  // Assurance of CPAS members: checks recorded, the next check due by policy, reminders of checks due.
  const assurance = assuranceService(database.db, { membersOn: cpasMembersOn, clock });
  const services = {
    letterDetails,
    recordDetention,
    identity: identityService(database.db, { sessionHours: config.sessionHours, clock }),
    cases,
    jobs,
    files,
    mailer,
    policy: policyService(database.db),
    parties,
    borderEvents: borderEventsService(database.db, files),
    informationRequests,
    listChanges,
    watchlist: watchlistService(database.db, { clock: config.clock ?? systemClock, listChanges }),
    plateCheckHits: hitsService(database.db, { clock: config.clock ?? systemClock }),
    // Every read of a person's record by staff (the routes that show one record it; privacy module).
    personalDataReads: personalDataReadLog(database.db, config.clock ?? systemClock),
    // Officers' training and tickets; the S31A referral check (training module).
    training: trainingService(database.db),
    // Card payments online (GOV.UK Pay when GOVUK_PAY_API_KEY is set, otherwise the offline fake); recorded on the penalty through `cases`.
    paymentProvider,
    cardPayments: cardPaymentsService(database.db, { cases, provider: paymentProvider }),
    // What a signed-in person does online about their penalty (portal module, actions/).
    portalActions: portalActionsService(database.db, { cases, files, clock }),
    // Questions from the public (portal, email, phone) with their service level; feedback on the service.
    questions: questionsService(database.db, { caseByReference: async (reference) => cases.getCase(reference), mailer, clock }),
    feedback: feedbackService(database.db, { clock }),
    // CPAS members on a day, for the public register and assurance: the membership service's `membersOn` (never suspended or removed).
    cpasMembersOn,
    // Assurance of CPAS members: checks recorded, the next check due by policy.
    assurance,
    // Applications to the Civil Penalty Accreditation Scheme (issue #16): the company resolved in the parties register on acceptance.
    accreditation,
    accreditationMembership,
    accreditationReviews,
  };
  // The assessor's side of applications (issue #16 item 2): queue, checklist, actions with their letters, dashboard figures.
  const assess = assessService(database.db, {
    core: services.accreditation,
    letters: applicationLetters,
    clock,
    policy: async (day) => {
      const policy = await accreditationPolicy(database.db, day);
      return { flagDaysLeft: policy.flagDaysLeft, decisionWithinDays: policy.applicationDecisionDays };
    },
  });
  // The register of inspection recommendations (issue #17 item 6): owners are managers and analysts; figures read through the registry.
  const recommendations = recommendationsService(database.db, {
    owners: async () =>
      (await services.identity.listUsers()).filter((u) => !u.disabled && u.roles.some((role) => role === 'manager' || role === 'analyst')).map((u) => ({ id: u.id, name: u.displayName })),
    figures: recommendationFigureSources({
      accreditationFigures: () => assess.figures(),
      clock,
      // Recommendations 7, 7a–7d: this year's annual report, as of a minute ago, linked at that asOf.
      annualReport: annualReportFigure({ report: (year, asOf) => annualReport(database.db, year, asOf), clock, settleMs: SETTLE_MS, ukYear: (now) => Number(ukDate(now).slice(0, 4)) }),
    }),
    clock,
  });
  return { ...services, assess, applicationLetters, recommendations, ...financeServices(database.db, services), ...enforcementServices(database.db, services) };
}

/**
 * Brings a database up to date: migrations, the policy versions shipped with the code, then, once,
 * the rows that events recorded by earlier versions cannot rebuild carried onto their streams.
 */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await policyService(database.db).installDefaults();
  await carryOverLedgerRows(database.db);
  await carryOverDebtReferrals(database.db);
  await carryOverRegister(database.db);
  await carryOverIncidentRowsOlderEventsLack(database.db, SYSTEM_ACTOR);
  await carryOverWatchlistEntriesOlderImportsLack(database.db, SYSTEM_ACTOR);
  // Cases opened by older code: their rows onto their streams, once, so the log rebuilds them.
  await carryOverCases(database.db, { lettersOf: lettersOfCaseById, projectors: [correspondenceProjector] });
  // Cases opened before the case search read names as the register does: their names indexed, once.
  await indexNamesOfEarlierCases(database.db);
  // Letters earlier code would have emailed after the next step: each gets its job, once.
  await queueLetterEmailsNotYetSent(database.db, new Date());
}

export type Services = ReturnType<typeof buildServices>;

export async function createApp(
  database: Database,
  config: Pick<Config, 'sessionHours' | 'logLevel' | 'secureCookies' | 'signInRateLimitPerMinute'> &
    Partial<Pick<Config, 'trustedProxies' | 'metricsToken' | 'oidc' | 'production' | 'letters'>> & { cookieSecret: ServerOptions['cookieSecret']; fileStore?: FileStore; dataDir?: string; mailer?: Mailer; clock?: Clock } & Pick<ServerOptions, 'serviceNotice'>,
): Promise<{ app: FastifyInstance; services: Services }> {
  // Never serve letters with the local placeholder bank account or address in production.
  const placeholders = letterDetailsProblem(config.letters ?? loadLetterDetails(process.env), config.production ?? false);
  if (placeholders) throw new Error(placeholders);
  // Nor take payments with the offline fake provider, or print a local portal address on letters.
  const portalProblem = portalSettingsProblem(process.env, config.production ?? false);
  if (portalProblem) throw new Error(portalProblem);
  const services = buildServices(database, config);
  const app = await buildServer({
    logLevel: config.logLevel,
    cookieSecret: config.cookieSecret,
    secureCookies: config.secureCookies,
    sessionCookieName: SESSION_COOKIE,
    // Public forms are bound to the portal session as staff forms are to the sign-in session.
    csrfSessionOf: (request) => request.portal?.sessionId ?? null,
    otherSessionCookies: [PORTAL_COOKIE],
    publicErrorPage: sendPublicError,
    signInRateLimitPerMinute: config.signInRateLimitPerMinute,
    metricsToken: config.metricsToken,
    trustedProxies: config.trustedProxies ?? [],
    navigation: navigationFor,
    ...(config.serviceNotice ? { serviceNotice: config.serviceNotice } : {}),
    async resolveActor(request) {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        const actor = await services.identity.actorForApiToken(authorization.slice(7).trim());
        return actor ? { actor, by: 'token' } : null;
      }
      const session = request.cookies[SESSION_COOKIE];
      if (session) {
        const actor = await services.identity.actorForSession(session);
        return actor ? { actor, by: 'session' } : null;
      }
      return null;
    },
    async readiness(): Promise<{ ready: boolean; checks: Record<string, string> }> {
      try {
        const { expected, applied } = await migrationStatus(database);
        const current = applied === expected;
        return {
          ready: current,
          checks: { database: 'reachable', migrations: current ? `current (${applied})` : `${applied} of ${expected} applied` },
        };
      } catch (error) {
        return { ready: false, checks: { database: `unreachable: ${(error as Error).message}` } };
      }
    },
  });

  // Single sign-on (OpenID Connect) only when configured; local accounts are always there.
  if (config.oidc) singleSignOnRoutes(app, { signOn: singleSignOn(database.db, config.oidc, { sessionHours: config.sessionHours }), secureCookies: config.secureCookies });
  // Before any route: the routes that show a person's record log the read through this (platform/http/personal-data-reads.ts).
  app.decorate('personalDataReads', services.personalDataReads);
  // The public portal (issue 15): request.portal and the public pages' language for every request, first; sign-in and the case overview.
  portalRoutes(app, { db: database.db, clock: config.clock ?? systemClock, incidentDataOf, secureCookies: config.secureCookies, signInRateLimitPerMinute: config.signInRateLimitPerMinute, rememberLanguage: (person, language) => services.portalActions.choosePreferredLanguage(person, language) });
  // The portal's case overview, penalty pages and letter PDFs (portal-case-view).
  caseViewRoutes(app, { db: database.db, cases: services.cases, incidentDataOf, files: services.files });
  // What a signed-in person does about their penalty (portal-actions): the objection page.
  objectionRoutes(app, { actions: services.portalActions });
  portalMeansRoutes(app, { actions: services.portalActions });
  portalInstalmentsRoutes(app, { actions: services.portalActions });
  portalContactDetailsRoutes(app, { actions: services.portalActions });
  portalQuestionnaireRoutes(app, { actions: services.portalActions });
  identityRoutes(app, { identity: services.identity, secureCookies: config.secureCookies, signInRateLimitPerMinute: config.signInRateLimitPerMinute });
  identityAdminRoutes(app, { identity: services.identity });
  // A token revoked or an account changed on another process: forget the tokens this one remembers.
  const stopHearingCredentialChanges = await services.identity.listenForCredentialChanges(database, app.log);
  app.addHook('onClose', async () => stopHearingCredentialChanges());
  const work = workRoutes(app, { db: database.db, cases: services.cases, identity: services.identity });
  casesRoutes(app, { cases: services.cases, parties: services.parties, borderEvents: services.borderEvents, policy: services.policy, identity: services.identity, sections: [aggregateSection, work.section, meansSection, appealSection, notesSection, linksSection(database.db), lettersSection(database.db), paymentsSection, jointLiabilitySection(database.db), ...enforcementSections(services.debt), informationRequestsSection(services.informationRequests), questionsSection(services.questions)] });
  correspondenceRoutes(app, { db: database.db, cases: services.cases, files: services.files, postalSources: [services.applicationLetters.postal()] });
  lettersApi(app, { db: database.db, cases: services.cases });
  aggregateRoutes(app, { db: database.db, cases: services.cases });
  caseworkRoutes(app, { cases: services.cases, parties: services.parties, identity: services.identity, borderEvents: services.borderEvents, meansFor: meansFor(database.db), membershipOn: (partyId, date) => services.accreditationMembership.membershipOn(partyId, date) });
  caseworkApi(app, {
    db: database.db,
    cases: services.cases,
    parties: services.parties,
    identity: services.identity,
    borderEvents: services.borderEvents,
    meansFor: meansFor(database.db),
    membershipOn: (partyId, date) => services.accreditationMembership.membershipOn(partyId, date),
    caseActions: [
      ...caseActions({ db: database.db, cases: services.cases, identity: services.identity, parties: services.parties }),
      ...correspondenceCaseActions({ db: database.db }),
      ...paymentsCaseActions({ debt: services.debt, recordDetention: services.recordDetention }),
    ],
  });
  meansRoutes(app, { db: database.db, cases: services.cases });
  discretionConsistencyRoutes(app, { db: database.db, identity: services.identity });
  appealRoutes(app, { db: database.db, cases: services.cases });
  aroundRoutes(app, { db: database.db, cases: services.cases });
  partiesRoutes(app, { parties: services.parties, casesOfParties: (partyIds) => services.cases.casesOfParties(partyIds) });
  borderEventsRoutes(app, { borderEvents: services.borderEvents });
  borderEventsApi(app, { borderEvents: services.borderEvents });
  searchRoutes(app, { borderEvents: services.borderEvents });
  recordsRoutes(app, { borderEvents: services.borderEvents });
  teamRoutes(app, { db: database.db, clock: config.clock ?? systemClock });
  const mailer = services.mailer;
  const driverNotices = driverNoticeRoutes(app, { db: database.db, borderEvents: services.borderEvents, policy: services.policy, mailer });
  incidentRoutes(app, { borderEvents: services.borderEvents, parties: services.parties, driverNotices });
  evidenceRoutes(app, { borderEvents: services.borderEvents });
  notReferredRoutes(app, { borderEvents: services.borderEvents });
  peopleFoundRoutes(app, { db: database.db, borderEvents: services.borderEvents });
  detectionRoutes(app, { db: database.db, borderEvents: services.borderEvents });
  detectionReportRoutes(app, { db: database.db, clock: config.clock ?? systemClock });
  informationRequestsRoutes(app, { requests: services.informationRequests });
  questionsRoutes(app, { questions: services.questions });
  contactRoutes(app, { questions: services.questions, contact: services.letterDetails.contact });
  portalQuestionsRoutes(app, { questions: services.questions });
  accreditationApiRoutes(app, { accreditation: services.accreditation, rateLimitPerMinute: config.signInRateLimitPerMinute, files: services.files });
  assessRoutes(app, { assess: services.assess, files: services.files });
  recommendationsRoutes(app, { recommendations: services.recommendations });
  feedbackRoutes(app, { feedback: services.feedback, clock: config.clock ?? systemClock });
  insightRoutes(app, { db: database.db, clock: config.clock ?? systemClock, improvements: improvementsService(database.db), feedback: services.feedback });
  dataQualityRoutes(app, { db: database.db, clock: config.clock ?? systemClock });
  managementRoutes(app, { db: database.db, clock: config.clock ?? systemClock });
  policyRoutes(app, { policy: services.policy });
  trainingRoutes(app, { db: database.db, identity: services.identity, clock: config.clock ?? systemClock });
  languagesRoutes(app);
  privacyRoutes(app, { db: database.db, readLog: services.personalDataReads, policy: services.policy, clock: config.clock ?? systemClock });
  calculationsRoutes(app, { policy: services.policy });
  financeRoutes(app, { ledger: services.ledger });
  enforcementRoutes(app, { db: database.db, cases: services.cases, debt: services.debt, recordDetention: services.recordDetention });
  vehicleActionListRoutes(app, { db: database.db, cases: services.cases });
  await plateChecksRoutes(app, {
    database,
    clock: config.clock ?? systemClock,
    listChanges: services.listChanges,
    watchlist: services.watchlist,
    hits: services.plateCheckHits,
  });

  app.get('/cookies', { config: { access: { public: true } } }, async (_request, reply) => reply.page('cookies.njk', { pageTitle: 'Cookies' }));
  app.get('/accessibility', { config: { access: { public: true } } }, async (_request, reply) =>
    reply.page('accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
  app.get('/admin/outbox', { config: { access: { roles: ['administrator', 'manager'] } } }, async (_request, reply) =>
    reply.page('platform/notify/views/outbox.njk', {
      pageTitle: 'Outbox',
      channel: mailer.channel,
      messages: mailer instanceof OutboxMailer ? mailer.list() : [],
    }),
  );
  app.get('/api/v1/openapi.json', { config: { access: { public: true } } }, async () => openApiDocument());

  cardPaymentsRoutes(app, { cardPayments: services.cardPayments, provider: services.paymentProvider });
  // The portal's payment pages (pay, return, receipt, bank transfer), for the person `request.portal` names.
  payRoutes(app, { cardPayments: services.cardPayments, letters: services.letterDetails });
  jobsRoutes(app, { jobs: services.jobs });
  // CPAS: apply online, no account (issue #16 item 1; accreditation/README-apply.md): the journey, drafts (save and return later), the acknowledgement.
  applyRoutes(app, {
    drafts: applicationDrafts(database.db, { clock: config.clock ?? systemClock }),
    policy: services.policy,
    files: services.files,
    mailer,
    clock: config.clock ?? systemClock,
    submit: submitThrough(services.accreditation),
    secureCookies: config.secureCookies,
    returnRateLimitPerMinute: config.signInRateLimitPerMinute,
  });
  // The applicant answers a request for more information online (reference + access code).
  answerRoutes(app, { accreditation: services.accreditation, files: services.files, rateLimitPerMinute: config.signInRateLimitPerMinute });
  // The runner is started by `cordon serve`; it stops (and finishes the job in hand) when the app closes.
  app.addHook('onClose', async () => services.jobs.stop());

  // CPAS guidance and toolkit (pages and PDFs) and the public register of members (acc-register).
  guidanceRoutes(app);
  // The register lists exactly the membership service's members on a day (suspended and removed never).
  registerRoutes(app, { membersOn: services.cpasMembersOn, clock: config.clock ?? systemClock });
  assuranceRoutes(app, { assurance: services.assurance });
  reviewRoutes(app, { reviews: services.accreditationReviews });

  await app.ready();
  return { app, services };
}
