import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../../platform/database/client.js';
import type { Clock } from '../../platform/clock.js';
import { executeCommand, type FieldError } from '../../platform/events/command.js';
import { readStream } from '../../platform/events/event-store.js';
import { dateInputValues, formErrors, readDateInput, singleFields } from '../../platform/http/forms.js';
import { formatDate } from '../../platform/http/dates.js';
import { PORTS, portName } from '../../domain/reference/ports.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import type { OfficerTrainingRecord, PpstLevel } from '../../domain/training/events.js';
import { defaultPpstExpiry, trainingAlerts, type TrainingAlert } from '../../domain/training/rules.js';
import { officerLines, trainingOverview, type OfficerForOverview } from '../../domain/training/overview.js';
import { REFERRER_ROLES } from '../../domain/training/decisions.js';
import { personAccount } from '../identity/accounts-query.js';
import type { IdentityService } from '../identity/service.js';
import { recordOfficerTraining, TRAINING_RECORDERS, trainingStreamId } from './commands.js';
import { trainingOf, trainingOfOfficers } from './queries.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const access = { access: { roles: TRAINING_RECORDERS } };
const DATE_FIELDS = ['ifcPart1On', 'ifcPart2On', 'ppstPassedOn', 'ppstExpiresOn', 's31aTrainedOn'] as const;
const DATE_LABELS: Record<(typeof DATE_FIELDS)[number], string> = {
  ifcPart1On: 'The date part 1 was completed',
  ifcPart2On: 'The date part 2 was completed',
  ppstPassedOn: 'The date the training was passed',
  ppstExpiresOn: 'The expiry date',
  s31aTrainedOn: 'The date of the civil penalty referral training',
};
export const TRAINING_CONFLICT =
  'Someone else changed this officer’s training while you were working on it. Nothing has been saved: check their changes below, then try again.';

/** The words of the alerts on an officer's home page (module wording, not domain logic). */
export function alertText(alert: TrainingAlert): string {
  switch (alert.kind) {
    case 'ppst-expiring':
      return `Your Public and Personal Safety Training expires on ${formatDate(alert.expiresOn)}: book a refresher.`;
    case 'ppst-expired':
      return `You are out of ticket: your Public and Personal Safety Training expired on ${formatDate(alert.expiresOn)}. Book the course and tell your manager.`;
    case 'ifc-part2-overdue':
      return `You completed Immigration Foundation Course part 1 on ${formatDate(alert.ifcPart1On)} and part 2 is not recorded: it was due by ${formatDate(alert.dueBy)}. Ask your manager for a place.`;
  }
}

const isOfficer = (roles: readonly string[]) => roles.some((role) => (REFERRER_ROLES as readonly string[]).includes(role));

/** A date input left blank is "not recorded"; one partly filled or impossible is an error. */
function optionalDate(body: Record<string, string>, name: string, label: string, errors: FieldError[]): string | null {
  if (!['day', 'month', 'year'].some((part) => (body[`${name}-${part}`] ?? '').trim())) return null;
  const read = readDateInput(body, name, label);
  if (!read.ok) {
    errors.push(read.error);
    return null;
  }
  return read.date;
}

/** The form as a record, or the problems to show beside its fields. */
export function readTrainingForm(body: Record<string, string>): { record: OfficerTrainingRecord; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const dates = Object.fromEntries(DATE_FIELDS.map((name) => [name, optionalDate(body, name, DATE_LABELS[name], errors)])) as Record<(typeof DATE_FIELDS)[number], string | null>;
  const homePort = (body.homePort ?? '').trim();
  if (homePort && !PORTS.some((p) => p.code === homePort)) errors.push({ field: 'homePort', message: 'Choose the home port from the list' });
  const levelText = (body.ppstLevel ?? '').trim();
  let ppst: OfficerTrainingRecord['ppst'] = null;
  if (levelText && levelText !== 'none') {
    if (!['1', '2', '3'].includes(levelText)) errors.push({ field: 'ppstLevel', message: 'Choose the level of Public and Personal Safety Training' });
    else if (!dates.ppstPassedOn) {
      if (!errors.some((e) => e.field === 'ppstPassedOn')) errors.push({ field: 'ppstPassedOn', message: 'Enter the date the training was passed' });
    } else {
      const level = Number(levelText) as PpstLevel;
      // Left blank, the expiry is 12 months after the date passed (level 1: none).
      const expiresOn = dates.ppstExpiresOn ?? defaultPpstExpiry(level, dates.ppstPassedOn);
      ppst = { level, passedOn: dates.ppstPassedOn, expiresOn: level === 1 && !dates.ppstExpiresOn ? null : expiresOn };
    }
  } else if (dates.ppstPassedOn || dates.ppstExpiresOn) {
    errors.push({ field: 'ppstLevel', message: 'Choose the level of Public and Personal Safety Training, or clear its dates' });
  }
  return { record: { homePort: homePort || null, ifcPart1On: dates.ifcPart1On, ifcPart2On: dates.ifcPart2On, ppst, s31aTrainedOn: dates.s31aTrainedOn }, errors };
}

function formValues(record: OfficerTrainingRecord | null): Record<string, string> {
  if (!record) return {};
  return {
    homePort: record.homePort ?? '',
    ppstLevel: record.ppst ? String(record.ppst.level) : 'none',
    ...dateInputValues('ifcPart1On', record.ifcPart1On),
    ...dateInputValues('ifcPart2On', record.ifcPart2On),
    ...dateInputValues('ppstPassedOn', record.ppst?.passedOn),
    ...dateInputValues('ppstExpiresOn', record.ppst?.expiresOn),
    ...dateInputValues('s31aTrainedOn', record.s31aTrainedOn),
  };
}

const DATE_IDS = Object.fromEntries(DATE_FIELDS.map((name) => [name, `${name}-day`]));

function summaryOf(record: OfficerTrainingRecord): string {
  const parts = [
    `home port ${record.homePort ? portName(record.homePort) : 'not recorded'}`,
    `IFC part 1 ${record.ifcPart1On ? formatDate(record.ifcPart1On) : 'not recorded'}`,
    `part 2 ${record.ifcPart2On ? formatDate(record.ifcPart2On) : 'not recorded'}`,
    record.ppst ? `PPST level ${record.ppst.level} passed ${formatDate(record.ppst.passedOn)}${record.ppst.expiresOn ? `, expires ${formatDate(record.ppst.expiresOn)}` : ''}` : 'no PPST',
    `S31A referral training ${record.s31aTrainedOn ? formatDate(record.s31aTrainedOn) : 'not recorded'}`,
  ];
  return parts.join('; ');
}

export function trainingRoutes(app: FastifyInstance, deps: { db: Db; identity: IdentityService; clock: Clock }) {
  const { db, identity, clock } = deps;
  const today = () => ukDate(clock.now());

  async function officers(): Promise<OfficerForOverview[]> {
    const accounts = (await identity.listUsers()).filter((u) => !u.disabled && isOfficer(u.roles));
    const records = await trainingOfOfficers(db, accounts.map((a) => a.id));
    return accounts.map((a) => ({ userId: a.id, name: a.displayName, record: records.get(a.id) ?? null }));
  }

  // The officer's home page shows their alerts (the page's template includes the partial): provided
  // here, for signed-in officers only, without the page's own route knowing.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.routeOptions.url !== '/incidents' || request.authenticatedBy !== 'session') return;
    const actor = request.actor;
    if (!actor || !isOfficer(actor.roles)) return;
    const training = await trainingOf(db, actor.id);
    const alerts = trainingAlerts(training?.record ?? null, today());
    (reply as FastifyReply & { locals: Record<string, unknown> }).locals.trainingAlerts = alerts.map((alert) => ({ kind: alert.kind, text: alertText(alert) }));
  });

  app.get('/training', { config: access }, async (_request, reply) => {
    const list = await officers();
    const groups = trainingOverview(list, today());
    return reply.page('training/views/overview.njk', {
      pageTitle: 'Officers’ training',
      groups: groups.map((g) => ({ ...g, portName: g.port ? portName(g.port) : 'No home port recorded' })),
      officers: officerLines(list, today()).map((o) => ({ ...o, portName: o.homePort ? portName(o.homePort) : 'Not recorded' })),
    });
  });

  app.get('/training.csv', { config: access }, async (_request, reply) => {
    const lines = officerLines(await officers(), today());
    const cell = (value: string) => {
      const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const TICKET: Record<string, string> = { 'in-ticket': 'In ticket', expiring: 'Expires within 30 days', 'out-of-ticket': 'Out of ticket', 'no-ppst': 'No PPST recorded' };
    const rows = [
      ['Officer', 'Home port', 'PPST level', 'PPST expires', 'Ticket', 'Waiting for IFC part 2', 'Trained to refer S31A'],
      ...lines.map((l) => [l.name, l.homePort ? portName(l.homePort) : '', l.ppstLevel ? String(l.ppstLevel) : '', l.expiresOn ?? '', TICKET[l.ticket]!, l.waitingForIfcPart2 ? 'Yes' : 'No', l.s31aTrained ? 'Yes' : 'No']),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="officers-training-${today()}.csv"`)
      .send(`\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`);
  });

  async function officerPage(reply: FastifyReply, userId: string, extra: Record<string, unknown> = {}) {
    const account = UUID.test(userId) ? await personAccount(db, userId) : null;
    if (!account || !isOfficer(account.roles)) return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Officer not found' });
    const training = await trainingOf(db, userId);
    const history = (await readStream(db, trainingStreamId(userId))).reverse().map((event) => ({
      at: event.occurredAt,
      by: event.actorName,
      summary: summaryOf(event.payload as unknown as OfficerTrainingRecord),
    }));
    return reply.page('training/views/officer.njk', {
      pageTitle: `Training of ${account.displayName}`,
      officer: account,
      training,
      version: training?.version ?? 0,
      ports: PORTS.map((p) => ({ value: p.code, text: p.name })),
      values: formValues(training?.record ?? null),
      history,
      ...extra,
    });
  }

  app.get<{ Params: { userId: string } }>('/training/officers/:userId', { config: access }, async (request, reply) => officerPage(reply, request.params.userId));

  app.post<{ Params: { userId: string } }>('/training/officers/:userId', { config: access }, async (request, reply) => {
    const { userId } = request.params;
    const body = singleFields(request.body);
    const { record, errors } = readTrainingForm(body);
    const versionText = body.version ?? '';
    if (!/^\d{1,9}$/.test(versionText)) errors.push({ field: 'version', message: 'Reload the page and try again' });
    if (errors.length) return officerPage(reply.code(422), userId, { values: body, ...formErrors(errors, DATE_IDS) });
    const outcome = await executeCommand(db, recordOfficerTraining, { userId, record }, { actor: request.actor!, expectedVersion: Number(versionText), now: clock.now() });
    if (!outcome.ok) {
      if (outcome.kind === 'not-found') return reply.code(404).page('errors/not-found.njk', { pageTitle: 'Officer not found' });
      if (outcome.kind === 'conflict') return officerPage(reply.code(409), userId, formErrors([{ field: 'version', message: TRAINING_CONFLICT }], { version: 'record' }));
      const problems = 'errors' in outcome && outcome.errors.length ? outcome.errors : [{ field: 'homePort', message: outcome.message }];
      return officerPage(reply.code(outcome.kind === 'forbidden' ? 403 : 422), userId, { values: body, ...formErrors(problems, DATE_IDS) });
    }
    const account = await personAccount(db, userId);
    return reply.confirmation(`Training recorded for ${account?.displayName ?? 'the officer'}.`).redirect(`/training/officers/${userId}`, 303);
  });
}
