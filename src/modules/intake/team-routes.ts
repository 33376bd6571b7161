import type { FastifyInstance } from 'fastify';
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { readDateInput, dateInputValues } from '../../platform/http/forms.js';
import { PORTS, PORT_CODES } from '../../domain/reference/ports.js';
import { EARLIEST_SCHEME_DATE, spokenDate } from '../../domain/clock/plausible-dates.js';
import { shiftDayInstants, shiftOf } from '../../domain/incident/shifts.js';
import { teamDayByShift, type ShiftSummary } from '../../domain/incident/team-day.js';
import { DRAFT_OVERSEERS } from '../../domain/incident/incident-decisions.js';
import { TEAM_VIEWERS } from '../identity/roles.js';
import { incidents, searches } from './schema.js';

/*
 * The managers' team view (issue #14 item 1): for a port (or all) and a shift day, what each shift
 * recorded — searches, finds, incidents sent, drafts not sent — and who recorded it. The day is the
 * shift day (06:00 to 06:00 UK time, `src/domain/incident/shifts.ts`): by default the one under way
 * now, so at 3am the night shift that began yesterday evening is shown.
 */

const FILTERS = ['port', 'date-day', 'date-month', 'date-year'] as const;

type Problem = { field: string; message: string };

/** The query read into a port (null: all) and a day, or the problems to show beside the filters. */
export function teamFilters(query: Record<string, unknown>, today: string): { port: string | null; day: string; problems: Problem[]; values: Record<string, string> } {
  const problems: Problem[] = [];
  const values: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      problems.push({ field: name.startsWith('date') ? 'date' : name, message: 'Give each filter once' });
      continue;
    }
    values[name] = value;
  }
  const portValue = (values.port ?? '').trim();
  let port: string | null = null;
  if (portValue && portValue !== 'all') {
    if ((PORT_CODES as readonly string[]).includes(portValue)) port = portValue;
    else problems.push({ field: 'port', message: 'Choose a port from the list, or all ports' });
  }
  let day = today;
  if (['date-day', 'date-month', 'date-year'].some((name) => (values[name] ?? '').trim() !== '') && !problems.some((p) => p.field === 'date')) {
    const read = readDateInput(values, 'date', 'The date');
    if (!read.ok) problems.push(read.error);
    else if (read.date > today) problems.push({ field: 'date', message: `The date must be today or in the past (today is ${spokenDate(today)})` });
    else if (read.date < EARLIEST_SCHEME_DATE) problems.push({ field: 'date', message: `The date must be on or after ${spokenDate(EARLIEST_SCHEME_DATE)}` });
    else day = read.date;
  }
  return { port, day, problems, values };
}

/** A shift's counts as summary-list rows (the decisions not to refer only when there are some). */
function countRows(s: ShiftSummary) {
  const row = (key: string, value: number) => ({ key: { text: key }, value: { text: String(value) } });
  return [row('Searches', s.searches), row('Finds', s.finds), row('Incidents sent', s.sent), row('Drafts not sent', s.drafts), ...(s.notReferred ? [row('Kept back: not referred', s.notReferred)] : [])];
}

export function teamRoutes(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  app.get('/incidents/team', { config: { access: { roles: TEAM_VIEWERS } } }, async (request, reply) => {
    const today = shiftOf(clock.now()).day;
    const { port, day, problems, values } = teamFilters((request.query ?? {}) as Record<string, unknown>, today);
    const base = {
      pageTitle: problems.length ? 'Error: Team at the border' : 'Team at the border',
      ports: [{ value: 'all', text: 'All ports' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === (port ?? values.port) }))],
      dateValues: problems.some((p) => p.field === 'date') ? values : dateInputValues('date', day),
      errorList: problems.map((p) => ({ text: p.message, href: p.field === 'date' ? '#date-day' : `#${p.field}` })),
      fieldErrors: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    };
    if (problems.length) return reply.code(400).page('intake/views/team.njk', { ...base, shifts: null });

    const { from, to } = shiftDayInstants(day);
    const searchWhere: SQL[] = [gte(searches.searchedAt, from), lt(searches.searchedAt, to)];
    const incidentWhere: SQL[] = [gte(incidents.createdAt, from), lt(incidents.createdAt, to)];
    if (port) {
      searchWhere.push(eq(searches.portCode, port));
      incidentWhere.push(eq(incidents.portCode, port));
    }
    const searchRows = await db
      .select({ at: searches.searchedAt, officerId: searches.recordedById, officerName: searches.recordedByName, result: searches.result })
      .from(searches)
      .where(and(...searchWhere))
      .orderBy(asc(searches.searchedAt));
    const incidentRows = await db
      .select({ id: incidents.id, at: incidents.createdAt, officerId: incidents.createdById, officerName: incidents.createdByName, status: incidents.status })
      .from(incidents)
      .where(and(...incidentWhere))
      .orderBy(asc(incidents.createdAt));
    const shifts = teamDayByShift(
      day,
      searchRows.map((s) => ({ at: s.at, officerId: s.officerId, officerName: s.officerName, find: s.result !== 'nothing-found' })),
      incidentRows,
    );
    return reply.page('intake/views/team.njk', {
      ...base,
      day,
      isToday: day === today,
      portName: port ? PORTS.find((p) => p.code === port)!.name : null,
      shifts: shifts.map((s) => ({ ...s, countRows: countRows(s) })),
      // Managers correct drafts (they may open them); a senior officer sees that they exist.
      mayOpenDrafts: request.actor!.roles.some((role) => DRAFT_OVERSEERS.includes(role)),
    });
  });
}
