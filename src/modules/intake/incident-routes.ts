import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { PORTS, VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { VEHICLE_KINDS } from '../../domain/incident/search.js';
import { CONCEALMENT, IDENTITY_DOCUMENTS, RISK_TO_LIFE, type IncidentInput } from '../../domain/incident/incident.js';
import { ukDate, ukTime } from '../../domain/reference/uk-date.js';
import type { FieldError } from '../../platform/events/command.js';
import { REFERRERS } from '../identity/roles.js';
import type { PartiesService } from '../parties/service.js';
import { describeScore } from '../parties/describe-score.js';
import type { BorderEventsService } from './service.js';
import { errorsForPage, formValuesFrom, incidentFromForm, PERSON_SLOTS } from './incident-form.js';
import { detectionOptions } from './detection-form.js';
import { detectionFromSearch } from '../../domain/incident/detection.js';
import { requirementsForForm, requirementCodes } from './requirements.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { NOT_REFERRED_REASONS } from './commands.js';
import { DRAFT_AUTHORS, DRAFT_OVERSEERS, mayReadIncident } from '../../domain/incident/incident-decisions.js';
import { sendForbidden } from '../../platform/http/server.js';
import { incidentStepRoutes } from './incident-step-routes.js';
import { isFormStep } from './incident-steps.js';
import { LANGUAGES, languageName } from '../../platform/i18n/languages.js';

/** Who opens an incident's page: the officers who record finds, and the managers who may correct their drafts. */
const INCIDENT_PAGE_ROLES = [...REFERRERS, ...DRAFT_OVERSEERS];
const ANOTHER_OFFICERS_DRAFT = 'This incident is a draft by another officer. Only the officer who started it, or a manager, can open or change it.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The letter languages (the one list in platform/i18n), named in English for officers. */
const LANGUAGE_NAMES: Record<string, string> = Object.fromEntries(LANGUAGES.map((code) => [code, languageName(code)]));


export function incidentRoutes(
  app: FastifyInstance,
  deps: { borderEvents: BorderEventsService; parties: PartiesService; driverNotices: { noticesGiven(incidentId: string): Promise<Record<string, unknown>[]> } },
) {
  const { borderEvents, parties } = deps;

  const formPage = (kind: 'port' | 'inland', values: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const choose = (o: Record<string, string>, chosen: unknown) =>
      Object.entries(o).map(([value, text]) => ({ value, text, checked: Array.isArray(chosen) ? chosen.includes(value) : chosen === value, selected: chosen === value }));
    return {
      pageTitle: kind === 'inland' ? 'Record an inland detection' : 'Record an incident',
      kind,
      values,
      ports: [{ value: '', text: 'Choose a port or control zone' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === values.port }))],
      countries: (selected: unknown) => [{ value: '', text: 'Country' }, ...Object.entries(VEHICLE_COUNTRIES).map(([value, text]) => ({ value, text: `${value} – ${text}`, selected: value === selected }))],
      languages: (selected: unknown) => [{ value: '', text: 'Language' }, ...Object.entries(LANGUAGE_NAMES).map(([value, text]) => ({ value, text, selected: value === selected }))],
      documentKinds: (selected: unknown) => Object.entries(IDENTITY_DOCUMENTS).map(([value, text]) => ({ value, text, selected: value === selected })),
      vehicleKinds: choose(VEHICLE_KINDS, values.vehicleKind),
      concealment: choose(CONCEALMENT, values.concealment),
      riskToLife: choose(RISK_TO_LIFE, values.riskToLife),
      offences: [
        { value: 'S32', text: 'S32 – clandestine entrants found', checked: (values.offences as string[] | undefined)?.includes('S32') },
        { value: 'S31A', text: 'S31A – goods vehicle not adequately secured', checked: (values.offences as string[] | undefined)?.includes('S31A') },
      ],
      requirements: requirementsForForm(),
      personSlots: PERSON_SLOTS,
      notReferredReasons: Object.entries(NOT_REFERRED_REASONS).map(([value, text]) => ({ value, text })),
      detection: detectionOptions(values),
      ...extra,
    };
  };

  // The form as task-list steps (incident-step-routes.ts); the whole-form POSTs below still work.
  const steps = incidentStepRoutes(app, { borderEvents, formPage });

  app.get('/incidents/new', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const query = request.query as { search?: string; kind?: string };
    const kind = query.kind === 'inland' ? 'inland' : 'port';
    const values: Record<string, unknown> = {};
    const search = query.search && UUID.test(query.search) ? await borderEvents.getSearch(query.search) : null;
    const now = new Date();
    const date = search ? ukDate(search.searchedAt) : ukDate(now);
    const [y, m, d] = date.split('-');
    Object.assign(values, { 'incidentDate-year': y, 'incidentDate-month': String(Number(m)), 'incidentDate-day': String(Number(d)), incidentTime: ukTime(search?.searchedAt ?? now) });
    if (search) {
      Object.assign(values, {
        searchId: search.id,
        port: search.portCode,
        vehicleKind: search.vehicleKind,
        tractorRegistration: search.tractorRegistration,
        tractorCountry: search.tractorCountry,
        trailerRegistration: search.trailerRegistration,
        trailerCountry: search.trailerCountry,
        offences: search.result === 'both' ? ['S32', 'S31A'] : search.result === 'not-secured' ? ['S31A'] : ['S32'],
        ...detectionFromSearch(search),
      });
    }
    // The first step of the task list; the draft is created when it is first saved.
    return reply.page('intake/views/incident-step.njk', steps.stepPage('vehicle', kind, values, {}));
  });

  const save = async (request: FastifyRequest, reply: FastifyReply, incidentId: string | undefined) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    // A new incident's first step (`/incidents/new`) creates the draft with that step's fields only.
    if (!incidentId && isFormStep(body.step)) return steps.saveStep(request, reply, body.step, null);
    const incident = incidentFromForm(body, requirementCodes());
    const kind = incident.kind === 'inland' ? 'inland' : 'port';
    const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
    const saved = await borderEvents.saveDraft({ incidentId, incident }, { actor: request.actor!, expectedVersion: incidentId ? version : undefined });
    if (!saved.ok && saved.kind === 'forbidden') return sendForbidden(request, reply, saved.message);
    if (!saved.ok) {
      const errors = 'errors' in saved ? saved.errors : [{ field: 'offences', message: saved.message }];
      return reply.code(saved.kind === 'conflict' ? 409 : 422).page('intake/views/incident-form.njk', formPage(kind, { ...body }, { incidentId, version, ...errorsForPage(errors, incident) }));
    }
    if (body.action !== 'send') return reply.redirect(`/incidents/${saved.value.incidentId}?saved=1`, 303);
    const sent = await borderEvents.submit(saved.value.incidentId, { actor: request.actor! });
    if (!sent.ok) {
      const errors = 'errors' in sent && sent.errors.length ? sent.errors : [{ field: 'offences', message: sent.message }];
      return reply.code(422).page(
        'intake/views/incident-form.njk',
        formPage(kind, { ...body }, { incidentId: saved.value.incidentId, version: saved.value.version, notSentYet: true, ...errorsForPage(errors, incident) }),
      );
    }
    return reply.redirect(`/incidents/${saved.value.incidentId}`, 303);
  };

  app.post('/incidents', { config: { access: { roles: REFERRERS } } }, async (request, reply) => save(request, reply, undefined));
  app.post('/incidents/:id', { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    return save(request, reply, id);
  });

  app.get('/incidents/:id', { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await borderEvents.getIncident(id) : null;
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Incident not found' });
    if (!mayReadIncident(request.actor!, found)) return sendForbidden(request, reply, ANOTHER_OFFICERS_DRAFT);
    const data = found.data as IncidentInput;
    const proposals = await Promise.all(
      (data.responsiblePersons ?? []).map(async (person) => ({
        person,
        proposals: (await parties.findMatches({ kind: person.kind, name: person.name, country: person.address?.country ?? person.nationality ?? null, dateOfBirth: person.dateOfBirth ?? null }, { limit: 3 })).map((p) => ({
          ...p,
          explained: describeScore(p.score),
        })),
      })),
    );
    const people = request.actor!.roles.some((r) => PEOPLE_FOUND_ROLES.includes(r)) ? await borderEvents.peopleFound(id) : [];
    await recordPersonalDataRead(request, [
      { record: 'incident', recordId: id, caseReference: found.caseReference },
      ...(people.length ? [{ record: 'people-found' as const, recordId: id, caseReference: found.caseReference }] : []),
      // Register entries proposed as the responsible persons are shown too.
      ...[...new Set(proposals.flatMap((p) => p.proposals.map((proposal) => proposal.partyId)))].map((partyId) => ({ record: 'party' as const, recordId: partyId, partyId, caseReference: found.caseReference })),
    ]);
    if (found.status === 'draft' && (request.query as { form?: string }).form !== 'whole') {
      // A draft opens as its task list; each task is a page of its own (incident-step-routes.ts).
      return reply.page('intake/views/incident-task-list.njk', {
        pageTitle: found.kind === 'inland' ? 'Record an inland detection' : 'Record an incident',
        caption: [data.tractorRegistration, data.trailerRegistration].filter(Boolean).join(' / '),
        incidentId: id,
        proposals,
        saved: (request.query as { saved?: string }).saved === '1',
        officerActions: request.actor!.roles.some((role) => DRAFT_AUTHORS.includes(role)),
        notReferredReasons: Object.entries(NOT_REFERRED_REASONS).map(([value, text]) => ({ value, text })),
        ...(await steps.taskList(request, found)),
      });
    }
    if (found.status === 'draft') {
      return reply.page(
        'intake/views/incident-form.njk',
        formPage(found.kind as 'port' | 'inland', formValuesFrom(data), {
          incidentId: id,
          version: found.version,
          saved: (request.query as { saved?: string }).saved === '1',
          uploaded: /^\d+$/.test((request.query as { uploaded?: string }).uploaded ?? '') ? (request.query as { uploaded: string }).uploaded : null,
          evidence: found.evidence,
          proposals,
          // Evidence, people found and a decision not to refer are the recording officer's; a manager correcting the draft sees the form only.
          officerActions: request.actor!.roles.some((role) => DRAFT_AUTHORS.includes(role)),
        }),
      );
    }
    return reply.page('intake/views/incident-sent.njk', {
      pageTitle: `Incident sent as ${found.caseReference}`,
      incident: found,
      data,
      proposals,
      people,
      noticesGiven: await deps.driverNotices.noticesGiven(id),
      driverEmail: data.responsiblePersons?.find((p) => p.role === 'driver')?.email ?? null,
      noticeJustRecorded: (request.query as { notice?: string }).notice ?? null,
    });
  });
}
