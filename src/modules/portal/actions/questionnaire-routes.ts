import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { readMultipartForm } from '../../../platform/files/multipart.js';
import { requirePortalSession, sendPortalNotFound } from '../session.js';
import type { PortalActions } from './portal-actions.js';
import type { QuestionKey } from '../../correspondence/letters/questionnaire.js';

/*
 * `/portal/penalties/:liabilityId/questionnaire`: answer the questionnaire sent with the initial
 * notice (the questions for a company or a person, as the letter asks them), with documents and
 * photos. Recorded as the response to the initial notice (`answerQuestionnaire`). Only on the
 * person's own penalty.
 */

const LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 20_000 };
const MAX_ANSWER = 5000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CODES: Record<string, MessageKey> = {
  'answer-missing': 'portal.actions.questionnaire.error.answer',
  'too-long': 'portal.actions.questionnaire.error.tooLong',
  upload: 'portal.actions.object.error.upload',
  text: 'portal.actions.object.error.text',
};

/** A text field: '' when absent, null when it cannot be read (NUL byte, lone surrogate). */
function text(value: unknown): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return '';
  if (typeof one !== 'string' || one.includes('\0') || LONE_SURROGATE.test(one)) return null;
  return one;
}

export function portalQuestionnaireRoutes(app: FastifyInstance, deps: { actions: PortalActions }) {
  const own = (request: FastifyRequest) => {
    const session = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    return liabilityId === session.liabilityId ? session : null;
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>, errors: { field: string; code: string }[] = []) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const keys = await deps.actions.questionsFor(session);
    if (!keys) return sendPortalNotFound(reply);
    const language = request.language;
    const words = (code: string) => t(language, CODES[code] ?? 'portal.actions.questionnaire.error.refused');
    const href = (field: string) => (keys.includes(field as QuestionKey) || field === 'files' ? field : keys[0] ?? 'files');
    const errorList = errors.map((error) => ({ text: words(error.code), href: `#${href(error.field)}` }));
    const fieldErrors = Object.fromEntries(errors.map((error) => [href(error.field), { text: words(error.code) }]));
    const questions = keys.map((key) => ({ key, label: `question.${key}`, value: fields[key] ?? '', error: fieldErrors[key] }));
    if (errors.length) reply.code(422);
    return reply.page('portal/actions/views/questionnaire.njk', { pageTitleKey: 'portal.actions.questionnaire.title', liabilityId: session.liabilityId, questions, errorList, fieldErrors });
  };

  const config = { access: { public: true } } as const;
  app.get('/portal/penalties/:liabilityId/questionnaire', { config, preHandler: requirePortalSession }, async (request, reply) => show(request, reply, {}));

  app.post('/portal/penalties/:liabilityId/questionnaire', { config: { ...config, multipart: LIMITS }, preHandler: requirePortalSession }, async (request, reply) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const keys = await deps.actions.questionsFor(session);
    if (!keys) return sendPortalNotFound(reply);
    const form = await readMultipartForm(request, LIMITS);
    const fields: Record<string, string> = {};
    const errors: { field: string; code: string }[] = [];
    const answers: Partial<Record<QuestionKey, string>> = {};
    for (const key of keys) {
      const value = text(form.fields[key]);
      if (value === null) {
        fields[key] = '';
        errors.push({ field: key, code: 'text' });
      } else if (value.length > MAX_ANSWER) {
        fields[key] = value.slice(0, MAX_ANSWER);
        errors.push({ field: key, code: 'too-long' });
      } else {
        fields[key] = value;
        answers[key] = value;
      }
    }
    if (!form.ok) return show(request, reply, fields, [...errors, { field: 'files', code: 'upload' }]);
    if (errors.length) return show(request, reply, fields, errors);
    const uploads = form.files.filter((f) => f.bytes.length > 0).map((f) => ({ bytes: f.bytes, declaredName: f.filename, declaredType: f.mimetype }));
    const outcome = await deps.actions.answerQuestionnaire(session, { answers, uploads });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return sendPortalNotFound(reply);
      return show(request, reply, fields, outcome.problems);
    }
    return reply.page('portal/actions/views/questionnaire-sent.njk', {
      pageTitleKey: 'portal.actions.questionnaire.sentTitle',
      liabilityId: session.liabilityId,
      files: uploads.map((u) => u.declaredName),
    });
  });
}
