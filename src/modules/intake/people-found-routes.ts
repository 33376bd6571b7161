import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { executeCommand, type CommandOutcome, type FieldError } from '../../platform/events/command.js';
import type { Db } from '../../platform/database/client.js';
import { formatDate } from '../../platform/http/dates.js';
import { MINIMUM_CHECKS, type IncidentInput } from '../../domain/incident/incident.js';
import {
  AGE_ASSESSMENTS,
  CHECK_OUTCOMES,
  DATABASE_CHECKS,
  FOLLOW_UP_ROLES,
  IDENTITY_ESTABLISHED,
  NRM_DECISIONS,
  NRM_STAGES,
  SEXES,
  TRAFFICKING_INDICATORS,
  claimsOrAppearsChild,
  isPotentialVictim,
  peopleFoundReconciliationProblem,
  personFoundProblems,
} from '../../domain/incident/people-found.js';
import { PEOPLE_FOUND_ROLES } from './access.js';
import { recordPersonFound } from './commands.js';
import type { BorderEventsService } from './service.js';
import { DRAFT_AUTHORS, DRAFT_OVERSEERS, mayReadIncident } from '../../domain/incident/incident-decisions.js';
import { sendForbidden } from '../../platform/http/server.js';
import { REFERRERS } from '../identity/roles.js';
import { personFoundRecordOf } from './people-found-commands.js';
import { formValuesOfPerson, handoverFromForm, nrmOutcomeFromForm, personFormErrors, personFromForm } from './people-found-form.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHECK_RESULTS = { 'done-clear': 'Done: nothing found', 'done-match': 'Done: a match or concern', 'not-done': 'Not done' } as const;
const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });

/** "2:05pm" for a clock time "14:05". */
function clockTime(hhmm: unknown): string {
  if (typeof hhmm !== 'string' || !/^\d{2}:\d{2}$/.test(hhmm)) return '';
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}
const country = (code: unknown) => {
  if (typeof code !== 'string') return '';
  try {
    return `${regionNames.of(code) ?? code}`;
  } catch {
    return code;
  }
};
const options = (o: Record<string, string>) => Object.entries(o).map(([value, text]) => ({ value, text }));

type PersonRow = Awaited<ReturnType<BorderEventsService['peopleFound']>>[number];

/** One person as the list shows them: summary rows in words, and what is still to do before sending. */
function describePerson(row: PersonRow, onDate: string) {
  const d = (row.details ?? {}) as Record<string, any>;
  const record = personFoundRecordOf(row);
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const add = (key: string, text: string | undefined | null) => {
    if (text) rows.push({ key: { text: key }, value: { text } });
  };
  add('Claimed name', d.claimedName);
  add('Claimed nationality', country(d.claimedNationality));
  add('Claimed date of birth', d.claimedDateOfBirth ? formatDate(d.claimedDateOfBirth) : null);
  add('Claimed age', d.claimedAge !== undefined ? `${d.claimedAge} years` : null);
  add('Sex', SEXES[d.sex as keyof typeof SEXES]);
  add('Identity', IDENTITY_ESTABLISHED[d.identityEstablished as keyof typeof IDENTITY_ESTABLISHED]);
  add('Biometrics', d.biometricsTaken === true ? `Taken${d.biometricsDate ? ` on ${formatDate(d.biometricsDate)}` : ''}${d.biometricsTime ? ` at ${clockTime(d.biometricsTime)}` : ''}` : d.biometricsTaken === false ? 'Not taken' : null);
  for (const [code, name] of Object.entries(DATABASE_CHECKS)) {
    const check = d.databaseChecks?.[code];
    if (check) add(`${name} check`, `${CHECK_OUTCOMES[check.outcome as keyof typeof CHECK_OUTCOMES]}${check.reason ? `: ${check.reason}` : ''}`);
  }
  for (const [code, name] of Object.entries(MINIMUM_CHECKS)) {
    const legacy = (row.checks as Record<string, string>)[code];
    if (legacy) add(`${name} (first record)`, CHECK_RESULTS[legacy as keyof typeof CHECK_RESULTS]);
  }
  add('Medical needs', d.medicalNeeds ?? (row.medicalNeed ? 'Has a medical need' : null));
  const child = claimsOrAppearsChild(record, onDate);
  if (child) add('Appears to be or claims to be a child', row.apparentChild ? 'Yes: appears to be a child' : 'Yes: claims to be under 18');
  add('Age assessment', AGE_ASSESSMENTS[d.ageAssessment as keyof typeof AGE_ASSESSMENTS]);
  if (d.handover) add('Handed to a local authority', `${d.handover.localAuthority}, ${formatDate(d.handover.date)} at ${clockTime(d.handover.time)}, received by ${d.handover.socialWorker}`);
  const victim = isPotentialVictim(record);
  if (victim) add('Trafficking indicators', (d.traffickingIndicators ?? []).map((i: string) => TRAFFICKING_INDICATORS[i as keyof typeof TRAFFICKING_INDICATORS]).join('; ') || 'Marked as a potential victim');
  if (d.nrmReferred === true || row.nrmReferralReference) add('Referred to the NRM', `Yes${row.nrmReferralReference ? `, reference ${row.nrmReferralReference}` : ''}`);
  if (d.nrmReferred === false) add('Referred to the NRM', `No: ${d.nrmNotReferredReason ?? ''}`);
  const outcome = (row.nrmOutcome ?? {}) as Record<string, { decision: string; date: string }>;
  for (const [stage, name] of Object.entries(NRM_STAGES)) {
    const o = outcome[stage];
    if (o) add(name, `${NRM_DECISIONS[o.decision as keyof typeof NRM_DECISIONS]}, ${formatDate(o.date)}`);
  }
  add('Notes', row.notes);
  return {
    id: row.id,
    sequence: row.sequence,
    heading: d.claimedName ? `Person ${row.sequence}: ${d.claimedName}` : `Person ${row.sequence}`,
    rows,
    child,
    victim,
    toDo: personFoundProblems(record, onDate).map((p) => p.message),
  };
}

const todayInUk = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

/** The people found in an incident, one record each: claimed identity, minimum checks, safeguarding (restricted). */
export function peopleFoundRoutes(app: FastifyInstance, deps: { db: Db; borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;

  /** The incident, if this actor may see its people found; otherwise the reply is sent. */
  async function incidentFor(request: FastifyRequest, reply: FastifyReply) {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await borderEvents.getIncident(id) : null;
    if (!found) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
      return null;
    }
    if (!mayReadIncident(request.actor!, found)) {
      await sendForbidden(request, reply, 'This incident is a draft by another officer: only the officer who started it, or a manager, can open it.');
      return null;
    }
    return found;
  }
  type Incident = NonNullable<Awaited<ReturnType<typeof incidentFor>>>;

  const personForm = (incident: Incident, extra: Record<string, unknown>) => ({
    incidentId: incident.id,
    backLink: `/incidents/${incident.id}/people`,
    sexes: options(SEXES),
    identityOptions: options(IDENTITY_ESTABLISHED),
    databaseChecks: options(DATABASE_CHECKS),
    checkOutcomes: options(CHECK_OUTCOMES),
    ageAssessments: options(AGE_ASSESSMENTS),
    indicators: options(TRAFFICKING_INDICATORS),
    values: {},
    ...extra,
  });

  const listPage = async (request: FastifyRequest, incident: Incident, extra: Record<string, unknown> = {}) => {
    const data = incident.data as IncidentInput;
    const onDate = data.incidentDate && data.incidentDate <= todayInUk() ? data.incidentDate : todayInUk();
    const people = (await borderEvents.peopleFound(incident.id)).map((row) => describePerson(row, onDate));
    const draft = incident.status === 'draft';
    const reconciliation = draft ? peopleFoundReconciliationProblem(data, people.length) : null;
    const s32 = (data.offences ?? []).includes('S32');
    const errors = (extra.errors as FieldError[] | undefined) ?? (reconciliation ? [reconciliation] : []);
    return {
      pageTitle: 'People found',
      incidentId: incident.id,
      version: incident.version,
      draft,
      people,
      entrants: data.clandestineEntrants ?? 0,
      s32,
      reconciliation,
      showReason: draft && s32 && (Boolean(reconciliation) || Boolean(data.peopleFoundDifferenceReason)),
      differenceReason: data.peopleFoundDifferenceReason ?? '',
      mayAdd: draft && request.actor!.roles.some((r) => DRAFT_AUTHORS.includes(r)),
      mayAmend: draft && request.actor!.roles.some((r) => [...DRAFT_AUTHORS, ...DRAFT_OVERSEERS].includes(r)),
      mayFollowUp: request.actor!.id === incident.createdById || request.actor!.roles.some((r) => FOLLOW_UP_ROLES.includes(r)),
      backLink: `/incidents/${incident.id}`,
      ...personFormErrors(errors),
      ...extra,
    };
  };

  app.get('/incidents/:id/people', { config: { access: { roles: PEOPLE_FOUND_ROLES } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    await recordPersonalDataRead(request, [{ record: 'people-found', recordId: incident.id, caseReference: incident.caseReference }]);
    return reply.page('intake/views/people-found.njk', await listPage(request, incident));
  });

  app.get('/incidents/:id/people/new', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    return reply.page('intake/views/person-found-form.njk', personForm(incident, { pageTitle: 'Add a person found', action: `/incidents/${incident.id}/people`, version: incident.version }));
  });

  const refused = async (request: FastifyRequest, reply: FastifyReply, incident: Incident, outcome: Extract<CommandOutcome<unknown>, { ok: false }>, page: Record<string, unknown>, template: string) => {
    if (outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
    if (outcome.kind === 'not-found') return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const errors = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: page.firstField as string, message: outcome.message }];
    const code = outcome.kind === 'conflict' ? 409 : 422;
    return reply.code(code).page(template, personForm(incident, { ...page, ...personFormErrors(errors), values: request.body ?? {}, version: page.version }));
  };

  const versionOf = (body: Record<string, unknown>) => (typeof body.version === 'string' && /^\d{1,9}$/.test(body.version) ? Number(body.version) : undefined);

  app.post('/incidents/:id/people', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = { pageTitle: 'Add a person found', action: `/incidents/${incident.id}/people`, version: body.version, firstField: 'claimedName' };
    const { person, problems } = personFromForm(body);
    if (problems.length) return refused(request, reply, incident, { ok: false, kind: 'invalid', message: problems[0]!.message, errors: problems }, page, 'intake/views/person-found-form.njk');
    const outcome = await executeCommand(deps.db, recordPersonFound, { incidentId: incident.id, person }, { actor: request.actor!, expectedVersion: versionOf(body) });
    if (!outcome.ok) return refused(request, reply, incident, outcome, page, 'intake/views/person-found-form.njk');
    return reply.confirmation(`Person ${outcome.value.sequence} recorded`).redirect(`/incidents/${incident.id}/people`, 303);
  });

  const personRow = async (incident: Incident, personId: string) => (UUID.test(personId) ? ((await borderEvents.peopleFound(incident.id)).find((p) => p.id === personId) ?? null) : null);

  app.get('/incidents/:id/people/:personId', { config: { access: { roles: [...REFERRERS, ...DRAFT_OVERSEERS] } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const row = await personRow(incident, (request.params as { personId: string }).personId);
    if (!row) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    if (incident.status !== 'draft') return reply.redirect(`/incidents/${incident.id}/people/${row.id}/follow-up`, 303);
    await recordPersonalDataRead(request, [{ record: 'people-found', recordId: incident.id, caseReference: incident.caseReference }]);
    return reply.page('intake/views/person-found-form.njk', personForm(incident, { pageTitle: `Change person ${row.sequence}`, action: `/incidents/${incident.id}/people/${row.id}`, version: incident.version, values: formValuesOfPerson(row), change: true }));
  });

  app.post('/incidents/:id/people/:personId', { config: { access: { roles: [...REFERRERS, ...DRAFT_OVERSEERS] } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const { personId } = request.params as { personId: string };
    if (!UUID.test(personId)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = { pageTitle: 'Change a person found', action: `/incidents/${incident.id}/people/${personId}`, version: body.version, change: true, firstField: 'claimedName' };
    const { person, problems } = personFromForm(body);
    if (problems.length) return refused(request, reply, incident, { ok: false, kind: 'invalid', message: problems[0]!.message, errors: problems }, page, 'intake/views/person-found-form.njk');
    const outcome = await borderEvents.amendPersonFound({ incidentId: incident.id, personId, person }, { actor: request.actor!, expectedVersion: versionOf(body) });
    if (!outcome.ok) return refused(request, reply, incident, outcome, page, 'intake/views/person-found-form.njk');
    return reply.confirmation('Person’s record changed').redirect(`/incidents/${incident.id}/people`, 303);
  });

  const followUpPage = (incident: Incident, row: PersonRow) => {
    const described = describePerson(row, (incident.data as IncidentInput).incidentDate ?? todayInUk());
    return {
      pageTitle: `Record a handover or NRM outcome for person ${row.sequence}`,
      action: `/incidents/${incident.id}/people/${row.id}/follow-up`,
      person: described,
      stages: options(NRM_STAGES),
      decisions: options(NRM_DECISIONS),
      firstField: 'handoverLocalAuthority',
    };
  };

  app.get('/incidents/:id/people/:personId/follow-up', { config: { access: { roles: [...REFERRERS, ...FOLLOW_UP_ROLES] } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const row = await personRow(incident, (request.params as { personId: string }).personId);
    if (!row) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    await recordPersonalDataRead(request, [{ record: 'people-found', recordId: incident.id, caseReference: incident.caseReference }]);
    return reply.page('intake/views/person-found-follow-up.njk', personForm(incident, { ...followUpPage(incident, row), version: incident.version }));
  });

  app.post('/incidents/:id/people/:personId/follow-up', { config: { access: { roles: [...REFERRERS, ...FOLLOW_UP_ROLES] } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const row = await personRow(incident, (request.params as { personId: string }).personId);
    if (!row) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const page = { ...followUpPage(incident, row), version: body.version };
    const problems: FieldError[] = [];
    const handover = handoverFromForm(body, problems);
    const nrmOutcome = nrmOutcomeFromForm(body, problems);
    if (problems.length) return refused(request, reply, incident, { ok: false, kind: 'invalid', message: problems[0]!.message, errors: problems }, page, 'intake/views/person-found-follow-up.njk');
    const outcome = await borderEvents.recordPersonFollowUp({ incidentId: incident.id, personId: row.id, handover, nrmOutcome }, { actor: request.actor!, expectedVersion: versionOf(body) });
    if (!outcome.ok) return refused(request, reply, incident, outcome, page, 'intake/views/person-found-follow-up.njk');
    const what = [handover ? 'Handover to the local authority' : null, nrmOutcome ? 'NRM decision' : null].filter(Boolean).join(' and ');
    return reply.confirmation(`${what} recorded for person ${row.sequence}`).redirect(`/incidents/${incident.id}/people`, 303);
  });

  /** The reason the people recorded differ in number from the entrants counted, saved into the draft. */
  app.post('/incidents/:id/people-difference', { config: { access: { roles: [...REFERRERS, ...DRAFT_OVERSEERS] } } }, async (request, reply) => {
    const incident = await incidentFor(request, reply);
    if (!incident) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const reason = typeof body.peopleFoundDifferenceReason === 'string' ? body.peopleFoundDifferenceReason.trim() : null;
    const fail = async (code: number, message: string) =>
      reply.code(code).page('intake/views/people-found.njk', await listPage(request, incident, { errors: [{ field: 'peopleFoundDifferenceReason', message }], differenceReason: typeof body.peopleFoundDifferenceReason === 'string' ? body.peopleFoundDifferenceReason : '' }));
    if (reason === null) return fail(400, 'Give one reason for the difference');
    if (reason.length > 1000) return fail(422, 'Enter the reason in 1000 characters or fewer');
    const saved = await borderEvents.saveDraft(
      { incidentId: incident.id, incident: { ...(incident.data as IncidentInput), peopleFoundDifferenceReason: reason } },
      { actor: request.actor!, expectedVersion: versionOf(body) },
    );
    if (!saved.ok && saved.kind === 'forbidden') return sendForbidden(request, reply, saved.message);
    if (!saved.ok) return fail(saved.kind === 'conflict' ? 409 : 422, saved.kind === 'conflict' ? saved.message : 'errors' in saved && saved.errors[0] ? saved.errors[0].message : saved.message);
    return reply.confirmation(reason ? 'Reason for the difference saved' : 'Reason for the difference cleared').redirect(`/incidents/${incident.id}/people`, 303);
  });
}
