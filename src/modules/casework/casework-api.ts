import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCaseReference } from '../../domain/liability/case-reference.js';
import { z } from 'zod';
import type { Db } from '../../platform/database/client.js';
import { executeCommand, zodFieldErrors, type CommandOutcome, type FieldError } from '../../platform/events/command.js';
import { apiRoute, clientKey } from '../../platform/http/api.js';
import { sendProblem } from '../../platform/http/problem.js';
import { unreadableJson } from '../../platform/events/readable-input.js';
import { describeRoles } from '../../domain/liability/casework-roles.js';
import { LIABILITY_ACTION_TYPES, TRANSITIONS } from '../../domain/liability/transitions.js';
import { stageLabel, type Stage } from '../../domain/liability/stages.js';
import type { LiabilityActionType } from '../../domain/liability/actions.js';
import type { IdentityService } from '../identity/service.js';
import { ROLES, type Role } from '../identity/roles.js';
import { ACTION_FORMS, actionFromValues } from './action-forms.js';
import { CaseNotFound, type CaseAction } from './case-actions.js';
import type { CaseFile, LiabilityRow } from './case-file.js';
import { stepContext, type PenaltyFactsSources } from './penalty-facts.js';
import { withOfficerNames } from './refusal.js';

/*
 * Every casework step on the JSON API, one operation per step so the OpenAPI document describes each
 * body: `POST /api/v1/cases/{reference}/liabilities/{liabilityId}/actions/{action}` for the liability
 * state machine's actions (the body is the step's own schema, the one its web form is checked
 * with) and `POST /api/v1/cases/{reference}/actions/{action}` for case-level steps. Each request
 * carries `expectedVersion` (the case version it acts on) and an Idempotency-Key. A stale version or
 * a key reused with another body is a 409; a step the rules refuse is a 422 with the reasons the
 * case page gives; a role that may not take the step is a 403.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VERSION_MESSAGE = 'Send expectedVersion: the version of the case you are acting on, a whole number (GET /api/v1/cases/{reference} gives it)';
const expectedVersion = z.number({ error: VERSION_MESSAGE }).int(VERSION_MESSAGE).min(0, VERSION_MESSAGE).max(2_147_483_647, VERSION_MESSAGE);

const liabilityStepResult = z.object({
  reference: z.string(),
  version: z.number().int().describe('The case version after the step: send it as expectedVersion with the next step'),
  caseStage: z.string(),
  stages: z.record(z.string(), z.string()).describe('Each liability’s stage after the step, by liability id'),
});
const caseStepResult = z.looseObject({ reference: z.string(), version: z.number().int() });

const problems = {
  403: { description: 'The token’s role may not take this step' },
  404: { description: 'No such case, or no such responsible person on it' },
  409: { description: 'The case changed since expectedVersion (nothing was saved: read it again), or the Idempotency-Key was used for another request' },
  422: { description: 'Field errors, or the step is refused now: `errors` lists every reason, as the case page gives them' },
};

export interface CaseworkApiDeps extends PenaltyFactsSources {
  db: Db;
  identity: IdentityService;
  /** The case-level steps of every module (cases, payments). */
  caseActions: readonly CaseAction[];
}

type Checked = { ok: true; key: { idempotencyKey: string; idempotencyScope: string }; values: Record<string, unknown>; expectedVersion: number; reference: string };

export function caseworkApi(app: FastifyInstance, deps: CaseworkApiDeps) {
  const { cases, identity } = deps;
  const contextFor = stepContext(deps);

  /**
   * What every step checks before it runs (after `apiRoute` has checked the Idempotency-Key: 400): the reference's form (404), a
   * body of readable JSON that matches the step's schema (422). The case itself is read by the step's
   * command (a missing case is its not-found, a 404), or before it when the step needs the file.
   */
  async function check(request: FastifyRequest, reply: FastifyReply, withVersion: z.ZodObject): Promise<Checked | null> {
    const key = clientKey(request);
    const { reference } = request.params as { reference: string };
    if (!isCaseReference(reference)) {
      await caseNotFound(reply, reference);
      return null;
    }
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      await sendProblem(reply, { status: 422, title: 'The request has errors', detail: 'Send a JSON object.', errors: [{ field: '(body)', message: 'Send a JSON object with expectedVersion and the step’s fields' }] });
      return null;
    }
    const unreadable = unreadableJson(body);
    const parsed = unreadable.length ? null : withVersion.safeParse(body);
    if (unreadable.length || !parsed?.success) {
      await sendProblem(reply, {
        status: 422,
        title: 'The request has errors',
        detail: 'Correct the fields listed in errors and send it again.',
        errors: unreadable.length ? unreadable : zodFieldErrors(parsed!.error!),
      });
      return null;
    }
    const { expectedVersion: version, ...values } = parsed.data as Record<string, unknown> & { expectedVersion: number };
    return { ok: true, key, values, expectedVersion: version, reference: reference.toUpperCase() };
  }

  function caseNotFound(reply: FastifyReply, reference: string) {
    return sendProblem(reply, { status: 404, title: 'Case not found', detail: `No case has the reference ${reference.slice(0, 40)}.` });
  }

  function fieldProblems(reply: FastifyReply, errors: FieldError[]) {
    return sendProblem(reply, { status: 422, title: 'The request has errors', detail: 'Correct the fields listed in errors and send it again.', errors });
  }

  /** A command's outcome as the API answers it. */
  async function answer(reply: FastifyReply, outcome: CommandOutcome<unknown>) {
    if (outcome.ok) return reply.code(200).header('idempotent-replayed', String(outcome.replayed)).send(outcome.value);
    switch (outcome.kind) {
      case 'conflict':
        return sendProblem(reply, { status: 409, title: 'Conflict', detail: outcome.message });
      case 'not-found':
        return sendProblem(reply, { status: 404, title: 'Not found', detail: outcome.message });
      case 'forbidden':
        return sendProblem(reply, { status: 403, title: 'Forbidden', detail: outcome.message });
      case 'invalid':
        return fieldProblems(reply, outcome.errors);
      case 'refused': {
        // As the case page shows a refusal: every reason, an officer named rather than numbered.
        const names = new Map((await identity.listUsers()).map((user) => [user.id, user.displayName]));
        const errors = (outcome.errors.length ? outcome.errors : [{ field: 'action', message: outcome.message }]).map((error) => ({
          field: error.field,
          message: withOfficerNames([error.message], names)[0]!,
        }));
        return sendProblem(reply, { status: 422, title: 'Refused', detail: withOfficerNames([outcome.message], names)[0]!, errors });
      }
    }
  }

  for (const type of LIABILITY_ACTION_TYPES) registerLiabilityStep(type);

  function registerLiabilityStep(type: LiabilityActionType) {
    const form = ACTION_FORMS[type];
    // Built once: a zod schema made per request would be compiled again for every request.
    const formWithVersion = form.schema.safeExtend({ expectedVersion });
    const rule = TRANSITIONS[type];
    const from = (Object.keys(rule.from) as Stage[]).map((stage) => `“${stageLabel(stage)}”`).join(', ');
    apiRoute(app, {
      method: 'POST',
      path: `/api/v1/cases/:reference/liabilities/:liabilityId/actions/${type}`,
      tag: 'Casework: a responsible person’s steps',
      summary: form.title,
      description: [
        form.description,
        `Who may: ${describeRoles(rule.roles)}. At the stages ${from}.`,
        rule.outcome ? `Leads to: ${rule.outcome.replace(/`/g, '')}.` : null,
        'The body is the step’s own schema (the one its web form is checked with) and expectedVersion.',
      ]
        .filter(Boolean)
        .join(' '),
      access: { roles: rule.roles },
      body: formWithVersion,
      validateBody: false,
      responses: { 200: { description: 'Done (or, with the same Idempotency-Key and body, done before: header Idempotent-Replayed: true)', schema: liabilityStepResult }, ...problems },
      handler: async (request, reply) => {
        const checked = await check(request, reply, formWithVersion);
        if (!checked) return reply;
        // The step's form needs the case's facts (amounts, dates) to read its fields.
        const file = await cases.caseFile(checked.reference);
        if (!file) return caseNotFound(reply, checked.reference);
        const { liabilityId } = request.params as { liabilityId: string };
        const row: LiabilityRow | undefined = UUID.test(liabilityId) ? file.liabilities.find((l) => l.id === liabilityId.toLowerCase()) : undefined;
        if (!row) return sendProblem(reply, { status: 404, title: 'Not found', detail: `Case ${file.kase.reference} has no responsible person with this id.` });
        const parsed = actionFromValues(type, checked.values, await contextFor(file, [row]));
        if (!parsed.ok) return fieldProblems(reply, parsed.errors);
        const outcome = await cases.act(
          { reference: file.kase.reference, liabilityIds: [row.id], action: parsed.action as never },
          { actor: request.actor!, expectedVersion: checked.expectedVersion, ...checked.key },
        );
        return answer(reply, outcome);
      },
    });
  }

  for (const action of deps.caseActions) {
    const actionWithVersion = action.body.safeExtend({ expectedVersion });
    apiRoute(app, {
      method: 'POST',
      path: `/api/v1/cases/:reference/actions/${action.action}`,
      tag: 'Casework: steps on the case',
      summary: action.title,
      description: [action.description, `Who may: ${action.roles.map((role) => ROLES[role as Role] ?? role).join(', ')}.`, 'The body is the step’s schema and expectedVersion.'].filter(Boolean).join(' '),
      access: { roles: action.roles },
      body: actionWithVersion,
      validateBody: false,
      responses: { 200: { description: 'Done (or done before, with the same Idempotency-Key and body)', schema: caseStepResult }, ...problems },
      handler: async (request, reply) => {
        const checked = await check(request, reply, actionWithVersion);
        if (!checked) return reply;
        const now = cases.now();
        const { reference } = checked;
        let file: Promise<CaseFile> | undefined;
        const request_ = {
          reference,
          // Read only by the steps that need more than the reference: the command reads the case itself.
          file: () =>
            (file ??= cases.caseFile(reference).then((found) => {
              if (!found) throw new CaseNotFound(reference);
              return found;
            })),
          actor: request.actor!,
          // Ids a step derives from the key (a detention, a hearing) are the client's own too.
          idempotencyKey: `${checked.key.idempotencyScope}/${checked.key.idempotencyKey}`,
          now,
        };
        try {
          const prepared = await action.prepare(checked.values, request_);
          if (!prepared.ok) return fieldProblems(reply, prepared.errors);
          const outcome = await executeCommand(deps.db, prepared.command, prepared.input, {
            actor: request.actor!,
            now,
            expectedVersion: checked.expectedVersion,
            ...checked.key,
          });
          // Not found: the case, or a record of it the step names (then the command says which).
          if (!outcome.ok && outcome.kind === 'not-found') await request_.file();
          return answer(reply, outcome);
        } catch (error) {
          if (error instanceof CaseNotFound) return caseNotFound(reply, reference);
          throw error;
        }
      },
    });
  }
}
