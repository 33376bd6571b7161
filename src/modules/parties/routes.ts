import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PartiesService } from './service.js';
import { CASEWORKERS, CASE_READERS } from '../identity/roles.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { registerPartyInput } from './commands.js';
import { describeScore } from './describe-score.js';
import { birthDateSchema } from '../../domain/clock/plausible-dates.js';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';

/** A list of register entries shown to someone: each is a read of that entry. */
const readsOfEntries = (ids: readonly string[]) => ids.map((id) => ({ record: 'party' as const, recordId: id, partyId: id }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const partyRecordInput = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().min(1, 'Enter the name').max(300),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  address: z.string().max(500).optional(),
  postcode: z.string().max(20).optional(),
  dateOfBirth: birthDateSchema('The date of birth').optional(),
  identifiers: z.array(z.object({ kind: z.enum(['vat', 'company-number', 'operator-licence', 'driving-licence', 'passport', 'other']), value: z.string().min(1).max(100), country: z.string().optional() })).max(20).optional(),
});

export function partiesRoutes(app: FastifyInstance, deps: { parties: PartiesService }) {
  const { parties } = deps;

  app.get('/parties', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const { q } = request.query as { q?: string };
    const results = q ? await parties.search(q) : [];
    await recordPersonalDataRead(request, readsOfEntries(results.map((party) => party.id)));
    return reply.page('parties/views/search.njk', { pageTitle: 'Find a person or company', q, results, searched: Boolean(q) });
  });

  app.get('/parties/:id', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await parties.getParty(id) : null;
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Party not found' });
    await recordPersonalDataRead(request, readsOfEntries([found.party.id]));
    const main = found.names[0];
    const address = found.addresses[0];
    const proposals = found.party.mergedInto
      ? []
      : await parties.findMatches(
          {
            kind: found.party.kind as 'person' | 'organisation',
            name: found.party.displayName,
            country: found.party.country,
            dateOfBirth: found.party.dateOfBirth,
            address: address ? [address.line1, address.town].filter(Boolean).join(', ') : null,
            postcode: address?.postcode ?? null,
            identifiers: found.identifiers.map((i) => ({ kind: i.kind as never, value: i.value, country: i.country })),
          },
          { excludePartyId: id },
        );
    return reply.page('parties/views/party.njk', {
      pageTitle: found.party.displayName,
      found,
      mainName: main,
      proposals: proposals.map((p) => ({ ...p, explained: describeScore(p.score) })),
      canDecide: request.actor!.roles.some((r) => CASEWORKERS.includes(r as never)),
      backLink: '/parties',
    });
  });

  const decision = (action: 'merge' | 'reject' | 'unmerge') => async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const reason = body.reason?.trim() || (action === 'merge' ? 'Confirmed as the same party by a caseworker' : action === 'reject' ? 'Not the same party, decided by a caseworker' : 'Merge undone by a caseworker');
    const outcome =
      action === 'merge'
        ? await parties.merge({ survivorId: id, mergedId: body.otherId, reason }, { actor: request.actor! })
        : action === 'reject'
          ? await parties.rejectMatch({ partyId: id, otherId: body.otherId, reason }, { actor: request.actor! })
          : await parties.unmerge({ partyId: body.otherId ?? id, reason }, { actor: request.actor! });
    if (!outcome.ok) {
      return reply.code(422).page('parties/views/decision-refused.njk', { pageTitle: 'That could not be done', message: outcome.message, backLink: `/parties/${id}` });
    }
    return reply
      .confirmation(action === 'merge' ? 'The two register entries are merged' : action === 'reject' ? 'Recorded that they are not the same' : 'The merge is undone')
      .redirect(`/parties/${id}`, 303);
  };
  app.post('/parties/:id/merge', { config: { access: { roles: CASEWORKERS } } }, decision('merge'));
  app.post('/parties/:id/reject', { config: { access: { roles: CASEWORKERS } } }, decision('reject'));
  app.post('/parties/:id/unmerge', { config: { access: { roles: CASEWORKERS } } }, decision('unmerge'));

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/parties',
    tag: 'Parties',
    summary: 'Search the register by name (any spelling or alphabet), registration, identifier or date of birth',
    access: { roles: CASE_READERS },
    query: [{ name: 'q', description: 'What to search for', required: true }],
    responses: { 200: { description: 'Matching parties, best first' } },
    handler: async (request, reply) => {
      const { q } = request.query as { q?: string };
      if (!q?.trim()) return sendProblem(reply, { status: 400, title: 'Say what to search for', errors: [{ field: 'q', message: 'Enter a name, registration, identifier or date of birth' }] });
      const found = await parties.search(q);
      await recordPersonalDataRead(request, readsOfEntries(found.map((party) => party.id)));
      return { parties: found.map((p) => ({ id: p.id, kind: p.kind, name: p.displayName, country: p.country, dateOfBirth: p.dateOfBirth, mergedInto: p.mergedInto })) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/parties',
    tag: 'Parties',
    summary: 'Register a person or organisation',
    access: { roles: CASEWORKERS },
    body: registerPartyInput,
    responses: { 201: { description: 'Registered', schema: z.object({ partyId: z.string() }) } },
    handler: async (request, reply, body) => {
      const outcome = await parties.register(body, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/party-matches',
    tag: 'Parties',
    summary: 'Existing parties that may be the one described, with each field’s contribution to the score',
    access: { roles: CASE_READERS },
    body: partyRecordInput,
    idempotentBecause: 'A search sent as a POST: it changes nothing.',
    responses: { 200: { description: 'Proposals, best first: classification match or possible, total weight in bits, and every field' } },
    handler: async (request, _reply, body) => {
      const proposals = await parties.findMatches(body as never);
      await recordPersonalDataRead(request, readsOfEntries(proposals.map((p) => p.partyId)));
      return { proposals: proposals.map((p) => ({ partyId: p.partyId, name: p.displayName, matchedName: p.matchedName, classification: p.score.classification, totalWeight: p.score.totalWeight, fields: p.score.fields })) };
    },
  });
}
