import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { requirePortalSession, sendPortalNotFound } from '../session.js';
import type { PortalActions } from './portal-actions.js';

/*
 * `/portal/penalties/:liabilityId/contact-details`: a new email address or telephone number (recorded
 * at once, `changeContactDetails`) or postal address (proposed, `proposeAddressChange`, checked by a
 * second officer). Only on the person's own penalty.
 */

const FIELDS = ['email', 'phone', 'line1', 'line2', 'town', 'postcode', 'country'] as const;
type Fields = Record<(typeof FIELDS)[number], string>;

function one(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replace(/[\0\uD800-\uDFFF]/g, '').trim().slice(0, 254) : '';
}

export function portalContactDetailsRoutes(app: FastifyInstance, deps: { actions: PortalActions }) {
  const own = (request: FastifyRequest) => {
    const session = request.portal!;
    const { liabilityId } = request.params as { liabilityId: string };
    return liabilityId === session.liabilityId ? session : null;
  };

  const show = (request: FastifyRequest, reply: FastifyReply, fields: Partial<Fields>, errors: { field: string; key: MessageKey }[] = []) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const language = request.language;
    const errorList = errors.map((error) => ({ text: t(language, error.key), href: `#${error.field}` }));
    const fieldErrors = Object.fromEntries(errors.map((error) => [error.field, { text: t(language, error.key) }]));
    if (errors.length) reply.code(422);
    return reply.page('portal/actions/views/contact-details.njk', { pageTitleKey: 'portal.actions.contact.title', liabilityId: session.liabilityId, fields, errorList, fieldErrors });
  };

  const config = { access: { public: true } } as const;
  app.get('/portal/penalties/:liabilityId/contact-details', { config, preHandler: requirePortalSession }, async (request, reply) => show(request, reply, {}));

  app.post('/portal/penalties/:liabilityId/contact-details', { config, preHandler: requirePortalSession }, async (request, reply) => {
    const session = own(request);
    if (!session) return sendPortalNotFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = Object.fromEntries(FIELDS.map((name) => [name, one(body[name])])) as Fields;
    const errors: { field: string; key: MessageKey }[] = [];
    if (fields.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email)) errors.push({ field: 'email', key: 'portal.actions.contact.error.email' });
    if (fields.phone && !/^\+?[\d\s()-]{6,20}$/.test(fields.phone)) errors.push({ field: 'phone', key: 'portal.actions.contact.error.phone' });
    const address = fields.line1 || fields.town || fields.postcode;
    if (address && !fields.line1) errors.push({ field: 'line1', key: 'portal.actions.contact.error.line1' });
    if (address && !fields.town) errors.push({ field: 'town', key: 'portal.actions.contact.error.town' });
    if (!fields.email && !fields.phone && !address) errors.push({ field: 'email', key: 'portal.actions.contact.error.nothing' });
    if (errors.length) return show(request, reply, fields, errors);
    const outcome = await deps.actions.changeContactDetails(session, {
      ...(address ? { address: { line1: fields.line1, ...(fields.line2 ? { line2: fields.line2 } : {}), town: fields.town, ...(fields.postcode ? { postcode: fields.postcode } : {}), country: (fields.country || 'GB').toUpperCase().slice(0, 2) } } : {}),
      ...(fields.email ? { email: fields.email } : {}),
      ...(fields.phone ? { phone: fields.phone } : {}),
    });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return sendPortalNotFound(reply);
      return show(request, reply, fields, [{ field: 'email', key: 'portal.actions.contact.error.refused' }]);
    }
    return reply.page('portal/actions/views/contact-details-sent.njk', { pageTitleKey: 'portal.actions.contact.sentTitle', liabilityId: session.liabilityId, addressPending: outcome.addressPending });
  });
}
