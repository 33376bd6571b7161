import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isCalendarDate, type CalendarDate } from '../../domain/clock/calendar-date.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { formErrors } from '../../platform/http/forms.js';
import { sendProblem } from '../../platform/http/problem.js';
import { apiRoute } from '../../platform/http/api.js';
import type { FieldError } from '../../platform/events/command.js';
import { formatCountry } from '../../platform/i18n/format.js';
import { t } from '../../platform/i18n/messages.js';
import { PUBLIC_LAYOUT, usePublicLanguage } from '../feedback/routes.js';
import { registerCsv, searchRegister, type MembersOn, type RegisterSearch } from './register.js';

/** A query parameter as text: the first of repeated ones; NUL bytes and lone surrogates (which no name holds) dropped, so a search never fails on them. */
const one = (value: unknown): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\0\uD800-\uDFFF]/g, (c) => (c.length === 2 ? c : '')).trim() : undefined;
};
const MAX_TEXT = 200;

/** A date from `?<name>=YYYY-MM-DD` or the GOV.UK date input `<name>-day/-month/-year`: absent, a real date, or wrong. */
export function dateParameter(query: Record<string, unknown>, name: string): { given: false } | { given: true; date: CalendarDate } | { given: true; date: null } {
  const iso = one(query[name]);
  const parts = ['day', 'month', 'year'].map((p) => one(query[`${name}-${p}`]) ?? '');
  if (iso !== undefined && iso !== '') return { given: true, date: isCalendarDate(iso) ? iso : null };
  if (query[name] !== undefined && iso === undefined) return { given: true, date: null };
  if (parts.every((p) => p === '')) return { given: false };
  const [day, month, year] = parts as [string, string, string];
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { given: true, date: null };
  const candidate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return { given: true, date: isCalendarDate(candidate) ? candidate : null };
}

/** The public register: `/accreditation/members` (page), `.csv`, and `GET /api/v1/accreditation/members`. See README-register.md. */
export function registerRoutes(app: FastifyInstance, deps: { membersOn: MembersOn; clock: { now(): Date } }) {
  const today = () => ukDate(deps.clock.now());

  /** The search of a request, or the fields that are wrong. */
  function readSearch(request: FastifyRequest): { on: CalendarDate; search: RegisterSearch; errors: FieldError[]; values: Record<string, string> } {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const on = dateParameter(query, 'on');
    const since = dateParameter(query, 'since');
    const dateError = t(request.language, 'accreditation.members.error.date');
    if (on.given && !on.date) errors.push({ field: 'on', message: dateError });
    if (since.given && !since.date) errors.push({ field: 'since', message: dateError });
    const name = (one(query.name) ?? '').slice(0, MAX_TEXT);
    const country = (one(query.country) ?? '').slice(0, MAX_TEXT);
    const values: Record<string, string> = { name, country };
    for (const field of ['on', 'since']) for (const p of ['day', 'month', 'year']) values[`${field}-${p}`] = (one(query[`${field}-${p}`]) ?? '').slice(0, 10);
    const onDate = on.given && on.date ? on.date : today();
    if (on.given && on.date && !values['on-day']) Object.assign(values, { 'on-day': String(Number(onDate.slice(8))), 'on-month': String(Number(onDate.slice(5, 7))), 'on-year': onDate.slice(0, 4) });
    return { on: onDate, search: { name: name || undefined, country: country || undefined, since: since.given && since.date ? since.date : undefined }, errors, values };
  }

  app.get('/accreditation/members', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const { on, search, errors, values } = readSearch(request);
    const members = errors.length ? [] : searchRegister(await deps.membersOn(on), search);
    const { errorList, fieldErrors } = formErrors(errors, { on: 'on-day', since: 'since-day' });
    const query = new URLSearchParams({ on, ...(search.name ? { name: search.name } : {}), ...(search.country ? { country: search.country } : {}), ...(search.since ? { since: search.since } : {}) });
    return reply.code(errors.length ? 400 : 200).page('accreditation/views/members.njk', {
      publicLayout: PUBLIC_LAYOUT,
      pageTitle: t(request.language, 'accreditation.members.title'),
      on,
      values,
      errorList,
      fieldErrors,
      members: members.map((m) => ({ ...m, countryName: formatCountry(request.language, m.country) })),
      csvUrl: `/accreditation/members.csv?${query.toString()}`,
    });
  });

  app.get('/accreditation/members.csv', { config: { access: { public: true } } }, async (request, reply) => {
    usePublicLanguage(request);
    const { on, search, errors } = readSearch(request);
    if (errors.length) return sendProblem(reply, { status: 400, title: 'Invalid search', errors });
    const members = searchRegister(await deps.membersOn(on), search);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="cpas-members-${on}.csv"`)
      .header('cache-control', 'no-store')
      .send(registerCsv(request.language, members));
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/accreditation/members',
    tag: 'Accreditation',
    summary: 'The public register of CPAS members on a day (never a suspended or removed member)',
    access: { public: true },
    query: [
      { name: 'on', description: 'The day, YYYY-MM-DD (default today)', schema: { type: 'string', format: 'date' } },
      { name: 'name', description: 'Part of the company name, in any spelling' },
      { name: 'country', description: 'The country, by name in any catalogue language or by ISO code' },
    ],
    responses: { 200: { description: 'The members on the day: name, country (ISO code), the day membership began, the accreditation reference' }, 400: { description: 'on is not a real date' } },
    handler: async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const on = dateParameter(query, 'on');
      if (on.given && !on.date) return sendProblem(reply, { status: 400, title: 'Invalid date', detail: 'on must be a real date as YYYY-MM-DD', errors: [{ field: 'on', message: 'Must be a real date as YYYY-MM-DD, for example 2026-12-04' }] });
      const date = on.given && on.date ? on.date : today();
      const members = searchRegister(await deps.membersOn(date), { name: one(query.name)?.slice(0, MAX_TEXT) || undefined, country: one(query.country)?.slice(0, MAX_TEXT) || undefined });
      return { on: date, count: members.length, members: members.map((m) => ({ name: m.name, country: m.country, memberFrom: m.memberFrom, reference: m.reference })) };
    },
  });
}
