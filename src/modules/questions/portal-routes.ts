import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { t } from '../../platform/i18n/messages.js';
import { formatDate } from '../../platform/i18n/format.js';
import { QUESTION_MAX_LENGTH } from '../../domain/questions/decisions.js';
import { portalActor, requirePortalSession, type PortalSession } from '../portal/session.js';
import type { QuestionsService } from './service.js';
import { PORTAL_PROBLEMS } from './wording.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A signed-in person's questions about their case: `/portal/questions` (list with answers) and `/portal/questions/new`. */
export function portalQuestionsRoutes(app: FastifyInstance, deps: { questions: QuestionsService }) {
  const { questions } = deps;
  const options = { config: { access: { public: true as const } }, preHandler: requirePortalSession };

  app.get('/portal/questions', options, async (request, reply) => {
    const session = request.portal!;
    const list = await questions.forLiabilities(session.visibleLiabilityIds);
    return reply.page('questions/views/portal-list.njk', { pageTitle: t(request.language, 'questions.portal.list.title'), questions: list, backLink: '/portal/case' });
  });

  const showForm = async (request: FastifyRequest, reply: FastifyReply, status: number, values: Record<string, unknown>, errors: FieldError[]) => {
    const { errorList, fieldErrors } = formErrors(errors);
    const level = await questions.serviceLevel();
    return reply.code(status).page('questions/views/portal-new.njk', {
      pageTitle: t(request.language, 'questions.portal.new.title'),
      values,
      errorList,
      fieldErrors,
      serviceLevel: level,
      maxLength: QUESTION_MAX_LENGTH,
      backLink: '/portal/questions',
    });
  };

  app.get('/portal/questions/new', options, async (request, reply) => showForm(request, reply, 200, { questionId: randomUUID() }, []));

  app.post('/portal/questions', options, async (request, reply) => {
    const session: PortalSession = request.portal!;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const questionId = UUID.test(str(body, 'questionId')) ? str(body, 'questionId') : randomUUID();
    const values = { text: str(body, 'text'), email: str(body, 'email'), questionId };
    const language = request.language;
    const problem = (field: string, key: keyof typeof PORTAL_PROBLEMS) => ({ field, message: t(language, PORTAL_PROBLEMS[key]!, { max: QUESTION_MAX_LENGTH }) });
    if (values.text.includes('\u0000') || LONE_SURROGATE.test(values.text)) return showForm(request, reply, 422, values, [problem('text', 'question.text.missing')]);
    if (values.text.trim().length > QUESTION_MAX_LENGTH) return showForm(request, reply, 422, values, [problem('text', 'question.text.tooLong')]);
    const outcome = await questions.ask(
      { askerName: session.personName, email: values.email.trim() || null, caseId: session.caseId, caseReference: session.caseReference, liabilityId: session.liabilityId, language, text: values.text },
      { actor: portalActor(session), questionId, idempotencyKey: `portal:${questionId}`, idempotencyScope: session.liabilityId },
    );
    if (!outcome.ok) {
      const errors = ('errors' in outcome && outcome.errors?.length ? outcome.errors : [{ field: 'text', message: 'question.text.missing' }]).map((e) =>
        PORTAL_PROBLEMS[e.message] ? problem(e.field, e.message) : problem('text', 'question.text.missing'),
      );
      return showForm(request, reply, outcome.kind === 'conflict' ? 409 : 422, values, errors);
    }
    const date = formatDate(language, outcome.value.dueBy);
    return reply.confirmation(t(language, 'questions.portal.sent', { date })).redirect('/portal/questions', 303);
  });
}
