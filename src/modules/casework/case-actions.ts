import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import type { CommandDefinition, FieldError } from '../../platform/events/command.js';
import type { Actor } from '../../platform/events/event-store.js';
import { ukDate } from '../../domain/reference/uk-date.js';
import { CASEWORKERS, type Role } from '../identity/roles.js';
import type { IdentityService } from '../identity/service.js';
import type { PartiesService } from '../parties/service.js';
import type { CaseFile } from './case-file.js';
import type { CasesService } from './service.js';
import { recordAggregateSplit } from './aggregate/aggregate-split.js';
import { addCaseNote, NOTE_WRITERS } from './around/case-notes.js';
import { linkCase, unlinkCase } from './around/case-links.js';
import { linkTarget } from './around/links-section.js';
import { assureMeansAssessment, MEANS_ASSURERS, recordMeansAssessment } from './means/means-commands.js';
import { checkBundleItems, recordWitnessStatement, scheduleHearing } from './appeals/appeal-commands.js';
import { appealPreparationOf, HEARING_TYPES } from './appeals/appeal-preparation.js';
import { assignmentCommands, ASSIGNERS, CASE_OFFICERS, UNASSIGNERS } from './work/assignment.js';
import { workService } from './work/service.js';
import { confirmLiabilityParty } from './link-party.js';
import { CASE_EVENT } from '../../domain/case/events.js';
import { calendarDate, oneOf, requiredText } from './field-schemas.js';

/*
 * The case-level steps (`caseCommand`s and their kin) as the JSON API takes them:
 * `POST /api/v1/cases/{reference}/actions/{action}`. Each says who may (the command's roles), what
 * the request carries (its command's own input schema, less what the path or the server supplies)
 * and how the request becomes the command's input: a record it names is looked up (a letter, the
 * case to link), an id the server gives is derived from the Idempotency-Key so a repeated request is
 * the same request. Uploading response documents stays on the web page (a file upload); so do the
 * debt collection agency's batch files.
 */

export interface CaseActionRequest {
  /** The case's reference, as the path gives it (upper case). */
  reference: string;
  /**
   * The case file, read and folded when first asked (then kept for the request). Most steps need
   * only the reference: their command reads the case itself, once, under its lock. Throws
   * `CaseNotFound` when there is no such case.
   */
  file(): Promise<CaseFile>;
  actor: Actor;
  /** The request's Idempotency-Key (required by the API). */
  idempotencyKey: string;
  now: Date;
}

/** No case has the reference the request names (the API answers 404). */
export class CaseNotFound extends Error {
  constructor(readonly reference: string) {
    super(`No case has the reference ${reference}`);
  }
}

export type Prepared =
  | { ok: true; command: CommandDefinition<unknown, unknown, unknown>; input: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

export interface CaseAction {
  /** The URL segment: the command's business name. */
  action: string;
  /** What the page calls the step (its heading). */
  title: string;
  description?: string;
  /** Who may: the command's roles. */
  roles: readonly string[];
  /** What the request carries, besides `expectedVersion`. */
  body: z.ZodObject;
  prepare(body: Record<string, unknown>, request: CaseActionRequest): Promise<Prepared>;
}

type AnyShape = Record<string, z.ZodType>;

/**
 * The request body of a command whose input is a plain object: its own fields less `reference`
 * (the path gives it) and those the server supplies, with any overridden, unknown fields refused.
 */
export function bodyFromInput(input: z.ZodType, options: { omit?: readonly string[]; override?: AnyShape; optional?: readonly string[] } = {}): z.ZodObject {
  const shape = { ...((input as z.ZodObject).shape as AnyShape) };
  for (const key of ['reference', ...(options.omit ?? [])]) delete shape[key];
  for (const key of options.optional ?? []) if (shape[key]) shape[key] = shape[key].optional();
  return z.strictObject({ ...shape, ...(options.override ?? {}) });
}

/** A UUID the server gives to what a request creates, the same for a repeat of the request. */
export function keyedId(idempotencyKey: string, scope: string): string {
  const hex = createHash('sha256').update(`${scope}\u0000${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The command to run with its input (checked again by the command's own schema). */
export function run<I, S, R>(command: CommandDefinition<I, S, R>, input: Record<string, unknown>): Prepared {
  return { ok: true, command: command as unknown as CommandDefinition<unknown, unknown, unknown>, input };
}

const liabilityId = z.string({ error: 'Choose the responsible person' }).min(1, 'Choose the responsible person').max(100);

export interface CaseActionsDeps {
  db: Db;
  cases: CasesService;
  identity: IdentityService;
  parties: PartiesService;
}

/** Casework's case-level steps on the API (correspondence's and enforcement's are added in src/app.ts). */
export function caseActions(deps: CaseActionsDeps): CaseAction[] {
  const { db } = deps;
  const work = workService(db, { cases: deps.cases, identity: deps.identity });
  const assignment = async () => assignmentCommands(await work.officers());

  return [
    {
      action: 'addCaseNote',
      title: 'Add a note',
      roles: NOTE_WRITERS,
      body: bodyFromInput(addCaseNote.input),
      prepare: async (body, { reference }) => run(addCaseNote, { ...body, reference }),
    },
    {
      action: 'claimCase',
      title: 'Claim this case',
      description: 'Puts the case on your own work list; refused when someone already has it.',
      roles: CASE_OFFICERS,
      body: z.strictObject({}),
      prepare: async (_body, { reference }) => run((await assignment()).claim, { reference }),
    },
    {
      action: 'assignCase',
      title: 'Give this case to an officer',
      roles: ASSIGNERS,
      body: z.strictObject({ officerId: z.uuid({ error: 'Choose the officer to give the case to' }) }),
      prepare: async (body, { reference }) => run((await assignment()).assign, { ...body, reference }),
    },
    {
      action: 'unassignCase',
      title: 'Return it to the queue',
      roles: UNASSIGNERS,
      body: z.strictObject({}),
      prepare: async (_body, { reference }) => run((await assignment()).unassign, { reference }),
    },
    {
      action: 'confirmLiabilityParty',
      title: 'Confirm who the responsible person is',
      description: 'Links the responsible person to an entry of the parties register (find or register it with /api/v1/parties).',
      roles: CASEWORKERS,
      body: bodyFromInput(confirmLiabilityParty.input, { override: { how: z.enum(['confirmed-proposal', 'created-new', 'chosen-by-search']).default('chosen-by-search') } }),
      async prepare(body, { reference, file }) {
        const party = await deps.parties.getParty(String(body.partyId));
        if (!party) return { ok: false, errors: [{ field: 'partyId', message: 'No party in the register has this id' }] };
        return run(confirmLiabilityParty, { ...body, reference });
      },
    },
    {
      action: 'linkCase',
      title: 'Link another case',
      roles: CASEWORKERS,
      body: bodyFromInput(linkCase.input, {
        omit: ['target'],
        override: { linkedReference: requiredText('Enter the reference of the case to link, like CEC-2026-000123', 'The case reference', 20) },
      }),
      async prepare(body, { reference, file }) {
        const { linkedReference, ...rest } = body as { linkedReference: string };
        const target = await linkTarget(db, linkedReference);
        if (!target) return { ok: false, errors: [{ field: 'linkedReference', message: `No case has the reference ${linkedReference}` }] };
        return run(linkCase, { ...rest, target, reference });
      },
    },
    {
      action: 'unlinkCase',
      title: 'Unlink',
      roles: CASEWORKERS,
      body: bodyFromInput(unlinkCase.input),
      prepare: async (body, { reference }) => run(unlinkCase, { ...body, reference }),
    },
    {
      action: 'recordMeansAssessment',
      title: 'Record a means assessment',
      description:
        'The officer’s decision on the means test: a company’s figures (in their currency, converted to whole euros at the recorded rate) or an individual’s monthly payslips. The suggestion is worked out again from the figures; a decision that differs needs a reason.',
      roles: CASEWORKERS,
      body: bodyFromInput(recordMeansAssessment.input, { omit: ['assessmentId'] }),
      prepare: async (body, { reference, file, idempotencyKey }) =>
        run(recordMeansAssessment, { ...body, assessmentId: keyedId(idempotencyKey, `means:${(await file()).kase.id}`), reference }),
    },
    {
      action: 'assureMeansAssessment',
      title: 'Assure the means assessment',
      description: 'By an assurer or senior officer who did not record it: `assure`, or `return` with a reason.',
      roles: MEANS_ASSURERS,
      body: bodyFromInput(assureMeansAssessment.input),
      prepare: async (body, { reference }) => run(assureMeansAssessment, { ...body, reference }),
    },
    {
      action: 'scheduleAppealHearing',
      title: 'Record a hearing date',
      description: 'Give the `hearingId` of a hearing already recorded to change it; leave it out to add one.',
      roles: CASEWORKERS,
      body: bodyFromInput(scheduleHearing.input, {
        optional: ['hearingId'],
        override: {
          hearingOn: calendarDate('The date of the hearing'),
          court: requiredText('Enter the court', 'The court', 200),
          type: oneOf(HEARING_TYPES, 'Choose the type of hearing'),
        },
      }),
      async prepare(body, { reference, file, idempotencyKey }) {
        const known = appealPreparationOf((await file()).events, String(body.liabilityId)).hearings.some((hearing) => hearing.hearingId === body.hearingId);
        if (body.hearingId !== undefined && !known) return { ok: false, errors: [{ field: 'hearingId', message: 'No hearing with this id is recorded for this appeal' }] };
        return run(scheduleHearing, { ...body, hearingId: body.hearingId ?? keyedId(idempotencyKey, `hearing:${(await file()).kase.id}`), reference });
      },
    },
    {
      action: 'checkAppealBundleItems',
      title: 'Court bundle checklist',
      description: '`checked` lists every item ticked after the change; the others are unticked.',
      roles: CASEWORKERS,
      body: bodyFromInput(checkBundleItems.input),
      prepare: async (body, { reference }) => run(checkBundleItems, { ...body, reference }),
    },
    {
      action: 'recordAppealWitnessStatement',
      title: 'Record a witness statement',
      roles: CASEWORKERS,
      body: bodyFromInput(recordWitnessStatement.input, {
        override: {
          text: requiredText('Enter the witness statement', 'The witness statement', 20_000),
          madeBy: requiredText('Enter who made the statement', 'Who made the statement', 200),
          madeOn: calendarDate('The date of the statement'),
        },
      }),
      async prepare(body, { reference, now }) {
        if (String(body.madeOn) > ukDate(now)) return { ok: false, errors: [{ field: 'madeOn', message: 'The date of the statement must be today or in the past' }] };
        return run(recordWitnessStatement, { ...body, reference });
      },
    },
    {
      action: 'recordAggregateSplit',
      title: 'Record the split',
      description: 'A senior officer’s split of the incident’s maximum between the responsible persons of one offence: `amountsPence` by liability id.',
      roles: ['senior-officer'] satisfies Role[],
      body: bodyFromInput(recordAggregateSplit.input),
      prepare: async (body, { reference }) => run(recordAggregateSplit, { ...body, reference }),
    },
  ];
}
