import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, zodFieldErrors, type CommandContext, type CommandOutcome, type FieldError } from '../../platform/events/command.js';
import { incidentInput, liabilitiesFor, submissionProblems } from '../../domain/incident/incident.js';
import { registrationProblem } from '../../domain/incident/registration.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { incidentEvidence, incidents, peopleFound, searches } from './schema.js';
import { events } from '../../platform/events/schema.js';
import { addIncidentEvidence, approveNotReferring, decideNotToRefer, recordSearch, saveIncidentDraft, submitIncident } from './commands.js';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/database/client.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { requirementCodes } from './requirements.js';
import { openCaseFromReferral } from './referral-command.js';
import { peopleFoundSubmissionProblems } from '../../domain/incident/people-found.js';
import { amendPersonFound, recordPersonFollowUp } from './people-found-commands.js';

/**
 * A draft saved from a form that does not ask for the reason the people recorded differ from the
 * entrants counted (it is given on the people-found page) keeps the reason already recorded.
 */
async function keepingPeopleFoundDifferenceReason(db: Db, input: unknown): Promise<unknown> {
  const draft = input as { incidentId?: unknown; incident?: Record<string, unknown> } | null;
  if (!draft || typeof draft.incidentId !== 'string' || !draft.incident || typeof draft.incident !== 'object' || 'peopleFoundDifferenceReason' in draft.incident) return input;
  if (!/^[0-9a-f-]{36}$/.test(draft.incidentId)) return input;
  const [row] = await db.select({ data: incidents.data }).from(incidents).where(eq(incidents.id, draft.incidentId));
  const reason = (row?.data as { peopleFoundDifferenceReason?: string } | undefined)?.peopleFoundDifferenceReason;
  return reason === undefined ? input : { ...draft, incident: { ...draft.incident, peopleFoundDifferenceReason: reason } };
}

/** The incident's data as the penalty team reads it: the reason about people found stays with the people found. */
export function withoutPeopleFoundDetails<T extends { data: unknown }>(row: T): T {
  const { peopleFoundDifferenceReason: _restricted, ...data } = row.data as Record<string, unknown>;
  return { ...row, data };
}
import { s31aReferralCheck } from '../training/queries.js';

export type ReportOutcome =
  | CommandOutcome<{ incidentId: string; caseReference: string; caseId: string }>
  | { ok: true; validateOnly: true; liabilities: ReturnType<typeof liabilitiesFor> };

/** The position in the log of an incident's latest event: which of two incidents changed last when their updated_at is the same. */
const lastChange = sql`(select max(${events.seq}) from ${events} where ${events.streamId} = 'incident-' || ${incidents.id}::text)`;

export function borderEventsService(db: Db, files: FileStore) {
  const service = {
    /** A case opened from a minimal referral (`POST /api/v1/referrals`, the referral form). */
    openCaseFromReferral: (input: unknown, context: CommandContext) => executeCommand(db, openCaseFromReferral, input, context),
    recordSearch: (input: unknown, context: CommandContext) => executeCommand(db, recordSearch, input, context),
    saveDraft: async (input: unknown, context: CommandContext) => executeCommand(db, saveIncidentDraft, await keepingPeopleFoundDifferenceReason(db, input), context),
    amendPersonFound: (input: unknown, context: CommandContext) => executeCommand(db, amendPersonFound, input, context),
    recordPersonFollowUp: (input: unknown, context: CommandContext) => executeCommand(db, recordPersonFollowUp, input, context),
    submit: (incidentId: string, context: CommandContext) => executeCommand(db, submitIncident, { incidentId }, context),

    /** Stores each upload by content hash (checked for type and size), then records it on the incident. */
    async addEvidence(
      incidentId: string,
      uploads: { bytes: Buffer; filename: string; mimetype?: string }[],
      details: { kind: string; requirementCode?: string | undefined },
      context: CommandContext,
    ): Promise<CommandOutcome<{ added: number }>> {
      if (!uploads.length) return { ok: false, kind: 'invalid', message: 'Select a photo or scan to upload', errors: [{ field: 'file', message: 'Select a photo or scan to upload' }] };
      const stored = [];
      for (const upload of uploads) {
        const result = await storeEvidence(files, { bytes: upload.bytes, declaredName: upload.filename, declaredType: upload.mimetype });
        if (!result.ok) return { ok: false, kind: 'invalid', message: result.message, errors: [{ field: 'file', message: `${upload.filename}: ${result.message}` }] };
        stored.push({ hash: result.file.hash, mediaType: result.file.mediaType, size: result.file.size, originalName: result.file.originalName, thumbnailHash: result.file.thumbnailHash });
      }
      return executeCommand(db, addIncidentEvidence, { incidentId, files: stored, kind: details.kind, requirementCode: details.requirementCode || undefined }, context);
    },

    readFile: (hash: string) => files.get(hash),
    decideNotToRefer: (input: unknown, context: CommandContext) => executeCommand(db, decideNotToRefer, input, context),
    approveNotReferring: (input: unknown, context: CommandContext) => executeCommand(db, approveNotReferring, input, context),

    async awaitingApproval() {
      return db.select().from(incidents).where(eq(incidents.status, 'not-referred-awaiting-approval')).orderBy(asc(incidents.updatedAt), sql`${lastChange} asc`);
    },

    /** Management information: searches by result, port and method; incidents by status; not referred by reason. */
    async summary(from: string, to: string) {
      const range = sql`searched_at >= ${from}::date and searched_at < (${to}::date + 1)`;
      const [byResult, byPort, byMethod, incidentsByStatus, notReferred] = await Promise.all([
        db.execute(sql`select result as key, count(*)::int as n from searches where ${range} group by result order by result`),
        db.execute(sql`select port_code as key, count(*)::int as n from searches where ${range} group by port_code order by port_code`),
        db.execute(sql`select m as key, count(*)::int as n, count(*) filter (where result <> 'nothing-found')::int as finds from searches, unnest(methods) m where ${range} group by m order by m`),
        db.execute(sql`select status as key, count(*)::int as n from incidents where created_at >= ${from}::date and created_at < (${to}::date + 1) group by status order by status`),
        db.execute(sql`select not_referred_reason as key, count(*)::int as n from incidents where not_referred_reason is not null and created_at >= ${from}::date and created_at < (${to}::date + 1) group by not_referred_reason order by 1`),
      ]);
      const toMap = (r: unknown) => Object.fromEntries(rowsOf<{ key: string; n: number }>(r).map((x) => [x.key, Number(x.n)]));
      return {
        from,
        to,
        searchesByResult: toMap(byResult),
        searchesByPort: toMap(byPort),
        searchesByMethod: rowsOf<{ key: string; n: number; finds: number }>(byMethod).map((x) => ({ method: x.key, searches: Number(x.n), withAFind: Number(x.finds) })),
        incidentsByStatus: toMap(incidentsByStatus),
        notReferredByReason: toMap(notReferred),
      };
    },

    /** The evidence record a stored file belongs to (as original or thumbnail), or null. */
    async evidenceByHash(hash: string) {
      const [row] = await db
        .select()
        .from(incidentEvidence)
        .where(or(eq(incidentEvidence.fileHash, hash), eq(incidentEvidence.thumbnailHash, hash)))
        .limit(1);
      return row ?? null;
    },

    /** Everything that would stop an incident being sent, without saving anything. */
    problemsWith(raw: unknown, now = new Date()): { ok: true; incident: import('../../domain/incident/incident.js').IncidentInput } | { ok: false; errors: FieldError[] } {
      const parsed = incidentInput.safeParse(raw);
      if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
      const incident = parsed.data;
      const errors: FieldError[] = [];
      for (const [field, countryField] of [
        ['tractorRegistration', 'tractorCountry'],
        ['trailerRegistration', 'trailerCountry'],
      ] as const) {
        const value = incident[field];
        const problem = value ? registrationProblem(value, incident[countryField]) : null;
        if (problem) errors.push({ field, message: problem });
      }
      errors.push(...submissionProblems(incident, ukDate(now), requirementCodes()));
      errors.push(...peopleFoundSubmissionProblems(incident, incident.peopleFound ?? [], ukDate(now)));
      return errors.length ? { ok: false, errors } : { ok: true, incident };
    },

    /**
     * The upstream systems' door: record and send an incident in one call. Nothing is saved unless
     * it can be sent; the Idempotency-Key makes a repeat answer with the same case.
     */
    async report(raw: unknown, context: CommandContext & { idempotencyKey: string }, options: { validateOnly?: boolean } = {}): Promise<ReportOutcome> {
      const checked = service.problemsWith(raw, context.now);
      if (!checked.ok) return { ok: false, kind: 'invalid', message: 'The incident cannot be sent', errors: checked.errors };
      // S31A only from trained officers: refused before the draft is saved, so a refusal leaves nothing behind.
      const s31aProblem = await s31aReferralCheck(db, context.actor, checked.incident.offences ?? [], context.now ?? new Date());
      if (s31aProblem) return { ok: false, kind: 'refused', message: s31aProblem.message, errors: [s31aProblem] };
      if (options.validateOnly) return { ok: true, validateOnly: true, liabilities: liabilitiesFor(checked.incident) };
      const draft = await executeCommand(db, saveIncidentDraft, { incident: raw }, context);
      if (!draft.ok) return draft;
      return executeCommand(db, submitIncident, { incidentId: draft.value.incidentId }, { ...context, idempotencyKey: `${context.idempotencyKey}:submit` });
    },

    async recentSearches(actorId: string, limit = 10) {
      return db.select().from(searches).where(eq(searches.recordedById, actorId)).orderBy(desc(searches.recordedAt), desc(searches.id)).limit(limit);
    },

    async getSearch(id: string) {
      const [row] = await db.select().from(searches).where(eq(searches.id, id));
      return row ?? null;
    },

    async getIncident(id: string) {
      const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
      if (!row) return null;
      const evidence = await db.select().from(incidentEvidence).where(eq(incidentEvidence.incidentId, id)).orderBy(asc(incidentEvidence.uploadedAt), asc(incidentEvidence.id));
      return { ...row, data: row.data as import('../../domain/incident/incident.js').IncidentInput, evidence };
    },

    async incidentForCase(caseId: string) {
      const [row] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.caseId, caseId));
      const found = row ? await service.getIncident(row.id) : null;
      // The case is read by caseworkers, who never see the people found.
      return found ? withoutPeopleFoundDetails(found) : null;
    },

    /** Restricted: only for the roles that need the people found (see routes). */
    async peopleFound(incidentId: string) {
      return db.select().from(peopleFound).where(eq(peopleFound.incidentId, incidentId)).orderBy(asc(peopleFound.sequence));
    },

    /** The officer's incidents that have left draft (sent, or waiting on a decision not to refer), newest first. */
    async recordedBy(actorId: string, limit = 20) {
      return db.select().from(incidents).where(and(eq(incidents.createdById, actorId), ne(incidents.status, 'draft'))).orderBy(desc(incidents.updatedAt), desc(incidents.id)).limit(limit);
    },

    /** For each incident, how many people found and files are recorded (the task list's progress on the officer's home). */
    async recordedCounts(ids: readonly string[]): Promise<Map<string, { people: number; evidence: number }>> {
      const counts = new Map(ids.map((id) => [id, { people: 0, evidence: 0 }]));
      if (!ids.length) return counts;
      const [people, evidence] = await Promise.all([
        db.select({ id: peopleFound.incidentId, n: sql<number>`count(*)::int` }).from(peopleFound).where(inArray(peopleFound.incidentId, [...ids])).groupBy(peopleFound.incidentId),
        db.select({ id: incidentEvidence.incidentId, n: sql<number>`count(*)::int` }).from(incidentEvidence).where(inArray(incidentEvidence.incidentId, [...ids])).groupBy(incidentEvidence.incidentId),
      ]);
      for (const row of people) counts.get(row.id)!.people = Number(row.n);
      for (const row of evidence) counts.get(row.id)!.evidence = Number(row.n);
      return counts;
    },

    async draftsBy(actorId: string) {
      return db.select().from(incidents).where(and(eq(incidents.createdById, actorId), eq(incidents.status, 'draft'))).orderBy(desc(incidents.updatedAt), sql`${lastChange} desc`).limit(50);
    },
  };
  return service;
}

export type BorderEventsService = ReturnType<typeof borderEventsService>;
