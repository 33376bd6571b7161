import { and, asc, gte, lte, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import type { FieldError } from '../../../platform/events/command.js';
import { formErrors } from '../../../platform/http/forms.js';
import { isAfter } from '../../../domain/clock/calendar-date.js';
import { discretionReasons, DEFAULT_DISCRETION_REASONS, type DiscretionReasons } from '../../../domain/policy/policy-parameters.js';
import { portName } from '../../../domain/reference/ports.js';
import type { IdentityService } from '../../identity/service.js';
import { readDate } from '../action-forms.js';
import { policyVersionsIn } from '../case-clock.js';
import { discretionDecisions } from '../schema.js';

/*
 * The consistency view (seed 003 §10.68–10.70, figure 38): every discretionary reduction a Senior
 * Officer approved, counted by reason, by the officer who drafted it, by the Senior Officer who
 * approved it and by port, with the amounts taken off, over a date range. Read from the projected
 * `discretion_decisions` table.
 */

export const CONSISTENCY_VIEWERS = ['manager', 'senior-officer'] as const;

interface Group {
  name: string;
  count: number;
  reducedPence: number;
  /** Lowest and highest percentage, so different treatment of the same reason shows. */
  lowestPercent: number;
  highestPercent: number;
}

type Row = typeof discretionDecisions.$inferSelect;

function grouped(rows: readonly Row[], keyOf: (row: Row) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const name = keyOf(row);
    const percent = row.basisPoints / 100;
    const group = groups.get(name) ?? { name, count: 0, reducedPence: 0, lowestPercent: percent, highestPercent: percent };
    group.count += 1;
    group.reducedPence += row.reducedPence;
    group.lowestPercent = Math.min(group.lowestPercent, percent);
    group.highestPercent = Math.max(group.highestPercent, percent);
    groups.set(name, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** The approved discretion between two dates (either may be open), grouped for the page. */
export async function discretionConsistency(db: Db, range: { from?: string | undefined; to?: string | undefined }, names: { officer: (id: string) => string; reasons: DiscretionReasons }) {
  const conditions: SQL[] = [];
  if (range.from) conditions.push(gte(discretionDecisions.approvedOn, range.from));
  if (range.to) conditions.push(lte(discretionDecisions.approvedOn, range.to));
  const rows = await db
    .select()
    .from(discretionDecisions)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(discretionDecisions.approvedOn), asc(discretionDecisions.id));
  const reasonName = (row: Row) => `${names.reasons[row.reasonCode]?.name ?? row.reasonCode}${row.afterMeans ? ' (after means testing)' : ''}`;
  return {
    total: { count: rows.length, reducedPence: rows.reduce((sum, row) => sum + row.reducedPence, 0) },
    byReason: grouped(rows, reasonName),
    byDrafter: grouped(rows, (row) => names.officer(row.draftedBy)),
    byApprover: grouped(rows, (row) => names.officer(row.approvedBy)),
    byPort: grouped(rows, (row) => portName(row.portCode)),
  };
}

const text = (query: Record<string, unknown>, name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
const anyPart = (query: Record<string, unknown>, name: string) => ['day', 'month', 'year'].some((part) => text(query, `${name}-${part}`) !== '');

/** GET /discretion: the page, filtered by the GOV.UK date inputs "from" and "to" (both optional). */
export function discretionConsistencyRoutes(app: FastifyInstance, deps: { db: Db; identity: IdentityService }) {
  const { db, identity } = deps;
  app.get('/discretion', { config: { access: { roles: CONSISTENCY_VIEWERS } } }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const range: { from?: string; to?: string } = {};
    for (const [name, label] of [['from', 'The first date'], ['to', 'The last date']] as const) {
      if (!anyPart(query, name)) continue;
      const read = readDate(query, name, label);
      if (read.ok) range[name] = read.date;
      else errors.push(read.error);
    }
    if (range.from && range.to && isAfter(range.from, range.to)) errors.push({ field: 'to', message: 'The last date must be the same as or after the first date' });
    const users = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
    const versions = await policyVersionsIn(db);
    const latest = versions.at(-1);
    const reasons = latest ? discretionReasons(latest.parameters) : DEFAULT_DISCRETION_REASONS;
    const view = errors.length ? null : await discretionConsistency(db, range, { officer: (id) => users.get(id) ?? 'Unknown officer', reasons });
    const { errorList, fieldErrors } = formErrors(errors, { from: 'from-day', to: 'to-day' });
    return reply.code(errors.length ? 422 : 200).page('casework/discretion/views/consistency.njk', {
      pageTitle: 'Discretion: consistency',
      view,
      range,
      values: query,
      errorList,
      fieldErrors,
    });
  });
}
