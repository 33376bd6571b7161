import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formErrors, readDateInput, dateInputValues } from '../../platform/http/forms.js';
import type { CommandOutcome, FieldError } from '../../platform/events/command.js';
import { formatCountry } from '../../platform/i18n/format.js';
import { ASSURANCE_AREAS, CHECK_OUTCOMES, MEMBER_CHECK_KINDS } from '../../domain/accreditation/assurance-events.js';
import { ASSURANCE_OFFICERS } from './assurance-commands.js';
import type { AssuranceEntry, AssuranceService } from './assurance-service.js';
import { AREA_NAMES, KIND_NAMES, OUTCOME_NAMES, RESULT_NAMES, assuranceProblem, standingWords } from './assurance-wording.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const str = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
const versionOf = (value: unknown) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
const PARTY_ID = /^[\w-]{1,100}$/;

function failureStatus(outcome: CommandOutcome<unknown> & { ok: false }) {
  return outcome.kind === 'conflict' ? 409 : outcome.kind === 'not-found' ? 404 : outcome.kind === 'forbidden' ? 403 : 422;
}

const withWords = (entry: AssuranceEntry) => ({ ...entry, countryName: formatCountry('en', entry.country), standingWords: standingWords(entry.standing), lastCheckKind: entry.lastCheck ? KIND_NAMES[entry.lastCheck.kind] : null });

/** Staff pages of the assurance of members (see README-register.md); the dashboard's reminder. */
export function assuranceRoutes(app: FastifyInstance, deps: { assurance: AssuranceService }) {
  const { assurance } = deps;
  const notFound = (reply: FastifyReply) => reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });

  // The reminder on the manager's dashboard: members whose check is due or overdue (through reply.locals, like questions').
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/dashboard' || !request.actor) return;
    const due = await assurance.dueNow();
    const withLocals = reply as unknown as { locals?: Record<string, unknown> | null };
    withLocals.locals = { ...(withLocals.locals ?? {}), accreditationChecksDue: { ...due, entries: due.entries.map(withWords) } };
  });

  app.get('/accreditation/assurance', { config: { access: { roles: ASSURANCE_OFFICERS } } }, async (_request, reply) => {
    const entries = (await assurance.list()).map(withWords);
    return reply.page('accreditation/views/assurance/list.njk', { pageTitle: 'Assurance of CPAS members', entries, overdue: entries.filter((e) => e.overdue).length, due: entries.filter((e) => e.due).length, dueSoon: entries.filter((e) => e.dueSoon).length, reminderDays: await assurance.reminderDays() });
  });

  const showMember = async (reply: FastifyReply, partyId: string, status = 200, errors: FieldError[] = [], values: Record<string, unknown> = {}) => {
    const found = await assurance.member(partyId);
    if (!found) return notFound(reply);
    const { errorList, fieldErrors } = formErrors(errors, { kind: 'kind', date: 'date-day', outcome: 'outcome', findings: `finding-${ASSURANCE_AREAS[0]}` });
    return reply.code(status).page('accreditation/views/assurance/member.njk', {
      pageTitle: `Assurance: ${found.entry.name}`,
      member: withWords(found.entry),
      checks: found.checks.map((c) => ({ ...c, kindName: KIND_NAMES[c.kind] ?? c.kind, outcomeName: OUTCOME_NAMES[c.outcome] ?? c.outcome, findings: c.findings.map((f) => ({ ...f, areaName: AREA_NAMES[f.area] ?? f.area, resultName: RESULT_NAMES[f.result] ?? f.result })) })),
      version: found.version,
      reminder: found.reminder,
      values: { checkId: randomUUID(), ...dateInputValues('date', assurance.today()), ...values },
      errorList,
      fieldErrors,
      areas: ASSURANCE_AREAS.map((area) => ({ id: area, name: AREA_NAMES[area] })),
      kinds: MEMBER_CHECK_KINDS.map((kind) => ({ value: kind, text: KIND_NAMES[kind], checked: values.kind === kind })),
      outcomes: CHECK_OUTCOMES.map((outcome) => ({ value: outcome, text: OUTCOME_NAMES[outcome], checked: values.outcome === outcome })),
      backLink: '/accreditation/assurance',
    });
  };

  app.get('/accreditation/assurance/:partyId', { config: { access: { roles: ASSURANCE_OFFICERS } } }, async (request, reply) => {
    const { partyId } = request.params as { partyId: string };
    return PARTY_ID.test(partyId) ? showMember(reply, partyId) : notFound(reply);
  });

  app.post('/accreditation/assurance/:partyId/checks', { config: { access: { roles: ASSURANCE_OFFICERS } } }, async (request, reply) => {
    const { partyId } = request.params as { partyId: string };
    if (!PARTY_ID.test(partyId)) return notFound(reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const date = readDateInput(body, 'date', 'The date of the check');
    if (!date.ok) errors.push(date.error);
    const findings = ASSURANCE_AREAS.flatMap((area) => {
      const result = str(body, `finding-${area}`);
      return result === 'met' || result === 'notMet' ? [{ area, result, notes: str(body, `notes-${area}`) }] : [];
    });
    if (errors.length) return showMember(reply, partyId, 422, errors, body);
    const checkId = UUID.test(str(body, 'checkId')) ? str(body, 'checkId') : randomUUID();
    const outcome = await assurance.record(
      { checkId, partyId, kind: str(body, 'kind'), date: date.ok ? date.date : '', findings, outcome: str(body, 'outcome'), notes: str(body, 'notes') },
      { actor: request.actor!, expectedVersion: versionOf(body.version), idempotencyKey: `web:${checkId}`, idempotencyScope: request.actor!.id },
    );
    if (!outcome.ok) {
      const list = 'errors' in outcome && outcome.errors?.length ? outcome.errors : [{ field: 'kind', message: outcome.kind === 'conflict' ? 'Someone else recorded a check of this member while you were writing: check the list below and record it again if it is still needed' : outcome.message }];
      return showMember(reply, partyId, failureStatus(outcome), list.map((e) => ({ field: e.field, message: assuranceProblem(e.message) })), body);
    }
    return reply.confirmation(`Check recorded. The next check is due by ${formatUk(outcome.value.nextCheckDue)}`).redirect(`/accreditation/assurance/${partyId}`, 303);
  });
}

/** "4 December 2026". */
function formatUk(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
