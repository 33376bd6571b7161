import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, type FieldError } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { formErrors } from '../../platform/http/forms.js';
import { isBefore } from '../../domain/clock/calendar-date.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { DETENTION_ENDINGS, DETENTION_RELEASES, detentionCosts, detentionSaleFrom } from '../../domain/payments/detention.js';
import { policyInForce } from '../../domain/policy/policy-in-force.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { readDate, readMoney } from '../casework/action-forms.js';
import type { CaseFile } from '../casework/case-file.js';
import { policyVersionsIn } from '../casework/case-clock.js';
import type { CasePageSection } from '../casework/case-page-sections.js';
import { caseSummaries, penalties } from '../casework/queries.js';
import type { CasesService } from '../casework/service.js';
import { DETENTION_OFFICERS, DETENTION_VIEWERS, detentionsOf, endDetention, recordDetention, type DetentionRecord } from './detention-commands.js';
import { detentions } from './schema.js';

type Body = Record<string, unknown>;
const text = (body: Body, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
const versionOf = (body: Body) => (/^\d+$/.test(text(body, 'version')) ? Number(text(body, 'version')) : undefined);
const mayAct = (actor: Actor) => actor.roles.some((role) => (DETENTION_OFFICERS as readonly string[]).includes(role));

/** A detention as pages show it: costs so far, the sale date and whether sale is possible today. */
function describe(file: CaseFile, detention: DetentionRecord, today: string) {
  const costs = detentionCosts({ startedOn: detention.startedOn, dailyCostPence: detention.dailyCostPence, endedOn: detention.ended?.endedOn ?? null }, today);
  const sale = file.policy.ok ? detentionSaleFrom(file.kase.incidentDate, detention.startedOn, file.policy.policyVersion) : null;
  const state = file.states.get(detention.liabilityId);
  const owed = state ? (outstandingPence(state) ?? 0) : 0;
  const row = file.liabilities.find((l) => l.id === detention.liabilityId);
  return {
    ...detention,
    person: row ? `${row.role.charAt(0).toUpperCase()}${row.role.slice(1)}: ${row.partyName} (${row.offence})` : 'Unknown',
    days: costs.days,
    costsPence: costs.amountPence,
    saleFrom: sale?.ok ? sale.deadline.date : null,
    saleRule: sale?.ok ? sale.deadline.rule : null,
    salePossible: !detention.ended && sale?.ok === true && !isBefore(today, sale.deadline.date) && owed > 0,
    endedLabel: detention.ended ? DETENTION_ENDINGS[detention.ended.how as keyof typeof DETENTION_ENDINGS] : null,
  };
}

/** The `detention` section of the case page (partial `casework/views/sections/detention.njk`). */
export const detentionSection: CasePageSection = {
  name: 'detention',
  async load(file, actor, today) {
    const list = detentionsOf(file).map((detention) => describe(file, detention, today));
    const canRecord = mayAct(actor) && file.liabilities.some((l) => file.states.get(l.id)?.penaltyNotice);
    if (list.length === 0 && !canRecord) return null;
    return { detentions: list, canRecord, canEnd: mayAct(actor) };
  },
};

/** Detaining a vehicle on a case, ending the detention, and the list `/finance/detentions`. */
export function detentionRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService; recordDetention?: typeof recordDetention }) {
  const { db, cases } = deps;
  // With the app's effects (the detention notice) when given.
  const recordDetentionCommand = deps.recordDetention ?? recordDetention;

  async function loadCase(request: FastifyRequest, reply: FastifyReply): Promise<CaseFile | null> {
    const file = await cases.caseFile((request.params as { reference: string }).reference);
    if (!file) await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    return file;
  }

  function renderNew(reply: FastifyReply, file: CaseFile, status = 200, values: Body = {}, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { startedOn: 'startedOn-day', liabilityId: 'liabilityId', form: 'detention-form' });
    const owing = file.liabilities.filter((l) => file.states.get(l.id)?.penaltyNotice);
    return reply.code(status).page('enforcement/views/detention-new.njk', {
      pageTitle: `Record a detained vehicle – ${file.kase.reference}`,
      kase: file.kase,
      people: owing.map((l) => ({ value: l.id, text: `${l.role.charAt(0).toUpperCase()}${l.role.slice(1)}: ${l.partyName} (${l.offence})`, checked: values.liabilityId === l.id || owing.length === 1 })),
      values: { version: file.kase.version, registration: file.kase.vehicleRegistration, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#detention`,
    });
  }

  app.get('/cases/:reference/detentions/new', { config: { access: { roles: DETENTION_OFFICERS } } }, async (request, reply) => {
    const file = await loadCase(request, reply);
    return file ? renderNew(reply, file) : reply;
  });

  app.post('/cases/:reference/detentions', { config: { access: { roles: DETENTION_OFFICERS } } }, async (request, reply) => {
    const file = await loadCase(request, reply);
    if (!file) return reply;
    const body = (request.body ?? {}) as Body;
    const errors: FieldError[] = [];
    const started = readDate(body, 'startedOn', 'The start of detention');
    if (!started.ok) errors.push(started.error);
    const cost = readMoney(body, 'dailyCost', 'The daily cost');
    if (!cost.ok) errors.push(cost.error);
    if (!text(body, 'liabilityId')) errors.push({ field: 'liabilityId', message: 'Choose whose unpaid penalty the vehicle is detained for' });
    if (errors.length) return renderNew(reply, file, 422, body, errors);
    const outcome = await executeCommand(
      db,
      recordDetentionCommand,
      {
        reference: file.kase.reference,
        detentionId: randomUUID(),
        liabilityId: text(body, 'liabilityId'),
        registration: text(body, 'registration'),
        place: text(body, 'place'),
        startedOn: started.ok ? started.date : '',
        dailyCostPence: cost.ok ? cost.pence : 0,
      },
      { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) },
    );
    if (!outcome.ok) return renderNew(reply, file, 422, body, 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'form', message: outcome.message }]);
    return reply.confirmation(`Detention of vehicle ${text(body, 'registration').toUpperCase()} recorded`).redirect(`/cases/${file.kase.reference}#detention`, 303);
  });

  function renderEnd(reply: FastifyReply, file: CaseFile, detention: DetentionRecord, status = 200, values: Body = {}, errors: FieldError[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, { endedOn: 'endedOn-day', form: 'end-form' });
    const today = ukDate(cases.now());
    const described = describe(file, detention, today);
    const endings = [...Object.entries(DETENTION_RELEASES), ...(described.salePossible ? [['sold', DETENTION_ENDINGS.sold] as const] : [])];
    return reply.code(status).page('enforcement/views/detention-end.njk', {
      pageTitle: `End the detention of ${detention.registration} – ${file.kase.reference}`,
      kase: file.kase,
      detention: described,
      endings: endings.map(([value, label]) => ({ value, text: label, checked: values.how === value })),
      values: { version: file.kase.version, ...values },
      errorList,
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#detention`,
    });
  }

  async function loadDetention(request: FastifyRequest, reply: FastifyReply) {
    const file = await loadCase(request, reply);
    if (!file) return null;
    const { detentionId } = request.params as { detentionId: string };
    const detention = detentionsOf(file).find((d) => d.detentionId === detentionId);
    if (!detention) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Detention not found' });
      return null;
    }
    return { file, detention };
  }

  app.get('/cases/:reference/detentions/:detentionId/end', { config: { access: { roles: DETENTION_OFFICERS } } }, async (request, reply) => {
    const loaded = await loadDetention(request, reply);
    return loaded ? renderEnd(reply, loaded.file, loaded.detention) : reply;
  });

  app.post('/cases/:reference/detentions/:detentionId/end', { config: { access: { roles: DETENTION_OFFICERS } } }, async (request, reply) => {
    const loaded = await loadDetention(request, reply);
    if (!loaded) return reply;
    const body = (request.body ?? {}) as Body;
    const errors: FieldError[] = [];
    if (!text(body, 'how')) errors.push({ field: 'how', message: 'Choose how the detention ended' });
    const ended = readDate(body, 'endedOn', 'The date the detention ended');
    if (!ended.ok) errors.push(ended.error);
    if (errors.length) return renderEnd(reply, loaded.file, loaded.detention, 422, body, errors);
    const outcome = await executeCommand(
      db,
      endDetention,
      { reference: loaded.file.kase.reference, detentionId: loaded.detention.detentionId, how: text(body, 'how'), endedOn: ended.ok ? ended.date : '' },
      { actor: request.actor!, now: cases.now(), expectedVersion: versionOf(body) },
    );
    if (!outcome.ok) return renderEnd(reply, loaded.file, loaded.detention, 422, body, 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'form', message: outcome.message }]);
    return reply.confirmation('End of the detention recorded').redirect(`/cases/${loaded.file.kase.reference}#detention`, 303);
  });

  app.get('/finance/detentions', { config: { access: { roles: DETENTION_VIEWERS } } }, async (_request, reply) => {
    const today = ukDate(cases.now());
    const versions = await policyVersionsIn(db);
    const rows = await db
      .select({ detention: detentions, reference: caseSummaries.reference, incidentDate: caseSummaries.incidentDate, partyName: penalties.partyName, role: penalties.role, outstanding: sql<number | null>`${penalties.outstandingPence}` })
      .from(detentions)
      .innerJoin(caseSummaries, eq(caseSummaries.caseId, detentions.caseId))
      .leftJoin(penalties, eq(penalties.liabilityId, detentions.liabilityId))
      .orderBy(sql`${detentions.endedOn} is not null`, asc(detentions.startedOn));
    const list = rows.map((row) => {
      const policy = policyInForce(versions, row.incidentDate);
      const sale = policy.ok ? detentionSaleFrom(row.incidentDate, row.detention.startedOn, policy.policyVersion) : null;
      const costs = detentionCosts(row.detention, today);
      const owed = row.outstanding === null ? null : Number(row.outstanding);
      return {
        ...row,
        days: costs.days,
        costsPence: costs.amountPence,
        saleFrom: sale?.ok ? sale.deadline.date : null,
        salePossible: !row.detention.endedOn && sale?.ok === true && !isBefore(today, sale.deadline.date) && (owed === null || owed > 0),
        endedLabel: row.detention.endedHow ? DETENTION_ENDINGS[row.detention.endedHow as keyof typeof DETENTION_ENDINGS] : null,
      };
    });
    return reply.page('enforcement/views/detentions.njk', { pageTitle: 'Detained vehicles', list, today, held: list.filter((d) => !d.detention.endedOn).length });
  });
}
