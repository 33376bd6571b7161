import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { t, type MessageKey } from '../../platform/i18n/messages.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { parseAsOf, parseYear } from './figure.js';
import { annualFigureRecords, annualReport } from './annual/report.js';
import { annualCsv, annualPdf, describeRecord, readableValue, recordsCsv, sectionsOf } from './annual/outputs.js';

/** Who reads the insight reports: the roles that run and scrutinise the scheme. */
export const INSIGHT_READERS = ['manager', 'analyst'] as const;

const one = (value: unknown) => (typeof value === 'string' ? value : undefined);
const key = (text: string) => text as MessageKey;
const FORMATS = ['html', 'csv', 'pdf', 'json'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `/reports/annual` (the page, or its CSV, PDF or JSON with `format=`), `/reports/annual/:year/figures/:name`
 * (the records behind one figure, or their CSV) and `GET /api/v1/reports/annual`. See README.
 */
export function insightRoutes(app: FastifyInstance, deps: { db: Db; clock: { now(): Date } }) {
  const { db, clock } = deps;

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
      rows: list.records.map((row) => ({ ...describeRecord(list.definition, row), day: row.day, amountPence: row.amount_pence, people: row.people })),
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
}
