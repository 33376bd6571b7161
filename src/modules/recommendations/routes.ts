import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { dateInputValues, formErrors, readDateInput } from '../../platform/http/forms.js';
import type { CommandOutcome, FieldError } from '../../platform/events/command.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { formatLongDate } from '../../domain/clock/calendar-date.js';
import { RECOMMENDATION_STATUSES } from '../../domain/recommendations/decisions.js';
import { RECOMMENDATION_EVENT, RESPONSES } from '../../domain/recommendations/events.js';
import { spreadsheetSafe } from '../vehicle-action-list/val-csv.js';
import { REGISTER_EDITORS, REGISTER_READERS } from './commands.js';
import { FIGURE_KEYS, isFigureKey } from './figures.js';
import type { RecommendationPage, RecommendationsService, RegisterEntry, RegisterFilters } from './service.js';

/*
 * The register's pages (README.md): the list with its filters and the owners' views (overdue,
 * unverified), the CSV export, a recommendation's page with its history, and one form per step
 * (owner and due date, an action, evidence, the figure, closing, the "still embedded?" check).
 * Managers keep it; analysts read it.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const words = (key: string, params?: Record<string, string | number>) => t('en', key as MessageKey, params);
/** A refusal or field problem in words: a message id of this module, or (zod's own) as it is. */
const problemWords = (message: string) => (message.startsWith('recommendations.') ? words(message) : message);
const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const one = (value: unknown, allowed: readonly string[]) => (typeof value === 'string' && allowed.includes(value) ? value : undefined);

export const responseName = (response: string) => words(`recommendations.response.${response}`);
export const statusName = (status: string) => words(`recommendations.status.${status}`);
export const figureName = (key: string) => (isFigureKey(key) ? words(`recommendations.figure.${key}`) : key);

const FORMS = ['owner', 'action', 'evidence', 'figure', 'close', 'check'] as const;
type FormKind = (typeof FORMS)[number];

/** The list's filters from the query string; anything unknown is ignored (never an error). */
function filtersOf(query: Record<string, unknown>, inspections: readonly string[]): RegisterFilters {
  const owner = typeof query.owner === 'string' && (query.owner === 'me' || query.owner === 'none' || /^[\w-]{1,80}$/.test(query.owner)) ? query.owner : undefined;
  return {
    inspection: one(query.inspection, inspections),
    response: one(query.response, RESPONSES),
    status: one(query.status, RECOMMENDATION_STATUSES),
    owner,
    view: one(query.view, ['overdue', 'unverified']),
  };
}

/** The history's entries in words, newest first. */
function historyWords(page: RecommendationPage) {
  const actionText = new Map(page.actions.map((a) => [a.id, a.description]));
  return page.history
    .map((e) => {
      const p = e.payload as Record<string, unknown>;
      const s = (name: string) => String(p[name] ?? '');
      const date = (name: string) => (typeof p[name] === 'string' ? formatLongDate(p[name] as string) : '');
      let text: string;
      switch (e.type) {
        case RECOMMENDATION_EVENT.RecommendationRecorded:
          text = words('recommendations.history.recorded');
          break;
        case RECOMMENDATION_EVENT.RecommendationOwnerAssigned:
          text = words('recommendations.history.owner', { name: s('ownerName'), date: date('dueDate') });
          break;
        case RECOMMENDATION_EVENT.RecommendationActionAdded:
          text = words('recommendations.history.actionAdded', { description: s('description'), date: date('dueDate') });
          break;
        case RECOMMENDATION_EVENT.RecommendationActionCompleted:
          text = words('recommendations.history.actionDone', { description: actionText.get(s('actionId')) ?? '' });
          break;
        case RECOMMENDATION_EVENT.RecommendationEvidenceRecorded:
          text = words('recommendations.history.evidence', { description: s('description') });
          break;
        case RECOMMENDATION_EVENT.RecommendationFigureLinked:
          text = p.figure ? words('recommendations.history.figure', { name: figureName(s('figure')) }) : words('recommendations.history.figureRemoved');
          break;
        case RECOMMENDATION_EVENT.RecommendationClosed:
          text = words('recommendations.history.closed', { date: date('embeddedCheckDue') }) + (p.summary ? ` ${s('summary')}` : '');
          break;
        case RECOMMENDATION_EVENT.RecommendationEmbeddedCheckRecorded:
          text = words(p.embedded ? 'recommendations.history.embedded' : 'recommendations.history.notEmbedded') + (p.notes ? ` ${s('notes')}` : '');
          break;
        default:
          text = e.type;
      }
      return { text, actorName: e.actorName, occurredAt: e.occurredAt };
    })
    .reverse();
}

/** The register as a CSV file: UTF-8 with a byte-order mark, CRLF, and no cell a spreadsheet would run as a formula (the VAL's `spreadsheetSafe`). */
export function registerCsv(rows: readonly RegisterEntry[]): string {
  const header = ['inspection', 'year', 'number', 'text', 'response', 'responseWording', 'paragraph', 'owner', 'due', 'status', 'daysOverdue', 'overdueActions', 'evidence', 'closedOn', 'checkDue', 'checkedOn', 'embedded', 'figure'].map((k) => words(`recommendations.csv.${k}`));
  const body = rows.map((r) =>
    [
      r.inspectionTitle,
      String(r.inspectionYear),
      r.number,
      r.text,
      responseName(r.response),
      r.responseWording ?? '',
      r.paragraph ?? '',
      r.ownerName ?? '',
      r.dueDate ?? '',
      statusName(r.status),
      String(r.daysOverdue),
      String(r.overdueActions),
      String(r.evidenceCount),
      r.closedOn ?? '',
      r.embeddedCheckDue ?? '',
      r.checkedOn ?? '',
      r.embedded === null ? '' : words(r.embedded ? 'recommendations.yes' : 'recommendations.no'),
      r.figure ? figureName(r.figure) : '',
    ].map(spreadsheetSafe),
  );
  return stringify([header.map(spreadsheetSafe), ...body], { bom: true, record_delimiter: '\r\n' });
}

export function recommendationsRoutes(app: FastifyInstance, deps: { recommendations: RecommendationsService }) {
  const { recommendations: register } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
  const mayEdit = (request: FastifyRequest) => request.actor!.roles.some((role) => (REGISTER_EDITORS as readonly string[]).includes(role));
  const editors = { config: { access: { roles: REGISTER_EDITORS } } };
  const readers = { config: { access: { roles: REGISTER_READERS } } };

  const listed = async (request: FastifyRequest) => {
    const inspections = await register.inspections();
    const filters = filtersOf((request.query ?? {}) as Record<string, unknown>, inspections.map((i) => i.id));
    return { inspections, filters, rows: await register.list(filters, request.actor!) };
  };

  app.get('/recommendations', readers, async (request, reply) => {
    const { inspections, filters, rows } = await listed(request);
    const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
    const owners = await register.owners();
    return reply.page('recommendations/views/list.njk', {
      pageTitle: words(filters.view === 'overdue' ? 'recommendations.list.overdueTitle' : filters.view === 'unverified' ? 'recommendations.list.unverifiedTitle' : 'recommendations.list.title'),
      filters,
      rows: rows.map((r) => ({ ...r, responseName: responseName(r.response), statusName: statusName(r.status) })),
      inspectionChoices: [{ value: '', text: words('recommendations.filter.any') }, ...inspections.map((i) => ({ value: i.id, text: `${i.title} (${i.year})`, selected: filters.inspection === i.id }))],
      responseChoices: [{ value: '', text: words('recommendations.filter.any') }, ...RESPONSES.map((r) => ({ value: r, text: responseName(r), selected: filters.response === r }))],
      statusChoices: [{ value: '', text: words('recommendations.filter.any') }, ...RECOMMENDATION_STATUSES.map((s) => ({ value: s, text: statusName(s), selected: filters.status === s }))],
      ownerChoices: [
        { value: '', text: words('recommendations.filter.anyone') },
        { value: 'me', text: words('recommendations.filter.me'), selected: filters.owner === 'me' },
        { value: 'none', text: words('recommendations.filter.noOwner'), selected: filters.owner === 'none' },
        ...owners.map((o) => ({ value: o.id, text: o.name, selected: filters.owner === o.id })),
      ],
      viewChoices: [
        { value: '', text: words('recommendations.filter.viewAll') },
        { value: 'overdue', text: words('recommendations.filter.viewOverdue'), selected: filters.view === 'overdue' },
        { value: 'unverified', text: words('recommendations.filter.viewUnverified'), selected: filters.view === 'unverified' },
      ],
      exportHref: `/recommendations/export.csv${query ? `?${query}` : ''}`,
    });
  });

  app.get('/recommendations/export.csv', readers, async (request, reply) => {
    const { rows } = await listed(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="recommendations-${register.today()}.csv"`)
      .send(registerCsv(rows));
  });

  const load = async (request: FastifyRequest) => {
    const { id } = request.params as { id: string };
    return UUID.test(id) ? register.get(id) : null;
  };

  app.get('/recommendations/:id', readers, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    return reply.page('recommendations/views/recommendation.njk', {
      pageTitle: words('recommendations.page.title', { number: page.number, inspection: page.inspectionTitle }),
      r: page,
      responseName: responseName(page.response),
      statusName: statusName(page.status),
      figureName: page.figure ? figureName(page.figure) : null,
      history: historyWords(page),
      canEdit: mayEdit(request),
      worked: page.status === 'open' || page.status === 'reopened',
    });
  });

  /** A form page: the recommendation, the form's fields, errors beside them. */
  const showForm = async (request: FastifyRequest, reply: FastifyReply, page: RecommendationPage, form: FormKind, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const { errorList, fieldErrors } = formErrors(
      errors.map((e) => ({ field: e.field, message: problemWords(e.message) })),
      { dueDate: 'dueDate-day', embeddedCheckDue: 'embeddedCheckDue-day', ownerId: 'ownerId', embedded: 'embedded', evidence: 'evidence-needed', figure: 'figure' },
    );
    const owners = form === 'owner' ? await register.owners() : [];
    const chosenOwner = str(values, 'ownerId') || page.ownerId || '';
    const chosenFigure = 'figure' in values ? str(values, 'figure') : (page.figure ?? '');
    return reply.code(status).page('recommendations/views/form.njk', {
      pageTitle: words(`recommendations.form.${form}.title`),
      form,
      r: page,
      values: { version: String(page.version), ...values },
      errorList,
      fieldErrors,
      ownerChoices: [{ value: '', text: words('recommendations.form.owner.choose') }, ...owners.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosenOwner }))],
      figureChoices: [
        ...FIGURE_KEYS.map((key) => ({ value: key, text: figureName(key), checked: chosenFigure === key })),
        { divider: words('recommendations.or') },
        { value: 'none', text: words('recommendations.form.figure.none'), checked: chosenFigure === '' || chosenFigure === 'none' },
      ],
      embeddedChoices: [
        { value: 'yes', text: words('recommendations.yes'), checked: str(values, 'embedded') === 'yes' },
        { value: 'no', text: words('recommendations.no'), checked: str(values, 'embedded') === 'no' },
      ],
      checkNotDue: form === 'check' && page.status === 'closed' && !page.checkDue,
      backLink: `/recommendations/${page.id}`,
    });
  };

  /** What a step answers: a banner and back to the recommendation; errors beside their fields; a stale version a 409. */
  const answer = async (request: FastifyRequest, reply: FastifyReply, page: RecommendationPage, form: FormKind, outcome: CommandOutcome<unknown>, values: Record<string, unknown>, fallbackField: string) => {
    if (outcome.ok) return reply.confirmation(words(`recommendations.form.${form}.done`, { number: page.number })).redirect(`/recommendations/${page.id}`, 303);
    if (outcome.kind === 'not-found') return notFound(reply);
    if (outcome.kind === 'conflict') {
      return reply.code(409).page('recommendations/views/refused.njk', { pageTitle: words('recommendations.refused.title'), message: words('recommendations.refused.stale'), backLink: `/recommendations/${page.id}` });
    }
    if (outcome.kind === 'forbidden') return reply.code(403).page('recommendations/views/refused.njk', { pageTitle: words('recommendations.refused.title'), message: outcome.message, backLink: `/recommendations/${page.id}` });
    const errors = outcome.errors.length ? outcome.errors : [{ field: fallbackField, message: outcome.message }];
    return showForm(request, reply, page, form, 422, errors, values);
  };

  const formRoute = (form: FormKind, path: string) => {
    app.get(`/recommendations/:id/${path}`, editors, async (request, reply) => {
      const page = await load(request);
      if (!page) return notFound(reply);
      const initial: Record<string, unknown> =
        form === 'owner' ? { ownerId: page.ownerId ?? '', ...dateInputValues('dueDate', page.dueDate) } : form === 'action' ? { actionId: randomUUID() } : form === 'evidence' ? { evidenceId: randomUUID() } : {};
      return showForm(request, reply, page, form, 200, [], initial);
    });
  };
  formRoute('owner', 'owner');
  formRoute('action', 'actions/new');
  formRoute('evidence', 'evidence/new');
  formRoute('figure', 'figure');
  formRoute('close', 'close');
  formRoute('check', 'check');

  const posted = (request: FastifyRequest) => (request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {});
  const context = (request: FastifyRequest, body: Record<string, unknown>) => ({ actor: request.actor!, expectedVersion: versionOf(body.version) ?? -1 });
  const idOr = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : randomUUID());

  app.post('/recommendations/:id/owner', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    const errors: FieldError[] = [];
    if (!str(body, 'ownerId')) errors.push({ field: 'ownerId', message: 'recommendations.error.ownerChoose' });
    const due = readDateInput(body, 'dueDate', words('recommendations.form.owner.dueLabel'));
    if (!due.ok) errors.push(due.error);
    if (errors.length || !due.ok) return showForm(request, reply, page, 'owner', 422, errors, body);
    return answer(request, reply, page, 'owner', await register.assignOwner(page.id, { ownerId: str(body, 'ownerId'), dueDate: due.date }, context(request, body)), body, 'ownerId');
  });

  app.post('/recommendations/:id/actions', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    const errors: FieldError[] = [];
    if (!str(body, 'description').trim()) errors.push({ field: 'description', message: 'recommendations.error.actionDescription' });
    const due = readDateInput(body, 'dueDate', words('recommendations.form.action.dueLabel'));
    if (!due.ok) errors.push(due.error);
    if (errors.length || !due.ok) return showForm(request, reply, page, 'action', 422, errors, body);
    const outcome = await register.addAction(page.id, { actionId: idOr(body.actionId), description: str(body, 'description'), dueDate: due.date }, context(request, body));
    return answer(request, reply, page, 'action', outcome, body, 'description');
  });

  app.post('/recommendations/:id/actions/:actionId/complete', editors, async (request, reply) => {
    const page = await load(request);
    const { actionId } = request.params as { actionId: string };
    if (!page || !UUID.test(actionId)) return notFound(reply);
    const body = posted(request);
    const outcome = await register.completeAction(page.id, actionId, context(request, body));
    if (outcome.ok) return reply.confirmation(words('recommendations.form.actionDone.done')).redirect(`/recommendations/${page.id}#actions`, 303);
    if (outcome.kind === 'not-found') return notFound(reply);
    const status = outcome.kind === 'conflict' ? 409 : outcome.kind === 'forbidden' ? 403 : 422;
    return reply.code(status).page('recommendations/views/refused.njk', { pageTitle: words('recommendations.refused.title'), message: outcome.kind === 'conflict' ? words('recommendations.refused.stale') : problemWords(outcome.message), backLink: `/recommendations/${page.id}` });
  });

  app.post('/recommendations/:id/evidence', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    if (!str(body, 'description').trim()) return showForm(request, reply, page, 'evidence', 422, [{ field: 'description', message: 'recommendations.error.evidenceDescription' }], body);
    const outcome = await register.recordEvidence(page.id, { evidenceId: idOr(body.evidenceId), description: str(body, 'description'), link: str(body, 'link') || null }, context(request, body));
    return answer(request, reply, page, 'evidence', outcome, body, 'description');
  });

  app.post('/recommendations/:id/figure', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    const figure = str(body, 'figure');
    if (figure !== 'none' && !isFigureKey(figure)) return showForm(request, reply, page, 'figure', 422, [{ field: 'figure', message: 'recommendations.error.figureUnknown' }], body);
    return answer(request, reply, page, 'figure', await register.linkFigure(page.id, figure === 'none' ? null : figure, context(request, body)), body, 'figure');
  });

  app.post('/recommendations/:id/close', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    const due = readDateInput(body, 'embeddedCheckDue', words('recommendations.form.close.checkLabel'));
    // A date missing or not real: said beside the date, with the missing evidence (the decision's rule) beside the evidence too.
    if (!due.ok) {
      const errors: FieldError[] = page.evidenceCount === 0 ? [{ field: 'evidence', message: 'recommendations.error.closeNeedsEvidence' }, due.error] : [due.error];
      return showForm(request, reply, page, 'close', 422, errors, body);
    }
    const summary = str(body, 'summary');
    return answer(request, reply, page, 'close', await register.close(page.id, { ...(summary ? { summary } : {}), embeddedCheckDue: due.date }, context(request, body)), body, 'embeddedCheckDue');
  });

  app.post('/recommendations/:id/check', editors, async (request, reply) => {
    const page = await load(request);
    if (!page) return notFound(reply);
    const body = posted(request);
    const embedded = str(body, 'embedded');
    if (embedded !== 'yes' && embedded !== 'no') return showForm(request, reply, page, 'check', 422, [{ field: 'embedded', message: 'recommendations.error.embeddedChoose' }], body);
    const notes = str(body, 'notes');
    return answer(request, reply, page, 'check', await register.recordCheck(page.id, { embedded: embedded === 'yes', ...(notes ? { notes } : {}) }, context(request, body)), body, 'embedded');
  });
}
