import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { apiRoute } from '../../../platform/http/api.js';
import { sendProblem } from '../../../platform/http/problem.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { recordsPageRows } from '../annual/outputs.js';
import { INSIGHT_READERS } from '../routes.js';
import { managementDashboard, managementFigureRecords, managementLink, managementRecordsLink, managementReportOf, parsePeriodQuery } from './report.js';
import { figureTitle, readableMoney, managementCsv, managementRecordsCsv, managementRecordsXlsx, managementSections, managementXlsx, periodText } from './outputs.js';

/*
 * `/reports/management` (the dashboard, or every figure as CSV, XLSX or JSON with `format=`),
 * `/reports/management/figures/:name` (the records behind one figure, as a page, CSV or XLSX) and
 * `GET /api/v1/reports/management`. Analysts and managers. See README.
 */

const key = (text: string) => text as MessageKey;
const FORMATS = ['html', 'csv', 'xlsx', 'json'] as const;
type Format = (typeof FORMATS)[number];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A message id in the reader's language; a message that is not one (the asOf rule's words) as it is. */
const words = (language: FastifyRequest['language'], message: string) => (message.startsWith('insight.') ? t(language, key(message)) : message);

/** The format asked for: one of FORMATS, given once; null for anything else. */
function formatOf(query: Record<string, unknown>): Format | null {
  const value = query.format;
  if (value === undefined || value === '') return 'html';
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value) ? (value as Format) : null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function managementRoutes(app: FastifyInstance, deps: { db: Db; clock: { now(): Date } }) {
  const { db, clock } = deps;

  const refused = (request: FastifyRequest, reply: FastifyReply, errors: { field: string; message: string }[]) => {
    const query = request.query as Record<string, unknown>;
    const messages = errors.map((e) => ({ ...e, text: words(request.language, e.message) }));
    const errorOf = (field: string) => messages.find((m) => m.field === field)?.text;
    return reply.code(400).page('insight/management/views/dashboard.njk', {
      pageTitle: t(request.language, key('insight.mi.title')),
      errorList: messages.map((m) => ({ text: m.text, href: `#${m.field}` })),
      fromError: errorOf('from'),
      toError: errorOf('to'),
      asOfError: errorOf('asOf'),
      formatError: errorOf('format'),
      values: { from: text(query.from), to: text(query.to), asOf: text(query.asOf) },
      sections: null,
    });
  };

  app.get('/reports/management', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asked = parsePeriodQuery(query, clock.now());
    const format = formatOf(query);
    const errors = [...(asked.ok ? [] : asked.errors), ...(format === null ? [{ field: 'from', message: 'insight.mi.error.format' }] : [])];
    if (!asked.ok || format === null) return refused(request, reply, errors);
    const dashboard = await managementDashboard(db, asked.from, asked.to, asked.asOf);
    const file = `management-information-${dashboard.from}-to-${dashboard.to}-as-of-${dashboard.asOf.replace(/[:.]/g, '-')}`;
    if (format === 'json') return managementReportOf(dashboard);
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(managementCsv(dashboard, request.language));
    if (format === 'xlsx') return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${file}.xlsx"`).send(await managementXlsx(dashboard, request.language));
    return reply.page('insight/management/views/dashboard.njk', {
      pageTitle: t(request.language, key('insight.mi.title')),
      dashboard,
      period: periodText(request.language, dashboard.from, dashboard.to),
      sections: managementSections(dashboard, request.language),
      values: { from: dashboard.from, to: dashboard.to, asOf: dashboard.asOf },
      downloads: (['csv', 'xlsx', 'json'] as const).map((f) => ({ format: f, href: managementLink(dashboard.from, dashboard.to, asked.asOf, f), text: t(request.language, key(`insight.mi.format.${f}`)) })),
    });
  });

  app.get('/reports/management/figures/:name', { config: { access: { roles: [...INSIGHT_READERS] } } }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const query = request.query as Record<string, unknown>;
    const asked = parsePeriodQuery(query, clock.now());
    const format = formatOf(query);
    const title = figureTitle(name, request.language);
    if (title === null) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    if (!asked.ok || format === null || format === 'json') {
      const errors = [...(asked.ok ? [] : asked.errors), ...(format === null || format === 'json' ? [{ field: 'from', message: 'insight.mi.error.format' }] : [])];
      return refused(request, reply, errors);
    }
    const list = (await managementFigureRecords(db, name, asked.from, asked.to, asked.asOf))!;
    const file = `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}-${list.from}-to-${list.to}`;
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`).send(managementRecordsCsv(list, title, request.language));
    if (format === 'xlsx') return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${file}.xlsx"`).send(await managementRecordsXlsx(list, title, request.language));
    const link = managementRecordsLink(name, list.from, list.to, asked.asOf);
    return reply.page('insight/views/records.njk', {
      pageTitle: t(request.language, key('insight.mi.recordsTitle'), { figure: title }),
      list,
      figureLabel: title,
      periodText: periodText(request.language, list.from, list.to),
      readable: readableMoney(request.language, { value: list.value, unit: list.definition.unit }),
      rows: recordsPageRows(list.definition, list.records),
      back: managementLink(list.from, list.to, asked.asOf),
      downloads: (['csv', 'xlsx'] as const).map((f) => ({ format: f, href: `${link}&format=${f}`, text: t(request.language, key(`insight.mi.format.${f}`)) })),
    });
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/reports/management',
    tag: 'Reports',
    summary: 'The management information for a period, as of an instant: each figure with its value, unit and the list of records behind it',
    access: { roles: [...INSIGHT_READERS] },
    query: [
      { name: 'from', description: 'First day of the period, YYYY-MM-DD (by default the first day of the month twelve months ago)', required: false },
      { name: 'to', description: 'Last day of the period, YYYY-MM-DD, not before from (by default the last day of last month)', required: false },
      { name: 'asOf', description: 'Count what was recorded at or before this instant (ISO 8601 with offset, at least a minute ago); by default a minute ago. The answer records it.', required: false },
    ],
    responses: { 200: { description: 'The report: from, to, asOf and figures ({ name, value, unit, records })' } },
    handler: async (request, reply) => {
      const asked = parsePeriodQuery(request.query as Record<string, unknown>, clock.now());
      if (!asked.ok) return sendProblem(reply, { status: 400, title: 'Give the period (from, to) and asOf, if any, correctly', errors: asked.errors.map((e) => ({ field: e.field, message: words('en', e.message) })) });
      return managementReportOf(await managementDashboard(db, asked.from, asked.to, asked.asOf));
    },
  });
}
