import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/database/client.js';
import { executeCommand, type CommandDefinition, type FieldError } from '../../../platform/events/command.js';
import { asArray, formErrors } from '../../../platform/http/forms.js';
import { ukDate } from '../../../domain/reference/uk-date.js';
import { CASEWORKERS } from '../../identity/roles.js';
import { readDate } from '../action-forms.js';
import type { CaseFile, LiabilityRow } from '../case-file.js';
import type { CasesService } from '../service.js';
import { refusalOf } from '../refusal.js';
import { checkBundleItems, recordWitnessStatement, scheduleHearing } from './appeal-commands.js';
import { appealPreparationOf, HEARING_TYPES } from './appeal-preparation.js';

interface Loaded { file: CaseFile; row: LiabilityRow }
type Step = 'hearing' | 'bundle' | 'witness-statement';

const TITLES: Record<Step, string> = { hearing: 'Record a hearing date', bundle: 'Court bundle checklist', 'witness-statement': 'Record a witness statement' };
const FIELD_IDS = { hearingOn: 'hearingOn-day', madeOn: 'madeOn-day', type: 'type' };
const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');

/** Pages to prepare an appeal for court: hearing dates, the bundle checklist, witness statements. */
export function appealRoutes(app: FastifyInstance, deps: { db: Db; cases: CasesService }) {
  const { db, cases } = deps;
  const base = '/cases/:reference/liabilities/:liabilityId/appeal';
  const access = { config: { access: { roles: CASEWORKERS } } };

  async function load(request: FastifyRequest, reply: FastifyReply): Promise<Loaded | null> {
    const { reference, liabilityId } = request.params as { reference: string; liabilityId: string };
    const file = await cases.caseFile(reference);
    const row = file?.liabilities.find((l) => l.id === liabilityId);
    if (file && row) return { file, row };
    await reply.code(404).page('errors/not-found.njk', { pageTitle: 'Not found' });
    return null;
  }

  function render(reply: FastifyReply, status: number, step: Step, { file, row }: Loaded, values: Record<string, unknown>, errors: FieldError[] = [], refusal: string[] = []) {
    const { errorList, fieldErrors } = formErrors(errors, FIELD_IDS);
    const preparation = appealPreparationOf(file.events, row.id);
    return reply.code(status).page(`casework/appeals/views/${step}.njk`, {
      pageTitle: `${TITLES[step]} – ${file.kase.reference}`,
      title: TITLES[step],
      kase: file.kase,
      person: row,
      appeal: file.states.get(row.id)!.appeal ?? null,
      preparation,
      hearingTypes: Object.entries(HEARING_TYPES).map(([value, label]) => ({ value, text: label, checked: values.type === value })),
      values: { version: file.kase.version, ...values },
      errorList: [...refusal.map((message) => ({ text: message, href: '#appeal-form' })), ...errorList],
      fieldErrors,
      backLink: `/cases/${file.kase.reference}#appeal-${row.id}`,
    });
  }

  async function run<I>(request: FastifyRequest, reply: FastifyReply, step: Step, loaded: Loaded, command: CommandDefinition<I, CaseFile, unknown>, input: unknown) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const version = /^\d+$/.test(text(body, 'version')) ? Number(text(body, 'version')) : undefined;
    const outcome = await executeCommand(db, command, input, { actor: request.actor!, now: cases.now(), expectedVersion: version });
    if (!outcome.ok) {
      const { errors, refusal } = refusalOf(outcome);
      return render(reply, 422, step, loaded, body, errors, refusal);
    }
    const done: Record<Step, string> = { hearing: 'hearing date recorded', bundle: 'court bundle checklist saved', 'witness-statement': 'witness statement recorded' };
    return reply.confirmation(`Appeal by ${loaded.row.partyName}: ${done[step]}`).redirect(`/cases/${loaded.file.kase.reference}#appeal-${loaded.row.id}`, 303);
  }

  for (const step of ['hearing', 'bundle', 'witness-statement'] as const) {
    app.get(`${base}/${step}`, access, async (request, reply) => {
      const loaded = await load(request, reply);
      if (!loaded) return reply;
      const hearingId = text(request.query as Record<string, unknown>, 'hearing');
      const hearing = appealPreparationOf(loaded.file.events, loaded.row.id).hearings.find((h) => h.hearingId === hearingId);
      const [year, month, day] = (hearing?.hearingOn ?? '').split('-');
      const values = hearing ? { hearingId, court: hearing.court, type: hearing.type, 'hearingOn-day': String(Number(day)), 'hearingOn-month': String(Number(month)), 'hearingOn-year': year } : {};
      return render(reply, 200, step, loaded, values);
    });
  }

  app.post(`${base}/hearing`, access, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    const hearingOn = readDate(body, 'hearingOn', 'The date of the hearing');
    if (!hearingOn.ok) errors.push(hearingOn.error);
    if (!text(body, 'court')) errors.push({ field: 'court', message: 'Enter the court' });
    if (!Object.hasOwn(HEARING_TYPES, text(body, 'type'))) errors.push({ field: 'type', message: 'Choose the type of hearing' });
    if (errors.length || !hearingOn.ok) return render(reply, 422, 'hearing', loaded, body, errors);
    const known = appealPreparationOf(loaded.file.events, loaded.row.id).hearings.some((h) => h.hearingId === text(body, 'hearingId'));
    const input = { reference: loaded.file.kase.reference, liabilityId: loaded.row.id, hearingId: known ? text(body, 'hearingId') : randomUUID(), hearingOn: hearingOn.date, court: text(body, 'court'), type: text(body, 'type') };
    return run(request, reply, 'hearing', loaded, scheduleHearing, input);
  });

  app.post(`${base}/bundle`, access, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    return run(request, reply, 'bundle', loaded, checkBundleItems, { reference: loaded.file.kase.reference, liabilityId: loaded.row.id, checked: asArray(body.items) });
  });

  app.post(`${base}/witness-statement`, access, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (!text(body, 'text')) errors.push({ field: 'text', message: 'Enter the witness statement' });
    else if (text(body, 'text').length > 20_000) errors.push({ field: 'text', message: 'The witness statement must be 20,000 characters or fewer' });
    if (!text(body, 'madeBy')) errors.push({ field: 'madeBy', message: 'Enter who made the statement' });
    const madeOn = readDate(body, 'madeOn', 'The date of the statement');
    if (!madeOn.ok) errors.push(madeOn.error);
    else if (madeOn.date > ukDate(cases.now())) errors.push({ field: 'madeOn', message: 'The date of the statement must be today or in the past' });
    if (errors.length || !madeOn.ok) return render(reply, 422, 'witness-statement', loaded, body, errors);
    return run(request, reply, 'witness-statement', loaded, recordWitnessStatement, { reference: loaded.file.kase.reference, liabilityId: loaded.row.id, text: text(body, 'text'), madeBy: text(body, 'madeBy'), madeOn: madeOn.date });
  });
}
