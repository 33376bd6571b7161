import type { FastifyInstance } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { z } from 'zod';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { searchRecordInput, searchProblems } from '../../domain/incident/search.js';
import { incidentInput } from '../../domain/incident/incident.js';
import { registrationProblem } from '../../domain/incident/registration.js';
import { CASE_READERS, REFERRERS } from '../identity/roles.js';
import { withoutPeopleFoundDetails, type BorderEventsService } from './service.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { mayReadIncident } from '../../domain/incident/incident-decisions.js';

const validateOnlyQuery = { name: 'validateOnly', description: 'true: check the request and answer what would be refused, saving nothing', schema: { type: 'boolean' } };

/** The API for port systems and the Home Office's "Events at the Border" form. */
export function borderEventsApi(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/searches',
    tag: 'Border events',
    summary: 'Record a vehicle search, whatever it found',
    access: { roles: REFERRERS },
    body: searchRecordInput,
    query: [validateOnlyQuery],
    responses: {
      201: { description: 'Recorded', schema: z.object({ searchId: z.string() }) },
      200: { description: 'validateOnly: it would be accepted; or a repeat of an earlier request', schema: z.object({ valid: z.boolean().optional(), searchId: z.string().optional() }) },
    },
    handler: async (request, reply, body) => {
      if ((request.query as Record<string, string>).validateOnly === 'true') {
        const problems = searchProblems(body, new Date(), registrationProblem);
        if (problems.length) return sendProblem(reply, { status: 422, title: 'The search record would be refused', errors: problems });
        return { valid: true };
      }
      const outcome = await borderEvents.recordSearch(body, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/incidents',
    tag: 'Border events',
    summary: 'Record and send an incident (S32, S31A or both), opening the case and its liabilities',
    description:
      'Nothing is saved unless the incident can be sent: a 422 lists every missing or wrong field. An Idempotency-Key is required, so a repeated submission answers with the same case. With validateOnly=true, answers what would be refused (or the liabilities it would open) and saves nothing.',
    access: { roles: REFERRERS },
    body: incidentInput,
    validateBody: false,
    query: [validateOnlyQuery],
    responses: {
      201: { description: 'Sent: the case was opened', schema: z.object({ incidentId: z.string(), caseReference: z.string(), caseId: z.string() }) },
      200: { description: 'A repeat of an earlier request (the same case), or validateOnly: it would be accepted' },
    },
    handler: async (request, reply, body) => {
      const validateOnly = (request.query as Record<string, string>).validateOnly === 'true';
      const outcome = await borderEvents.report(body, { actor: request.actor!, ...clientKey(request) }, { validateOnly });
      if (outcome.ok && 'validateOnly' in outcome) return { valid: true, liabilities: outcome.liabilities };
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).header('location', `/api/v1/cases/${value.caseReference}`).send(value));
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/incidents/:id',
    tag: 'Border events',
    summary: 'An incident as recorded, with its evidence list (people found only for the roles that need them)',
    access: { roles: [...REFERRERS, ...CASE_READERS] },
    responses: { 200: { description: 'The incident' }, 404: { description: 'Not found' } },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const found = z.uuid().safeParse(id).success ? await borderEvents.getIncident(id) : null;
      if (!found) return sendProblem(reply, { status: 404, title: 'Incident not found' });
      if (!mayReadIncident(request.actor!, found)) {
        return sendProblem(reply, { status: 403, title: 'Forbidden', detail: 'This incident is a draft by another officer: only the officer who started it, or a manager, can read it.' });
      }
      const mayKnowPeopleFound = request.actor!.roles.some((r) => PEOPLE_FOUND_ROLES.includes(r));
      await recordPersonalDataRead(request, [
        { record: 'incident', recordId: found.id, caseReference: found.caseReference },
        ...(mayKnowPeopleFound ? [{ record: 'people-found' as const, recordId: found.id, caseReference: found.caseReference }] : []),
      ]);
      return {
        id: found.id,
        kind: found.kind,
        status: found.status,
        caseReference: found.caseReference,
        incident: mayKnowPeopleFound ? found.data : withoutPeopleFoundDetails(found).data,
        evidence: found.evidence.map((e) => ({ hash: e.fileHash, mediaType: e.mediaType, size: e.size, name: e.originalName, kind: e.kind, requirementCode: e.requirementCode })),
        ...(mayKnowPeopleFound ? { peopleFound: await borderEvents.peopleFound(found.id) } : {}),
      };
    },
  });
}
