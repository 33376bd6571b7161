import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { requirePortalSession, sendPortalNotFound } from '../session.js';
import { penceFromPounds } from '../pay-routes.js';
import type { PortalActions } from './portal-actions.js';

/*
 * `/portal/penalties/:liabilityId/instalments`: propose paying by monthly instalments (an amount and
 * the first payment date). The plan is checked (domain/liability/portal.ts) and recorded as the
 * caseworkers' `requestInstalments`, for finance to agree or refuse. Only on the person's own penalty.
 */

const CODES: Record<string, MessageKey> = {
  'amount-missing': 'portal.actions.instalments.error.amount',
  'amount-too-large': 'portal.actions.instalments.error.tooLarge',
  'too-many-months': 'portal.actions.instalments.error.tooMany',
  'date-invalid': 'portal.actions.instalments.error.date',
  'date-in-past': 'portal.actions.instalments.error.past',
  'date-too-far': 'portal.actions.instalments.error.far',
  'nothing-owed': 'portal.actions.instalments.error.nothingOwed',
};

const FIELDS = ['monthlyAmount', 'firstPaymentDate-day', 'firstPaymentDate-month', 'firstPaymentDate-year'] as const;

function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replace(/[\0\uD800-\uDFFF]/g, '').slice(0, 40) : '';
}

export function portalInstalmentsRoutes(app: FastifyInstance, deps: { actions: PortalActions }) {
  const own = (request: FastifyRequest) => {
    const session = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    return liabilityId === session.liabilityId ? session : null;
  };

  const show = async (request: FastifyRequest, reply: FastifyReply, fields: Record<string, string>, errors: { field: string; code: string; params?: Record<string, string | number> }[] = []) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const owed = await deps.actions.owed(session);
    if (owed === null) return sendPortalNotFound(reply);
    const language = request.language;
    const words = (error: { code: string; params?: Record<string, string | number> }) => t(language, CODES[error.code] ?? 'portal.actions.instalments.error.refused', error.params ?? {});
    const href = (field: string) => (field === 'firstPaymentDate' ? 'firstPaymentDate-day' : field === 'form' ? 'monthlyAmount' : field);
    const errorList = errors.map((error) => ({ text: words(error), href: `#${href(error.field)}` }));
    const fieldErrors = Object.fromEntries(errors.map((error) => [error.field === 'form' ? 'monthlyAmount' : error.field, { text: words(error) }]));
    if (errors.length) reply.code(422);
    return reply.page('portal/actions/views/instalments.njk', { pageTitleKey: 'portal.actions.instalments.title', liabilityId: session.liabilityId, owed, fields, errorList, fieldErrors });
  };

  const config = { access: { public: true } } as const;
  app.get('/portal/penalties/:liabilityId/instalments', { config, preHandler: requirePortalSession }, async (request, reply) => show(request, reply, {}));

  app.post('/portal/penalties/:liabilityId/instalments', { config, preHandler: requirePortalSession }, async (request, reply) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = Object.fromEntries(FIELDS.map((name) => [name, one(body[name]).trim()])) as Record<(typeof FIELDS)[number], string>;
    const monthlyPence = penceFromPounds(fields.monthlyAmount) ?? Number.NaN;
    const [d, m, y] = [fields['firstPaymentDate-day'], fields['firstPaymentDate-month'], fields['firstPaymentDate-year']];
    const firstOn = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : 'invalid';
    const outcome = await deps.actions.proposeInstalments(session, { monthlyPence, firstOn });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return sendPortalNotFound(reply);
      return show(request, reply, fields, outcome.problems);
    }
    return reply.page('portal/actions/views/instalments-sent.njk', {
      pageTitleKey: 'portal.actions.instalments.sentTitle',
      liabilityId: session.liabilityId,
      monthlyPence,
      firstOn,
      instalments: outcome.instalments,
    });
  });
}
