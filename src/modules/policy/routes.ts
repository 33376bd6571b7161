import type { FastifyInstance } from 'fastify';
import type { PolicyService } from './service.js';
import { ADMINISTRATORS } from '../identity/roles.js';
import { dateInputValues, formErrors, readDateInput } from '../../platform/http/forms.js';
import { ukDate } from '../../domain/reference/uk-date.js';

/** Flattens nested parameters into rows a person can read: "s32.capPerEntrantPence" → value. */
function parameterRows(value: unknown, prefix = ''): { name: string; value: string }[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => parameterRows(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [{ name: prefix, value: Array.isArray(value) ? value.join(', ') : String(value) }];
}

export function policyRoutes(app: FastifyInstance, deps: { policy: PolicyService }) {
  const { policy } = deps;
  const listPage = async (extra: Record<string, unknown> = {}) => {
    const versions = await policy.listVersions();
    const latest = versions[versions.length - 1];
    return {
      pageTitle: 'Policy parameters',
      versions: versions.map((v) => ({ ...v, rows: parameterRows(v.parameters) })),
      values: { parametersJson: latest ? JSON.stringify(latest.parameters, null, 2) : '', ...dateInputValues('effectiveFrom', ukDate(new Date())) },
      ...extra,
    };
  };

  app.get('/admin/policy', { config: { access: { roles: ADMINISTRATORS } } }, async (_request, reply) => {
    return reply.page('policy/views/policy.njk', await listPage());
  });

  app.post('/admin/policy', { config: { access: { roles: ADMINISTRATORS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    let parameters: unknown;
    const errors = [];
    try {
      parameters = JSON.parse(body.parametersJson ?? '');
    } catch {
      errors.push({ field: 'parametersJson', message: 'The parameters must be valid JSON: check for a missing comma or quote' });
    }
    // The GOV.UK date input (day, month, year); a calendar date in one field is still read (scripts, older forms).
    const dateParts = { 'effectiveFrom-day': body['effectiveFrom-day'] ?? '', 'effectiveFrom-month': body['effectiveFrom-month'] ?? '', 'effectiveFrom-year': body['effectiveFrom-year'] ?? '' };
    const typedParts = Object.values(dateParts).some((v) => typeof v === 'string' && v.trim() !== '') || body.effectiveFrom === undefined;
    const effective = typedParts ? readDateInput(body, 'effectiveFrom', 'The date it takes effect') : { ok: true as const, date: body.effectiveFrom ?? '' };
    if (!effective.ok) errors.push(effective.error);
    const effectiveFrom = effective.ok ? effective.date : '';
    const values = { version: body.version, effectiveFrom, ...dateParts, reason: body.reason, parametersJson: body.parametersJson };
    if (errors.length) return reply.code(422).page('policy/views/policy.njk', { ...(await listPage()), values, ...formErrors(errors, { effectiveFrom: 'effectiveFrom-day' }) });
    const outcome = await policy.publish(
      { version: body.version, effectiveFrom, reason: body.reason, parameters },
      { actor: request.actor! },
    );
    if (!outcome.ok) {
      const fieldErrors = ('errors' in outcome ? outcome.errors : [{ field: 'version', message: outcome.message }]).map((e) =>
        e.field.startsWith('parameters') ? { field: 'parametersJson', message: `${e.field.replace(/^parameters\.?/, '') || 'parameters'}: ${e.message}` } : e,
      );
      return reply.code(422).page('policy/views/policy.njk', { ...(await listPage()), values, ...formErrors(fieldErrors, { effectiveFrom: 'effectiveFrom-day' }) });
    }
    return reply.page('policy/views/policy.njk', await listPage({ published: outcome.value.version }));
  });
}
