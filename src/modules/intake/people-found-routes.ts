import type { FastifyInstance } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { executeCommand } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { formErrors } from '../../platform/http/forms.js';
import { MINIMUM_CHECKS } from '../../domain/incident/incident.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { recordPersonFound } from './commands.js';
import type { BorderEventsService } from './service.js';
import { mayReadIncident } from '../../domain/incident/incident-decisions.js';
import { sendForbidden } from '../../platform/http/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHECK_RESULTS = { 'done-clear': 'Done: nothing found', 'done-match': 'Done: a match or concern', 'not-done': 'Not done' } as const;

/** The people found in an incident, one at a time: minimum checks and safeguarding (restricted). */
export function peopleFoundRoutes(app: FastifyInstance, deps: { db: Db; borderEvents: BorderEventsService }) {
  const page = async (id: string, extra: Record<string, unknown> = {}) => ({
    pageTitle: 'People found',
    incidentId: id,
    people: await deps.borderEvents.peopleFound(id),
    checks: Object.entries(MINIMUM_CHECKS).map(([code, name]) => ({ code, name })),
    checkResults: Object.entries(CHECK_RESULTS).map(([value, text]) => ({ value, text })),
    checkNames: MINIMUM_CHECKS,
    resultNames: CHECK_RESULTS,
    backLink: `/incidents/${id}`,
    ...extra,
  });

  app.get('/incidents/:id/people', { config: { access: { roles: PEOPLE_FOUND_ROLES } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await deps.borderEvents.getIncident(id) : null;
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    if (!mayReadIncident(request.actor!, found)) return sendForbidden(request, reply, 'This incident is a draft by another officer: only the officer who started it, or a manager, can open it.');
    await recordPersonalDataRead(request, [{ record: 'people-found', recordId: id, caseReference: found.caseReference }]);
    return reply.page('intake/views/people-found.njk', await page(id));
  });

  app.post('/incidents/:id/people', { config: { access: { roles: ['port-officer', 'police-officer'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const flags = Array.isArray(body.flags) ? body.flags.map(String) : typeof body.flags === 'string' ? [body.flags] : [];
    const checks: Record<string, string> = {};
    for (const code of Object.keys(MINIMUM_CHECKS)) {
      const value = body[`check_${code}`];
      if (typeof value === 'string' && value) checks[code] = value;
    }
    const nrm = typeof body.nrmReferralReference === 'string' && body.nrmReferralReference.trim() ? body.nrmReferralReference.trim() : undefined;
    const notes = typeof body.notes === 'string' && body.notes.trim() ? body.notes.trim() : undefined;
    const outcome = await executeCommand(
      deps.db,
      recordPersonFound,
      {
        incidentId: id,
        person: {
          apparentChild: flags.includes('apparentChild'),
          potentialVictimOfTrafficking: flags.includes('potentialVictimOfTrafficking'),
          medicalNeed: flags.includes('medicalNeed'),
          nrmReferralReference: nrm,
          checks,
          notes,
        },
      },
      { actor: request.actor! },
    );
    if (!outcome.ok && outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
    if (!outcome.ok) {
      const errors = 'errors' in outcome && outcome.errors.length ? outcome.errors.map((e) => ({ field: e.field.replace(/^person\./, ''), message: e.message })) : [{ field: 'flags', message: outcome.message }];
      return reply.code(422).page('intake/views/people-found.njk', await page(id, { ...formErrors(errors), values: body }));
    }
    return reply.confirmation(`Person ${outcome.value.sequence} recorded`).redirect(`/incidents/${id}/people?added=${outcome.value.sequence}`, 303);
  });
}
