/**
 * Who may see the people found (their checks, safeguarding flags, trafficking referrals): the
 * officers who record them and the senior officers and managers responsible. Caseworkers deciding a
 * penalty do not need them and do not see them.
 */
export const PEOPLE_FOUND_ROLES: readonly string[] = ['port-officer', 'police-officer', 'senior-officer', 'manager'];
