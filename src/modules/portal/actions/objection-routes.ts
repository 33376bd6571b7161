import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { readMultipartForm } from '../../../platform/files/multipart.js';
import { requirePortalSession, sendPortalNotFound } from '../session.js';
import type { PortalActions } from './portal-actions.js';

/*
 * `/portal/penalties/:liabilityId/objection`: object to the penalty, with evidence. After the
 * deadline the page also asks why the objection is late; it then waits for a caseworker's decision.
 * Only on the person's own penalty (an owner does not object for its driver).
 */

const LIMITS = { maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, maxFieldBytes: 20_000 };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CODES: Record<string, MessageKey> = {
  'grounds-missing': 'portal.actions.object.error.grounds',
  'late-reason-missing': 'portal.actions.object.error.lateReason',
  upload: 'portal.actions.object.error.upload',
  text: 'portal.actions.object.error.text',
};

function text(value: unknown): string | null {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return '';
  if (typeof one !== 'string' || one.includes('\0') || LONE_SURROGATE.test(one)) return null;
  return one.slice(0, 5000);
}

export function objectionRoutes(app: FastifyInstance, deps: { actions: PortalActions }) {
  const own = (request: FastifyRequest) => {
    const session = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    return liabilityId === session.liabilityId ? session : null;
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>, errors: { field: string; code: string }[] = []) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const deadline = await deps.actions.objectionDeadline(session);
    if (!deadline) return sendPortalNotFound(reply);
    const language = request.language;
    const words = (code: string) => t(language, CODES[code] ?? 'portal.actions.object.error.refused');
    const errorList = errors.map((error) => ({ text: words(error.code), href: `#${error.field === 'form' ? 'grounds' : error.field}` }));
    const fieldErrors = Object.fromEntries(errors.map((error) => [error.field, { text: words(error.code) }]));
    if (errors.length) reply.code(422);
    return reply.page('portal/actions/views/objection.njk', { pageTitleKey: 'portal.actions.object.title', liabilityId: session.liabilityId, deadline, fields, errorList, fieldErrors });
  };

  const config = { access: { public: true } } as const;
  app.get('/portal/penalties/:liabilityId/objection', { config, preHandler: requirePortalSession }, async (request, reply) => show(request, reply, {}));

  app.post('/portal/penalties/:liabilityId/objection', { config: { ...config, multipart: LIMITS }, preHandler: requirePortalSession }, async (request, reply) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const form = await readMultipartForm(request, LIMITS);
    const grounds = text(form.fields.grounds);
    const lateReason = text(form.fields.lateReason);
    const fields = { grounds: grounds ?? '', lateReason: lateReason ?? '' };
    if (!form.ok) return show(request, reply, fields, [{ field: 'files', code: 'upload' }]);
    if (grounds === null || lateReason === null) return show(request, reply, fields, [{ field: grounds === null ? 'grounds' : 'lateReason', code: 'text' }]);
    const uploads = form.files.filter((f) => f.bytes.length > 0).map((f) => ({ bytes: f.bytes, declaredName: f.filename, declaredType: f.mimetype }));
    const outcome = await deps.actions.object(session, { grounds, lateReason, uploads });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return sendPortalNotFound(reply);
      return show(request, reply, fields, outcome.problems);
    }
    return reply.page('portal/actions/views/objection-sent.njk', { pageTitleKey: 'portal.actions.object.sentTitle', late: outcome.late, hearBy: outcome.hearBy, grounds, liabilityId: session.liabilityId });
  });
}
