import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BorderEventsService } from './service.js';
import { REFERRERS } from '../identity/roles.js';
import { PORTS, VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { referralInput } from '../../domain/incident/referral.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { formErrors } from '../../platform/http/forms.js';

const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;

/** Reads the GOV.UK referral form into the same shape the API takes. */
export function referralFromForm(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const [day, month, year] = ['incidentDate-day', 'incidentDate-month', 'incidentDate-year'].map((n) => text(n)?.trim() ?? '');
  const incidentDate =
    day || month || year ? `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}` : undefined;
  const entrants = text('clandestineEntrants')?.trim();
  const offence = text('offence');
  return {
    port: text('port') || undefined,
    incidentDate,
    offence: offence || undefined,
    clandestineEntrants: !entrants ? undefined : /^\d+$/.test(entrants) ? Number(entrants) : entrants,
    vehicleRegistration: text('vehicleRegistration'),
    vehicleCountry: text('vehicleCountry'),
    driverName: text('driverName'),
    companyName: text('companyName'),
  };
}

export function borderEventsRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;
  const formContext = (values: Record<string, unknown>, raw: Record<string, unknown> = {}) => ({
    pageTitle: 'Record a referral',
    values,
    raw,
    ports: [{ value: '', text: 'Choose a port or control zone' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === values.port }))],
    countries: [
      { value: '', text: 'Choose a country' },
      ...Object.entries(VEHICLE_COUNTRIES).map(([value, text]) => ({ value, text: `${text} (${value})`, selected: value === values.vehicleCountry })),
    ],
  });

  app.get('/referrals/new', { config: { access: { roles: REFERRERS } } }, async (_request, reply) => {
    return reply.page('intake/views/referral-form.njk', { ...formContext({}), idempotencyKey: randomUUID() });
  });

  app.post('/referrals', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = referralFromForm(body);
    const key = typeof body.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(body.idempotencyKey) ? body.idempotencyKey : randomUUID();
    const outcome = await borderEvents.openCaseFromReferral(input, { actor: request.actor!, idempotencyKey: key });
    if (!outcome.ok) {
      const errors = 'errors' in outcome ? outcome.errors : [{ field: 'port', message: outcome.message }];
      return reply.code(422).page('intake/views/referral-form.njk', {
        ...formContext(input, body),
        idempotencyKey: key,
        ...formErrors(errors, { incidentDate: 'incidentDate-day' }),
      });
    }
    return reply.redirect(`/referrals/${outcome.value.reference}/sent`, 303);
  });

  app.get('/referrals/:reference/sent', { config: { access: { roles: REFERRERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    if (!/^CEC-\d{4}-\d{6}$/.test(reference)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
    return reply.page('intake/views/referral-sent.njk', { pageTitle: 'Referral sent', reference });
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/referrals',
    tag: 'Referrals',
    summary: 'Refer an incident to the civil penalty team, opening a case',
    description:
      'Opens a case with a liability for the driver and one for the company. Send an Idempotency-Key: the same key with the same body returns the same case (200), never a second one.',
    access: { roles: REFERRERS },
    body: referralInput,
    headers: [{ name: 'Idempotency-Key', description: 'A unique key per referral (for example a UUID); 1–200 letters, digits, dots, colons, dashes or underscores', required: false }],
    responses: {
      201: { description: 'The case was opened', schema: z.object({ caseId: z.string(), reference: z.string() }) },
      200: { description: 'The same request was sent before with this Idempotency-Key: the case opened then', schema: z.object({ caseId: z.string(), reference: z.string() }) },
      409: { description: 'The Idempotency-Key was used before for a different request' },
    },
    handler: async (request, reply, body) => {
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
        return sendProblem(reply, {
          status: 400,
          title: 'Invalid Idempotency-Key',
          detail: 'Idempotency-Key must be 1 to 200 letters, digits, dots, colons, dashes or underscores.',
          errors: [{ field: 'Idempotency-Key', message: 'Use 1 to 200 letters, digits, dots, colons, dashes or underscores' }],
        });
      }
      const outcome = await borderEvents.openCaseFromReferral(body, { actor: request.actor!, idempotencyKey: key });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).header('location', `/api/v1/cases/${value.reference}`).send(value));
    },
  });
}

