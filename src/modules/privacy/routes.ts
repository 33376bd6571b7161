import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { ADMINISTRATORS } from '../identity/roles.js';
import { formatLongDate } from '../../domain/clock/calendar-date.js';
import { ukDate, ukTime } from '../../domain/reference/uk-date.js';
import type { PolicyService } from '../policy/service.js';
import type { PersonalDataReadLogService } from './read-log.js';
import { retentionReport } from './retention.js';

/** "4 December 2026 at 18:42", UK time. */
export function readTime(instant: Date): string {
  return `${formatLongDate(ukDate(instant))} at ${ukTime(instant)}`;
}

const RECORD_KINDS: Record<string, string> = { party: 'Register entry', case: 'Case', incident: 'Incident', 'people-found': 'People found' };

/** The link to the record that was read, when it has a page. */
function recordLink(row: { recordKind: string; recordId: string; caseReference: string | null }): string | null {
  if (row.recordKind === 'party') return `/parties/${row.recordId}`;
  if (row.recordKind === 'case' && row.caseReference) return `/cases/${row.caseReference}`;
  if (row.recordKind === 'people-found') return `/incidents/${row.recordId}/people`;
  return null;
}

/** One value of a query parameter (a repeated one is refused by the caller with a 400). */
function single(value: unknown): string | undefined | null {
  if (Array.isArray(value)) return null;
  return typeof value === 'string' ? value : undefined;
}

export function privacyRoutes(app: FastifyInstance, deps: { db: Db; readLog: PersonalDataReadLogService; policy: PolicyService; clock: Clock }) {
  app.get('/admin/personal-data-reads', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const [user, record, pageText] = [single(query.user), single(query.record), single(query.page)];
    if (user === null || record === null || pageText === null) {
      return reply.code(400).page('errors/bad-request.njk', { pageTitle: 'Give each filter once', message: 'Each filter may be given once.' });
    }
    const page = /^\d{1,6}$/.test(pageText ?? '') ? Number(pageText) : 1;
    const result = await deps.readLog.list({ user, record, page });
    const params = new URLSearchParams();
    if (user?.trim()) params.set('user', user.trim());
    if (record?.trim()) params.set('record', record.trim());
    const pageLink = (n: number) => `/admin/personal-data-reads?${new URLSearchParams([...params, ['page', String(n)]]).toString()}`;
    return reply.page('privacy/views/reads.njk', {
      pageTitle: 'Reads of personal records',
      filters: { user: user ?? '', record: record ?? '' },
      filtered: params.size > 0,
      result: {
        ...result,
        rows: result.rows.map((row) => ({
          ...row,
          when: readTime(row.readAt),
          kindName: RECORD_KINDS[row.recordKind] ?? row.recordKind,
          link: recordLink(row),
          channelName: row.channel === 'api' ? 'API' : 'Page',
        })),
      },
      pagination:
        result.pages > 1
          ? {
              previous: result.page > 1 ? { href: pageLink(result.page - 1) } : undefined,
              next: result.page < result.pages ? { href: pageLink(result.page + 1) } : undefined,
              items: Array.from({ length: result.pages }, (_, i) => i + 1)
                .filter((n) => n === 1 || n === result.pages || Math.abs(n - result.page) <= 2)
                .flatMap((n, i, shown) => [
                  ...(i > 0 && n - shown[i - 1]! > 1 ? [{ ellipsis: true }] : []),
                  { number: n, href: pageLink(n), current: n === result.page },
                ]),
            }
          : null,
    });
  });

  app.get('/admin/retention', { config: { access: { roles: ADMINISTRATORS } } }, async (_request, reply) => {
    const report = await retentionReport(deps.db, { policy: deps.policy, readLog: deps.readLog, now: deps.clock.now() });
    if (!report.ok) return reply.code(409).page('privacy/views/retention.njk', { pageTitle: 'Records past their retention period', problem: report.message });
    return reply.page('privacy/views/retention.njk', {
      pageTitle: 'Records past their retention period',
      report: {
        ...report,
        todayLong: formatLongDate(report.today),
        closedCases: { ...report.closedCases, beforeLong: formatLongDate(report.closedCases.before), oldest: report.closedCases.oldest.map((c) => ({ ...c, closedOnLong: formatLongDate(c.closedOn) })) },
        searchesWithNothingFound: {
          ...report.searchesWithNothingFound,
          beforeLong: formatLongDate(report.searchesWithNothingFound.before),
          oldest: report.searchesWithNothingFound.oldest.map((s) => ({ ...s, when: readTime(s.searchedAt) })),
        },
        personalDataReads: {
          ...report.personalDataReads,
          beforeLong: formatLongDate(report.personalDataReads.before),
          oldest: report.personalDataReads.oldest.map((r) => ({ ...r, when: readTime(r.readAt), kindName: RECORD_KINDS[r.recordKind] ?? r.recordKind })),
        },
      },
    });
  });
}
