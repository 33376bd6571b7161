import type { CommandDecision } from '../command-decision.js';
import { USER_EVENT } from './events.js';

/*
 * The decisions on a single sign-on user (OpenID Connect). The identity provider vouches for who the
 * person is and, through a claim, which roles they hold; Cordon records their first sign-in as a user
 * keyed by the provider's issuer and subject, and each change of roles the claim brings. A role for
 * machines is never taken from a person's claim: a number-plate reader signs in with an API token.
 */

/** Roles held only by machine clients, never granted to a person through single sign-on. */
export const MACHINE_ROLES: readonly string[] = ['plate-reader'];

/** A person about to be added: the id their issuer and subject give them, the username found free, and whether they are known already. */
export interface SingleSignOnUserToAdd {
  id: string;
  username: string;
  alreadyAdded: boolean;
}

export interface SingleSignOnPerson {
  issuer: string;
  subject: string;
  displayName: string;
  roles: readonly string[];
}

const sorted = (roles: readonly string[]) => [...new Set(roles)].sort();

/** Adds the person at their first sign-in, with the roles their claim maps to: at least one, and none for machines. */
export function decideAddSingleSignOnUser(user: SingleSignOnUserToAdd, person: SingleSignOnPerson): CommandDecision {
  if (user.alreadyAdded) return { ok: false, message: 'This person already has a Cordon user record' };
  const machine = person.roles.filter((role) => MACHINE_ROLES.includes(role));
  if (machine.length) return { ok: false, message: `A person cannot be given a machine role through single sign-on (${machine.join(', ')})` };
  if (person.roles.length === 0) return { ok: false, message: 'The identity provider gives this person no Cordon role' };
  return {
    ok: true,
    events: [
      {
        type: USER_EVENT.SingleSignOnUserAdded,
        payload: { userId: user.id, username: user.username, displayName: person.displayName, roles: sorted(person.roles), issuer: person.issuer, subject: person.subject },
      },
    ],
  };
}

/** A single sign-on user as recorded now. */
export interface SingleSignOnUser {
  id: string;
  roles: readonly string[];
}

/**
 * Records the roles the claim gives the person at this sign-in when they differ from those recorded
 * (none is recorded too: the person then holds no role and is refused). Never a machine role.
 */
export function decideChangeSingleSignOnRoles(user: SingleSignOnUser, input: { roles: readonly string[] }): CommandDecision {
  const machine = input.roles.filter((role) => MACHINE_ROLES.includes(role));
  if (machine.length) return { ok: false, message: `A person cannot be given a machine role through single sign-on (${machine.join(', ')})` };
  const roles = sorted(input.roles);
  const previousRoles = sorted(user.roles);
  if (roles.join('\n') === previousRoles.join('\n')) return { ok: false, message: 'The roles have not changed' };
  return { ok: true, events: [{ type: USER_EVENT.SingleSignOnRolesChanged, payload: { userId: user.id, roles, previousRoles } }] };
}
