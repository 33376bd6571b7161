import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, asArray } from '../../../platform/http/forms.js';
import type { CommandOutcome, FieldError } from '../../../platform/events/command.js';
import { isFinished, stageLabel, type Stage } from '../../../domain/liability/stages.js';
import { PORTS, portName } from '../../../domain/reference/ports.js';
import { CASEWORKERS, type Role } from '../../identity/roles.js';
import { ASSIGNERS, CASE_OFFICERS, UNASSIGNERS } from './assignment.js';
import {
  AGE_BANDS,
  AGE_BASIS,
  ageInDays,
  DEADLINE_WINDOWS,
  deadlineStatus,
  filterQuery,
  warningStatus,
  OPEN_STAGES,
  parseQueueFilters,
  QUEUES,
  type QueueFilters,
  type QueueName,
} from './queue-filters.js';
import { PERIODS, type Period } from './dashboard.js';
import { workService, type WorkService } from './service.js';
import { assignmentSection } from './assignment-section.js';
import type { Db } from '../../../platform/database/client.js';
import type { CasesService } from '../service.js';
import type { IdentityService } from '../../identity/service.js';
import type { CasePageSection } from '../case-page-sections.js';

/** Who may look at lists of cases: everyone who works them, and analysts following the dashboard's links. */
export const QUEUE_READERS: readonly Role[] = [...CASEWORKERS, 'analyst'];
export const ASSURERS: readonly Role[] = ['assurer-ho', 'senior-officer'];
export const DASHBOARD_READERS: readonly Role[] = ['manager', 'senior-officer', 'analyst'];

const QUEUE_ACCESS: Record<QueueName, readonly Role[]> = {
  mine: CASEWORKERS,
  available: CASEWORKERS,
  assurance: ASSURERS,
  stage: QUEUE_READERS,
  deadline: QUEUE_READERS,
  open: QUEUE_READERS,
};

const holds = (roles: readonly string[], allowed: readonly string[]) => roles.some((role) => allowed.includes(role));

/** Only somewhere on this site: a posted return address must be a path of ours, never another site. */
function safeReturn(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(work|cases)(\/|\?|#|$)/.test(value) && !value.startsWith('//') ? value : fallback;
}

function pagination(page: number, pages: number, link: (n: number) => string) {
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || (n >= page - 2 && n <= page + 2)) items.push({ number: n, href: link(n), current: n === page });
    else if (n === page - 3 || n === page + 3) items.push({ ellipsis: true });
  }
  return {
    ...(page > 1 ? { previous: { href: link(page - 1) } } : {}),
    ...(page < pages ? { next: { href: link(page + 1) } } : {}),
    items,
  };
}

function refusalStatus(outcome: Exclude<CommandOutcome<unknown>, { ok: true }>): number {
  switch (outcome.kind) {
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'forbidden':
      return 403;
    case 'invalid':
      return 400;
    default:
      return 422;
  }
}

/**
 * Registers the work queues, assignment and the dashboard, and returns the case page's "who has this
 * case" section for casesRoutes.
 */
export function workRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService; identity: IdentityService }): { work: WorkService; section: CasePageSection } {
  const work = workService(deps.db, { cases: deps.cases, identity: deps.identity });

  function tabsFor(roles: readonly string[], current: QueueName) {
    return (Object.keys(QUEUES) as QueueName[])
      .filter((queue) => holds(roles, QUEUE_ACCESS[queue]))
      .map((queue) => ({ text: QUEUES[queue].title, href: QUEUES[queue].path, active: queue === current }));
  }

  async function showQueue(request: FastifyRequest, reply: FastifyReply, queue: QueueName) {
    const actor = request.actor!;
    const { filters, page, errors } = parseQueueFilters(request.query as Record<string, unknown>);
    if (queue === 'deadline' && !filters.within) filters.within = 'two-weeks';
    const path = QUEUES[queue].path;
    const link = (f: QueueFilters, n?: number) => `${path}${filterQuery(f, n)}`;
    const officers = await work.officers();
    const today = work.today();
    const choosingStage = queue === 'stage' && !filters.stage;
    const result = errors.length || choosingStage ? null : await work.queue(queue, filters, actor, page);
    const stageCounts = choosingStage && !errors.length ? await work.stageCounts('stage', filters, actor) : null;
    const { errorList, fieldErrors } = formErrors(errors);
    const canClaim = holds(actor.roles, CASE_OFFICERS);
    const canAssign = holds(actor.roles, ASSIGNERS);
    return reply.code(errors.length ? 400 : 200).page('casework/work/views/queue.njk', {
      pageTitle: `${QUEUES[queue].title} – Work`,
      queue,
      title: QUEUES[queue].title,
      path,
      tabs: tabsFor(actor.roles, queue),
      notifications: await work.unreadNotifications(actor.id),
      // A caseworker's own deadlines, wherever they land: the cases assigned to them, due within 14 days or missed.
      myDeadlines: queue === 'mine' ? await work.myDeadlines(actor) : null,
      filters,
      query: request.query,
      errorList,
      fieldErrors,
      ageBasis: AGE_BASIS,
      offences: [
        { value: '', text: 'Any offence' },
        ...['S31A', 'S32', 'S31A+S32'].map((value) => ({ value, text: value, selected: filters.offence === value })),
      ],
      ports: [{ value: '', text: 'Any port' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === filters.port }))],
      stages: [{ value: '', text: 'Any stage' }, ...OPEN_STAGES.map((stage) => ({ value: stage, text: stageLabel(stage), selected: stage === filters.stage }))],
      ages: [{ value: '', text: 'Any age' }, ...AGE_BANDS.map((band) => ({ value: band.id, text: band.label, selected: band.id === filters.age }))],
      deadlineTabs: queue === 'deadline' ? (Object.keys(DEADLINE_WINDOWS) as (keyof typeof DEADLINE_WINDOWS)[]).map((within) => ({
        text: DEADLINE_WINDOWS[within].label,
        href: link({ ...filters, within }),
        active: filters.within === within,
      })) : [],
      stageCounts: stageCounts
        ? OPEN_STAGES.map((stage) => ({ stage, label: stageLabel(stage), n: stageCounts.get(stage) ?? 0, href: link({ ...filters, stage }) }))
        : null,
      result: result
        ? {
            ...result,
            rows: result.rows.map((row) => ({
              ...row,
              stageLabel: stageLabel(row.stage),
              portName: portName(row.portCode),
              officerName: row.assignedTo ? (officers.names.get(row.assignedTo) ?? 'an officer no longer listed') : null,
              deadline: deadlineStatus(row.lastDayToImpose, row.stage, today),
              noticeDeadline: warningStatus(row.lastDayToSendInitialNotice, today),
              objectionDeadline: warningStatus(row.objectionDeterminationDue, today),
              age: ageInDays(row.incidentDate, today),
            })),
          }
        : null,
      pagination: result && result.pages > 1 ? pagination(result.page, result.pages, (n) => link(filters, n)) : null,
      canClaim,
      canAssign,
      officers: canAssign ? officers.choices.map((o) => ({ value: o.id, text: o.name })) : [],
      returnTo: request.url,
    });
  }

  app.get('/work', { config: { access: { roles: QUEUE_ACCESS.mine } } }, (request, reply) => showQueue(request, reply, 'mine'));
  app.get('/work/available', { config: { access: { roles: QUEUE_ACCESS.available } } }, (request, reply) => showQueue(request, reply, 'available'));
  app.get('/work/assurance', { config: { access: { roles: QUEUE_ACCESS.assurance } } }, (request, reply) => showQueue(request, reply, 'assurance'));
  app.get('/work/stage', { config: { access: { roles: QUEUE_ACCESS.stage } } }, (request, reply) => showQueue(request, reply, 'stage'));
  app.get('/work/deadline', { config: { access: { roles: QUEUE_ACCESS.deadline } } }, (request, reply) => showQueue(request, reply, 'deadline'));
  app.get('/work/cases', { config: { access: { roles: QUEUE_ACCESS.open } } }, (request, reply) => showQueue(request, reply, 'open'));

  async function refused(reply: FastifyReply, outcome: Exclude<CommandOutcome<unknown>, { ok: true }>, backLink: string, status = refusalStatus(outcome)) {
    return reply.code(status).page('casework/work/views/refused.njk', {
      pageTitle: 'That could not be done',
      message: outcome.kind === 'not-found' ? 'No case has this reference.' : outcome.message,
      backLink,
    });
  }

  app.post('/cases/:reference/claim', { config: { access: { roles: CASE_OFFICERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = safeReturn(body.returnTo, `/cases/${encodeURIComponent(reference)}`);
    const outcome = await work.claim(reference, request.actor!);
    // Someone else has it (or it is finished): the request conflicts with the case as it is now.
    if (!outcome.ok) return refused(reply, outcome, back, outcome.kind === 'refused' ? 409 : refusalStatus(outcome));
    return reply.confirmation(`Case ${outcome.value.reference} is now yours`).redirect(safeReturn(body.returnTo, `/cases/${outcome.value.reference}#assignment`), 303);
  });

  app.post('/cases/:reference/unassign', { config: { access: { roles: UNASSIGNERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
    const outcome = await work.unassign(reference, request.actor!, version);
    if (!outcome.ok) return refused(reply, outcome, `/cases/${encodeURIComponent(reference)}#assignment`);
    return reply.confirmation(`Case ${outcome.value.reference} is no longer assigned to anyone`).redirect(`/cases/${outcome.value.reference}#assignment`, 303);
  });

  /** The "give this case to an officer" page: the case page's form posts here, and errors show beside the field. */
  async function assignPage(request: FastifyRequest, reply: FastifyReply, values: { officerId?: string; version?: number }, errors: FieldError[], refusal: string[] = []) {
    const { reference } = request.params as { reference: string };
    const kase = await work.caseSummary(reference);
    if (!kase) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    if (isFinished(kase.stage as Stage)) {
      return reply.code(422).page('casework/work/views/refused.njk', {
        pageTitle: 'That could not be done',
        message: `This case is ${stageLabel(kase.stage).toLowerCase()}: nothing is left to do on it, so it cannot be assigned.`,
        backLink: `/cases/${kase.reference}`,
      });
    }
    const officers = await work.officers();
    const { errorList, fieldErrors } = formErrors(errors);
    return reply.code(errors.length || refusal.length ? 422 : 200).page('casework/work/views/assign.njk', {
      pageTitle: `Assign case ${kase.reference}`,
      kase,
      holder: kase.assignedTo ? (officers.names.get(kase.assignedTo) ?? 'an officer no longer listed') : null,
      version: values.version ?? kase.version,
      officers: [{ value: '', text: 'Choose an officer' }, ...officers.choices.map((o) => ({ value: o.id, text: o.name, selected: o.id === (values.officerId ?? kase.assignedTo) }))],
      errorList: [...refusal.map((text) => ({ text, href: '#officerId' })), ...errorList],
      fieldErrors,
      backLink: `/cases/${kase.reference}`,
    });
  }

  app.get('/cases/:reference/assign', { config: { access: { roles: ASSIGNERS } } }, (request, reply) => assignPage(request, reply, {}, []));

  app.post('/cases/:reference/assign', { config: { access: { roles: ASSIGNERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const officerId = typeof body.officerId === 'string' ? body.officerId.trim() : '';
    const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
    if (!officerId) return assignPage(request, reply, { ...(version !== undefined ? { version } : {}) }, [{ field: 'officerId', message: 'Choose the officer to give the case to' }]);
    const outcome = await work.assign(reference, officerId, request.actor!, version);
    if (outcome.ok) {
      const officerName = (await work.officers()).names.get(officerId) ?? 'the officer';
      return reply.confirmation(`Case ${outcome.value.reference} assigned to ${officerName}`).redirect(`/cases/${outcome.value.reference}#assignment`, 303);
    }
    if (outcome.kind === 'not-found') return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    if (outcome.kind === 'invalid' || (outcome.kind === 'refused' && outcome.errors.some((e) => e.field === 'officerId'))) {
      return assignPage(request, reply, { officerId, ...(version !== undefined ? { version } : {}) }, [{ field: 'officerId', message: 'Choose an officer who works cases' }]);
    }
    // A stale form: show the page again as it is now, with the reason.
    return assignPage(request, reply, { officerId }, [], [outcome.message]);
  });

  /** Many cases to one officer, chosen by checkbox on a queue: one command per case, each reported. */
  app.post('/work/assign', { config: { access: { roles: ASSIGNERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const references = asArray(body.references).map((r) => r.trim().toUpperCase()).filter(Boolean).slice(0, 500);
    const officerId = typeof body.officerId === 'string' ? body.officerId.trim() : '';
    const returnTo = safeReturn(body.returnTo, '/work/available');
    const officers = await work.officers();
    const errors: FieldError[] = [];
    if (references.length === 0) errors.push({ field: 'references', message: 'Choose at least one case to assign' });
    if (!officerId) errors.push({ field: 'officerId', message: 'Choose the officer to give the cases to' });
    else if (!officers.assignable.has(officerId)) errors.push({ field: 'officerId', message: 'Choose an officer who works cases' });
    if (errors.length) {
      const { errorList, fieldErrors } = formErrors(errors);
      return reply.code(422).page('casework/work/views/bulk-assign.njk', {
        pageTitle: 'Assign cases',
        references,
        officers: [{ value: '', text: 'Choose an officer' }, ...officers.choices.map((o) => ({ value: o.id, text: o.name, selected: o.id === officerId }))],
        errorList,
        fieldErrors,
        results: null,
        returnTo,
        backLink: returnTo,
      });
    }
    const results = await work.bulkAssign(references, officerId, request.actor!);
    return reply.page('casework/work/views/bulk-assign.njk', {
      pageTitle: 'Cases assigned',
      officerName: officers.names.get(officerId),
      assigned: results.filter((r) => r.ok),
      notAssigned: results.filter((r) => !r.ok),
      results,
      returnTo,
      backLink: returnTo,
    });
  });

  app.post('/work/notifications/:id/read', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const done = await work.markNotificationRead(id, request.actor!);
    if (!done) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Message not found' });
    return reply.confirmation('Message marked as read').redirect(safeReturn(body.returnTo, '/work'), 303);
  });

  app.get('/dashboard', { config: { access: { roles: DASHBOARD_READERS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const periodText = typeof query.period === 'string' && query.period ? query.period : 'all';
    const pageText = typeof query.missedPage === 'string' ? query.missedPage : '1';
    const missedPage = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
    if (!Object.hasOwn(PERIODS, periodText)) {
      return reply.code(400).page('errors/bad-request.njk', { pageTitle: 'There is a problem with what was sent', message: 'Choose a period from the list.' });
    }
    const period = periodText as Period;
    const data = await work.dashboard({ missedPage, period });
    return reply.page('casework/work/views/dashboard.njk', {
      pageTitle: 'Dashboard',
      ...data,
      period,
      periods: Object.entries(PERIODS).map(([value, p]) => ({ value, text: p.label, selected: value === period })),
      missedPagination:
        data.missed.pages > 1
          ? pagination(data.missed.page, data.missed.pages, (n) => `/dashboard?${new URLSearchParams({ period, missedPage: String(n) }).toString()}#missed`)
          : null,
    });
  });

  return { work, section: assignmentSection(work) };
}
