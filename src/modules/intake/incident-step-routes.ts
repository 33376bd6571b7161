import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { formatDate } from '../../platform/http/dates.js';
import { PORTS, VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { DETECTING_METHODS, SELECTION_REASONS, VEHICLE_KINDS } from '../../domain/incident/search.js';
import { CONCEALMENT, IDENTITY_DOCUMENTS, RESPONSIBLE_ROLES, RISK_TO_LIFE, type IncidentInput } from '../../domain/incident/incident.js';
import type { FieldError } from '../../platform/events/command.js';
import { REFERRERS } from '../identity/roles.js';
import { DRAFT_AUTHORS, DRAFT_OVERSEERS, mayReadIncident } from '../../domain/incident/incident-decisions.js';
import { sendForbidden } from '../../platform/http/server.js';
import type { BorderEventsService } from './service.js';
import { errorsForPage, fieldIdFor, formValuesFrom, incidentFromForm } from './incident-form.js';
import { requirementCodes, requirementsForForm } from './requirements.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { completedCount, FORM_STEPS, isFormStep, mergeStep, nextStep, STEP_FIELDS, STEP_TITLES, stepForField, taskProgress, type FormStep, type StepSlug } from './incident-steps.js';

const INCIDENT_PAGE_ROLES = [...REFERRERS, ...DRAFT_OVERSEERS];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANOTHER_OFFICERS_DRAFT = 'This incident is a draft by another officer. Only the officer who started it, or a manager, can open or change it.';
/** Wording of the confirmations after each step (module wording, not domain logic). */
const SAVED: Record<FormStep, string> = {
  vehicle: 'Vehicle and place saved to your draft',
  'responsible-persons': 'Responsible persons saved to your draft',
  security: 'Security findings saved to your draft',
};
export const STEP_CONFLICT =
  'Someone else saved this draft after you opened this page, so what you entered here has not been saved. Your entries are shown below: check them against the task list, then save again to keep them.';

type FormPage = (kind: 'port' | 'inland', values: Record<string, unknown>, extra?: Record<string, unknown>) => Record<string, unknown>;
type Draft = NonNullable<Awaited<ReturnType<BorderEventsService['getIncident']>>>;

const versionOf = (body: Record<string, unknown>) => (typeof body.version === 'string' && /^\d{1,9}$/.test(body.version) ? Number(body.version) : undefined);
const stepUrl = (id: string, step: StepSlug) => `/incidents/${id}/${step}`;
const seesPeopleFound = (request: FastifyRequest) => request.actor!.roles.some((r) => PEOPLE_FOUND_ROLES.includes(r));
const isAuthor = (request: FastifyRequest) => request.actor!.roles.some((role) => DRAFT_AUTHORS.includes(role));


/** Problems that stop the draft being sent, each linked to the step (and field) that fixes it. */
function problemLinks(id: string, problems: FieldError[], data: Record<string, unknown>) {
  return problems.map((p) => ({ text: p.message, href: `${stepUrl(id, stepForField(p.field))}${stepForField(p.field) === 'people' || stepForField(p.field) === 'evidence' ? '' : `#${fieldIdFor(p.field, data)}`}` }));
}

const name = (names: Record<string, string>, value: unknown) => (typeof value === 'string' ? (names[value] ?? value) : '');
const list = (names: Record<string, string>, values: unknown) => (Array.isArray(values) && values.length ? values.map((v) => name(names, v)).join(', ') : '');
const yesNo = (value: unknown) => (value === true ? 'Yes' : value === false ? 'No' : '');

/** The check-your-answers page's sections: every answer, with the step that changes it. */
function answerSections(id: string, data: Partial<IncidentInput>, counts: { people: number; evidence: { originalName: string }[] }, options: { seesPeopleFound: boolean }) {
  const portName = Object.fromEntries(PORTS.map((p) => [p.code, p.name]));
  const row = (key: string, value: string | number | undefined, step: StepSlug, field?: string) => ({
    key: { text: key },
    value: { text: value === undefined || value === '' ? 'Not entered' : String(value) },
    actions: { items: [{ href: `${stepUrl(id, step)}${field ? `#${field}` : ''}`, text: 'Change', visuallyHiddenText: key.toLowerCase() }] },
  });
  const vehicle = [
    row('Offence', list({ S32: 'S32 – clandestine entrants found', S31A: 'S31A – goods vehicle not adequately secured' }, data.offences), 'vehicle', 'offences'),
    row('Number of clandestine entrants', data.clandestineEntrants, 'vehicle', 'clandestineEntrants'),
    row('Where they were concealed', list(CONCEALMENT, data.concealment), 'vehicle', 'concealment'),
    row('Risk to life', list(RISK_TO_LIFE, data.riskToLife), 'vehicle', 'riskToLife'),
    row(
      'How they were found',
      [name(DETECTING_METHODS, data.detectingMethod), data.detectingMethodUnknownReason].filter(Boolean).join(': '),
      'vehicle',
      'detectingMethod',
    ),
    row('How the vehicle was selected', name(SELECTION_REASONS, data.selectionReason), 'vehicle', 'selectionReason'),
    row('Date found', data.incidentDate ? formatDate(data.incidentDate) : '', 'vehicle', 'incidentDate-day'),
    row('Time found (UK)', data.incidentTime, 'vehicle', 'incidentTime'),
    data.kind === 'inland' ? row('Where the people were found', data.location, 'vehicle', 'location') : row('Port or control zone', name(portName, data.port), 'vehicle', 'port'),
    row('Kind of vehicle', name(VEHICLE_KINDS, data.vehicleKind), 'vehicle', 'vehicleKind'),
    ...(data.unaccompaniedTrailer ? [row('Trailer', 'Unaccompanied', 'vehicle', 'unaccompaniedTrailer')] : []),
    row('Vehicle registration', [data.tractorRegistration, data.tractorCountry && `(${name(VEHICLE_COUNTRIES, data.tractorCountry)})`].filter(Boolean).join(' '), 'vehicle', 'tractorRegistration'),
    row('Trailer registration', [data.trailerRegistration, data.trailerCountry && `(${name(VEHICLE_COUNTRIES, data.trailerCountry)})`].filter(Boolean).join(' '), 'vehicle', 'trailerRegistration'),
    ...(data.kind === 'inland'
      ? [
          row('Crossing', [data.journey?.departurePort, data.journey?.arrivalPort].filter(Boolean).join(' to '), 'vehicle', 'departurePort'),
          row('Date of the crossing', data.journey?.crossingDate ? formatDate(data.journey.crossingDate) : '', 'vehicle', 'crossingDate-day'),
          row('Estimated arrival in the UK', data.estimatedArrivalDate ? formatDate(data.estimatedArrivalDate) : '', 'vehicle', 'estimatedArrivalDate-day'),
          row('Entered concealed in this vehicle in the last 72 hours', yesNo(data.within72Hours), 'vehicle', 'within72Hours'),
        ]
      : []),
  ];
  const persons = (data.responsiblePersons ?? []).map((p) => {
    const slot = p.role === 'driver' ? 'p1' : p.role === 'hirer' ? 'p3' : 'p2';
    const details = [
      p.name,
      p.dateOfBirth ? `born ${formatDate(p.dateOfBirth)}` : '',
      p.documents?.[0] ? `${name(IDENTITY_DOCUMENTS, p.documents[0].kind)} ${p.documents[0].number}` : '',
      p.address ? [p.address.line1, p.address.town, p.address.postcode, name(VEHICLE_COUNTRIES, p.address.country)].filter(Boolean).join(', ') : '',
      p.email ?? '',
      p.phone ?? '',
    ].filter(Boolean);
    return row(name(RESPONSIBLE_ROLES, p.role), details.join('; '), 'responsible-persons', `${slot}_name`);
  });
  const findings: Record<string, string> = { met: 'Met', 'not-met': 'Not met', 'not-applicable': 'Not applicable', unknown: 'Not known' };
  const requirementNames = Object.fromEntries(requirementsForForm().map((r) => [r.code, r.name]));
  const security = [
    ...Object.entries(data.requirements ?? {}).map(([code, finding]) => row(requirementNames[code] ?? code, findings[finding] ?? finding, 'security', `req_${code}`)),
    row('Security checklist produced', yesNo(data.checklistProduced), 'security', 'checklistProduced'),
    row('Seal numbers', (data.sealNumbers ?? []).join(', '), 'security', 'sealNumbers'),
    ...(data.selfDeclaration ? [row('Self-declaration', [data.selfDeclaration.when, data.selfDeclaration.where, data.selfDeclaration.toWhom].filter(Boolean).join(', '), 'security', 'selfDeclaredWhen')] : []),
  ];
  return [
    { title: STEP_TITLES.vehicle, step: 'vehicle', rows: vehicle },
    ...(options.seesPeopleFound
      ? [{ title: STEP_TITLES.people, step: 'people', rows: [row('People recorded', `${counts.people}${data.clandestineEntrants ? ` of ${data.clandestineEntrants}` : ''}`, 'people')] }]
      : []),
    { title: STEP_TITLES['responsible-persons'], step: 'responsible-persons', rows: persons.length ? persons : [row('Responsible persons', '', 'responsible-persons', 'p1_name')] },
    { title: STEP_TITLES.security, step: 'security', rows: security },
    { title: STEP_TITLES.evidence, step: 'evidence', rows: [row('Photos and scans', counts.evidence.map((e) => e.originalName).join(', '), 'evidence')] },
  ];
}

/**
 * The incident form as GOV.UK task-list steps: `/incidents/{id}` (a draft's task list, rendered by
 * `taskListPage`), `/incidents/{id}/{vehicle|responsible-persons|security|evidence|check}` and the
 * sending (`POST /incidents/{id}/send`). People found is its own page (`/incidents/{id}/people`).
 */
export function incidentStepRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService; formPage: FormPage }) {
  const { borderEvents, formPage } = deps;

  const stepPage = (step: FormStep, kind: 'port' | 'inland', values: Record<string, unknown>, extra: Record<string, unknown> & { incidentId?: string | undefined }) =>
    formPage(kind, values, {
      step,
      stepTitle: STEP_TITLES[step],
      pageTitle: `${STEP_TITLES[step]} – ${kind === 'inland' ? 'inland detection' : 'incident'}`,
      caption: kind === 'inland' ? 'Record an inland detection' : 'Record an incident',
      formAction: extra.incidentId ? stepUrl(extra.incidentId, step) : '/incidents',
      backLink: extra.incidentId ? `/incidents/${extra.incidentId}` : '/incidents',
      ...extra,
    });

  /** A draft the actor may open, or the reply already sent (404, 403, or the sent incident's page). */
  const openDraft = async (request: FastifyRequest, reply: FastifyReply): Promise<Draft | null> => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await borderEvents.getIncident(id) : null;
    if (!found) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Incident not found' });
      return null;
    }
    if (!mayReadIncident(request.actor!, found)) {
      await sendForbidden(request, reply, ANOTHER_OFFICERS_DRAFT);
      return null;
    }
    if (found.status !== 'draft') {
      await reply.redirect(`/incidents/${id}`, request.method === 'GET' ? 302 : 303);
      return null;
    }
    await recordPersonalDataRead(request, [{ record: 'incident', recordId: id, caseReference: found.caseReference }]);
    return found;
  };

  /**
   * Saves one step into the draft (a new draft when `found` is null): only the step's fields change,
   * at the version the page was opened with.
   */
  const saveStep = async (request: FastifyRequest, reply: FastifyReply, step: FormStep, found: Draft | null) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fromForm = incidentFromForm(body, requirementCodes());
    const stored: Record<string, unknown> = found ? { ...(found.data as Record<string, unknown>) } : { kind: fromForm.kind, ...(fromForm.searchId ? { searchId: fromForm.searchId } : {}) };
    const kind = stored.kind === 'inland' ? 'inland' : 'port';
    const incident = mergeStep(stored, fromForm, step);
    const version = versionOf(body);
    const saved = await borderEvents.saveDraft({ incidentId: found?.id, incident }, { actor: request.actor!, expectedVersion: found ? version : undefined });
    if (!saved.ok && saved.kind === 'forbidden') return sendForbidden(request, reply, saved.message);
    if (!saved.ok) {
      const values = { ...body, searchId: stored.searchId };
      if (saved.kind === 'conflict') {
        return reply.code(409).page('intake/views/incident-step.njk', stepPage(step, kind, values, { incidentId: found?.id, version: found?.version, conflict: STEP_CONFLICT, errorList: [{ text: STEP_CONFLICT, href: '#conflict' }] }));
      }
      const errors = 'errors' in saved && saved.errors.length ? saved.errors : [{ field: STEP_FIELDS[step][0]!, message: saved.message }];
      return reply.code(422).page('intake/views/incident-step.njk', stepPage(step, kind, values, { incidentId: found?.id, version, ...errorsForPage(errors, fromForm) }));
    }
    const id = saved.value.incidentId;
    // On to people found only when there are people to record (the officer records them there).
    const peopleNext = seesPeopleFound(request) && isAuthor(request) && typeof incident.clandestineEntrants === 'number' && incident.clandestineEntrants > 0;
    const then = body.then === 'continue' ? stepUrl(id, nextStep(step, { seesPeopleFound: peopleNext })) : `/incidents/${id}`;
    return reply.confirmation(SAVED[step]).redirect(then, 303);
  };

  for (const step of FORM_STEPS) {
    app.get(`/incidents/:id/${step}`, { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
      const found = await openDraft(request, reply);
      if (!found) return reply;
      return reply.page('intake/views/incident-step.njk', stepPage(step, found.kind === 'inland' ? 'inland' : 'port', formValuesFrom(found.data), { incidentId: found.id, version: found.version }));
    });
    app.post(`/incidents/:id/${step}`, { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
      const found = await openDraft(request, reply);
      if (!found) return reply;
      return saveStep(request, reply, step, found);
    });
  }

  app.get('/incidents/:id/evidence', { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
    const found = await openDraft(request, reply);
    if (!found) return reply;
    const uploaded = (request.query as { uploaded?: unknown }).uploaded;
    return reply.page('intake/views/incident-evidence-step.njk', {
      pageTitle: `${STEP_TITLES.evidence} – ${found.kind === 'inland' ? 'inland detection' : 'incident'}`,
      caption: found.kind === 'inland' ? 'Record an inland detection' : 'Record an incident',
      incidentId: found.id,
      evidence: found.evidence,
      requirements: requirementsForForm(),
      uploaded: typeof uploaded === 'string' && /^\d{1,2}$/.test(uploaded) ? uploaded : null,
      officerActions: isAuthor(request),
      backLink: `/incidents/${found.id}`,
    });
  });

  const checkPage = async (request: FastifyRequest, found: Draft, extra: Record<string, unknown> = {}) => {
    const data = found.data as Record<string, unknown>;
    const checked = borderEvents.problemsWith(data);
    const problems = checked.ok ? [] : checked.errors;
    const sees = seesPeopleFound(request);
    const people = sees ? (await borderEvents.peopleFound(found.id)).length : 0;
    return {
      pageTitle: `Check your answers – ${found.kind === 'inland' ? 'inland detection' : 'incident'}`,
      caption: found.kind === 'inland' ? 'Record an inland detection' : 'Record an incident',
      incidentId: found.id,
      version: found.version,
      sections: answerSections(found.id, found.data, { people, evidence: found.evidence }, { seesPeopleFound: sees }),
      problems: problemLinks(found.id, problems, data),
      maysend: isAuthor(request),
      backLink: `/incidents/${found.id}`,
      ...extra,
    };
  };

  app.get('/incidents/:id/check', { config: { access: { roles: INCIDENT_PAGE_ROLES } } }, async (request, reply) => {
    const found = await openDraft(request, reply);
    if (!found) return reply;
    return reply.page('intake/views/incident-check.njk', await checkPage(request, found));
  });

  app.post('/incidents/:id/send', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const found = await openDraft(request, reply);
    if (!found) return reply;
    const sent = await borderEvents.submit(found.id, { actor: request.actor!, expectedVersion: versionOf((request.body ?? {}) as Record<string, unknown>) });
    if (!sent.ok && sent.kind === 'forbidden') return sendForbidden(request, reply, sent.message);
    if (!sent.ok && sent.kind === 'conflict') {
      const fresh = (await borderEvents.getIncident(found.id))!;
      return reply.code(409).page('intake/views/incident-check.njk', await checkPage(request, fresh, { errorList: [{ text: 'This draft was changed after you opened this page, so it has not been sent. Check the answers below, then send it again.', href: '#answers' }] }));
    }
    if (!sent.ok) {
      const errors = 'errors' in sent && sent.errors.length ? sent.errors : [{ field: 'offences', message: sent.message }];
      return reply.code(422).page('intake/views/incident-check.njk', await checkPage(request, found, { errorList: problemLinks(found.id, errors, found.data as Record<string, unknown>), notSentYet: true }));
    }
    return reply.confirmation(`Referral sent: case ${sent.value.caseReference}`).redirect(`/incidents/${found.id}`, 303);
  });

  return {
    saveStep,
    stepPage,
    isFormStep,
    /** The task list of a draft (`GET /incidents/{id}` while it is a draft). */
    async taskList(request: FastifyRequest, found: Draft) {
      const sees = seesPeopleFound(request);
      const checked = borderEvents.problemsWith(found.data);
      const problems = checked.ok ? [] : checked.errors;
      const people = sees ? (await borderEvents.peopleFound(found.id)).length : 0;
      const tasks = taskProgress(found.data, problems, { peopleRecorded: people, evidence: found.evidence.length }, { seesPeopleFound: sees });
      const blue = ['Not started', 'In progress'];
      return {
        progress: completedCount(tasks),
        taskItems: tasks.map((task) => ({
          title: { text: task.title },
          ...(task.hint ? { hint: { text: task.hint } } : {}),
          href: task.status === 'Cannot start yet' && task.slug !== 'check' ? undefined : stepUrl(found.id, task.slug),
          status:
            task.status === 'Completed' || task.status === 'Cannot start yet' || task.status === 'Optional'
              ? { text: task.status, classes: task.status === 'Completed' ? undefined : 'govuk-task-list__status--cannot-start-yet' }
              : { tag: { text: task.status, classes: blue.indexOf(task.status) === 0 ? 'govuk-tag--blue' : 'govuk-tag--light-blue' } },
        })),
      };
    },
  };
}
