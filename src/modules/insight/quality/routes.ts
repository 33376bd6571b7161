import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { apiRoute } from '../../../platform/http/api.js';
import { sendProblem } from '../../../platform/http/problem.js';
import { t, type MessageKey } from '../../../platform/i18n/messages.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { QUALITY_GROUPS, qualityCheck } from './checks.js';
import { checkColumns, checkLabel, describeFinding, findingsCsv, groupLabel, measurementChart, qualitySummary, summaryCsv } from './outputs.js';
import { PAGE_SIZE, qualityCounts, qualityFindings, qualityMeasurements } from './report.js';

/**
 * Who reads the data-quality report: managers and analysts (who run and scrutinise the scheme), and
 * the caseworkers who put the records right (each finding links to a case page they work on). The
 * navigation offers it to managers and analysts; caseworkers reach it by its address.
 */
export const QUALITY_READERS = [...new Set(['manager', 'analyst', ...CASEWORKERS])];

const SUMMARY_PAGE = 'insight/quality/views/summary.njk';
const CHECK_PAGE = 'insight/quality/views/check.njk';
const key = (text: string) => text as MessageKey;
const MAX_PAGE = 100_000;

/** A query parameter given once as text; `undefined` when absent; `null` when repeated or not text. */
const single = (value: unknown): string | undefined | null => (value === undefined ? undefined : typeof value === 'string' ? value : null);

function readFormat(query: Record<string, unknown>, allowed: readonly string[]): { ok: true; format: string } | { ok: false } {
  const format = single(query.format);
  if (format === undefined || format === '') return { ok: true, format: 'html' };
  return format !== null && allowed.includes(format) ? { ok: true, format } : { ok: false };
}

function readPage(query: Record<string, unknown>): number | null {
  const page = single(query.page);
  if (page === undefined || page === '') return 1;
  if (page === null || !/^[1-9]\d{0,5}$/.test(page)) return null;
  const n = Number(page);
  return n <= MAX_PAGE ? n : null;
}

export function dataQualityRoutes(app: FastifyInstance, deps: { db: Db; clock: { now(): Date } }) {
  const { db, clock } = deps;

  const summaryPage = async (request: FastifyRequest, reply: FastifyReply, status: number, errorList: { text: string; href: string }[]) => {
    const today = ukDate(clock.now());
    const summary = qualitySummary(request.language, today, await qualityCounts(db, today), await qualityMeasurements(db));
    return reply.code(status).page(SUMMARY_PAGE, {
      pageTitle: t(request.language, key('insight.quality.title')),
      errorList,
      summary,
      groups: QUALITY_GROUPS.map((group) => ({ id: group, label: groupLabel(request.language, group), checks: summary.checks.filter((c) => c.group === group) })),
      columns: checkColumns(request.language),
      chart: measurementChart(summary.measurements),
      measurements: summary.measurements.map((m) => ({ ...m, total: Object.values(m.counts).reduce((sum, n) => sum + n, 0) })),
    });
  };

  app.get('/reports/data-quality', { config: { access: { roles: QUALITY_READERS } } }, async (request, reply) => {
    const format = readFormat(request.query as Record<string, unknown>, ['html', 'csv', 'json']);
    if (!format.ok) return summaryPage(request, reply, 400, [{ text: t(request.language, key('insight.quality.error.format')), href: '#checks' }]);
    if (format.format === 'html') return summaryPage(request, reply, 200, []);
    const today = ukDate(clock.now());
    const summary = qualitySummary(request.language, today, await qualityCounts(db, today), await qualityMeasurements(db));
    if (format.format === 'json') return summary;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="data-quality-${today}.csv"`).send(summaryCsv(summary, request.language));
  });

  app.get('/reports/data-quality/:check', { config: { access: { roles: QUALITY_READERS } } }, async (request, reply) => {
    const check = qualityCheck((request.params as { check: string }).check);
    if (!check) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    const query = request.query as Record<string, unknown>;
    const format = readFormat(query, ['html', 'csv']);
    const page = readPage(query);
    const today = ukDate(clock.now());
    const label = checkLabel(request.language, check.name);
    if (format.ok && format.format === 'csv') {
      const { findings } = await qualityFindings(db, check, today, 'all');
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="data-quality-${check.name}-${today}.csv"`).send(findingsCsv(request.language, check, today, findings));
    }
    const errors: { text: string; href: string }[] = [];
    if (!format.ok) errors.push({ text: t(request.language, key('insight.quality.error.format')), href: '#findings' });
    if (page === null) errors.push({ text: t(request.language, key('insight.quality.error.page')), href: '#findings' });
    const shown = errors.length ? 1 : page!;
    const { total, findings } = await qualityFindings(db, check, today, { number: shown });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (!errors.length && shown > pages) errors.push({ text: t(request.language, key('insight.quality.error.pageBeyond'), { pages }), href: '#findings' });
    const listed = errors.length && shown > pages ? [] : findings;
    const link = (n: number) => `/reports/data-quality/${check.name}?page=${n}`;
    return reply.code(errors.length ? 400 : 200).page(CHECK_PAGE, {
      pageTitle: label,
      errorList: errors,
      check: { name: check.name, label, group: groupLabel(request.language, check.group) },
      total,
      today,
      findings: listed.map((f) => describeFinding(request.language, check, f)),
      csv: `/reports/data-quality/${check.name}?format=csv`,
      pagination:
        pages > 1 && !errors.length
          ? {
              ...(shown > 1 ? { previous: { href: link(shown - 1) } } : {}),
              ...(shown < pages ? { next: { href: link(shown + 1) } } : {}),
              items: Array.from({ length: pages }, (_, i) => i + 1)
                .filter((n) => n === 1 || n === pages || Math.abs(n - shown) <= 2)
                .flatMap((n, i, all) => [...(i > 0 && n - all[i - 1]! > 1 ? [{ ellipsis: true }] : []), { number: n, href: link(n), current: n === shown }]),
            }
          : null,
    });
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/reports/data-quality',
    tag: 'Reports',
    summary: 'The data-quality report: how many records each check finds today (with the page listing them), and the latest daily measurements',
    access: { roles: QUALITY_READERS },
    query: [],
    responses: { 200: { description: 'The report: on, checks ({ name, group, label, count, records }), total and measurements ({ on, counts })' } },
    handler: async (request, reply) => {
      const extra = Object.keys(request.query as Record<string, unknown>);
      if (extra.length) return sendProblem(reply, { status: 400, title: 'This report takes no parameters', errors: extra.map((field) => ({ field, message: 'Not a parameter of this report' })) });
      const today = ukDate(clock.now());
      return qualitySummary('en', today, await qualityCounts(db, today), await qualityMeasurements(db));
    },
  });
}
