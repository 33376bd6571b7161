import { and, asc, desc, eq, gte, inArray, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, STALE_VERSION_MESSAGE, type CommandContext, type CommandOutcome } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import { t } from '../../platform/i18n/messages.js';
import { formatDate } from '../../platform/i18n/format.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { ACCREDITATION_AREAS, type AccreditationArea, type AreaOutcome } from '../../domain/accreditation/areas.js';
import { DECIDED_STATUSES, decisionStanding, isDecided, openSteps, type ApplicationStatus } from '../../domain/accreditation/application.js';
import { decideAcceptApplication } from '../../domain/accreditation/decide.js';
import { daysBetween, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { PartyRecord } from '../../domain/parties/comparison.js';
import {
  acceptAccreditationApplication,
  accreditationPolicy,
  APPLICANT_ACTOR,
  approveAccreditationRefusal,
  assessAccreditationArea,
  loadApplication,
  proposeAccreditationRefusal,
  provideAccreditationInformation,
  requestAccreditationInformation,
  returnAccreditationRefusal,
  submitAccreditationApplication,
  withdrawAccreditationApplication,
} from './commands.js';
import { applicationAccessCode, isApplicationAccessCode } from './access-code.js';
import { accreditationApplications, accreditationAreaAssessments, accreditationInformation, accreditationMemberships } from './schema.js';
import { publicAddress } from './guidance.js';

/** What the module needs of the parties register, handed in by src/app.ts (partiesService). */
export interface AccreditationParties {
  findMatches(record: PartyRecord, options?: { limit?: number }): Promise<{ partyId: string; score: { classification: string } }[]>;
  register(input: unknown, context: CommandContext): Promise<CommandOutcome<{ partyId: string }>>;
  resolvedPartyId(partyId: string): Promise<string | null>;
}

export interface AccreditationDependencies {
  parties: AccreditationParties;
  mailer: Mailer;
  clock: { now(): Date };
  /**
   * Whether the company may apply today (membership-service.ts `eligibleToApplyByName`): refused
   * after a removal until the reapply date. Absent: every application is accepted for assessment.
   */
  eligibleToApply?: (companyName: string, date: CalendarDate) => Promise<{ ok: true } | { ok: false; code: string; reapplyFrom?: CalendarDate }>;
}

/** The steps of an application, as the API's `{action}` names them. */
export const APPLICATION_ACTIONS = ['requestInformation', 'provideInformation', 'assessArea', 'accept', 'proposeRefusal', 'approveRefusal', 'returnRefusal', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
/** The steps an applicant takes with the reference and access code. */
export const APPLICANT_ACTIONS: readonly ApplicationAction[] = ['provideInformation', 'withdraw'];

export function isApplicationAction(value: string): value is ApplicationAction {
  return (APPLICATION_ACTIONS as readonly string[]).includes(value);
}

type ApplicationRow = typeof accreditationApplications.$inferSelect;

/** What `submit` answers: the reference, the access code (given only here and in the acknowledgement email) and the decision's due date. */
export interface Submitted {
  reference: string;
  receivedOn: string;
  decisionDue: string;
  accessCode: string;
}

const languageOf = (code: string): Language => (isLanguage(code) ? code : 'en');

/** The acknowledgement email, in the applicant's language. */
export function acknowledgementEmail(row: Pick<ApplicationRow, 'reference' | 'companyName' | 'contactName' | 'language' | 'receivedOn' | 'dueOn'>, accessCode: string) {
  const language = languageOf(row.language);
  return {
    subject: t(language, 'accreditation.core.email.submitted.subject', { reference: row.reference }),
    body: [
      t(language, 'accreditation.core.email.greeting', { name: row.contactName }),
      '',
      t(language, 'accreditation.core.email.submitted.received', { company: row.companyName, date: formatDate(language, row.receivedOn) }),
      t(language, 'accreditation.core.email.submitted.reference', { reference: row.reference }),
      t(language, 'accreditation.core.email.submitted.accessCode', { code: accessCode }),
      t(language, 'accreditation.core.email.submitted.decisionDue', { date: formatDate(language, row.dueOn) }),
      '',
      t(language, 'accreditation.core.email.signOff'),
    ].join('\n'),
  };
}

/** The email asking the applicant for more information, in their language. */
export function informationRequestEmail(row: Pick<ApplicationRow, 'reference' | 'contactName' | 'language'>, request: { areas: readonly AccreditationArea[]; message: string }) {
  const language = languageOf(row.language);
  return {
    subject: t(language, 'accreditation.core.email.informationRequested.subject', { reference: row.reference }),
    body: [
      t(language, 'accreditation.core.email.greeting', { name: row.contactName }),
      '',
      t(language, 'accreditation.core.email.informationRequested.intro', { reference: row.reference }),
      ...request.areas.map((area) => `- ${t(language, `accreditation.core.area.${area}`)}`),
      '',
      request.message,
      '',
      t(language, 'accreditation.core.email.informationRequested.howToAnswer', { reference: row.reference }),
      `${publicAddress()}/accreditation/answer?reference=${encodeURIComponent(row.reference)}`,
      '',
      t(language, 'accreditation.core.email.signOff'),
    ].join('\n'),
  };
}

export function accreditationService(db: Db, deps: AccreditationDependencies) {
  const today = () => ukDate(deps.clock.now());
  const withNow = <C extends CommandContext>(context: C): C => ({ ...context, now: context.now ?? deps.clock.now() });

  async function row(reference: string): Promise<ApplicationRow | null> {
    const [found] = await db.select().from(accreditationApplications).where(eq(accreditationApplications.reference, reference.trim().toUpperCase()));
    return found ?? null;
  }

  /** The company's identity in the parties register: the party named by the assessor, the register's confident match, or a new entry. */
  async function resolveCompany(application: ApplicationRow, actor: Actor, chosenPartyId: string | null | undefined): Promise<CommandOutcome<{ partyId: string }>> {
    if (chosenPartyId) {
      const resolved = await deps.parties.resolvedPartyId(chosenPartyId);
      if (!resolved) return { ok: false, kind: 'invalid', message: 'accreditation.accept.partyUnknown', errors: [{ field: 'partyId', message: 'accreditation.accept.partyUnknown' }] };
      return { ok: true, value: { partyId: resolved }, replayed: false };
    }
    const identifiers = [{ kind: 'operator-licence' as const, value: application.operatorLicence, country: application.country }];
    const [best] = await deps.parties.findMatches(
      { kind: 'organisation', name: application.companyName, country: application.country, address: application.addressLines.join(', '), postcode: application.postcode, identifiers },
      { limit: 1 },
    );
    if (best && best.score.classification === 'match') {
      const resolved = await deps.parties.resolvedPartyId(best.partyId);
      if (resolved) return { ok: true, value: { partyId: resolved }, replayed: false };
    }
    const [line1, ...rest] = application.addressLines;
    return deps.parties.register(
      {
        kind: 'organisation',
        name: application.companyName,
        country: application.country,
        identifiers,
        addresses: line1 ? [{ line1, ...(rest.length ? { line2: rest.slice(0, -1).join(', ') || undefined, town: rest[rest.length - 1] } : {}), ...(application.postcode ? { postcode: application.postcode } : {}), country: application.country }] : [],
        emails: [application.email],
        language: application.language,
      },
      { actor, idempotencyKey: `cpas-company-${application.reference}` },
    );
  }

  /** A removed member applying before its reapply date (or a member applying again): refused, in the applicant's language. */
  async function membershipRefusal(input: unknown): Promise<CommandOutcome<never> | null> {
    if (!deps.eligibleToApply || typeof input !== 'object' || input === null) return null;
    const { company, language: asked } = input as { company?: { name?: unknown }; language?: unknown };
    if (typeof company?.name !== 'string' || company.name.trim() === '') return null;
    const eligible = await deps.eligibleToApply(company.name, today());
    if (eligible.ok) return null;
    const language: Language = isLanguage(asked) ? asked : 'en';
    const message = eligible.reapplyFrom
      ? t(language, 'accreditation.membership.refusal.removed', { date: formatDate(language, eligible.reapplyFrom) })
      : t(language, 'accreditation.membership.refusal.alreadyMember');
    return { ok: false, kind: 'refused', message, errors: [{ field: 'company.name', message }] };
  }

  const service = {
    today,

    /**
     * A new application, from the online form or the API (no account): recorded, acknowledged by
     * email with its reference, access code and decision due date.
     */
    async submit(input: unknown, context: { channel: 'online' | 'api'; idempotencyKey?: string | undefined; idempotencyScope?: string | undefined; now?: Date }): Promise<CommandOutcome<Submitted>> {
      const body = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>), channel: context.channel } : input;
      const notYet = await membershipRefusal(input);
      if (notYet) return notYet;
      const outcome = await executeCommand(db, submitAccreditationApplication, body, withNow({ actor: APPLICANT_ACTOR, idempotencyKey: context.idempotencyKey, idempotencyScope: context.idempotencyScope, now: context.now }));
      if (!outcome.ok) return outcome;
      const accessCode = await applicationAccessCode(db, outcome.value.reference);
      if (!outcome.replayed) {
        const submitted = await row(outcome.value.reference);
        if (submitted) {
          const email = acknowledgementEmail(submitted, accessCode);
          await deps.mailer.send({ to: submitted.email, subject: email.subject, body: email.body, reference: submitted.reference });
        }
      }
      return { ...outcome, value: { ...outcome.value, accessCode } };
    },

    /** Whether `accessCode` opens the application `reference` (for the applicant's own steps). */
    async checkAccessCode(reference: string, accessCode: string | null | undefined): Promise<boolean> {
      return (await row(reference)) !== null && isApplicationAccessCode(db, reference.trim().toUpperCase(), accessCode);
    },

    /**
     * One step on an application. Staff act as themselves (the command's roles decide who may); an
     * applicant acts as APPLICANT_ACTOR with `accessCode` in the input, checked here. `accept` finds
     * the company in the parties register (or registers it) unless `partyId` names the entry.
     */
    async act(reference: string, action: string, input: Record<string, unknown>, context: CommandContext): Promise<CommandOutcome<{ reference: string; version: number }>> {
      const ref = reference.trim().toUpperCase();
      if (!isApplicationAction(action)) return { ok: false, kind: 'not-found', message: 'accreditation.action.unknown' };
      const { accessCode, ...fields } = input;
      let actor = context.actor;
      if (actor.roles.includes('public')) {
        if (!APPLICANT_ACTIONS.includes(action)) return { ok: false, kind: 'forbidden', message: 'accreditation.action.staffOnly' };
        if (!(await service.checkAccessCode(ref, typeof accessCode === 'string' ? accessCode : null))) return { ok: false, kind: 'forbidden', message: 'accreditation.accessCode.wrong' };
        actor = APPLICANT_ACTOR;
      }
      const ctx = withNow({ ...context, actor });
      const args = { ...fields, reference: ref };
      switch (action) {
        case 'requestInformation': {
          const outcome = await executeCommand(db, requestAccreditationInformation, args, ctx);
          if (outcome.ok && !outcome.replayed) {
            const application = await row(ref);
            if (application?.openRequest) {
              const email = informationRequestEmail(application, { areas: application.openRequest.areas as AccreditationArea[], message: application.openRequest.message });
              await deps.mailer.send({ to: application.email, subject: email.subject, body: email.body, reference: ref });
            }
          }
          return outcome;
        }
        case 'provideInformation':
          return executeCommand(db, provideAccreditationInformation, args, ctx);
        case 'assessArea':
          return executeCommand(db, assessAccreditationArea, args, ctx);
        case 'proposeRefusal':
          return executeCommand(db, proposeAccreditationRefusal, args, ctx);
        case 'approveRefusal':
          return executeCommand(db, approveAccreditationRefusal, args, ctx);
        case 'returnRefusal':
          return executeCommand(db, returnAccreditationRefusal, args, ctx);
        case 'withdraw':
          return executeCommand(db, withdrawAccreditationApplication, args, ctx);
        case 'accept': {
          if (!acceptAccreditationApplication.roles.some((role) => actor.roles.includes(role))) return { ok: false, kind: 'forbidden', message: 'You do not have permission to do this' };
          // Check the decision first, so a refused acceptance registers no company.
          const loaded = await loadApplication(db, ref);
          const application = await row(ref);
          if (!loaded || !application) return { ok: false, kind: 'not-found', message: 'The record was not found' };
          // Already accepted: a repeat of the request that accepted it (same key) is answered as it was; anything else is refused by the command.
          if (loaded.state.partyId) return executeCommand(db, acceptAccreditationApplication, { reference: ref, partyId: loaded.state.partyId }, ctx);
          if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== loaded.version) return { ok: false, kind: 'conflict', message: STALE_VERSION_MESSAGE };
          const precheck = decideAcceptApplication(loaded.state, { partyId: 'pending' }, { actor, now: ctx.now! });
          if (!precheck.ok) return { ok: false, kind: 'refused', message: precheck.message, errors: precheck.errors ?? [] };
          const chosen = typeof fields.partyId === 'string' ? fields.partyId : null;
          const company = await resolveCompany(application, actor, chosen);
          if (!company.ok) return company;
          return executeCommand(db, acceptAccreditationApplication, { reference: ref, partyId: company.value.partyId }, ctx);
        }
      }
    },

    row,

    /** An application as the staff pages and the API show it: its evidence, area findings, information exchanged, open steps and due date. */
    async get(reference: string) {
      const application = await row(reference);
      if (!application) return null;
      const [assessments, information, policy] = await Promise.all([
        db.select().from(accreditationAreaAssessments).where(eq(accreditationAreaAssessments.reference, application.reference)),
        db.select().from(accreditationInformation).where(eq(accreditationInformation.reference, application.reference)).orderBy(asc(accreditationInformation.version)),
        accreditationPolicy(db, today()),
      ]);
      const loaded = await loadApplication(db, application.reference);
      const status = application.status as ApplicationStatus;
      const areas = ACCREDITATION_AREAS.map((area) => {
        const found = assessments.find((a) => a.area === area);
        return {
          area,
          evidence: application.evidence[area] ?? { description: '', fileIds: [] },
          outcome: (found?.outcome ?? null) as AreaOutcome | null,
          notes: found?.notes ?? '',
          assessedByName: found?.assessedByName ?? null,
          assessedAt: found?.assessedAt ?? null,
        };
      });
      return {
        ...application,
        status,
        decided: isDecided(status),
        standing: isDecided(status) ? null : decisionStanding(application.dueOn, today(), policy.flagDaysLeft),
        areas,
        information,
        openSteps: loaded ? openSteps(loaded.state) : [],
      };
    },

    /** Applications waiting for a decision, due soonest first, with days left and the queue's flag. */
    async queue(day: CalendarDate = today()) {
      const [rows, policy] = await Promise.all([
        db
          .select()
          .from(accreditationApplications)
          .where(notInArray(accreditationApplications.status, [...DECIDED_STATUSES]))
          .orderBy(asc(accreditationApplications.dueOn), asc(accreditationApplications.receivedOn), asc(accreditationApplications.reference)),
        accreditationPolicy(db, day),
      ]);
      return rows.map((r) => ({ ...r, status: r.status as ApplicationStatus, standing: decisionStanding(r.dueOn, day, policy.flagDaysLeft) }));
    },

    /** Accepted applications: the company (resolved party), from when, its name and country. */
    async memberships() {
      return db
        .select({
          partyId: accreditationMemberships.partyId,
          reference: accreditationMemberships.applicationReference,
          memberFrom: accreditationMemberships.memberFrom,
          companyName: accreditationApplications.companyName,
          normalisedName: accreditationApplications.normalisedName,
          country: accreditationApplications.country,
        })
        .from(accreditationMemberships)
        .innerJoin(accreditationApplications, eq(accreditationApplications.reference, accreditationMemberships.applicationReference))
        .orderBy(asc(accreditationMemberships.memberFrom), asc(accreditationMemberships.applicationReference));
    },

    /** The applications a party made (its resolved identity's), newest first. */
    async applicationsOf(partyIds: readonly string[]) {
      if (!partyIds.length) return [];
      return db.select().from(accreditationApplications).where(inArray(accreditationApplications.partyId, [...partyIds])).orderBy(desc(accreditationApplications.receivedOn));
    },

    /**
     * The dashboard's figures on `day`: applications waiting, the oldest waiting (received first),
     * and of those decided this month and this year, how many within the decision days.
     */
    async figures(day: CalendarDate = today()) {
      const waiting = await service.queue(day);
      const oldest = waiting.reduce<(typeof waiting)[number] | null>((first, r) => (!first || r.receivedOn < first.receivedOn ? r : first), null);
      const decidedSince = async (from: CalendarDate) => {
        const rows = await db
          .select({ receivedOn: accreditationApplications.receivedOn, dueOn: accreditationApplications.dueOn, decidedOn: accreditationApplications.decidedOn })
          .from(accreditationApplications)
          .where(and(inArray(accreditationApplications.status, ['accepted', 'refused']), gte(accreditationApplications.decidedOn, from), lte(accreditationApplications.decidedOn, day)));
        return { decided: rows.length, withinTime: rows.filter((r) => r.decidedOn !== null && r.decidedOn <= r.dueOn).length };
      };
      return {
        waiting: waiting.length,
        oldest: oldest ? { reference: oldest.reference, receivedOn: oldest.receivedOn, daysWaiting: daysBetween(oldest.receivedOn, day) } : null,
        thisMonth: await decidedSince(`${day.slice(0, 7)}-01`),
        thisYear: await decidedSince(`${day.slice(0, 4)}-01-01`),
      };
    },
  };
  return service;
}

export type AccreditationService = ReturnType<typeof accreditationService>;
