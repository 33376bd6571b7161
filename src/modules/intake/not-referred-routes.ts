import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { REFERRERS } from '../identity/roles.js';
import { NOT_REFERRED_REASONS } from './commands.js';
import type { BorderEventsService } from './service.js';
import { sendForbidden } from '../../platform/http/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Discretion not to refer, its senior-officer approval, and the border figures for management. */
export function notReferredRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;

  app.post('/incidents/:id/not-referred', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const outcome = UUID.test(id)
      ? await borderEvents.decideNotToRefer({ incidentId: id, reasonCode: body.reasonCode, reasonText: body.reasonText }, { actor: request.actor! })
      : null;
    if (!outcome) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    if (!outcome.ok && outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
    if (!outcome.ok) {
      const message = 'errors' in outcome && outcome.errors.length ? outcome.errors.map((e) => e.message).join('. ') : outcome.message;
      return reply.code(422).page('intake/views/evidence-refused.njk', { pageTitle: 'The decision was not recorded', message, backLink: `/incidents/${id}` });
    }
    return reply.page('intake/views/not-referred.njk', { pageTitle: 'Decision recorded', status: outcome.value.status });
  });

  app.get('/incidents/approvals', { config: { access: { roles: ['senior-officer'] } } }, async (_request, reply) => {
    const waiting = await borderEvents.awaitingApproval();
    return reply.page('intake/views/approvals.njk', {
      pageTitle: 'Decisions not to refer',
      waiting: waiting.map((i) => ({ ...i, reason: NOT_REFERRED_REASONS[i.notReferredReason as keyof typeof NOT_REFERRED_REASONS] ?? i.notReferredReason })),
    });
  });

  app.post('/incidents/:id/not-referred/decision', { config: { access: { roles: ['senior-officer'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, string>;
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const outcome = await borderEvents.approveNotReferring({ incidentId: id, approve: body.decision === 'approve', note: body.note || undefined }, { actor: request.actor! });
    if (!outcome.ok) return reply.code(outcome.kind === 'forbidden' ? 403 : 422).page('intake/views/evidence-refused.njk', { pageTitle: 'The decision was not recorded', message: outcome.message, backLink: '/incidents/approvals' });
    return reply.confirmation(body.decision === 'approve' ? 'Approved: the incident is not referred for a penalty' : 'Not approved: the incident goes back to the officer to refer').redirect('/incidents/approvals', 303);
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/border-events/summary',
    tag: 'Border events',
    summary: 'Searches by result, port and method; incidents by status; incidents not referred, by reason',
    access: { roles: ['analyst', 'manager', 'senior-officer'] },
    query: [
      { name: 'from', description: 'First day, YYYY-MM-DD', required: true },
      { name: 'to', description: 'Last day, YYYY-MM-DD', required: true },
    ],
    responses: { 200: { description: 'Counts for the period' } },
    handler: async (request, reply) => {
      const q = z.object({ from: z.iso.date(), to: z.iso.date() }).safeParse(request.query);
      if (!q.success || q.data.from > q.data.to) {
        return sendProblem(reply, { status: 400, title: 'Give the period', errors: [{ field: 'from', message: 'Give from and to as YYYY-MM-DD, from on or before to' }] });
      }
      return borderEvents.summary(q.data.from, q.data.to);
    },
  });
}
