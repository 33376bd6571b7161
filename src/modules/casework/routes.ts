import type { FastifyInstance } from 'fastify';
import { isCaseReference } from '../../domain/liability/case-reference.js';
import { z } from 'zod';
import type { CasesService } from './service.js';
import type { PartiesService } from '../parties/service.js';
import type { IncidentReader } from './incident-reader.js';
import { GOODS_VEHICLE_SECURITY_REQUIREMENTS } from '../../domain/incident/security-requirements.js';
import type { PolicyService } from '../policy/service.js';
import { caseDeadlines } from './case-deadlines.js';
import { caseClockFacts } from './case-clock.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { describeScore } from '../parties/describe-score.js';
import { CASE_READERS, CASEWORKERS } from '../identity/roles.js';
import { PORTS } from '../../domain/reference/ports.js';
import { apiRoute } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import type { IdentityService } from '../identity/service.js';
import { liabilityViews } from './case-view.js';
import { anyApplies } from './liability-status.js';
import { withReadableDates } from '../../platform/http/dates.js';
import { liabilityApi, liabilityApiSchema } from './case-api-view.js';
import { loadSections, type CasePageSection } from './case-page-sections.js';
import { recordPersonalDataRead, type PersonalDataRead } from '../../platform/http/personal-data-reads.js';
import { borderDetailsOf } from './border-details.js';
import { referralPersonFor, referralResponsiblePersons } from '../../domain/incident/referral.js';
import { formErrors, singleFields } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { addressFieldErrors, addressFromForm } from '../parties/routes.js';
import { addressInWords, countryName, countryOptions } from '../parties/party-page.js';

/**
 * A case shows the people responsible: one read of the case for each register entry confirmed on
 * it (one for the case alone when none is), and one of each entry proposed as a match.
 */
function caseReads(kase: { id: string; reference: string; liabilities: readonly { partyId: string | null }[] }, proposed: readonly string[] = []): PersonalDataRead[] {
  const confirmed = [...new Set(kase.liabilities.flatMap((l) => (l.partyId ? [l.partyId] : [])))];
  return [
    ...(confirmed.length ? confirmed : [null]).map((partyId) => ({ record: 'case' as const, recordId: kase.id, partyId, caseReference: kase.reference })),
    ...[...new Set(proposed)].filter((id) => !confirmed.includes(id)).map((id) => ({ record: 'party' as const, recordId: id, partyId: id, caseReference: kase.reference })),
  ];
}

/** The banner over the responsible persons after a register step taken from the case. */
const REGISTER_BANNERS: Record<string, string> = {
  party: 'Identified in the register.',
  address: 'Address recorded in the register: letters on this case go to it.',
};

const caseSummary = z.object({
  reference: z.string(),
  offence: z.enum(['S31A', 'S32']),
  incidentDate: z.string(),
  port: z.string(),
  clandestineEntrants: z.number().int().nullable(),
  vehicleRegistration: z.string(),
  vehicleCountry: z.string(),
  driverName: z.string(),
  companyName: z.string(),
  stage: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  lastDayToImpose: z.string().nullable().describe('The last day a penalty notice may be issued, from the statutory clock (YYYY-MM-DD); null when no limit applies or the clock cannot start'),
});

function toApiCase(row: {
  reference: string; offence: string; incidentDate: string; portCode: string; clandestineEntrants: number | null;
  vehicleRegistration: string; vehicleCountry: string; driverName: string; companyName: string; stage: string; createdAt: Date; version: number;
  lastDayToImpose: string | null;
}) {
  return {
    reference: row.reference,
    offence: row.offence,
    incidentDate: row.incidentDate,
    port: row.portCode,
    clandestineEntrants: row.clandestineEntrants,
    vehicleRegistration: row.vehicleRegistration,
    vehicleCountry: row.vehicleCountry,
    driverName: row.driverName,
    companyName: row.companyName,
    stage: row.stage,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    lastDayToImpose: row.lastDayToImpose,
  };
}

export function casesRoutes(app: FastifyInstance, deps: { cases: CasesService; parties: PartiesService; borderEvents: IncidentReader; policy: PolicyService; identity: IdentityService; sections?: readonly CasePageSection[] }) {
  const { cases, parties, borderEvents, policy, identity } = deps;

  app.get('/cases', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const page = Number.parseInt(query.page ?? '1', 10);
    const result = await cases.listCases({
      q: query.q,
      offence: query.offence === 'S31A' || query.offence === 'S32' ? query.offence : undefined,
      port: PORTS.some((p) => p.code === query.port) ? query.port : undefined,
      page: Number.isFinite(page) ? page : 1,
    });
    const params = new URLSearchParams();
    for (const key of ['q', 'offence', 'port'] as const) if (query[key]) params.set(key, query[key]!);
    return reply.page('casework/views/list.njk', {
      pageTitle: 'Cases',
      result,
      query,
      ports: PORTS.map((p) => ({ value: p.code, text: p.name, selected: p.code === query.port })),
      pageLink: (n: number) => `/cases?${new URLSearchParams([...params, ['page', String(n)]]).toString()}`,
    });
  });

  app.get('/cases/:reference', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    const found = await cases.getCase(reference);
    if (!found) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    const file = await cases.caseFile(found.reference);
    const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
    const today = ukDate(cases.now());
    const views = file ? liabilityViews(file, request.actor!, today, (id) => names.get(id) ?? 'another officer') : [];
    // Who each responsible person is: a confirmed register entry, or proposals for a caseworker to decide.
    const people = await Promise.all(
      found.liabilities.map(async (l) => {
        const view = views.find((v) => v.row.id === l.id);
        const members = l.partyId ? await parties.identityMembers(l.partyId) : [];
        return {
          ...l,
          view,
          previousPenalties: l.partyId ? await cases.previousPenaltyCases(members, found.id) : [],
          openMatches: l.partyId ? (await parties.openMatches(l.partyId)).map((m) => ({ ...m, country: countryName(m.country) })) : [],
          proposals: l.partyId
            ? []
            : (await parties.findMatches({ kind: l.role === 'driver' ? 'person' : 'organisation', name: l.partyName, country: l.role === 'driver' ? null : found.vehicleCountry })).map((p) => ({
                ...p,
                country: countryName(p.country),
                explained: describeScore(p.score),
              })),
        };
      }),
    );
    await recordPersonalDataRead(request, caseReads(found, people.flatMap((person) => person.proposals.map((p) => p.partyId))));
    const incident = found.incidentId ? await borderEvents.incidentForCase(found.id) : null;
    const requirementNames: Record<string, string> = Object.fromEntries(GOODS_VEHICLE_SECURITY_REQUIREMENTS.map((r) => [r.code, r.names.en]));
    // The case's stage is its least advanced liability's: that liability's view says what it means now and what the rules allow next.
    const leading = views.find((v) => v.state.stage === found.stage) ?? views[0];
    const caseWide = views.length ? anyApplies(views.map((v) => v.state)) : undefined;
    return reply.page('casework/views/case.njk', {
      pageTitle: `Case ${found.reference}`,
      kase: {
        ...found,
        ...(leading ? { stageLabel: leading.stageDescription, nextStep: leading.nextStep } : {}),
        // The timeline's words carry the events' dates as recorded: the page writes them "4 December 2026".
        timeline: found.timeline.map((entry) => ({ ...entry, description: withReadableDates(entry.description) })),
      },
      clock: caseDeadlines(caseClockFacts(found.incidentDate, found.lorryDrop), await policy.versions(), today, caseWide),
      investigationErrors: (request.query as { error?: string }).error ?? null,
      people,
      incident,
      // What a minimal referral recorded about each person (its documents, date of birth): the second officer checks against them.
      referredPersons: found.referral ? referralResponsiblePersons(found.referral) : null,
      requirementFindings: Object.entries(incident?.data.requirements ?? {}).map(([code, finding]) => ({ name: requirementNames[code] ?? code, finding })),
      canDecide: request.actor!.roles.some((r) => CASEWORKERS.includes(r as never)),
      sections: file ? await loadSections(deps.sections ?? [], file, request.actor!, today) : {},
      sectionNames: (deps.sections ?? []).map((section) => section.name),
      backLink: '/cases',
    });
  });

  const confirm = async (
    request: import('fastify').FastifyRequest,
    reply: import('fastify').FastifyReply,
    partyId: string,
    how: 'confirmed-proposal' | 'created-new',
    score?: number,
  ) => {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const body = (request.body ?? {}) as Record<string, string>;
    const expectedVersion = /^\d+$/.test(body.version ?? '') ? Number(body.version) : undefined;
    const outcome = await cases.confirmLiabilityParty({ reference, liabilityId, partyId, how, score }, { actor: request.actor!, expectedVersion });
    if (!outcome.ok) {
      return reply.code(outcome.kind === 'conflict' ? 409 : 422).page('parties/views/decision-refused.njk', { pageTitle: 'That could not be done', message: outcome.message, backLink: `/cases/${reference}` });
    }
    if (how === 'confirmed-proposal') {
      // What the border recorded that the entry lacks (a new address, another document) is added to it as records of their own.
      const details = await borderDetailsFor(reference, liabilityId);
      if (details && Object.keys(details).length) {
        await parties.addDetails({ partyId, caseReference: outcome.value.reference, ...details }, { actor: request.actor!, idempotencyKey: `border-details-${liabilityId}-${partyId}` });
      }
    }
    const name = (await cases.getCase(reference))?.liabilities.find((l) => l.id === liabilityId)?.partyName ?? 'the responsible person';
    return reply
      .confirmation(how === 'created-new' ? `New register entry made for ${name} and linked to the case` : `Register entry confirmed for ${name}`)
      .redirect(`/cases/${reference}#responsible-persons`, 303);
  };

  /** What the incident recorded about the responsible person behind a liability, as the register takes it. */
  async function borderDetailsFor(reference: string, liabilityId: string) {
    const found = await cases.getCase(reference);
    const liability = found?.liabilities.find((l) => l.id === liabilityId);
    if (!found || !liability) return null;
    const incident = found.incidentId ? await borderEvents.incidentForCase(found.id) : null;
    const person = liability.personIndex !== null ? incident?.data.responsiblePersons?.[liability.personIndex] : undefined;
    // A minimal referral carries the same details for its driver and company (addresses, documents, date of birth).
    if (!person && found.referral) return borderDetailsOf(referralPersonFor(found.referral, liability.role), liability);
    return borderDetailsOf(person, liability);
  }

  app.post('/cases/:reference/liabilities/:liabilityId/party', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const score = Number(body.score);
    return confirm(request, reply, body.partyId ?? '', 'confirmed-proposal', Number.isFinite(score) ? score : undefined);
  });

  app.post('/cases/:reference/liabilities/:liabilityId/new-party', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const found = await cases.getCase(reference);
    const liability = found?.liabilities.find((l) => l.id === liabilityId);
    if (!found || !liability) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    // Every detail the border recorded goes into the new entry, not the name alone.
    const details = (await borderDetailsFor(found.reference, liabilityId)) ?? {};
    const kind = liability.role === 'driver' ? 'person' : 'organisation';
    const registered = await parties.register(
      { kind, name: liability.partyName, ...(kind === 'person' ? {} : { country: found.vehicleCountry }), ...details, ...(kind === 'organisation' ? { dateOfBirth: undefined, nationality: undefined } : {}) },
      { actor: request.actor!, idempotencyKey: `new-party-for-${liabilityId}` },
    );
    if (!registered.ok) return reply.code(422).page('parties/views/decision-refused.njk', { pageTitle: 'That could not be done', message: registered.message, backLink: `/cases/${reference}` });
    return confirm(request, reply, registered.value.partyId, 'created-new');
  });

  /* A person with no address on the case (a quick referral, the API): recorded in the register, and the case follows. */

  const addressPerson = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const found = await cases.getCase(reference);
    const liability = found?.liabilities.find((l) => l.id === liabilityId);
    if (!found || !liability) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
      return null;
    }
    if (!liability.partyId) {
      await reply.code(422).page('parties/views/decision-refused.njk', { pageTitle: 'That could not be done', message: 'Identify the person in the register first: confirm an existing entry or create a new one.', backLink: `/cases/${found.reference}#responsible-persons` });
      return null;
    }
    const party = await parties.getParty(liability.partyId);
    return { found, liability, partyId: liability.partyId, existing: party?.addresses.map(addressInWords) ?? [] };
  };

  const renderRegisterAddress = (reply: import('fastify').FastifyReply, target: NonNullable<Awaited<ReturnType<typeof addressPerson>>>, values: Record<string, string | undefined>, errors: FieldError[] = []) => {
    const { errorList, fieldErrors } = formErrors(errors);
    const { found, liability } = target;
    return reply.code(errors.length ? 422 : 200).page('parties/views/address-form.njk', {
      pageTitle: `Record an address – ${found.reference}`,
      caption: `Case ${found.reference} – ${liability.role.replace(/^./, (c) => c.toUpperCase())}: ${liability.partyName}`,
      existing: target.existing,
      intro: 'The address is recorded in the parties register for their entry, and letters on this case go to it.',
      action: `/cases/${found.reference}/liabilities/${liability.id}/address`,
      hidden: { version: String(values.version ?? found.version) },
      values,
      countries: countryOptions(values.country),
      errorList,
      fieldErrors,
      cancel: `/cases/${found.reference}#responsible-persons`,
      backLink: `/cases/${found.reference}#responsible-persons`,
    });
  };

  app.get('/cases/:reference/liabilities/:liabilityId/address', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const target = await addressPerson(request, reply);
    if (!target) return reply;
    return renderRegisterAddress(reply, target, { country: target.found.vehicleCountry });
  });

  app.post('/cases/:reference/liabilities/:liabilityId/address', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const target = await addressPerson(request, reply);
    if (!target) return reply;
    const body: Record<string, string | undefined> = singleFields(request.body);
    const address = addressFromForm(body);
    const expectedVersion = /^\d+$/.test(body.version ?? '') ? Number(body.version) : undefined;
    if (target.liability.addressLines?.length) {
      return renderRegisterAddress(reply, target, body, [{ field: 'line1', message: 'This person already has an address on the case: propose a change of address, which a second officer approves' }]);
    }
    const recorded = await parties.recordAddress({ partyId: target.partyId, address }, { actor: request.actor! });
    // An address the register has already is the one to use: only the case needs it now.
    const alreadyThere = !recorded.ok && recorded.kind === 'refused' && recorded.message === 'The register already has that';
    if (!recorded.ok && !alreadyThere) return renderRegisterAddress(reply, target, body, addressFieldErrors('errors' in recorded ? recorded.errors : undefined, recorded.message));
    const onCase = await cases.recordLiabilityAddress(
      { reference: target.found.reference, liabilityId: target.liability.id, partyId: target.partyId, address },
      { actor: request.actor!, expectedVersion },
    );
    if (!onCase.ok) {
      const message = onCase.kind === 'conflict' ? 'Someone else changed this case while you were entering the address. The address is in the register; send the form again to use it on the case.' : onCase.message;
      return renderRegisterAddress(reply, { ...target, existing: [...target.existing, ...(recorded.ok ? [addressInWords(address as never)] : [])] }, { ...body, version: String(target.found.version) }, [{ field: 'line1', message }]);
    }
    return reply.confirmation(REGISTER_BANNERS.address!).redirect(`/cases/${target.found.reference}#responsible-persons`, 303);
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/cases',
    tag: 'Cases',
    summary: 'List cases, newest first',
    access: { roles: CASE_READERS },
    query: [
      { name: 'q', description: 'Case reference, registration, company or driver name' },
      { name: 'page', description: 'Page number, from 1', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: {
      200: {
        description: 'A page of cases',
        schema: z.object({ cases: z.array(caseSummary), total: z.number().int(), page: z.number().int(), pages: z.number().int() }),
      },
    },
    handler: async (request) => {
      const query = request.query as Record<string, string | undefined>;
      const page = Number.parseInt(query.page ?? '1', 10);
      const result = await cases.listCases({ q: query.q, page: Number.isFinite(page) ? page : 1 });
      return { cases: result.rows.map(toApiCase), total: result.total, page: result.page, pages: result.pages };
    },
  });

  apiRoute(app, {
    method: 'GET',
    path: '/api/v1/cases/:reference',
    tag: 'Cases',
    summary: 'One case, with its liabilities (stage, amounts, deadlines, the steps open now and those refused) and timeline',
    description:
      'What the case page shows: for each responsible person the stage, the amounts in pence, every deadline from the statutory clock with its rule and the days left by the casework clock, and the steps the caller may take now (POST them to …/liabilities/{liabilityId}/actions/{action} with expectedVersion = version) or may not take yet, with the reasons.',
    access: { roles: CASE_READERS },
    responses: {
      200: {
        description: 'The case',
        schema: caseSummary.extend({
          lorryDrop: z
            .object({ estimatedArrivalDate: z.string(), detectionDate: z.string() })
            .nullable()
            .describe('Only for an inland find (lorry drop): the clock starts on the earlier of the two dates'),
          liabilities: z.array(liabilityApiSchema),
          timeline: z.array(z.object({ title: z.string(), description: z.string(), actorName: z.string(), occurredAt: z.string() })),
        }),
      },
      404: { description: 'No case has that reference' },
    },
    handler: async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const found = isCaseReference(reference) ? await cases.getCase(reference) : null;
      if (!found) return sendProblem(reply, { status: 404, title: 'Case not found', detail: `No case has the reference ${reference.slice(0, 40)}.` });
      await recordPersonalDataRead(request, caseReads(found));
      const file = await cases.caseFile(found.reference);
      const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
      const views = file ? liabilityViews(file, request.actor!, ukDate(cases.now()), (id) => names.get(id) ?? 'another officer') : [];
      return {
        ...toApiCase(found),
        lorryDrop: found.lorryDrop,
        liabilities: views.map(liabilityApi),
        timeline: found.timeline.map((t) => ({ title: t.title, description: t.description, actorName: t.actorName, occurredAt: t.occurredAt.toISOString() })),
      };
    },
  });
}
