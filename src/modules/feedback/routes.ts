import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n/messages.js';
import { SATISFACTION, type Satisfaction } from '../../domain/questions/events.js';
import { FEEDBACK_COMMENTS_MAX_LENGTH } from '../../domain/questions/decisions.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { isCalendarDate } from '../../domain/clock/calendar-date.js';
import { formErrors } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { SATISFACTION_NAMES, safeFrom, type FeedbackService } from './service.js';

const MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The public pages' layout: the portal's once it exists, else the service's own (which sets `<html lang>` too). */
export const PUBLIC_LAYOUT = fs.existsSync(path.join(MODULES, 'portal', 'views', 'layout.njk')) ? 'portal/views/layout.njk' : 'layout.njk';

/** A public page is written in the person's language: the portal session's, else the one the browser asks for. */
export function usePublicLanguage(request: FastifyRequest) {
  const portal = (request as unknown as { portal?: { language?: string } | null }).portal;
  request.language = (portal?.language as typeof request.language | undefined) ?? request.askedLanguage;
}

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `/feedback` (public) and `/feedback/responses` (managers). See README. */
export function feedbackRoutes(app: FastifyInstance, deps: { feedback: FeedbackService; clock: { now(): Date } }) {
  const { feedback } = deps;

  const showForm = (request: FastifyRequest, reply: import('fastify').FastifyReply, status: number, values: Record<string, unknown>, errors: FieldError[]) => {
    const { errorList, fieldErrors } = formErrors(errors, { satisfaction: 'satisfaction' });
    return reply.code(status).page('feedback/views/feedback.njk', {
      publicLayout: PUBLIC_LAYOUT,
      pageTitle: t(request.language, 'feedback.title'),
      values,
      errorList,
      fieldErrors,
      maxLength: FEEDBACK_COMMENTS_MAX_LENGTH,
      satisfactions: SATISFACTION,
    });
  };

  app.get('/feedback', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const query = request.query as Record<string, unknown>;
    return showForm(request, reply, 200, { from: safeFrom(one(query.from)) ?? '' }, []);
  });

  app.post('/feedback', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { satisfaction: one(body.satisfaction) ?? '', comments: one(body.comments) ?? '', from: safeFrom(one(body.from)) ?? '' };
    const errors: FieldError[] = [];
    if (!(SATISFACTION as readonly string[]).includes(values.satisfaction)) errors.push({ field: 'satisfaction', message: t(request.language, 'feedback.error.satisfaction') });
    if (values.comments.trim().length > FEEDBACK_COMMENTS_MAX_LENGTH) errors.push({ field: 'comments', message: t(request.language, 'feedback.error.commentsTooLong', { max: FEEDBACK_COMMENTS_MAX_LENGTH }) });
    if (/[\u0000]/.test(values.comments) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(values.comments)) errors.push({ field: 'comments', message: t(request.language, 'feedback.error.commentsTooLong', { max: FEEDBACK_COMMENTS_MAX_LENGTH }) });
    if (errors.length) return showForm(request, reply, 422, values, errors);
    const outcome = await feedback.give({ satisfaction: values.satisfaction as Satisfaction, comments: values.comments || null, from: values.from || null, language: request.language });
    if (!outcome.ok) return showForm(request, reply, 422, values, [{ field: 'comments', message: t(request.language, 'feedback.error.commentsTooLong', { max: FEEDBACK_COMMENTS_MAX_LENGTH }) }]);
    const back = values.from ? `?from=${encodeURIComponent(values.from)}` : '';
    return reply.redirect(`/feedback/thank-you${back}`, 303);
  });

  app.get('/feedback/thank-you', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const query = request.query as Record<string, unknown>;
    return reply.page('feedback/views/thanks.njk', { publicLayout: PUBLIC_LAYOUT, pageTitle: t(request.language, 'feedback.thanks.title'), from: safeFrom(one(query.from)) });
  });

  app.get('/feedback/responses', { config: { access: { roles: ['manager', 'analyst'] } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const today = ukDate(deps.clock.now());
    const from = isCalendarDate(one(query.from)) ? (one(query.from) as string) : `${today.slice(0, 4)}-01-01`;
    const to = isCalendarDate(one(query.to)) ? (one(query.to) as string) : today;
    const report = await feedback.report(from, to);
    return reply.page('feedback/views/responses.njk', {
      pageTitle: 'Feedback on the service',
      report,
      satisfactionNames: SATISFACTION_NAMES,
      satisfactions: SATISFACTION,
    });
  });
}
