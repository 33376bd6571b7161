import { eq } from 'drizzle-orm';
import type { Projector } from '../../platform/projections/projector.js';
import { isEventOf } from '../../domain/events.js';
import { QUESTION_EVENT } from '../../domain/questions/events.js';
import { questions } from './schema.js';

export const questionIdOfStream = (streamId: string) => streamId.slice('question-'.length);

/** The only writer of `questions`. */
export const questionsProjector: Projector = {
  module: 'questions',
  tables: [questions],
  streamTypes: ['question'],
  async apply(tx, event) {
    const id = questionIdOfStream(event.streamId);
    if (isEventOf(event, QUESTION_EVENT.QuestionAsked)) {
      const p = event.payload;
      await tx.insert(questions).values({
        id,
        channel: p.channel,
        askedAt: new Date(p.askedAt),
        askedOn: p.askedOn,
        dueBy: p.dueBy,
        answerWithinWorkingDays: p.answerWithinWorkingDays,
        askerName: p.askerName,
        email: p.email,
        phone: p.phone,
        caseId: p.caseId,
        caseReference: p.caseReference,
        liabilityId: p.liabilityId,
        language: p.language,
        text: p.text,
        loggedById: event.actorId,
        loggedByName: event.actorName,
        status: 'open',
        version: event.version,
      });
    } else if (isEventOf(event, QUESTION_EVENT.QuestionAssigned)) {
      await tx.update(questions).set({ assigneeId: event.payload.assigneeId, assigneeName: event.payload.assigneeName, version: event.version }).where(eq(questions.id, id));
    } else if (isEventOf(event, QUESTION_EVENT.QuestionAnswered)) {
      const p = event.payload;
      await tx
        .update(questions)
        .set({ status: 'answered', answerText: p.text, answerLanguage: p.language, answerNote: p.note, answeredByName: event.actorName, answeredAt: event.occurredAt, answeredOn: p.answeredOn, withinServiceLevel: p.withinServiceLevel, workingDaysLate: p.workingDaysLate, version: event.version })
        .where(eq(questions.id, id));
    } else if (isEventOf(event, QUESTION_EVENT.QuestionClosed)) {
      await tx.update(questions).set({ status: 'closed', closedReason: event.payload.reason, closedByName: event.actorName, closedAt: event.occurredAt, version: event.version }).where(eq(questions.id, id));
    }
  },
};
