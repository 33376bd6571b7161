import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import type { Clock } from '../../../platform/clock.js';
import { apiRoute } from '../../../platform/http/api.js';
import { sendProblem } from '../../../platform/http/problem.js';
import { sendForbidden } from '../../../platform/http/server.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { SOURCE_LANGUAGE, type Language } from '../../../platform/i18n/languages.js';
import { portName } from '../../../domain/reference/ports.js';
import { DETECTING_METHODS, DETECTION_METHODS, SEARCH_RESULTS, SELECTION_REASONS, VEHICLE_KINDS } from '../../../domain/incident/search.js';
import { CONCEALMENT, RISK_TO_LIFE } from '../../../domain/incident/incident.js';
import { PEOPLE_FOUND_ROLES } from '../../intake/access.js';
import { detectionWords, figureLabel, MEASURES, parseFigure, type RecordKind } from './catalogue.js';
import { definitionTitles, detectionReport, figureRecords, recordsLink, type DetectionScope, type RecordRow } from './report.js';
import { detectionCsv, detectionPdf, monthName, recordsCsv, whenText } from './exports.js';
import { readScope, single, type ScopeProblem } from './query.js';

/** Who reads the monthly detection analysis (issue #17 item 4: analysts and managers). */
export const DETECTION_REPORT_READERS = ['manager', 'analyst'] as const;

const REPORT_PAGE = 'insight/detection/views/report.njk';
const RECORDS_PAGE = 'insight/detection/views/records.njk';
const FORMATS = ['json', 'csv', 'pdf'] as const;
const PAGE_FORMATS = ['html', 'csv', 'pdf', 'json'] as const;

const named = (labels: Record<string, string>) => (code: unknown) => (typeof code === 'string' ? labels[code] ?? code : '');
const list = (labels: Record<string, string>) => (codes: unknown) => (Array.isArray(codes) ? codes.map((c) => named(labels)(c)).join(', ') : '');
const when = (value: unknown, language: Language) => {
  const instant = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(instant.getTime()) ? '' : whenText(instant, language);
};
const day = (value: unknown, language: Language) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(language, value.slice(0, 10)) : '');

/** A column of the records page: its heading's key (`insight.detection.col.<key>`) and how a row's value reads. */
type RecordColumn = { key: string; cell: (row: RecordRow, language: Language) => string };
const SEARCH_COLUMNS: RecordColumn[] = [
  { key: 'searchedAt', cell: (r, l) => when(r.searchedAt, l) },
  { key: 'port', cell: (r) => portName(String(r.port)) },
  { key: 'lane', cell: (r) => String(r.lane ?? '') },
  { key: 'vehicle', cell: (r) => named(VEHICLE_KINDS)(r.vehicleKind) },
  { key: 'registration', cell: (r) => [r.tractorRegistration, r.trailerRegistration].filter(Boolean).join(' / ') },
  { key: 'selection', cell: (r) => named(SELECTION_REASONS)(r.selectionReason) },
  { key: 'methods', cell: (r) => list(DETECTION_METHODS)(r.methods) },
  { key: 'foundBy', cell: (r) => named(DETECTING_METHODS)(r.detectingMethod) },
  { key: 'result', cell: (r) => named(SEARCH_RESULTS)(r.result) },
];
const INCIDENT_COLUMNS: RecordColumn[] = [
  { key: 'incidentDate', cell: (r, l) => day(r.incidentDate, l) },
  { key: 'where', cell: (r, l) => (r.kind === 'inland' ? detectionWords('value.inland', l) : portName(String(r.port ?? ''))) },
  { key: 'case', cell: (r) => String(r.caseReference ?? '') },
  { key: 'vehicle', cell: (r) => named(VEHICLE_KINDS)(r.vehicleKind) },
  { key: 'selection', cell: (r) => named(SELECTION_REASONS)(r.selectionReason) },
  { key: 'foundBy', cell: (r) => named(DETECTING_METHODS)(r.detectingMethod) },
];
const yesNo = (value: unknown, language: Language) => detectionWords(value ? 'records.yes' : 'records.no', language);
const COLUMNS: Record<RecordKind, RecordColumn[]> = {
  search: SEARCH_COLUMNS,
  failure: [...SEARCH_COLUMNS, { key: 'confirmedAt', cell: (r, l) => when(r.confirmedAt, l) }],
  incident: [
    ...INCIDENT_COLUMNS,
    { key: 'entrants', cell: (r) => String(r.entrants ?? 0) },
    { key: 'concealment', cell: (r) => list(CONCEALMENT)(r.concealment) },
    { key: 'riskToLife', cell: (r) => list(RISK_TO_LIFE)(r.riskToLife) },
  ],
  person: [
    ...INCIDENT_COLUMNS,
    { key: 'person', cell: (r) => String(r.sequence ?? '') },
    { key: 'child', cell: (r, l) => yesNo(r.child, l) },
    { key: 'victim', cell: (r, l) => yesNo(r.victim, l) },
    { key: 'nrm', cell: (r, l) => yesNo(r.nrmReferred, l) },
  ],
};

const errorSummary = (problems: ScopeProblem[]) => ({
  errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
  fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
});

/**
 * The monthly detection analysis (issue #17 item 2): the page, its CSV and PDF, the list of records
 * behind each figure, and `GET /api/v1/reports/detection`.
 */
export function detectionReportRoutes(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  const reportPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const language = request.language ?? SOURCE_LANGUAGE;
    const scope = readScope(query, clock.now(), { language });
    const format = single(query, 'format', language);
    const formatValue = format.ok ? format.value || 'html' : null;
    const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
    if (!formatValue || !(PAGE_FORMATS as readonly string[]).includes(formatValue)) problems.push({ field: 'format', message: format.ok ? detectionWords('error.format', language) : format.message });
    if (problems.length || !scope.ok) {
      return reply.code(400).page(REPORT_PAGE, { pageTitle: detectionWords('title', language), values: { month: typeof query.month === 'string' ? query.month : '', asOf: typeof query.asOf === 'string' ? query.asOf : '' }, ...errorSummary(problems) });
    }
    const report = await detectionReport(db, scope, language);
    if (formatValue !== 'html') {
      const filename = `detection-analysis-${report.month}-as-of-${report.asOf.replace(/[:.]/g, '')}.${formatValue}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
      if (formatValue === 'csv') return reply.type('text/csv; charset=utf-8').send(detectionCsv(report));
      if (formatValue === 'pdf') return reply.type('application/pdf').send(await detectionPdf(report));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(report));
    }
    const params = (format: string) => `/reports/detection?${new URLSearchParams({ month: report.month, asOf: report.asOf, format }).toString()}`;
    return reply.page(REPORT_PAGE, {
      pageTitle: detectionWords('titleMonth', language, { month: monthName(report.month, language) }),
      report,
      monthName: monthName(report.month, language),
      definitionTitles: definitionTitles(language),
      asOfText: whenText(scope.asOf, language),
      values: { month: report.month, asOf: report.asOf },
      csvHref: params('csv'),
      pdfHref: params('pdf'),
      jsonHref: params('json'),
    });
  };

  app.get('/reports/detection', { config: { access: { roles: [...DETECTION_REPORT_READERS] } } }, reportPage);

  app.get('/reports/detection/:month/figures/:name', { config: { access: { roles: [...DETECTION_REPORT_READERS] } } }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const params = request.params as { month: string; name: string };
    const language = request.language ?? SOURCE_LANGUAGE;
    const scope = readScope({ month: params.month, asOf: query.asOf }, clock.now(), { requireMonth: true, language });
    const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
    const figure = parseFigure(params.name);
    if (!figure) problems.push({ field: 'figure', message: detectionWords('error.figure', language) });
    const formatParam = single(query, 'format', language);
    const asCsv = formatParam.ok && formatParam.value === 'csv';
    if (!formatParam.ok || (formatParam.value && !['html', 'csv'].includes(formatParam.value))) problems.push({ field: 'format', message: formatParam.ok ? detectionWords('error.format', language) : formatParam.message });
    const pageParam = single(query, 'page', language);
    const page = pageParam.ok && pageParam.value ? (/^\d{1,5}$/.test(pageParam.value) && Number(pageParam.value) >= 1 ? Number(pageParam.value) : null) : pageParam.ok ? 1 : null;
    if (page === null) problems.push({ field: 'page', message: detectionWords('error.page', language) });
    if (problems.length || !scope.ok || !figure || page === null) {
      return reply.code(400).page(RECORDS_PAGE, { pageTitle: detectionWords('records.title', language), backLink: '/reports/detection', ...errorSummary(problems) });
    }
    const kind = MEASURES[figure.measure].kind;
    // People found are shown only to the roles that may see them (intake's PEOPLE_FOUND_ROLES), even without names.
    if (kind === 'person' && !request.actor!.roles.some((role) => PEOPLE_FOUND_ROLES.includes(role))) {
      return sendForbidden(request, reply, detectionWords('records.peopleForbidden', language));
    }
    const records = await figureRecords(db, scope, figure, page, asCsv ? null : undefined);
    const columns = COLUMNS[kind];
    if (asCsv) {
      const csv = recordsCsv(columns.map((c) => detectionWords(`col.${c.key}`, language)), records.rows.map((row) => columns.map((c) => c.cell(row, language))));
      const filename = `detection-${scope.month}-${figure.name.replace(/[^A-Za-z0-9.-]/g, '_')}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(csv);
    }
    const here = (p: number) => `${recordsLink(scope, figure.name)}&page=${p}`;
    const label = figureLabel(figure, language);
    const asOfText = whenText(scope.asOf, language);
    return reply.page(RECORDS_PAGE, {
      pageTitle: label,
      figure,
      label,
      kind,
      caption: detectionWords('titleMonth', language, { month: monthName(scope.month, language) }),
      countText: records.total === 1 ? detectionWords('records.countOne', language, { when: asOfText }) : detectionWords('records.countOther', language, { count: records.total, when: asOfText }),
      sumText: records.sum === null ? null : detectionWords('records.sum', language, { sum: records.sum }),
      records,
      headings: columns.map((c) => detectionWords(`col.${c.key}`, language)),
      rows: records.rows.map((row) => ({ id: row.id, cells: columns.map((c) => c.cell(row, language)) })),
      csvHref: `${recordsLink(scope, figure.name)}&format=csv`,
      previousHref: records.page > 1 ? here(records.page - 1) : null,
      nextHref: records.page < records.pages ? here(records.page + 1) : null,
      backLink: `/reports/detection?${new URLSearchParams({ month: scope.month, asOf: scope.asOf.toISOString() }).toString()}`,
    });
  });

  const figureSchema = z.object({ name: z.string(), value: z.number().nullable(), unit: z.string(), records: z.string(), numerator: z.string().optional(), denominator: z.string().optional() });
  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/reports/detection',
    tag: 'Reports',
    summary: 'The monthly detection analysis: searches, detections, failures and people found, each figure with a link to the records behind it',
    description:
      'Counted as the records stood at asOf (a search once recorded, an incident once sent, a crossing once confirmed), so the same month and asOf always give the same figures. Without asOf, a minute before now (the answer says which). A rate is a percentage to one decimal place, null when nothing was counted below it. format=csv or pdf gives the published files.',
    access: { roles: [...DETECTION_REPORT_READERS] },
    query: [
      { name: 'month', description: 'The month, YYYY-MM (UK time)', required: true },
      { name: 'asOf', description: 'The instant to count as of, ISO 8601 with its offset, at least a minute ago (default: a minute ago)' },
      { name: 'format', description: 'json (the default), csv or pdf', schema: { type: 'string', enum: [...FORMATS] } },
    ],
    responses: {
      200: { description: 'The figures', schema: z.object({ report: z.literal('detection'), month: z.string(), asOf: z.string(), figures: z.array(figureSchema) }).passthrough() },
      400: { description: 'The month, asOf or format is not right' },
    },
    handler: async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const scope = readScope(query, clock.now(), { requireMonth: true });
      const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
      const format = single(query, 'format');
      const formatValue = format.ok ? format.value || 'json' : null;
      if (!formatValue || !(FORMATS as readonly string[]).includes(formatValue)) problems.push({ field: 'format', message: format.ok ? detectionWords('error.format', SOURCE_LANGUAGE) : format.message });
      if (problems.length || !scope.ok) return sendProblem(reply, { status: 400, title: 'The query is not right', detail: 'Correct the parameters listed in errors.', errors: problems });
      const report = await detectionReport(db, scope);
      if (formatValue === 'csv') return reply.type('text/csv; charset=utf-8').send(detectionCsv(report));
      if (formatValue === 'pdf') return reply.type('application/pdf').send(await detectionPdf(report));
      return report;
    },
  });
}

export type { DetectionScope };
