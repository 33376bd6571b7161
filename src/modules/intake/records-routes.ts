import type { FastifyInstance } from 'fastify';
import { PORTS } from '../../domain/reference/ports.js';
import { REFERRERS } from '../identity/roles.js';
import { SEARCH_RESULTS } from '../../domain/incident/search.js';
import type { BorderEventsService } from './service.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { completedCount, taskProgress } from './incident-steps.js';
import type { IncidentInput } from '../../domain/incident/incident.js';

const STATUS_NAMES: Record<string, string> = {
  submitted: 'Sent to the penalty team',
  'not-referred': 'Waiting for a senior officer: not referred',
  draft: 'Draft',
};

/**
 * An officer's own work, where they land after signing in: drafts to finish, incidents sent (with
 * the case each opened) and the searches they recorded last.
 */
export function recordsRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;
  const portName = (code: string | null) => PORTS.find((p) => p.code === code)?.name ?? code ?? 'Inland';
  const vehicleOf = (data: unknown) => {
    const d = (data ?? {}) as { tractorRegistration?: string; trailerRegistration?: string };
    return [d.tractorRegistration, d.trailerRegistration].filter(Boolean).join(' / ') || 'No vehicle recorded yet';
  };

  app.get('/incidents', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const actorId = request.actor!.id;
    const [drafts, recorded, searches] = await Promise.all([borderEvents.draftsBy(actorId), borderEvents.recordedBy(actorId), borderEvents.recentSearches(actorId, 5)]);
    // Each draft's task list progress ("2 of 4 tasks complete"), as its task list page counts it.
    const counts = await borderEvents.recordedCounts(drafts.map((d) => d.id));
    const seesPeopleFound = request.actor!.roles.some((r) => PEOPLE_FOUND_ROLES.includes(r));
    const progressOf = (d: (typeof drafts)[number]) => {
      const checked = borderEvents.problemsWith(d.data);
      const c = counts.get(d.id) ?? { people: 0, evidence: 0 };
      return completedCount(taskProgress(d.data as Partial<IncidentInput>, checked.ok ? [] : checked.errors, { peopleRecorded: c.people, evidence: c.evidence }, { seesPeopleFound }));
    };
    return reply.page('intake/views/records.njk', {
      pageTitle: 'Your records and drafts',
      drafts: drafts.map((d) => ({ id: d.id, kind: d.kind === 'inland' ? 'Inland detection' : 'Port incident', incidentDate: d.incidentDate, port: portName(d.portCode), vehicle: vehicleOf(d.data), updatedAt: d.updatedAt, progress: progressOf(d) })),
      recorded: recorded.map((d) => ({ id: d.id, incidentDate: d.incidentDate, port: portName(d.portCode), vehicle: vehicleOf(d.data), status: STATUS_NAMES[d.status] ?? d.status, caseReference: d.caseReference, updatedAt: d.updatedAt })),
      searches: searches.map((s) => ({ id: s.id, searchedAt: s.searchedAt, port: portName(s.portCode), vehicle: [s.tractorRegistration, s.trailerRegistration].filter(Boolean).join(' / ') || 'No registration', result: SEARCH_RESULTS[s.result as keyof typeof SEARCH_RESULTS] ?? s.result, found: ['clandestine-entrants', 'not-secured', 'both'].includes(s.result) })),
      isPortOfficer: request.actor!.roles.includes('port-officer'),
      nothingYet: !drafts.length && !recorded.length && !searches.length,
    });
  });
}
