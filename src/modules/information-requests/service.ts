import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandOutcome } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { storeEvidence } from '../../platform/files/evidence.js';
import { portName } from '../../domain/reference/ports.js';
import { REQUESTED_ITEMS, type Addressee, type RequestedItem } from '../../domain/information-requests/events.js';
import { requestStanding, type InformationRequestStatus } from '../../domain/information-requests/decisions.js';
import { answerInformationRequest, requestInformation, withdrawInformationRequest } from './commands.js';
import { informationRequestAnswers, informationRequestFiles, informationRequests } from './schema.js';
import { requestTimelineEntries, standingWords } from './wording.js';

/** What the module needs of the case and of the incident behind it, handed in by src/app.ts. */
export interface InformationRequestsDependencies {
  /** The case by its reference (casework's service). */
  caseByReference(reference: string): Promise<{ id: string; reference: string; portCode: string } | null>;
  /** The officer who recorded the incident the case was opened from, if any (intake's service). */
  referringOfficerOf(caseId: string): Promise<{ id: string; name: string } | null>;
  files: FileStore;
  clock: { now(): Date };
}

const REFERRER_ROLES = ['port-officer', 'police-officer'];
const isReferrer = (actor: Actor) => actor.roles.some((r) => REFERRER_ROLES.includes(r));
const isManager = (actor: Actor) => actor.roles.includes('manager');

type RequestRow = typeof informationRequests.$inferSelect;
type AnswerRow = typeof informationRequestAnswers.$inferSelect;

export function itemNames(row: Pick<RequestRow, 'items' | 'otherDescription'>): string[] {
  return row.items.map((item) => (item === 'other' && row.otherDescription ? `Something else: ${row.otherDescription}` : (REQUESTED_ITEMS[item as RequestedItem] ?? item)));
}

export function addresseeName(row: Pick<RequestRow, 'addressedToName' | 'portCode'>): string {
  return row.addressedToName ?? `Officers at ${portName(row.portCode ?? '')}`;
}

/** A request as pages and the API show it, with its standing on `today`. */
export function requestView(row: RequestRow, answers: AnswerRow[], today: string) {
  const standing = requestStanding({ status: row.status as InformationRequestStatus, dueDate: row.dueDate, firstAnswerDaysLate: row.firstAnswerDaysLate }, today);
  return {
    ...row,
    itemNames: itemNames(row),
    addressee: addresseeName(row),
    isPortRequest: row.addressedToId === null,
    standing,
    standingWords: standingWords(standing),
    overdue: standing.kind === 'overdue',
    answers,
  };
}
export type InformationRequestView = ReturnType<typeof requestView>;

export function informationRequestsService(db: Db, deps: InformationRequestsDependencies) {
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(deps.clock.now());

  const withAnswers = async (rows: RequestRow[]) => {
    const ids = rows.map((r) => r.id);
    const answers = ids.length ? await db.select().from(informationRequestAnswers).where(inArray(informationRequestAnswers.requestId, ids)).orderBy(asc(informationRequestAnswers.answeredAt), asc(informationRequestAnswers.id)) : [];
    const day = today();
    return rows.map((row) => requestView(row, answers.filter((a) => a.requestId === row.id), day));
  };

  /** Requests an officer is asked to answer: theirs, and every port's request (officers have no port in Cordon). Managers see them all. */
  const forOfficer = (actor: Actor): SQL | undefined => (isManager(actor) && !isReferrer(actor) ? undefined : or(eq(informationRequests.addressedToId, actor.id), isNull(informationRequests.addressedToId)));

  const service = {
    today,

    /** Who a new request on this case goes to: the referring officer, or the case's port. */
    async addresseeFor(kase: { id: string; portCode: string }): Promise<Addressee> {
      const officer = await deps.referringOfficerOf(kase.id);
      return officer ? { kind: 'officer', officerId: officer.id, officerName: officer.name } : { kind: 'port', portCode: kase.portCode };
    },

    caseByReference: (reference: string) => deps.caseByReference(reference),

    /** Asks for information on a case. `requestId` from the Idempotency-Key or the form, so a repeat is the same request. */
    async ask(reference: string, body: Record<string, unknown>, context: CommandContext & { requestId?: string }): Promise<CommandOutcome<{ requestId: string }>> {
      const kase = await deps.caseByReference(reference);
      if (!kase) return { ok: false, kind: 'not-found', message: 'There is no case with that reference' };
      const addressedTo = await service.addresseeFor(kase);
      return executeCommand(db, requestInformation, { ...body, requestId: context.requestId ?? randomUUID(), caseId: kase.id, caseReference: kase.reference, addressedTo }, { ...context, now: context.now ?? deps.clock.now() });
    },

    /** Checks and stores the files (by content hash, with thumbnails), then records the answer. */
    async answer(requestId: string, text: string | undefined, uploads: { bytes: Buffer; filename: string; mimetype?: string }[], context: CommandContext): Promise<CommandOutcome<{ answerId: string }>> {
      const files = [];
      for (const upload of uploads) {
        const result = await storeEvidence(deps.files, { bytes: upload.bytes, declaredName: upload.filename, declaredType: upload.mimetype });
        if (!result.ok) return { ok: false, kind: 'invalid', message: `${upload.filename}: ${result.message}`, errors: [{ field: 'files', message: `${upload.filename}: ${result.message}` }] };
        files.push({ hash: result.file.hash, mediaType: result.file.mediaType, size: result.file.size, originalName: result.file.originalName, thumbnailHash: result.file.thumbnailHash });
      }
      return executeCommand(db, answerInformationRequest, { requestId, answerId: randomUUID(), text, files }, { ...context, now: context.now ?? deps.clock.now() });
    },

    withdraw: (input: { requestId: string; reason?: string | undefined }, context: CommandContext) => executeCommand(db, withdrawInformationRequest, input, { ...context, now: context.now ?? deps.clock.now() }),

    async forCase(caseId: string) {
      return withAnswers(await db.select().from(informationRequests).where(eq(informationRequests.caseId, caseId)).orderBy(desc(informationRequests.requestedAt), desc(informationRequests.id)));
    },

    async get(requestId: string) {
      const [row] = await db.select().from(informationRequests).where(eq(informationRequests.id, requestId));
      return row ? (await withAnswers([row]))[0]! : null;
    },

    /** The requests an officer is asked to answer (open first, then answered or withdrawn recently). */
    async forOfficerOf(actor: Actor, limit = 100) {
      const rows = await db.select().from(informationRequests).where(forOfficer(actor)).orderBy(desc(eq(informationRequests.status, 'open')), asc(informationRequests.dueDate), desc(informationRequests.requestedAt)).limit(limit);
      return withAnswers(rows);
    },

    /** The requests a caseworker sent (a manager: every request), open first. */
    async sentBy(actor: Actor, limit = 100) {
      const rows = await db
        .select()
        .from(informationRequests)
        .where(isManager(actor) ? undefined : eq(informationRequests.requestedById, actor.id))
        .orderBy(desc(eq(informationRequests.status, 'open')), asc(informationRequests.dueDate), desc(informationRequests.requestedAt))
        .limit(limit);
      return withAnswers(rows);
    },

    /** How many requests wait for this officer's answer, and how many of them are overdue. */
    async openCountFor(actor: Actor) {
      const open = and(eq(informationRequests.status, 'open'), forOfficer(actor));
      const [row] = await db.select({ open: count() }).from(informationRequests).where(open);
      const [late] = await db.select({ n: count() }).from(informationRequests).where(and(open, lt(informationRequests.dueDate, today())));
      return { open: Number(row?.open ?? 0), overdue: Number(late?.n ?? 0) };
    },

    /** A file sent with an answer (by its hash or its thumbnail's), or null. */
    async fileByHash(hash: string) {
      const [row] = await db.select().from(informationRequestFiles).where(or(eq(informationRequestFiles.fileHash, hash), eq(informationRequestFiles.thumbnailHash, hash))).limit(1);
      return row ?? null;
    },
    readFile: (hash: string) => deps.files.get(hash),

    /** The case timeline's entries for the requests on a case (casework merges them with the case's own events). */
    async timelineOf(caseId: string) {
      return requestTimelineEntries(await service.forCase(caseId));
    },
  };
  return service;
}


export type InformationRequestsService = ReturnType<typeof informationRequestsService>;
