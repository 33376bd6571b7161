import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CommandDefinition } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { QUESTION_CHANNELS } from '../../domain/questions/events.js';
import {
  decideAnswerQuestion,
  decideAskQuestion,
  decideAssignQuestion,
  decideCloseQuestion,
  type QuestionState,
  type QuestionStatus,
} from '../../domain/questions/decisions.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { DEFAULT_QUESTIONS } from '../../domain/policy/policy-parameters.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { policyService } from '../policy/service.js';
import { CASEWORKERS } from '../identity/roles.js';
import { questionsProjector } from './projector.js';
import { questions } from './schema.js';

/** Who logs, answers and closes questions: the penalty team. A signed-in person asks through the portal as `portal-user`. */
export const QUESTION_HANDLERS = CASEWORKERS;
export const PORTAL_ROLES = ['portal-user'] as const;

/** The service level of the policy in force on a day (`questions.answerWithinWorkingDays`). */
export async function answerWithinWorkingDays(db: Db, day: string): Promise<number> {
  const chosen = policyInForce(await policyService(db).versions(), day);
  return chosen.ok ? (chosen.policyVersion.parameters.questions?.answerWithinWorkingDays ?? DEFAULT_QUESTIONS.answerWithinWorkingDays) : DEFAULT_QUESTIONS.answerWithinWorkingDays;
}

const language = z.string().regex(/^[a-z]{2}$/);
const optional = (max: number) => z.string().max(max).nullable().optional();

export const askQuestionInput = z.object({
  questionId: z.uuid(),
  channel: z.enum(QUESTION_CHANNELS),
  askedAt: z.date().optional(),
  askerName: z.string().max(200),
  email: optional(320),
  phone: optional(40),
  caseId: z.uuid().nullable().optional(),
  caseReference: optional(40),
  liabilityId: z.uuid().nullable().optional(),
  language,
  text: z.string().max(20000),
});
type AskInput = z.infer<typeof askQuestionInput>;

type AskCommand = CommandDefinition<AskInput, { answerWithinWorkingDays: number }, { questionId: string; dueBy: string }>;

/** A new stream; its state is the service level of the policy in force on the day asked. */
const loadAsk: AskCommand['load'] = async (tx, input, context) => ({
  streamId: `question-${input.questionId}`,
  version: 0,
  state: { answerWithinWorkingDays: await answerWithinWorkingDays(tx, ukDate(input.askedAt ?? context.now)) },
});
const projectAsk: AskCommand['project'] = async (tx, { input }) => {
  const [row] = await tx.select({ dueBy: questions.dueBy }).from(questions).where(eq(questions.id, input.questionId));
  return { questionId: input.questionId, dueBy: row?.dueBy ?? '' };
};

/** A question received by email or phone, logged by the penalty team. */
export const logQuestion: AskCommand = {
  name: 'logQuestion',
  input: askQuestionInput,
  roles: QUESTION_HANDLERS,
  streamType: 'question',
  optimistic: true,
  load: loadAsk,
  decide: decideAskQuestion,
  projectors: [questionsProjector],
  project: projectAsk,
};

/** A question asked by a signed-in person on the portal. */
export const askQuestionOnline: AskCommand = {
  name: 'askQuestionOnline',
  input: askQuestionInput,
  roles: PORTAL_ROLES,
  streamType: 'question',
  optimistic: true,
  load: loadAsk,
  decide: decideAskQuestion,
  projectors: [questionsProjector],
  project: projectAsk,
};

async function loadQuestion(tx: Db, questionId: string) {
  const [row] = await tx.select().from(questions).where(eq(questions.id, questionId));
  if (!row) return null;
  const state: QuestionState = { status: row.status as QuestionStatus, dueBy: row.dueBy, email: row.email, assigneeId: row.assigneeId };
  return { streamId: `question-${row.id}`, version: row.version, state };
}

export const assignQuestionInput = z.object({ questionId: z.uuid(), assigneeId: z.string().min(1), assigneeName: z.string().min(1) });
export const assignQuestion: CommandDefinition<z.infer<typeof assignQuestionInput>, QuestionState, { questionId: string }> = {
  name: 'assignQuestion',
  input: assignQuestionInput,
  roles: QUESTION_HANDLERS,
  streamType: 'question',
  optimistic: true,
  load: (tx, input) => loadQuestion(tx, input.questionId),
  decide: decideAssignQuestion,
  projectors: [questionsProjector],
  project: async (_tx, { input }) => ({ questionId: input.questionId }),
};

export const answerQuestionInput = z.object({ questionId: z.uuid(), text: z.string().max(20000), language, note: optional(2000) });
export const answerQuestion: CommandDefinition<z.infer<typeof answerQuestionInput>, QuestionState, { questionId: string; emailTo: string | null }> = {
  name: 'answerQuestion',
  input: answerQuestionInput,
  roles: QUESTION_HANDLERS,
  streamType: 'question',
  optimistic: true,
  load: (tx, input) => loadQuestion(tx, input.questionId),
  decide: decideAnswerQuestion,
  projectors: [questionsProjector],
  project: async (_tx, { input, state }) => ({ questionId: input.questionId, emailTo: state.email }),
};

export const closeQuestionInput = z.object({ questionId: z.uuid(), reason: z.string().max(2000) });
export const closeQuestion: CommandDefinition<z.infer<typeof closeQuestionInput>, QuestionState, { questionId: string }> = {
  name: 'closeQuestion',
  input: closeQuestionInput,
  roles: QUESTION_HANDLERS,
  streamType: 'question',
  optimistic: true,
  load: (tx, input) => loadQuestion(tx, input.questionId),
  decide: decideCloseQuestion,
  projectors: [questionsProjector],
  project: async (_tx, { input }) => ({ questionId: input.questionId }),
};

