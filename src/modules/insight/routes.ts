import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { parseAsOf, parseYear } from './figure.js';
import { annualFigureRecords, annualReport } from './annual/report.js';
import { annualCsv, annualPdf, readableValue, recordsCsv, recordsPageRows, sectionsOf } from './annual/outputs.js';
import { formErrors, readDateInput, singleFields } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { IMPROVEMENT_TITLE_MAX } from '../../domain/insight/improvements.js';
import type { improvementsService } from './improvements.js';
import { IMPROVEMENT_REASON_MAX } from '../../domain/insight/improvements.js';
import { FEEDBACK_THEMES } from '../../domain/questions/events.js';
import type { FeedbackService } from '../feedback/service.js';
import { UNTHEMED_PAGE, unthemedFeedback } from './feedback-themes.js';
import { SATISFACTION_NAMES } from '../feedback/service.js';

/** Who reads the insight reports: the roles that run and scrutinise the scheme. */
export const INSIGHT_READERS = ['manager', 'analyst'] as const;

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);
const key = (text: string) => text as MessageKey;
/** A refusal's message id in the reader's language; a message that is not an id (a schema's words) as it is. */
const words = (language: FastifyRequest['language'], message: string) => {
  try {
    return t(language, key(message));
  } catch {
    return message;
  }
};
const FORMATS = ['html', 'csv', 'pdf', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `/reports/annual` (the page, or its CSV, PDF or JSON with `format=`), `/reports/annual/:year/figures/:name`
 * (the records behind one figure, or their CSV) and `GET /api/v1/reports/annual`. See README.
 */
export function insightRoutes(app: FastifyInstance, deps: { db: Db; clock: { now(): Date }; improvements: ReturnType<typeof improvementsService>; feedback?: Pick<FeedbackService, 'theme'> }) {
  const { db, clock, improvements } = deps;

  /** The year and asOf asked for, or the errors to show (field → message). */
  const reportQuery = (query: Record<string, unknown>, now: Date) => {
    const errors: { field: string; message: string }[] = [];
    const yearText = one(query.year);
    const year = yearText === undefined || yearText === '' ? Number(ukDate(now).slice(0, 4)) : parseYear(yearText);
    if (year === null) errors.push({ field: 'year', message: t('en', key('insight.annual.yearError')) });
    const asOf = parseAsOf(one(query.asOf) ?? (query.asOf === undefined ? undefined : 'invalid'), now);
    if (!asOf.ok) errors.push({ field: 'asOf', message: asOf.message });
    const format = (one(query.format) ?? 'html') as Format;
    if (!FORMATS.includes(format)) errors.push({ field: 'format', message: 'Choose html, csv, pdf or json' });
    return errors.length ? ({ ok: false, errors, yearText: yearText ?? '' } as const) : ({ ok: true, year: year!, asOf: (asOf as { asOf: Date }).asOf, format } as const);
  };

  const refused = (request: FastifyRequest, reply: FastifyReply, errors: { field: string; message: string }[], yearText: string) =>
    reply.code(400).page('insight/views/annual.njk', {
      pageTitle: t(request.language, key('insight.annual.nav')),
      errorList: errors.map((e) => ({ text: e.message, href: `#${e.field === 'asOf' ? 'asOf' : 'year'}` })),
      yearError: errors.find((e) => e.field !== 'asOf')?.message,
      asOfError: errors.find((e) => e.field === 'asOf')?.message,
      asOfValue: one((request.query as Record<string, unknown>).asOf) ?? '',
      yearValue: yearText,
      report: null,
    });

  app.get('/reports/annual', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => {
    const asked = reportQuery(request.query as Record<string, unknown>, clock.now());
    if (!asked.ok) return refused(request, reply, asked.errors, asked.yearText);
    const report = await annualReport(db, asked.year, asked.asOf);
    const file = `annual-report-${report.year}-as-of-${report.asOf.replace(/[:.]/g, '-')}`;
    if (asked.format === 'json') return report;
    if (asked.format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(annualCsv(report, request.language));
    if (asked.format === 'pdf') return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file}.pdf"`).send(await annualPdf(report, request.language));
    const asOfQuery = `year=${report.year}&asOf=${encodeURIComponent(report.asOf)}`;
    return reply.page('insight/views/annual.njk', {
      improvements: report.plannedImprovements,
      mayPlan: request.actor?.roles.includes('manager') ?? false,
      pageTitle: t(request.language, key('insight.annual.title'), { year: report.year }),
      report,
      sections: sectionsOf(report, request.language),
      yearValue: String(report.year),
      downloads: (['csv', 'pdf', 'json'] as const).map((format) => ({ format, href: `/reports/annual?${asOfQuery}&format=${format}` })),
    });
  });

  app.get('/reports/annual/:year/figures/:name', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => {
    const params = request.params as { year: string; name: string };
    const query = request.query as Record<string, unknown>;
    const year = parseYear(params.year);
    const asOf = parseAsOf(one(query.asOf) ?? (query.asOf === undefined ? undefined : 'invalid'), clock.now());
    const list = year !== null && asOf.ok ? await annualFigureRecords(db, year, params.name, asOf.asOf) : null;
    if (!list) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    if (one(query.format) === 'csv') {
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${list.definition.name}-${list.year}.csv"`)
        .send(recordsCsv(list, request.language));
    }
    const figureLabel = t(request.language, key(list.definition.label));
    return reply.page('insight/views/records.njk', {
      pageTitle: t(request.language, key('insight.records.title'), { figure: figureLabel, year: list.year }),
      list,
      figureLabel,
      readable: readableValue(request.language, { value: list.value, unit: list.definition.unit }),
      rows: recordsPageRows(list.definition, list.records),
      back: `/reports/annual?year=${list.year}&asOf=${encodeURIComponent(list.asOf)}`,
      csv: `/reports/annual/${list.year}/figures/${encodeURIComponent(list.definition.name)}?asOf=${encodeURIComponent(list.asOf)}&format=csv`,
    });
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/reports/annual',
    tag: 'Reports',
    summary: 'The annual report on the scheme for a year, as of an instant: each figure with its value, unit and the list of records behind it',
    access: { roles: [...INSIGHT_READERS] },
    query: [
      { name: 'year', description: 'The calendar year, YYYY', required: true },
      { name: 'asOf', description: 'Count what was recorded at or before this instant (ISO 8601 with offset, at least a minute ago); by default a minute ago. The answer records it.', required: false },
    ],
    responses: { 200: { description: 'The report: year, asOf, period and figures ({ name, value, unit, records })' } },
    handler: async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const year = parseYear(one(query.year));
      const asOf = parseAsOf(one(query.asOf) ?? (query.asOf === undefined ? undefined : 'invalid'), clock.now());
      const errors = [
        ...(year === null ? [{ field: 'year', message: 'Give the year as YYYY, from 2000 to 2100' }] : []),
        ...(asOf.ok ? [] : [{ field: 'asOf', message: asOf.message }]),
      ];
      if (errors.length || year === null || !asOf.ok) return sendProblem(reply, { status: 400, title: 'Give the year (and asOf, if any)', errors });
      return annualReport(db, year, asOf.asOf);
    },
  });

  const showImprovementForm = (request: FastifyRequest, reply: FastifyReply, status: number, year: number, values: Record<string, string>, errors: FieldError[]) => {
    const { errorList, fieldErrors } = formErrors(errors, { dueOn: 'dueOn-day' });
    return reply.code(status).page('insight/views/improvement.njk', {
      pageTitle: t(request.language, key('insight.improvement.title')),
      year,
      values,
      errorList,
      fieldErrors,
      titleMax: IMPROVEMENT_TITLE_MAX,
    });
  };

  app.get('/reports/annual/improvements/new', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const year = parseYear(one((request.query as Record<string, unknown>).year)) ?? Number(ukDate(clock.now()).slice(0, 4));
    return showImprovementForm(request, reply, 200, year, {}, []);
  });

  app.post('/reports/annual/improvements', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const body = singleFields(request.body);
    const year = parseYear(body.year) ?? Number(ukDate(clock.now()).slice(0, 4));
    const values = { title: body.title ?? '', owner: body.owner ?? '', 'dueOn-day': body['dueOn-day'] ?? '', 'dueOn-month': body['dueOn-month'] ?? '', 'dueOn-year': body['dueOn-year'] ?? '' };
    const errors: FieldError[] = [];
    const say = (field: string, message: string) => errors.push({ field, message: t(request.language, key(message)) });
    if (!values.title.trim()) say('title', 'insight.improvement.error.title');
    else if (values.title.trim().length > IMPROVEMENT_TITLE_MAX) say('title', 'insight.improvement.error.titleTooLong');
    if (!values.owner.trim()) say('owner', 'insight.improvement.error.owner');
    const due = readDateInput(body, 'dueOn', t(request.language, key('insight.improvement.dueOnLabel')));
    if (!due.ok) errors.push(due.error);
    if (errors.length || !due.ok) return showImprovementForm(request, reply, 422, year, values, errors);
    const outcome = await improvements.plan({ year, title: values.title, owner: values.owner, dueOn: due.date }, { actor: request.actor!, now: clock.now() });
    if (!outcome.ok) {
      const refusals = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'title', message: outcome.message }];
      return showImprovementForm(request, reply, outcome.kind === 'forbidden' ? 403 : 422, year, values, refusals.map((e) => ({ field: e.field, message: words(request.language, e.message) })));
    }
    return reply.confirmation(t(request.language, key('insight.improvement.saved'))).redirect(`/reports/annual?year=${year}#section-improvements`, 303);
  });

  // ---- Changing, completing and withdrawing a planned improvement (manager) ----

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

  const showEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, status: number, values: Record<string, string> | null, errors: FieldError[], version?: number) => {
    const loaded = await improvements.get(id);
    if (!loaded) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const { state } = loaded;
    const [y, m, d] = state.dueOn.split('-');
    const shown = values ?? { title: state.title, owner: state.owner, 'dueOn-day': String(Number(d)), 'dueOn-month': String(Number(m)), 'dueOn-year': y!, reason: '' };
    const { errorList, fieldErrors } = formErrors(errors, { dueOn: 'dueOn-day' });
    return reply.code(status).page('insight/views/improvement-edit.njk', {
      pageTitle: t(request.language, key('insight.improvement.editTitle')),
      improvement: state,
      version: version ?? loaded.version,
      values: shown,
      errorList,
      fieldErrors,
      titleMax: IMPROVEMENT_TITLE_MAX,
      reasonMax: IMPROVEMENT_REASON_MAX,
    });
  };

  /** What a step answers: back to the report with a banner, or the page again with the errors (a stale version: 409). */
  const answered = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    outcome: Awaited<ReturnType<typeof improvements.change>>,
    values: Record<string, string>,
    banner: string,
    fallbackField: string,
    version: number | undefined,
  ) => {
    if (outcome.ok) {
      const year = (await improvements.get(id))?.state.year;
      return reply.confirmation(t(request.language, key(banner))).redirect(`/reports/annual?year=${year}#planned-improvements`, 303);
    }
    if (outcome.kind === 'not-found') return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    if (outcome.kind === 'conflict') return showEdit(request, reply, id, 409, null, [{ field: fallbackField, message: t(request.language, key('insight.improvement.error.stale')) }]);
    const refusals = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: fallbackField, message: outcome.message }];
    return showEdit(request, reply, id, outcome.kind === 'forbidden' ? 403 : 422, values, refusals.map((e) => ({ field: e.field, message: words(request.language, e.message) })), version);
  };

  app.get('/reports/annual/improvements/:id', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    return showEdit(request, reply, id, 200, null, []);
  });

  app.post('/reports/annual/improvements/:id', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const body = singleFields(request.body);
    const version = versionOf(body.version);
    const values = { title: body.title ?? '', owner: body.owner ?? '', 'dueOn-day': body['dueOn-day'] ?? '', 'dueOn-month': body['dueOn-month'] ?? '', 'dueOn-year': body['dueOn-year'] ?? '', reason: '' };
    const due = readDateInput(body, 'dueOn', t(request.language, key('insight.improvement.dueOnLabel')));
    if (version === undefined) return showEdit(request, reply, id, 409, null, [{ field: 'title', message: t(request.language, key('insight.improvement.error.stale')) }]);
    if (!due.ok) {
      const errors: FieldError[] = [];
      if (!values.title.trim()) errors.push({ field: 'title', message: t(request.language, key('insight.improvement.error.title')) });
      if (!values.owner.trim()) errors.push({ field: 'owner', message: t(request.language, key('insight.improvement.error.owner')) });
      errors.push(due.error);
      return showEdit(request, reply, id, 422, values, errors, version);
    }
    const outcome = await improvements.change({ improvementId: id, title: values.title, owner: values.owner, dueOn: due.date }, { actor: request.actor!, now: clock.now(), expectedVersion: version });
    return answered(request, reply, id, outcome, values, 'insight.improvement.changed', 'title', version);
  });

  app.post('/reports/annual/improvements/:id/done', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const version = versionOf(singleFields(request.body).version);
    if (version === undefined) return showEdit(request, reply, id, 409, null, [{ field: 'done', message: t(request.language, key('insight.improvement.error.stale')) }]);
    const outcome = await improvements.complete({ improvementId: id }, { actor: request.actor!, now: clock.now(), expectedVersion: version });
    return answered(request, reply, id, outcome, {}, 'insight.improvement.markedDone', 'done', version);
  });

  app.post('/reports/annual/improvements/:id/withdraw', { config: { access: { roles: ['manager'] } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!UUID.test(id)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const body = singleFields(request.body);
    const version = versionOf(body.version);
    if (version === undefined) return showEdit(request, reply, id, 409, null, [{ field: 'reason', message: t(request.language, key('insight.improvement.error.stale')) }]);
    const outcome = await improvements.withdraw({ improvementId: id, reason: body.reason ?? '' }, { actor: request.actor!, now: clock.now(), expectedVersion: version });
    return answered(request, reply, id, outcome, { reason: body.reason ?? '' }, 'insight.improvement.withdrawnBanner', 'reason', version);
  });

  // ---- Themes of the feedback comments (analyst, manager) ----

  const showThemes = async (request: FastifyRequest, reply: FastifyReply, status: number, error?: { feedbackId: string; message: string }) => {
    const { total, rows } = await unthemedFeedback(db);
    const year = parseYear(one((request.query as Record<string, unknown>).year)) ?? Number(ukDate(clock.now()).slice(0, 4));
    return reply.code(status).page('insight/views/feedback-themes.njk', {
      pageTitle: t(request.language, key('insight.themes.title')),
      total,
      shown: rows.length,
      pageSize: UNTHEMED_PAGE,
      year,
      rows: rows.map((row) => ({ ...row, satisfactionName: SATISFACTION_NAMES[row.satisfaction as keyof typeof SATISFACTION_NAMES] ?? row.satisfaction })),
      themes: FEEDBACK_THEMES.map((theme) => ({ value: theme, text: t(request.language, key(`feedback.theme.${theme}`)) })),
      error,
      errorList: error ? [{ text: error.message, href: `#theme-${error.feedbackId}` }] : undefined,
    });
  };

  app.get('/reports/annual/feedback-themes', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => showThemes(request, reply, 200));

  app.post('/reports/annual/feedback-themes', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => {
    const body = singleFields(request.body);
    const feedbackId = body.feedbackId ?? '';
    if (!UUID.test(feedbackId) || !deps.feedback) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const version = versionOf(body.version);
    if (!body.theme) return showThemes(request, reply, 422, { feedbackId, message: t(request.language, key('feedback.theme.error.choose')) });
    const outcome = await deps.feedback.theme({ feedbackId, theme: body.theme }, { actor: request.actor!, ...(version === undefined ? {} : { expectedVersion: version }) });
    if (outcome.ok) return reply.confirmation(t(request.language, key('insight.themes.saved'), { theme: t(request.language, key(`feedback.theme.${outcome.value.theme}`)) })).redirect('/reports/annual/feedback-themes', 303);
    if (outcome.kind === 'not-found') return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const message = outcome.kind === 'conflict' ? t(request.language, key('insight.themes.stale')) : 'errors' in outcome && outcome.errors.length ? words(request.language, outcome.errors[0]!.message) : words(request.language, outcome.message);
    return showThemes(request, reply, outcome.kind === 'conflict' ? 409 : outcome.kind === 'forbidden' ? 403 : 422, { feedbackId, message });
  });
}
