import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandDefinition, type CommandOutcome } from '../../platform/events/command.js';
import { readStream, type Actor } from '../../platform/events/event-store.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { recommendationStanding, type RecommendationStatus } from '../../domain/recommendations/decisions.js';
import { RESPONSES, type Inspection, type RecommendationResponse } from '../../domain/recommendations/events.js';
import {
  addRecommendationAction,
  assignRecommendationOwner,
  closeRecommendation,
  completeRecommendationAction,
  linkRecommendationFigure,
  recordEmbeddedCheck,
  recordRecommendation,
  recordRecommendationEvidence,
} from './commands.js';
import { readFigure, type FigureSources } from './figures.js';
import { recommendationActions, recommendationEvidence, recommendations } from './schema.js';
import seedFile from './seed-recommendations.json' with { type: 'json' };

/** What the register needs from outside: the people who may own a recommendation (identity's users), the figures, the clock. */
export interface RecommendationsDependencies {
  /** Active users who may own a recommendation (managers and analysts), by name. */
  owners(): Promise<{ id: string; name: string }[]>;
  figures: FigureSources;
  clock: { now(): Date };
}

type Row = typeof recommendations.$inferSelect;

/** The filters of the list and the export. `owner`: `me`, `none` or a user's id; `view`: `overdue` or `unverified`. */
export interface RegisterFilters {
  inspection?: string | undefined;
  response?: string | undefined;
  status?: string | undefined;
  owner?: string | undefined;
  view?: string | undefined;
}

/** `6d` sorts after `6` and before `7`; `10` after `9`. */
export function numberOrder(a: string, b: string): number {
  const parse = (n: string) => {
    const m = /^(\d+)(.*)$/.exec(n);
    return m ? [Number(m[1]), m[2] ?? ''] as const : [Number.MAX_SAFE_INTEGER, n] as const;
  };
  const [na, ra] = parse(a);
  const [nb, rb] = parse(b);
  return na - nb || ra.localeCompare(rb);
}

/** The recommendation's id from its inspection and number: the pre-load gives the same recommendation the same id every time. */
export function seedRecommendationId(inspectionId: string, number: string): string {
  const hex = createHash('sha256').update(`recommendation:${inspectionId}:${number}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface SeedRecommendation {
  document: string;
  number: string;
  text: string;
  response: string;
  responseWording: string | null;
  paragraph: string | null;
  responseParagraph: string | null;
  figure?: string;
}
interface SeedFile {
  documents: { id: string; seedFile: string; title: string; year: number }[];
  recommendations: SeedRecommendation[];
}
export const SEED: SeedFile = seedFile as unknown as SeedFile;

export function recommendationsService(db: Db, deps: RecommendationsDependencies) {
  const today = () => ukDate(deps.clock.now());
  const run = <I, S, R>(command: CommandDefinition<I, S, R>, input: unknown, context: CommandContext): Promise<CommandOutcome<R>> =>
    executeCommand(db, command, input, { ...context, now: context.now ?? deps.clock.now() });

  /** A row as the list, the page and the export show it, with its standing on `day`. */
  const withStanding = (row: Row, day: string, overdueActions: number) => {
    const standing = recommendationStanding({ status: row.status as RecommendationStatus, dueDate: row.dueDate, embeddedCheckDue: row.embeddedCheckDue }, day);
    return { ...row, status: row.status as RecommendationStatus, response: row.response as RecommendationResponse, ...standing, overdueActions, needsAttention: standing.overdue || overdueActions > 0 };
  };
  type Listed = ReturnType<typeof withStanding>;

  const service = {
    today,
    owners: () => deps.owners(),

    /**
     * The pre-load: every recommendation in seed-recommendations.json not yet in the register is
     * recorded (its id made from its inspection and number); those already there are left alone,
     * so running it again changes nothing.
     */
    async preload(context: CommandContext): Promise<{ recorded: number; alreadyThere: number }> {
      const inspections = new Map(SEED.documents.map((d) => [d.id, { id: d.id, title: d.title, year: d.year } satisfies Inspection]));
      let recorded = 0;
      let alreadyThere = 0;
      for (const r of SEED.recommendations) {
        const inspection = inspections.get(r.document);
        if (!inspection) throw new Error(`seed-recommendations.json: recommendation ${r.number} names an inspection it does not list (${r.document})`);
        const recommendationId = seedRecommendationId(inspection.id, r.number);
        const [there] = await db.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.id, recommendationId));
        if (there) {
          alreadyThere += 1;
          continue;
        }
        const outcome = await run(
          recordRecommendation,
          { recommendationId, inspection, number: r.number, text: r.text, response: r.response, responseWording: r.responseWording, paragraph: r.paragraph, responseParagraph: r.responseParagraph, figure: r.figure ?? null },
          context,
        );
        if (outcome.ok) recorded += 1;
        else if (outcome.kind === 'refused' || outcome.kind === 'conflict') alreadyThere += 1; // recorded meanwhile by another process
        else throw new Error(`Could not record recommendation ${r.document} ${r.number}: ${outcome.message}`);
      }
      return { recorded, alreadyThere };
    },

    /** The inspections in the register, newest first, with how many recommendations each has. */
    async inspections() {
      const rows = await db.select({ id: recommendations.inspectionId, title: recommendations.inspectionTitle, year: recommendations.inspectionYear }).from(recommendations);
      const byId = new Map<string, { id: string; title: string; year: number; count: number }>();
      for (const r of rows) byId.set(r.id, { ...r, count: (byId.get(r.id)?.count ?? 0) + 1 });
      return [...byId.values()].sort((a, b) => b.year - a.year || a.title.localeCompare(b.title));
    },

    /** The register, filtered: newest inspection first, then in the document's order. */
    async list(filters: RegisterFilters, actor: Actor): Promise<Listed[]> {
      const day = today();
      const rows = await db.select().from(recommendations);
      const late = await db
        .select({ recommendationId: recommendationActions.recommendationId })
        .from(recommendationActions)
        .where(and(isNull(recommendationActions.completedOn), lt(recommendationActions.dueDate, day)));
      const lateCount = new Map<string, number>();
      for (const a of late) lateCount.set(a.recommendationId, (lateCount.get(a.recommendationId) ?? 0) + 1);
      return rows
        .map((row) => withStanding(row, day, ['open', 'reopened'].includes(row.status) ? (lateCount.get(row.id) ?? 0) : 0))
        .filter((r) => !filters.inspection || r.inspectionId === filters.inspection)
        .filter((r) => !filters.response || r.response === filters.response)
        .filter((r) => !filters.status || r.status === filters.status)
        .filter((r) => !filters.owner || (filters.owner === 'me' ? r.ownerId === actor.id : filters.owner === 'none' ? r.ownerId === null : r.ownerId === filters.owner))
        .filter((r) => filters.view !== 'overdue' || r.needsAttention)
        .filter((r) => filters.view !== 'unverified' || r.unverified)
        .sort((a, b) => b.inspectionYear - a.inspectionYear || a.inspectionId.localeCompare(b.inspectionId) || numberOrder(a.number, b.number));
    },

    /** One recommendation: the record, its actions, evidence, the linked figure now, and its history from its stream. */
    async get(id: string) {
      const [row] = await db.select().from(recommendations).where(eq(recommendations.id, id));
      if (!row) return null;
      const day = today();
      const actions = (await db.select().from(recommendationActions).where(eq(recommendationActions.recommendationId, id)).orderBy(asc(recommendationActions.dueDate), asc(recommendationActions.addedAt))).map((a) => ({
        ...a,
        overdue: a.completedOn === null && a.dueDate < day,
      }));
      const evidence = await db.select().from(recommendationEvidence).where(eq(recommendationEvidence.recommendationId, id)).orderBy(asc(recommendationEvidence.recordedAt));
      const history = (await readStream(db, `recommendation-${id}`)).map((e) => ({ type: e.type, payload: e.payload, actorName: e.actorName, occurredAt: e.occurredAt }));
      const worked = ['open', 'reopened'].includes(row.status);
      return { ...withStanding(row, day, worked ? actions.filter((a) => a.overdue).length : 0), actions, evidence, history, figureReading: await readFigure(deps.figures, row.figure) };
    },

    assignOwner: async (id: string, input: { ownerId: string; dueDate: string }, context: CommandContext) => {
      const owner = (await deps.owners()).find((o) => o.id === input.ownerId);
      if (!owner) return { ok: false as const, kind: 'invalid' as const, message: 'recommendations.error.ownerChoose', errors: [{ field: 'ownerId', message: 'recommendations.error.ownerChoose' }] };
      return run(assignRecommendationOwner, { recommendationId: id, ownerId: owner.id, ownerName: owner.name, dueDate: input.dueDate }, context);
    },
    addAction: (id: string, input: { description: string; dueDate: string; actionId?: string }, context: CommandContext) =>
      run(addRecommendationAction, { recommendationId: id, actionId: input.actionId ?? randomUUID(), description: input.description, dueDate: input.dueDate }, context),
    completeAction: (id: string, actionId: string, context: CommandContext) => run(completeRecommendationAction, { recommendationId: id, actionId }, context),
    recordEvidence: (id: string, input: { description: string; link?: string | null; evidenceId?: string }, context: CommandContext) =>
      run(recordRecommendationEvidence, { recommendationId: id, evidenceId: input.evidenceId ?? randomUUID(), description: input.description, link: input.link ?? null }, context),
    linkFigure: (id: string, figure: string | null, context: CommandContext) => run(linkRecommendationFigure, { recommendationId: id, figure }, context),
    close: (id: string, input: { summary?: string; embeddedCheckDue: string }, context: CommandContext) => run(closeRecommendation, { recommendationId: id, ...input }, context),
    recordCheck: (id: string, input: { embedded: boolean; notes?: string }, context: CommandContext) => run(recordEmbeddedCheck, { recommendationId: id, ...input }, context),
  };
  return service;
}

export const isResponse = (value: unknown): value is RecommendationResponse => typeof value === 'string' && (RESPONSES as readonly string[]).includes(value);
export type RecommendationsService = ReturnType<typeof recommendationsService>;
export type RegisterEntry = Awaited<ReturnType<RecommendationsService['list']>>[number];
export type RecommendationPage = NonNullable<Awaited<ReturnType<RecommendationsService['get']>>>;
