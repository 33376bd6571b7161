import { and, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext } from '../../platform/events/command.js';
import { readStream } from '../../platform/events/event-store.js';
import { registrationKey } from '../../domain/incident/registration.js';
import { portName } from '../../domain/reference/ports.js';
import { cases, liabilities } from './schema.js';
import { confirmLiabilityParty, recordLiabilityAddress } from './link-party.js';
import { describeEvent, personLabels } from './timeline.js';
import { nextStep, stageLabel } from '../../domain/liability/stages.js';
import { and as andWhere, inArray, isNotNull, ne } from 'drizzle-orm';
import { liabilityActionCommand, type CaseworkEffect } from './liability-command.js';
import { loadCaseFile, withOpenPartyMatches, type OpenPartyMatches } from './case-file.js';
import type { PreviousPenalty } from '../../domain/penalty/penalty-input.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { caseSearchConditions, type IncidentsBornOn, type PartySearch } from './around/case-search.js';
import { lorryDropOfCase } from '../../domain/case/case-opening.js';
import { referralOfCase } from '../../domain/case/case-opening.js';

export interface CasesDependencies {
  /** A confirmed party's undecided possible matches in the register (parties module). */
  openPartyMatches?: OpenPartyMatches;
  /** Where "now" comes from (a settable clock in tests). */
  clock?: Clock;
  /** Work done inside a casework command's transaction (letters); see liability-command.ts. */
  effects?: readonly CaseworkEffect[];
  /** Work done after a casework command commits (sending email); failures are logged, not fatal. */
  afterCommit?: readonly ((reference: string) => Promise<void>)[];
  /** The parties register's search (register entry ids), so the case search finds a company by its normalised name or a person by date of birth. */
  partySearch?: PartySearch;
  /** Intake's published sub-select of the incidents recording a responsible person born on a date, so the case search finds a case by a date of birth. */
  incidentsBornOn?: IncidentsBornOn;
  /** Entries for the case timeline from other modules' streams (requests for information), by case id. */
  otherTimelineEntries?: readonly OtherTimelineEntries[];
}

/** A module's own events about a case, as the case timeline shows them. */
export type OtherTimelineEntries = (caseId: string) => Promise<{ title: string; description: string; actorName: string; occurredAt: Date }[]>;

export interface CaseListQuery {
  q?: string | undefined;
  offence?: string | undefined;
  port?: string | undefined;
  stage?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export function casesService(db: Db, dependencies: CasesDependencies = {}) {
  const liabilityAction = liabilityActionCommand(dependencies.effects ?? [], dependencies.openPartyMatches);
  const clock = dependencies.clock ?? systemClock;
  return {
    /** Now, by the casework clock. */
    now: () => clock.now(),

    confirmLiabilityParty: (input: unknown, context: CommandContext) => executeCommand(db, confirmLiabilityParty, input, context),
    recordLiabilityAddress: (input: unknown, context: CommandContext) => executeCommand(db, recordLiabilityAddress, input, context),

    /** Any casework step on one or more liabilities of a case (the domain's transition table decides). */
    async act(input: { reference: string; liabilityIds: string[]; action: Record<string, unknown> & { type: string } }, context: CommandContext) {
      const outcome = await executeCommand(db, liabilityAction, input, { ...context, now: context.now ?? clock.now() });
      if (outcome.ok && !outcome.replayed) {
        for (const after of dependencies.afterCommit ?? []) await after(outcome.value.reference);
      }
      return outcome;
    },

    /**
     * The same step as `act`, with its command definition adapted by `adapt` (the portal's: its own
     * role, on the person's own liability only): the same events, effects (letters) and after-commit work.
     */
    async actAs(
      adapt: (command: typeof liabilityAction) => typeof liabilityAction,
      input: { reference: string; liabilityIds: string[]; action: Record<string, unknown> & { type: string } },
      context: CommandContext,
    ) {
      const outcome = await executeCommand(db, adapt(liabilityAction), input, { ...context, now: context.now ?? clock.now() });
      if (outcome.ok && !outcome.replayed) {
        for (const after of dependencies.afterCommit ?? []) await after(outcome.value.reference);
      }
      return outcome;
    },

    /** The case with every liability's state folded from its events. */
    caseFile: async (reference: string) => {
      const file = await loadCaseFile(db, reference);
      return file ? withOpenPartyMatches(db, file, dependencies.openPartyMatches) : null;
    },

    /**
     * Penalty notices issued earlier to the same resolved identity (every register entry merged into
     * one), from this system's cases; a cancelled one is marked so the calculator ignores it.
     */
    async previousPenalties(partyIds: readonly string[], excludeCaseId: string, before?: string): Promise<PreviousPenalty[]> {
      if (partyIds.length === 0) return [];
      const rows = await db
        .select({ offence: liabilities.offence, imposedOn: liabilities.imposedOn, amountPence: liabilities.amountPence, caseId: liabilities.caseId })
        .from(liabilities)
        .where(andWhere(inArray(liabilities.partyId, [...partyIds]), isNotNull(liabilities.imposedOn), ne(liabilities.caseId, excludeCaseId)));
      // Only notices issued before this incident can count (a later one is not a *previous* penalty).
      return rows
        .filter((row) => before === undefined || row.imposedOn! < before)
        .map((row) => ({ offence: row.offence as PreviousPenalty['offence'], issuedOn: row.imposedOn!, cancelled: row.amountPence === 0 }));
    },

    /**
     * Every case naming one of these register entries (an identity's members), for the party page:
     * the person's role and stage on each, and the penalty and what is still owed once imposed.
     */
    async casesOfParties(partyIds: readonly string[]) {
      if (partyIds.length === 0) return [];
      const rows = await db
        .select({
          reference: cases.reference,
          incidentDate: cases.incidentDate,
          role: liabilities.role,
          offence: liabilities.offence,
          stage: liabilities.stage,
          imposedOn: liabilities.imposedOn,
          amountPence: liabilities.amountPence,
          outstandingPence: liabilities.outstandingPence,
          paymentDue: liabilities.paymentDue,
        })
        .from(liabilities)
        .innerJoin(cases, eq(cases.id, liabilities.caseId))
        .where(inArray(liabilities.partyId, [...partyIds]))
        .orderBy(desc(cases.incidentDate), asc(cases.reference));
      return rows.map((row) => ({ ...row, stageLabel: stageLabel(row.stage) }));
    },

    /** Previous penalty cases of the identity, for the case page (reference, date, amount). */
    async previousPenaltyCases(partyIds: readonly string[], excludeCaseId: string) {
      if (partyIds.length === 0) return [];
      return db
        .select({ reference: cases.reference, offence: liabilities.offence, imposedOn: liabilities.imposedOn, amountPence: liabilities.amountPence })
        .from(liabilities)
        .innerJoin(cases, eq(cases.id, liabilities.caseId))
        .where(andWhere(inArray(liabilities.partyId, [...partyIds]), isNotNull(liabilities.imposedOn), ne(liabilities.caseId, excludeCaseId)));
    },

    async listCases(query: CaseListQuery) {
      const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
      const page = Math.max(query.page ?? 1, 1);
      const filters: SQL[] = [];
      const q = query.q?.trim();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(
          or(
            eq(cases.reference, q.toUpperCase()),
            eq(cases.vehicleRegistrationKey, registrationKey(q)),
            ilike(cases.companyName, like),
            ilike(cases.driverName, like),
            ...(await caseSearchConditions(db, q, dependencies.partySearch, dependencies.incidentsBornOn)),
          )!,
        );
      }
      if (query.offence) filters.push(eq(cases.offence, query.offence));
      if (query.port) filters.push(eq(cases.portCode, query.port));
      if (query.stage) filters.push(eq(cases.stage, query.stage));
      const where = filters.length ? and(...filters) : undefined;
      const [totalRow] = await db.select({ n: count() }).from(cases).where(where);
      const rows = await db
        .select()
        .from(cases)
        .where(where)
        .orderBy(desc(cases.createdAt), desc(cases.reference))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const total = Number(totalRow?.n ?? 0);
      return { rows: rows.map((row) => ({ ...row, portName: portName(row.portCode), stageLabel: stageLabel(row.stage) })), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
    },

    async getCase(reference: string) {
      const [row] = await db.select().from(cases).where(eq(cases.reference, reference.trim().toUpperCase()));
      if (!row) return null;
      const people = await db.select().from(liabilities).where(eq(liabilities.caseId, row.id)).orderBy(asc(liabilities.role));
      const events = await readStream(db, `case-${row.id}`);
      const otherEntries = (await Promise.all((dependencies.otherTimelineEntries ?? []).map((entries) => entries(row.id)))).flat();
      return {
        ...row,
        portName: portName(row.portCode),
        stageLabel: stageLabel(row.stage),
        nextStep: nextStep(row.stage),
        /** A lorry drop's arrival and detection dates, from the case's opening (the clock starts on the earlier). */
        lorryDrop: lorryDropOfCase(events),
        /** The minimal referral the case was opened from (null for an incident): what it recorded about each person. */
        referral: referralOfCase(events),
        liabilities: people.map((l) => ({ ...l, stageLabel: stageLabel(l.stage) })),
        timeline: events
          .flatMap((event) => {
            const entry = describeEvent(event, personLabels(people));
            return entry ? [{ ...entry, actorName: event.actorName, occurredAt: event.occurredAt, version: event.version as number | null }] : [];
          })
          .concat(otherEntries.map((entry) => ({ ...entry, version: null })))
          .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
          .reverse(),
      };
    },
  };
}

export type CasesService = ReturnType<typeof casesService>;
