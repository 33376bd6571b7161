import type { FastifyInstance } from 'fastify';
import { PORTS, VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { DETECTION_METHODS, SEARCH_RESULTS, SELECTION_REASONS, VEHICLE_KINDS } from '../../domain/incident/search.js';
import { ukDate, ukLocalToInstant, ukTime } from '../../domain/reference/uk-date.js';
import { asArray, dateInputValues, formErrors, readDateInput } from '../../platform/http/forms.js';
import { REFERRERS } from '../identity/roles.js';
import type { BorderEventsService } from './service.js';
import { detectionOptions } from './detection-form.js';

const items = (o: Record<string, string>, chosen: string | string[] | undefined) =>
  Object.entries(o).map(([value, text]) => ({ value, text, checked: Array.isArray(chosen) ? chosen.includes(value) : chosen === value }));

/** The search record form: quick to fill, several in a row without retyping the place. */
export function searchRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;

  const page = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    pageTitle: 'Record a search',
    values,
    ports: [{ value: '', text: 'Choose a port or control zone' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === values.port }))],
    countries: (selected: unknown) => [
      { value: '', text: 'Country' },
      ...Object.entries(VEHICLE_COUNTRIES).map(([value, text]) => ({ value, text: `${value} – ${text}`, selected: value === selected })),
    ],
    vehicleKinds: items(VEHICLE_KINDS, values.vehicleKind as string),
    reasons: items(SELECTION_REASONS, values.selectionReason as string),
    methods: items(DETECTION_METHODS, values.methods as string[]),
    results: items(SEARCH_RESULTS, values.result as string),
    detection: detectionOptions(values),
    searchedBy: items({ 'border-force': 'Border Force', contractor: 'Contractor' }, (values.searchedBy as string) ?? 'border-force'),
    ...extra,
  });

  app.get('/searches/new', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const [last] = await borderEvents.recentSearches(request.actor!.id, 1);
    const now = new Date();
    const { recorded } = request.query as { recorded?: string };
    // The place and the team carry over from the officer's last search: only the vehicle changes.
    return reply.page(
      'intake/views/search-form.njk',
      page(
        {
          port: last?.portCode,
          controlZone: last?.controlZone,
          lane: last?.lane,
          searchedBy: last?.searchedBy ?? 'border-force',
          ...dateInputValues('date', ukDate(now)),
          time: ukTime(now),
        },
        { recorded: recorded === '1', recent: await borderEvents.recentSearches(request.actor!.id, 5) },
      ),
    );
  });

  app.post('/searches', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | string[]>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    // The GOV.UK date input: an impossible date is an error beside it, and nothing is recorded.
    const date = readDateInput(body, 'date', 'The date of the search');
    const searchedAt = date.ok ? ukLocalToInstant(date.date, text('time')) : null;
    const input = {
      searchedAt: searchedAt ?? 'invalid',
      port: text('port') || undefined,
      controlZone: text('controlZone') || undefined,
      lane: text('lane') || undefined,
      vehicleKind: text('vehicleKind') || undefined,
      tractorRegistration: text('tractorRegistration') || undefined,
      tractorCountry: text('tractorCountry') || undefined,
      trailerRegistration: text('trailerRegistration') || undefined,
      trailerCountry: text('trailerCountry') || undefined,
      selectionReason: text('selectionReason') || undefined,
      methods: asArray(body.methods),
      searchedBy: text('searchedBy') || undefined,
      result: text('result') || undefined,
      // Only for a find; the reason only for "not known" (a hidden reveal keeps what was typed).
      detectingMethod: text('result') && text('result') !== 'nothing-found' ? text('detectingMethod') || undefined : undefined,
      detectingMethodUnknownReason: text('result') !== 'nothing-found' && text('detectingMethod') === 'not-known' ? text('detectingMethodUnknownReason') || undefined : undefined,
    };
    const key = text('idempotencyKey') || undefined;
    const dateValues = { 'date-day': text('date-day'), 'date-month': text('date-month'), 'date-year': text('date-year') };
    const ids = { date: 'date-day', methods: 'methods', vehicleKind: 'vehicleKind', selectionReason: 'selectionReason', result: 'result', searchedBy: 'searchedBy', detectingMethod: 'detectingMethod' };
    if (!date.ok) {
      return reply.code(422).page('intake/views/search-form.njk', page({ ...input, ...dateValues, time: text('time') }, { ...formErrors([date.error], ids), idempotencyKey: key }));
    }
    const outcome = await borderEvents.recordSearch(input, { actor: request.actor!, idempotencyKey: key && /^[\w-]{1,100}$/.test(key) ? key : undefined });
    if (!outcome.ok) {
      const errors = ('errors' in outcome ? outcome.errors : [{ field: 'port', message: outcome.message }]).map((e) =>
        e.field === 'searchedAt' ? { field: 'time', message: searchedAt ? e.message : 'Enter the time as hours and minutes, for example 14:05' } : e,
      );
      return reply.code(422).page('intake/views/search-form.njk', page({ ...input, ...dateValues, time: text('time') }, { ...formErrors(errors, ids), idempotencyKey: key }));
    }
    if (input.result === 'clandestine-entrants' || input.result === 'not-secured' || input.result === 'both') {
      return reply.redirect(`/incidents/new?search=${outcome.value.searchId}`, 303);
    }
    return reply.redirect('/searches/new?recorded=1', 303);
  });
}
