import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { REVIEW_CONCLUDERS, REVIEW_OUTCOMES } from '../../domain/accreditation/review.js';
import { CASEWORKERS } from '../identity/roles.js';
import type { ReviewService } from './review-service.js';
import { requirementNames } from '../correspondence/letters/letter-parts.js';
import type { SecurityRequirementCode } from '../../domain/incident/security-requirements.js';

/*
 * Reviews of CPAS members for staff (issue #16 item 3; README-review.md): the queue, oldest first,
 * and a review's page, where a Senior Officer keeps the member (with notes) or removes it (with
 * reasons).
 */

const REVIEW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const words = (key: string, params?: Record<string, string | number>) => t('en', key as MessageKey, params);
const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** A refusal's message id in words (an id without a message: as it is). */
const problemWords = (message: string) => (message.startsWith('accreditation.review.') ? words(message) : message);

export function reviewRoutes(app: FastifyInstance, deps: { reviews: ReviewService }) {
  const { reviews } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
  const mayConclude = (request: FastifyRequest) => request.actor!.roles.some((role) => (REVIEW_CONCLUDERS as readonly string[]).includes(role));

  app.get('/accreditation/reviews', { config: { access: { roles: CASEWORKERS } } }, async (_request, reply) => {
    return reply.page('accreditation/views/review/queue.njk', { pageTitle: words('accreditation.review.queue.title'), rows: await reviews.queue(), concluded: await reviews.concluded() });
  });

  const showReview = async (request: FastifyRequest, reply: FastifyReply, reviewId: string, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const view = await reviews.view(reviewId);
    if (!view) return notFound(reply);
    const { errorList, fieldErrors } = formErrors(errors, { outcome: 'outcome', reasons: 'reasons', notes: 'notes' });
    const chosen = str(values, 'outcome');
    return reply.code(status).page('accreditation/views/review/review.njk', {
      pageTitle: words('accreditation.review.page.title', { name: view.memberName }),
      ...view,
      outcomeName: view.review.outcome ? words(`accreditation.review.outcome.${view.review.outcome}`) : null,
      requirementNames: requirementNames('en', view.review.requirements as SecurityRequirementCode[]),
      currentStatusName: words(`accreditation.review.status.${view.currentStatus}`),
      canConclude: mayConclude(request) && !view.review.outcome,
      errorList,
      fieldErrors,
      values,
      outcomeChoices: REVIEW_OUTCOMES.map((outcome) => ({ value: outcome, text: words(`accreditation.review.outcome.${outcome}`), checked: chosen === outcome })),
    });
  };

  app.get('/accreditation/reviews/:reviewId', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reviewId } = request.params as { reviewId: string };
    return REVIEW_ID.test(reviewId) ? showReview(request, reply, reviewId) : notFound(reply);
  });

  app.post('/accreditation/reviews/:reviewId/conclude', { config: { access: { roles: REVIEW_CONCLUDERS } } }, async (request, reply) => {
    const { reviewId } = request.params as { reviewId: string };
    if (!REVIEW_ID.test(reviewId)) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = str(body, 'outcome');
    const result = await reviews.conclude(reviewId, { outcome, reasons: str(body, 'reasons'), notes: str(body, 'notes') }, { actor: request.actor!, expectedVersion: versionOf(body.version) ?? -1 });
    if (!result.ok) {
      if (result.kind === 'not-found') return notFound(reply);
      if (result.kind === 'invalid' || (result.kind === 'refused' && result.errors.length)) {
        const errors = result.errors.length ? result.errors : [{ field: 'outcome', message: 'accreditation.review.chooseOutcome' }];
        return showReview(request, reply, reviewId, 422, errors.map((e) => ({ field: e.field, message: problemWords(e.message) })), body);
      }
      const status = result.kind === 'conflict' ? 409 : result.kind === 'forbidden' ? 403 : 422;
      const message = result.kind === 'conflict' ? words('accreditation.review.page.stale') : problemWords(result.message);
      return reply.code(status).page('accreditation/views/review/refused.njk', { pageTitle: words('accreditation.review.page.refusedTitle'), message, reviewId });
    }
    const done =
      outcome === 'remove'
        ? words('accreditation.review.done.removed', { email: result.value.emailedTo ?? '—' })
        : words('accreditation.review.done.kept', { email: result.value.emailedTo ?? '—' });
    return reply.confirmation(done).redirect(`/accreditation/reviews/${reviewId}`, 303);
  });
}
