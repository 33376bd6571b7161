/** The roles of the people and machines who use Cordon. Identifiers are used everywhere: CLI, API, tests. */
export const ROLES = {
  'port-officer': 'Border Force port officer',
  'police-officer': 'Police or command-centre officer',
  'caseworker-ao': 'Caseworker (AO)',
  'caseworker-eo': 'Caseworker (EO)',
  'assurer-ho': 'Assurer (HO)',
  'senior-officer': 'Senior officer (SO)',
  manager: 'Manager',
  'finance-officer': 'Finance officer',
  analyst: 'Analyst',
  administrator: 'Administrator',
  'plate-reader': 'Number-plate reader (machine client)',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return value in ROLES;
}

/** Groups used by route access rules, named for what the people in them do. */
export const REFERRERS: readonly Role[] = ['port-officer', 'police-officer'];
export const CASEWORKERS: readonly Role[] = ['caseworker-ao', 'caseworker-eo', 'assurer-ho', 'senior-officer', 'manager'];
export const CASE_READERS: readonly Role[] = [...CASEWORKERS, 'finance-officer', 'analyst'];
export const ADMINISTRATORS: readonly Role[] = ['administrator'];

/** Roles of machines (number-plate readers): they use API tokens, never the web pages. */
export const MACHINE_ROLES: readonly Role[] = ['plate-reader'];

/** The roles that count on the web pages: a machine role never does (an account with only those cannot sign in). */
export function rolesForPages(roles: readonly string[]): string[] {
  return roles.filter((role) => !MACHINE_ROLES.includes(role as Role));
}
/** Who sees the team view at the border (searches and incidents by port and shift): managers and senior officers. */
export const TEAM_VIEWERS: readonly Role[] = ['manager', 'senior-officer'];
