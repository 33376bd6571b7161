import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, readDateInput } from '../../platform/http/forms.js';
import type { CommandOutcome, FieldError } from '../../platform/events/command.js';
import { LANGUAGES, languageName } from '../../platform/i18n/languages.js';
import { ukLocalToInstant } from '../../domain/reference/uk-date.js';
import { QUESTION_CHANNELS } from '../../domain/questions/events.js';
import { ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH } from '../../domain/questions/decisions.js';
import { CASEWORKERS } from '../identity/roles.js';
import type { QuestionFilter, QuestionsService, QuestionView } from './service.js';
import { staffProblem, standingWords } from './wording.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STATUSES = ['open', 'answered', 'closed', 'all'] as const;

const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
/** One value of a query parameter: repeated or missing is undefined. */
const one = (value: unknown) => (typeof value === 'string' ? value : undefined);

function failureStatus(outcome: CommandOutcome<unknown> & { ok: false }) {
  return outcome.kind === 'conflict' ? 409 : outcome.kind === 'not-found' ? 404 : outcome.kind === 'forbidden' ? 403 : 422;
}
function errorsOf(outcome: CommandOutcome<unknown> & { ok: false }, fallbackField: string): FieldError[] {
  const list = 'errors' in outcome && outcome.errors?.length ? outcome.errors : [{ field: fallbackField, message: outcome.message }];
  return list.map((e) => ({ field: e.field, message: staffProblem(e.message) }));
}

export const languageChoicesFor = (selected: string) => LANGUAGES.map((code) => ({ value: code, text: `${languageName(code)}${code === 'en' ? '' : ` (${languageName(code, code)})`}`, selected: code === selected }));
const withWords = (q: QuestionView) => ({ ...q, standingWords: standingWords(q.standing), languageName: languageName(q.language as 'en'), answerLanguageName: q.answerLanguage ? languageName(q.answerLanguage as 'en') : null });

/** The staff pages of the questions queue (see README). */
export function questionsRoutes(app: FastifyInstance, deps: { questions: QuestionsService }) {
  const { questions } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });

  // The manager's dashboard (casework's /dashboard) shows the share answered within the service level:
  // its template includes this module's partial; the figures go in through reply.locals.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/dashboard' || !request.actor) return;
    const share = await questions.serviceLevelShare();
    const withLocals = reply as unknown as { locals?: Record<string, unknown> | null };
    withLocals.locals = { ...(withLocals.locals ?? {}), questionsServiceLevel: share };
  });

  app.get('/questions', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const status = (STATUSES as readonly string[]).includes(one(query.status) ?? '') ? (one(query.status) as QuestionFilter['status']) : 'open';
    const channel = ([...QUESTION_CHANNELS, 'all'] as readonly string[]).includes(one(query.channel) ?? '') ? (one(query.channel) as QuestionFilter['channel']) : 'all';
    const rows = (await questions.queue({ status, channel })).map(withWords);
    return reply.page('questions/views/queue.njk', {
      pageTitle: 'Questions',
      rows,
      status,
      channel,
      share: await questions.serviceLevelShare(),
      serviceLevel: await questions.serviceLevel(),
      statusChoices: STATUSES.map((s) => ({ value: s, text: { open: 'Open', answered: 'Answered', closed: 'Closed', all: 'All' }[s], selected: s === status })),
      channelChoices: [{ value: 'all', text: 'All channels' }, { value: 'portal', text: 'Online' }, { value: 'email', text: 'Email' }, { value: 'phone', text: 'Phone' }].map((c) => ({ ...c, selected: c.value === channel })),
    });
  });

  const showNew = async (reply: FastifyReply, status: number, values: Record<string, unknown>, errors: FieldError[]) => {
    const { errorList, fieldErrors } = formErrors(errors, { askedOn: 'askedOn-day', channel: 'channel' });
    return reply.code(status).page('questions/views/new.njk', {
      pageTitle: 'Log a question received by email or phone',
      values,
      errorList,
      fieldErrors,
      maxLength: QUESTION_MAX_LENGTH,
      languageChoices: languageChoicesFor(typeof values.language === 'string' ? values.language : 'en'),
      serviceLevel: await questions.serviceLevel(),
      backLink: '/questions',
    });
  };

  app.get('/questions/new', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const [year, month, day] = questions.today().split('-');
    return showNew(reply, 200, { questionId: randomUUID(), caseReference: one(query.case) ?? '', 'askedOn-day': String(Number(day)), 'askedOn-month': String(Number(month)), 'askedOn-year': year, language: 'en' }, []);
  });

  app.post('/questions', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const questionId = UUID.test(str(body, 'questionId')) ? str(body, 'questionId') : randomUUID();
    const values = { ...body, questionId };
    const errors: FieldError[] = [];
    const channel = str(body, 'channel');
    if (channel !== 'email' && channel !== 'phone') errors.push({ field: 'channel', message: 'Select how the question was received' });
    const language = str(body, 'language');
    if (!(LANGUAGES as readonly string[]).includes(language)) errors.push({ field: 'language', message: 'Select the language the question is written in' });
    const asked = readDateInput(body, 'askedOn', 'The date it was received');
    if (!asked.ok) errors.push(asked.error);
    if (errors.length) return showNew(reply, 422, values, errors);
    // The day it was received: its time is now when it is today, else the start of the working day (09:00 UK).
    const askedOn = asked.ok ? asked.date : '';
    const askedAt = askedOn === questions.today() ? undefined : new Date(ukLocalToInstant(askedOn, '09:00') ?? Date.now());
    const outcome = await questions.log(
      { channel: channel as 'email' | 'phone', askedAt, askerName: str(body, 'askerName'), email: str(body, 'email') || null, phone: str(body, 'phone') || null, caseReference: str(body, 'caseReference') || null, language, text: str(body, 'text') },
      { actor: request.actor!, questionId, idempotencyKey: `web:${questionId}`, idempotencyScope: request.actor!.id },
    );
    if (!outcome.ok) return showNew(reply, failureStatus(outcome), values, errorsOf(outcome, 'text'));
    return reply.confirmation(`Question logged: to be answered by ${formatUk(outcome.value.dueBy)}`).redirect(`/questions/${outcome.value.questionId}`, 303);
  });

  const showQuestion = async (reply: FastifyReply, found: QuestionView, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const { errorList, fieldErrors } = formErrors(errors);
    return reply.code(status).page('questions/views/question.njk', {
      pageTitle: `Question from ${found.askerName}`,
      q: withWords(found),
      errorList,
      fieldErrors,
      values,
      maxLength: ANSWER_MAX_LENGTH,
      languageChoices: languageChoicesFor(typeof values.language === 'string' ? values.language : found.language),
      backLink: '/questions',
    });
  };

  app.get('/questions/:id', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await questions.get(id) : null;
    return found ? showQuestion(reply, found) : notFound(reply);
  });

  app.post('/questions/:id/assign', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await questions.get(id) : null;
    if (!found) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await questions.assign({ questionId: id, assigneeId: request.actor!.id, assigneeName: request.actor!.name }, { actor: request.actor!, expectedVersion: versionOf(body.version) });
    if (!outcome.ok) return showQuestion(reply, found, failureStatus(outcome), errorsOf(outcome, 'answer'));
    return reply.confirmation('The question is assigned to you').redirect(`/questions/${id}`, 303);
  });

  app.post('/questions/:id/answer', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await questions.get(id) : null;
    if (!found) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const language = str(body, 'language');
    if (!(LANGUAGES as readonly string[]).includes(language)) return showQuestion(reply, found, 422, [{ field: 'language', message: 'Select the language the answer is written in' }], body);
    const outcome = await questions.answer({ questionId: id, text: str(body, 'answer'), language, note: str(body, 'note') || null }, { actor: request.actor!, expectedVersion: versionOf(body.version) });
    if (!outcome.ok) return showQuestion(reply, failureStatus(outcome) === 409 ? found : found, failureStatus(outcome), errorsOf(outcome, 'answer'), body);
    return reply.confirmation(outcome.value.emailTo ? `Answer sent to ${outcome.value.emailTo}` : 'Answer recorded').redirect(`/questions/${id}`, 303);
  });

  app.post('/questions/:id/close', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await questions.get(id) : null;
    if (!found) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const outcome = await questions.close({ questionId: id, reason: str(body, 'reason') }, { actor: request.actor!, expectedVersion: versionOf(body.version) });
    if (!outcome.ok) return showQuestion(reply, found, failureStatus(outcome), errorsOf(outcome, 'reason'), body);
    return reply.confirmation('Question closed').redirect(`/questions/${id}`, 303);
  });
}

/** "4 December 2026". */
export function formatUk(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
