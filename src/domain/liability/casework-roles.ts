/*
 * The roles that act on a liability. The identifiers are those of src/modules/identity/roles.ts;
 * they are repeated here because the domain imports nothing from outside src/domain.
 */
export const CASEWORK_ROLES = [
  'caseworker-ao',
  'caseworker-eo',
  'assurer-ho',
  'senior-officer',
  'manager',
  'finance-officer',
] as const;
export type CaseworkRole = (typeof CASEWORK_ROLES)[number];

export const CASEWORK_ROLE_NAMES: Record<CaseworkRole, string> = {
  'caseworker-ao': 'caseworker (AO)',
  'caseworker-eo': 'caseworker (EO)',
  'assurer-ho': 'assurer (HO)',
  'senior-officer': 'senior officer (SO)',
  manager: 'manager',
  'finance-officer': 'finance officer',
};

/** Whoever is acting: a person's id and every role they hold. */
export interface Actor {
  id: string;
  roles: readonly string[];
}

export function holdsAnyRole(actor: Actor, roles: readonly CaseworkRole[]): boolean {
  return actor.roles.some((role) => (roles as readonly string[]).includes(role));
}

/** "a caseworker (AO), a caseworker (EO) or an assurer (HO)". */
export function describeRoles(roles: readonly CaseworkRole[]): string {
  const names = roles.map((role) => {
    const name = CASEWORK_ROLE_NAMES[role];
    return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
  });
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}
