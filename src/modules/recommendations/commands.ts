import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { inspection, RESPONSES } from '../../domain/recommendations/events.js';
import {
  decideAddAction,
  decideAssignOwner,
  decideClose,
  decideCompleteAction,
  decideLinkFigure,
  decideRecordEmbeddedCheck,
  decideRecordEvidence,
  decideRecordRecommendation,
  type RecommendationState,
  type RecommendationStatus,
} from '../../domain/recommendations/decisions.js';
import { calendarDate, optionalText } from '../casework/field-schemas.js';
import { FIGURE_KEYS } from './figures.js';
import { recommendationsProjector } from './projector.js';
import { recommendationActions, recommendations } from './schema.js';

/** Managers keep the register; analysts and managers read it. Cordon itself (the pre-load) records as an administrator. */
export const REGISTER_EDITORS = ['manager'] as const;
export const REGISTER_READERS = ['manager', 'analyst'] as const;
export const REGISTER_RECORDERS = ['manager', 'administrator'] as const;

const streamOf = (id: string) => `recommendation-${id}`;

async function loadRecommendation(tx: Db, id: string) {
  const [row] = await tx.select().from(recommendations).where(eq(recommendations.id, id));
  if (!row) return null;
  const actions = await tx.select({ id: recommendationActions.id, completedOn: recommendationActions.completedOn }).from(recommendationActions).where(eq(recommendationActions.recommendationId, id));
  const state: RecommendationState = {
    status: row.status as RecommendationStatus,
    dueDate: row.dueDate,
    evidenceCount: row.evidenceCount,
    embeddedCheckDue: row.embeddedCheckDue,
    actions: new Map(actions.map((a) => [a.id, { completed: a.completedOn !== null }])),
  };
  return { streamId: streamOf(row.id), version: row.version, state };
}

const figureKey = z.enum(FIGURE_KEYS as unknown as [string, ...string[]], { error: 'recommendations.error.figureUnknown' });

export const recordRecommendationInput = z.object({
  recommendationId: z.uuid(),
  inspection,
  number: z.string().trim().min(1).max(10),
  text: z.string().trim().min(1).max(10000),
  response: z.enum(RESPONSES),
  responseWording: z.string().max(500).nullable().optional(),
  paragraph: z.string().max(100).nullable().optional(),
  responseParagraph: z.string().max(100).nullable().optional(),
  figure: figureKey.nullable().optional(),
});

export const recordRecommendation: CommandDefinition<z.infer<typeof recordRecommendationInput>, { exists: boolean }, { recommendationId: string }> = {
  name: 'recordRecommendation',
  input: recordRecommendationInput,
  roles: REGISTER_RECORDERS,
  streamType: 'recommendation',
  optimistic: true,
  // A new stream: recorded at version 1, so the same id twice is refused (or, raced, a conflict).
  async load(tx, input) {
    const [row] = await tx.select({ version: recommendations.version }).from(recommendations).where(eq(recommendations.id, input.recommendationId));
    return { streamId: streamOf(input.recommendationId), version: row?.version ?? 0, state: { exists: !!row } };
  },
  decide: decideRecordRecommendation,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { recommendationId: input.recommendationId };
  },
};

export const assignRecommendationOwnerInput = z.object({ recommendationId: z.uuid(), ownerId: z.string().min(1).max(200), ownerName: z.string().min(1).max(200), dueDate: calendarDate('The date it is due') });

export const assignRecommendationOwner: CommandDefinition<z.infer<typeof assignRecommendationOwnerInput>, RecommendationState, { recommendationId: string }> = {
  name: 'assignRecommendationOwner',
  input: assignRecommendationOwnerInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideAssignOwner,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { recommendationId: input.recommendationId };
  },
};

export const addRecommendationActionInput = z.object({ recommendationId: z.uuid(), actionId: z.uuid(), description: z.string().max(2000, 'recommendations.error.tooLong'), dueDate: calendarDate('The date it is due') });

export const addRecommendationAction: CommandDefinition<z.infer<typeof addRecommendationActionInput>, RecommendationState, { actionId: string }> = {
  name: 'addRecommendationAction',
  input: addRecommendationActionInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideAddAction,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { actionId: input.actionId };
  },
};

export const completeRecommendationActionInput = z.object({ recommendationId: z.uuid(), actionId: z.uuid() });

export const completeRecommendationAction: CommandDefinition<z.infer<typeof completeRecommendationActionInput>, RecommendationState, { actionId: string }> = {
  name: 'completeRecommendationAction',
  input: completeRecommendationActionInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideCompleteAction,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { actionId: input.actionId };
  },
};

export const recordRecommendationEvidenceInput = z.object({ recommendationId: z.uuid(), evidenceId: z.uuid(), description: z.string().max(5000, 'recommendations.error.tooLong'), link: z.string().max(2000, 'recommendations.error.tooLong').nullable().optional() });

export const recordRecommendationEvidence: CommandDefinition<z.infer<typeof recordRecommendationEvidenceInput>, RecommendationState, { evidenceId: string }> = {
  name: 'recordRecommendationEvidence',
  input: recordRecommendationEvidenceInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideRecordEvidence,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { evidenceId: input.evidenceId };
  },
};

export const linkRecommendationFigureInput = z.object({ recommendationId: z.uuid(), figure: figureKey.nullable() });

export const linkRecommendationFigure: CommandDefinition<z.infer<typeof linkRecommendationFigureInput>, RecommendationState, { recommendationId: string }> = {
  name: 'linkRecommendationFigure',
  input: linkRecommendationFigureInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideLinkFigure,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { recommendationId: input.recommendationId };
  },
};

export const closeRecommendationInput = z.object({ recommendationId: z.uuid(), summary: optionalText('The summary', 5000), embeddedCheckDue: calendarDate('The date to check it is still embedded') });

export const closeRecommendation: CommandDefinition<z.infer<typeof closeRecommendationInput>, RecommendationState, { recommendationId: string }> = {
  name: 'closeRecommendation',
  input: closeRecommendationInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideClose,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { recommendationId: input.recommendationId };
  },
};

export const recordEmbeddedCheckInput = z.object({ recommendationId: z.uuid(), embedded: z.boolean(), notes: optionalText('The notes', 5000) });

export const recordEmbeddedCheck: CommandDefinition<z.infer<typeof recordEmbeddedCheckInput>, RecommendationState, { recommendationId: string }> = {
  name: 'recordEmbeddedCheck',
  input: recordEmbeddedCheckInput,
  roles: REGISTER_EDITORS,
  streamType: 'recommendation',
  optimistic: true,
  load: (tx, input) => loadRecommendation(tx, input.recommendationId),
  decide: decideRecordEmbeddedCheck,
  projectors: [recommendationsProjector],
  async project(_tx, { input }) {
    return { recommendationId: input.recommendationId };
  },
};
