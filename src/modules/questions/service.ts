import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type CommandContext, type CommandOutcome } from '../../platform/events/command.js';
import type { Mailer } from '../../platform/notify/mailer.js';
import { t } from '../../platform/i18n/messages.js';
import { formatDate } from '../../platform/i18n/format.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { addDays, addMonths, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { answerDueBy, questionStanding, shareWithinServiceLevel, type QuestionStatus } from '../../domain/questions/decisions.js';
import type { QuestionChannel } from '../../domain/questions/events.js';
import { answerQuestion, answerWithinWorkingDays, askQuestionOnline, assignQuestion, closeQuestion, logQuestion } from './commands.js';
import { questions } from './schema.js';

/** What the module needs of others, handed in by src/app.ts. */
export interface QuestionsDependencies {
  /** The case by its reference (casework's service). */
  caseByReference(reference: string): Promise<{ id: string; reference: string } | null>;
  mailer: Mailer;
  clock: { now(): Date };
}

type QuestionRow = typeof questions.$inferSelect;

export const CHANNEL_NAMES: Record<QuestionChannel, string> = { portal: 'Online', email: 'Email', phone: 'Phone' };

/** A question as the staff pages show it, with its standing on `today`. */
export function questionView(row: QuestionRow, today: CalendarDate) {
  const standing = questionStanding({ status: row.status as QuestionStatus, dueBy: row.dueBy, withinServiceLevel: row.withinServiceLevel }, today);
  return { ...row, channelName: CHANNEL_NAMES[row.channel as QuestionChannel] ?? row.channel, standing, overdue: standing.kind === 'overdue' };
}
export type QuestionView = ReturnType<typeof questionView>;

export interface QuestionFilter {
  status?: 'open' | 'answered' | 'closed' | 'all';
  channel?: QuestionChannel | 'all';
}

/** The first day of the month `date` is in. */
const monthStart = (date: CalendarDate) => `${date.slice(0, 7)}-01`;

/** The email of an answer, in the asker's language where the answer is in it; the surrounding words from the catalogue. */
export function answerEmail(row: Pick<QuestionRow, 'askerName' | 'askedOn' | 'text' | 'caseReference' | 'language'>, answer: { text: string; language: string }) {
  const language: Language = isLanguage(row.language) ? row.language : 'en';
  const lines = [
    t(language, 'questions.email.greeting', { name: row.askerName }),
    '',
    t(language, 'questions.email.intro', { date: formatDate(language, row.askedOn) }),
    '',
    row.text,
    '',
    t(language, 'questions.email.answerIntro'),
    '',
    answer.text,
    '',
    ...(answer.language !== language && answer.language === 'en' ? [t(language, 'questions.email.englishNote'), ''] : []),
    t(language, 'questions.email.signOff'),
  ];
  return {
    subject: row.caseReference ? t(language, 'questions.email.subject', { reference: row.caseReference }) : t(language, 'questions.email.subjectNoReference'),
    body: lines.join('\n'),
  };
}

export function questionsService(db: Db, deps: QuestionsDependencies) {
  const today = () => ukDate(deps.clock.now());
  const now = (context: CommandContext) => ({ ...context, now: context.now ?? deps.clock.now() });

  const service = {
    today,
    caseByReference: (reference: string) => deps.caseByReference(reference),
    /** The service level in force today, and the date a question asked today is answered by. */
    async serviceLevel() {
      const days = await answerWithinWorkingDays(db, today());
      return { days, dueBy: answerDueBy(today(), days) };
    },

    /** A question received by email or phone (the case reference, if given, must be a case). */
    async log(input: { channel: 'email' | 'phone'; askedAt?: Date; askerName: string; email?: string | null; phone?: string | null; caseReference?: string | null; language: string; text: string }, context: CommandContext & { questionId?: string }): Promise<CommandOutcome<{ questionId: string; dueBy: string }>> {
      let kase: { id: string; reference: string } | null = null;
      const reference = input.caseReference?.trim();
      if (reference) {
        kase = await deps.caseByReference(reference.toUpperCase());
        if (!kase) return { ok: false, kind: 'invalid', message: 'There is no case with that reference', errors: [{ field: 'caseReference', message: 'There is no case with that reference' }] };
      }
      return executeCommand(db, logQuestion, { ...input, questionId: context.questionId ?? randomUUID(), caseId: kase?.id ?? null, caseReference: kase?.reference ?? null }, now(context));
    },

    /** A question from a signed-in person on the portal, about their case. */
    ask(input: { askerName: string; email?: string | null; caseId: string; caseReference: string; liabilityId: string; language: string; text: string }, context: CommandContext & { questionId?: string }) {
      return executeCommand(db, askQuestionOnline, { ...input, channel: 'portal' as const, questionId: context.questionId ?? randomUUID() }, now(context));
    },

    assign: (input: { questionId: string; assigneeId: string; assigneeName: string }, context: CommandContext) => executeCommand(db, assignQuestion, input, now(context)),

    /** Records the answer, then emails it (when there is an address) with the words around it in the asker's language. */
    async answer(input: { questionId: string; text: string; language: string; note?: string | null }, context: CommandContext) {
      const outcome = await executeCommand(db, answerQuestion, input, now(context));
      if (outcome.ok && outcome.value.emailTo) {
        const row = await service.row(input.questionId);
        if (row && row.answerText) {
          const email = answerEmail(row, { text: row.answerText, language: row.answerLanguage ?? 'en' });
          await deps.mailer.send({ to: outcome.value.emailTo, subject: email.subject, body: email.body, reference: row.caseReference ?? `question-${row.id}` });
        }
      }
      return outcome;
    },

    close: (input: { questionId: string; reason: string }, context: CommandContext) => executeCommand(db, closeQuestion, input, now(context)),

    async row(questionId: string) {
      const [row] = await db.select().from(questions).where(eq(questions.id, questionId));
      return row ?? null;
    },
    async get(questionId: string) {
      const row = await service.row(questionId);
      return row ? questionView(row, today()) : null;
    },

    /** The queue: due soonest first (open before answered and closed), filtered by status and channel. */
    async queue(filter: QuestionFilter = {}, limit = 200) {
      const where: SQL[] = [];
      if (filter.status && filter.status !== 'all') where.push(eq(questions.status, filter.status));
      if (filter.channel && filter.channel !== 'all') where.push(eq(questions.channel, filter.channel));
      const rows = await db
        .select()
        .from(questions)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(eq(questions.status, 'open')), asc(questions.dueBy), asc(questions.askedAt))
        .limit(limit);
      const day = today();
      return rows.map((r) => questionView(r, day));
    },

    async forCase(caseId: string) {
      const day = today();
      return (await db.select().from(questions).where(eq(questions.caseId, caseId)).orderBy(desc(questions.askedAt))).map((r) => questionView(r, day));
    },

    /** A signed-in person's questions: those about the penalties they may see. */
    async forLiabilities(liabilityIds: readonly string[]) {
      if (!liabilityIds.length) return [];
      const day = today();
      return (await db.select().from(questions).where(inArray(questions.liabilityId, [...liabilityIds])).orderBy(desc(questions.askedAt))).map((r) => questionView(r, day));
    },

    /** The share of questions answered within the service level, this month and last month (by the day answered). */
    async serviceLevelShare() {
      const day = today();
      const thisMonth = monthStart(day);
      const lastMonth = addMonths(thisMonth, -1);
      const of = async (from: string, to: string) =>
        shareWithinServiceLevel(
          (await db.select({ within: questions.withinServiceLevel }).from(questions).where(and(eq(questions.status, 'answered'), gte(questions.answeredOn, from), lte(questions.answeredOn, to)))).map((r) => ({ withinServiceLevel: r.within === true })),
        );
      const endOfLast = addDays(thisMonth, -1);
      const overdue = (await db.select({ dueBy: questions.dueBy }).from(questions).where(eq(questions.status, 'open'))).filter((r) => r.dueBy < day).length;
      return {
        thisMonth: { month: thisMonth, ...(await of(thisMonth, day)) },
        lastMonth: { month: lastMonth, ...(await of(lastMonth, endOfLast)) },
        overdue,
      };
    },
  };
  return service;
}

export type QuestionsService = ReturnType<typeof questionsService>;
