import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BorderEventsService } from './service.js';
import { REFERRERS } from '../identity/roles.js';
import { PORTS, VEHICLE_COUNTRIES } from '../../domain/reference/ports.js';
import { referralInput } from '../../domain/incident/referral.js';
import { DUPLICATE_REFERRAL_FIELD } from '../../domain/case/opening-decision.js';
import type { CommandOutcome } from '../../platform/events/command.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { formErrors } from '../../platform/http/forms.js';
import { personDetailsFromForm, referralFormErrors, referralDetailsContext } from './referral-details-form.js';

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
    ...personDetailsFromForm(body),
    ...(body.confirmDuplicate === 'yes' ? { confirmDuplicate: true } : {}),
  };
}

/** The refusal of a referral that looks like an open case (same vehicle, date and port): the case it names. */
function sameAsOpenCase(outcome: CommandOutcome<unknown>): { reference: string; message: string } | null {
  if (outcome.ok || outcome.kind !== 'refused') return null;
  const error = outcome.errors.find((e) => e.field === DUPLICATE_REFERRAL_FIELD);
  const reference = error && /CEC-\d{4}-\d{6}/.exec(error.message)?.[0];
  return error && reference ? { reference, message: error.message } : null;
}

export function borderEventsRoutes(app: FastifyInstance, deps: { borderEvents: BorderEventsService }) {
  const { borderEvents } = deps;
  const formContext = (values: Record<string, unknown>, raw: Record<string, unknown> = {}) => ({
    pageTitle: 'Record a referral',
    values,
    raw,
    ports: [{ value: '', text: 'Choose a port or control zone' }, ...PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === values.port }))],
    ...referralDetailsContext(raw),
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
    // The form's key is the signed-in officer's own, as an API client's is.
    const outcome = await borderEvents.openCaseFromReferral(input, { actor: request.actor!, idempotencyKey: key, idempotencyScope: request.actor!.id });
    if (!outcome.ok) {
      const errors = 'errors' in outcome ? outcome.errors : [{ field: 'port', message: outcome.message }];
      const sameAs = sameAsOpenCase(outcome);
      return reply.code(sameAs ? 409 : 422).page('intake/views/referral-form.njk', {
        ...formContext(input, body),
        idempotencyKey: key,
        sameAs,
        ...formErrors(referralFormErrors(errors, body), { incidentDate: 'incidentDate-day', driverDateOfBirth: 'driverDateOfBirth-day' }),
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
      'Opens a case with a liability for the driver and one for the company. Send an Idempotency-Key: the same key with the same body returns the same case (200), never a second one. A referral that looks like a case already open — the same vehicle registration, incident date and port — is refused with 409 naming that case (`caseReference`, `case`), unless the body says `"confirmDuplicate": true` (another incident of the same vehicle that day).',
    access: { roles: REFERRERS },
    body: referralInput,
    responses: {
      201: { description: 'The case was opened', schema: z.object({ caseId: z.string(), reference: z.string() }) },
      200: { description: 'The same request was sent before with this Idempotency-Key: the case opened then', schema: z.object({ caseId: z.string(), reference: z.string() }) },
      409: {
        description:
          'The Idempotency-Key was used before for a different request; or the referral looks like an open case (same vehicle, date and port): `caseReference` and `case` name it, send `"confirmDuplicate": true` to open another case anyway',
      },
    },
    handler: async (request, reply, body) => {
      const outcome = await borderEvents.openCaseFromReferral(body, { actor: request.actor!, ...clientKey(request) });
      const sameAs = sameAsOpenCase(outcome);
      if (sameAs) {
        return reply
          .code(409)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'This looks like a case already open',
            status: 409,
            detail: `${sameAs.message} Send "confirmDuplicate": true to open another case.`,
            caseReference: sameAs.reference,
            case: `/api/v1/cases/${sameAs.reference}`,
            errors: [{ field: DUPLICATE_REFERRAL_FIELD, message: sameAs.message }],
          });
      }
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).header('location', `/api/v1/cases/${value.reference}`).send(value));
    },
  });
}

