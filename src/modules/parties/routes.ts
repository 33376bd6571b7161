import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PartiesService } from './service.js';
import { CASEWORKERS, CASE_READERS } from '../identity/roles.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendOutcome, sendProblem } from '../../platform/http/problem.js';
import { registerPartyInput } from './commands.js';
import { describeScore } from './describe-score.js';
import { birthDateSchema } from '../../domain/clock/plausible-dates.js';
import { recordPersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { addressInput } from '../../domain/incident/incident.js';
import { formErrors, singleFields } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { formatPounds } from '../../domain/penalty/money.js';
import {
  addressInWords,
  countryName,
  countryOptions,
  historySentence,
  identifierKindName,
  languageName,
  legalFormName,
  RELATIONSHIP_NAMES,
  VEHICLE_KIND_NAMES,
  VEHICLE_ROLE_NAMES,
} from './party-page.js';
import { formatDate } from '../../platform/i18n/format.js';

/** A list of register entries shown to someone: each is a read of that entry. */
const readsOfEntries = (ids: readonly string[]) => ids.map((id) => ({ record: 'party' as const, recordId: id, partyId: id }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const partyRecordInput = z.object({
  kind: z.enum(['person', 'organisation']),
  name: z.string().trim().min(1, 'Enter the name').max(300),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  address: z.string().max(500).optional(),
  postcode: z.string().max(20).optional(),
  dateOfBirth: birthDateSchema('The date of birth').optional(),
  identifiers: z.array(z.object({ kind: z.enum(['vat', 'company-number', 'operator-licence', 'driving-licence', 'passport', 'other']), value: z.string().min(1).max(100), country: z.string().optional() })).max(20).optional(),
});

/** A case naming a register entry, as the party page lists it (casework's `casesOfParties`, passed in by app.ts). */
export interface CaseOfParty {
  reference: string;
  incidentDate: string;
  role: string;
  offence: string;
  stageLabel: string;
  amountPence: number | null;
  outstandingPence: number | null;
  paymentDue: string | null;
  imposedOn: string | null;
}

type Body = Record<string, string | undefined>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? body[name]!.trim() : '');

/** An address form's fields as the register's address input takes them (empty optional fields left out). */
export function addressFromForm(body: Body) {
  const address: Record<string, string> = {};
  for (const name of ['line1', 'line2', 'town', 'postcode', 'country']) {
    const value = text(body, name);
    if (value || name === 'line1' || name === 'country') address[name] = value;
  }
  return address;
}

/** Field errors of a command on `{ address: … }` as the form's fields (`address.line1` → `line1`). */
export function addressFieldErrors(errors: readonly FieldError[] | undefined, message: string): FieldError[] {
  if (!errors?.length) return [{ field: 'line1', message }];
  return errors.map((e) => ({ ...e, field: e.field.replace(/^address\./, '') === 'address' ? 'line1' : e.field.replace(/^address\./, '') }));
}

const BANNERS: Record<string, string> = {
  address: 'Address recorded in the register.',
  vehicle: 'Vehicle recorded in the register.',
  employer: 'Employer recorded in the register.',
  merged: 'Merged: the other entry is now part of this identity.',
  rejected: 'Recorded as not the same party.',
  unmerged: 'Merge undone: the entry stands on its own again.',
};

const ROLE_NAMES: Record<string, string> = { driver: 'Driver', owner: 'Owner', hirer: 'Hirer', operator: 'Operator' };

export function partiesRoutes(app: FastifyInstance, deps: { parties: PartiesService; casesOfParties?: (partyIds: readonly string[]) => Promise<CaseOfParty[]> }) {
  const { parties } = deps;

  app.get('/parties', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const { q } = request.query as { q?: string };
    const results = q ? await parties.search(q) : [];
    await recordPersonalDataRead(request, readsOfEntries(results.map((party) => party.id)));
    return reply.page('parties/views/search.njk', { pageTitle: 'Find a person or company', q, results: results.map((party) => ({ ...party, countryName: countryName(party.country) })), searched: Boolean(q) });
  });

  app.get('/parties/:id', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await parties.getParty(id) : null;
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Party not found' });
    await recordPersonalDataRead(request, readsOfEntries([found.party.id]));
    const main = found.names[0];
    const address = found.addresses[0];
    const proposals = found.party.mergedInto
      ? []
      : await parties.findMatches(
          {
            kind: found.party.kind as 'person' | 'organisation',
            name: found.party.displayName,
            country: found.party.country,
            dateOfBirth: found.party.dateOfBirth,
            address: address ? [address.line1, address.town].filter(Boolean).join(', ') : null,
            postcode: address?.postcode ?? null,
            identifiers: found.identifiers.map((i) => ({ kind: i.kind as never, value: i.value, country: i.country })),
          },
          { excludePartyId: id },
        );
    const cases = deps.casesOfParties ? await deps.casesOfParties(found.identityMembers.length ? found.identityMembers : [found.party.id]) : [];
    const outstanding = cases.reduce((sum, c) => sum + Math.max(0, c.outstandingPence ?? 0), 0);
    const imposed = cases.filter((c) => c.imposedOn);
    const nameOf = (partyId: string) => found.otherNames.get(partyId) ?? 'another register entry';
    const relationshipText = (e: { relationship: string; validFrom: string | null; validTo: string | null }) =>
      `${RELATIONSHIP_NAMES[e.relationship] ?? e.relationship}${e.validFrom ? ` from ${formatDate('en', e.validFrom)}` : ''}${e.validTo ? ` until ${formatDate('en', e.validTo)}` : ''}`;
    const view = {
      country: countryName(found.party.country),
      nationality: countryName(found.party.nationality),
      language: languageName(found.party.language),
      legalForm: legalFormName(found.party.legalFormCode),
      identifiers: found.identifiers.map((i) => ({ kind: identifierKindName(i.kind), value: i.value, country: countryName(i.country) })),
      addresses: found.addresses.map(addressInWords),
      vehicles: found.vehicles.map((v) => `${v.registration} (${countryName(v.country)}), ${(VEHICLE_KIND_NAMES[v.kind] ?? v.kind).toLowerCase()}: ${(VEHICLE_ROLE_NAMES[v.role] ?? v.role).toLowerCase()}${v.validFrom ? ` from ${formatDate('en', v.validFrom)}` : ''}`),
      employers: found.employers.map((e) => ({ partyId: e.partyId, name: e.name, text: relationshipText(e) })),
      drivers: found.drivers.map((e) => ({ partyId: e.partyId, name: e.name, text: relationshipText(e) })),
      cases: cases.map((c) => ({ ...c, role: ROLE_NAMES[c.role] ?? c.role })),
      casesSummary: `${cases.length} ${cases.length === 1 ? 'case' : 'cases'}, ${imposed.length} with a penalty imposed; ${outstanding > 0 ? `${formatPounds(outstanding)} still owed in all` : 'nothing owed'}.`,
      history: found.history.map((e) => ({
        occurredAt: e.occurredAt,
        actorName: e.actorName,
        sentence: historySentence({ type: e.type, payload: e.payload as Record<string, unknown>, actorName: e.actorName }, nameOf),
        reason: typeof (e.payload as Record<string, unknown>).reason === 'string' ? String((e.payload as Record<string, unknown>).reason) : null,
      })),
    };
    return reply.page('parties/views/party.njk', {
      pageTitle: found.party.displayName,
      found,
      view,
      mainName: main,
      proposals: proposals.map((p) => ({ ...p, countryName: countryName(p.country), explained: describeScore(p.score) })),
      canDecide: request.actor!.roles.some((r) => CASEWORKERS.includes(r as never)),
      backLink: '/parties',
    });
  });

  const decision = (action: 'merge' | 'reject' | 'unmerge') => async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const reason = body.reason?.trim() || (action === 'merge' ? 'Confirmed as the same party by a caseworker' : action === 'reject' ? 'Not the same party, decided by a caseworker' : 'Merge undone by a caseworker');
    const outcome =
      action === 'merge'
        ? await parties.merge({ survivorId: id, mergedId: body.otherId, reason }, { actor: request.actor! })
        : action === 'reject'
          ? await parties.rejectMatch({ partyId: id, otherId: body.otherId, reason }, { actor: request.actor! })
          : await parties.unmerge({ partyId: body.otherId ?? id, reason }, { actor: request.actor! });
    if (!outcome.ok) {
      return reply.code(422).page('parties/views/decision-refused.njk', { pageTitle: 'That could not be done', message: outcome.message, backLink: `/parties/${id}` });
    }
    return reply.confirmation(BANNERS[action === 'merge' ? 'merged' : action === 'reject' ? 'rejected' : 'unmerged']!).redirect(`/parties/${id}`, 303);
  };
  app.post('/parties/:id/merge', { config: { access: { roles: CASEWORKERS } } }, decision('merge'));
  app.post('/parties/:id/reject', { config: { access: { roles: CASEWORKERS } } }, decision('reject'));
  app.post('/parties/:id/unmerge', { config: { access: { roles: CASEWORKERS } } }, decision('unmerge'));

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/parties',
    tag: 'Parties',
    summary: 'Search the register by name (any spelling or alphabet), registration, identifier or date of birth',
    access: { roles: CASE_READERS },
    query: [{ name: 'q', description: 'What to search for', required: true }],
    responses: { 200: { description: 'Matching parties, best first' } },
    handler: async (request, reply) => {
      const { q } = request.query as { q?: string };
      if (!q?.trim()) return sendProblem(reply, { status: 400, title: 'Say what to search for', errors: [{ field: 'q', message: 'Enter a name, registration, identifier or date of birth' }] });
      const found = await parties.search(q);
      await recordPersonalDataRead(request, readsOfEntries(found.map((party) => party.id)));
      return { parties: found.map((p) => ({ id: p.id, kind: p.kind, name: p.displayName, country: p.country, dateOfBirth: p.dateOfBirth, mergedInto: p.mergedInto })) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/parties',
    tag: 'Parties',
    summary: 'Register a person or organisation',
    access: { roles: CASEWORKERS },
    body: registerPartyInput,
    responses: { 201: { description: 'Registered', schema: z.object({ partyId: z.string() }) } },
    handler: async (request, reply, body) => {
      const outcome = await parties.register(body, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/party-matches',
    tag: 'Parties',
    summary: 'Existing parties that may be the one described, with each field’s contribution to the score',
    access: { roles: CASE_READERS },
    body: partyRecordInput,
    idempotentBecause: 'A search sent as a POST: it changes nothing.',
    responses: { 200: { description: 'Proposals, best first: classification match or possible, total weight in bits, and every field' } },
    handler: async (request, _reply, body) => {
      const proposals = await parties.findMatches(body as never);
      await recordPersonalDataRead(request, readsOfEntries(proposals.map((p) => p.partyId)));
      return { proposals: proposals.map((p) => ({ partyId: p.partyId, name: p.displayName, matchedName: p.matchedName, classification: p.score.classification, totalWeight: p.score.totalWeight, fields: p.score.fields })) };
    },
  });

  /* ---- Recording in the register: an address, a vehicle, a driver's employer (each a command) ---- */

  const partyOr404 = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? await parties.getParty(id) : null;
    if (!found) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Party not found' });
      return null;
    }
    return found;
  };

  const renderAddress = (reply: import('fastify').FastifyReply, found: NonNullable<Awaited<ReturnType<PartiesService['getParty']>>>, values: Body, errors: FieldError[] = []) => {
    const { errorList, fieldErrors } = formErrors(errors);
    return reply.code(errors.length ? 422 : 200).page('parties/views/address-form.njk', {
      pageTitle: `Record an address – ${found.party.displayName}`,
      caption: found.party.displayName,
      existing: found.addresses.map(addressInWords),
      action: `/parties/${found.party.id}/address`,
      hidden: {},
      values,
      countries: countryOptions(values.country),
      errorList,
      fieldErrors,
      cancel: `/parties/${found.party.id}`,
      backLink: `/parties/${found.party.id}`,
    });
  };

  app.get('/parties/:id/address', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    return renderAddress(reply, found, { country: found.party.country ?? '' });
  });

  app.post('/parties/:id/address', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    const body = singleFields(request.body);
    const outcome = await parties.recordAddress({ partyId: found.party.id, address: addressFromForm(body) }, { actor: request.actor! });
    if (!outcome.ok) return renderAddress(reply, found, body, addressFieldErrors('errors' in outcome ? outcome.errors : undefined, outcome.message));
    return reply.confirmation(BANNERS.address!).redirect(`/parties/${found.party.id}`, 303);
  });

  const vehicleKinds = (chosen?: string) => Object.entries(VEHICLE_KIND_NAMES).map(([value, label]) => ({ value, text: label, checked: value === chosen }));
  const vehicleRoles = (chosen?: string) => Object.entries(VEHICLE_ROLE_NAMES).map(([value, label]) => ({ value, text: label, checked: value === chosen }));
  const renderVehicle = (reply: import('fastify').FastifyReply, found: NonNullable<Awaited<ReturnType<PartiesService['getParty']>>>, values: Body, errors: FieldError[] = []) => {
    const { errorList, fieldErrors } = formErrors(errors, { kind: 'kind', role: 'role' });
    return reply.code(errors.length ? 422 : 200).page('parties/views/vehicle-form.njk', {
      pageTitle: `Record a vehicle – ${found.party.displayName}`,
      party: found.party,
      values,
      countries: countryOptions(values.country),
      kinds: vehicleKinds(values.kind),
      roles: vehicleRoles(values.role),
      errorList,
      fieldErrors,
      backLink: `/parties/${found.party.id}`,
    });
  };

  app.get('/parties/:id/vehicles', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    return renderVehicle(reply, found, { country: found.party.country ?? '', kind: 'hgv-tractor', role: 'owner' });
  });

  app.post('/parties/:id/vehicles', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    const body = singleFields(request.body);
    const role = text(body, 'role');
    const errors: FieldError[] = [];
    if (!Object.hasOwn(VEHICLE_ROLE_NAMES, role)) errors.push({ field: 'role', message: `Choose how ${found.party.displayName} is linked to the vehicle` });
    const outcome = await parties.registerVehicle(
      { registration: text(body, 'registration'), country: text(body, 'country'), kind: text(body, 'kind') || undefined, links: errors.length ? [] : [{ partyId: found.party.id, role }] },
      { actor: request.actor! },
    );
    if (!outcome.ok || errors.length) {
      const refused = outcome.ok ? [] : 'errors' in outcome && outcome.errors?.length ? outcome.errors : [{ field: 'registration', message: outcome.message }];
      return renderVehicle(reply, found, body, [...refused.map((e) => ({ ...e, field: e.field.split('.')[0]! })), ...errors]);
    }
    return reply.confirmation(BANNERS.vehicle!).redirect(`/parties/${found.party.id}`, 303);
  });

  const relationships = (chosen?: string) => Object.entries(RELATIONSHIP_NAMES).map(([value, label]) => ({ value, text: label, checked: value === chosen }));
  const renderEmployer = async (reply: import('fastify').FastifyReply, found: NonNullable<Awaited<ReturnType<PartiesService['getParty']>>>, values: Body, errors: FieldError[] = []) => {
    const q = values.q ?? '';
    const results = q ? (await parties.search(q, 20)).filter((p) => p.kind === 'organisation' && !p.mergedInto) : [];
    const { errorList, fieldErrors } = formErrors(errors, { organisationId: 'organisationId', relationship: 'relationship' });
    return reply.code(errors.length ? 422 : 200).page('parties/views/employer-form.njk', {
      pageTitle: `Record the driver’s employer – ${found.party.displayName}`,
      party: found.party,
      q,
      searched: Boolean(q),
      organisations: results.map((p) => ({ value: p.id, text: `${p.displayName}${p.country ? ` (${countryName(p.country)})` : ''}`, checked: p.id === values.organisationId })),
      relationships: relationships(values.relationship ?? 'employee'),
      errorList,
      fieldErrors,
      backLink: `/parties/${found.party.id}`,
    });
  };

  app.get('/parties/:id/employer', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    const { q } = request.query as { q?: string };
    return renderEmployer(reply, found, { q: (q ?? '').trim().slice(0, 200) });
  });

  app.post('/parties/:id/employer', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const found = await partyOr404(request, reply);
    if (!found) return reply;
    const body = singleFields(request.body);
    const errors: FieldError[] = [];
    if (!UUID.test(text(body, 'organisationId'))) errors.push({ field: 'organisationId', message: 'Choose the employer' });
    if (!Object.hasOwn(RELATIONSHIP_NAMES, text(body, 'relationship'))) errors.push({ field: 'relationship', message: 'Choose how they drive for the employer' });
    if (errors.length) return renderEmployer(reply, found, body, errors);
    const outcome = await parties.linkEmployment({ personId: found.party.id, organisationId: text(body, 'organisationId'), relationship: text(body, 'relationship') }, { actor: request.actor! });
    if (!outcome.ok) return renderEmployer(reply, found, body, [{ field: 'organisationId', message: outcome.message }]);
    return reply.confirmation(BANNERS.employer!).redirect(`/parties/${found.party.id}`, 303);
  });

  /* ---- The same through the API ---- */

  const partyIdOr404 = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { id } = request.params as { id: string };
    const exists = UUID.test(id) ? (await parties.resolvedPartyId(id)) !== null : false;
    const party = exists ? { id } : null;
    if (!party) {
      await sendProblem(reply, { status: 404, title: 'Party not found', detail: 'No register entry has that id.' });
      return null;
    }
    return party;
  };

  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/parties/:id/addresses',
    tag: 'Parties',
    summary: 'Record an address for a register entry, beside any it has (nothing is overwritten)',
    description: 'An address the entry already has (compared after normalisation: abbreviations, diacritics, postcode spacing) is refused with 422.',
    access: { roles: CASEWORKERS },
    body: addressInput,
    responses: {
      201: { description: 'Recorded', schema: z.object({ partyId: z.string() }) },
      404: { description: 'No register entry has that id' },
    },
    handler: async (request, reply, body) => {
      const party = await partyIdOr404(request, reply);
      if (!party) return reply;
      const outcome = await parties.recordAddress({ partyId: party.id, address: body }, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send({ partyId: value.partyId }));
    },
  });

  const vehicleBody = z.object({
    registration: z.string({ message: 'Enter the registration' }).trim().min(1, 'Enter the registration').max(20),
    country: z.string({ message: 'Enter the country' }).trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Enter the country as a two-letter code, for example PL'),
    kind: z.enum(['hgv-tractor', 'trailer', 'van', 'car', 'coach'], { message: 'Choose the kind of vehicle' }),
    role: z.enum(['owner', 'operator', 'hirer'], { message: 'Say whether the party owns, operates or hires the vehicle' }),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the start date as year-month-day').optional(),
  });
  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/parties/:id/vehicles',
    tag: 'Parties',
    summary: 'Record a vehicle a register entry owns, operates or hires (the vehicle is registered once per registration and country)',
    description: 'The registration is compared as plate readers read it (spaces, dashes and look-alike letters ignored).',
    access: { roles: CASEWORKERS },
    body: vehicleBody,
    responses: {
      201: { description: 'Recorded', schema: z.object({ vehicleId: z.string() }) },
      404: { description: 'No register entry has that id' },
    },
    handler: async (request, reply, body) => {
      const party = await partyIdOr404(request, reply);
      if (!party) return reply;
      const { role, validFrom, ...vehicle } = body;
      const outcome = await parties.registerVehicle({ ...vehicle, links: [{ partyId: party.id, role, ...(validFrom ? { validFrom } : {}) }] }, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });

  const employerBody = z.object({
    organisationId: z.uuid('Give the register id of the employer'),
    relationship: z.enum(['employee', 'contractor', 'agency'], { message: 'Say whether the driver is an employee, contractor or agency driver' }),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the start date as year-month-day').optional(),
    validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the end date as year-month-day').optional(),
  });
  apiRoute(app, {
    method: 'POST',
    path: '/api/v1/parties/:id/employers',
    tag: 'Parties',
    summary: 'Record the organisation a driver (a person in the register) works for or drives under contract to',
    access: { roles: CASEWORKERS },
    body: employerBody,
    responses: {
      201: { description: 'Recorded', schema: z.object({ linked: z.boolean() }) },
      404: { description: 'No register entry has that id' },
    },
    handler: async (request, reply, body) => {
      const party = await partyIdOr404(request, reply);
      if (!party) return reply;
      const outcome = await parties.linkEmployment({ personId: party.id, ...body }, { actor: request.actor!, ...clientKey(request) });
      return sendOutcome(reply, outcome, (value, replayed) => reply.code(replayed ? 200 : 201).send(value));
    },
  });
}
