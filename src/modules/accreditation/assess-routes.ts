import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { isContentHash, type FileStore } from '../../platform/files/file-store.js';
import { asArray, formErrors } from '../../platform/http/forms.js';
import type { CommandOutcome, FieldError } from '../../platform/events/command.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { ACCREDITATION_AREAS, AREA_OUTCOMES, isAccreditationArea, type AccreditationArea, type AreaOutcome } from '../../domain/accreditation/areas.js';
import { CASEWORKERS } from '../identity/roles.js';
import { refusalWords } from './wording.js';
import { QUEUE_STATUSES, type AssessService, type QueueStatus } from './assess-service.js';

/*
 * The assessor's pages (issue #16 item 2; README-assess.md): the queue, an application with its
 * checklist and actions, the decided list behind the dashboard's figures, the letters' PDFs.
 */

const REFERENCE = /^CPAS-\d{4}-\d{5,}$/;
const LETTER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const words = (key: string, params?: Record<string, string | number>) => t('en', key as MessageKey, params);
const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A refusal's code in words (the core's wording: `accreditation.<x>` is `accreditation.core.<x>`); anything else as it is. */
export const problemWords = (message: string) => refusalWords('en', message);

function failureStatus(outcome: CommandOutcome<unknown> & { ok: false }) {
  return outcome.kind === 'conflict' ? 409 : outcome.kind === 'not-found' ? 404 : outcome.kind === 'forbidden' ? 403 : 422;
}

export function assessRoutes(app: FastifyInstance, deps: { assess: AssessService; files: FileStore }) {
  const { assess } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });

  // The manager's dashboard (casework's /dashboard) includes this module's partial; its figures go in through reply.locals.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/dashboard' || !request.actor) return;
    const figures = await assess.figures();
    const withLocals = reply as unknown as { locals?: Record<string, unknown> | null };
    withLocals.locals = { ...(withLocals.locals ?? {}), accreditationFigures: figures };
  });

  app.get('/accreditation/applications', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asked = one(query.status) ?? 'waiting';
    const status: QueueStatus = (QUEUE_STATUSES as readonly string[]).includes(asked) ? (asked as QueueStatus) : 'waiting';
    return reply.page('accreditation/views/assess/queue.njk', {
      pageTitle: words('accreditation.assess.queue.title'),
      rows: await assess.queue(status),
      decisionWithinDays: await assess.decisionWithinDays(),
      statusChoices: QUEUE_STATUSES.map((s) => ({ value: s, text: s === 'waiting' ? words('accreditation.assess.queue.allWaiting') : words(`accreditation.core.status.${s}`), selected: s === status })),
    });
  });

  app.get('/accreditation/applications/decided', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const period = one(query.period) === 'month' ? 'month' : 'year';
    const within = one(query.within) === 'yes';
    const list = await assess.decided(period, within);
    return reply.page('accreditation/views/assess/decided.njk', { pageTitle: words('accreditation.assess.decided.title'), ...list, within, decisionWithinDays: await assess.decisionWithinDays() });
  });

  const showApplication = async (request: FastifyRequest, reply: FastifyReply, reference: string, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const view = await assess.application(reference, request.actor!);
    if (!view) return notFound(reply);
    const { errorList, fieldErrors } = formErrors(errors, { areas: 'areas', outcome: `outcome-${str(values, 'area')}`, notes: `notes-${str(values, 'area')}` });
    return reply.code(status).page('accreditation/views/assess/application.njk', {
      pageTitle: `${view.a.companyName} (${view.a.reference})`,
      ...view,
      errorList,
      fieldErrors,
      values,
      requestAreaChoices: ACCREDITATION_AREAS.map((area) => ({ value: area, text: words(`accreditation.core.area.${area}`), checked: asArray(values.areas).includes(area) || (!values.areas && view.a.areas.find((x) => x.id === area)?.outcome === 'moreInformation') })),
      backLink: '/accreditation/applications',
    });
  };

  app.get('/accreditation/applications/:reference', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    return REFERENCE.test(reference) ? showApplication(request, reply, reference) : notFound(reply);
  });

  app.get('/accreditation/applications/:reference/letters/:letterId', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference, letterId } = request.params as { reference: string; letterId: string };
    const id = letterId.replace(/\.pdf$/, '');
    const found = REFERENCE.test(reference) && LETTER_ID.test(id) ? await assess.letterPdf(reference, id) : null;
    if (!found) return notFound(reply);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${reference}-${found.row.form}.pdf"`).send(found.bytes);
  });

  app.get('/accreditation/applications/:reference/files/:hash', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference, hash } = request.params as { reference: string; hash: string };
    const allowed = REFERENCE.test(reference) && isContentHash(hash) && (await assess.isFileOf(reference, hash));
    const bytes = allowed ? await deps.files.get(hash) : null;
    if (!bytes) return notFound(reply);
    const type = await fileTypeFromBuffer(bytes);
    return reply
      .type(type?.mime ?? 'application/octet-stream')
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${reference}-${hash.slice(0, 8)}.${type?.ext ?? 'bin'}"`)
      .send(bytes);
  });

  /** Runs one action; a refusal shows the page again with the problem (a stale form: the 409 page). */
  const act = (path: string, run: (reference: string, body: Record<string, unknown>, request: FastifyRequest) => Promise<{ outcome: CommandOutcome<unknown>; done?: string; errors?: FieldError[] }>) => {
    app.post(`/accreditation/applications/:reference/${path}`, { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
      const { reference } = request.params as { reference: string };
      if (!REFERENCE.test(reference)) return notFound(reply);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const result = await run(reference, body, request);
      const { outcome } = result;
      if (result.errors?.length) return showApplication(request, reply, reference, 422, result.errors, body);
      if (!outcome.ok) {
        if (outcome.kind === 'not-found') return notFound(reply);
        if (outcome.kind === 'conflict' || outcome.kind === 'forbidden' || !('errors' in outcome) || !outcome.errors?.length) {
          const message = outcome.kind === 'conflict' ? words('accreditation.assess.refused.stale') : problemWords(outcome.message);
          return reply.code(failureStatus(outcome)).page('accreditation/views/assess/refused.njk', { pageTitle: words('accreditation.assess.refused.title'), message, reference });
        }
        return showApplication(request, reply, reference, failureStatus(outcome), outcome.errors.map((e) => ({ field: e.field, message: problemWords(e.message) })), body);
      }
      return reply.confirmation(result.done ?? '').redirect(`/accreditation/applications/${reference}`, 303);
    });
  };
  const context = (request: FastifyRequest, body: Record<string, unknown>) => ({ actor: request.actor!, expectedVersion: versionOf(body.version) ?? -1 });
  const noOutcome: CommandOutcome<unknown> = { ok: false, kind: 'invalid', message: '', errors: [] };

  act('assess', async (reference, body, request) => {
    const area = str(body, 'area');
    const outcome = str(body, 'outcome');
    const errors: FieldError[] = [];
    if (!isAccreditationArea(area)) errors.push({ field: 'area', message: words('accreditation.assess.error.area') });
    if (!(AREA_OUTCOMES as readonly string[]).includes(outcome)) errors.push({ field: 'outcome', message: words('accreditation.assess.error.outcome') });
    if (errors.length) return { outcome: noOutcome, errors };
    const result = await assess.assessArea(reference, { area: area as AccreditationArea, outcome: outcome as AreaOutcome, notes: str(body, 'notes') }, context(request, body));
    return { outcome: result, done: words('accreditation.assess.done.assessed', { area: words(`accreditation.core.area.${area}`) }) };
  });

  act('request-information', async (reference, body, request) => {
    const areas = asArray(body.areas).filter(isAccreditationArea);
    const message = str(body, 'message').trim();
    const errors: FieldError[] = [];
    if (!areas.length) errors.push({ field: 'areas', message: words('accreditation.assess.error.areas') });
    if (!message) errors.push({ field: 'message', message: words('accreditation.assess.error.message') });
    if (errors.length) return { outcome: noOutcome, errors };
    const result = await assess.requestInformation(reference, { areas, message }, context(request, body));
    return { outcome: result, done: result.ok ? words('accreditation.assess.done.requested', { email: result.value.emailedTo ?? '' }) : '' };
  });

  act('provide-information', async (reference, body, request) => {
    const result = await assess.provideInformation(reference, { text: str(body, 'text') }, context(request, body));
    return { outcome: result, done: words('accreditation.assess.done.provided') };
  });

  act('accept', async (reference, body, request) => {
    const result = await assess.accept(reference, context(request, body));
    return { outcome: result, done: result.ok ? words('accreditation.assess.done.accepted', { email: result.value.emailedTo ?? '' }) : '' };
  });

  act('propose-refusal', async (reference, body, request) => {
    const result = await assess.proposeRefusal(reference, { summary: str(body, 'summary') || null }, context(request, body));
    return { outcome: result, done: words('accreditation.assess.done.proposed') };
  });

  act('approve-refusal', async (reference, body, request) => {
    const result = await assess.approveRefusal(reference, context(request, body));
    return { outcome: result, done: result.ok ? words('accreditation.assess.done.refused', { email: result.value.emailedTo ?? '' }) : '' };
  });

  act('return-refusal', async (reference, body, request) => {
    const result = await assess.returnRefusal(reference, { reason: str(body, 'reason') }, context(request, body));
    return { outcome: result, done: words('accreditation.assess.done.returned') };
  });
}
