import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, readDateInput } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/events/command.js';
import { TRANSITIONS } from '../../domain/liability/transitions.js';
import type { LiabilityActionType } from '../../domain/liability/actions.js';
import { CASE_READERS, CASEWORKERS } from '../identity/roles.js';
import { ACTION_FORMS, type ActionForm } from './action-forms.js';
import type { CasesService } from './service.js';
import type { PartiesService } from '../parties/service.js';
import type { IdentityService } from '../identity/service.js';
import type { IncidentReader } from './incident-reader.js';
import type { CaseFile, LiabilityRow } from './case-file.js';
import { stepContext, type MembershipOn } from './penalty-facts.js';
import { cpasPanelFor } from './cpas-panel.js';
import { withOfficerNames } from './refusal.js';
import { withReadableDates } from '../../platform/http/dates.js';
import { BEFORE_IMPOSITION } from '../../domain/liability/stages.js';
import { actionConfirmation } from './confirmations.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { decisionSummary, SUMMARISED_DECISIONS } from './decisions/decision-summary.js';
import { outstandingPence } from '../../domain/liability/liability-state.js';
import { formatPounds } from '../../domain/penalty/money.js';
import { meansDecisionSummary } from './means/means-decisions.js';

interface Deps {
  cases: CasesService;
  parties: PartiesService;
  identity: IdentityService;
  borderEvents: IncidentReader;
  /** Extra facts for the calculator (an assured means result), by liability; from the means-testing work. */
  meansFor?: (liabilityId: string) => Promise<import('../../domain/penalty/penalty-input.js').Means | undefined>;
  /** A register entry's CPAS membership status on a date, with its reference (accreditation): the calculator's answer, shown read-only. */
  membershipOn?: MembershipOn;
}

function isActionType(value: string): value is LiabilityActionType {
  return Object.hasOwn(TRANSITIONS, value);
}

/** Turns `?liability=a&liability=b` or a posted `liabilityIds` into a list. */
function liabilityIdsOf(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
}

/**
 * A payment pays one penalty: the record-a-payment form asks which, from the case's imposed
 * penalties by person, role, offence and what is owed (the one whose card the officer came from
 * chosen), so an employer's payment toward its driver's penalty is put on the driver's on purpose.
 */
function paymentTargets(file: CaseFile, chosen: readonly LiabilityRow[]) {
  return file.liabilities
    .filter((row) => file.states.get(row.id)?.penaltyNotice)
    .map((row) => {
      const owed = outstandingPence(file.states.get(row.id)!) ?? 0;
      return {
        value: row.id,
        text: `${row.partyName} (${row.role}, ${row.offence})`,
        hint: owed > 0 ? `${formatPounds(owed)} owed` : 'Nothing owed',
        checked: chosen.length === 1 && chosen[0]!.id === row.id,
      };
    });
}

/**
 * One page per casework step (GOV.UK "one thing per page"): GET shows the step's form for the chosen
 * responsible person(s), POST runs it through the domain's transition table. A refusal re-renders the
 * form with every reason; nothing is saved. The form carries the case version it was drawn from, so
 * two officers acting at once cannot overwrite each other.
 */
export function caseworkRoutes(app: FastifyInstance, deps: Deps) {
  const { cases, parties, identity } = deps;

  async function officerOptions(file: CaseFile) {
    const involved = new Set(file.events.map((event) => event.actorId));
    const users = await identity.listUsers();
    return users
      .filter((user) => !user.disabled && user.roles.some((role) => ['caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'].includes(role)))
      .map((user) => ({ value: user.id, text: `${user.displayName}${involved.has(user.id) ? ' (has acted on this case: cannot be allocated)' : ''}`, disabled: involved.has(user.id) }));
  }

  const parseContext = stepContext(deps);

  /** What each decision decides, for the people it is for (see decisions/decision-summary.ts). */
  async function summariesFor(file: CaseFile, type: LiabilityActionType, rows: LiabilityRow[]) {
    const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
    const incident = file.kase.incidentId ? await deps.borderEvents.incidentForCase(file.kase.id) : null;
    const evidence = ((incident?.evidence ?? []) as { originalName: string; fileHash: string; kind?: string }[]).filter((e) => e.fileHash);
    const context = { file, today: ukDate(cases.now()), officerName: (id: string) => names.get(id) ?? 'an officer no longer listed', evidence };
    return rows.map((row) => decisionSummary(type, row, context)).filter((summary) => summary !== null);
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    file: CaseFile,
    type: LiabilityActionType,
    rows: LiabilityRow[],
    values: Record<string, unknown>,
    errors: FieldError[],
    refusal: string[] = [],
  ) {
    const form: ActionForm = ACTION_FORMS[type];
    const { errorList, fieldErrors } = formErrors(errors, Object.fromEntries(form.fields.map((f) => [f.name, f.kind === 'date' ? `${f.name}-day` : f.kind === 'radios' || f.kind === 'checkboxes' ? `${f.name}` : f.name])));
    const fields = await Promise.all(
      form.fields
        // The accreditation override is never a driver's (no CPAS reduction for a driver).
        .filter((field) => (field.name !== 'cpasOverride' && field.name !== 'cpasOverrideReason') || rows.some((row) => row.role !== 'driver'))
        .map(async (field) => (field.kind === 'select' && field.name === 'officerId' ? { ...field, options: await officerOptions(file) } : field)),
    );
    const summaries = SUMMARISED_DECISIONS.includes(type) ? await summariesFor(file, type, rows) : [];
    const meansSummary = meansDecisionSummary(file, type, rows);
    const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
    const cpasPanel = await cpasPanelFor(deps, file, type, rows, (id) => names.get(id) ?? 'an officer no longer listed');
    return reply.code(errors.length || refusal.length ? 422 : 200).page('casework/views/action.njk', {
      summaries,
      pageTitle: `${form.title} – ${file.kase.reference}`,
      paymentTargets: type === 'recordPayment' ? paymentTargets(file, rows) : null,
      form: { ...form, fields },
      type,
      kase: file.kase,
      people: rows,
      meansSummary,
      cpasPanel,
      values: { ...meansSummary?.prefill, ...values },
      // The guards' dates as people write them ("4 December 2026"); the API keeps the command's own words.
      errorList: [...refusal.map((text) => ({ text: withReadableDates(text), href: '#action-form' })), ...errorList],
      fieldErrors,
      backLink: `/cases/${file.kase.reference}`,
    });
  }

  async function prepare(request: FastifyRequest, reply: FastifyReply) {
    const { reference, type } = request.params as { reference: string; type: string };
    if (!isActionType(type)) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Page not found' });
      return null;
    }
    const file = await cases.caseFile(reference);
    if (!file) {
      await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
      return null;
    }
    const source = request.method === 'GET' ? (request.query as Record<string, unknown>).liability : (request.body as Record<string, unknown> | undefined)?.liabilityIds;
    const ids = liabilityIdsOf(source);
    const rows = file.liabilities.filter((row) => ids.includes(row.id));
    if (rows.length === 0 || rows.length !== new Set(ids).size) {
      await reply.code(400).page('errors/bad-request.njk', { pageTitle: 'Choose a responsible person', message: 'Choose the responsible person this step is for, from the case page.', backLink: `/cases/${file.kase.reference}` });
      return null;
    }
    return { file, type, rows };
  }

  app.get('/cases/:reference/actions/:type', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const prepared = await prepare(request, reply);
    if (!prepared) return reply;
    return render(request, reply, prepared.file, prepared.type, prepared.rows, { version: prepared.file.kase.version }, []);
  });

  app.post('/cases/:reference/actions/:type', { config: { access: { roles: CASE_READERS } } }, async (request, reply) => {
    const prepared = await prepare(request, reply);
    if (!prepared) return reply;
    const { file, type, rows } = prepared;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (type === 'recordPayment' && rows.length > 1) {
      return render(request, reply, file, type, rows, body, [{ field: 'liabilityIds', message: 'Choose the one penalty this payment pays' }]);
    }
    const parsed = ACTION_FORMS[type].parse(body, await parseContext(file, rows));
    if (!parsed.ok) return render(request, reply, file, type, rows, body, parsed.errors);
    const version = typeof body.version === 'string' && /^\d+$/.test(body.version) ? Number(body.version) : undefined;
    const outcome = await cases.act(
      { reference: file.kase.reference, liabilityIds: rows.map((row) => row.id), action: parsed.action as never },
      { actor: request.actor!, expectedVersion: version },
    );
    if (!outcome.ok) {
      if (outcome.kind === 'conflict') return render(request, reply, file, type, rows, { ...body, version: file.kase.version }, [], [outcome.message]);
      const reasons = 'errors' in outcome ? outcome.errors.map((e) => e.message) : [outcome.message];
      const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
      return render(request, reply, file, type, rows, body, [], withOfficerNames(reasons, names));
    }
    return reply.confirmation(actionConfirmation(type, rows.map((row) => row.partyName))).redirect(`/cases/${file.kase.reference}#liability-${rows[0]!.id}`, 303);
  });

  /** The case-level criminal investigation form: applies to every responsible person it can. */
  app.post('/cases/:reference/criminal-investigation', { config: { access: { roles: CASEWORKERS } } }, async (request, reply) => {
    const { reference } = request.params as { reference: string };
    // Each field once, as text: a field sent twice counts by its first value.
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const body = Object.fromEntries(
      ['date', 'date-day', 'date-month', 'date-year', 'outcome', 'note', 'team', 'investigationReference'].map((name) => {
        const value = posted[name];
        return [name, typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined];
      }),
    ) as Record<string, string | undefined>;
    const file = await cases.caseFile(reference);
    if (!file) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Case not found' });
    // The page's GOV.UK date input (day, month, year); a calendar date as one field from older forms.
    const parts = body['date-day'] !== undefined || body['date-month'] !== undefined || body['date-year'] !== undefined;
    const dateRead = parts ? readDateInput(body, 'date', 'The date') : null;
    const date = dateRead ? (dateRead.ok ? dateRead.date : '') : /^\d{4}-\d{2}-\d{2}$/.test(body.date ?? '') ? body.date! : '';
    const outcomeChosen = body.outcome === 'declined' || body.outcome === 'accepted';
    const eligible = file.liabilities.filter((row) => {
      const stage = file.states.get(row.id)!.stage;
      return outcomeChosen ? stage === 'criminal-investigation' : (BEFORE_IMPOSITION as readonly string[]).includes(stage);
    });
    const action = outcomeChosen
      ? { type: 'recordInvestigationOutcome', outcome: body.outcome, decidedOn: date, ...(body.note ? { note: body.note } : {}) }
      : { type: 'referForCriminalInvestigation', referredOn: date, team: (body.team ?? '').trim(), ...(body.investigationReference ? { investigationReference: body.investigationReference } : {}) };
    const problem = !date
      ? dateRead && !dateRead.ok
        ? dateRead.error.message
        : 'Enter the date, for example 25 10 2026'
      : eligible.length === 0
        ? outcomeChosen
          ? 'This case is not waiting for an investigation team’s decision'
          : 'Nobody on this case can be referred now: a case can be referred only before the penalty is imposed'
        : null;
    const outcome = problem ? null : await cases.act({ reference, liabilityIds: eligible.map((row) => row.id), action }, { actor: request.actor! });
    const message = problem ?? (outcome && !outcome.ok ? ('errors' in outcome && outcome.errors.length ? outcome.errors[0]!.message : outcome.message) : null);
    if (message) return reply.redirect(`/cases/${file.kase.reference}?error=${encodeURIComponent(message)}#criminal-investigation`, 303);
    return reply
      .confirmation(actionConfirmation(outcomeChosen ? 'recordInvestigationOutcome' : 'referForCriminalInvestigation', eligible.map((row) => row.partyName)))
      .redirect(`/cases/${file.kase.reference}#criminal-investigation`, 303);
  });
}
