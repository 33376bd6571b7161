import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { asArray, formErrors, readDateInput } from '../../platform/http/forms.js';
import { readMultipartForm } from '../../platform/files/multipart.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { sendForbidden } from '../../platform/http/server.js';
import type { CommandOutcome, FieldError } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { REQUESTED_ITEMS } from '../../domain/information-requests/events.js';
import { defaultDueDate } from '../../domain/information-requests/decisions.js';
import { portName } from '../../domain/reference/ports.js';
import { CASE_READERS, CASEWORKERS, REFERRERS } from '../identity/roles.js';
import { informationRequestBody } from './commands.js';
import type { InformationRequestsService, InformationRequestView } from './service.js';
import { CONFIRMATIONS } from './wording.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
const LIMITS = { maxFiles: 10, maxFileBytes: 10 * 1024 * 1024 };
const LIST_ROLES = [...REFERRERS, ...CASEWORKERS];
const READERS = [...REFERRERS, ...CASE_READERS];

const isReferrer = (actor: Actor) => actor.roles.some((r) => (REFERRERS as readonly string[]).includes(r));
const isCaseReader = (actor: Actor) => actor.roles.some((r) => (CASE_READERS as readonly string[]).includes(r));
const mayAsk = (actor: Actor) => actor.roles.some((r) => (CASEWORKERS as readonly string[]).includes(r));

/** A referrer sees the requests addressed to them and every port's request; the penalty team sees all. */
function maySee(actor: Actor, request: InformationRequestView): boolean {
  return isCaseReader(actor) || request.addressedToId === actor.id || request.addressedToId === null;
}
function mayAnswer(actor: Actor, request: InformationRequestView): boolean {
  return isReferrer(actor) && (request.addressedToId === actor.id || request.addressedToId === null) && request.status !== 'withdrawn';
}

/** A UUID made from the client's Idempotency-Key, so a repeated request names the same request. */
function idFromKey(scope: string, key: string): string {
  const hex = createHash('sha256').update(`information-request:${scope}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const itemChoices = Object.entries(REQUESTED_ITEMS).map(([value, text]) => ({ value, text }));

const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

function failureStatus(outcome: CommandOutcome<unknown> & { ok: false }) {
  return outcome.kind === 'conflict' ? 409 : outcome.kind === 'not-found' ? 404 : outcome.kind === 'forbidden' ? 403 : 422;
}

/** The pages and API of requests for information (see README). */
export function informationRequestsRoutes(app: FastifyInstance, deps: { requests: InformationRequestsService }) {
  const { requests } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });

  // The officer's home page (intake's /incidents) shows how many requests wait for them: its template
  // includes this module's partial, and the data goes in through reply.locals here, so intake's route is untouched.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/incidents' || !request.actor || !isReferrer(request.actor)) return;
    const counts = await requests.openCountFor(request.actor);
    // @fastify/view merges reply.locals into every template's context.
    const withLocals = reply as unknown as { locals?: Record<string, unknown> | null };
    withLocals.locals = { ...(withLocals.locals ?? {}), openInformationRequests: counts };
  });

  const showForm = async (reply: FastifyReply, status: number, kase: { id: string; reference: string; portCode: string }, values: Record<string, unknown>, errors: FieldError[]) => {
    const addressedTo = await requests.addresseeFor(kase);
    const { errorList, fieldErrors } = formErrors(errors, { items: 'items', dueDate: 'dueDate-day' });
    return reply.code(status).page('information-requests/views/new.njk', {
      pageTitle: 'Request information from the referring officer',
      kase,
      addressee: addressedTo.kind === 'officer' ? addressedTo.officerName : `every officer at ${portName(addressedTo.portCode)} (no officer is recorded as referring this case)`,
      itemChoices: itemChoices.map((c) => ({ ...c, checked: asArray(values.items).includes(c.value) })),
      values,
      errorList,
      fieldErrors,
      backLink: `/cases/${kase.reference}#information-requests`,
    });
  };

  app.get('/cases/:reference/information-requests/new', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const kase = await requests.caseByReference(reference);
    if (!kase) return notFound(reply);
    const [year, month, day] = defaultDueDate(requests.today()).split('-');
    return showForm(reply, 200, kase, { requestId: randomUUID(), 'dueDate-day': String(Number(day)), 'dueDate-month': String(Number(month)), 'dueDate-year': year }, []);
  });

  app.post('/cases/:reference/information-requests', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const kase = await requests.caseByReference(reference);
    if (!kase) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    const requestId = typeof body.requestId === 'string' && UUID.test(body.requestId) ? body.requestId : randomUUID();
    const values = { ...body, requestId };
    const errors: FieldError[] = [];
    const items = asArray(body.items);
    if (!items.length) errors.push({ field: 'items', message: 'Choose at least one thing you need' });
    const due = readDateInput(body, 'dueDate', 'The date it is due');
    if (!due.ok) errors.push(due.error);
    if (errors.length) return showForm(reply, 422, kase, values, errors);
    const outcome = await requests.ask(reference, { items, otherDescription: text('otherDescription'), details: text('details'), dueDate: due.ok ? due.date : '' }, { actor: request.actor!, requestId, idempotencyKey: `web:${requestId}`, idempotencyScope: request.actor!.id });
    if (!outcome.ok) {
      if (outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
      const fieldErrorsOf = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'items', message: outcome.message }];
      return showForm(reply, failureStatus(outcome), kase, values, fieldErrorsOf.map((e) => (e.field === 'dueDate' ? { ...e, field: 'dueDate' } : e)));
    }
    const addressedTo = await requests.addresseeFor(kase);
    return reply.confirmation(CONFIRMATIONS.requested(addressedTo.kind === 'officer' ? addressedTo.officerName : `the officers at ${portName(addressedTo.portCode)}`)).redirect(`/cases/${kase.reference}#information-requests`, 303);
  });

  app.post('/information-requests/:id/withdraw', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await requests.get(id) : null;
    if (!found) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await requests.withdraw({ requestId: id, reason: typeof body.reason === 'string' ? body.reason : undefined }, { actor: request.actor!, expectedVersion: versionOf(body.version) });
    if (!outcome.ok) {
      return reply.code(failureStatus(outcome)).page('information-requests/views/refused.njk', { pageTitle: 'The request was not withdrawn', message: outcome.message, backLink: `/cases/${found.caseReference}#information-requests` });
    }
    return reply.confirmation(CONFIRMATIONS.withdrawn()).redirect(`/cases/${found.caseReference}#information-requests`, 303);
  });

  app.get('/requests', { config: { access: { roles: LIST_ROLES } } }, async (request, reply) => {
    const actor = request.actor!;
    const officer = isReferrer(actor);
    const rows = officer ? await requests.forOfficerOf(actor) : await requests.sentBy(actor);
    return reply.page('information-requests/views/list.njk', {
      pageTitle: officer ? 'Requests for information to answer' : 'Requests for information sent',
      officer,
      rows,
    });
  });

  const showRequest = async (reply: FastifyReply, actor: Actor, found: InformationRequestView, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const { errorList, fieldErrors } = formErrors(errors, { text: 'text', files: 'files' });
    return reply.code(status).page('information-requests/views/request.njk', {
      pageTitle: `Request for information: case ${found.caseReference}`,
      r: found,
      canAnswer: mayAnswer(actor, found),
      canSeeCase: isCaseReader(actor),
      errorList,
      fieldErrors,
      values,
      backLink: '/requests',
    });
  };

  app.get('/requests/:id', { config: { access: { roles: READERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await requests.get(id) : null;
    if (!found || !maySee(request.actor!, found)) return notFound(reply);
    return showRequest(reply, request.actor!, found);
  });

  app.post('/requests/:id/answer', { config: { access: { roles: REFERRERS }, multipart: LIMITS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await requests.get(id) : null;
    if (!found || !maySee(request.actor!, found)) return notFound(reply);
    const form = await readMultipartForm(request, LIMITS);
    if (!form.ok) return showRequest(reply, request.actor!, found, 422, form.errors.map((e) => ({ ...e, field: 'files' })), form.fields);
    const text = typeof form.fields.text === 'string' ? form.fields.text : undefined;
    const uploads = form.files.filter((f) => f.bytes.length > 0 || f.filename).map((f) => ({ bytes: f.bytes, filename: f.filename, mimetype: f.mimetype }));
    const outcome = await requests.answer(id, text, uploads, { actor: request.actor!, expectedVersion: versionOf(form.fields.version) });
    if (!outcome.ok) {
      if (outcome.kind === 'forbidden') return sendForbidden(request, reply, outcome.message);
      const errors = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'text', message: outcome.message }];
      return showRequest(reply, request.actor!, found, failureStatus(outcome), errors, form.fields);
    }
    return reply.confirmation(CONFIRMATIONS.answered(found.caseReference)).redirect(`/requests/${id}`, 303);
  });

  const serve = (thumbnail: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { hash } = request.params as { hash: string };
    const record = HASH.test(hash) ? await requests.fileByHash(hash) : null;
    if (!record || (thumbnail ? record.thumbnailHash !== hash : record.fileHash !== hash)) return notFound(reply);
    const owner = await requests.get(record.requestId);
    if (!owner || !maySee(request.actor!, owner)) return notFound(reply);
    const bytes = await requests.readFile(hash);
    if (!bytes) return notFound(reply);
    request.log.info({ audit: 'information-request-file-read', hash, requestId: record.requestId, actorId: request.actor?.id }, 'information request file read');
    reply.header('x-content-type-options', 'nosniff');
    if (thumbnail) return reply.type('image/jpeg').send(bytes);
    const safeName = record.originalName.replace(/[^\w.\- ]+/g, '_');
    return reply.type(record.mediaType).header('content-disposition', `attachment; filename="${safeName}"`).send(bytes);
  };
  app.get('/information-requests/files/:hash', { config: { access: { roles: READERS } } }, serve(false));
  app.get('/information-requests/files/:hash/thumbnail', { config: { access: { roles: READERS } } }, serve(true));

  const apiView = (r: InformationRequestView) => ({
    id: r.id,
    caseReference: r.caseReference,
    items: r.items,
    otherDescription: r.otherDescription,
    details: r.details,
    dueDate: r.dueDate,
    addressedTo: r.addressedToId ? { kind: 'officer', officerId: r.addressedToId, officerName: r.addressedToName } : { kind: 'port', portCode: r.portCode },
    status: r.status,
    standing: r.standingWords,
    overdue: r.overdue,
    requestedBy: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    version: r.version,
    answers: r.answers.map((a) => ({ text: a.text, answeredBy: a.answeredByName, answeredAt: a.answeredAt.toISOString(), answeredOn: a.answeredOn, daysLate: a.daysLate, files: a.files })),
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/cases/:reference/information-requests',
    tag: 'Cases',
    summary: 'The requests for information made on a case, with their answers and lateness',
    access: { roles: CASE_READERS },
    responses: { 200: { description: 'The requests, newest first' }, 404: { description: 'No such case' } },
    handler: async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const kase = await requests.caseByReference(reference);
      if (!kase) return sendProblem(reply, { status: 404, title: 'Case not found' });
      return { requests: (await requests.forCase(kase.id)).map(apiView) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/cases/:reference/information-requests',
    tag: 'Cases',
    summary: 'Ask the officer who referred the case (or, with none recorded, the case’s port) for named items by a due date',
    access: { roles: CASEWORKERS },
    body: informationRequestBody,
    responses: {
      201: { description: 'Requested', schema: z.object({ requestId: z.string() }) },
      200: { description: 'A repeat of an earlier request' },
      404: { description: 'No such case' },
      422: { description: 'Refused: the problems, by field' },
    },
    handler: async (request, reply, body) => {
      const { reference } = request.params as { reference: string };
      const key = clientKey(request);
      const outcome = await requests.ask(reference, body, { actor: request.actor!, ...key, requestId: idFromKey(key.idempotencyScope, key.idempotencyKey) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });
}
