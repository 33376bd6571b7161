import { and, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { CommandContext, CommandOutcome } from '../../platform/events/command.js';
import { readStream, type Actor } from '../../platform/events/event-store.js';
import { formatCountry } from '../../platform/i18n/format.js';
import { isLanguage, languageName } from '../../platform/i18n/languages.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { daysBetween, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { ACCREDITATION_AREAS, AREA_OUTCOMES, type AccreditationArea, type AreaOutcome } from '../../domain/accreditation/areas.js';
import { applicationFromEvents, decisionStanding, isDecided, openSteps, type ApplicationState, type ApplicationStatus, type ApplicationStep } from '../../domain/accreditation/application.js';
import { SENIOR_OFFICER_ROLE } from '../../domain/accreditation/decide.js';
import { ACCREDITATION_APPLICATION_EVENT as E, type AccreditationApplicationEvent } from '../../domain/accreditation/events.js';
import { letterOfStep, type AssessLetters } from './assess-letters.js';
import type { AccreditationLetterKind } from '../../domain/accreditation/letters.js';
import { accreditationApplications } from './schema.js';

/*
 * The assessor's side of an application (issue #16 item 2): the queue with days left and flags,
 * one application with its evidence, checklist, timeline and letters, the actions (through the
 * core service's `act`, then the letter the step calls for), and the dashboard's figures, each
 * with the list behind it. Reads the application's own stream for the page (the record itself),
 * and the core service's queue and decided list for lists.
 */

const en = (key: string, params?: Record<string, string | number>) => t('en', key as MessageKey, params);

/** What this needs of the core application service (`service.ts`, `AccreditationService`). */
export interface CoreApplications {
  act(reference: string, action: ApplicationStep, input: Record<string, unknown>, context: CommandContext): Promise<CommandOutcome<unknown>>;
  /** Undecided applications, due soonest first, with their standing. */
  queue(day: CalendarDate): Promise<{ reference: string; companyName: string; country: string; status: ApplicationStatus; receivedOn: string; dueOn: string; standing: { daysLeft: number; flag: string } }[]>;
  figures(day: CalendarDate): Promise<{ waiting: number; oldest: { reference: string; receivedOn: string; daysWaiting: number } | null; thisMonth: { decided: number; withinTime: number }; thisYear: { decided: number; withinTime: number } }>;
}

export const QUEUE_STATUSES = ['waiting', 'submitted', 'awaitingInformation', 'underAssessment', 'refusalProposed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Decided as the 30-day figure counts it: accepted or refused (a withdrawal is not a decision). */
const DECISIONS: readonly ApplicationStatus[] = ['accepted', 'refused'];

const statusName = (status: ApplicationStatus) => en(`accreditation.core.status.${status}`);
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const OUTCOME_CLASSES: Record<AreaOutcome, string> = { met: 'govuk-tag--green', notMet: 'govuk-tag--red', moreInformation: 'govuk-tag--yellow' };

/** Days waiting on `today` for an application received on `receivedOn`. */
export const daysWaiting = (receivedOn: CalendarDate, today: CalendarDate) => daysBetween(receivedOn, today);

export interface AssessDependencies {
  core: CoreApplications;
  letters: AssessLetters;
  clock: { now(): Date };
  /** Where a letter the page could not make is reported (the job makes it). */
  log?: (message: string, error?: unknown) => void;
  /** The policy in force on a day: the queue's flags and the decision standard. */
  policy(day: CalendarDate): Promise<{ flagDaysLeft: readonly number[]; decisionWithinDays: number }>;
}

export function assessService(db: Db, deps: AssessDependencies) {
  const today = () => ukDate(deps.clock.now());

  async function record(reference: string) {
    const stored = await readStream(db, `accreditation-application-${reference}`);
    if (!stored.length) return null;
    const events = stored.map((e) => ({ type: e.type, payload: e.payload }) as AccreditationApplicationEvent);
    const state = applicationFromEvents(events);
    const submitted = events.find((e) => e.type === E.AccreditationApplicationSubmitted);
    if (!state || !submitted || submitted.type !== E.AccreditationApplicationSubmitted) return null;
    return { stored, events, state, submitted: submitted.payload, version: stored[stored.length - 1]!.version };
  }




  /** The first day of the month and of the year `day` is in. */
  const periodStart = (day: CalendarDate, period: 'month' | 'year') => (period === 'month' ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`);

  async function decidedIn(period: 'month' | 'year', withinOnly: boolean) {
    const day = today();
    const from = periodStart(day, period);
    const { decisionWithinDays } = await deps.policy(day);
    const decided = await db
      .select({ reference: accreditationApplications.reference, companyName: accreditationApplications.companyName, status: accreditationApplications.status, receivedOn: accreditationApplications.receivedOn, dueOn: accreditationApplications.dueOn, decidedOn: accreditationApplications.decidedOn })
      .from(accreditationApplications)
      .where(and(inArray(accreditationApplications.status, [...DECISIONS]), gte(accreditationApplications.decidedOn, from), lte(accreditationApplications.decidedOn, day)));
    const rows = decided
      .map((s) => {
        const decidedOn = s.decidedOn ?? day;
        return { ...s, decidedOn, statusName: statusName(s.status as ApplicationStatus), daysTaken: daysBetween(s.receivedOn, decidedOn), withinTime: decidedOn <= s.dueOn };
      })
      .filter((r) => !withinOnly || r.withinTime)
      .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.reference.localeCompare(b.reference));
    return { from, to: day, rows, decisionWithinDays };
  }

  /**
   * After a step that calls for a letter: the letter made now, so the page lists it at once (the
   * step queued its job in its own transaction: the job makes it if this fails, and emails a
   * decision). The outcome carries the address the email goes to.
   */
  async function withLetter<R>(reference: string, outcome: CommandOutcome<R>, kind: AccreditationLetterKind, context: CommandContext) {
    if (!outcome.ok) return outcome;
    const version = (outcome.value as { version?: unknown }).version;
    const step = typeof version === 'number' ? await letterOfStep(db, reference, version, kind) : null;
    if (!step || typeof version !== 'number') return { ...outcome, value: { emailedTo: null as string | null } };
    try {
      await deps.letters.produce(step.application, step.request, version, { actor: context.actor, date: step.date });
    } catch (error) {
      deps.log?.(`the ${kind} letter of ${reference} is left to its job`, error);
    }
    return { ...outcome, value: { emailedTo: step.application.company.email } };
  }


  const service = {
    today,
    async decisionWithinDays() {
      return (await deps.policy(today())).decisionWithinDays;
    },

    /** The queue (the core's: undecided, due soonest first), filtered by status. */
    async queue(status: QueueStatus = 'waiting') {
      const rows = await deps.core.queue(today());
      return rows
        .filter((r) => status === 'waiting' || r.status === status)
        .map((r) => ({ reference: r.reference, companyName: r.companyName, countryName: formatCountry('en', r.country), receivedOn: r.receivedOn, decisionDue: r.dueOn, status: r.status, statusName: statusName(r.status), daysLeft: r.standing.daysLeft, flag: r.standing.flag }));
    },

    decided: decidedIn,

    /** The dashboard's figures (the core's), each with the link to the list it counts. */
    async figures() {
      const day = today();
      const figures = await deps.core.figures(day);
      const oldest = figures.oldest ? (await deps.core.queue(day)).find((r) => r.reference === figures.oldest!.reference) : undefined;
      const period = (id: 'thisMonth' | 'thisYear', p: 'month' | 'year', counts: { decided: number; withinTime: number }) => ({
        id,
        within: { n: counts.withinTime, href: `/accreditation/applications/decided?period=${p}&within=yes` },
        decided: { n: counts.decided, href: `/accreditation/applications/decided?period=${p}` },
      });
      return {
        decisionWithinDays: (await deps.policy(day)).decisionWithinDays,
        waiting: { n: figures.waiting, href: '/accreditation/applications' },
        oldest: figures.oldest ? { reference: figures.oldest.reference, companyName: oldest?.companyName ?? figures.oldest.reference, daysWaiting: figures.oldest.daysWaiting, href: `/accreditation/applications/${figures.oldest.reference}` } : null,
        thisMonth: period('thisMonth', 'month', figures.thisMonth),
        thisYear: period('thisYear', 'year', figures.thisYear),
      };
    },

    /** The application page's model: the record, what this actor may do now, the letters and the timeline. */
    async application(reference: string, actor: Actor) {
      const found = await record(reference);
      if (!found) return null;
      const { state, submitted: s } = found;
      const day = today();
      const { flagDaysLeft } = await deps.policy(day);
      const standing = decisionStanding(state.decisionDue, day, flagDaysLeft);
      let n = 0;
      const file = (id: string) => ({ id, name: en('accreditation.assess.app.file', { n: ++n }), href: `/accreditation/applications/${reference}/files/${id}` });
      const steps = openSteps(state);
      const isSeniorOfficer = actor.roles.includes(SENIOR_OFFICER_ROLE);
      const proposer = state.refusalProposal?.proposedById ?? null;
      const can = {
        assessArea: steps.includes('assessArea'),
        requestInformation: steps.includes('requestInformation'),
        provideInformation: steps.includes('provideInformation'),
        accept: steps.includes('accept'),
        proposeRefusal: steps.includes('proposeRefusal'),
        approveRefusal: steps.includes('approveRefusal') && isSeniorOfficer && proposer !== actor.id,
      };
      const addressLines = [...s.company.addressLines, ...(s.company.postcode ? [s.company.postcode] : [])];
      const letters = (await deps.letters.ofApplication(reference)).map((l) => ({ ...l, href: `/accreditation/applications/${reference}/letters/${l.id}.pdf`, emailPending: !l.emailedTo && (l.kind === 'accepted' || l.kind === 'refused') }));
      return {
        a: {
          reference,
          version: found.version,
          status: state.status,
          statusName: statusName(state.status),
          decided: isDecided(state.status),
          companyName: state.companyName,
          company: s.company,
          countryName: formatCountry('en', s.company.country),
          addressHtml: addressLines.map(escapeHtml).join('<br>'),
          languageName: isLanguage(s.language) ? languageName(s.language) : s.language,
          checklistsHtml: [escapeHtml(en('accreditation.assess.app.checklistsCount', { n: s.driverChecklists.fileIds.length, required: s.driverChecklists.required })), ...s.driverChecklists.fileIds.map(file).map((f) => `<a class="govuk-link" href="${escapeHtml(f.href)}">${escapeHtml(f.name)}</a>`)].join('<br>'),
          receivedOn: state.receivedOn,
          decisionDue: state.decisionDue,
          decidedOn: state.decidedOn,
          memberFrom: state.memberFrom,
          daysLeft: standing.daysLeft,
          flag: isDecided(state.status) ? 'none' : standing.flag,
          openRequest: state.openRequest ? { ...state.openRequest, areaNames: state.openRequest.areas.map((area) => en(`accreditation.core.area.${area}`)) } : null,
          refusalProposal: state.refusalProposal
            ? { ...state.refusalProposal, rows: state.refusalProposal.reasons.map((r) => ({ key: { text: en(`accreditation.core.area.${r.area}`) }, value: { text: r.reason } })) }
            : null,
          areas: ACCREDITATION_AREAS.map((area) => {
            const finding = state.areas[area];
            return {
              id: area,
              name: en(`accreditation.core.area.${area}`),
              description: s.areas[area].description,
              files: s.areas[area].fileIds.map(file),
              outcome: finding.outcome,
              outcomeName: finding.outcome ? en(`accreditation.core.outcome.${finding.outcome}`) : null,
              outcomeClass: finding.outcome ? OUTCOME_CLASSES[finding.outcome] : '',
              notes: finding.notes,
              outcomeChoices: AREA_OUTCOMES.map((outcome) => ({ value: outcome, text: en(`accreditation.core.outcome.${outcome}`), checked: finding.outcome === outcome })),
            };
          }),
        },
        can,
        letters,
        timeline: timelineOf(found.stored.map((e) => ({ type: e.type, payload: e.payload, actorName: e.actorName, occurredAt: e.occurredAt }))).reverse(),
      };
    },

    assessArea: (reference: string, input: { area: AccreditationArea; outcome: AreaOutcome; notes: string }, context: CommandContext) => deps.core.act(reference, 'assessArea', input, context),

    async requestInformation(reference: string, input: { areas: AccreditationArea[]; message: string }, context: CommandContext) {
      const outcome = await deps.core.act(reference, 'requestInformation', input, context);
      // The core service emails the request as it records it; the letter is for the post.
      return withLetter(reference, outcome, 'informationRequest', context);
    },

    provideInformation: (reference: string, input: { text: string }, context: CommandContext) => deps.core.act(reference, 'provideInformation', { text: input.text, fileIds: [] }, context),

    async accept(reference: string, context: CommandContext) {
      const outcome = await deps.core.act(reference, 'accept', {}, context);
      return withLetter(reference, outcome, 'accepted', context);
    },

    proposeRefusal: (reference: string, input: { summary: string | null }, context: CommandContext) => deps.core.act(reference, 'proposeRefusal', input, context),

    async approveRefusal(reference: string, context: CommandContext) {
      const outcome = await deps.core.act(reference, 'approveRefusal', {}, context);
      return withLetter(reference, outcome, 'refused', context);
    },

    returnRefusal: (reference: string, input: { reason: string }, context: CommandContext) => deps.core.act(reference, 'returnRefusal', input, context),

    letterPdf: (reference: string, letterId: string) => deps.letters.pdf(reference, letterId),

    /** Whether a file (by its content hash) is one the application or an answer to it carries: only those are shown. */
    async isFileOf(reference: string, hash: string) {
      const found = await record(reference);
      if (!found) return false;
      const s = found.submitted;
      const ids = new Set([...ACCREDITATION_AREAS.flatMap((area) => s.areas[area].fileIds), ...s.driverChecklists.fileIds, ...found.events.flatMap((e) => (e.type === E.AccreditationInformationProvided ? e.payload.fileIds : []))]);
      return ids.has(hash);
    },
  };
  return service;
}

/** The timeline of an application, oldest first: what happened, when, by whom, in the assessor's words. */
export function timelineOf(events: readonly { type: string; payload: Record<string, unknown>; actorName: string; occurredAt: Date }[]) {
  return events.map((e) => {
    let text = en(`accreditation.assess.timeline.${e.type}`);
    const p = e.payload;
    if (e.type === E.AccreditationAreaAssessed) text += `: ${en(`accreditation.core.area.${String(p.area)}`)} — ${en(`accreditation.core.outcome.${String(p.outcome)}`)}${p.notes ? ` (${String(p.notes)})` : ''}`;
    if (e.type === E.AccreditationInformationRequested) text += `: ${String(p.message)}`;
    if (e.type === E.AccreditationInformationProvided && p.text) text += `: ${String(p.text)}`;
    if (e.type === E.AccreditationRefusalReturned) text += `: ${String(p.reason)}`;
    return { date: ukDate(e.occurredAt), text, by: e.actorName };
  });
}

export type AssessService = ReturnType<typeof assessService>;
export type { ApplicationState };

