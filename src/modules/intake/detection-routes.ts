import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { sendForbidden } from '../../platform/http/server.js';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { isRealDate } from '../../domain/incident/referral.js';
import { DRAFT_OVERSEERS, mayReadIncident } from '../../domain/incident/incident-decisions.js';
import type { IncidentInput } from '../../domain/incident/incident.js';
import { EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL } from '../../domain/incident/detection.js';
import { authoriseEarlierCrossing } from '../../domain/incident/earlier-crossing-decision.js';
import { addDays } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASE_READERS, REFERRERS } from '../identity/roles.js';
import type { BorderEventsService } from './service.js';
import { detectionService, type SearchRow } from './earlier-crossing.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Who opens an incident's crossing page: the officers who record finds and the managers who oversee them. */
const CROSSING_PAGE_ROLES = [...REFERRERS, ...DRAFT_OVERSEERS];
/** Who reads failures (the monthly analysis of seed 003 recommendation 2a). */
export const FAILURE_READERS = ['manager', 'analyst', 'senior-officer'] as const;
/** Who lists a vehicle's searches through the API: officers, managers and the penalty team's readers (as read incidents). */
const SEARCH_READERS = [...new Set([...REFERRERS, ...CASE_READERS])];

/** Confirmations shown after each decision (module wording, not domain logic). */
const BANNERS = {
  confirmed: 'Crossing confirmed: the search is recorded as a failure (the vehicle was later found with a lorry drop)',
  alreadyConfirmed: 'This crossing was already confirmed: nothing changed',
  ruledOut: 'Recorded: none of the searches found is this vehicle’s crossing',
};

/** A query parameter given once, as text; `null` when absent; an error when repeated or not text. */
function single(query: Record<string, unknown>, name: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const value = query[name];
  if (value === undefined) return { ok: true, value: null };
  if (Array.isArray(value)) return { ok: false, message: `Give ${name} once` };
  if (typeof value !== 'string') return { ok: false, message: `Give ${name} as text` };
  if (value.includes('\u0000')) return { ok: false, message: `${name} contains a character that is not allowed` };
  return { ok: true, value };
}

/** A period's two days, checked: real dates as YYYY-MM-DD, from on or before to. */
export function readPeriod(query: Record<string, unknown>, defaults: { from?: string; to?: string } = {}): { ok: true; from: string | undefined; to: string | undefined } | { ok: false; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const days: Record<string, string | undefined> = {};
  for (const name of ['from', 'to'] as const) {
    const got = single(query, name);
    if (!got.ok) {
      errors.push({ field: name, message: got.message });
      continue;
    }
    const value = got.value?.trim() || defaults[name];
    if (value !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value))) {
      errors.push({ field: name, message: `Give ${name} as a real date, year-month-day, for example 2026-11-03` });
      continue;
    }
    days[name] = value;
  }
  if (!errors.length && days.from && days.to && days.from > days.to) errors.push({ field: 'from', message: 'The first day must be on or before the last day' });
  return errors.length ? { ok: false, errors } : { ok: true, from: days.from, to: days.to };
}

function searchForApi(s: SearchRow) {
  return {
    searchId: s.id,
    searchedAt: s.searchedAt.toISOString(),
    port: s.portCode,
    controlZone: s.controlZone,
    lane: s.lane,
    vehicleKind: s.vehicleKind,
    tractorRegistration: s.tractorRegistration,
    tractorCountry: s.tractorCountry,
    trailerRegistration: s.trailerRegistration,
    trailerCountry: s.trailerCountry,
    selectionReason: s.selectionReason,
    methods: s.methods,
    detectingMethod: s.detectingMethod,
    searchedBy: s.searchedBy,
    result: s.result,
  };
}

/**
 * Detection data: an inland detection's earlier crossing (found, confirmed, or none), failures for
 * managers and analysts, and the searches of one vehicle through the API.
 */
export function detectionRoutes(app: FastifyInstance, deps: { db: Db; borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;
  const detection = detectionService(deps.db);

  const crossingPage = async (reply: FastifyReply, incident: NonNullable<Awaited<ReturnType<BorderEventsService['getIncident']>>>, extra: Record<string, unknown> = {}) => {
    const data = incident.data as IncidentInput;
    const { window, keys, candidates } = await detection.candidateCrossings(data);
    const decision = await detection.decisionFor(incident.id);
    return reply.page('intake/views/earlier-crossing.njk', {
      pageTitle: 'The vehicle’s earlier crossing',
      incident,
      data,
      window,
      keys,
      daysBefore: EARLIER_CROSSING_DAYS_BEFORE_ARRIVAL,
      candidates,
      decision,
      backLink: `/incidents/${incident.id}`,
      ...extra,
    });
  };

  const findIncident = async (id: string) => (UUID.test(id) ? borderEvents.getIncident(id) : null);

  app.get('/incidents/:id/earlier-crossing', { config: { access: { roles: CROSSING_PAGE_ROLES } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const incident = await findIncident(id);
    if (!incident) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Incident not found' });
    if (!mayReadIncident(request.actor!, incident)) return sendForbidden(request, reply, 'This incident is a draft by another officer: only the officer who started it, or a manager, can open it.');
    await recordPersonalDataRead(request, [{ record: 'incident', recordId: id, caseReference: incident.caseReference }]);
    return crossingPage(reply, incident);
  });

  app.post('/incidents/:id/earlier-crossing', { config: { access: { roles: CROSSING_PAGE_ROLES } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const incident = await findIncident(id);
    if (!incident) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Incident not found' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    const here = `/incidents/${id}/earlier-crossing`;
    const notTheirs = authoriseEarlierCrossing(request.actor!, incident);
    if (notTheirs) return sendForbidden(request, reply, notTheirs);
    if (text('action') === 'none') {
      const outcome = await detection.ruleOut({ incidentId: id, note: text('note') || undefined }, { actor: request.actor! });
      if (!outcome.ok && outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
      if (!outcome.ok) {
        // A note too long is the officer's to correct; a crossing already confirmed is a conflict.
        const status = outcome.kind === 'invalid' ? 422 : 409;
        const message = 'errors' in outcome && outcome.errors[0] ? outcome.errors[0].message : outcome.message;
        return crossingPage(reply.code(status), incident, { errorList: [{ text: message, href: '#note' }], fieldErrors: { note: { text: message } }, values: { note: text('note') } });
      }
      return reply.confirmation(BANNERS.ruledOut).redirect(here, 303);
    }
    const searchId = text('searchId');
    // A repeat of the same confirmation (a double click, the back button) changes nothing.
    const before = await detection.decisionFor(id);
    if (before?.outcome === 'confirmed' && before.searchId === searchId) return reply.confirmation(BANNERS.alreadyConfirmed).redirect(here, 303);
    const outcome = await detection.confirm({ incidentId: id, searchId }, { actor: request.actor! });
    if (!outcome.ok && outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
    if (!outcome.ok) {
      const fieldProblems = 'errors' in outcome ? outcome.errors : [];
      // A choice that is not one of those listed is the officer's to correct; another crossing already confirmed is a conflict.
      const status = fieldProblems.length ? 422 : 409;
      const message = fieldProblems[0]?.message ?? outcome.message;
      return crossingPage(reply.code(status), incident, { errorList: [{ text: message, href: '#crossings' }] });
    }
    return reply.confirmation(BANNERS.confirmed).redirect(here, 303);
  });

  app.get('/searches/failures', { config: { access: { roles: [...FAILURE_READERS] } } }, async (request, reply) => {
    const today = ukDate(new Date());
    const period = readPeriod(request.query as Record<string, unknown>, { from: addDays(today, -30), to: today });
    if (!period.ok) {
      return reply.code(400).page('intake/views/failures.njk', {
        pageTitle: 'Failures: searched vehicles later found with a lorry drop',
        values: request.query,
        errorList: period.errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
        fieldErrors: Object.fromEntries(period.errors.map((e) => [e.field, { text: e.message }])),
      });
    }
    const report = await detection.failures(period.from!, period.to!);
    return reply.page('intake/views/failures.njk', { pageTitle: 'Failures: searched vehicles later found with a lorry drop', values: { from: period.from, to: period.to }, report });
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/searches',
    tag: 'Border events',
    summary: 'The searches of one vehicle (tractor or trailer registration, punctuation and spaces ignored), oldest first',
    access: { roles: SEARCH_READERS },
    query: [
      { name: 'registration', description: 'The tractor or trailer registration, for example "WGM 4521K" (matched without spaces or punctuation)', required: true },
      { name: 'from', description: 'First day (UK), YYYY-MM-DD' },
      { name: 'to', description: 'Last day (UK), YYYY-MM-DD' },
      { name: 'limit', description: 'How many, 1 to 100 (50 unless given)', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'page', description: 'Page number, from 1', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: { 200: { description: 'A page of searches', schema: z.object({ registration: z.string(), searches: z.array(z.record(z.string(), z.unknown())), page: z.number().int(), limit: z.number().int(), more: z.boolean() }) } },
    handler: async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const errors: { field: string; message: string }[] = [];
      const registration = single(query, 'registration');
      if (!registration.ok) errors.push({ field: 'registration', message: registration.message });
      else if (!registration.value?.trim()) errors.push({ field: 'registration', message: 'Give the registration of the vehicle or trailer' });
      else if (registration.value.length > 20 || !/[A-Za-z0-9]/.test(registration.value)) errors.push({ field: 'registration', message: 'Give a registration of 20 characters or fewer, with letters or numbers' });
      const period = readPeriod(query);
      if (!period.ok) errors.push(...period.errors);
      const whole = (name: string, fallback: number, max: number) => {
        const got = single(query, name);
        if (!got.ok) return errors.push({ field: name, message: got.message }), fallback;
        if (got.value === null) return fallback;
        if (!/^\d{1,6}$/.test(got.value) || Number(got.value) < 1 || Number(got.value) > max) return errors.push({ field: name, message: `Give ${name} as a whole number from 1 to ${max}` }), fallback;
        return Number(got.value);
      };
      const limit = whole('limit', 50, 100);
      const page = whole('page', 1, 10_000);
      if (errors.length || !registration.ok || !period.ok) return sendProblem(reply, { status: 400, title: 'The query is not right', detail: 'Correct the parameters listed in errors.', errors });
      const rows = await detection.searchesOfVehicle(registration.value!, { from: period.from, to: period.to }, { limit: limit + 1, offset: (page - 1) * limit });
      return { registration: registration.value!.trim(), searches: rows.slice(0, limit).map(searchForApi), page, limit, more: rows.length > limit };
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/searches/failures',
    tag: 'Border events',
    summary: 'Failures: searches confirmed as the earlier crossing of an inland detection, with counts by port, lane, method, detecting method and selection',
    access: { roles: [...FAILURE_READERS] },
    query: [
      { name: 'from', description: 'First day (UK) of the searches, YYYY-MM-DD', required: true },
      { name: 'to', description: 'Last day (UK), YYYY-MM-DD', required: true },
    ],
    responses: { 200: { description: 'The failures and their counts' } },
    handler: async (request, reply) => {
      const period = readPeriod(request.query as Record<string, unknown>);
      if (!period.ok || !period.from || !period.to) {
        return sendProblem(reply, { status: 400, title: 'Give the period', errors: period.ok ? [{ field: 'from', message: 'Give from and to as YYYY-MM-DD' }] : period.errors });
      }
      const report = await detection.failures(period.from, period.to);
      return { ...report, failures: report.failures.map((f) => ({ ...f, searchedAt: (f.searchedAt as Date).toISOString() })) };
    },
  });

}
