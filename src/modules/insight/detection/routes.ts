import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../platform/database/client.js';
import type { Clock } from '../../../platform/clock.js';
import { apiRoute } from '../../../platform/http/api.js';
import { sendProblem } from '../../../platform/http/problem.js';
import { sendForbidden } from '../../../platform/http/server.js';
import { ukDate, ukTime } from '../../../domain/reference/uk-date.js';
import { formatLongDate } from '../../../domain/clock/calendar-date.js';
import { portName } from '../../../domain/reference/ports.js';
import { DETECTING_METHODS, DETECTION_METHODS, SEARCH_RESULTS, SELECTION_REASONS, VEHICLE_KINDS } from '../../../domain/incident/search.js';
import { CONCEALMENT, RISK_TO_LIFE } from '../../../domain/incident/incident.js';
import { PEOPLE_FOUND_ROLES } from '../../intake/access.js';
import { figureLabel, MEASURES, parseFigure, type RecordKind } from './catalogue.js';
import { DEFINITION_TITLES, detectionReport, figureRecords, recordsLink, type DetectionScope, type RecordRow } from './report.js';
import { detectionCsv, detectionPdf, monthName } from './exports.js';
import { readScope, single, type ScopeProblem } from './query.js';

/** Who reads the monthly detection analysis (issue #17 item 4: analysts and managers). */
export const DETECTION_REPORT_READERS = ['manager', 'analyst'] as const;

const REPORT_PAGE = 'insight/detection/views/report.njk';
const RECORDS_PAGE = 'insight/detection/views/records.njk';
const FORMATS = ['json', 'csv', 'pdf'] as const;
const PAGE_FORMATS = ['html', 'csv', 'pdf', 'json'] as const;

const named = (labels: Record<string, string>) => (code: unknown) => (typeof code === 'string' ? labels[code] ?? code : '');
const list = (labels: Record<string, string>) => (codes: unknown) => (Array.isArray(codes) ? codes.map((c) => named(labels)(c)).join(', ') : '');
const yesNo = (value: unknown) => (value ? 'Yes' : 'No');
const when = (value: unknown) => {
  const instant = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(instant.getTime()) ? '' : `${formatLongDate(ukDate(instant))} ${ukTime(instant)}`;
};
const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? formatLongDate(value.slice(0, 10)) : '');

/** The columns of each kind of record on the records page: a heading and how a row's value reads. */
const SEARCH_COLUMNS: { label: string; cell: (row: RecordRow) => string }[] = [
  { label: 'Searched (UK time)', cell: (r) => when(r.searchedAt) },
  { label: 'Port', cell: (r) => portName(String(r.port)) },
  { label: 'Lane', cell: (r) => String(r.lane ?? '') },
  { label: 'Vehicle', cell: (r) => named(VEHICLE_KINDS)(r.vehicleKind) },
  { label: 'Registration', cell: (r) => [r.tractorRegistration, r.trailerRegistration].filter(Boolean).join(' / ') },
  { label: 'Selection', cell: (r) => named(SELECTION_REASONS)(r.selectionReason) },
  { label: 'Methods used', cell: (r) => list(DETECTION_METHODS)(r.methods) },
  { label: 'Found by', cell: (r) => named(DETECTING_METHODS)(r.detectingMethod) },
  { label: 'Result', cell: (r) => named(SEARCH_RESULTS)(r.result) },
];
const INCIDENT_COLUMNS: { label: string; cell: (row: RecordRow) => string }[] = [
  { label: 'Incident date', cell: (r) => day(r.incidentDate) },
  { label: 'Where', cell: (r) => (r.kind === 'inland' ? 'Inland' : portName(String(r.port ?? ''))) },
  { label: 'Case', cell: (r) => String(r.caseReference ?? '') },
  { label: 'Vehicle', cell: (r) => named(VEHICLE_KINDS)(r.vehicleKind) },
  { label: 'Selection', cell: (r) => named(SELECTION_REASONS)(r.selectionReason) },
  { label: 'Found by', cell: (r) => named(DETECTING_METHODS)(r.detectingMethod) },
];
const COLUMNS: Record<RecordKind, { label: string; cell: (row: RecordRow) => string }[]> = {
  search: SEARCH_COLUMNS,
  failure: [...SEARCH_COLUMNS, { label: 'Confirmed as the crossing', cell: (r) => when(r.confirmedAt) }],
  incident: [
    ...INCIDENT_COLUMNS,
    { label: 'Entrants', cell: (r) => String(r.entrants ?? 0) },
    { label: 'Concealment', cell: (r) => list(CONCEALMENT)(r.concealment) },
    { label: 'Risk to life', cell: (r) => list(RISK_TO_LIFE)(r.riskToLife) },
  ],
  person: [
    ...INCIDENT_COLUMNS,
    { label: 'Person', cell: (r) => String(r.sequence ?? '') },
    { label: 'Child', cell: (r) => yesNo(r.child) },
    { label: 'Potential victim of trafficking', cell: (r) => yesNo(r.victim) },
    { label: 'Referred to the NRM', cell: (r) => yesNo(r.nrmReferred) },
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
    const scope = readScope(query, clock.now());
    const format = single(query, 'format');
    const formatValue = format.ok ? format.value || 'html' : null;
    const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
    if (!formatValue || !(PAGE_FORMATS as readonly string[]).includes(formatValue)) problems.push({ field: 'format', message: format.ok ? 'Choose html, csv, pdf or json' : format.message });
    if (problems.length || !scope.ok) {
      return reply.code(400).page(REPORT_PAGE, { pageTitle: 'Monthly detection analysis', values: { month: typeof query.month === 'string' ? query.month : '', asOf: typeof query.asOf === 'string' ? query.asOf : '' }, ...errorSummary(problems) });
    }
    const report = await detectionReport(db, scope);
    if (formatValue !== 'html') {
      const filename = `detection-analysis-${report.month}-as-of-${report.asOf.replace(/[:.]/g, '')}.${formatValue}`;
      reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
      if (formatValue === 'csv') return reply.type('text/csv; charset=utf-8').send(detectionCsv(report));
      if (formatValue === 'pdf') return reply.type('application/pdf').send(await detectionPdf(report));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(report));
    }
    const params = (format: string) => `/reports/detection?${new URLSearchParams({ month: report.month, asOf: report.asOf, format }).toString()}`;
    return reply.page(REPORT_PAGE, {
      pageTitle: `Monthly detection analysis: ${monthName(report.month)}`,
      report,
      monthName: monthName(report.month),
      definitionTitles: DEFINITION_TITLES,
      asOfText: `${formatLongDate(ukDate(scope.asOf))} at ${ukTime(scope.asOf)}`,
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
    const scope = readScope({ month: params.month, asOf: query.asOf }, clock.now(), { requireMonth: true });
    const problems: ScopeProblem[] = scope.ok ? [] : [...scope.problems];
    const figure = parseFigure(params.name);
    if (!figure) problems.push({ field: 'figure', message: 'Choose a figure from the report: this one is not known' });
    const pageParam = single(query, 'page');
    const page = pageParam.ok && pageParam.value ? (/^\d{1,5}$/.test(pageParam.value) && Number(pageParam.value) >= 1 ? Number(pageParam.value) : null) : pageParam.ok ? 1 : null;
    if (page === null) problems.push({ field: 'page', message: 'Give the page as a whole number from 1' });
    if (problems.length || !scope.ok || !figure || page === null) {
      return reply.code(400).page(RECORDS_PAGE, { pageTitle: 'Records behind a figure', backLink: '/reports/detection', ...errorSummary(problems) });
    }
    const kind = MEASURES[figure.measure].kind;
    // People found are shown only to the roles that may see them (intake's PEOPLE_FOUND_ROLES), even without names.
    if (kind === 'person' && !request.actor!.roles.some((role) => PEOPLE_FOUND_ROLES.includes(role))) {
      return sendForbidden(request, reply, 'The people found are shown only to border officers and managers: the report gives their number.');
    }
    const records = await figureRecords(db, scope, figure, page);
    const columns = COLUMNS[kind];
    const here = (p: number) => `${recordsLink(scope, figure.name)}&page=${p}`;
    return reply.page(RECORDS_PAGE, {
      pageTitle: figureLabel(figure),
      figure,
      label: figureLabel(figure),
      kind,
      monthName: monthName(scope.month),
      asOfText: `${formatLongDate(ukDate(scope.asOf))} at ${ukTime(scope.asOf)}`,
      records,
      headings: columns.map((c) => c.label),
      rows: records.rows.map((row) => ({ id: row.id, cells: columns.map((c) => c.cell(row)) })),
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
      { name: 'asOf', description: 'The instant to count as of, ISO 8601 with its offset; not in the future' },
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
      if (!formatValue || !(FORMATS as readonly string[]).includes(formatValue)) problems.push({ field: 'format', message: format.ok ? 'Give the format as json, csv or pdf' : format.message });
      if (problems.length || !scope.ok) return sendProblem(reply, { status: 400, title: 'The query is not right', detail: 'Correct the parameters listed in errors.', errors: problems });
      const report = await detectionReport(db, scope);
      if (formatValue === 'csv') return reply.type('text/csv; charset=utf-8').send(detectionCsv(report));
      if (formatValue === 'pdf') return reply.type('application/pdf').send(await detectionPdf(report));
      return report;
    },
  });
}

export type { DetectionScope };
