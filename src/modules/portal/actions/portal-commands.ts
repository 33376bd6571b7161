import { z } from 'zod';
import type { CommandDefinition, Decision } from '../../../platform/events/command.js';
import type { Actor } from '../../../platform/events/event-store.js';
import { PORTAL_LIABILITY_ACTIONS, PORTAL_USER } from '../../../domain/liability/portal.js';
import type { LiabilityActionType } from '../../../domain/liability/actions.js';
import { decideChangeContactDetails, decideChoosePreferredLanguage, decideRequestMeansTest } from '../../../domain/case/portal-requests.js';
import { LANGUAGES } from '../../../domain/reference/languages.js';
import { caseCommand } from '../../casework/case-command.js';
import { proposeAddressChange, recordResponseDocuments } from '../../correspondence/correspondence-commands.js';

/*
 * The commands a person runs online. Each is the caseworkers' own command (same name, same events,
 * same decision) with two differences: the one role that may run it is `portal-user`, and the
 * liability it acts on must be the signed-in person's own (the actor is `portal:<liabilityId>`,
 * src/modules/portal/session.ts `portalActor`). An owner acting for its driver is not allowed here:
 * paying a driver's penalty (joint liability) is the payment pages' business.
 */

export const PORTAL_ROLES: readonly string[] = [PORTAL_USER];

/** The refusal when the liability is not the person's own: the page answers it as a 404. */
export const NOT_YOURS = 'not-yours';

export function actsForOwnLiability(actor: Actor, liabilityId: string): boolean {
  return actor.roles.includes(PORTAL_USER) && actor.id === `portal:${liabilityId}`;
}

const notYours: Decision = { ok: false, message: NOT_YOURS, errors: [{ field: 'form', message: NOT_YOURS }] };

/** A command with one liability in its input, made the portal's: its role, and the person's own liability only. */
export function forPortal<I extends { liabilityId: string }, S, R>(command: CommandDefinition<I, S, R>): CommandDefinition<I, S, R> {
  return {
    ...command,
    roles: PORTAL_ROLES,
    decide: (state, input, context) => (actsForOwnLiability(context.actor, input.liabilityId) ? command.decide(state, input, context) : notYours),
  };
}

/** The liability step command (`cases.actAs`), made the portal's: only the actions of domain/liability/portal.ts, on the person's own liability. */
export function portalLiabilityStep<I extends { liabilityIds: string[]; action: { type: string } }, S, R>(command: CommandDefinition<I, S, R>): CommandDefinition<I, S, R> {
  return {
    ...command,
    roles: PORTAL_ROLES,
    decide: (state, input, context) => {
      if (!PORTAL_LIABILITY_ACTIONS.includes(input.action.type as LiabilityActionType)) return notYours;
      if (input.liabilityIds.length !== 1 || !actsForOwnLiability(context.actor, input.liabilityIds[0]!)) return notYours;
      return command.decide(state, input, context);
    },
  };
}

/** Documents sent with the response to the initial notice or with an objection. */
export const portalRecordResponseDocuments = forPortal(recordResponseDocuments);
/** A new postal address: waits for a second officer's check, like any proposed by a caseworker. */
export const portalProposeAddressChange = forPortal(proposeAddressChange);

const reference = z.string().trim().min(1);
const document = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), originalName: z.string(), mediaType: z.string(), size: z.number().int().min(1) });

export const requestMeansTestInput = z.object({
  reference,
  liabilityId: z.string().min(1),
  applicant: z.enum(['person', 'company']),
  statement: z.string().trim().max(5000),
  /** ISO 639-1, or 'other': a language Cordon has no code for (a translation is then needed). */
  documentLanguage: z.string().trim().regex(/^([a-z]{2}|other)$/i),
  files: z.array(document).max(10),
});

/** A person or company asks for a means test, with their evidence (new: no caseworker command records this). */
export const requestMeansTest = forPortal(
  caseCommand({ name: 'requestMeansTest', input: requestMeansTestInput, roles: PORTAL_ROLES, decide: decideRequestMeansTest }),
);

export const changeContactDetailsInput = z.object({
  reference,
  liabilityId: z.string().min(1),
  email: z.string().trim().max(254).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
});

/** A person changes the email address or telephone number they can be reached at. */
export const changeContactDetails = forPortal(
  caseCommand({ name: 'changeContactDetails', input: changeContactDetailsInput, roles: PORTAL_ROLES, decide: decideChangeContactDetails }),
);

export const choosePreferredLanguageInput = z.object({
  reference,
  liabilityId: z.string().min(1),
  language: z.enum(LANGUAGES),
});

/** A person chooses the language of their case (the portal's language switcher): their next letters, emails and pages are in it. */
export const choosePreferredLanguage = forPortal(
  caseCommand({ name: 'choosePreferredLanguage', input: choosePreferredLanguageInput, roles: PORTAL_ROLES, decide: decideChoosePreferredLanguage }),
);
